//! rer's solver: rez 3.4.0's resolve algorithm, giving exactly rez's answers
//! (the same solved/failed/error outcome, the same variants in the same
//! order with the same indexes, the same failure descriptions), far faster.
//!
//! ```no_run
//! use rer_solver::{Resolve, Solver};
//! # fn provider() -> rer_provider_memory::MemoryProvider { unimplemented!() }
//! let solver = Solver::new(provider());
//! match solver.solve_strs(&["maya-2024", "python-3"]) {
//!     Ok(Resolve::Solved(s)) => for v in &s.variants { println!("{}", v.qualified_name()) },
//!     Ok(Resolve::Failed(f)) => println!("{}", f.description),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```
//!
//! # How it follows rez
//! The solve is rez's own algorithm, step for step: a stack of phases, each
//! holding one scope per family; common dependencies are extracted and
//! intersected, conflicting variants reduced away, and an exhausted phase is
//! split at its first splittable scope, its preferred part tried first. What
//! differs is representation: family names are interned, a scope's versions
//! are positions in the family's sorted version list (so intersections and
//! conflict tests are binary searches and bit operations), phases share
//! unchanged scopes, and packages are read only when a scope first needs them.
//!
//! Modules: [`Solver`] (entry point), the outcome types ([`Resolve`],
//! [`Solution`], [`Failure`], [`ResolvedVariant`], [`SolveStats`]),
//! [`SolveError`] and [`VariantSelectMode`].

mod bitset;
mod cache;
mod engine;
mod error;
mod failure;
mod graph;
mod mode;
mod outcome;
mod phase;
mod reduce;
mod scope;
mod slice;
mod solver;
mod sort_key;
mod store;

pub use error::SolveError;
pub use mode::{UnknownVariantSelectMode, VariantSelectMode};
pub use outcome::{Failure, Resolve, ResolvedVariant, Solution, SolveStats};
pub use rer_repo::ProviderError;
pub use solver::Solver;

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
