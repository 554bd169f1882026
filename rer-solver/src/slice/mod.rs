//! Variant slices: the candidate variants of one family within a scope
//! (rez's `_PackageEntry` and `_PackageVariantSlice`).
//!
//! A slice is a list of entries (one per version, in listing order until the
//! slice is first split, then version descending), each listing some
//! variants of its package. Slices are immutable once built, except for the
//! two in-place sorts rez performs (of a slice's entries, and of a variant
//! list shared by several entries), which rez's failure descriptions can
//! observe and which are reproduced here.
//!
//! Here: the slice itself, its making and narrowing by a range; in
//! `entry` one version's variants, in `info` what the variants require
//! (family information, facts, requirement codes), in `extract` rez's
//! extraction, in `reduction` rez's reduction by another scope, in
//! `split` rez's version sort and split.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use rer_repo::ProviderError;
use rer_version::{Requirement, VersionRange};

use crate::cache::{CodeList, Facts, FamInfo, RangeId};
use crate::error::SolveError;
use crate::store::{Fam, FamId, Res, Store, VarRef};

mod entry;
mod extract;
mod info;
mod reduction;
mod split;

pub(crate) use entry::Entry;

/// The distinct requirement codes on one family, per family.
type Codes = RefCell<Vec<(FamId, CodeList)>>;

/// What every slice derived from one root slice (a fresh
/// `get_variant_slice`) shares: the root's variants are a superset of
/// theirs, so what the root requires bounds what they require.
struct Lineage {
    info: OnceCell<Arc<FamInfo>>,
}

/// The outcome of reducing a slice by a scope's request.
pub(crate) enum Reduce {
    /// Nothing removed.
    Same,
    /// Some variants removed.
    Changed(Rc<Slice>),
    /// Every variant removed: each variant (version position, variant
    /// position) with its requirement that conflicted.
    Total(Vec<(u32, u16, Requirement)>),
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
    /// The family's data in this solve.
    family: Rc<Fam>,
    entries: RefCell<Rc<[Entry]>>,
    sorted: Cell<bool>,
    /// Whether every common family has been extracted (rez's
    /// `extracted_fams` is either empty or all of them).
    extracted: Cell<bool>,
    info: OnceCell<Arc<FamInfo>>,
    extractable: Cell<Option<bool>>,
    len: usize,
    verset: OnceCell<Box<[u64]>>,
    lineage: Rc<Lineage>,
    is_root: bool,
    /// Families known to be common to all variants (the parent's common).
    base_common: Arc<[FamId]>,
    /// The solver-wide facts of this set of whole packages, when it is one.
    facts: OnceCell<Option<Arc<Facts>>>,
    /// Whether every entry lists all its package's variants and no package
    /// has conflicting requirements, when known.
    whole: Cell<Option<bool>>,
    /// Exact codes of this slice's variants, per family, when computed.
    codes: OnceCell<Rc<Codes>>,
    /// The codes of the slice this one was narrowed from (supersets).
    parent_codes: Option<Rc<Codes>>,
    /// The facts of the nearest slice of whole packages this one was
    /// narrowed from (their codes are supersets too).
    ancestor_facts: Option<Arc<Facts>>,
    /// The family information of the slice this one was narrowed from, when
    /// it was known.
    parent_info: Option<Arc<FamInfo>>,
    /// For a root slice, the range it was made for.
    root_range: Option<RangeId>,
    /// The id of its set of versions, once known (see [`Slice::verset_id`]).
    verset_id: Cell<Option<u64>>,
    /// Ranges this slice (or the slice it was narrowed from) has already
    /// been intersected with (rez's `been_intersected_with`).
    intersected: RefCell<Ids>,
}

/// A short list of range ids, inline up to a few (copied with each slice).
#[derive(Clone, Default)]
struct Ids {
    buf: [RangeId; 6],
    len: usize,
    spill: Vec<RangeId>,
}

impl Ids {
    fn contains(&self, id: RangeId) -> bool {
        self.buf[..self.len].contains(&id) || self.spill.contains(&id)
    }

    fn push(&mut self, id: RangeId) {
        if self.len < self.buf.len() {
            self.buf[self.len] = id;
            self.len += 1;
        } else {
            self.spill.push(id);
        }
    }
}

