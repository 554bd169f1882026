//! Paths through rez's graph: from a request down to a node of the failure,
//! found by a breadth-first search backwards along the graph's plain edges.

use std::collections::HashMap;

use rer_solver::{EdgeKind, NodeId, NodeKind, ResolveGraph};

/// A path of nodes from a request node to a target, following edges that
/// are not the failure's own (`CONFLICT`, `CYCLE`).
pub(crate) type Chain = Vec<NodeId>;

/// The shortest chain from any request node to `target`, preferring the
/// request that comes first; `None` when no request leads to it.
pub(crate) fn chain_to(graph: &ResolveGraph, target: NodeId) -> Option<Chain> {
    // incoming plain edges, in the graph's edge order
    let mut incoming: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for e in graph.edges() {
        if matches!(e.kind, EdgeKind::Conflict | EdgeKind::Cycle) {
            continue;
        }
        incoming.entry(e.to).or_default().push(e.from);
    }
    // breadth first, level by level, until a level holds a request node
    let mut next: HashMap<NodeId, NodeId> = HashMap::new();
    let mut seen = vec![target];
    let mut level = vec![target];
    let mut found: Vec<NodeId> = Vec::new();
    while !level.is_empty() {
        found.extend(level.iter().copied().filter(|&n| {
            graph
                .node(n)
                .is_some_and(|x| x.kind == NodeKind::InitialRequest)
        }));
        if !found.is_empty() {
            break;
        }
        let mut below = Vec::new();
        for n in level {
            for &m in incoming.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
                if !seen.contains(&m) {
                    seen.push(m);
                    next.insert(m, n);
                    below.push(m);
                }
            }
        }
        level = below;
    }
    // the request node that comes first in the graph, among the nearest
    let start = found.into_iter().min()?;
    let mut chain = vec![start];
    let mut at = start;
    while at != target {
        at = *next.get(&at)?;
        chain.push(at);
    }
    Some(chain)
}
