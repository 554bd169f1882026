//! One package as the solver processes it: each variant's requirements
//! merged as rez's `RequirementList` merges them, interned, and packed as
//! *codes* for the solve's set operations.
//!
//! A package is processed once per solver and read by every solve, so the
//! layout is flat: all variants' merged requirements sit back to back in
//! one array, and their codes in another, each variant owning a stretch of
//! both. Processing a package makes a handful of allocations, whatever its
//! number of variants.

use std::sync::Arc;

use rer_repo::Package;
use rer_version::{Requirement, VersionRange};

use crate::cache::{Cache, FamId, RangeId, versioned_str};
use crate::error::SolveError;
use crate::ranked::Rankings;
use crate::store::Res;

/// The code of a requirement without range (a weak `~foo`).
pub(crate) const NO_RANGE: u32 = u32::MAX;

/// One package, processed.
///
/// A variant's requirement on a family is packed as a code, `family << 32
/// | range id << 1 | is-conflict` (or `family << 32 | NO_RANGE` for a weak
/// `~foo`, itself a conflict), and each variant's codes are sorted by
/// family, so a variant's requirement on a family is a binary search away.
/// What all variants share is kept too, so that whole entries can be
/// handled at once.
pub(crate) struct PkgData {
    /// The package as the provider gave it.
    pub(crate) package: Arc<Package>,
    /// Its variants (one, without index, when it has none).
    vars: Box<[VarData]>,
    /// Every variant's merged requirements, in variant order.
    reqs: Box<[CReq]>,
    /// Every variant's codes, in variant order, each variant's by family.
    codes: Box<[u64]>,
    /// Whether every variant's requirements merged without conflict.
    pub(crate) ok: bool,
    /// Families every variant requires (non-conflict), ascending ids.
    pub(crate) common: Box<[FamId]>,
    /// Families any variant names (conflicts included), ascending ids.
    pub(crate) all: Box<[FamId]>,
    /// The codes every variant has, sorted (empty for one variant, whose
    /// own codes are those).
    uniform: Box<[u64]>,
    /// The requirements made by merging two on one family.
    merged: Box<[Requirement]>,
    /// Its variants ranked preferred-first, per request signature,
    /// remembered across solves.
    pub(crate) rankings: Rankings,
}

/// One variant: its index and its stretch of the package's arrays.
struct VarData {
    /// The variant index (`None` for a package without variants).
    index: Option<u32>,
    /// Where its requirements and codes start and end (empty on error).
    start: u32,
    end: u32,
    /// rez's "internal requirements conflict" error, raised when a solve
    /// first looks at the requirements (as rez does).
    error: Option<SolveError>,
}

/// A variant's requirements merged per family (rez's `RequirementList`),
/// borrowed from its package.
#[derive(Clone, Copy)]
pub(crate) struct ReqList<'a> {
    /// The merged requirements, in order of first appearance.
    pub(crate) reqs: &'a [CReq],
    /// Their codes, sorted by family.
    codes: &'a [u64],
    /// Where their texts live.
    texts: Texts<'a>,
}

/// The requirements a package's merged requirements refer to.
#[derive(Clone, Copy)]
struct Texts<'a> {
    package: &'a Package,
    merged: &'a [Requirement],
}

/// Where a merged requirement's text is: in the package's common
/// requirements (list 0), in variant `k`'s own (list `k + 1`), or among
/// those made by merging two ([`MERGED`]).
#[derive(Clone, Copy, Debug)]
struct Source {
    list: u32,
    idx: u32,
}

/// The list of the requirements made by merging.
const MERGED: u32 = u32::MAX;

impl<'a> Texts<'a> {
    /// The requirement at `src`.
    #[inline]
    fn get(self, src: Source) -> Option<&'a Requirement> {
        let list: &'a [Requirement] = match src.list {
            MERGED => self.merged,
            0 => &self.package.requires,
            k => self.package.variants.get(k as usize - 1)?,
        };
        list.get(src.idx as usize)
    }
}

