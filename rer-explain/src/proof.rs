//! The proof: numbered statements, each a chain of facts from a request (or
//! from a node an earlier statement reached) to a node of the failure, and
//! the conclusion that ties them together.

use std::collections::HashMap;

use rer_solver::{EdgeKind, GraphNode, NodeId, NodeKind, ResolveGraph};
use serde::Serialize;

use crate::chains::{Chain, chain_to};
use crate::facts::{Fact, PackageRef, family_of, step};

/// One numbered statement of the proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// The statement's number, from 1.
    pub number: usize,
    /// The earlier statement this one continues from (it reached the node
    /// this one starts at); `None` when it starts at a request.
    pub continues: Option<usize>,
    /// The node it starts at, as rez labels it, when it continues another.
    pub from: Option<String>,
    /// The facts, in order from the request (or `from`) down.
    pub facts: Vec<Fact>,
}

/// One side of a conflict, or a node of a cycle, with the chain leading to
/// it from a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reached {
    /// The node, as rez labels it (a requirement, a variant or a scope).
    pub label: String,
    /// The family it is about.
    pub family: String,
    /// The statement that reaches it, if a request leads to it.
    pub statement: Option<usize>,
    /// The nodes from a request down to it, as rez labels them (the
    /// requirement alone when it is itself one of the request's: rez's
    /// graph of a request that conflicts with itself).
    pub chain: Vec<String>,
}

/// How the proof ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conclusion {
    /// Requirements that cannot hold together: each pair conflicts.
    Conflict {
        /// The pairs, as rez's `CONFLICT` edges join them.
        pairs: Vec<(Reached, Reached)>,
    },
    /// Every candidate of a family was ruled out.
    TotalReduction {
        /// The family.
        family: String,
        /// The scope that lost all its candidates.
        scope: Reached,
        /// Each candidate removed: the variant, its requirement that
        /// conflicted, and what it conflicted with.
        reductions: Vec<(PackageRef, String, Reached)>,
    },
    /// The resolve has a dependency cycle.
    Cycle {
        /// The packages of the cycle, in order (the first follows the last).
        packages: Vec<PackageRef>,
        /// The requirement by which each package needs the next.
        requirements: Vec<String>,
        /// The cycle's first package, with the chain from a request.
        entry: Reached,
    },
    /// The graph shows no conflict (rez's "unknown reason").
    Unknown,
}

/// The statements and conclusion of a graph.
pub(crate) struct Proof {
    pub(crate) statements: Vec<Statement>,
    pub(crate) conclusion: Conclusion,
}

struct Builder<'g> {
    graph: &'g ResolveGraph,
    statements: Vec<Statement>,
    /// node -> the statement that told it
    told: HashMap<NodeId, usize>,
}

impl Builder<'_> {
    fn node(&self, id: NodeId) -> Option<&GraphNode> {
        self.graph.node(id)
    }

    /// Tells the chain to `target` (what is not told yet) and gives what
    /// reaches it.
    fn reach(&mut self, target: NodeId) -> Reached {
        let (label, family) = match self.node(target) {
            Some(n) => (n.label.clone(), family_of(n)),
            None => (String::new(), String::new()),
        };
        let chain = chain_to(self.graph, target);
        let statement = chain.as_ref().and_then(|c| self.tell(c));
        let labels = chain
            .iter()
            .flatten()
            .filter_map(|&n| self.node(n).map(|x| x.label.clone()))
            .collect();
        Reached {
            label,
            family,
            statement,
            chain: labels,
        }
    }

    /// Adds a statement for the untold end of `chain`; the number of the
    /// statement that tells its last node.
    fn tell(&mut self, chain: &Chain) -> Option<usize> {
        let last = *chain.last()?;
        if let Some(&n) = self.told.get(&last) {
            return Some(n);
        }
        let start = chain.iter().rposition(|n| self.told.contains_key(n));
        let number = self.statements.len() + 1;
        let mut facts = Vec::new();
        let (continues, from, first) = match start {
            Some(k) => {
                let from = self.node(chain[k]).map(|n| n.label.clone());
                (self.told.get(&chain[k]).copied(), from, k)
            }
            None => {
                if let Some(n) = self.node(chain[0]) {
                    facts.push(Fact::Requested {
                        requirement: n.label.clone(),
                    });
                }
                (None, None, 0)
            }
        };
        for pair in chain[first..].windows(2) {
            if let (Some(a), Some(b)) = (self.node(pair[0]), self.node(pair[1])) {
                if let Some(f) = step(self.graph, a, b) {
                    facts.push(f);
                }
            }
        }
        for &n in &chain[first..] {
            self.told.entry(n).or_insert(number);
        }
        self.statements.push(Statement {
            number,
            continues,
            from,
            facts,
        });
        Some(number)
    }
}

