//! Variant slices: the candidate variants of one family within a scope
//! (rez's `_PackageEntry` and `_PackageVariantSlice`).
//!
//! A slice is a list of entries (one per version, in listing order until the
//! slice is first split, then version descending), each listing some
//! variants of its package. Slices are immutable once built, except for the
//! two in-place sorts rez performs (of a slice's entries, and of an entry's
//! variant list), which rez's failure descriptions can observe and which are
//! reproduced here.

use std::cell::Cell;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use rer_version::{Requirement, VersionRange};

use crate::bitset::BitSet;
use crate::error::SolveError;
use crate::store::{FamId, LReq, Pkg, Res, Store, VarList};

/// The variants of one package version within a slice.
#[derive(Clone)]
pub(crate) struct Entry {
    /// The package.
    pub(crate) pkg: Rc<Pkg>,
    /// Its variants here, in their current order (shared, see [`VarList`]).
    pub(crate) list: Rc<VarList>,
}

impl Entry {
    /// Sorts the variants preferred-first, in place, unless already sorted.
    pub(crate) fn sort(&self, store: &Store<'_>) -> Res<()> {
        if self.list.canonical.get() {
            return Ok(());
        }
        let order = self.list.order.borrow().clone();
        let mut keyed = Vec::with_capacity(order.len());
        for pos in order {
            keyed.push((store.sort_key(&self.pkg, pos)?, pos));
        }
        let mode = store.mode();
        keyed.sort_by(|a, b| b.0.cmp(a.0, mode));
        *self.list.order.borrow_mut() = keyed.into_iter().map(|(_, p)| p).collect();
        self.list.canonical.set(true);
        Ok(())
    }

    /// The first `n` variants (sorted) and the rest, or `None` when `n`
    /// covers them all.
    fn split(&self, store: &Store<'_>, n: usize) -> Res<Option<(Entry, Entry)>> {
        if n >= self.list.len() {
            return Ok(None);
        }
        self.sort(store)?;
        let order = self.list.order.borrow();
        let head = Entry {
            pkg: Rc::clone(&self.pkg),
            list: VarList::new(order[..n].to_vec(), true),
        };
        let tail = Entry {
            pkg: Rc::clone(&self.pkg),
            list: VarList::new(order[n..].to_vec(), true),
        };
        Ok(Some((head, tail)))
    }
}

/// Which families a slice's variants require.
pub(crate) struct FamInfo {
    /// Families every variant requires (non-conflict), ascending ids.
    common: Vec<FamId>,
    /// Families any variant names, conflicts included.
    requires: BitSet,
}

/// The outcome of reducing a slice by a scope's request.
pub(crate) enum Reduce {
    /// Nothing removed.
    Same,
    /// Some variants removed.
    Changed(Rc<Slice>),
    /// Every variant removed: the variants and the requirement of each that
    /// conflicted.
    Total(Vec<(Rc<Pkg>, u16, Requirement)>),
}

