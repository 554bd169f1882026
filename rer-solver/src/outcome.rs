//! What a solve answers: [`Resolve`] and its parts.

use std::sync::Arc;
use std::time::Duration;

use rer_version::{Requirement, Version};

/// The answer of a solve: solved or failed, as rez's `Solver.status` says,
/// or aborted (rez's `ResolverStatus.aborted`) when a limit, the callback or
/// a cancel token stopped it.
#[derive(Debug, Clone)]
pub enum Resolve {
    /// rez's `SolverStatus.solved`.
    Solved(Solution),
    /// rez's `SolverStatus.failed` (a conflict, or a cycle; also a solve the
    /// fail limit or a callback's `fail` stopped).
    Failed(Failure),
    /// Stopped before an answer: the time limit, a callback's `abort`, or a
    /// cancel token.
    Aborted(Aborted),
}

impl Resolve {
    /// The counters of the solve, whatever its outcome.
    pub fn stats(&self) -> &SolveStats {
        match self {
            Resolve::Solved(s) => &s.stats,
            Resolve::Failed(f) => &f.stats,
            Resolve::Aborted(a) => &a.stats,
        }
    }

    /// True when the solve found a resolve.
    pub fn is_solved(&self) -> bool {
        matches!(self, Resolve::Solved(_))
    }
}

/// A successful resolve: rez's `resolved_packages` and `resolved_ephemerals`.
#[derive(Debug, Clone)]
pub struct Solution {
    /// The resolved variants in rez's order (dependencies before dependents,
    /// otherwise request order).
    pub variants: Vec<ResolvedVariant>,
    /// rez's resolved ephemerals (non-conflict ephemeral ranges, e.g.
    /// `.foo-1`), in the same dependency order.
    pub ephemerals: Vec<Requirement>,
    /// The counters of the solve.
    pub stats: SolveStats,
}

/// One resolved variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedVariant {
    /// The family name.
    pub name: Arc<str>,
    /// The package version.
    pub version: Version,
    /// The variant index; `None` when the package has no variants.
    pub index: Option<usize>,
    /// The package's requires followed by the variant's own, as written.
    pub requires: Vec<Requirement>,
    /// The package's uri, as the provider gave it.
    pub uri: Arc<str>,
}

impl ResolvedVariant {
    /// `name-version[index]` (or `name-version[]`), rez's `str()` of a
    /// resolved variant.
    pub fn qualified_name(&self) -> String {
        let idx = self.index.map(|i| i.to_string()).unwrap_or_default();
        if self.version.is_empty() {
            format!("{}[{idx}]", self.name)
        } else {
            format!("{}-{}[{idx}]", self.name, self.version)
        }
    }
}

/// A failed resolve.
#[derive(Debug, Clone)]
pub struct Failure {
    /// rez's `failure_description()`: the reason of the first failure, or of
    /// the cycle when a cycle ended the solve.
    pub description: String,
    /// The requirements involved in that failure, in rez's wording (rez's
    /// `failure_packages()`).
    pub conflicts: Vec<String>,
    /// The counters of the solve.
    pub stats: SolveStats,
}

/// A solve stopped before it found an answer.
#[derive(Debug, Clone)]
pub struct Aborted {
    /// rez's `abort_reason`: `time limit exceeded` for the time limit, the
    /// callback's own reason, or `cancelled` for a cancel token.
    pub reason: String,
    /// The counters of the solve up to where it stopped.
    pub stats: SolveStats,
}

/// Counters of one solve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Solver steps, as rez counts them (`num_solves`).
    pub iterations: usize,
    /// Distinct families looked up in the provider during this solve.
    pub families_loaded: usize,
    /// Package definitions whose data this solve read.
    pub packages_loaded: usize,
    /// Wall time of the solve.
    pub solve_time: Duration,
}