impl Slice {
    /// A root slice: the variants of `entries`, fresh from the family.
    fn root(
        fam: FamId,
        family: Rc<Fam>,
        entries: Rc<[Entry]>,
        none: Arc<[FamId]>,
        range: RangeId,
    ) -> Slice {
        let lineage = Rc::new(Lineage {
            info: OnceCell::new(),
        });
        let mut slice = Slice::make(fam, family, entries, false, lineage, true, none);
        slice.root_range = Some(range);
        slice
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        fam: FamId,
        family: Rc<Fam>,
        entries: Rc<[Entry]>,
        sorted: bool,
        lineage: Rc<Lineage>,
        is_root: bool,
        base_common: Arc<[FamId]>,
    ) -> Slice {
        let len = entries.iter().map(Entry::len).sum();
        Slice {
            fam,
            family,
            entries: RefCell::new(entries),
            sorted: Cell::new(sorted),
            extracted: Cell::new(false),
            info: OnceCell::new(),
            extractable: Cell::new(None),
            len,
            verset: OnceCell::new(),
            lineage,
            is_root,
            base_common,
            facts: OnceCell::new(),
            whole: Cell::new(None),
            codes: OnceCell::new(),
            parent_codes: None,
            ancestor_facts: None,
            parent_info: None,
            root_range: None,
            verset_id: Cell::new(None),
            intersected: RefCell::new(Ids::default()),
        }
    }

    /// rez's `_copy`: a new slice over `entries`, keeping the sortedness.
    fn copy_with(&self, entries: Rc<[Entry]>) -> Slice {
        let base = match self.info.get() {
            Some(i) => Arc::clone(&i.common),
            None => Arc::clone(&self.base_common),
        };
        let mut slice = Slice::make(
            self.fam,
            Rc::clone(&self.family),
            entries,
            self.sorted.get(),
            Rc::clone(&self.lineage),
            false,
            base,
        );
        slice.parent_codes = self.codes.get().cloned();
        slice.ancestor_facts = match self.facts.get() {
            Some(Some(f)) => Some(Arc::clone(f)),
            _ => self.ancestor_facts.clone(),
        };
        slice.parent_info = self.info.get().cloned();
        if self.whole.get() == Some(true) {
            let all_shared = slice.entries.borrow().iter().all(Entry::is_shared);
            slice.whole.set(Some(all_shared));
        }
        slice
            .intersected
            .borrow_mut()
            .clone_from(&self.intersected.borrow());
        slice
    }

    /// Whether the families this slice may require are registered with the
    /// store (see [`Store::register`]).
    pub(crate) fn indexed(&self) -> bool {
        self.lineage.info.get().is_some()
    }

    /// Whether the family information is computed.
    pub(crate) fn has_info(&self) -> bool {
        self.info.get().is_some()
    }

    /// The family information, if computed.
    pub(crate) fn info_if_known(&self) -> Option<&FamInfo> {
        self.info.get().map(|i| &**i)
    }

    /// The entries, in their current order.
    pub(crate) fn entries(&self) -> Rc<[Entry]> {
        Rc::clone(&self.entries.borrow())
    }

    /// Calls `f` with the store index of each entry's list of its own (see
    /// [`Store::collect`]).
    pub(crate) fn own_lists(&self, mut f: impl FnMut(u32)) {
        for entry in self.entries.borrow().iter() {
            if let Some(list) = entry.own_list() {
                f(list);
            }
        }
    }

    /// The number of variants.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The first variant (sorting the first entry first). The first entry
    /// of a slice not sorted yet is the first in rez's repository order.
    pub(crate) fn first_variant(&self, store: &Store<'_>) -> Res<VarRef> {
        let fam = Rc::clone(&self.family);
        let pos = {
            let entries = self.entries.borrow();
            let first = match store.listing_rank(&fam) {
                Some(rank) if !self.sorted.get() => entries
                    .iter()
                    .min_by_key(|e| rank.get(e.idx as usize).copied()),
                _ => entries.first(),
            };
            let first = first
                .ok_or_else(|| Box::new(SolveError::Internal("empty variant slice".into())))?;
            let pkg = fam.pkg(first.idx)?;
            first.sort(store, pkg)?;
            let pos = first
                .order(store, pkg)
                .as_slice()
                .first()
                .copied()
                .ok_or_else(|| Box::new(SolveError::Internal("empty package entry".into())))?;
            (first.idx, pos)
        };
        Ok(VarRef {
            fam,
            idx: pos.0,
            pos: pos.1,
        })
    }

