//! The per-solve store: interned family names, the families and packages the
//! solve has looked at, and each variant's merged requirements.
//!
//! Everything here lives for one solve and is single-threaded (`Rc`,
//! `RefCell`); the [`Solver`](crate::Solver) itself stays `Send + Sync`.
//! Packages are read from the provider only when a scope first needs them,
//! and each variant's requirement list is merged only when first used, as
//! rez does (so a package with conflicting requirements is an error only if
//! the solve looks at it).

use std::cell::{Cell, OnceCell, RefCell};
use std::cmp::Ordering;
use std::rc::Rc;
use std::sync::Arc;

use rer_repo::{Family, FamilyProvider, Package};
use rer_version::{Requirement, Version, VersionRange};
use rustc_hash::FxHashMap;

use crate::VariantSelectMode;
use crate::bitset::BitSet;
use crate::error::SolveError;
use crate::sort_key::SortKey;

/// A family name interned for one solve (ephemeral names included).
pub(crate) type FamId = u32;

/// The result type of everything that may meet a rez exception.
pub(crate) type Res<T> = Result<T, SolveError>;

/// A family the provider knows, with the packages read so far.
pub(crate) struct FamData {
    /// The provider's family (versions ascending).
    pub(crate) family: Arc<Family>,
    pkgs: Box<[OnceCell<Rc<Pkg>>]>,
}

impl FamData {
    /// The family's versions, ascending.
    pub(crate) fn versions(&self) -> &[Version] {
        self.family.versions()
    }
}

#[derive(Default)]
enum FamSlot {
    #[default]
    Unknown,
    Missing,
    Found(Rc<FamData>),
}

/// The order in which the variants of one entry are listed: a shared,
/// mutable list, as in rez, where sorting an entry sorts the list in place
/// for every entry that shares it.
pub(crate) struct VarList {
    /// Positions in [`Pkg::vars`], in the current order.
    pub(crate) order: RefCell<Vec<u16>>,
    /// Whether `order` is the sorted (preferred-first) order.
    pub(crate) canonical: Cell<bool>,
}

impl VarList {
    /// A list of `order`, sorted or not.
    pub(crate) fn new(order: Vec<u16>, canonical: bool) -> Rc<VarList> {
        let canonical = canonical || order.len() <= 1;
        Rc::new(VarList {
            order: RefCell::new(order),
            canonical: Cell::new(canonical),
        })
    }

    /// The number of variants listed.
    pub(crate) fn len(&self) -> usize {
        self.order.borrow().len()
    }
}

/// One package the solve has read.
pub(crate) struct Pkg {
    /// The package's family.
    pub(crate) fam: FamId,
    /// Position of the version in the family's ascending versions.
    pub(crate) idx: u32,
    /// The package data.
    pub(crate) package: Arc<Package>,
    /// Its variants (one, without index, when it has none).
    pub(crate) vars: Box<[Var]>,
    /// The list of all its variants that rez's variant cache shares.
    pub(crate) list: Rc<VarList>,
}

impl Pkg {
    /// The package version.
    pub(crate) fn version(&self) -> &Version {
        &self.package.version
    }

