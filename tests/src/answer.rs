//! A solve's outcome reduced to what every provider stack must agree on.

use rer_repo::FamilyProvider;
use rer_solver::{Resolve, Solver};

/// What a solve answered: the resolved variants (name, version, index) in
/// order, rez's failure description, or the error's kind (an aborted solve
/// counts as an error named by its reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Solved, with the variants in rez's order.
    Solved(Vec<(String, String, Option<usize>)>),
    /// Failed, with rez's description.
    Failed(String),
    /// An error, by kind.
    Error(String),
}

/// Solves `request` with `solver`, reduced to an [`Answer`].
pub fn answer_with<P: FamilyProvider>(solver: &Solver<P>, request: &[String]) -> Answer {
    match solver.solve_strs(request) {
        Ok(Resolve::Solved(s)) => Answer::Solved(
            s.variants
                .iter()
                .map(|v| (v.name.to_string(), v.version.to_string(), v.index))
                .collect(),
        ),
        Ok(Resolve::Failed(f)) => Answer::Failed(f.description),
        Ok(Resolve::Aborted(a)) => Answer::Error(format!("aborted: {}", a.reason)),
        Err(e) => Answer::Error(e.kind().to_string()),
    }
}
