//! Package scopes (rez's `_PackageScope`): what the solve still allows for
//! one family. A scope holds either a slice of candidate variants, or just a
//! requirement (a conflict such as `!foo` or `~foo-1`, or an ephemeral such
//! as `.foo-1`).
//!
//! A [`Scope`] is a small `Copy` handle: the slice or requirement it holds
//! lives in the solve's store, so phases copy their scope lists without
//! touching the data.

use std::rc::Rc;

use rer_version::{Requirement, VersionRange};

use crate::cache::RangeId;
use crate::error::SolveError;
use crate::slice::{Reduce, ScopeReq, Slice, variant_slice};
use crate::store::{FamId, Res, Store, VarRef};

const SLICE: u8 = 1;
const CONFLICT: u8 = 2;
const EPHEMERAL: u8 = 4;
const NO_RANGE: u8 = 8;

/// One family's scope within a phase.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope {
    /// The family.
    pub(crate) fam: FamId,
    /// The slice or requirement, in the store.
    id: u32,
    flags: u8,
}

/// The outcome of intersecting a scope with a range.
pub(crate) enum Intersect {
    /// The scope is unchanged.
    Same,
    /// The scope narrowed (or, for a conflict scope, became variants).
    New(Scope),
    /// Nothing is left.
    Empty,
}

/// The outcome of reducing a scope.
pub(crate) enum ReduceOutcome {
    /// Unchanged.
    Same,
    /// Narrowed.
    Changed(Scope),
    /// Every variant removed: each with the requirement that conflicted.
    /// (The variants are of this scope's family: version and variant
    /// positions.)
    Total(Vec<(u32, u16, Requirement)>),
}

impl Scope {
    fn of_slice(store: &Store<'_>, fam: FamId, slice: Rc<Slice>) -> Scope {
        Scope {
            fam,
            id: store.add_slice(slice),
            flags: SLICE,
        }
    }

    fn of_req(store: &Store<'_>, fam: FamId, req: Requirement) -> Scope {
        let mut flags = 0;
        if req.is_conflict() {
            flags |= CONFLICT;
        }
        if req.is_ephemeral() {
            flags |= EPHEMERAL;
        }
        if req.range().is_none() {
            flags |= NO_RANGE;
        }
        Scope {
            fam,
            id: store.add_req(req),
            flags,
        }
    }

    /// rez's `_PackageScope(request)`: a requirement scope for conflicts and
    /// ephemerals, otherwise the variants within the request's range. No
    /// matching version is [`SolveError::NoMatchingVersion`]; an unknown
    /// family [`SolveError::UnknownFamily`] (both without `required_by`).
    pub(crate) fn create(store: &Store<'_>, fam: FamId, req: &Requirement) -> Res<Scope> {
        if req.is_conflict() || req.is_ephemeral() {
            return Ok(Scope::of_req(store, fam, req.clone()));
        }
        let any = VersionRange::any();
        let range = req.range().unwrap_or(&any);
        match variant_slice(store, fam, store.range_id(range))? {
            Some(slice) => Ok(Scope::of_slice(store, fam, slice)),
            None => Err(Box::new(SolveError::NoMatchingVersion {
                requirement: Requirement::construct(req.shared_name().clone(), range.clone())
                    .to_string(),
                required_by: None,
            })),
        }
    }

    /// rez's `_PackageScope` for an extracted requirement: family `fam`
    /// within range `id` (a plain requirement).
    pub(crate) fn create_extracted(store: &Store<'_>, fam: FamId, id: RangeId) -> Res<Scope> {
        let name = store.name(fam);
        if name.starts_with('.') {
            let req = Requirement::construct(name, store.range(id));
            return Scope::create(store, fam, &req);
        }
        match variant_slice(store, fam, id)? {
            Some(slice) => Ok(Scope::of_slice(store, fam, slice)),
            None => Err(Box::new(SolveError::NoMatchingVersion {
                requirement: Requirement::construct(name, store.range(id)).to_string(),
                required_by: None,
            })),
        }
    }

    fn with_slice(self, store: &Store<'_>, slice: Rc<Slice>) -> Scope {
        Scope::of_slice(store, self.fam, slice)
    }

