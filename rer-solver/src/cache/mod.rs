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
//!
//! Here: the cache and its families; in `interner` the interning of
//! names and ranges, in `facts` what is remembered per set of packages.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use rer_repo::{Family, Package, ProviderError};
use rer_version::{Requirement, Version, VersionRange};
use rustc_hash::FxHashMap;

use crate::error::SolveError;
use crate::mask::VersionMask;
pub(crate) use crate::package::{NO_RANGE, PkgData};
pub(crate) use facts::{CodeList, Facts, FamInfo, Removal};

mod facts;
mod interner;
mod listing;

use interner::{Interner, Spelled, in_text_order, name_addr, range_addr};
pub(crate) use listing::listing_rank_of;

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
    masks: RwLock<FxHashMap<RangeId, Arc<VersionMask>>>,
    facts: RwLock<FxHashMap<Box<[u64]>, Arc<Facts>>>,
    /// The facts of the whole packages within a range (by id), for the
    /// ranges whose packages are whole.
    by_range: RwLock<FxHashMap<RangeId, Arc<Facts>>>,
    /// Ids of the sets of versions seen (see [`FamCache::verset_id`]).
    versets: RwLock<FxHashMap<Box<[u64]>, u64>>,
    /// The hash seed first asked for and the family's listing rank under
    /// it (see [`FamCache::listing_rank`]).
    listing_rank: OnceLock<(u32, Option<Box<[u32]>>)>,
}

/// The most sets of versions a family keeps ids for.
const MAX_VERSETS: usize = 1 << 16;

/// The source of version set ids (see [`FamCache::verset_id`]).
static NEXT_VERSET_ID: AtomicU64 = AtomicU64::new(0);

impl FamCache {
    /// Each version's place in rez's iteration order of the family under
    /// hash seed `seed` (`Some(None)`: ascending), worked out once for the
    /// first seed asked for; `None` for any other seed, whose rank the
    /// caller works out itself.
    pub(crate) fn listing_rank(&self, seed: u32) -> Option<Option<&[u32]>> {
        let (first, rank) = self
            .listing_rank
            .get_or_init(|| (seed, listing_rank_of(&self.family, seed)));
        (*first == seed).then_some(rank.as_deref())
    }

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
        // rez's `ranges[0].union(ranges[1:])`: one merge of every bound
        // (linear in the ranges after a sort, where a pairwise fold is
        // quadratic, and exactly rez's merge), in an order of the ranges
        // that does not depend on ids
        let ranges = in_text_order(ids.iter().map(|&id| self.range(id)).collect());
        let union = VersionRange::union_all(&ranges).unwrap_or_else(VersionRange::any);
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
            listing_rank: OnceLock::new(),
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
    pub(crate) fn mask_by_id(&self, fc: &FamCache, id: RangeId) -> Arc<VersionMask> {
        if let Some(m) = read(&fc.masks).get(&id) {
            return Arc::clone(m);
        }
        let m = Arc::new(VersionMask::of(fc.family.versions(), &self.range(id)));
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
}
