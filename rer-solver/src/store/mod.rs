//! The per-solve store: the families and packages one solve has looked at,
//! over the solver-wide [`Cache`].
//!
//! Everything here lives for one solve and is single-threaded (`Rc`,
//! `RefCell`); the [`Solver`](crate::Solver) itself stays `Send + Sync`.
//! The provider is asked for each family the solve needs (once per solve);
//! packages are read only when a scope first needs them, as in rez.
//!
//! Here: the store and its lookups; in `family` a family and its
//! packages as one solve holds them, in `variants` variant lists and
//! their ranking, in `arena` the slots scopes and entries refer to, and
//! their collection.

use std::cell::{Cell, OnceCell, RefCell};
use std::cmp::Ordering;
use std::rc::Rc;
use std::sync::Arc;

use rer_order::PackageOrderList;
use rer_repo::FamilyProvider;
use rer_version::{Requirement, VersionRange};
use rustc_hash::FxHashMap;

use crate::VariantSelectMode;
use crate::bitset::BitSet;
use crate::cache::{Cache, RangeId, listing_rank_of};
use crate::error::SolveError;
use crate::mask::VersionMask;
use crate::package::ReqList;
use crate::slice::Slice;

pub(crate) use crate::cache::{FamId, versioned_str};
pub(crate) use family::{Fam, Order, Pkg, VarRef};

mod arena;
mod family;
mod variants;

use arena::Arena;
#[cfg(test)]
pub(crate) use arena::{Holding, MIN_BUDGET};

use family::LocalFam;
use variants::ListState;

/// The result type of everything that may meet a rez exception (boxed:
/// results stay small on the hot paths, errors are rare).
pub(crate) type Res<T> = Result<T, Box<SolveError>>;

impl From<rer_repo::ProviderError> for Box<SolveError> {
    fn from(e: rer_repo::ProviderError) -> Self {
        Box::new(SolveError::Provider(e))
    }
}

/// The store of one solve.
pub(crate) struct Store<'a> {
    cache: &'a Cache,
    provider: &'a dyn FamilyProvider,
    names: RefCell<Vec<Arc<str>>>,
    fams: RefCell<Vec<LocalFam>>,
    request: OnceCell<Box<[(FamId, bool)]>>,
    /// For each family, its position among the request's non-conflict
    /// items (`u32::MAX` if none), when every family is requested once.
    request_pos: OnceCell<Option<Box<[u32]>>>,
    mode: VariantSelectMode,
    orderers: Option<&'a PackageOrderList>,
    /// The `PYTHONHASHSEED` whose set order rez's listings follow.
    hash_seed: u32,
    families_loaded: Cell<usize>,
    packages_loaded: Cell<usize>,
    /// Whether the provider took the prefetch hints sent so far (`None`
    /// before the first).
    listens: Cell<Option<bool>>,
    unions: RefCell<FxHashMap<Box<[RangeId]>, RangeId>>,
    meets: RefCell<FxHashMap<(RangeId, RangeId), Option<RangeId>>>,
    ranges: RefCell<FxHashMap<RangeId, VersionRange>>,
    masks: RefCell<FxHashMap<(usize, RangeId), Arc<VersionMask>>>,
    any: OnceCell<RangeId>,
    /// For each family, the families whose root slices require it (a
    /// superset of what any slice of theirs requires).
    requirers: RefCell<Vec<Vec<FamId>>>,
    /// For each family, the families registered as ones it may require.
    registered: RefCell<Vec<BitSet>>,
    /// Scratch map from family to scope index, for the phase being solved.
    scope_index: RefCell<Vec<u32>>,
    /// The slices scopes hold (scopes refer to them by index).
    slices: RefCell<Arena<Rc<Slice>>>,
    /// The requirements scopes hold (scopes refer to them by index).
    scope_reqs: RefCell<Arena<Rc<Requirement>>>,
    /// The variant lists of their own (entries refer to them by index + 1).
    lists: RefCell<Arena<ListState>>,
    /// Items the arenas may hold before the next collection (see
    /// [`Store::collect`]).
    budget: Cell<usize>,
    /// The least `budget` a collection sets ([`arena::MIN_BUDGET`], lower
    /// in tests).
    min_budget: Cell<usize>,
    /// Collections run.
    #[cfg(test)]
    collections: Cell<usize>,
    /// The scope arrangement the family-to-scope index reflects, and the
    /// last one handed out.
    layout: Cell<u64>,
    layouts: Cell<u64>,
    /// The empty family list, shared.
    no_fams: Arc<[FamId]>,
    /// Spare vectors of the reduction passes.
    pool: RefCell<Vec<Vec<usize>>>,
    /// Spare working vectors of phase solves.
    phase_bufs: RefCell<PhaseBufs>,
}

