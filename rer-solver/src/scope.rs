//! Package scopes (rez's `_PackageScope`): what the solve still allows for
//! one family. A scope holds either a slice of candidate variants, or just a
//! requirement (a conflict such as `!foo` or `~foo-1`, or an ephemeral such
//! as `.foo-1`).

use std::rc::Rc;

use rer_version::{Requirement, VersionRange};

use crate::cache::RangeId;
use crate::error::SolveError;
use crate::slice::{Reduce, ScopeReq, Slice, variant_slice};
use crate::store::{FamId, Pkg, Res, Store};

/// What a scope holds.
#[derive(Clone)]
pub(crate) enum Kind {
    /// Candidate variants.
    Slice(Rc<Slice>),
    /// A conflict or ephemeral requirement, holding no variants.
    Req(Rc<Requirement>),
}

/// One family's scope within a phase. Cheap to clone (shared data).
#[derive(Clone)]
pub(crate) struct Scope {
    /// The family.
    pub(crate) fam: FamId,
    /// What it holds.
    pub(crate) kind: Kind,
    ephemeral: bool,
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

impl Scope {
    /// rez's `_PackageScope(request)`: a requirement scope for conflicts and
    /// ephemerals, otherwise the variants within the request's range. No
    /// matching version is [`SolveError::NoMatchingVersion`]; an unknown
    /// family [`SolveError::UnknownFamily`] (both without `required_by`).
    pub(crate) fn create(store: &Store<'_>, fam: FamId, req: &Requirement) -> Res<Scope> {
        let ephemeral = req.is_ephemeral();
        if req.is_conflict() || ephemeral {
            return Ok(Scope {
                fam,
                kind: Kind::Req(Rc::new(req.clone())),
                ephemeral,
            });
        }
        let any = VersionRange::any();
        let range = req.range().unwrap_or(&any);
        match variant_slice(store, fam, store.range_id(range))? {
            Some(slice) => Ok(Scope {
                fam,
                kind: Kind::Slice(slice),
                ephemeral,
            }),
            None => Err(SolveError::NoMatchingVersion {
                requirement: Requirement::construct(req.shared_name().clone(), range.clone())
                    .to_string(),
                required_by: None,
            }),
        }
    }

    fn with_slice(&self, slice: Rc<Slice>) -> Scope {
        Scope {
            fam: self.fam,
            kind: Kind::Slice(slice),
            ephemeral: self.ephemeral,
        }
    }

    /// A conflict scope (`!foo`, `~foo-1`, `!.foo`).
    pub(crate) fn is_conflict(&self) -> bool {
        matches!(&self.kind, Kind::Req(r) if r.is_conflict())
    }

    /// An ephemeral scope (`.foo`).
    pub(crate) fn is_ephemeral(&self) -> bool {
        self.ephemeral
    }

    /// The slice, for a scope holding variants.
    pub(crate) fn slice(&self) -> Option<&Rc<Slice>> {
        match &self.kind {
            Kind::Slice(s) => Some(s),
            Kind::Req(_) => None,
        }
    }

    /// Whether the scope holds variants.
    pub(crate) fn is_slice(&self) -> bool {
        matches!(self.kind, Kind::Slice(_))
    }

    /// Whether a reduction by a request on `fam` is known to leave the
    /// scope unchanged (`Some(false)`), may change it (`Some(true)`), or
    /// needs the full test (`None`: a slice whose family information is not
    /// computed yet).
    #[inline]
    pub(crate) fn quick_requires(&self, fam: FamId) -> Option<bool> {
        match &self.kind {
            Kind::Slice(s) => s.quick_requires(fam),
            Kind::Req(_) => Some(false),
        }
    }

    /// A requirement scope without range (a weak `~foo`), which reduces
    /// nothing.
    #[inline]
    pub(crate) fn has_no_range(&self) -> bool {
        matches!(&self.kind, Kind::Req(r) if r.range().is_none())
    }

    /// The scope's request, for reducing other scopes.
    pub(crate) fn scope_req(&self) -> ScopeReq<'_> {
        match &self.kind {
            Kind::Slice(s) => ScopeReq::Versions(s),
            Kind::Req(r) => ScopeReq::Req(r),
        }
    }

    /// rez's `package_request`: the requirement, or exactly the versions of
    /// the slice.
    pub(crate) fn package_request(&self, store: &Store<'_>) -> Requirement {
        match &self.kind {
            Kind::Slice(s) => s.request(store),
            Kind::Req(r) => (**r).clone(),
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
            Some(slice) => Ok(Scope {
                fam,
                kind: Kind::Slice(slice),
                ephemeral: false,
            }),
            None => Err(SolveError::NoMatchingVersion {
                requirement: Requirement::construct(name, store.range(id)).to_string(),
                required_by: None,
            }),
        }
    }

