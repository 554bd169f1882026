//! What the nodes and edges of rez's graph say, as facts about packages and
//! requirements.

use rer_solver::{EdgeKind, GraphNode, NodeKind, ResolveGraph};
use rer_version::{Requirement, Version};
use serde::Serialize;

/// One variant of a package, as the graph names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PackageRef {
    /// The family.
    pub name: String,
    /// The version, as rez prints it (empty for an unversioned package).
    pub version: String,
    /// The variant index; `None` when the package has no variants.
    pub index: Option<u32>,
}

impl PackageRef {
    /// `name-version`, as rez writes a package.
    pub fn qualified_name(&self) -> String {
        if self.version.is_empty() {
            self.name.clone()
        } else {
            format!("{}-{}", self.name, self.version)
        }
    }

    /// Reads rez's variant notation: `foo-1.2[0]`, `foo-1.2[]`, `foo[]`.
    pub fn parse(label: &str) -> Option<PackageRef> {
        let (qualified, rest) = label.rsplit_once('[')?;
        let index = rest.strip_suffix(']')?;
        let index = if index.is_empty() {
            None
        } else {
            Some(index.parse().ok()?)
        };
        let req = Requirement::parse(qualified).ok()?;
        let name = req.name().to_string();
        let version = qualified.get(name.len() + 1..).unwrap_or("").to_string();
        if !version.is_empty() {
            version.parse::<Version>().ok()?;
        }
        Some(PackageRef {
            name,
            version,
            index,
        })
    }
}

/// One step of a chain of requirers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    /// The request holds this requirement.
    Requested {
        /// The requirement, as merged from the request.
        requirement: String,
    },
    /// rez settled a requirement's family on this variant.
    Took {
        /// The variant.
        package: PackageRef,
    },
    /// A requirement left these candidates of a family (rez's scope
    /// notation, e.g. `foo[1..3(2)]`).
    Candidates {
        /// The family.
        family: String,
        /// The candidates, as rez writes the scope.
        scope: String,
    },
    /// The variant requires this (its package's and its own requirements,
    /// merged as rez merges them).
    Requires {
        /// The variant.
        package: PackageRef,
        /// The requirement.
        requirement: String,
    },
    /// Every candidate left in the scope requires this (rez extracted it).
    AllRequire {
        /// The family of the candidates.
        family: String,
        /// The candidates, as rez writes the scope.
        scope: String,
        /// The requirement: the union of the candidates' own.
        requirement: String,
    },
    /// This requirement, with the others on its family, narrows to another.
    Merges {
        /// The requirement.
        requirement: String,
        /// What the requirements on the family merge into.
        into: String,
    },
}

/// The family a node is about.
pub(crate) fn family_of(node: &GraphNode) -> String {
    match node.kind {
        NodeKind::SolvedVariant => PackageRef::parse(&node.label)
            .map(|p| p.name)
            .unwrap_or_default(),
        NodeKind::Scope => scope_family(&node.label),
        _ => Requirement::parse(&node.label)
            .map(|r| r.name().to_string())
            .unwrap_or_else(|_| scope_family(&node.label)),
    }
}

/// The family of a scope label: `[foo==1[0]]` or `foo[1..2(2)]*`.
fn scope_family(label: &str) -> String {
    if let Some(rest) = label.strip_prefix('[') {
        rest.split("==").next().unwrap_or(rest).to_string()
    } else {
        label.split('[').next().unwrap_or(label).to_string()
    }
}

/// The facts the step from node `a` to node `b` states (`None` when the
/// step says nothing worth telling).
pub(crate) fn step(graph: &ResolveGraph, a: &GraphNode, b: &GraphNode) -> Option<Fact> {
    let edge = graph.edge(a.id, b.id)?;
    if let EdgeKind::Reduction(reducee) = &edge.kind {
        return Some(Fact::Requires {
            package: PackageRef::parse(reducee)?,
            requirement: b.label.clone(),
        });
    }
    let requirement_like = |n: &GraphNode| {
        matches!(
            n.kind,
            NodeKind::InitialRequest | NodeKind::Request | NodeKind::Reduction
        )
    };
    match (a.kind, b.kind) {
        (_, NodeKind::SolvedVariant) if requirement_like(a) => Some(Fact::Took {
            package: PackageRef::parse(&b.label)?,
        }),
        (_, NodeKind::Scope | NodeKind::ConflictScope) if requirement_like(a) => {
            Some(Fact::Candidates {
                family: family_of(b),
                scope: b.label.clone(),
            })
        }
        (NodeKind::SolvedVariant, _) if requirement_like(b) => Some(Fact::Requires {
            package: PackageRef::parse(&a.label)?,
            requirement: b.label.clone(),
        }),
        (NodeKind::Scope | NodeKind::ConflictScope, _) if requirement_like(b) => {
            Some(Fact::AllRequire {
                family: family_of(a),
                scope: a.label.clone(),
                requirement: b.label.clone(),
            })
        }
        _ if requirement_like(a) && requirement_like(b) => Some(Fact::Merges {
            requirement: a.label.clone(),
            into: b.label.clone(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_labels() {
        let p = PackageRef::parse("maya-2024.1[0]").expect("parses");
        assert_eq!(
            (p.name.as_str(), p.version.as_str(), p.index),
            ("maya", "2024.1", Some(0))
        );
        let p = PackageRef::parse("foo[]").expect("parses");
        assert_eq!(
            (p.name.as_str(), p.version.as_str(), p.index),
            ("foo", "", None)
        );
        assert_eq!(p.qualified_name(), "foo");
        assert!(PackageRef::parse("python-3.9").is_none());
    }
}
