//! What a [`Solver`](crate::Solver) remembers across solves: interned family
//! names and ranges, and each package's variants with their requirements
//! merged, interned and ready for the solve's set operations.
//!
//! Nothing here depends on a request, so it is shared by every solve (and
//! every thread) of one solver. A family is remembered together with the
//! exact `Arc<Family>` the provider answered; a solve that gets another
//! `Arc` for the same name (a provider whose answer changed) rebuilds that
//! family's entry, and every cached version mask records which family
//! object it was computed against, so nothing stale is ever used.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use rer_repo::{Family, Package, ProviderError};
use rer_version::{Requirement, Version, VersionRange};
use rustc_hash::FxHashMap;

use crate::bitset::BitSet;
use crate::error::SolveError;
pub(crate) use crate::package::{NO_RANGE, PkgData};

/// A family name interned by the solver (ephemeral names included).
pub(crate) type FamId = u32;

/// A version range interned by the solver.
pub(crate) type RangeId = u32;

/// The solver-wide cache.
#[derive(Default)]
pub(crate) struct Cache {
    /// rez's `building`: every variant's requirements get the package's
    /// `build_requires` after its own, as rez's `get_requires(build_requires=True)`.
    /// Fixed for the cache's life: what it keeps of a package depends on it.
    building: bool,
    names: RwLock<Interner<Arc<str>>>,
    ranges: RwLock<Interner<Spelled>>,
    families: RwLock<FxHashMap<FamId, Arc<FamCache>>>,
    unions: RwLock<FxHashMap<Box<[RangeId]>, RangeId>>,
    meets: RwLock<FxHashMap<(RangeId, RangeId), Option<RangeId>>>,
}

/// A range interned by its value *and* its spelling: `0.1` and `0-1` are
/// equal versions, but a requirement prints as it was written, so two
/// spellings of one range get two ids. Interning by value alone would give
/// every later solve the spelling the first one met, and what a solver
/// remembers must never change an answer's text.
#[derive(Clone)]
struct Spelled(VersionRange);

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
fn in_text_order(mut ranges: Vec<VersionRange>) -> Vec<VersionRange> {
    ranges.sort_by_cached_key(ToString::to_string);
    ranges
}