/// One merged requirement of a variant: its family, range and kind, and
/// where its text is (no copy of the requirement is kept).
pub(crate) struct CReq {
    /// The family it names.
    pub(crate) fam: FamId,
    /// Its range, interned (`None` for a weak `~foo` without range).
    pub(crate) range_id: Option<RangeId>,
    /// Whether it is a conflict (`!foo`, or weak `~foo`).
    pub(crate) conflict: bool,
    /// Its range (shared with the requirement), which variant ranking
    /// compares often.
    pub(crate) range: Option<VersionRange>,
    src: Source,
}

impl CReq {
    /// The merged requirement `req` (interned as `ids`) whose text is at
    /// `src`.
    fn new(req: &Requirement, (fam, range_id): (FamId, Option<RangeId>), src: Source) -> CReq {
        CReq {
            fam,
            range_id,
            conflict: req.is_conflict(),
            range: req.range().cloned(),
            src,
        }
    }
}

/// The code of `creq`: its range id and conflict flag.
fn code_of(creq: &CReq) -> u32 {
    match creq.range_id {
        Some(id) => (id << 1) | creq.conflict as u32,
        None => NO_RANGE,
    }
}

/// The family of a packed code.
#[inline]
fn fam_of(code: u64) -> FamId {
    (code >> 32) as FamId
}

/// Whether requirement code `code` is a plain (non-conflict) requirement.
#[inline]
pub(crate) fn plain(code: u32) -> bool {
    code != NO_RANGE && code & 1 == 0
}

/// The families of the plain requirements among packed `codes` (sorted
/// by family), ascending.
fn plain_fams(codes: &[u64]) -> impl Iterator<Item = FamId> + '_ {
    codes
        .iter()
        .filter(|&&c| plain(c as u32))
        .map(|&c| fam_of(c))
}

/// Whether packed `codes` (sorted by family) hold a plain requirement on
/// `fam`.
#[inline]
fn requires_plain(codes: &[u64], fam: FamId) -> bool {
    find_code(codes, fam).is_some_and(plain)
}

/// Looks `fam` up in codes sorted by family.
#[inline]
fn find_code(codes: &[u64], fam: FamId) -> Option<u32> {
    let key = (fam as u64) << 32;
    let i = codes.partition_point(|c| *c < key);
    match codes.get(i) {
        Some(&c) if fam_of(c) == fam => Some(c as u32),
        _ => None,
    }
}

impl<'a> ReqList<'a> {
    /// The merged requirement on `fam`, if any.
    #[inline]
    pub(crate) fn get(self, fam: FamId) -> Option<&'a Requirement> {
        let creq = self.reqs.iter().find(|r| r.fam == fam)?;
        self.texts.get(creq.src)
    }

    /// Whether a non-conflict requirement names `fam`.
    #[inline]
    pub(crate) fn requires(self, fam: FamId) -> bool {
        requires_plain(self.codes, fam)
    }

    /// The families of the non-conflict requirements, ascending ids.
    pub(crate) fn names(self) -> impl Iterator<Item = FamId> + 'a {
        plain_fams(self.codes)
    }

    /// The families of every requirement (conflicts included), ascending.
    pub(crate) fn all_names(self) -> impl Iterator<Item = FamId> + 'a {
        self.codes.iter().map(|&c| fam_of(c))
    }
}

impl PkgData {
    /// Processes `package`, interning through `cache`.
    pub(crate) fn build(cache: &Cache, package: Arc<Package>) -> PkgData {
        let own_total: usize = package.variants.iter().map(Vec::len).sum();
        let mut ids = Vec::with_capacity(package.requires.len() + own_total);
        cache.intern_reqs(
            package
                .requires
                .iter()
                .chain(package.variants.iter().flatten()),
            &mut ids,
        );
        let (common_ids, own_ids) = ids.split_at(package.requires.len());
        let nvars = package.variants.len().max(1);
        let capacity = package.requires.len() * nvars + own_total;
        let mut builder = Builder {
            vars: Vec::with_capacity(nvars),
            reqs: Vec::with_capacity(capacity),
            merged: Vec::new(),
            codes: Vec::with_capacity(capacity),
            ok: true,
            common: None,
            all: Vec::new(),
            uniform: None,
            multi: nvars > 1,
        };
        let common = (package.requires.as_slice(), common_ids);
        let source = |index, own| VariantSource {
            package: &package,
            index,
            common,
            own,
        };
        if package.variants.is_empty() {
            builder.variant(cache, &source(None, (&[], &[])));
        } else {
            let mut at = 0;
            for (i, own) in package.variants.iter().enumerate() {
                let ids = own_ids.get(at..at + own.len()).unwrap_or(&[]);
                at += own.len();
                builder.variant(cache, &source(Some(i as u32), (own, ids)));
            }
        }
        builder.finish(package)
    }

