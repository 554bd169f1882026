//! A phase as rez's `get_graph` sees it: plain data, copied out of a solve's
//! state, so that building the graph needs nothing of the solve.

use std::sync::Arc;

use rer_version::Requirement;

/// One scope of the phase (rez's `_PackageScope`).
#[derive(Debug, Clone)]
pub(crate) struct ScopeView {
    /// The family.
    pub(crate) name: Arc<str>,
    /// rez's `str(scope)`: the requirement of a requirement scope, else the
    /// slice in rez's notation (`foo[1..3(2)]*`, `[foo==2[0,1]]`).
    pub(crate) label: String,
    /// Whether the scope is a conflict (`!foo`, `~foo-1`).
    pub(crate) is_conflict: bool,
    /// rez's `package_request` of the scope.
    pub(crate) request: Requirement,
    /// The solved variant, when the scope is settled on one.
    pub(crate) solved: Option<SolvedView>,
}

/// A scope's solved variant.
#[derive(Debug, Clone)]
pub(crate) struct SolvedView {
    /// rez's `str(variant)`: `foo-1.2[0]`, or `foo-1.2[]` without variants.
    pub(crate) label: String,
    /// rez's `variant.requires_list.requirements`: the package's and the
    /// variant's requirements, merged.
    pub(crate) requires: Vec<Requirement>,
}

/// One reduction of a total reduction (rez's `Reduction`).
#[derive(Debug, Clone)]
pub(crate) struct ReductionView {
    /// The family of the reduced variant.
    pub(crate) name: Arc<str>,
    /// rez's `reducee_str()`: `foo-1[0]`.
    pub(crate) reducee: String,
    /// The variant's requirement that conflicted.
    pub(crate) dependency: Requirement,
    /// The family of the scope it conflicted with.
    pub(crate) conflicting_name: Arc<str>,
}

/// Why the phase failed, as the graph shows it.
#[derive(Debug, Clone)]
pub(crate) enum FailureView {
    /// rez's `DependencyConflicts`: (dependency, conflicting request) pairs.
    Conflicts(Vec<(Requirement, Requirement)>),
    /// rez's `TotalReduction`.
    TotalReduction(Vec<ReductionView>),
    /// rez's `Cycle`: the families of the cycle, in order.
    Cycle(Vec<Arc<str>>),
}

/// The phase a graph is drawn from.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhaseView {
    /// The merged request (rez's `solver.request_list`), empty when the
    /// request itself conflicts.
    pub(crate) request: Vec<Requirement>,
    /// The phase's scopes, in order.
    pub(crate) scopes: Vec<ScopeView>,
    /// rez's `phase.extractions` of the phase's last solve: (from family,
    /// to family) keys in insertion order, each with its latest value.
    pub(crate) extractions: Vec<(Arc<str>, Arc<str>, Requirement)>,
    /// Why the phase failed, if it did.
    pub(crate) failure: Option<FailureView>,
}