    /// `name-version[index]` as rez prints a variant.
    pub(crate) fn variant_str(&self, pos: u16) -> String {
        let idx = self
            .vars
            .get(pos as usize)
            .and_then(|v| v.index)
            .map(|i| i.to_string())
            .unwrap_or_default();
        format!(
            "{}[{idx}]",
            versioned_str(&self.package.name, self.version())
        )
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

/// One variant of a package the solve has read.
pub(crate) struct Var {
    /// The variant index (`None` for a package without variants).
    pub(crate) index: Option<u32>,
    reqs: OnceCell<ReqList>,
    key: OnceCell<SortKey>,
}

/// A variant's requirements merged per family (rez's `RequirementList`).
pub(crate) struct ReqList {
    /// The merged requirements, in order of first appearance.
    pub(crate) reqs: Box<[LReq]>,
    /// Families of the non-conflict requirements, ascending ids.
    pub(crate) names: Box<[FamId]>,
    /// Families of the conflict (and weak) requirements, ascending ids.
    pub(crate) conflict_names: Box<[FamId]>,
}

impl ReqList {
    /// The merged requirement on `fam`, if any.
    #[inline]
    pub(crate) fn get(&self, fam: FamId) -> Option<&LReq> {
        self.reqs.iter().find(|r| r.fam == fam)
    }
}

/// One merged requirement of a variant.
pub(crate) struct LReq {
    /// The family it names.
    pub(crate) fam: FamId,
    /// The requirement.
    pub(crate) req: Requirement,
    mask: OnceCell<BitSet>,
}

struct Names {
    map: FxHashMap<Arc<str>, FamId>,
    names: Vec<Arc<str>>,
}

/// The store of one solve.
pub(crate) struct Store<'a> {
    provider: &'a dyn FamilyProvider,
    names: RefCell<Names>,
    fams: RefCell<Vec<FamSlot>>,
    request: OnceCell<Box<[(FamId, bool)]>>,
    mode: VariantSelectMode,
    families_loaded: Cell<usize>,
    packages_loaded: Cell<usize>,
}

impl<'a> Store<'a> {
    /// An empty store over `provider`.
    pub(crate) fn new(provider: &'a dyn FamilyProvider, mode: VariantSelectMode) -> Store<'a> {
        Store {
            provider,
            names: RefCell::new(Names {
                map: FxHashMap::default(),
                names: Vec::new(),
            }),
            fams: RefCell::new(Vec::new()),
            request: OnceCell::new(),
            mode,
            families_loaded: Cell::new(0),
            packages_loaded: Cell::new(0),
        }
    }

    /// Records the merged request (family, is-conflict), which variant
    /// ranking depends on. Set once, before any variant is ranked.
    pub(crate) fn set_request(&self, request: Vec<(FamId, bool)>) {
        let _ = self.request.set(request.into_boxed_slice());
    }

    /// The variant select mode of the solve.
    pub(crate) fn mode(&self) -> VariantSelectMode {
        self.mode
    }

    /// Families looked up in the provider so far.
    pub(crate) fn families_loaded(&self) -> usize {
        self.families_loaded.get()
    }

    /// Packages read so far.
    pub(crate) fn packages_loaded(&self) -> usize {
        self.packages_loaded.get()
    }

    /// The id of `name`, interning it on first sight.
    pub(crate) fn intern(&self, name: &Arc<str>) -> FamId {
        let mut names = self.names.borrow_mut();
        if let Some(&id) = names.map.get(&**name) {
            return id;
        }
        let id = names.names.len() as FamId;
        names.names.push(Arc::clone(name));
        names.map.insert(Arc::clone(name), id);
        self.fams.borrow_mut().push(FamSlot::Unknown);
        id
    }

    /// The name of `fam`.
    pub(crate) fn name(&self, fam: FamId) -> Arc<str> {
        let names = self.names.borrow();
        names
            .names
            .get(fam as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    /// Compares two families by name (rez sorts family names as strings).
    pub(crate) fn cmp_names(&self, a: FamId, b: FamId) -> Ordering {
        let names = self.names.borrow();
        let get = |f: FamId| names.names.get(f as usize).map(|n| &**n).unwrap_or("");
        get(a).cmp(get(b))
    }

    /// The family `fam`, asking the provider the first time; `None` when
    /// the provider has no such family.
    pub(crate) fn family(&self, fam: FamId) -> Res<Option<Rc<FamData>>> {
        {
            let fams = self.fams.borrow();
            match fams.get(fam as usize) {
                Some(FamSlot::Found(d)) => return Ok(Some(Rc::clone(d))),
                Some(FamSlot::Missing) => return Ok(None),
                _ => {}
            }
        }
        let name = self.name(fam);
        self.families_loaded.set(self.families_loaded.get() + 1);
        let slot = match self.provider.family(&name)? {
            Some(family) if !family.is_empty() => {
                let pkgs = (0..family.len()).map(|_| OnceCell::new()).collect();
                FamSlot::Found(Rc::new(FamData { family, pkgs }))
            }
            _ => FamSlot::Missing,
        };
        let out = match &slot {
            FamSlot::Found(d) => Some(Rc::clone(d)),
            _ => None,
        };
        if let Some(s) = self.fams.borrow_mut().get_mut(fam as usize) {
            *s = slot;
        }
        Ok(out)
    }

    /// The package at position `idx` of `data`'s versions, read on first use.
    pub(crate) fn pkg(&self, fam: FamId, data: &FamData, idx: usize) -> Res<Rc<Pkg>> {
        let cell = data
            .pkgs
            .get(idx)
            .ok_or_else(|| SolveError::Internal(format!("version index {idx} out of range")))?;
        if let Some(p) = cell.get() {
            return Ok(Rc::clone(p));
        }
        let package = Arc::clone(data.family.package(idx)?);
        let nvars = package.variants.len();
        let vars: Box<[Var]> = if nvars == 0 {
            Box::new([Var::new(None)])
        } else {
            (0..nvars).map(|i| Var::new(Some(i as u32))).collect()
        };
        let order: Vec<u16> = (0..vars.len() as u16).collect();
        let pkg = Rc::new(Pkg {
            fam,
            idx: idx as u32,
            package,
            vars,
            list: VarList::new(order, false),
        });
        self.packages_loaded.set(self.packages_loaded.get() + 1);
        let _ = cell.set(Rc::clone(&pkg));
        Ok(pkg)
    }

    /// The merged requirements of variant `pos` of `pkg`, merged on first
    /// use. A conflict between them is rez's "internal requirements
    /// conflict" error.
    pub(crate) fn reqs<'p>(&self, pkg: &'p Pkg, pos: u16) -> Res<&'p ReqList> {
        let var = pkg
            .vars
            .get(pos as usize)
            .ok_or_else(|| SolveError::Internal(format!("variant {pos} out of range")))?;
        if let Some(r) = var.reqs.get() {
            return Ok(r);
        }
        let list = self.merge_requires(pkg, pos)?;
        let _ = var.reqs.set(list);
        var.reqs
            .get()
            .ok_or_else(|| SolveError::Internal("requirement list not stored".into()))
    }

    fn merge_requires(&self, pkg: &Pkg, pos: u16) -> Res<ReqList> {
        let index = pkg.vars.get(pos as usize).and_then(|v| v.index);
        let own: &[Requirement] = match index {
            None => &[],
            Some(i) => pkg
                .package
                .variants
                .get(i as usize)
                .map(|v| &v[..])
                .unwrap_or(&[]),
        };
        let mut merged: Vec<LReq> = Vec::with_capacity(pkg.package.requires.len() + own.len());
        for req in pkg.package.requires.iter().chain(own) {
            let fam = self.intern(req.shared_name());
            match merged.iter_mut().find(|l| l.fam == fam) {
                None => merged.push(LReq {
                    fam,
                    req: req.clone(),
                    mask: OnceCell::new(),
                }),
                Some(existing) => match existing.req.merged(req) {
                    Some(m) => existing.req = m,
                    None => {
                        let package = pkg.variant_str(pos);
                        let message = format!(
                            "The package {package} has an internal requirements conflict: {} <--!--> {req}",
                            existing.req
                        );
                        return Err(SolveError::ConflictingPackageRequires { package, message });
                    }
                },
            }
        }
        let mut names: Vec<FamId> = merged
            .iter()
            .filter(|l| !l.req.is_conflict())
            .map(|l| l.fam)
            .collect();
        names.sort_unstable();
        let mut conflict_names: Vec<FamId> = merged
            .iter()
            .filter(|l| l.req.is_conflict())
            .map(|l| l.fam)
            .collect();
        conflict_names.sort_unstable();
        Ok(ReqList {
            reqs: merged.into_boxed_slice(),
            names: names.into_boxed_slice(),
            conflict_names: conflict_names.into_boxed_slice(),
        })
    }

    /// The ranking key of variant `pos` of `pkg` (see [`SortKey`]).
    pub(crate) fn sort_key<'p>(&self, pkg: &'p Pkg, pos: u16) -> Res<&'p SortKey> {
        let var = pkg
            .vars
            .get(pos as usize)
            .ok_or_else(|| SolveError::Internal(format!("variant {pos} out of range")))?;
        if let Some(k) = var.key.get() {
            return Ok(k);
        }
        let reqs = self.reqs(pkg, pos)?;
        let request = self.request.get().map(|r| &r[..]).unwrap_or(&[]);
        let key = SortKey::new(self, request, reqs, var.index);
        let _ = var.key.set(key);
        var.key
            .get()
            .ok_or_else(|| SolveError::Internal("sort key not stored".into()))
    }

