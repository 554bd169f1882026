//! Why a phase failed, and rez's wording of it (`FailureReason` and its
//! subclasses in rez).

use std::sync::Arc;

use rer_version::{Requirement, Version, VersionRange};

use crate::store::versioned_str;

/// A variant removed because one of its requirements conflicted with another
/// scope's request (rez's `Reduction`).
#[derive(Debug, Clone)]
pub(crate) struct Reduction {
    pub(crate) name: Arc<str>,
    pub(crate) version: Version,
    pub(crate) index: Option<u32>,
    pub(crate) dependency: Requirement,
    pub(crate) conflicting: Requirement,
}

/// Two requirements that cannot both hold (rez's `DependencyConflict`).
#[derive(Debug, Clone)]
pub(crate) struct DependencyConflict {
    pub(crate) dependency: Requirement,
    pub(crate) conflicting: Requirement,
}

/// Why a phase failed.
#[derive(Debug, Clone)]
pub(crate) enum FailureReason {
    /// Every variant of a scope was reduced away.
    TotalReduction(Vec<Reduction>),
    /// Requirements conflicted.
    DependencyConflicts(Vec<DependencyConflict>),
    /// The resolve has a dependency cycle (packages as name and version).
    Cycle(Vec<(Arc<str>, Version)>),
}

/// rez's `Requirement.construct(name, VersionRange.from_version(version))`.
fn package_req(name: &Arc<str>, version: &Version) -> String {
    match VersionRange::from_version(version) {
        Some(range) => Requirement::construct(Arc::clone(name), range).to_string(),
        None => name.to_string(),
    }
}

impl Reduction {
    pub(crate) fn reducee(&self) -> String {
        let idx = self.index.map(|i| i.to_string()).unwrap_or_default();
        format!("{}[{idx}]", versioned_str(&self.name, &self.version))
    }
}

impl FailureReason {
    /// rez's `description()`.
    pub(crate) fn description(&self) -> String {
        match self {
            FailureReason::TotalReduction(reds) => {
                let parts: Vec<String> = reds
                    .iter()
                    .map(|r| {
                        format!(
                            "({} (dep({}) <--!--> {}))",
                            r.reducee(),
                            r.dependency,
                            r.conflicting
                        )
                    })
                    .collect();
                format!("A package was completely reduced: {}", parts.join(" "))
            }
            FailureReason::DependencyConflicts(conflicts) => {
                let parts: Vec<String> = conflicts
                    .iter()
                    .map(|c| format!("({} <--!--> {})", c.dependency, c.conflicting))
                    .collect();
                format!(
                    "The following package conflicts occurred: {}",
                    parts.join(" ")
                )
            }
            FailureReason::Cycle(packages) => {
                let mut parts: Vec<String> =
                    packages.iter().map(|(n, v)| versioned_str(n, v)).collect();
                if let Some(first) = parts.first().cloned() {
                    parts.push(first);
                }
                format!("A cyclic dependency was detected: {}", parts.join(" --> "))
            }
        }
    }

    /// rez's `involved_requirements()`, as strings.
    pub(crate) fn involved(&self) -> Vec<String> {
        match self {
            FailureReason::TotalReduction(reds) => reds
                .iter()
                .flat_map(|r| {
                    [
                        package_req(&r.name, &r.version),
                        r.dependency.to_string(),
                        r.conflicting.to_string(),
                    ]
                })
                .collect(),
            FailureReason::DependencyConflicts(conflicts) => conflicts
                .iter()
                .flat_map(|c| [c.dependency.to_string(), c.conflicting.to_string()])
                .collect(),
            FailureReason::Cycle(packages) => {
                packages.iter().map(|(n, v)| package_req(n, v)).collect()
            }
        }
    }
}
