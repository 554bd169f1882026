//! [`ListingOrder`]: the order in which rez's repository iterates a
//! family's versions.

use std::sync::Arc;

use rer_pyhash::{HashSecret, PySet};

/// The order in which rez's repository plugin yields a family's packages
/// (rez's `iter_packages`), first to last.
///
/// rez's solver keeps that order wherever its own sorts leave versions tied
/// (every version under the `no_order` orderer, equal keys under any other
/// orderer) and in the list of a total reduction of a slice not yet sorted.
/// A provider that knows the order attaches it with
/// [`Family::with_listing_order`](crate::Family::with_listing_order); the
/// default, [`ListingOrder::Ascending`], is version order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ListingOrder {
    /// Ascending version order (a provider that does not model rez's order).
    #[default]
    Ascending,
    /// The order of each root in the provider's search order, roots one
    /// after the other; a version listed again by a later root (or equal
    /// to one listed earlier, as rez's `1.0` and `1-0` are) is skipped, as
    /// rez's `iter_packages` skips a `(name, version)` it has seen.
    Roots(Arc<[RootListing]>),
}

/// How one root of a repository lists a family's versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RootListing {
    /// Positions in [`Family::versions`](crate::Family::versions), first to
    /// last (rez's memory repository: its dict's order; a combined
    /// `<family>.py`: its `versions` list). `None` for an entry whose
    /// version the family does not hold.
    Sequence(Vec<Option<u32>>),
    /// rez's filesystem repository: the version directory names in the
    /// order `os.listdir` gave them, each with its version's position in
    /// [`Family::versions`] (`None` when the family holds that version from
    /// another directory). rez iterates them as `list(set(names))`, so the
    /// order follows CPython's string hash, which `PYTHONHASHSEED` seeds.
    DirectoryNames(Vec<(Box<str>, Option<u32>)>),
}

impl ListingOrder {
    /// Whether this is version order, whatever the hash seed.
    pub fn is_ascending(&self) -> bool {
        matches!(self, ListingOrder::Ascending)
    }

    /// The positions `0..len` of a family's versions in rez's iteration
    /// order, in a Python process whose `PYTHONHASHSEED` is `hash_seed`.
    /// Every position appears once: those the listing does not name come
    /// last, ascending (they cannot occur for a provider that lists every
    /// version it holds).
    pub fn sequence(&self, len: usize, hash_seed: u32) -> Vec<u32> {
        let ListingOrder::Roots(roots) = self else {
            return (0..len as u32).collect();
        };
        let mut seen = vec![false; len];
        let mut out = Vec::with_capacity(len);
        let mut take = |pos: Option<u32>, out: &mut Vec<u32>| {
            if let Some(pos) = pos {
                if let Some(slot) = seen.get_mut(pos as usize) {
                    if !*slot {
                        *slot = true;
                        out.push(pos);
                    }
                }
            }
        };
        let mut secret = None;
        for root in roots.iter() {
            match root {
                RootListing::Sequence(positions) => {
                    for &pos in positions {
                        take(pos, &mut out);
                    }
                }
                RootListing::DirectoryNames(names) => {
                    let secret = secret.get_or_insert_with(|| HashSecret::from_seed(hash_seed));
                    let mut set = PySet::new();
                    for (i, (name, _)) in names.iter().enumerate() {
                        set.insert(i, secret.hash_str(name));
                    }
                    for &i in set.iter() {
                        take(names[i].1, &mut out);
                    }
                }
            }
        }
        if out.len() < len {
            out.extend((0..len as u32).filter(|&p| !seen[p as usize]));
        }
        out
    }
}
