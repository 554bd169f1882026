//! Why a rez resolve failed, in the terms of the request, and what would
//! resolve it.
//!
//! rez reports a failed resolve with one line ("The following package
//! conflicts occurred: (python-3.9 <--!--> python-3.10+)") and, in
//! `rez env`, the paths from each request to the conflict. This crate reads
//! the same graph rez draws ([`rer_solver::ResolveGraph`], the one a
//! [`Failure`] carries) and tells the failure as a short proof, in the
//! manner of pubgrub's derivation trees:
//!
//! ```text
//! Why (the first failure rez's solver met, from each request down):
//!   (1) You asked for maya-2024, which requires python-3.9.
//!   (2) You asked for arnold-7, which requires python-3.10+.
//!   So python-3.9 (1) and python-3.10+ (2) cannot both hold: no python is both.
//! ```
//!
//! Each numbered statement is a chain of facts from a request (or from a
//! node an earlier statement reached: shared chains are told once and
//! referred to by number) down to a node of the failure; the conclusion
//! ties the chains together: a conflict between requirements, every
//! candidate of a family ruled out (rez's total reduction), or a dependency
//! cycle, shown as the cycle. Every fact is an edge of rez's graph: "X
//! requires R" is a requirement of variant X (its package's and its own,
//! merged as rez merges them); "every F left requires R" is rez's
//! extraction from the candidates left.
//!
//! The explanation is of the failure rez reports: the first attempt of
//! rez's solver that failed, with the versions that attempt had chosen.
//! [`suggest`] then looks for what resolves: widening one request to its
//! whole family, pinning one request to an older version of its family, or
//! dropping one request, each checked by an actual solve and listed with
//! what it resolves to, within a [`Budget`] (by default 100 extra solves
//! or 200 ms).

mod chains;
mod facts;
mod proof;
mod render;
mod suggest;

use rer_repo::FamilyProvider;
use rer_solver::{Failure, Solver};
use rer_version::Requirement;
use serde::Serialize;

pub use facts::{Fact, PackageRef};
pub use proof::{Conclusion, Reached, Statement};
pub use suggest::{Budget, Change, ResolvedPackage, Suggestion, Suggestions, suggest};

/// The explanation of one failed resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The numbered statements of the proof.
    pub statements: Vec<Statement>,
    /// How they end in the failure.
    pub conclusion: Conclusion,
    /// Request changes that resolve, when searched for.
    pub suggestions: Option<Suggestions>,
}

impl Explanation {
    /// The families the explanation names, in order of first mention.
    pub fn families(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |f: &str| {
            if !f.is_empty() && !out.iter().any(|x| x == f) {
                out.push(f.to_string());
            }
        };
        for s in &self.statements {
            for fact in &s.facts {
                match fact {
                    Fact::Requested { requirement } | Fact::Merges { requirement, .. } => {
                        if let Ok(r) = Requirement::parse(requirement) {
                            add(r.name());
                        }
                    }
                    Fact::Took { package } | Fact::Requires { package, .. } => add(&package.name),
                    Fact::Candidates { family, .. } | Fact::AllRequire { family, .. } => {
                        add(family)
                    }
                }
            }
        }
        match &self.conclusion {
            Conclusion::Conflict { pairs } => {
                for (x, y) in pairs {
                    add(&x.family);
                    add(&y.family);
                }
            }
            Conclusion::TotalReduction { family, .. } => add(family),
            Conclusion::Cycle { packages, .. } => {
                for p in packages {
                    add(&p.name);
                }
            }
            Conclusion::Unknown => {}
        }
        out
    }

    /// Every node of the failure with the chain from a request to it (each
    /// side of a conflict, the reduced scope and what reduced it, the
    /// cycle's entry): what `rer solve --json` lists as the conflicts.
    pub fn reached(&self) -> Vec<&Reached> {
        match &self.conclusion {
            Conclusion::Conflict { pairs } => pairs.iter().flat_map(|(x, y)| [x, y]).collect(),
            Conclusion::TotalReduction {
                scope, reductions, ..
            } => std::iter::once(scope)
                .chain(reductions.iter().map(|(_, _, r)| r))
                .collect(),
            Conclusion::Cycle { entry, .. } => vec![entry],
            Conclusion::Unknown => Vec::new(),
        }
    }
}

/// The proof of why `failure` happened, from its graph (no suggestions).
pub fn explain(failure: &Failure) -> Explanation {
    let proof = proof::prove(&failure.graph, &failure.description);
    Explanation {
        statements: proof.statements,
        conclusion: proof.conclusion,
        suggestions: None,
    }
}

/// [`explain`], then [`suggest`] over `solver` for `request` (the request
/// that failed) within `budget`.
pub fn explain_and_suggest<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[Requirement],
    failure: &Failure,
    budget: Budget,
) -> Explanation {
    let mut explanation = explain(failure);
    let involved = explanation.families();
    explanation.suggestions = Some(suggest(solver, request, &involved, budget));
    explanation
}
