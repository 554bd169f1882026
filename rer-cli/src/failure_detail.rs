//! What `--json` and the text form say about a failed resolve beyond rez's
//! description: rez's printout and resolve paths, each conflicting
//! requirement with the chain of requirers from a request to it, and rer's
//! explanation.

use rer_explain::Explanation;
use rer_solver::{Failure, PathsKind};
use serde::{Deserialize, Serialize};

/// One of rez's resolve paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathOut {
    /// The request the path starts at.
    pub request: String,
    /// The nodes rez names on the way down.
    pub steps: Vec<String>,
}

/// rez's resolve paths block, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathsOut {
    /// `conflict` or `cycle`: what the paths lead to.
    pub leads_to: String,
    /// One path per request, in rez's order.
    pub paths: Vec<PathOut>,
}

/// A node of the failure (a side of a conflict, a reduced scope and what
/// reduced it, a cycle's entry) with the chain from a request to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictOut {
    /// The requirement, variant or scope, as rez's graph labels it.
    pub requirement: String,
    /// Its family.
    pub family: String,
    /// The requirers from a request down to it, as rez labels them (the
    /// request first, `requirement` last); empty when no request leads to
    /// it (a conflict within the request itself).
    pub chain: Vec<String>,
}

/// The detail of a failed resolve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureDetail {
    /// What `rez env` prints for the failure, line by line: `The context
    /// failed to resolve:`, the description, a blank line, the resolve
    /// paths, a blank line.
    pub rez_printout: Vec<String>,
    /// rez's resolve paths, `null` when rez's graph shows no conflict.
    pub resolve_paths: Option<PathsOut>,
    /// The conflicting requirements, each with its chain of requirers.
    pub conflicts: Vec<ConflictOut>,
    /// rer's explanation (statements, conclusion, suggestions), unless
    /// `--no-explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
    /// The explanation as text, as the text form prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_text: Option<String>,
}

impl FailureDetail {
    /// The detail of `failure`, with `explanation` when given (the
    /// conflicts come from it, or from a plain explanation of the failure).
    pub fn new(failure: &Failure, explanation: Option<&Explanation>) -> FailureDetail {
        let printout = failure.rez_printout();
        let rez_printout = printout
            .strip_suffix('\n')
            .unwrap_or(&printout)
            .split('\n')
            .map(str::to_string)
            .collect();
        let resolve_paths = failure.resolve_paths().map(|p| PathsOut {
            leads_to: match p.kind {
                PathsKind::Conflict => "conflict".to_string(),
                PathsKind::Cycle => "cycle".to_string(),
            },
            paths: p
                .paths
                .into_iter()
                .map(|x| PathOut {
                    request: x.request,
                    steps: x.steps,
                })
                .collect(),
        });
        let plain;
        let proof = match explanation {
            Some(e) => e,
            None => {
                plain = rer_explain::explain(failure);
                &plain
            }
        };
        let conflicts = proof
            .reached()
            .into_iter()
            .map(|r| ConflictOut {
                requirement: r.label.clone(),
                family: r.family.clone(),
                chain: r.chain.clone(),
            })
            .collect();
        FailureDetail {
            rez_printout,
            resolve_paths,
            conflicts,
            explanation: explanation.and_then(|e| serde_json::to_value(e).ok()),
            explanation_text: explanation.map(Explanation::text),
        }
    }
}
