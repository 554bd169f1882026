//! Interning: ids for family names and ranges, by value and, on the fast
//! path, by the address of their shared contents.

use std::sync::Arc;

use rer_version::VersionRange;
use rustc_hash::FxHashMap;

/// A range interned by its value *and* its spelling: `0.1` and `0-1` are
/// equal versions, but a requirement prints as it was written, so two
/// spellings of one range get two ids. Interning by value alone would give
/// every later solve the spelling the first one met, and what a solver
/// remembers must never change an answer's text.
#[derive(Clone)]
pub(super) struct Spelled(pub(super) VersionRange);

impl PartialEq for Spelled {
    fn eq(&self, other: &Self) -> bool {
        // the text only when the values are equal: rarely, and never on the
        // by-address fast path
        self.0 == other.0 && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Spelled {}

impl std::hash::Hash for Spelled {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // by value: equal spellings are equal values
        self.0.hash(state);
    }
}

/// The ranges `ranges` in the order of their text: an order that does not
/// depend on which ids a solver handed out first, for the set operations
/// whose result's spelling depends on their operands' order.
pub(super) fn in_text_order(mut ranges: Vec<VersionRange>) -> Vec<VersionRange> {
    ranges.sort_by_cached_key(ToString::to_string);
    ranges
}

/// Interned values by content, with a fast path by the address of their
/// shared (reference-counted) contents: requirements parsed from the same
/// text share one allocation, so most lookups need no hashing of contents.
pub(super) struct Interner<T> {
    pub(super) map: FxHashMap<T, u32>,
    /// Address of a value's shared contents -> id. Every address here
    /// belongs to a value in `items` or `alive`, kept alive so the address
    /// cannot be reused by another value while the interner lives.
    pub(super) by_addr: FxHashMap<usize, u32>,
    pub(super) items: Vec<T>,
    pub(super) alive: Vec<T>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            map: FxHashMap::default(),
            by_addr: FxHashMap::default(),
            items: Vec::new(),
            alive: Vec::new(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    /// The id of `value` whose shared contents live at `addr`, added when
    /// new.
    pub(super) fn intern(&mut self, value: &T, addr: usize) -> u32 {
        if let Some(&id) = self.by_addr.get(&addr) {
            return id;
        }
        let (id, known) = self.intern_value(value);
        if known {
            // another allocation of a known value: remembered by address
            // too, up to a bound (a provider that keeps handing out new
            // allocations must not make the interner grow without end)
            if self.alive.len() >= MAX_ALIASES {
                return id;
            }
            self.alive.push(value.clone());
        }
        self.by_addr.insert(addr, id);
        id
    }

    /// The id of `value` by its contents, added when new; and whether it
    /// was known already.
    pub(super) fn intern_value(&mut self, value: &T) -> (u32, bool) {
        if let Some(&id) = self.map.get(value) {
            return (id, true);
        }
        let id = self.items.len() as u32;
        self.items.push(value.clone());
        self.map.insert(value.clone(), id);
        (id, false)
    }
}

/// How many extra allocations of already-interned values an interner
/// remembers by address.
pub(super) const MAX_ALIASES: usize = 1 << 20;

/// The address of a name's shared text.
pub(super) fn name_addr(name: &Arc<str>) -> usize {
    Arc::as_ptr(name).cast::<u8>() as usize
}

/// The address of a range's shared bounds (never empty: every range has
/// at least one bound, and an empty slice would not be shared).
pub(super) fn range_addr(range: &VersionRange) -> Option<usize> {
    let bounds = range.bounds();
    (!bounds.is_empty()).then_some(bounds.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_beyond_the_bound_still_get_their_value_id() {
        let mut interner: Interner<Arc<str>> = Interner::default();
        let first: Arc<str> = Arc::from("x");
        let id = interner.intern(&first, name_addr(&first));
        for _ in 0..MAX_ALIASES + 10 {
            let alias: Arc<str> = Arc::from("x");
            assert_eq!(interner.intern(&alias, name_addr(&alias)), id);
        }
        assert_eq!(interner.alive.len(), MAX_ALIASES);
        assert_eq!(interner.items.len(), 1);
    }
}
