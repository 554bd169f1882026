//! Where rez's repository iteration puts each version of a family: the
//! rank the solver consults wherever rez's order shows (ties in its sorts,
//! a total reduction's list, an unsorted slice's first entry).

use rer_repo::Family;

/// Each version's place (by position) in the order rez's repository
/// iterates `family` in under `PYTHONHASHSEED` `seed`, or `None` when that
/// order is ascending version order.
pub(crate) fn listing_rank_of(family: &Family, seed: u32) -> Option<Box<[u32]>> {
    let order = family.listing_order();
    if order.is_ascending() {
        return None;
    }
    let sequence = order.sequence(family.len(), seed);
    let mut rank = vec![0u32; family.len()].into_boxed_slice();
    for (place, &pos) in sequence.iter().enumerate() {
        if let Some(slot) = rank.get_mut(pos as usize) {
            *slot = place as u32;
        }
    }
    let ascending = rank.iter().enumerate().all(|(i, &r)| r as usize == i);
    (!ascending).then_some(rank)
}
