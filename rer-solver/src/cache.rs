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

use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use rer_repo::{Family, Package};
use rer_version::{Requirement, Version, VersionRange};
use rustc_hash::FxHashMap;

use crate::bitset::BitSet;
use crate::error::SolveError;

/// A family name interned by the solver (ephemeral names included).
pub(crate) type FamId = u32;

/// A version range interned by the solver.
pub(crate) type RangeId = u32;

/// The solver-wide cache.
#[derive(Default)]
pub(crate) struct Cache {
    names: RwLock<Interner<Arc<str>>>,
    ranges: RwLock<Interner<VersionRange>>,
    families: RwLock<FxHashMap<FamId, Arc<FamCache>>>,
    unions: RwLock<FxHashMap<Box<[RangeId]>, RangeId>>,
    meets: RwLock<FxHashMap<(RangeId, RangeId), Option<RangeId>>>,
}

struct Interner<T> {
    map: FxHashMap<T, u32>,
    items: Vec<T>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            map: FxHashMap::default(),
            items: Vec::new(),
        }
    }
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
    /// Their family information (exact).
    pub(crate) info: Arc<FamInfo>,
    codes: RwLock<FxHashMap<FamId, Arc<[u32]>>>,
}

impl Facts {
    /// Facts with `info`, no codes known yet.
    pub(crate) fn new(info: Arc<FamInfo>) -> Facts {
        Facts {
            info,
            codes: RwLock::new(FxHashMap::default()),
        }
    }

    /// The distinct codes on `fam`, if known.
    pub(crate) fn codes(&self, fam: FamId) -> Option<Arc<[u32]>> {
        read(&self.codes).get(&fam).cloned()
    }

    /// Records the distinct codes on `fam`.
    pub(crate) fn set_codes(&self, fam: FamId, codes: Arc<[u32]>) {
        write(&self.codes).insert(fam, codes);
    }
}

impl FamCache {
    /// The facts of the packages at the positions in `key` (a version set's
    /// words), if known.
    pub(crate) fn facts(&self, key: &[u64]) -> Option<Arc<Facts>> {
        read(&self.facts).get(key).cloned()
    }

    /// Records the facts of the packages at the positions in `key`.
    pub(crate) fn set_facts(&self, key: &[u64], facts: Arc<Facts>) -> Arc<Facts> {
        let mut map = write(&self.facts);
        Arc::clone(map.entry(key.into()).or_insert(facts))
    }
}

/// One package, processed.
///
/// Besides each variant's merged requirements, it keeps them packed as
/// *codes* (`family << 32 | range id << 1 | is-conflict`, or `family << 32 |
/// NO_RANGE` for a weak `~foo`), sorted by family, and what all variants
/// share, so that whole entries can be handled at once.
pub(crate) struct PkgData {
    /// The package as the provider gave it.
    pub(crate) package: Arc<Package>,
    /// Its variants (one, without index, when it has none).
    pub(crate) vars: Box<[VarData]>,
    table: Box<[u64]>,
    offs: Box<[u32]>,
    /// Whether every variant's requirements merged without conflict.
    pub(crate) ok: bool,
    /// Families every variant requires (non-conflict), ascending ids.
    pub(crate) common: Box<[FamId]>,
    /// Families any variant names (conflicts included), ascending ids.
    pub(crate) all: Box<[FamId]>,
    uniform: Box<[u64]>,
}

/// The code of a requirement without range (a weak `~foo`).
pub(crate) const NO_RANGE: u32 = u32::MAX;

/// The code of `creq`: its range id and conflict flag.
fn code_of(creq: &CReq) -> u32 {
    match creq.range_id {
        Some(id) => (id << 1) | creq.req.is_conflict() as u32,
        None => NO_RANGE,
    }
}