    /// Narrows the scope to range `id` (an extracted requirement's range).
    pub(crate) fn intersect(&self, store: &Store<'_>, id: RangeId) -> Res<Intersect> {
        if let Kind::Slice(slice) = &self.kind {
            return Ok(match slice.intersect(store, id)? {
                None => Intersect::Empty,
                Some(s) if Rc::ptr_eq(&s, slice) => Intersect::Same,
                Some(s) => Intersect::New(self.with_slice(s)),
            });
        }
        let range = store.range(id);
        let range = &range;
        match &self.kind {
            Kind::Req(req) if self.ephemeral => {
                let own = req.range();
                let new_range = match (req.is_conflict(), own) {
                    (true, Some(own)) => range.difference(own),
                    (false, Some(own)) => range.intersection(own),
                    (_, None) => Some(range.clone()),
                };
                Ok(match new_range {
                    None => Intersect::Empty,
                    Some(r) if Some(&r) == own => Intersect::Same,
                    Some(r) => Intersect::New(Scope {
                        fam: self.fam,
                        kind: Kind::Req(Rc::new(Requirement::construct(
                            req.shared_name().clone(),
                            r,
                        ))),
                        ephemeral: true,
                    }),
                })
            }
            Kind::Req(req) => {
                let new_range = match req.range() {
                    None => Some(range.clone()),
                    Some(own) => range.difference(own),
                };
                let slice = match new_range {
                    Some(r) => variant_slice(store, self.fam, store.range_id(&r))?,
                    None => None,
                };
                Ok(match slice {
                    Some(s) => Intersect::New(self.with_slice(s)),
                    None => Intersect::Empty,
                })
            }
            Kind::Slice(_) => Err(SolveError::Internal(
                "slice intersected as a requirement".into(),
            )),
        }
    }

    /// Reduces the scope by `other`'s request (rez's `reduce_by`).
    pub(crate) fn reduce_by(&self, store: &Store<'_>, other: &Scope) -> Res<ReduceOutcome> {
        let Kind::Slice(slice) = &self.kind else {
            return Ok(ReduceOutcome::Same);
        };
        let req = other.scope_req();
        if let ScopeReq::Req(r) = &req {
            if r.range().is_none() {
                return Ok(ReduceOutcome::Same);
            }
        }
        if !slice.requires_family(store, other.fam)? {
            return Ok(ReduceOutcome::Same);
        }
        Ok(match slice.reduce_by(store, other.fam, &req)? {
            Reduce::Same => ReduceOutcome::Same,
            Reduce::Changed(s) => ReduceOutcome::Changed(self.with_slice(s)),
            Reduce::Total(r) => ReduceOutcome::Total(r),
        })
    }

    /// Extracts every common dependency not extracted yet, in name order
    /// (rez extracts them one call at a time, in the same order).
    pub(crate) fn extract_all(
        &self,
        store: &Store<'_>,
    ) -> Res<Option<(Scope, Vec<(FamId, RangeId)>)>> {
        let Kind::Slice(slice) = &self.kind else {
            return Ok(None);
        };
        Ok(slice
            .extract_all(store)?
            .map(|(s, reqs)| (self.with_slice(s), reqs)))
    }

    /// Splits the scope, or `None` when it is not a slice of several variants.
    pub(crate) fn split(&self, store: &Store<'_>) -> Res<Option<(Scope, Scope)>> {
        let Kind::Slice(slice) = &self.kind else {
            return Ok(None);
        };
        if slice.len() == 1 {
            return Ok(None);
        }
        let (a, b) = slice.split(store)?;
        Ok(Some((self.with_slice(a), self.with_slice(b))))
    }

    /// Whether the scope is settled: a requirement, or one variant with
    /// nothing left to extract.
    pub(crate) fn is_solved(&self, store: &Store<'_>) -> Res<bool> {
        match &self.kind {
            Kind::Req(_) => Ok(true),
            Kind::Slice(s) => Ok(s.len() == 1 && !s.extractable(store)?),
        }
    }

    /// The one variant of a settled slice scope.
    pub(crate) fn solved_variant(&self, store: &Store<'_>) -> Res<Option<(Rc<Pkg>, u16)>> {
        match &self.kind {
            Kind::Slice(s) if s.len() == 1 && !s.extractable(store)? => {
                Ok(Some(s.first_variant(store)?))
            }
            _ => Ok(None),
        }
    }

    /// The requirement of a non-conflict ephemeral scope.
    pub(crate) fn solved_ephemeral(&self) -> Option<&Requirement> {
        match &self.kind {
            Kind::Req(r) if self.ephemeral && !r.is_conflict() => Some(r),
            _ => None,
        }
    }
}

/// The outcome of reducing a scope.
pub(crate) enum ReduceOutcome {
    /// Unchanged.
    Same,
    /// Narrowed.
    Changed(Scope),
    /// Every variant removed: each with the requirement that conflicted.
    Total(Vec<(Rc<Pkg>, u16, Requirement)>),
}
