//! Variant slices: the candidate variants of one family within a scope
//! (rez's `_PackageEntry` and `_PackageVariantSlice`).
//!
//! A slice is a list of entries (one per version, in listing order until the
//! slice is first split, then version descending), each listing some
//! variants of its package. Slices are immutable once built, except for the
//! two in-place sorts rez performs (of a slice's entries, and of a variant
//! list shared by several entries), which rez's failure descriptions can
//! observe and which are reproduced here.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use rer_version::{Requirement, VersionRange};

use crate::bitset::{BitSet, words_intersect, words_subset};
use crate::cache::{CodeList, Facts, FamInfo, NO_RANGE, RangeId, Removal};
use crate::error::SolveError;
use crate::package::plain;
use crate::store::{Fam, FamId, Order, Pkg, Res, Store, VarRef};

/// The variants of one package version within a slice: the version's
/// position, and either the package's shared list of all its variants
/// (`list == 0`) or a list of its own in the store.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    /// The version's position in the family.
    pub(crate) idx: u32,
    list: u32,
    n: u32,
}

impl Entry {
    /// An entry listing all the variants of package `idx` (rez's variant
    /// cache list).
    fn shared(idx: u32, pkg: &Pkg) -> Entry {
        Entry {
            idx,
            list: 0,
            n: pkg.nvars() as u32,
        }
    }

    /// An entry listing `order` of package `idx`, in a list of its own.
    fn own(store: &Store<'_>, idx: u32, order: Vec<u16>, sorted: bool) -> Entry {
        let n = order.len() as u32;
        Entry {
            idx,
            list: store.add_list(order, sorted),
            n,
        }
    }

    /// The number of variants.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.n as usize
    }

    /// Whether this entry lists all the package's variants in its shared list.
    #[inline]
    fn is_shared(&self) -> bool {
        self.list == 0
    }

    /// The variants, in their current order.
    #[inline]
    fn order(&self, store: &Store<'_>, pkg: &Pkg) -> Order {
        if self.list == 0 {
            pkg.with_shared_order(Order::of)
        } else {
            store.list_order(self.list)
        }
    }

    fn is_sorted(&self, store: &Store<'_>, pkg: &Pkg) -> bool {
        if self.list == 0 {
            pkg.shared_sorted()
        } else {
            store.list_sorted(self.list)
        }
    }

    /// Sorts the variants preferred-first, in place, unless already sorted.
    fn sort(&self, store: &Store<'_>, pkg: &Pkg) -> Res<()> {
        if self.list == 0 {
            store.sort_shared(pkg)
        } else {
            store.sort_list(pkg, self.list)
        }
    }

    /// The first `n` variants (sorted) and the rest, or `None` when `n`
    /// covers them all.
    fn split(&self, store: &Store<'_>, pkg: &Pkg, n: usize) -> Res<Option<(Entry, Entry)>> {
        if n >= self.len() {
            return Ok(None);
        }
        self.sort(store, pkg)?;
        let order = self.order(store, pkg);
        let o = order.as_slice();
        let head = Entry::own(store, self.idx, o[..n].to_vec(), true);
        let tail = Entry::own(store, self.idx, o[n..].to_vec(), true);
        Ok(Some((head, tail)))
    }
}

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

/// The distinct codes of the requirements on `on` among `entries`.
fn scan_codes(store: &Store<'_>, fam: &Fam, entries: &[Entry], on: FamId) -> Res<CodeList> {
    let mut buf = [0u32; 16];
    let mut len = 0usize;
    let mut spill: Vec<u32> = Vec::new();
    let mut note = |code: u32| {
        if spill.is_empty() {
            if buf[..len].contains(&code) {
                return;
            }
            if len < buf.len() {
                buf[len] = code;
                len += 1;
                return;
            }
            spill.extend_from_slice(&buf[..len]);
        }
        if !spill.contains(&code) {
            spill.push(code);
        }
    };
    for entry in entries {
        let pkg = fam.pkg(entry.idx)?;
        let data = &pkg.data;
        if entry.is_shared() && data.ok {
            if let Some(code) = data.uniform_code(on) {
                note(code);
                continue;
            }
            if !data.names(on) {
                continue;
            }
        }
        for &pos in entry.order(store, pkg).as_slice() {
            if let Some(code) = data.var_code(pos, on) {
                note(code);
            }
        }
    }
    Ok(if spill.is_empty() {
        CodeList::new(&buf[..len])
    } else {
        CodeList::new(&spill)
    })
}