/// What another scope asks of a family, for reductions.
pub(crate) enum ScopeReq<'s> {
    /// A scope holding variants: exactly the versions of its slice.
    Versions(&'s Slice),
    /// A conflict or ephemeral scope: its requirement.
    Req(&'s Requirement),
}

/// The candidate variants of one family.
pub(crate) struct Slice {
    /// The family.
    pub(crate) fam: FamId,
    entries: RefCell<Rc<[Entry]>>,
    sorted: Cell<bool>,
    extracted: Rc<[FamId]>,
    info: OnceCell<Rc<FamInfo>>,
    len: usize,
    verset: OnceCell<Rc<BitSet>>,
}

impl Slice {
    /// A fresh slice of `entries` (nothing extracted yet).
    pub(crate) fn new(fam: FamId, entries: Vec<Entry>, sorted: bool) -> Slice {
        let len = entries.iter().map(|e| e.list.len()).sum();
        Slice {
            fam,
            entries: RefCell::new(entries.into()),
            sorted: Cell::new(sorted),
            extracted: Rc::from(Vec::new()),
            info: OnceCell::new(),
            len,
            verset: OnceCell::new(),
        }
    }

    /// rez's `_copy`: a new slice over `entries`, keeping the sortedness.
    fn copy_with(&self, entries: Vec<Entry>) -> Slice {
        Slice::new(self.fam, entries, self.sorted.get())
    }

    /// The entries, in their current order.
    pub(crate) fn entries(&self) -> Rc<[Entry]> {
        Rc::clone(&self.entries.borrow())
    }

    /// The number of variants.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The first variant (sorting the first entry first).
    pub(crate) fn first_variant(&self, store: &Store<'_>) -> Res<(Rc<Pkg>, u16)> {
        let entries = self.entries();
        let first = entries
            .first()
            .ok_or_else(|| SolveError::Internal("empty variant slice".into()))?;
        first.sort(store)?;
        let pos = first
            .list
            .order
            .borrow()
            .first()
            .copied()
            .ok_or_else(|| SolveError::Internal("empty package entry".into()))?;
        Ok((Rc::clone(&first.pkg), pos))
    }

    fn info(&self, store: &Store<'_>) -> Res<&FamInfo> {
        if let Some(info) = self.info.get() {
            return Ok(info);
        }
        let (pkg, pos) = self.first_variant(store)?;
        let mut common: Vec<FamId> = store.reqs(&pkg, pos)?.names.to_vec();
        let mut requires = BitSet::default();
        for entry in self.entries().iter() {
            let order = entry.list.order.borrow();
            for &pos in order.iter() {
                let reqs = store.reqs(&entry.pkg, pos)?;
                common.retain(|f| reqs.names.binary_search(f).is_ok());
                for &f in reqs.names.iter().chain(reqs.conflict_names.iter()) {
                    requires.insert(f as usize);
                }
            }
        }
        let _ = self.info.set(Rc::new(FamInfo { common, requires }));
        self.info
            .get()
            .map(|i| &**i)
            .ok_or_else(|| SolveError::Internal("slice info not stored".into()))
    }

    /// Whether some family every variant requires has not been extracted yet.
    pub(crate) fn extractable(&self, store: &Store<'_>) -> Res<bool> {
        let info = self.info(store)?;
        Ok(info.common.iter().any(|f| !self.extracted.contains(f)))
    }

    /// The versions of the slice, as positions in the family.
    pub(crate) fn verset(&self) -> Rc<BitSet> {
        Rc::clone(self.verset.get_or_init(|| {
            let mut set = BitSet::default();
            for e in self.entries().iter() {
                set.insert(e.pkg.idx as usize);
            }
            Rc::new(set)
        }))
    }

    /// rez's `package_request` of the scope: exactly the slice's versions.
    pub(crate) fn request(&self, store: &Store<'_>) -> Requirement {
        let entries = self.entries();
        let range = VersionRange::from_versions(entries.iter().map(|e| e.pkg.version()))
            .unwrap_or_else(VersionRange::any);
        Requirement::construct(store.name(self.fam), range)
    }

    /// Takes out the alphabetically first family every variant requires and
    /// that is not extracted yet: the slice marked as having extracted it,
    /// the family, and the union of the variants' ranges for it.
    pub(crate) fn extract(
        &self,
        store: &Store<'_>,
    ) -> Res<Option<(Rc<Slice>, FamId, Requirement)>> {
        let info = self.info(store)?;
        let Some(fam) = info
            .common
            .iter()
            .copied()
            .filter(|f| !self.extracted.contains(f))
            .min_by(|a, b| store.cmp_names(*a, *b))
        else {
            return Ok(None);
        };
        let mut ranges: Vec<VersionRange> = Vec::new();
        for entry in self.entries().iter() {
            let order = entry.list.order.borrow();
            for &pos in order.iter() {
                let reqs = store.reqs(&entry.pkg, pos)?;
                let range = reqs.get(fam).and_then(|r| r.req.range()).ok_or_else(|| {
                    SolveError::Internal("common family missing from a variant".into())
                })?;
                if ranges.last() != Some(range) && !ranges.contains(range) {
                    ranges.push(range.clone());
                }
            }
        }
        let mut iter = ranges.into_iter();
        let first = iter
            .next()
            .ok_or_else(|| SolveError::Internal("extraction from an empty slice".into()))?;
        let union = iter.fold(first, |acc, r| acc.union(&r));
        let mut extracted = self.extracted.to_vec();
        extracted.push(fam);
        let slice = Slice {
            fam: self.fam,
            entries: RefCell::new(self.entries()),
            sorted: Cell::new(self.sorted.get()),
            extracted: extracted.into(),
            info: self.info.clone(),
            len: self.len,
            verset: self.verset.clone(),
        };
        Ok(Some((
            Rc::new(slice),
            fam,
            Requirement::construct(store.name(fam), union),
        )))
    }

    /// The slice narrowed to `range`: `None` when no version is left, the
    /// same slice when nothing was removed.
    pub(crate) fn intersect(
        self: &Rc<Self>,
        store: &Store<'_>,
        range: &VersionRange,
    ) -> Res<Option<Rc<Slice>>> {
        if range.is_any() {
            return Ok(Some(Rc::clone(self)));
        }
        let data = store
            .family(self.fam)?
            .ok_or_else(|| SolveError::Internal("family of a slice vanished".into()))?;
        let intervals = Store::intervals(&data, range);
        let entries = self.entries();
        let kept: Vec<Entry> = entries
            .iter()
            .filter(|e| {
                let i = e.pkg.idx as usize;
                intervals.iter().any(|&(lo, hi)| lo <= i && i < hi)
            })
            .cloned()
            .collect();
        if kept.is_empty() {
            Ok(None)
        } else if kept.len() < entries.len() {
            Ok(Some(Rc::new(self.copy_with(kept))))
        } else {
            Ok(Some(Rc::clone(self)))
        }
    }

    /// Whether the slice's variants may be reduced by a request on `fam`.
    #[inline]
    pub(crate) fn requires_family(&self, store: &Store<'_>, fam: FamId) -> Res<bool> {
        Ok(self.info(store)?.requires.contains(fam as usize))
    }

    /// Removes the variants whose requirement on `fam` conflicts with `other`.
    pub(crate) fn reduce_by(
        &self,
        store: &Store<'_>,
        fam: FamId,
        other: &ScopeReq<'_>,
    ) -> Res<Reduce> {
        let entries = self.entries();
        let mut kept_entries: Vec<Entry> = Vec::with_capacity(entries.len());
        let mut reductions = Vec::new();
        for entry in entries.iter() {
            let order = entry.list.order.borrow().clone();
            let mut kept: Vec<u16> = Vec::with_capacity(order.len());
            for &pos in &order {
                let reqs = store.reqs(&entry.pkg, pos)?;
                match reqs.get(fam) {
                    Some(lreq) if conflicts(store, lreq, other)? => {
                        reductions.push((Rc::clone(&entry.pkg), pos, lreq.req.clone()));
                    }
                    _ => kept.push(pos),
                }
            }
            if kept.len() < order.len() {
                if kept.is_empty() {
                    continue;
                }
                kept_entries.push(Entry {
                    pkg: Rc::clone(&entry.pkg),
                    list: VarList::new(kept, entry.list.canonical.get()),
                });
            } else {
                kept_entries.push(entry.clone());
            }
        }
        if kept_entries.is_empty() {
            Ok(Reduce::Total(reductions))
        } else if !reductions.is_empty() {
            Ok(Reduce::Changed(Rc::new(self.copy_with(kept_entries))))
        } else {
            Ok(Reduce::Same)
        }
    }

    fn sort_versions(&self) {
        if self.sorted.get() {
            return;
        }
        let mut entries = self.entries().to_vec();
        entries.sort_by(|a, b| b.pkg.idx.cmp(&a.pkg.idx));
        *self.entries.borrow_mut() = entries.into();
        self.sorted.set(true);
    }

    /// Splits the slice in two, the first part being the leading variants
    /// that share a family not yet extracted (or just the first variant).
    pub(crate) fn split(&self, store: &Store<'_>) -> Res<(Rc<Slice>, Rc<Slice>)> {
        self.sort_versions();
        let mut fams: Vec<FamId> = if self.len > 2 {
            let (pkg, pos) = self.first_variant(store)?;
            let names = &store.reqs(&pkg, pos)?.names;
            names
                .iter()
                .copied()
                .filter(|f| !self.extracted.contains(f))
                .collect()
        } else {
            Vec::new()
        };
        let entries = self.entries();
        if fams.is_empty() {
            if let Some(e) = entries.first() {
                e.sort(store)?;
            }
            return self.split_at(store, &entries, 0, 1);
        }
        let mut prev: Option<(usize, usize)> = None;
        for (i, entry) in entries.iter().enumerate() {
            entry.sort(store)?;
            let order = entry.list.order.borrow().clone();
            for (j, &pos) in order.iter().enumerate() {
                let names = &store.reqs(&entry.pkg, pos)?.names;
                fams.retain(|f| names.binary_search(f).is_ok());
                if fams.is_empty() {
                    let (pi, pn) = prev.ok_or_else(|| {
                        SolveError::Internal("split before the first variant".into())
                    })?;
                    return self.split_at(store, &entries, pi, pn);
                }
                prev = Some((i, j + 1));
            }
        }
        Err(SolveError::Internal(format!(
            "Unexpected solver error: common family(s) still in slice being split: {}",
            store.name(self.fam)
        )))
    }

    fn split_at(
        &self,
        store: &Store<'_>,
        entries: &[Entry],
        i: usize,
        n: usize,
    ) -> Res<(Rc<Slice>, Rc<Slice>)> {
        let entry = entries
            .get(i)
            .ok_or_else(|| SolveError::Internal("split point out of range".into()))?;
        let (left, right) = match entry.split(store, n)? {
            Some((head, tail)) => {
                let mut left = entries[..i].to_vec();
                left.push(head);
                let mut right = vec![tail];
                right.extend_from_slice(&entries[i + 1..]);
                (left, right)
            }
            None => (entries[..=i].to_vec(), entries[i + 1..].to_vec()),
        };
        Ok((
            Rc::new(self.copy_with(left)),
            Rc::new(self.copy_with(right)),
        ))
    }
}

/// rez's `Requirement.conflicts_with` of a variant's requirement against
/// another scope's request.
fn conflicts(store: &Store<'_>, lreq: &LReq, other: &ScopeReq<'_>) -> Res<bool> {
    match other {
        ScopeReq::Versions(slice) => {
            if lreq.req.range().is_none() {
                return Ok(false);
            }
            let mask = store.lreq_mask(lreq)?;
            let set = slice.verset();
            Ok(if lreq.req.is_conflict() {
                set.is_subset(mask)
            } else {
                !set.intersects(mask)
            })
        }
        ScopeReq::Req(req) => Ok(lreq.req.conflicts_with(req)),
    }
}

/// rez's `get_variant_slice`: the variants of `fam` within `range`, or `None`
/// when no version matches. A family the provider does not have is an error.
pub(crate) fn variant_slice(
    store: &Store<'_>,
    fam: FamId,
    range: &VersionRange,
) -> Res<Option<Rc<Slice>>> {
    let Some(data) = store.family(fam)? else {
        return Err(SolveError::UnknownFamily {
            family: store.name(fam).to_string(),
            required_by: None,
        });
    };
    let mut entries = Vec::new();
    for (lo, hi) in Store::intervals(&data, range) {
        for idx in lo..hi {
            let pkg = store.pkg(fam, &data, idx)?;
            let list = Rc::clone(&pkg.list);
            entries.push(Entry { pkg, list });
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    Ok(Some(Rc::new(Slice::new(fam, entries, false))))
}
