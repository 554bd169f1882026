//! What the solver remembers of sets of packages: family information,
//! the facts of whole packages, the reductions they are known to undergo,
//! and short lists of requirement codes.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap;

use super::{FamId, RangeId};
use crate::bitset::BitSet;

/// Which families the variants of a slice require (rez's `common_fams`
/// and `fam_requires`).
pub(crate) struct FamInfo {
    /// Families every variant requires (non-conflict), ascending ids.
    pub(crate) common: Arc<[FamId]>,
    /// Families some variant names, conflicts included (for a slice
    /// derived from another, possibly a superset).
    pub(crate) requires: Arc<BitSet>,
    by_name: OnceLock<Arc<[FamId]>>,
}

impl FamInfo {
    /// The information `common` and `requires`.
    pub(crate) fn new(common: Arc<[FamId]>, requires: Arc<BitSet>) -> FamInfo {
        FamInfo {
            common,
            requires,
            by_name: OnceLock::new(),
        }
    }

    /// Whether some variant may name `fam`.
    #[inline]
    pub(crate) fn requires(&self, fam: FamId) -> bool {
        self.requires.contains(fam as usize)
    }

    /// The families some variant may name.
    pub(crate) fn required(&self) -> impl Iterator<Item = FamId> + '_ {
        self.requires.ones().map(|f| f as FamId)
    }

    /// `common` in name order (sorted by `sort` the first time).
    pub(crate) fn common_by_name(&self, sort: impl FnOnce(&mut [FamId])) -> Arc<[FamId]> {
        Arc::clone(self.by_name.get_or_init(|| {
            let mut v = self.common.to_vec();
            sort(&mut v);
            v.into()
        }))
    }
}

/// What the variants of a set of whole packages of one family require,
/// remembered per set of versions (any slice holding exactly these
/// packages, all variants of each, has these facts).
pub(crate) struct Facts {
    /// The id of this set of versions in its family (see
    /// [`FamCache::verset_id`]).
    id: u64,
    /// The positions of the packages in the family, as bit words.
    verset: Box<[u64]>,
    /// Their family information (exact).
    pub(crate) info: Arc<FamInfo>,
    /// The distinct codes on each family some variant names, once known,
    /// at that family's rank in `info.requires`: read without a lock, as
    /// solves on every thread ask for them all the time.
    codes: Box<[OnceLock<CodeList>]>,
    /// What requests for exactly the versions of a set (of another
    /// family, by id) are known to remove from these variants: nothing
    /// (`None`), or some but not all of them.
    reductions: Mutex<FxHashMap<u64, Option<Arc<Removal>>>>,
    /// What a slice of these packages extracts, once known: each common
    /// family, in name order, with the union of the variants' ranges.
    extraction: OnceLock<Box<[(FamId, RangeId)]>>,
}

/// The most sets remembered in [`Facts::reductions`] (beyond, reductions
/// are computed every time).
pub(super) const MAX_REDUCTIONS: usize = 1 << 12;

/// What a request removes from a set of whole packages, when it removes
/// some variants but not all.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Removal {
    /// The versions (positions in the family) it removes whole.
    pub(crate) gone: BitSet,
    /// The versions it removes some variants of, ascending, each with the
    /// variant positions it keeps (ascending).
    pub(crate) partial: Box<[(u32, Box<[u16]>)]>,
}

impl Removal {
    /// The variant positions kept of version `idx`, when only some are.
    pub(crate) fn kept(&self, idx: u32) -> Option<&[u16]> {
        let i = self.partial.binary_search_by_key(&idx, |p| p.0).ok()?;
        self.partial.get(i).map(|p| &p.1[..])
    }
}

impl Facts {
    /// Facts with `info` of the packages at the positions in `verset`
    /// (whose id is `id`), no codes known yet.
    pub(crate) fn new(info: Arc<FamInfo>, verset: Box<[u64]>, id: u64) -> Facts {
        let codes = (0..info.requires.count())
            .map(|_| OnceLock::new())
            .collect();
        Facts {
            id,
            verset,
            info,
            codes,
            reductions: Mutex::new(FxHashMap::default()),
            extraction: OnceLock::new(),
        }
    }