/// The proof of the failure `graph` shows; `description` is rez's failure
/// description (it tells a total reduction from a conflict).
pub(crate) fn prove(graph: &ResolveGraph, description: &str) -> Proof {
    let mut b = Builder {
        graph,
        statements: Vec::new(),
        told: HashMap::new(),
    };
    let conclusion = if let Some(edge) = graph.edges().iter().find(|e| e.kind == EdgeKind::Cycle) {
        cycle(&mut b, edge.from)
    } else if let Some(first) = first_reducee(description) {
        total_reduction(&mut b, first)
    } else {
        let pairs: Vec<(NodeId, NodeId)> = graph
            .edges()
            .iter()
            .filter(|e| e.kind == EdgeKind::Conflict)
            .map(|e| (e.from, e.to))
            .collect();
        // rez draws a request that conflicts with itself without request
        // nodes: both sides are requirements of the request
        let in_request = graph.initial_requests().next().is_none();
        let reach = |b: &mut Builder<'_>, n: NodeId| {
            let mut r = b.reach(n);
            if in_request && r.chain.is_empty() {
                r.chain = vec![r.label.clone()];
            }
            r
        };
        if pairs.is_empty() {
            Conclusion::Unknown
        } else {
            Conclusion::Conflict {
                pairs: pairs
                    .into_iter()
                    .map(|(x, y)| (reach(&mut b, x), reach(&mut b, y)))
                    .collect(),
            }
        }
    };
    Proof {
        statements: b.statements,
        conclusion,
    }
}

/// rez's total reduction with one reduction: the reduced scope has a plain
/// edge to the requirement that has the one `CONFLICT` edge. `family` is the
/// reduced family (from rez's description, which names the variant).
fn single_reduction(graph: &ResolveGraph, family: &str) -> Option<(NodeId, NodeId, NodeId)> {
    let edge = graph
        .edges()
        .iter()
        .find(|e| e.kind == EdgeKind::Conflict)?;
    let reduced = graph.edges().iter().find(|e| {
        e.to == edge.from
            && graph.node(e.from).is_some_and(|n| {
                matches!(n.kind, NodeKind::Scope | NodeKind::SolvedVariant)
                    && family_of(n) == family
            })
    })?;
    Some((reduced.from, edge.from, edge.to))
}

/// The family of the first variant rez's total-reduction description
/// names: `A package was completely reduced: (foo-1[0] (dep(...`.
fn first_reducee(description: &str) -> Option<PackageRef> {
    let rest = description.strip_prefix("A package was completely reduced: (")?;
    let reducee = rest.split(" (dep(").next()?;
    PackageRef::parse(reducee)
}

fn total_reduction(b: &mut Builder<'_>, first: PackageRef) -> Conclusion {
    let graph = b.graph;
    let mut reduced: Option<NodeId> = None;
    let mut items: Vec<(PackageRef, NodeId, NodeId)> = Vec::new();
    for e in graph.edges() {
        if let EdgeKind::Reduction(label) = &e.kind {
            let against = graph
                .edges()
                .iter()
                .find(|c| c.from == e.to && c.kind == EdgeKind::Conflict)
                .map(|c| c.to);
            if let (Some(p), Some(t)) = (PackageRef::parse(label), against) {
                reduced.get_or_insert(e.from);
                items.push((p, e.to, t));
            }
        }
    }
    if items.is_empty() {
        if let Some((scope, via, against)) = single_reduction(graph, &first.name) {
            reduced = Some(scope);
            items.push((first, via, against));
        }
    }
    let Some(scope_id) = reduced else {
        return Conclusion::Unknown;
    };
    let scope = b.reach(scope_id);
    let reductions = items
        .into_iter()
        .map(|(p, via, against)| {
            let requirement = graph.node(via).map(|n| n.label.clone()).unwrap_or_default();
            (p, requirement, b.reach(against))
        })
        .collect();
    Conclusion::TotalReduction {
        family: scope.family.clone(),
        scope,
        reductions,
    }
}

fn cycle(b: &mut Builder<'_>, first: NodeId) -> Conclusion {
    let graph = b.graph;
    let entry = b.reach(first);
    let mut packages = Vec::new();
    let mut requirements = Vec::new();
    let mut at = first;
    while let Some(node) = graph.node(at) {
        let Some(next) = graph
            .edges()
            .iter()
            .find(|e| e.from == at && e.kind == EdgeKind::Cycle)
            .map(|e| e.to)
        else {
            break;
        };
        packages.extend(PackageRef::parse(&node.label));
        let next_family = graph.node(next).map(family_of).unwrap_or_default();
        let via = graph
            .neighbors(at)
            .find(|n| n.kind.is_request() && family_of(n) == next_family)
            .map(|n| n.label.clone())
            .unwrap_or(next_family);
        requirements.push(via);
        at = next;
        if at == first || packages.len() > graph.nodes().len() {
            break;
        }
    }
    Conclusion::Cycle {
        packages,
        requirements,
        entry,
    }
}