    /// The versions of `data` within `range`, as half-open intervals of
    /// positions in its ascending versions.
    pub(crate) fn intervals(data: &FamData, range: &VersionRange) -> Vec<(usize, usize)> {
        let versions = data.versions();
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

    /// The versions of `data` within `range`, as a set of positions.
    pub(crate) fn mask(data: &FamData, range: &VersionRange) -> BitSet {
        let mut set = BitSet::with_capacity(data.versions().len());
        for (lo, hi) in Store::intervals(data, range) {
            set.insert_range(lo, hi);
        }
        set
    }

    /// The versions of `lreq`'s family within its range, computed once.
    /// The family must exist (it does whenever a scope of it holds variants).
    pub(crate) fn lreq_mask<'l>(&self, lreq: &'l LReq) -> Res<&'l BitSet> {
        if let Some(m) = lreq.mask.get() {
            return Ok(m);
        }
        let data = self
            .family(lreq.fam)?
            .ok_or_else(|| SolveError::Internal(format!("family of {} not loaded", lreq.req)))?;
        let mask = match lreq.req.range() {
            Some(range) => Store::mask(&data, range),
            None => BitSet::default(),
        };
        let _ = lreq.mask.set(mask);
        lreq.mask
            .get()
            .ok_or_else(|| SolveError::Internal("mask not stored".into()))
    }
}

impl Var {
    fn new(index: Option<u32>) -> Var {
        Var {
            index,
            reqs: OnceCell::new(),
            key: OnceCell::new(),
        }
    }
}