/// Whether every variant of `entries` requires `on` (non-conflict).
fn all_require(store: &Store<'_>, fam: &Fam, entries: &[Entry], on: FamId) -> Res<bool> {
    for entry in entries {
        let pkg = fam.pkg(entry.idx)?;
        let data = &pkg.data;
        let all = if entry.is_shared() && data.ok {
            data.common.binary_search(&on).is_ok()
        } else {
            entry
                .order(store, pkg)
                .as_slice()
                .iter()
                .all(|&pos| data.var_code(pos, on).is_some_and(plain))
        };
        if !all {
            return Ok(false);
        }
    }
    Ok(true)
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

    /// The number of variants.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The first variant (sorting the first entry first).
    pub(crate) fn first_variant(&self, store: &Store<'_>) -> Res<VarRef> {
        let fam = Rc::clone(&self.family);
        let pos = {
            let entries = self.entries.borrow();
            let first = entries
                .first()
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

    /// rez's `_update_fam_info`: the families common to all variants and
    /// (here, as a superset for derived slices) those any variant names.
    fn info(&self, store: &Store<'_>) -> Res<&FamInfo> {
        if let Some(info) = self.info.get() {
            return Ok(info);
        }
        let first = self.first_variant(store)?;
        let fam = &first.fam;
        let first_names = store.reqs(first.pkg()?, first.pos)?;
        let entries = self.entries();
        let facts = self.facts(store, fam)?;
        let info = match (facts, self.is_root, self.lineage.info.get()) {
            (Some(f), _, _) => Arc::clone(&f.info),
            (None, false, Some(root)) => {
                let mut more: Vec<FamId> = Vec::new();
                for f in first_names.names() {
                    if !self.base_common.contains(&f) && all_require(store, fam, &entries, f)? {
                        more.push(f);
                    }
                }
                match &self.parent_info {
                    // the same information as the parent's: share it
                    Some(p)
                        if more.is_empty()
                            && Arc::ptr_eq(&p.common, &self.base_common)
                            && Arc::ptr_eq(&p.requires, &root.requires) =>
                    {
                        Arc::clone(p)
                    }
                    _ => {
                        let common: Arc<[FamId]> = if more.is_empty() {
                            Arc::clone(&self.base_common)
                        } else {
                            more.extend_from_slice(&self.base_common);
                            more.sort_unstable();
                            more.into()
                        };
                        Arc::new(FamInfo::new(common, Arc::clone(&root.requires)))
                    }
                }
            }
            _ => {
                let mut common: Vec<FamId> = first_names.names().collect();
                let mut requires = BitSet::default();
                for entry in entries.iter() {
                    let pkg = fam.pkg(entry.idx)?;
                    let data = &pkg.data;
                    if entry.is_shared() && data.ok {
                        if !common.is_empty() {
                            common.retain(|f| data.common.binary_search(f).is_ok());
                        }
                        for &f in data.all.iter() {
                            requires.insert(f as usize);
                        }
                        continue;
                    }
                    for &pos in entry.order(store, pkg).as_slice() {
                        let reqs = store.reqs(pkg, pos)?;
                        if !common.is_empty() {
                            common.retain(|f| reqs.requires(*f));
                        }
                        for f in reqs.all_names() {
                            requires.insert(f as usize);
                        }
                    }
                }
                Arc::new(FamInfo::new(common.into(), Arc::new(requires)))
            }
        };
        if self.is_root && self.lineage.info.get().is_none() {
            store.register(self.fam, &info.requires);
            let _ = self.lineage.info.set(Arc::clone(&info));
        }
        Ok(self.info.get_or_init(|| info))
    }

    /// The solver-wide facts of this slice's packages, when it holds every
    /// variant of each (and none has conflicting requirements).
    fn facts(&self, _store: &Store<'_>, fam: &Fam) -> Res<Option<&Arc<Facts>>> {
        if let Some(f) = self.facts.get() {
            return Ok(f.as_ref());
        }
        // a root slice of whole packages: known by its range
        if let Some(f) = self.root_range.and_then(|id| fam.fc.facts_by_range(id)) {
            self.whole.set(Some(true));
            return Ok(self.facts.get_or_init(|| Some(f)).as_ref());
        }
        let entries = self.entries();
        let eligible = match self.whole.get() {
            Some(w) => w,
            None => {
                let mut w = true;
                for e in entries.iter() {
                    if !e.is_shared() || !fam.pkg(e.idx)?.data.ok {
                        w = false;
                        break;
                    }
                }
                self.whole.set(Some(w));
                w
            }
        };
        let facts = if eligible {
            let key = self.verset_ref();
            let facts = match fam.fc.facts(key) {
                Some(f) => f,
                None => {
                    let mut common: Option<Vec<FamId>> = None;
                    let mut requires = BitSet::default();
                    for e in entries.iter() {
                        let data = &fam.pkg(e.idx)?.data;
                        match &mut common {
                            None => common = Some(data.common.to_vec()),
                            Some(c) => c.retain(|f| data.common.binary_search(f).is_ok()),
                        }
                        for &f in data.all.iter() {
                            requires.insert(f as usize);
                        }
                    }
                    let info = FamInfo::new(common.unwrap_or_default().into(), Arc::new(requires));
                    let facts = Facts::new(Arc::new(info), key.into(), fam.fc.verset_id(key));
                    fam.fc.set_facts(key, Arc::new(facts))
                }
            };
            if let Some(id) = self.root_range {
                fam.fc.set_facts_by_range(id, &facts);
            }
            Some(facts)
        } else {
            None
        };
        Ok(self.facts.get_or_init(|| facts).as_ref())
    }

    fn codes_map(&self) -> &Rc<Codes> {
        self.codes.get_or_init(|| Rc::new(RefCell::new(Vec::new())))
    }

    /// Runs `f` on the distinct codes on `on` of this slice's variants (or
    /// of the slice it was narrowed from, when that has at most one),
    /// computed once per slice.
    fn with_codes<R>(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        on: FamId,
        f: impl FnOnce(&[u32]) -> R,
    ) -> Res<R> {
        if let Some(m) = self.codes.get() {
            let map = m.borrow();
            if let Some(c) = map.iter().find(|c| c.0 == on) {
                return Ok(f(c.1.as_slice()));
            }
        }
        let codes: CodeList = if let Some(facts) = self.facts(store, fam)? {
            match facts.codes(on) {
                Some(c) => c,
                None => {
                    let c = scan_codes(store, fam, &self.entries(), on)?;
                    facts.set_codes(on, &c);
                    c
                }
            }
        } else {
            let known = self
                .parent_codes
                .as_ref()
                .and_then(|m| {
                    m.borrow()
                        .iter()
                        .find(|c| c.0 == on && c.1.as_slice().len() <= 1)
                        .map(|c| c.1.clone())
                })
                .or_else(|| {
                    let facts = self.ancestor_facts.as_ref()?;
                    facts.codes(on).filter(|c| c.as_slice().len() <= 1)
                });
            match known {
                Some(c) => c,
                None => scan_codes(store, fam, &self.entries(), on)?,
            }
        };
        let out = f(codes.as_slice());
        self.codes_map().borrow_mut().push((on, codes));
        Ok(out)
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

    /// Takes out every family all variants require that is not extracted
    /// yet, in name order, as rez's repeated `extract()` does one at a time,
    /// and marks the slice as having extracted them: for each family, the
    /// id of the union of the variants' ranges for it.
    /// They are appended to `out`.
    pub(crate) fn extract_all(
        &self,
        store: &Store<'_>,
        out: &mut Vec<(FamId, RangeId)>,
    ) -> Res<()> {
        if !self.extractable(store)? {
            return Ok(());
        }
        let info = self.info(store)?;
        if info.common.is_empty() {
            return Ok(());
        }
        let fam = Rc::clone(&self.family);
        match self.facts(store, &fam)? {
            // whole packages: what they extract is the solver's to remember
            Some(facts) => match facts.extraction() {
                Some(known) => out.extend_from_slice(known),
                None => {
                    let start = out.len();
                    self.extract_each(store, &fam, info, out)?;
                    facts.set_extraction(&out[start..]);
                }
            },
            None => self.extract_each(store, &fam, info, out)?,
        }
        // rez extracts into a copy of the slice; the slice being extracted
        // is always one this phase made (or the half of a split it got), held
        // by no other phase, so marking it in place is the same
        self.extracted.set(true);
        self.extractable.set(Some(false));
        Ok(())
    }

    /// [`Slice::extract_all`]'s extractions, computed family by family.
    fn extract_each(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        info: &FamInfo,
        out: &mut Vec<(FamId, RangeId)>,
    ) -> Res<()> {
        let todo = info.common_by_name(|v| store.sort_by_name(v));
        out.reserve(todo.len());
        self.codes_map().borrow_mut().reserve(todo.len());
        for &on in todo.iter() {
            let mut buf = [0 as RangeId; 16];
            let mut spill: Vec<RangeId> = Vec::new();
            let (plain_only, n) = self.with_codes(store, fam, on, |codes| {
                if codes.len() <= buf.len() {
                    for (slot, c) in buf.iter_mut().zip(codes) {
                        *slot = c >> 1;
                    }
                } else {
                    spill.extend(codes.iter().map(|c| c >> 1));
                }
                (codes.iter().all(|&c| plain(c)), codes.len())
            })?;
            if !plain_only {
                return Err(Box::new(SolveError::Internal(
                    "common requirement is a conflict".into(),
                )));
            }
            let ids: &mut [RangeId] = if spill.is_empty() {
                &mut buf[..n]
            } else {
                &mut spill
            };
            ids.sort_unstable();
            let mut len = 0;
            for i in 0..ids.len() {
                if i == 0 || ids[i] != ids[len - 1] {
                    ids[len] = ids[i];
                    len += 1;
                }
            }
            out.push((on, store.union_of(&ids[..len])?));
        }
        Ok(())
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

    /// Removes the variants whose requirement on `on` conflicts with `other`.
    pub(crate) fn reduce_by(
        &self,
        store: &Store<'_>,
        on: FamId,
        other: &ScopeReq<'_>,
    ) -> Res<Reduce> {
        // whole packages reduced by a set of versions: the outcome depends
        // on nothing else, and is remembered by the solver when nothing
        // changes
        let whole = match (self.facts.get(), other) {
            (Some(Some(mine)), ScopeReq::Versions(y)) => Some((mine, y.verset_id())),
            _ => None,
        };
        if let Some((mine, theirs)) = whole {
            match mine.known_reduction(theirs) {
                Some(None) => return Ok(Reduce::Same),
                Some(Some(removal)) => return self.apply(store, &removal),
                None => {}
            }
        }
        let fam = Rc::clone(&self.family);
        let mut test = ConflictTest::new(store, other)?;
        let any = self.with_codes(store, &fam, on, |codes| {
            codes.iter().any(|&c| test.conflicts(c))
        })?;
        if !any {
            if let Some((mine, theirs)) = whole {
                mine.set_reduction(theirs, None);
            }
            return Ok(Reduce::Same);
        }
        let entries = self.entries();
        let mut out: Option<Vec<Entry>> = None;
        // what is removed, to remember for whole packages
        let mut gone = BitSet::default();
        let mut partial: Vec<(u32, Box<[u16]>)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let pkg = fam.pkg(entry.idx)?;
            let data = &pkg.data;
            let shared = entry.is_shared() && data.ok;
            // the variants kept, when some are removed
            let uniform = if shared { data.uniform_code(on) } else { None };
            let kept: Option<Vec<u16>> = if shared && uniform.is_none() && !data.names(on) {
                None
            } else if let Some(code) = uniform {
                if test.conflicts(code) {
                    Some(Vec::new())
                } else {
                    None
                }
            } else {
                let order = entry.order(store, pkg);
                let order = order.as_slice();
                let mut kept: Option<Vec<u16>> = None;
                for (j, &pos) in order.iter().enumerate() {
                    if !data.ok {
                        // rez reads every variant's requirements here
                        store.reqs(pkg, pos)?;
                    }
                    let conflicting = match data.var_code(pos, on) {
                        Some(code) => test.conflicts(code),
                        None => false,
                    };
                    if conflicting {
                        kept.get_or_insert_with(|| {
                            let mut k = Vec::with_capacity(order.len());
                            k.extend_from_slice(&order[..j]);
                            k
                        });
                    } else if let Some(k) = &mut kept {
                        k.push(pos);
                    }
                }
                kept
            };
            match kept {
                None => {
                    if let Some(v) = &mut out {
                        v.push(*entry);
                    }
                }
                Some(kept) => {
                    let v = out.get_or_insert_with(|| {
                        let mut v = Vec::with_capacity(entries.len());
                        v.extend_from_slice(&entries[..i]);
                        v
                    });
                    if kept.is_empty() {
                        if whole.is_some() {
                            gone.insert(entry.idx as usize);
                        }
                    } else {
                        if whole.is_some() {
                            let mut set: Box<[u16]> = kept.as_slice().into();
                            set.sort_unstable();
                            partial.push((entry.idx, set));
                        }
                        let sorted = entry.is_sorted(store, pkg);
                        v.push(Entry::own(store, entry.idx, kept, sorted));
                    }
                }
            }
        }
        Ok(match out {
            None => {
                if let Some((mine, theirs)) = whole {
                    mine.set_reduction(theirs, None);
                }
                let codes = scan_codes(store, &fam, &entries, on)?;
                self.codes_map().borrow_mut().push((on, codes));
                Reduce::Same
            }
            Some(v) if v.is_empty() => {
                // only a total reduction is reported: every variant was
                // removed, in entry and variant order; name the requirements
                let mut named = Vec::with_capacity(self.len);
                for entry in entries.iter() {
                    let pkg = fam.pkg(entry.idx)?;
                    for &pos in entry.order(store, pkg).as_slice() {
                        let req = store.reqs(pkg, pos)?.get(on).ok_or_else(|| {
                            SolveError::Internal("reduced requirement missing".into())
                        })?;
                        named.push((entry.idx, pos, req.clone()));
                    }
                }
                Reduce::Total(named)
            }
            Some(v) => {
                if let Some((mine, theirs)) = whole {
                    partial.sort_unstable_by_key(|p| p.0);
                    let removal = Removal {
                        gone,
                        partial: partial.into(),
                    };
                    mine.set_reduction(theirs, Some(Arc::new(removal)));
                }
                Reduce::Changed(Rc::new(self.copy_with(v.into())))
            }
        })
    }

    /// The slice without what `removal` removes (some variants, not all):
    /// what reducing these whole packages by the same request gives.
    fn apply(&self, store: &Store<'_>, removal: &Removal) -> Res<Reduce> {
        let fam = Rc::clone(&self.family);
        let entries = self.entries();
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries.iter() {
            if removal.gone.contains(entry.idx as usize) {
                continue;
            }
            match removal.kept(entry.idx) {
                None => out.push(*entry),
                Some(keep) => {
                    let pkg = fam.pkg(entry.idx)?;
                    let kept: Vec<u16> = entry
                        .order(store, pkg)
                        .as_slice()
                        .iter()
                        .copied()
                        .filter(|p| keep.binary_search(p).is_ok())
                        .collect();
                    let sorted = entry.is_sorted(store, pkg);
                    out.push(Entry::own(store, entry.idx, kept, sorted));
                }
            }
        }
        Ok(Reduce::Changed(Rc::new(self.copy_with(out.into()))))
    }

    /// rez's `sort_versions`: highest version first, or as the family's
    /// package orderer says.
    fn sort_versions(&self, store: &Store<'_>) -> Res<()> {
        if self.sorted.get() {
            return Ok(());
        }
        let mut entries = self.entries().to_vec();
        match store.orderers() {
            None => entries.sort_by_key(|e| std::cmp::Reverse(e.idx)),
            Some(list) => {
                let idxs: Vec<u32> = entries.iter().map(|e| e.idx).collect();
                let order = store.order_versions(list, self.fam, &self.family, &idxs)?;
                let by_idx: Vec<Entry> = order
                    .iter()
                    .filter_map(|idx| entries.iter().find(|e| e.idx == *idx).copied())
                    .collect();
                entries = by_idx;
            }
        }
        *self.entries.borrow_mut() = entries.into();
        self.sorted.set(true);
        Ok(())
    }

    /// Splits the slice in two, the first part being the leading variants
    /// that share a family not yet extracted (or just the first variant).
    pub(crate) fn split(&self, store: &Store<'_>) -> Res<(Rc<Slice>, Rc<Slice>)> {
        self.sort_versions(store)?;
        let fam = Rc::clone(&self.family);
        let common: Option<Arc<[FamId]>> = match (self.extracted.get(), self.info.get()) {
            (true, Some(info)) => Some(Arc::clone(&info.common)),
            _ => None,
        };
        let mut fams: Vec<FamId> = if self.len > 2 {
            let first = self.first_variant(store)?;
            let first_reqs = store.reqs(first.pkg()?, first.pos)?;
            first_reqs
                .names()
                .filter(|f| !common.as_ref().is_some_and(|c| c.contains(f)))
                .collect()
        } else {
            Vec::new()
        };
        let entries = self.entries();
        if fams.is_empty() {
            if let Some(e) = entries.first() {
                e.sort(store, fam.pkg(e.idx)?)?;
            }
            return self.split_at(store, &fam, &entries, 0, 1);
        }
        let mut prev: Option<(usize, usize)> = None;
        for (i, entry) in entries.iter().enumerate() {
            let pkg = fam.pkg(entry.idx)?;
            entry.sort(store, pkg)?;
            let order = entry.order(store, pkg);
            for (j, &pos) in order.as_slice().iter().enumerate() {
                let reqs = store.reqs(pkg, pos)?;
                fams.retain(|f| reqs.requires(*f));
                if fams.is_empty() {
                    let (pi, pn) = prev.ok_or_else(|| {
                        SolveError::Internal("split before the first variant".into())
                    })?;
                    return self.split_at(store, &fam, &entries, pi, pn);
                }
                prev = Some((i, j + 1));
            }
        }
        Err(Box::new(SolveError::Internal(format!(
            "Unexpected solver error: common family(s) still in slice being split: {}",
            store.name(self.fam)
        ))))
    }

    fn split_at(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        entries: &[Entry],
        i: usize,
        n: usize,
    ) -> Res<(Rc<Slice>, Rc<Slice>)> {
        let entry = entries
            .get(i)
            .ok_or_else(|| Box::new(SolveError::Internal("split point out of range".into())))?;
        // (collected from exact-size iterators: one allocation each)
        let (left, right): (Rc<[Entry]>, Rc<[Entry]>) =
            match entry.split(store, fam.pkg(entry.idx)?, n)? {
                Some((head, tail)) => (
                    entries[..i]
                        .iter()
                        .copied()
                        .chain(std::iter::once(head))
                        .collect(),
                    std::iter::once(tail)
                        .chain(entries[i + 1..].iter().copied())
                        .collect(),
                ),
                None => (Rc::from(&entries[..=i]), Rc::from(&entries[i + 1..])),
            };
        Ok((
            Rc::new(self.copy_with(left)),
            Rc::new(self.copy_with(right)),
        ))
    }
}

/// rez's `Requirement.conflicts_with` of variants' requirements on one
/// family against another scope's request, with the answer per requirement
/// code remembered for the duration of one reduction (rez remembers it per
/// requirement string).
struct ConflictTest<'a, 's> {
    family: Option<&'a Fam>,
    store: &'a Store<'s>,
    other: &'a ScopeReq<'a>,
    verset: Option<&'a [u64]>,
    memo: [(u32, bool); 8],
    memo_len: usize,
}

impl<'a, 's> ConflictTest<'a, 's> {
    fn new(store: &'a Store<'s>, other: &'a ScopeReq<'a>) -> Res<Self> {
        let (family, verset) = match other {
            ScopeReq::Versions(slice) => (Some(&*slice.family), Some(slice.verset_ref())),
            ScopeReq::Req(_) => (None, None),
        };
        Ok(ConflictTest {
            family,
            store,
            other,
            verset,
            memo: [(0, false); 8],
            memo_len: 0,
        })
    }

    /// Whether a requirement with `code` conflicts with the other scope's
    /// request.
    fn conflicts(&mut self, code: u32) -> bool {
        if code == NO_RANGE {
            return false;
        }
        if let Some(&(_, answer)) = self.memo[..self.memo_len].iter().find(|m| m.0 == code) {
            return answer;
        }
        let conflict = code & 1 == 1;
        let answer = match (self.other, &self.family, &self.verset) {
            (ScopeReq::Versions(_), Some(family), Some(set)) => {
                self.store.with_mask(family, code >> 1, |mask| {
                    if conflict {
                        words_subset(set, mask)
                    } else {
                        !words_intersect(set, mask)
                    }
                })
            }
            (ScopeReq::Req(req), _, _) => match req.range() {
                None => false,
                Some(theirs) => {
                    let mine = self.store.range(code >> 1);
                    match (conflict, req.is_conflict()) {
                        (true, true) => false,
                        (true, false) => mine.is_superset_of(theirs),
                        (false, true) => theirs.is_superset_of(&mine),
                        (false, false) => !mine.intersects(theirs),
                    }
                }
            },
            _ => false,
        };
        if self.memo_len < self.memo.len() {
            self.memo[self.memo_len] = (code, answer);
            self.memo_len += 1;
        }
        answer
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
        let pkg = store.load(&data, idx)?;
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