    /// The number of variants.
    #[inline]
    pub(crate) fn nvars(&self) -> usize {
        self.vars.len()
    }

    /// The variant index of position `pos`.
    #[inline]
    pub(crate) fn index(&self, pos: u16) -> Option<u32> {
        self.vars.get(pos as usize).and_then(|v| v.index)
    }

    /// The merged requirements of variant `pos`; rez's "internal
    /// requirements conflict" error if they conflict.
    #[inline]
    pub(crate) fn reqs(&self, pos: u16) -> Res<ReqList<'_>> {
        let var = self
            .vars
            .get(pos as usize)
            .ok_or_else(|| Box::new(SolveError::Internal(format!("variant {pos} out of range"))))?;
        if let Some(e) = &var.error {
            return Err(Box::new(e.clone()));
        }
        let (a, b) = (var.start as usize, var.end as usize);
        match (self.reqs.get(a..b), self.codes.get(a..b)) {
            (Some(reqs), Some(codes)) => Ok(ReqList {
                reqs,
                codes,
                texts: Texts {
                    package: &self.package,
                    merged: &self.merged,
                },
            }),
            _ => Err(Box::new(SolveError::Internal(format!(
                "variant {pos} has no requirements"
            )))),
        }
    }

    /// The code of variant `pos`'s requirement on `fam`, if it has one.
    #[inline]
    pub(crate) fn var_code(&self, pos: u16, fam: FamId) -> Option<u32> {
        let var = self.vars.get(pos as usize)?;
        find_code(self.codes.get(var.start as usize..var.end as usize)?, fam)
    }

    /// The code all variants share for `fam`, when they all name it alike.
    #[inline]
    pub(crate) fn uniform_code(&self, fam: FamId) -> Option<u32> {
        if self.vars.len() == 1 {
            return self.var_code(0, fam);
        }
        find_code(&self.uniform, fam)
    }

    /// Whether some variant names `fam`.
    #[inline]
    pub(crate) fn names(&self, fam: FamId) -> bool {
        self.all.binary_search(&fam).is_ok()
    }
}

/// Requirements with their interned family and range ids.
type Interned<'a> = (&'a [Requirement], &'a [(FamId, Option<RangeId>)]);

/// What one variant is made of.
struct VariantSource<'a> {
    package: &'a Package,
    /// The variant index (`None` for a package without variants).
    index: Option<u32>,
    /// The package's common requirements.
    common: Interned<'a>,
    /// The variant's own requirements.
    own: Interned<'a>,
}

impl<'a> VariantSource<'a> {
    /// The variant's requirements in rez's order (common, then own), each
    /// with its interned ids and where its text is.
    fn items(
        &self,
    ) -> impl Iterator<Item = (&'a Requirement, &'a (FamId, Option<RangeId>), Source)> + 'a {
        let own_list = self.index.map_or(0, |i| i + 1);
        let common = self.common.0.iter().zip(self.common.1).enumerate();
        let own = self.own.0.iter().zip(self.own.1).enumerate();
        common
            .map(|(i, (r, ids))| {
                (
                    r,
                    ids,
                    Source {
                        list: 0,
                        idx: i as u32,
                    },
                )
            })
            .chain(own.map(move |(i, (r, ids))| {
                let src = Source {
                    list: own_list,
                    idx: i as u32,
                };
                (r, ids, src)
            }))
    }
}

/// A package's processing under way.
struct Builder {
    vars: Vec<VarData>,
    reqs: Vec<CReq>,
    merged: Vec<Requirement>,
    codes: Vec<u64>,
    ok: bool,
    common: Option<Vec<FamId>>,
    all: Vec<FamId>,
    uniform: Option<Vec<u64>>,
    /// Whether the package has more than one variant.
    multi: bool,
}