/// Looks `fam` up in codes sorted by family.
#[inline]
fn find_code(codes: &[u64], fam: FamId) -> Option<u32> {
    let key = (fam as u64) << 32;
    let i = codes.partition_point(|c| *c < key);
    match codes.get(i) {
        Some(c) if (c >> 32) as FamId == fam => Some(*c as u32),
        _ => None,
    }
}

impl PkgData {
    /// The code of variant `pos`'s requirement on `fam`, if it has one.
    #[inline]
    pub(crate) fn var_code(&self, pos: u16, fam: FamId) -> Option<u32> {
        let (a, b) = (
            *self.offs.get(pos as usize)? as usize,
            *self.offs.get(pos as usize + 1)? as usize,
        );
        find_code(self.table.get(a..b)?, fam)
    }

    /// The code all variants share for `fam`, when they all name it alike.
    #[inline]
    pub(crate) fn uniform_code(&self, fam: FamId) -> Option<u32> {
        find_code(&self.uniform, fam)
    }

    /// Whether some variant names `fam`.
    #[inline]
    pub(crate) fn names(&self, fam: FamId) -> bool {
        self.all.binary_search(&fam).is_ok()
    }
}

/// One variant, processed.
pub(crate) struct VarData {
    /// The variant index (`None` for a package without variants).
    pub(crate) index: Option<u32>,
    /// The merged requirements, or rez's "internal requirements conflict"
    /// error, raised when a solve first looks at them (as rez does).
    pub(crate) reqs: Result<ReqList, SolveError>,
}

/// A variant's requirements merged per family (rez's `RequirementList`).
pub(crate) struct ReqList {
    /// The merged requirements, in order of first appearance.
    pub(crate) reqs: Box<[CReq]>,
    /// The family of each of `reqs`, for quick lookups.
    fams: Box<[FamId]>,
    /// Families of the non-conflict requirements, ascending ids.
    pub(crate) names: Box<[FamId]>,
    /// Families of every requirement (conflicts included), ascending ids.
    pub(crate) all_names: Box<[FamId]>,
}

impl ReqList {
    /// The merged requirement on `fam`, if any.
    #[inline]
    pub(crate) fn get(&self, fam: FamId) -> Option<&CReq> {
        let i = self.fams.iter().position(|f| *f == fam)?;
        self.reqs.get(i)
    }
}