/// Interned values by content, with a fast path by the address of their
/// shared (reference-counted) contents: requirements parsed from the same
/// text share one allocation, so most lookups need no hashing of contents.
struct Interner<T> {
    map: FxHashMap<T, u32>,
    /// Address of a value's shared contents -> id. Every address here
    /// belongs to a value in `items` or `alive`, kept alive so the address
    /// cannot be reused by another value while the interner lives.
    by_addr: FxHashMap<usize, u32>,
    items: Vec<T>,
    alive: Vec<T>,
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
    fn intern(&mut self, value: &T, addr: usize) -> u32 {
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
    fn intern_value(&mut self, value: &T) -> (u32, bool) {
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
const MAX_ALIASES: usize = 1 << 20;

/// The address of a name's shared text.
fn name_addr(name: &Arc<str>) -> usize {
    Arc::as_ptr(name).cast::<u8>() as usize
}

/// The address of a range's shared bounds (never empty: every range has
/// at least one bound, and an empty slice would not be shared).
fn range_addr(range: &VersionRange) -> Option<usize> {
    let bounds = range.bounds();
    (!bounds.is_empty()).then_some(bounds.as_ptr() as usize)
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").finish_non_exhaustive()
    }
}

/// One family as the solver remembers it.
pub(crate) struct FamCache {
    /// The provider's family, whose versions (ascending) positions refer to.
    pub(crate) family: Arc<Family>,
    pkgs: Box<[OnceLock<Arc<PkgData>>]>,
    masks: RwLock<FxHashMap<RangeId, Arc<BitSet>>>,
    facts: RwLock<FxHashMap<Box<[u64]>, Arc<Facts>>>,
    /// The facts of the whole packages within a range (by id), for the
    /// ranges whose packages are whole.
    by_range: RwLock<FxHashMap<RangeId, Arc<Facts>>>,
    /// Ids of the sets of versions seen (see [`FamCache::verset_id`]).
    versets: RwLock<FxHashMap<Box<[u64]>, u64>>,
}

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
const MAX_REDUCTIONS: usize = 1 << 12;

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

/// The most sets of versions a family keeps ids for.
const MAX_VERSETS: usize = 1 << 16;

/// The source of version set ids (see [`FamCache::verset_id`]).
static NEXT_VERSET_ID: AtomicU64 = AtomicU64::new(0);

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

impl FamCache {
    /// The facts of the packages at the positions in `key` (a version set's
    /// words), if known.
    pub(crate) fn facts(&self, key: &[u64]) -> Option<Arc<Facts>> {
        read(&self.facts).get(key).cloned()
    }

    /// The id of the set of versions at the positions in `words`: the same
    /// for the same set of this family object, unique in the process.
    /// Past [`MAX_VERSETS`] sets a family keeps, a new set gets a fresh
    /// id each time (which only means its reductions are not remembered).
    pub(crate) fn verset_id(&self, words: &[u64]) -> u64 {
        if let Some(&id) = read(&self.versets).get(words) {
            return id;
        }
        let mut versets = write(&self.versets);
        if let Some(&id) = versets.get(words) {
            return id;
        }
        let id = NEXT_VERSET_ID.fetch_add(1, Ordering::Relaxed);
        if versets.len() < MAX_VERSETS {
            versets.insert(words.into(), id);
        }
        id
    }

    /// The facts of the packages within range `id`, if recorded.
    pub(crate) fn facts_by_range(&self, id: RangeId) -> Option<Arc<Facts>> {
        read(&self.by_range).get(&id).cloned()
    }

    /// Records `facts` as those of the packages within range `id`.
    pub(crate) fn set_facts_by_range(&self, id: RangeId, facts: &Arc<Facts>) {
        write(&self.by_range).insert(id, Arc::clone(facts));
    }

    /// Records the facts of the packages at the positions in `key`.
    pub(crate) fn set_facts(&self, key: &[u64], facts: Arc<Facts>) -> Arc<Facts> {
        let mut map = write(&self.facts);
        Arc::clone(map.entry(key.into()).or_insert(facts))
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

impl Cache {
    /// The id of family name `name`.
    pub(crate) fn intern_name(&self, name: &Arc<str>) -> FamId {
        let addr = name_addr(name);
        if let Some(&id) = read(&self.names).by_addr.get(&addr) {
            return id;
        }
        write(&self.names).intern(name, addr)
    }

    /// Appends the family and range ids of `reqs`, in order, to `out`:
    /// one read of each interner for the lot, a write only for what is new.
    pub(crate) fn intern_reqs<'r, I>(&self, reqs: I, out: &mut Vec<(FamId, Option<RangeId>)>)
    where
        I: Iterator<Item = &'r Requirement> + Clone,
    {
        const UNKNOWN: u32 = u32::MAX;
        let from = out.len();
        let mut missing = false;
        {
            // (always names, then ranges: the one lock order)
            let names = read(&self.names);
            let ranges = read(&self.ranges);
            out.extend(reqs.clone().map(|r| {
                let fam = names.by_addr.get(&name_addr(r.shared_name()));
                let range = r.range().map(|range| {
                    let known = range_addr(range).and_then(|a| ranges.by_addr.get(&a));
                    known.copied().unwrap_or(UNKNOWN)
                });
                missing |= fam.is_none() || range == Some(UNKNOWN);
                (fam.copied().unwrap_or(UNKNOWN), range)
            }));
        }
        if !missing {
            return;
        }
        for (ids, r) in out[from..].iter_mut().zip(reqs) {
            if ids.0 == UNKNOWN {
                ids.0 = self.intern_name(r.shared_name());
            }
            if let (Some(id), Some(range)) = (&mut ids.1, r.range()) {
                if *id == UNKNOWN {
                    *id = self.intern_range(range);
                }
            }
        }
    }

    /// The names with ids `from..`, for a solve's local copy.
    pub(crate) fn names_from(&self, from: usize) -> Vec<Arc<str>> {
        read(&self.names)
            .items
            .get(from..)
            .map(<[_]>::to_vec)
            .unwrap_or_default()
    }

    /// The id of the union of ranges `ids` (at least two, distinct,
    /// sorted), computed once.
    pub(crate) fn union_of(&self, ids: &[RangeId]) -> RangeId {
        if let Some(&r) = read(&self.unions).get(ids) {
            return r;
        }
        let ranges = in_text_order(ids.iter().map(|&id| self.range(id)).collect());
        let mut iter = ranges.into_iter();
        let first = iter.next().unwrap_or_else(VersionRange::any);
        let union = iter.fold(first, |acc, r| acc.union(&r));
        let id = self.intern_range(&union);
        write(&self.unions).insert(ids.into(), id);
        id
    }

    /// The id of the intersection of ranges `a < b`, or `None` when they
    /// share no version, computed once.
    pub(crate) fn meet(&self, a: RangeId, b: RangeId) -> Option<RangeId> {
        if let Some(&r) = read(&self.meets).get(&(a, b)) {
            return r;
        }
        let ranges = in_text_order(vec![self.range(a), self.range(b)]);
        let r = ranges[0]
            .intersection(&ranges[1])
            .map(|r| self.intern_range(&r));
        write(&self.meets).insert((a, b), r);
        r
    }

    /// The range with id `id` (the "any" range for an unknown id).
    pub(crate) fn range(&self, id: RangeId) -> VersionRange {
        read(&self.ranges)
            .items
            .get(id as usize)
            .map(|s| s.0.clone())
            .unwrap_or_else(VersionRange::any)
    }

    /// The id of `range`.
    pub(crate) fn intern_range(&self, range: &VersionRange) -> RangeId {
        let Some(addr) = range_addr(range) else {
            return write(&self.ranges).intern_value(&Spelled(range.clone())).0;
        };
        if let Some(&id) = read(&self.ranges).by_addr.get(&addr) {
            return id;
        }
        write(&self.ranges).intern(&Spelled(range.clone()), addr)
    }

    /// The cached entry for `family` (the object the provider just gave for
    /// family `fam`), made or replaced when the cache holds another object.
    pub(crate) fn family(&self, fam: FamId, family: &Arc<Family>) -> Arc<FamCache> {
        if let Some(c) = read(&self.families).get(&fam) {
            if Arc::ptr_eq(&c.family, family) {
                return Arc::clone(c);
            }
        }
        let mut families = write(&self.families);
        if let Some(c) = families.get(&fam) {
            if Arc::ptr_eq(&c.family, family) {
                return Arc::clone(c);
            }
        }
        let entry = Arc::new(FamCache {
            family: Arc::clone(family),
            pkgs: (0..family.len()).map(|_| OnceLock::new()).collect(),
            masks: RwLock::new(FxHashMap::default()),
            facts: RwLock::new(FxHashMap::default()),
            by_range: RwLock::new(FxHashMap::default()),
            versets: RwLock::new(FxHashMap::default()),
        });
        families.insert(fam, Arc::clone(&entry));
        entry
    }

    /// The package at position `idx` of `fc`'s versions, processed once.
    pub(crate) fn package(&self, fc: &FamCache, idx: usize) -> crate::store::Res<Arc<PkgData>> {
        let cell = fc.pkgs.get(idx).ok_or_else(|| {
            Box::new(SolveError::Internal(format!(
                "version index {idx} out of range"
            )))
        })?;
        if let Some(p) = cell.get() {
            return Ok(Arc::clone(p));
        }
        let mut package = Arc::clone(fc.family.package(idx)?);
        if self.building {
            package = with_build_requires(package)?;
        }
        let data = Arc::new(PkgData::build(self, package));
        Ok(Arc::clone(cell.get_or_init(|| data)))
    }

    /// The versions of `fc`'s family within range `id`, computed once per
    /// family object.
    pub(crate) fn mask_by_id(&self, fc: &FamCache, id: RangeId) -> Arc<BitSet> {
        if let Some(m) = read(&fc.masks).get(&id) {
            return Arc::clone(m);
        }
        let m = Arc::new(mask_of(fc.family.versions(), &self.range(id)));
        write(&fc.masks).insert(id, Arc::clone(&m));
        m
    }
}

impl Cache {
    /// An empty cache for solves that are (`building`) or are not for a build.
    pub(crate) fn new(building: bool) -> Cache {
        Cache {
            building,
            ..Cache::default()
        }
    }
}

/// `package` as a build solve reads it: each variant's requirements (the
/// package's own, for a package without variants) followed by the
/// package's `build_requires`. rez reads that field only here, so its
/// error surfaces only here.
fn with_build_requires(package: Arc<Package>) -> Result<Arc<Package>, ProviderError> {
    let build = match &package.build_requires {
        Ok(build) if build.is_empty() => return Ok(package),
        Ok(build) => build.clone(),
        Err(e) => return Err(e.clone()),
    };
    let mut package = Arc::unwrap_or_clone(package);
    if package.variants.is_empty() {
        package.requires.extend(build);
    } else {
        for variant in &mut package.variants {
            variant.extend(build.iter().cloned());
        }
    }
    Ok(Arc::new(package))
}

/// `name-version`, or `name` for the empty version (rez's `VersionedObject`).
pub(crate) fn versioned_str(name: &str, version: &Version) -> String {
    if version.is_empty() {
        name.to_owned()
    } else {
        format!("{name}-{version}")
    }
}

/// The positions of `versions` (ascending) within `range`, as half-open
/// intervals.
pub(crate) fn intervals(versions: &[Version], range: &VersionRange) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(range.bounds().len());
    for b in range.bounds() {
        let lower = b.lower();
        let lo = if b.lower_inclusive() {
            versions.partition_point(|v| v < lower)
        } else {
            versions.partition_point(|v| v <= lower)
        };
        let hi = match b.upper() {
            None => versions.len(),
            Some(u) if b.upper_inclusive() => versions.partition_point(|v| v <= u),
            Some(u) => versions.partition_point(|v| v < u),
        };
        if lo < hi {
            out.push((lo, hi));
        }
    }
    out
}

/// The positions of `versions` (ascending) within `range`, as a set.
pub(crate) fn mask_of(versions: &[Version], range: &VersionRange) -> BitSet {
    let mut set = BitSet::with_capacity(versions.len());
    for (lo, hi) in intervals(versions, range) {
        set.insert_range(lo, hi);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_default()
    }

    #[test]
    fn interning_by_address_gives_one_id_per_value() {
        let cache = Cache::default();
        let a1: Arc<str> = Arc::from("maya");
        let a2: Arc<str> = Arc::from("maya"); // another allocation
        let b: Arc<str> = Arc::from("nuke");
        let (ia1, ia2, ib) = (
            cache.intern_name(&a1),
            cache.intern_name(&a2),
            cache.intern_name(&b),
        );
        assert_eq!(ia1, ia2);
        assert_ne!(ia1, ib);
        assert_eq!(cache.intern_name(&Arc::clone(&a2)), ia1);
        let r1 = VersionRange::parse("1+<2").unwrap_or_default();
        let r2 = r1.union(&VersionRange::parse("1.5").unwrap_or_default());
        assert_eq!(r1, r2);
        assert_eq!(cache.intern_range(&r1), cache.intern_range(&r2));
        let other = VersionRange::parse("3").unwrap_or_default();
        assert_ne!(cache.intern_range(&r1), cache.intern_range(&other));
        let mut ids = Vec::new();
        let reqs: Vec<Requirement> = ["maya-2024", "nuke", "~maya-2024"]
            .iter()
            .filter_map(|s| Requirement::parse(s).ok())
            .collect();
        cache.intern_reqs(reqs.iter(), &mut ids);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0].0, ia1);
        assert_eq!(ids[1].0, ib);
        assert_eq!(ids[2].0, ia1);
        assert!(ids.iter().all(|(_, r)| r.is_some()));
    }

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

    #[test]
    fn intervals_agree_with_contains() {
        let versions: Vec<Version> = ["", "1", "1.0", "1.5", "1a", "2", "2.0.1", "3", "10"]
            .iter()
            .map(|s| v(s))
            .collect();
        let mut sorted = versions.clone();
        sorted.sort();
        for r in [
            "", "1", "1+", ">1", "<2", "<=2", "1..2", "==1.0", "1+<3|10", "2|1.5", "~1", ">1.0<=3",
        ] {
            let Ok(range) = VersionRange::parse(r.trim_start_matches('~')) else {
                continue;
            };
            let mask = mask_of(&sorted, &range);
            for (i, ver) in sorted.iter().enumerate() {
                assert_eq!(mask.contains(i), range.contains(ver), "{r} vs {ver}");
            }
        }
    }

    fn family_cache(names: &[&str]) -> (Cache, Arc<FamCache>) {
        let packages = names
            .iter()
            .map(|s| rer_repo::Package::new("foo", v(s)))
            .collect();
        let family = Family::eager("foo", packages).unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::default();
        let fc = cache.family(0, &Arc::new(family));
        (cache, fc)
    }

    #[test]
    fn a_set_of_versions_keeps_its_id_and_another_gets_another() {
        let (_cache, fc) = family_cache(&["1", "2", "3"]);
        let a = fc.verset_id(&[0b101]);
        assert_eq!(fc.verset_id(&[0b101]), a);
        assert_ne!(fc.verset_id(&[0b011]), a);
        // another family object never shares an id
        let (_other, other) = family_cache(&["1", "2", "3"]);
        assert_ne!(other.verset_id(&[0b101]), a);
    }

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