/// The working vectors of a phase's solve (see `Phase::solve`), kept
/// between solves so that each does not allocate its own.
#[derive(Default)]
pub(crate) struct PhaseBufs {
    pub(crate) items: Vec<(FamId, FamId, RangeId)>,
    pub(crate) changed: Vec<usize>,
    pub(crate) dirty: Vec<bool>,
    pub(crate) touched: Vec<usize>,
    pub(crate) extracted: Vec<(FamId, RangeId)>,
    pub(crate) merged: Vec<(FamId, RangeId)>,
    pub(crate) matched: Vec<bool>,
    pub(crate) hits: Vec<(usize, usize)>,
    pub(crate) order: Vec<usize>,
}

/// No scope for this family in the phase being solved.
pub(crate) const NO_SCOPE: u32 = u32::MAX;

impl<'a> Store<'a> {
    /// An empty store over `provider` and `cache`.
    pub(crate) fn new(
        cache: &'a Cache,
        provider: &'a dyn FamilyProvider,
        mode: VariantSelectMode,
        orderers: Option<&'a PackageOrderList>,
    ) -> Store<'a> {
        Store {
            cache,
            provider,
            names: RefCell::new(Vec::new()),
            fams: RefCell::new(Vec::new()),
            request: OnceCell::new(),
            request_pos: OnceCell::new(),
            mode,
            orderers,
            hash_seed: 0,
            families_loaded: Cell::new(0),
            packages_loaded: Cell::new(0),
            listens: Cell::new(None),
            unions: RefCell::new(FxHashMap::default()),
            meets: RefCell::new(FxHashMap::default()),
            ranges: RefCell::new(FxHashMap::default()),
            masks: RefCell::new(FxHashMap::default()),
            any: OnceCell::new(),
            requirers: RefCell::new(Vec::new()),
            registered: RefCell::new(Vec::new()),
            scope_index: RefCell::new(Vec::new()),
            slices: RefCell::new(Arena::default()),
            scope_reqs: RefCell::new(Arena::default()),
            lists: RefCell::new(Arena::default()),
            budget: Cell::new(arena::MIN_BUDGET),
            min_budget: Cell::new(arena::MIN_BUDGET),
            #[cfg(test)]
            collections: Cell::new(0),
            layout: Cell::new(0),
            layouts: Cell::new(0),
            no_fams: Arc::from(Vec::new()),
            pool: RefCell::new(Vec::new()),
            phase_bufs: RefCell::new(PhaseBufs::default()),
        }
    }

    /// Families looked up in the provider so far.
    pub(crate) fn families_loaded(&self) -> usize {
        self.families_loaded.get()
    }

    /// Packages read so far.
    pub(crate) fn packages_loaded(&self) -> usize {
        self.packages_loaded.get()
    }

    /// The id of `name`.
    pub(crate) fn intern(&self, name: &Arc<str>) -> FamId {
        self.cache.intern_name(name)
    }

    fn with_name<R>(&self, fam: FamId, f: impl FnOnce(&Arc<str>) -> R) -> R {
        let i = fam as usize;
        if i >= self.names.borrow().len() {
            let from = self.names.borrow().len();
            let more = self.cache.names_from(from);
            self.names.borrow_mut().extend(more);
        }
        let names = self.names.borrow();
        match names.get(i) {
            Some(n) => f(n),
            None => f(&Arc::from("")),
        }
    }

    /// The name of `fam`.
    pub(crate) fn name(&self, fam: FamId) -> Arc<str> {
        self.with_name(fam, Arc::clone)
    }

    /// Compares two families by name (rez sorts family names as strings).
    pub(crate) fn cmp_names(&self, a: FamId, b: FamId) -> Ordering {
        let top = a.max(b) as usize;
        if top >= self.names.borrow().len() {
            self.with_name(a.max(b), |_| ());
        }
        let names = self.names.borrow();
        let get = |f: FamId| names.get(f as usize).map(|n| &**n).unwrap_or("");
        get(a).cmp(get(b))
    }

    /// `fams` sorted by name.
    pub(crate) fn sort_by_name(&self, fams: &mut [FamId]) {
        if let Some(&top) = fams.iter().max() {
            if top as usize >= self.names.borrow().len() {
                self.with_name(top, |_| ());
            }
        }
        let names = self.names.borrow();
        let get = |f: FamId| names.get(f as usize).map(|n| &**n).unwrap_or("");
        fams.sort_by(|a, b| get(*a).cmp(get(*b)));
    }

    /// This store, with rez's listings in the set order of `PYTHONHASHSEED`
    /// `seed`.
    pub(crate) fn with_hash_seed(mut self, seed: u32) -> Self {
        self.hash_seed = seed;
        self
    }

    /// Each version's place (by position) in the order rez's repository
    /// iterates `fam` in, or `None` when that is ascending version order.
    /// Only where rez's sorts tie, or before a slice is sorted, does the
    /// order show. Worked out once per family object in the solver-wide
    /// cache (for the first hash seed a solve asks for; another seed's
    /// rank is worked out once per solve).
    pub(crate) fn listing_rank<'f>(&self, fam: &'f Fam) -> Option<&'f [u32]> {
        match fam.fc.listing_rank(self.hash_seed) {
            Some(rank) => rank,
            None => fam
                .listing_rank
                .get_or_init(|| listing_rank_of(&fam.fc.family, self.hash_seed))
                .as_deref(),
        }
    }

    /// The family `fam`, asking the provider the first time in this solve;
    /// `None` when the provider has no such family (or it has no versions).
    pub(crate) fn family(&self, fam: FamId) -> Res<Option<Rc<Fam>>> {
        {
            let fams = self.fams.borrow();
            match fams.get(fam as usize) {
                Some(LocalFam::Found(d)) => return Ok(Some(Rc::clone(d))),
                Some(LocalFam::Missing) => return Ok(None),
                Some(LocalFam::Failed(e)) => return Err(e.clone().into()),
                _ => {}
            }
        }
        let name = self.name(fam);
        self.families_loaded.set(self.families_loaded.get() + 1);
        let local = match self.provider.family(&name) {
            Ok(Some(family)) if !family.is_empty() => {
                let fc = self.cache.family(fam, &family);
                let pkgs = (0..family.len()).map(|_| OnceCell::new()).collect();
                LocalFam::Found(Rc::new(Fam {
                    fc,
                    pkgs,
                    listing_rank: OnceCell::new(),
                }))
            }
            Ok(_) => LocalFam::Missing,
            Err(e) => LocalFam::Failed(e),
        };
        let out = match &local {
            LocalFam::Found(d) => Ok(Some(Rc::clone(d))),
            LocalFam::Failed(e) => Err(e.clone().into()),
            _ => Ok(None),
        };
        let mut fams = self.fams.borrow_mut();
        if fams.len() <= fam as usize {
            fams.resize_with(fam as usize + 1, LocalFam::default);
        }
        fams[fam as usize] = local;
        out
    }

    /// Tells the provider which packages of `fam` within range `id` this
    /// solve is about to read, those not read yet (see
    /// [`FamilyProvider::prefetch`]): a scope is about to be made of them.
    /// Nothing for a family behind package filters, whose filter decides
    /// version by version, in order, what is read.
    pub(crate) fn prefetch(&self, fam: &Fam, id: RangeId) {
        let family = &fam.fc.family;
        // (every package read already: an eager family, say)
        if family.is_gated() || family.loaded_count() >= family.len() {
            return;
        }
        let mask = self.mask_by_id(fam, id);
        let todo: Vec<usize> = mask
            .ones()
            .take_while(|&i| i < family.len())
            .filter(|&i| !family.is_loaded(i))
            .collect();
        if !todo.is_empty() {
            self.listens
                .set(Some(self.provider.prefetch(family, &todo)));
        }
    }

    /// Whether the provider is known to take prefetch hints (it has been
    /// sent one, and took it).
    pub(crate) fn provider_prefetches(&self) -> bool {
        self.listens.get() == Some(true)
    }

    /// [`Store::prefetch`] for each plain requirement `(fam, id)` of
    /// `items`, which this solve is about to make scopes of in that order,
    /// looking their families up now. Only for a provider known to take
    /// hints. It stops at the first scope that would fail to be made (no
    /// such family, no version in the range, an error from the provider),
    /// as the solve stops there, and at a family behind package filters
    /// (whose filter decides what is read, and whether any version is left);
    /// ephemerals, which no provider has, are passed over.
    pub(crate) fn prefetch_all(&self, items: impl Iterator<Item = (FamId, RangeId)>) {
        if !self.provider_prefetches() {
            return;
        }
        for (fam, id) in items {
            if self.with_name(fam, |n| n.starts_with('.')) {
                continue;
            }
            let Ok(Some(data)) = self.family(fam) else {
                return;
            };
            let len = data.versions().len();
            let none_left = self
                .mask_by_id(&data, id)
                .ones()
                .next()
                .is_none_or(|i| i >= len);
            if data.fc.family.is_gated() || none_left {
                return;
            }
            self.prefetch(&data, id);
        }
    }

    /// The package at position `idx` of `fam`'s versions, read on first use.
    pub(crate) fn load<'f>(&self, fam: &'f Fam, idx: usize) -> Res<&'f Pkg> {
        let cell = fam.pkgs.get(idx).ok_or_else(|| {
            Box::new(SolveError::Internal(format!(
                "version index {idx} out of range"
            )))
        })?;
        if let Some(p) = cell.get() {
            return Ok(p);
        }
        let data = self.cache.package(&fam.fc, idx)?;
        self.packages_loaded.set(self.packages_loaded.get() + 1);
        Ok(cell.get_or_init(|| Pkg {
            data,
            canon: OnceCell::new(),
            keys: OnceCell::new(),
        }))
    }

    /// The merged requirements of variant `pos` of `pkg`; rez's "internal
    /// requirements conflict" error if they conflict.
    #[inline]
    pub(crate) fn reqs<'p>(&self, pkg: &'p Pkg, pos: u16) -> Res<ReqList<'p>> {
        pkg.data.reqs(pos)
    }

    /// The range with id `id`.
    pub(crate) fn range(&self, id: RangeId) -> VersionRange {
        if let Some(r) = self.ranges.borrow().get(&id) {
            return r.clone();
        }
        let r = self.cache.range(id);
        self.ranges.borrow_mut().insert(id, r.clone());
        r
    }

    /// The id of `range`.
    pub(crate) fn range_id(&self, range: &VersionRange) -> RangeId {
        self.cache.intern_range(range)
    }

    /// The id of the range containing every version.
    pub(crate) fn any_id(&self) -> RangeId {
        if let Some(id) = self.any.get() {
            return *id;
        }
        let id = self.range_id(&VersionRange::any());
        let _ = self.any.set(id);
        id
    }

    /// The id of the union of the ranges `ids` (distinct, sorted).
    pub(crate) fn union_of(&self, ids: &[RangeId]) -> Res<RangeId> {
        match ids {
            [] => Err(Box::new(SolveError::Internal("union of no range".into()))),
            [one] => Ok(*one),
            _ => {
                if let Some(&r) = self.unions.borrow().get(ids) {
                    return Ok(r);
                }
                let id = self.cache.union_of(ids);
                self.unions.borrow_mut().insert(ids.into(), id);
                Ok(id)
            }
        }
    }

    /// The id of the intersection of ranges `a` and `b`, or `None` when
    /// they share no version (rez's merge of two plain requirements).
    pub(crate) fn meet(&self, a: RangeId, b: RangeId) -> Option<RangeId> {
        if a == b {
            return Some(a);
        }
        let key = if a < b { (a, b) } else { (b, a) };
        if let Some(&r) = self.meets.borrow().get(&key) {
            return r;
        }
        let r = self.cache.meet(key.0, key.1);
        self.meets.borrow_mut().insert(key, r);
        r
    }

    /// The versions of family `fam` within range `id`.
    /// Runs `f` on the versions of family `fam` within range `id`.
    #[inline]
    pub(crate) fn with_mask<R>(
        &self,
        fam: &Fam,
        id: RangeId,
        f: impl FnOnce(&VersionMask) -> R,
    ) -> R {
        let key = (Arc::as_ptr(&fam.fc) as usize, id);
        if let Some(m) = self.masks.borrow().get(&key) {
            return f(m);
        }
        let m = self.cache.mask_by_id(&fam.fc, id);
        let out = f(&m);
        self.masks.borrow_mut().insert(key, m);
        out
    }

    /// The versions of family `fam` within range `id`.
    pub(crate) fn mask_by_id(&self, fam: &Fam, id: RangeId) -> Arc<VersionMask> {
        let key = (Arc::as_ptr(&fam.fc) as usize, id);
        if let Some(m) = self.masks.borrow().get(&key) {
            return Arc::clone(m);
        }
        let m = self.cache.mask_by_id(&fam.fc, id);
        self.masks.borrow_mut().insert(key, Arc::clone(&m));
        m
    }

    /// Keeps `slice` while a scope holds it (see [`Store::collect`]); its
    /// index.
    pub(crate) fn add_slice(&self, slice: Rc<Slice>) -> u32 {
        self.slices.borrow_mut().push(slice)
    }

    /// The slice with index `id`.
    pub(crate) fn slice(&self, id: u32) -> Option<Rc<Slice>> {
        self.slices.borrow().get(id).cloned()
    }

    /// Runs `f` on the slice with index `id`.
    #[inline]
    pub(crate) fn with_slice<R>(&self, id: u32, f: impl FnOnce(&Slice) -> R) -> Option<R> {
        self.slices.borrow().get(id).map(|s| f(s))
    }

    /// Keeps `req` while a scope holds it (see [`Store::collect`]); its
    /// index.
    pub(crate) fn add_req(&self, req: Requirement) -> u32 {
        self.scope_reqs.borrow_mut().push(Rc::new(req))
    }

    /// The requirement with index `id`.
    pub(crate) fn req(&self, id: u32) -> Option<Rc<Requirement>> {
        self.scope_reqs.borrow().get(id).cloned()
    }

    /// Records that a slice of family `fam` may require the families in
    /// `requires`.
    pub(crate) fn register(&self, fam: FamId, requires: &BitSet) {
        let mut registered = self.registered.borrow_mut();
        if registered.len() <= fam as usize {
            registered.resize_with(fam as usize + 1, BitSet::default);
        }
        let mut map = self.requirers.borrow_mut();
        registered[fam as usize].insert_all(requires, |f| {
            if map.len() <= f {
                map.resize_with(f + 1, Vec::new);
            }
            map[f].push(fam);
        });
    }

    /// Runs `f` on the families registered as possibly requiring `fam`.
    pub(crate) fn with_requirers<R>(&self, fam: FamId, f: impl FnOnce(&[FamId]) -> R) -> R {
        let map = self.requirers.borrow();
        f(map.get(fam as usize).map(|v| &v[..]).unwrap_or(&[]))
    }

    /// Records that `fam` is at scope index `index` in the phase being solved.
    pub(crate) fn set_scope_index(&self, fam: FamId, index: u32) {
        let mut idx = self.scope_index.borrow_mut();
        let i = fam as usize;
        if idx.len() <= i {
            idx.resize(i + 1, NO_SCOPE);
        }
        idx[i] = index;
    }

    /// The spare vectors a reduction pass left (see [`Store::give_pool`]).
    pub(crate) fn take_pool(&self) -> Vec<Vec<usize>> {
        std::mem::take(&mut *self.pool.borrow_mut())
    }

    /// Keeps spare vectors for the next reduction pass.
    pub(crate) fn give_pool(&self, pool: Vec<Vec<usize>>) {
        *self.pool.borrow_mut() = pool;
    }

    /// The working vectors the last phase solve left.
    pub(crate) fn take_phase_bufs(&self) -> PhaseBufs {
        std::mem::take(&mut *self.phase_bufs.borrow_mut())
    }

    /// Keeps working vectors for the next phase solve.
    pub(crate) fn give_phase_bufs(&self, bufs: PhaseBufs) {
        *self.phase_bufs.borrow_mut() = bufs;
    }

    /// The empty family list (shared, so that making one allocates nothing).
    pub(crate) fn no_fams(&self) -> Arc<[FamId]> {
        Arc::clone(&self.no_fams)
    }

    /// A new scope arrangement id (never 0).
    pub(crate) fn new_layout(&self) -> u64 {
        self.layouts.set(self.layouts.get() + 1);
        self.layouts.get()
    }

    /// The scope arrangement the family-to-scope index reflects.
    pub(crate) fn layout(&self) -> u64 {
        self.layout.get()
    }

    /// Records that the family-to-scope index reflects arrangement `layout`.
    pub(crate) fn set_layout(&self, layout: u64) {
        self.layout.set(layout);
    }

    /// Records the scope index of every scope of the phase being solved.
    pub(crate) fn set_scope_indexes(&self, scopes: &[crate::scope::Scope]) {
        let mut idx = self.scope_index.borrow_mut();
        for (i, s) in scopes.iter().enumerate() {
            let f = s.fam as usize;
            if idx.len() <= f {
                idx.resize(f + 1, NO_SCOPE);
            }
            idx[f] = i as u32;
        }
    }

    /// The index of the scope of `fam` among `scopes` (those of the phase
    /// being solved), if there is one.
    #[inline]
    pub(crate) fn scope_of(&self, scopes: &[crate::scope::Scope], fam: FamId) -> Option<usize> {
        let i = self.scope_index(fam);
        (i != NO_SCOPE && scopes.get(i as usize).is_some_and(|s| s.fam == fam))
            .then_some(i as usize)
    }

    /// The scope index of `fam` in the phase being solved, or [`NO_SCOPE`].
    #[inline]
    pub(crate) fn scope_index(&self, fam: FamId) -> u32 {
        self.scope_index
            .borrow()
            .get(fam as usize)
            .copied()
            .unwrap_or(NO_SCOPE)
    }

    /// The package orderers of this solve, when any is set.
    pub(crate) fn orderer_list(&self) -> Option<&PackageOrderList> {
        self.orderers
    }

    /// The provider.
    pub(crate) fn provider(&self) -> &dyn FamilyProvider {
        self.provider
    }

    /// The variant select mode.
    pub(crate) fn mode(&self) -> VariantSelectMode {
        self.mode
    }

    /// The merged request (family, is-conflict), in request order.
    pub(crate) fn request_items(&self) -> &[(FamId, bool)] {
        self.request.get().map(|r| &r[..]).unwrap_or(&[])
    }
}