/// One merged requirement of a variant.
pub(crate) struct CReq {
    /// The family it names.
    pub(crate) fam: FamId,
    /// The requirement.
    pub(crate) req: Requirement,
    /// Its range, interned (`None` for a weak `~foo` without range).
    pub(crate) range_id: Option<RangeId>,
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
        if let Some(&id) = read(&self.names).map.get(name) {
            return id;
        }
        let mut names = write(&self.names);
        if let Some(&id) = names.map.get(name) {
            return id;
        }
        let id = names.items.len() as FamId;
        names.items.push(Arc::clone(name));
        names.map.insert(Arc::clone(name), id);
        id
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
        let mut iter = ids.iter().map(|&id| self.range(id));
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
        let r = self
            .range(a)
            .intersection(&self.range(b))
            .map(|r| self.intern_range(&r));
        write(&self.meets).insert((a, b), r);
        r
    }

    /// The range with id `id` (the "any" range for an unknown id).
    pub(crate) fn range(&self, id: RangeId) -> VersionRange {
        read(&self.ranges)
            .items
            .get(id as usize)
            .cloned()
            .unwrap_or_else(VersionRange::any)
    }

    /// The id of `range`.
    pub(crate) fn intern_range(&self, range: &VersionRange) -> RangeId {
        if let Some(&id) = read(&self.ranges).map.get(range) {
            return id;
        }
        let mut ranges = write(&self.ranges);
        if let Some(&id) = ranges.map.get(range) {
            return id;
        }
        let id = ranges.items.len() as RangeId;
        ranges.items.push(range.clone());
        ranges.map.insert(range.clone(), id);
        id
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
        let package = Arc::clone(fc.family.package(idx)?);
        let data = Arc::new(self.process(package));
        Ok(Arc::clone(cell.get_or_init(|| data)))
    }

    fn process(&self, package: Arc<Package>) -> PkgData {
        let vars: Box<[VarData]> = if package.variants.is_empty() {
            Box::new([VarData {
                index: None,
                reqs: self.merge(&package, None, &[]),
            }])
        } else {
            package
                .variants
                .iter()
                .enumerate()
                .map(|(i, own)| VarData {
                    index: Some(i as u32),
                    reqs: self.merge(&package, Some(i), own),
                })
                .collect()
        };
        let mut table = Vec::new();
        let mut offs = vec![0u32];
        let mut ok = true;
        let mut common: Option<Vec<FamId>> = None;
        let mut all: Vec<FamId> = Vec::new();
        let mut uniform: Option<Vec<u64>> = None;
        for var in vars.iter() {
            match &var.reqs {
                Ok(list) => {
                    let mut codes: Vec<u64> = list
                        .reqs
                        .iter()
                        .map(|r| ((r.fam as u64) << 32) | code_of(r) as u64)
                        .collect();
                    codes.sort_unstable();
                    table.extend_from_slice(&codes);
                    common = Some(match common {
                        None => list.names.to_vec(),
                        Some(mut c) => {
                            c.retain(|f| list.names.binary_search(f).is_ok());
                            c
                        }
                    });
                    all.extend_from_slice(&list.all_names);
                    uniform = Some(match uniform {
                        None => codes,
                        Some(mut u) => {
                            u.retain(|c| codes.binary_search(c).is_ok());
                            u
                        }
                    });
                }
                Err(_) => ok = false,
            }
            offs.push(table.len() as u32);
        }
        all.sort_unstable();
        all.dedup();
        PkgData {
            package,
            vars,
            table: table.into_boxed_slice(),
            offs: offs.into_boxed_slice(),
            ok,
            common: common.unwrap_or_default().into_boxed_slice(),
            all: all.into_boxed_slice(),
            uniform: uniform.unwrap_or_default().into_boxed_slice(),
        }
    }

    /// Merges a variant's requirements as rez's `RequirementList` does.
    fn merge(
        &self,
        package: &Package,
        index: Option<usize>,
        own: &[Requirement],
    ) -> Result<ReqList, SolveError> {
        let mut merged: Vec<(FamId, Requirement)> =
            Vec::with_capacity(package.requires.len() + own.len());
        for req in package.requires.iter().chain(own) {
            let fam = self.intern_name(req.shared_name());
            match merged.iter_mut().find(|(f, _)| *f == fam) {
                None => merged.push((fam, req.clone())),
                Some((_, existing)) => match existing.merged(req) {
                    Some(m) => *existing = m,
                    None => {
                        let idx = index.map(|i| i.to_string()).unwrap_or_default();
                        let variant =
                            format!("{}[{idx}]", versioned_str(&package.name, &package.version));
                        let message = format!(
                            "The package {variant} has an internal requirements conflict: {existing} <--!--> {req}"
                        );
                        return Err(SolveError::ConflictingPackageRequires {
                            package: variant,
                            message,
                        });
                    }
                },
            }
        }
        let reqs: Box<[CReq]> = merged
            .into_iter()
            .map(|(fam, req)| {
                let range_id = req.range().map(|r| self.intern_range(r));
                CReq { fam, req, range_id }
            })
            .collect();
        let mut names: Vec<FamId> = reqs
            .iter()
            .filter(|r| !r.req.is_conflict())
            .map(|r| r.fam)
            .collect();
        names.sort_unstable();
        let mut all_names: Vec<FamId> = reqs.iter().map(|r| r.fam).collect();
        all_names.sort_unstable();
        Ok(ReqList {
            fams: reqs.iter().map(|r| r.fam).collect(),
            reqs,
            names: names.into_boxed_slice(),
            all_names: all_names.into_boxed_slice(),
        })
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
}