    /// Whether some family every variant requires has not been extracted yet.
    pub(crate) fn extractable(&self, store: &Store<'_>) -> Res<bool> {
        if let Some(e) = self.extractable.get() {
            return Ok(e);
        }
        let info = self.info(store)?;
        let e = !self.extracted.get() && !info.common.is_empty();
        self.extractable.set(Some(e));
        Ok(e)
    }

    /// rez's `str()` of the slice: `[foo==2[0]]` for one variant,
    /// `[foo==2[0,1]]` for one version, else `foo[span(versions:variants)]`,
    /// with `*` when something is left to extract.
    pub(crate) fn rez_str(&self, store: &Store<'_>) -> Res<String> {
        let name = store.name(self.fam);
        let entries = self.entries();
        let text = if self.len == 1 {
            let var = self.first_variant(store)?;
            let pkg = var.pkg()?;
            let idx = pkg
                .index(var.pos)
                .map(|i| format!("[{i}]"))
                .unwrap_or_default();
            format!("[{name}=={}{idx}]", pkg.version())
        } else if entries.len() == 1 {
            let entry = &entries[0];
            let pkg = self.family.pkg(entry.idx)?;
            let mut indexes: Vec<u32> = entry
                .order(store, pkg)
                .as_slice()
                .iter()
                .filter_map(|&pos| pkg.index(pos))
                .collect();
            indexes.sort_unstable();
            let list: Vec<String> = indexes.iter().map(u32::to_string).collect();
            format!("[{name}=={}[{}]]", pkg.version(), list.join(","))
        } else {
            let counts = if entries.len() == self.len {
                self.len.to_string()
            } else {
                format!("{}:{}", entries.len(), self.len)
            };
            let span = self
                .request(store)
                .range()
                .map(|r| r.span().to_string())
                .unwrap_or_default();
            format!("{name}[{span}({counts})]")
        };
        let star = if self.extractable(store)? { "*" } else { "" };
        Ok(text + star)
    }

    /// Whether the slice is extractable, when already known.
    pub(crate) fn known_extractable(&self) -> Option<bool> {
        self.extractable.get()
    }

    /// Whether some variant names `fam`, when already known.
    #[inline]
    pub(crate) fn quick_requires(&self, fam: FamId) -> Option<bool> {
        self.info.get().map(|i| i.requires(fam))
    }

    /// The versions of the slice, as positions in the family (borrowed
    /// from the slice's facts when it has them).
    fn verset_ref(&self) -> &[u64] {
        if let Some(Some(f)) = self.facts.get() {
            return f.verset();
        }
        self.verset.get_or_init(|| {
            let entries = self.entries.borrow();
            crate::bitset::words_of(entries.iter().map(|e| e.idx as usize))
        })
    }

    /// The id of the slice's set of versions in its family (see
    /// [`crate::cache::FamCache::verset_id`]).
    fn verset_id(&self) -> u64 {
        if let Some(Some(f)) = self.facts.get() {
            return f.id();
        }
        if let Some(id) = self.verset_id.get() {
            return id;
        }
        let id = self.family.fc.verset_id(self.verset_ref());
        self.verset_id.set(Some(id));
        id
    }

    /// rez's `package_request` of the scope: exactly the slice's versions.
    pub(crate) fn request(&self, store: &Store<'_>) -> Requirement {
        let entries = self.entries();
        let range = match store.family(self.fam) {
            Ok(Some(fam)) => {
                let versions = fam.versions();
                VersionRange::from_versions(
                    entries.iter().filter_map(|e| versions.get(e.idx as usize)),
                )
            }
            _ => None,
        };
        Requirement::construct(
            store.name(self.fam),
            range.unwrap_or_else(VersionRange::any),
        )
    }

    /// The slice narrowed to range `id`: `None` when no version is left,
    /// the same slice when nothing was removed.
    pub(crate) fn intersect(
        self: &Rc<Self>,
        store: &Store<'_>,
        id: RangeId,
    ) -> Res<Option<Rc<Slice>>> {
        if id == store.any_id() || self.intersected.borrow().contains(id) {
            return Ok(Some(Rc::clone(self)));
        }
        let fam = Rc::clone(&self.family);
        let mask = store.mask_by_id(&fam, id);
        let entries = self.entries();
        let kept = entries
            .iter()
            .filter(|e| mask.contains(e.idx as usize))
            .count();
        if kept == 0 {
            Ok(None)
        } else if kept < entries.len() {
            let kept: Rc<[Entry]> = entries
                .iter()
                .filter(|e| mask.contains(e.idx as usize))
                .copied()
                .collect();
            let slice = self.copy_with(kept);
            slice.intersected.borrow_mut().push(id);
            Ok(Some(Rc::new(slice)))
        } else {
            self.intersected.borrow_mut().push(id);
            Ok(Some(Rc::clone(self)))
        }
    }