    /// The positions of the packages in the family, as bit words.
    pub(crate) fn verset(&self) -> &[u64] {
        &self.verset
    }

    /// The distinct codes on `fam`, if known.
    #[inline]
    pub(crate) fn codes(&self, fam: FamId) -> Option<CodeList> {
        let rank = self.info.requires.rank(fam as usize)?;
        self.codes.get(rank)?.get().cloned()
    }

    /// Records the distinct codes on `fam` (a family no variant names has
    /// none, and is not recorded).
    pub(crate) fn set_codes(&self, fam: FamId, codes: &CodeList) {
        let cell = self
            .info
            .requires
            .rank(fam as usize)
            .and_then(|rank| self.codes.get(rank));
        if let Some(cell) = cell {
            let _ = cell.set(codes.clone());
        }
    }

    /// What a slice of these packages extracts, if known.
    pub(crate) fn extraction(&self) -> Option<&[(FamId, RangeId)]> {
        self.extraction.get().map(|e| &e[..])
    }

    /// Records what a slice of these packages extracts.
    pub(crate) fn set_extraction(&self, extraction: &[(FamId, RangeId)]) {
        let _ = self.extraction.set(extraction.into());
    }

    /// The id of this set of versions.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// What a request for exactly the versions of set `other` (of another
    /// family, see [`FamCache::verset_id`]) is known to remove from these
    /// variants: `Some(None)` nothing, `Some(Some(_))` some but not all,
    /// `None` not known.
    pub(crate) fn known_reduction(&self, other: u64) -> Option<Option<Arc<Removal>>> {
        let map = self
            .reductions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        map.get(&other).cloned()
    }

    /// Records what a request for exactly the versions of set `other`
    /// removes from these variants (`None`: nothing).
    pub(crate) fn set_reduction(&self, other: u64, removal: Option<Arc<Removal>>) {
        let mut map = self
            .reductions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if map.len() < MAX_REDUCTIONS {
            map.insert(other, removal);
        }
    }
}

/// A short list of requirement codes: inline up to three (the usual case),
/// shared beyond, so that copying one out takes no allocation and, mostly,
/// no atomic reference count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodeList {
    /// At most three codes.
    Few(u8, [u32; 3]),
    /// More.
    Many(Arc<[u32]>),
}

impl CodeList {
    /// The list holding `codes`.
    pub(crate) fn new(codes: &[u32]) -> CodeList {
        match codes {
            [] => CodeList::Few(0, [0; 3]),
            [a] => CodeList::Few(1, [*a, 0, 0]),
            [a, b] => CodeList::Few(2, [*a, *b, 0]),
            [a, b, c] => CodeList::Few(3, [*a, *b, *c]),
            _ => CodeList::Many(Arc::from(codes)),
        }
    }

    /// The codes.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            CodeList::Few(n, buf) => &buf[..*n as usize],
            CodeList::Many(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_remember_only_the_reductions_recorded() {
        let info = Arc::new(FamInfo::new(
            Arc::from(Vec::new()),
            Arc::new(BitSet::default()),
        ));
        let facts = Facts::new(info, Box::from([0b1u64]), 7);
        assert_eq!(facts.id(), 7);
        assert_eq!(facts.verset(), &[0b1u64]);
        assert_eq!(facts.known_reduction(3), None);
        facts.set_reduction(3, None);
        assert_eq!(facts.known_reduction(3), Some(None));
        let mut gone = BitSet::default();
        gone.insert(0);
        let removal = Arc::new(Removal {
            gone,
            partial: Box::from([(2, Box::from([1u16]))]),
        });
        facts.set_reduction(4, Some(Arc::clone(&removal)));
        assert_eq!(facts.known_reduction(4), Some(Some(removal)));
        assert_eq!(facts.known_reduction(5), None);
        assert!(facts.extraction().is_none());
        facts.set_extraction(&[(2, 5)]);
        assert_eq!(facts.extraction(), Some(&[(2u32, 5u32)][..]));
    }
}
