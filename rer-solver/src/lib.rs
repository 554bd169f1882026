//! rer's solver: rez 3.4.0's resolve algorithm, giving exactly rez's answers
//! (the same solved/failed/error outcome, the same variants in the same
//! order with the same indexes, the same failure descriptions), far faster.
//!
//! ```
//! use rer_solver::{Resolve, Solver};
//! # fn provider() -> rer_provider_memory::MemoryProvider { rer_provider_memory::MemoryProvider::new() }
//! let solver = Solver::new(provider());
//! match solver.solve_strs(&["maya-2024", "python-3"]) {
//!     Ok(Resolve::Solved(s)) => for v in &s.variants { println!("{}", v.qualified_name()) },
//!     Ok(Resolve::Failed(f)) => println!("{}", f.description),
//!     Ok(Resolve::Aborted(a)) => println!("stopped: {}", a.reason),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```
//!
//! # How it follows rez
//! The solve is rez's own algorithm, step for step (`rez/solver.py` is the
//! specification): a stack of phases, each holding one scope per family;
//! common dependencies are extracted and intersected, conflicting variants
//! reduced away, an exhausted phase is split at its first splittable scope
//! and its preferred part tried first, and a solved phase is checked for
//! cycles and put in rez's dependency order. Even what only rez's failure
//! descriptions can observe is kept: the order of a slice's entries before
//! its first split, and the in-place sorting of variant lists shared by
//! several entries.
//!
//! What differs is representation and bookkeeping:
//! - family names and version ranges are interned; a variant's requirements
//!   are merged once and kept as small integer codes;
//! - a scope's versions are positions in its family's sorted version list,
//!   so intersections and conflict tests are binary searches (done once per
//!   family and range) and bit operations;
//! - scopes are small copyable handles, so phases copy their scope lists
//!   without touching the slices; slices are built only when they change;
//! - the reduction pass visits only the pairs of scopes that can change
//!   something (via an index of which families may require which), in
//!   exactly rez's order for those;
//! - a [`Solver`] remembers, across solves, each package's merged
//!   requirements and its variants' ranking per request signature, and,
//!   per set of whole packages of a family, which families they require,
//!   what they extract and what a request for a given set of versions of
//!   another family removes from them (rez recomputes all of these on every
//!   solve; they are pure functions of the package data, so remembering
//!   changes no answer).
//!
//! Modules: `solver` ([`Solver`], the entry point), `options`
//! ([`SolveOptions`]), `control` (limits: [`SolverState`],
//! [`CallbackAnswer`], [`CancelToken`]), `outcome` (the outcome
//! types [`Resolve`], [`Solution`], [`Failure`], [`Aborted`],
//! [`ResolvedVariant`], [`SolveStats`]), `error` ([`SolveError`]), `mode`
//! ([`VariantSelectMode`]); inside: `engine` (the phase stack), `phase`,
//! `reduce` (the reduction pass), `scope`, `slice`, `sort_key` (variant
//! ranking), `ranked` (rankings kept across solves), `graph` (cycles and final order), `failure` (rez's wording),
//! `store` (one solve's state), `cache` (what a solver remembers),
//! `package` (one package's processed requirements), `mask` (a
//! family's versions within a range) and `bitset`.

mod bitset;
mod cache;
mod control;
mod engine;
mod error;
mod failure;
mod graph;
mod mask;
mod mode;
mod options;
mod ordered;
mod outcome;
mod package;
mod phase;
mod ranked;
mod reduce;
pub mod rez_graph;
mod scope;
mod slice;
mod solver;
mod sort_key;
mod store;

pub use control::{CallbackAnswer, CancelToken, SolveCallback, SolverState};
pub use error::SolveError;
pub use mode::{UnknownVariantSelectMode, VariantSelectMode};
pub use options::SolveOptions;
pub use outcome::{Aborted, Failure, Resolve, ResolvedVariant, Solution, SolveStats};
pub use rer_order::{OrderError, PackageOrderList};
pub use rer_repo::ProviderError;
pub use rez_graph::{
    EdgeKind, GraphEdge, GraphNode, NodeId, NodeKind, PathsKind, ResolveGraph, ResolvePath,
    ResolvePaths,
};
pub use solver::Solver;

#[cfg(test)]
mod collect_tests;

#[cfg(test)]
mod send_sync {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn solver_is_send_and_sync() {
        assert_send_sync::<Solver<std::sync::Arc<dyn rer_repo::FamilyProvider>>>();
        assert_send_sync::<Resolve>();
        assert_send_sync::<SolveError>();
    }
}