impl Builder {
    /// Adds the variant with index `index`: the package's `common`
    /// requirements merged with the variant's `own`.
    fn variant(&mut self, cache: &Cache, var: &VariantSource<'_>) {
        let index = var.index;
        let start = self.reqs.len();
        let from = self.codes.len();
        // most variants name each family once: take their requirements as
        // they are, and merge only when the sorted codes show a family twice
        self.reqs
            .extend(var.items().map(|(req, &ids, src)| CReq::new(req, ids, src)));
        self.push_codes(start);
        let twice = self.codes[from..]
            .windows(2)
            .any(|w| fam_of(w[0]) == fam_of(w[1]));
        let merged = if twice {
            self.reqs.truncate(start);
            self.codes.truncate(from);
            let merged = self.merge(cache, var);
            if merged.is_ok() {
                self.push_codes(start);
            }
            merged
        } else {
            Ok(())
        };
        match merged {
            Ok(()) => {
                let end = self.reqs.len();
                let codes = &self.codes[from..];
                self.common = Some(match self.common.take() {
                    None => plain_fams(codes).collect(),
                    Some(mut c) => {
                        c.retain(|f| requires_plain(codes, *f));
                        c
                    }
                });
                self.all.extend(codes.iter().map(|&c| fam_of(c)));
                // (one variant: its own codes serve, see `uniform_code`)
                self.uniform = Some(match self.uniform.take() {
                    None if !self.multi => Vec::new(),
                    None => codes.to_vec(),
                    Some(mut u) => {
                        u.retain(|c| codes.binary_search(c).is_ok());
                        u
                    }
                });
                self.vars.push(VarData {
                    index,
                    start: start as u32,
                    end: end as u32,
                    error: None,
                });
            }
            Err(error) => {
                self.reqs.truncate(start);
                self.ok = false;
                self.vars.push(VarData {
                    index,
                    start: start as u32,
                    end: start as u32,
                    error: Some(error),
                });
            }
        }
    }

    /// Appends the codes of `reqs[start..]`, sorted.
    fn push_codes(&mut self, start: usize) {
        let from = self.codes.len();
        let reqs = self.reqs.get(start..).unwrap_or(&[]);
        self.codes.extend(
            reqs.iter()
                .map(|r| ((r.fam as u64) << 32) | code_of(r) as u64),
        );
        self.codes[from..].sort_unstable();
    }

    /// Merges `common`, then `own`, onto the end of `reqs`, as rez's
    /// `RequirementList` does: one requirement per family, in order of
    /// first appearance, each the merge of those naming its family.
    fn merge(&mut self, cache: &Cache, var: &VariantSource<'_>) -> Result<(), SolveError> {
        let (package, index) = (var.package, var.index);
        let start = self.reqs.len();
        for (req, &ids, src) in var.items() {
            let Some(existing) = self.reqs[start..].iter_mut().find(|c| c.fam == ids.0) else {
                self.reqs.push(CReq::new(req, ids, src));
                continue;
            };
            let texts = Texts {
                package,
                merged: &self.merged,
            };
            let Some(current) = texts.get(existing.src) else {
                return Err(SolveError::Internal("merged requirement lost".into()));
            };
            match current.merged(req) {
                Some(merged) => {
                    existing.range_id = merged.range().map(|r| cache.intern_range(r));
                    existing.conflict = merged.is_conflict();
                    existing.range = merged.range().cloned();
                    existing.src = Source {
                        list: MERGED,
                        idx: self.merged.len() as u32,
                    };
                    self.merged.push(merged);
                }
                None => {
                    let idx = index.map(|i| i.to_string()).unwrap_or_default();
                    let variant =
                        format!("{}[{idx}]", versioned_str(&package.name, &package.version));
                    let message = format!(
                        "The package {variant} has an internal requirements conflict: {current} <--!--> {req}"
                    );
                    return Err(SolveError::ConflictingPackageRequires {
                        package: variant,
                        message,
                    });
                }
            }
        }
        Ok(())
    }

