//! What a solve answers: [`Resolve`] and its parts.

use std::sync::Arc;
use std::time::Duration;

use rer_version::{Requirement, Version};

use crate::rez_graph::{ResolveGraph, ResolvePaths};

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
    /// rez's graph of the solved phase, when the solve was asked for it
    /// ([`Solver::solve_with_graph`](crate::Solver::solve_with_graph)).
    pub graph: Option<ResolveGraph>,
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
    /// The variant's directory, rez's `variant.root`: for a package in a
    /// filesystem repository `<repo>/<family>/<version>`, followed for a
    /// variant by its subpath (its requirements joined by `/`, or a hashed
    /// variant's directory); `None` where the package has no location
    /// ([`Package::location`](rer_repo::Package::location): memory and
    /// combined packages), as rez's `root` is `None` there.
    pub root: Option<String>,
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
    /// rez's graph of the failed phase (the phase the description comes
    /// from), pruned to what leads to the failure as rez prunes it.
    pub graph: ResolveGraph,
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

impl Failure {
    /// rez's resolve paths of this failure: from each request down to the
    /// conflict or cycle ([`ResolveGraph::resolve_paths`]).
    pub fn resolve_paths(&self) -> Option<ResolvePaths> {
        self.graph.resolve_paths()
    }

    /// What `rez env` prints for this failure (rez's
    /// `ResolvedContext.print_info`), line for line: `The context failed to
    /// resolve:`, the description, a blank line, the resolve paths (an
    /// empty line when the graph shows no conflict), a blank line. Each line
    /// ends in a newline. rez's closing hint about `--fail-graph` is left out.
    pub fn rez_printout(&self) -> String {
        let paths = self.resolve_paths().map(|p| p.text()).unwrap_or_default();
        format!(
            "The context failed to resolve:\n{}\n\n{paths}\n\n",
            self.description
        )
    }
}

/// Counters of one solve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Solver steps, as rez counts them (`num_solves`).
    pub iterations: usize,
    /// Failed phases, as rez counts them when the solve ends (its
    /// `Solver.num_fails`: the failed phases put aside, and the last phase
    /// if it failed or found a cycle); 1 for a request that conflicts with
    /// itself.
    pub num_fails: usize,
    /// Distinct families looked up in the provider during this solve.
    pub families_loaded: usize,
    /// Package definitions whose data this solve read.
    pub packages_loaded: usize,
    /// Wall time of the solve.
    pub solve_time: Duration,
}