    /// What the scope holds in the store: whether a slice (else a
    /// requirement), and its index there (see [`Store::collect`]).
    pub(crate) fn held(self) -> (bool, u32) {
        (self.is_slice(), self.id)
    }

    /// A conflict scope (`!foo`, `~foo-1`, `!.foo`).
    #[inline]
    pub(crate) fn is_conflict(self) -> bool {
        self.flags & CONFLICT != 0
    }

    /// An ephemeral scope (`.foo`).
    #[inline]
    pub(crate) fn is_ephemeral(self) -> bool {
        self.flags & EPHEMERAL != 0
    }

    /// Whether the scope holds variants.
    #[inline]
    pub(crate) fn is_slice(self) -> bool {
        self.flags & SLICE != 0
    }

    /// A requirement scope without range (a weak `~foo`), which reduces
    /// nothing.
    #[inline]
    pub(crate) fn has_no_range(self) -> bool {
        self.flags & NO_RANGE != 0
    }

    /// The slice, for a scope holding variants.
    pub(crate) fn slice(self, store: &Store<'_>) -> Option<Rc<Slice>> {
        if self.is_slice() {
            store.slice(self.id)
        } else {
            None
        }
    }

    fn req(self, store: &Store<'_>) -> Option<Rc<Requirement>> {
        if self.is_slice() {
            None
        } else {
            store.req(self.id)
        }
    }

    fn slice_or_err(self, store: &Store<'_>) -> Res<Rc<Slice>> {
        self.slice(store)
            .ok_or_else(|| Box::new(SolveError::Internal("scope without its slice".into())))
    }

    /// Whether a reduction by a request on `fam` is known to leave the
    /// scope unchanged (`Some(false)`), may change it (`Some(true)`), or
    /// needs the full test (`None`: a slice whose family information is not
    /// computed yet).
    #[inline]
    pub(crate) fn quick_requires(self, store: &Store<'_>, fam: FamId) -> Option<bool> {
        if !self.is_slice() {
            return Some(false);
        }
        store
            .with_slice(self.id, |s| s.quick_requires(fam))
            .flatten()
    }

    /// rez's `package_request`: the requirement, or exactly the versions of
    /// the slice.
    pub(crate) fn package_request(self, store: &Store<'_>) -> Requirement {
        if let Some(s) = self.slice(store) {
            return s.request(store);
        }
        match self.req(store) {
            Some(r) => (*r).clone(),
            None => Requirement::construct(store.name(self.fam), VersionRange::any()),
        }
    }

    /// Narrows the scope to range `id` (an extracted requirement's range).
    pub(crate) fn intersect(self, store: &Store<'_>, id: RangeId) -> Res<Intersect> {
        if self.is_slice() {
            let slice = self.slice_or_err(store)?;
            return Ok(match slice.intersect(store, id)? {
                None => Intersect::Empty,
                Some(s) if Rc::ptr_eq(&s, &slice) => Intersect::Same,
                Some(s) => Intersect::New(self.with_slice(store, s)),
            });
        }
        let req = self.req(store).ok_or_else(|| {
            Box::new(SolveError::Internal("scope without its requirement".into()))
        })?;
        let range = store.range(id);
        if self.is_ephemeral() {
            let own = req.range();
            let new_range = match (req.is_conflict(), own) {
                (true, Some(own)) => range.difference(own),
                (false, Some(own)) => range.intersection(own),
                (_, None) => Some(range),
            };
            return Ok(match new_range {
                None => Intersect::Empty,
                Some(r) if Some(&r) == own => Intersect::Same,
                Some(r) => Intersect::New(Scope::of_req(
                    store,
                    self.fam,
                    Requirement::construct(req.shared_name().clone(), r),
                )),
            });
        }
        let new_range = match req.range() {
            None => Some(range),
            Some(own) => range.difference(own),
        };
        let slice = match new_range {
            Some(r) => variant_slice(store, self.fam, store.range_id(&r))?,
            None => None,
        };
        Ok(match slice {
            Some(s) => Intersect::New(self.with_slice(store, s)),
            None => Intersect::Empty,
        })
    }