    /// Whether some variant names `fam` (so a request on it may reduce).
    #[inline]
    pub(crate) fn requires_family(&self, store: &Store<'_>, fam: FamId) -> Res<bool> {
        Ok(self.info(store)?.requires(fam))
    }
}

/// The error rez raises when the packages of `data` within `mask` are read
/// and some fail: rez reads them in its repository's listing order and
/// raises at the first that fails, where rer met `error` at version `idx`
/// reading in version order. Only on that error path: the other versions
/// in the range are read, and the failure of the one rez lists first is
/// returned.
///
/// rez loads every package of the range before it reads any package's
/// requirements (`get_intersection` loads each one's file and variants;
/// `requires` is validated when first read, later), so a failure to load
/// comes before an invalid requirement whatever the order of the two
/// ([`fails_when_requirements_read`]).
fn first_failure_listed(
    store: &Store<'_>,
    data: &Fam,
    mask: &crate::mask::VersionMask,
    idx: usize,
    error: Box<SolveError>,
) -> Box<SolveError> {
    let Some(rank) = store.listing_rank(data) else {
        return error;
    };
    let family = &data.fc.family;
    let place = |i: usize| rank.get(i).copied().unwrap_or(u32::MAX);
    let key = |i: usize, e: &SolveError| (fails_when_requirements_read(e), place(i));
    let mut first = (key(idx, &error), error);
    for other in mask.ones() {
        if other >= data.versions().len() {
            break;
        }
        // A version listed later can only come first by failing to load
        // where the failure so far is a requirement's.
        let can_come_first = place(other) < first.0.1 || first.0.0;
        if other == idx || !can_come_first || matches!(family.excludes(other), Ok(true)) {
            continue;
        }
        if let Err(e) = store.load(data, other) {
            let other_key = key(other, &e);
            if other_key < first.0 {
                first = (other_key, e);
            }
        }
    }
    first.1
}

/// Whether rez raises `error` only when its solver reads the package's
/// requirements, rather than when it loads the package: an invalid
/// `requires`, `build_requires` or `private_build_requires` (rez validates
/// a key when it is first read), found by rer's reader or by rez's own
/// loader (whose `PackageMetadataError` rer reports in its message).
fn fails_when_requirements_read(error: &SolveError) -> bool {
    const LATE: [&str; 3] = ["requires", "build_requires", "private_build_requires"];
    match error {
        SolveError::Provider(ProviderError::InvalidPackage { field, .. }) => LATE.contains(field),
        SolveError::Provider(ProviderError::Parse { message, .. }) => LATE.iter().any(|key| {
            message.contains(&format!(
                "cannot load it: PackageMetadataError: Validation of key '{key}' failed"
            ))
        }),
        _ => false,
    }
}

/// rez's `get_variant_slice`: the variants of `fam` within range `id`, or
/// `None` when no version matches. A family the provider does not have is
/// an error. As in rez's `get_intersection`, a version the family excludes
/// (rez's package filters, see [`rer_repo::Family::excludes`]) is left out
/// before its package is read, and only versions within the range are asked
/// about.
pub(crate) fn variant_slice(store: &Store<'_>, fam: FamId, id: RangeId) -> Res<Option<Rc<Slice>>> {
    let Some(data) = store.family(fam)? else {
        return Err(Box::new(SolveError::UnknownFamily {
            family: store.name(fam).to_string(),
            required_by: None,
        }));
    };
    store.prefetch(&data, id);
    let mask = store.mask_by_id(&data, id);
    let mut entries = Vec::with_capacity(mask.count());
    let family = &data.fc.family;
    let gated = family.is_gated();
    for idx in mask.ones() {
        if idx >= data.versions().len() {
            break;
        }
        if gated && family.excludes(idx)? {
            continue;
        }
        let pkg = match store.load(&data, idx) {
            Ok(pkg) => pkg,
            Err(e) => return Err(first_failure_listed(store, &data, &mask, idx, e)),
        };
        entries.push(Entry::shared(idx as u32, pkg));
    }
    if entries.is_empty() {
        return Ok(None);
    }
    Ok(Some(Rc::new(Slice::root(
        fam,
        data,
        entries.into(),
        store.no_fams(),
        id,
    ))))
}