    fn finish(self, package: Arc<Package>) -> PkgData {
        let mut all = self.all;
        all.sort_unstable();
        all.dedup();
        PkgData {
            package,
            vars: self.vars.into_boxed_slice(),
            reqs: self.reqs.into_boxed_slice(),
            codes: self.codes.into_boxed_slice(),
            ok: self.ok,
            common: self.common.unwrap_or_default().into_boxed_slice(),
            all: all.into_boxed_slice(),
            uniform: self.uniform.unwrap_or_default().into_boxed_slice(),
            merged: self.merged.into_boxed_slice(),
            rankings: Rankings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rer_version::Version;

    fn req(s: &str) -> Requirement {
        Requirement::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn package(requires: &[&str], variants: &[&[&str]]) -> Arc<Package> {
        let mut p = Package::new("pkg", Version::parse("1.0").unwrap_or_default());
        p.requires = requires.iter().map(|s| req(s)).collect();
        p.variants = variants
            .iter()
            .map(|v| v.iter().map(|s| req(s)).collect())
            .collect();
        Arc::new(p)
    }

    fn texts(list: ReqList<'_>) -> Vec<String> {
        list.reqs
            .iter()
            .map(|r| list.get(r.fam).map(ToString::to_string).unwrap_or_default())
            .collect()
    }

    #[test]
    fn merges_per_family_in_order_of_first_appearance() {
        let cache = Cache::default();
        let data = PkgData::build(&cache, package(&["b-1+", "a", "b-<2"], &[]));
        assert!(data.ok);
        assert_eq!(data.nvars(), 1);
        assert_eq!(data.index(0), None);
        let list = data.reqs(0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(list), ["b-1+<2", "a"]);
        let b = cache.intern_name(&Arc::from("b"));
        assert!(list.requires(b));
        assert_eq!(
            list.get(b).map(ToString::to_string).as_deref(),
            Some("b-1+<2")
        );
    }

    #[test]
    fn variants_merge_with_the_common_requirements() {
        let cache = Cache::default();
        let data = PkgData::build(
            &cache,
            package(&["a-1", "!c"], &[&["b-2"], &["a-1.2", "b-3"]]),
        );
        assert!(data.ok);
        assert_eq!(data.nvars(), 2);
        assert_eq!(data.index(1), Some(1));
        let first = data.reqs(0).unwrap_or_else(|e| panic!("{e}"));
        let second = data.reqs(1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(first), ["a-1", "!c", "b-2"]);
        assert_eq!(texts(second), ["a-1.2", "!c", "b-3"]);
        let [a, b, c] = ["a", "b", "c"].map(|n| cache.intern_name(&Arc::from(n)));
        // c is a conflict: named, but not required
        assert!(!second.requires(c) && second.all_names().any(|f| f == c));
        let mut common = data.common.to_vec();
        common.sort_unstable();
        let mut want = vec![a, b];
        want.sort_unstable();
        assert_eq!(common, want);
        // only `!c` is alike in both variants
        assert!(data.uniform_code(c).is_some());
        assert!(data.uniform_code(a).is_none() && data.uniform_code(b).is_none());
        assert_eq!(data.var_code(1, b), find_code(second.codes, b));
    }

    #[test]
    fn one_variant_serves_as_its_own_uniform_codes() {
        let cache = Cache::default();
        let data = PkgData::build(&cache, package(&["a-1", "b"], &[]));
        let a = cache.intern_name(&Arc::from("a"));
        assert_eq!(data.uniform_code(a), data.var_code(0, a));
        assert!(data.uniform_code(a).is_some());
    }

    #[test]
    fn a_conflicting_variant_is_an_error_for_that_variant_only() {
        let cache = Cache::default();
        let data = PkgData::build(&cache, package(&["a-1"], &[&["a-2"], &["b"]]));
        assert!(!data.ok);
        let err = match data.reqs(0) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("variant 0 merges a-1 with a-2"),
        };
        assert!(
            err.contains("pkg-1.0[0]") && err.contains("a-1 <--!--> a-2"),
            "{err}"
        );
        let second = data.reqs(1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(second), ["a-1", "b"]);
        let a = cache.intern_name(&Arc::from("a"));
        assert_eq!(data.var_code(0, a), None);
    }
}