    /// Reduces the scope by `other`'s request (rez's `reduce_by`).
    pub(crate) fn reduce_by(self, store: &Store<'_>, other: Scope) -> Res<ReduceOutcome> {
        if !self.is_slice() || other.has_no_range() {
            return Ok(ReduceOutcome::Same);
        }
        let slice = self.slice_or_err(store)?;
        if !slice.requires_family(store, other.fam)? {
            return Ok(ReduceOutcome::Same);
        }
        let other_slice = other.slice(store);
        let other_req = other.req(store);
        let req = match (&other_slice, &other_req) {
            (Some(s), _) => ScopeReq::Versions(s),
            (None, Some(r)) => ScopeReq::Req(r),
            (None, None) => {
                return Err(Box::new(SolveError::Internal(
                    "scope without content".into(),
                )));
            }
        };
        Ok(match slice.reduce_by(store, other.fam, &req)? {
            Reduce::Same => ReduceOutcome::Same,
            Reduce::Changed(s) => ReduceOutcome::Changed(self.with_slice(store, s)),
            Reduce::Total(r) => ReduceOutcome::Total(r),
        })
    }

    /// Extracts every common dependency not extracted yet, in name order
    /// (rez extracts them one call at a time, in the same order): the
    /// family and the id of the range extracted for it, appended to `out`.
    pub(crate) fn extract_all(self, store: &Store<'_>, out: &mut Vec<(FamId, RangeId)>) -> Res<()> {
        if !self.is_slice() {
            return Ok(());
        }
        self.slice_or_err(store)?.extract_all(store, out)
    }

    /// Splits the scope, or `None` when it is not a slice of several variants.
    pub(crate) fn split(self, store: &Store<'_>) -> Res<Option<(Scope, Scope)>> {
        let Some(slice) = self.slice(store) else {
            return Ok(None);
        };
        if slice.len() == 1 {
            return Ok(None);
        }
        let (a, b) = slice.split(store)?;
        Ok(Some((self.with_slice(store, a), self.with_slice(store, b))))
    }

    /// Whether the scope may be split (a slice of several variants).
    pub(crate) fn can_split(self, store: &Store<'_>) -> bool {
        self.is_slice() && store.with_slice(self.id, |s| s.len() > 1).unwrap_or(false)
    }

    /// Whether the scope is settled: a requirement, or one variant with
    /// nothing left to extract.
    pub(crate) fn is_solved(self, store: &Store<'_>) -> Res<bool> {
        if !self.is_slice() {
            return Ok(true);
        }
        match store.with_slice(self.id, |s| (s.len(), s.known_extractable())) {
            Some((n, _)) if n != 1 => Ok(false),
            Some((_, Some(e))) => Ok(!e),
            _ => match self.slice(store) {
                None => Ok(true),
                Some(s) => Ok(s.len() == 1 && !s.extractable(store)?),
            },
        }
    }

    /// The one variant of a settled slice scope.
    pub(crate) fn solved_variant(self, store: &Store<'_>) -> Res<Option<VarRef>> {
        match self.slice(store) {
            Some(s) if s.len() == 1 && !s.extractable(store)? => Ok(Some(s.first_variant(store)?)),
            _ => Ok(None),
        }
    }

    /// The requirement of a non-conflict ephemeral scope.
    pub(crate) fn solved_ephemeral(self, store: &Store<'_>) -> Option<Rc<Requirement>> {
        if self.is_ephemeral() && !self.is_conflict() {
            self.req(store)
        } else {
            None
        }
    }

    /// Whether the scope's slice has computed family information and is
    /// registered in the store's index (see the reduction pass).
    pub(crate) fn is_tame(self, store: &Store<'_>) -> bool {
        !self.is_slice()
            || store
                .with_slice(self.id, |s| s.has_info() && s.indexed())
                .unwrap_or(false)
    }

    /// Runs `f` on the family information of the scope's slice, if computed.
    pub(crate) fn with_info<R>(
        self,
        store: &Store<'_>,
        f: impl FnOnce(&crate::cache::FamInfo) -> R,
    ) -> Option<R> {
        if !self.is_slice() {
            return None;
        }
        store
            .with_slice(self.id, |s| s.info_if_known().map(f))
            .flatten()
    }
}
