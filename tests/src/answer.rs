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

impl Answer {
    /// This answer with a total reduction's list in a canonical order:
    /// rez lists the reductions of a slice not yet sorted in its
    /// repository's order of the family (a memory repository's input
    /// order, a filesystem listing through a Python set), so two providers
    /// of the same packages that list them differently agree on everything
    /// but that order.
    pub fn listing_free(self) -> Answer {
        const TOTAL: &str = "A package was completely reduced: ";
        match self {
            Answer::Failed(text) if text.starts_with(TOTAL) => {
                let mut groups = top_level_groups(&text[TOTAL.len()..]);
                groups.sort_unstable();
                Answer::Failed(format!("{TOTAL}{}", groups.join(" ")))
            }
            other => other,
        }
    }
}

/// The top-level parenthesised groups of `text` (`(a (b)) (c)` gives
/// `(a (b))` and `(c)`); text outside groups is dropped.
fn top_level_groups(text: &str) -> Vec<&str> {
    let mut groups = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(&text[start..=i]);
                }
            }
            _ => {}
        }
    }
    groups
}
