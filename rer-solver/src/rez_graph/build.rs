//! rez's `_ResolvePhase.get_graph`, step for step, over a [`PhaseView`].

use std::collections::HashMap;
use std::sync::Arc;

use rer_pyhash::{HashSecret, PySet};
use rer_version::{Requirement, RequirementList};

use super::view::{FailureView, PhaseView, ScopeView};
use super::{EdgeKind, GraphEdge, GraphNode, NodeId, NodeKind, ResolveGraph};

/// A graph under construction, as pygraph's `digraph` holds one: nodes in
/// creation order, each with its out- and in-neighbours in order, and the
/// edges' labels in the order they were (last) added.
#[derive(Default)]
struct Digraph {
    nodes: Vec<(String, NodeKind)>,
    alive: Vec<bool>,
    out: Vec<Vec<usize>>,
    incoming: Vec<Vec<usize>>,
    /// (from, to) -> (kind, sequence number of its last addition)
    edges: HashMap<(usize, usize), (EdgeKind, u64)>,
    seq: u64,
}

impl Digraph {
    fn add_node(&mut self, label: String, kind: NodeKind) -> usize {
        self.nodes.push((label, kind));
        self.alive.push(true);
        self.out.push(Vec::new());
        self.incoming.push(Vec::new());
        self.nodes.len() - 1
    }

    fn del_edge(&mut self, from: usize, to: usize) {
        self.out[from].retain(|&x| x != to);
        self.incoming[to].retain(|&x| x != from);
        self.edges.remove(&(from, to));
    }

    /// rez's `_add_edge`: an existing edge is removed first, so that the
    /// new one comes last and carries only the new attributes.
    fn add_edge(&mut self, from: usize, to: usize, kind: EdgeKind) {
        if self.edges.contains_key(&(from, to)) {
            self.del_edge(from, to);
        }
        self.out[from].push(to);
        self.incoming[to].push(from);
        self.seq += 1;
        self.edges.insert((from, to), (kind, self.seq));
    }

    fn del_node(&mut self, node: usize) {
        for from in self.incoming[node].clone() {
            self.del_edge(from, node);
        }
        for to in self.out[node].clone() {
            self.del_edge(node, to);
        }
        self.alive[node] = false;
    }

    /// Whether some node of `targets` is reachable from `start` (itself
    /// included), as pygraph's `accessibility` finds.
    fn reaches(&self, start: usize, targets: &[bool]) -> bool {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(n) = stack.pop() {
            if targets[n] {
                return true;
            }
            for &m in &self.out[n] {
                if !seen[m] {
                    seen[m] = true;
                    stack.push(m);
                }
            }
        }
        false
    }

    fn finish(self) -> ResolveGraph {
        let mut position = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, (label, kind)) in self.nodes.into_iter().enumerate() {
            if self.alive[i] {
                position[i] = nodes.len();
                nodes.push(GraphNode {
                    id: NodeId(i as u32 + 1),
                    label,
                    kind,
                });
            }
        }
        let neighbors = (0..self.out.len())
            .filter(|&i| self.alive[i])
            .map(|i| self.out[i].iter().map(|&j| position[j]).collect())
            .collect();
        let mut edges: Vec<(u64, GraphEdge)> = self
            .edges
            .into_iter()
            .map(|((from, to), (kind, seq))| {
                (
                    seq,
                    GraphEdge {
                        from: NodeId(from as u32 + 1),
                        to: NodeId(to as u32 + 1),
                        kind,
                    },
                )
            })
            .collect();
        edges.sort_by_key(|(seq, _)| *seq);
        ResolveGraph {
            nodes,
            neighbors,
            edges: edges.into_iter().map(|(_, e)| e).collect(),
        }
    }
}

/// The builder's maps, as rez's `get_graph` keeps them.
struct Maps {
    g: Digraph,
    /// request text -> node, in insertion order (rez's `request_nodes`,
    /// keyed by the requirement, whose hash is its text)
    request_nodes: Vec<(String, Requirement, usize)>,
    /// family -> its scope's node (rez's `scope_nodes`)
    scope_nodes: HashMap<Arc<str>, usize>,
    /// scope node -> the scope's request (rez's `scope_requests`)
    scope_requests: HashMap<usize, Requirement>,
}

impl Maps {
    fn request_node(&self, req: &Requirement) -> Option<usize> {
        let key = req.to_string();
        self.request_nodes
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, n)| *n)
    }

    /// rez's `_add_request_node`.
    fn add_request_node(&mut self, req: &Requirement, initial: bool) -> usize {
        if let Some(n) = self.request_node(req) {
            return n;
        }
        let kind = if initial {
            NodeKind::InitialRequest
        } else {
            NodeKind::Request
        };
        let label = req.to_string();
        let n = self.g.add_node(label.clone(), kind);
        self.request_nodes.push((label, req.clone(), n));
        n
    }

    /// rez's `_add_scope_node`.
    fn add_scope_node(&mut self, scope: &ScopeView) -> usize {
        if let Some(&n) = self.scope_nodes.get(&scope.name) {
            return n;
        }
        let (label, kind) = match &scope.solved {
            Some(v) => (v.label.clone(), NodeKind::SolvedVariant),
            None if scope.is_conflict => (scope.label.clone(), NodeKind::ConflictScope),
            None => (scope.label.clone(), NodeKind::Scope),
        };
        let n = self.g.add_node(label, kind);
        self.scope_nodes.insert(Arc::clone(&scope.name), n);
        self.scope_requests.insert(n, scope.request.clone());
        n
    }

    fn scope_node(&self, name: &str) -> Option<usize> {
        self.scope_nodes.get(name).copied()
    }
}

/// rez's graph of the phase `view`; `prune` is rez's `prune_unfailed`;
/// `hash_seed` is the `PYTHONHASHSEED` whose set order rez's merges of
/// extractions follow.
pub(crate) fn build(view: &PhaseView, prune: bool, hash_seed: u32) -> ResolveGraph {
    let mut m = Maps {
        g: Digraph::default(),
        request_nodes: Vec::new(),
        scope_nodes: HashMap::new(),
        scope_requests: HashMap::new(),
    };
    let mut failure_nodes: Vec<usize> = Vec::new();

    // initial request nodes
    for req in &view.request {
        m.add_request_node(req, true);
    }

    // scope nodes; a conflict scope matching an initial conflict request
    // takes over that request's node
    for scope in &view.scopes {
        if scope.is_conflict {
            if let Some(n) = m.request_node(&scope.request) {
                m.scope_nodes.insert(Arc::clone(&scope.name), n);
                let key = scope.request.to_string();
                m.request_nodes.retain(|(k, _, _)| *k != key);
                continue;
            }
        }
        m.add_scope_node(scope);
    }

    // initial request -> scope
    for req in &view.request {
        if let Some(from) = m.request_node(req) {
            if let Some(to) = m.scope_node(req.name()) {
                m.g.add_edge(from, to, EdgeKind::Requires);
            }
        }
    }

    // solved scope -> each of its variant's requirements
    for scope in &view.scopes {
        if let Some(solved) = &scope.solved {
            let Some(from) = m.scope_node(&scope.name) else {
                continue;
            };
            for req in &solved.requires {
                let to = m.add_request_node(req, false);
                m.g.add_edge(from, to, EdgeKind::Requires);
            }
        }
    }

    // extractions
    for (from_fam, _, req) in &view.extractions {
        if let Some(from) = m.scope_node(from_fam) {
            let to = m.add_request_node(req, false);
            m.g.add_edge(from, to, EdgeKind::Requires);
        }
    }

    // merges of extractions of one family, family by family in the order
    // of rez's `set(x[1] for x in self.extractions.keys())`
    let secret = HashSecret::from_seed(hash_seed);
    let mut fams: PySet<&Arc<str>> = PySet::new();
    for (_, to_fam, _) in &view.extractions {
        fams.insert(to_fam, secret.hash_str(to_fam));
    }
    for &fam in fams.iter() {
        let requests: Vec<&Requirement> = view
            .extractions
            .iter()
            .filter(|(_, to, _)| to == fam)
            .map(|(_, _, r)| r)
            .collect();
        if requests.len() < 2 {
            continue;
        }
        let list = RequirementList::new(requests.iter().map(|r| (*r).clone()));
        if list.conflict().is_some() {
            continue;
        }
        let Some(merged) = list.get(fam).cloned() else {
            continue;
        };
        let merged_text = merged.to_string();
        for req in requests {
            if req.to_string() != merged_text {
                let from = m.add_request_node(req, false);
                let to = m.add_request_node(&merged, false);
                m.g.add_edge(from, to, EdgeKind::Merge);
            }
        }
    }

    // the failure
    match &view.failure {
        Some(FailureView::Conflicts(conflicts)) => {
            for (dependency, conflicting) in conflicts {
                let scope_n = m.scope_node(conflicting.name());
                let scope_r = scope_n.and_then(|n| m.scope_requests.get(&n).cloned());
                let (from, to) = match (scope_n, scope_r) {
                    (Some(n), Some(r)) if r.conflicts_with(conflicting) => {
                        (m.add_request_node(conflicting, false), n)
                    }
                    (Some(n), None) => (n, m.add_request_node(dependency, false)),
                    (n, _) => {
                        let from = m.add_request_node(dependency, false);
                        let to = match n {
                            Some(n) => n,
                            None => m.add_request_node(conflicting, false),
                        };
                        (from, to)
                    }
                };
                m.g.add_edge(from, to, EdgeKind::Conflict);
                failure_nodes.push(from);
                failure_nodes.push(to);
            }
        }
        Some(FailureView::TotalReduction(reductions)) => {
            let single = reductions.len() == 1;
            for r in reductions {
                let (Some(reduced), Some(against)) =
                    (m.scope_node(&r.name), m.scope_node(&r.conflicting_name))
                else {
                    continue;
                };
                let via = if single {
                    let via = m.add_request_node(&r.dependency, false);
                    m.g.add_edge(reduced, via, EdgeKind::Requires);
                    via
                } else {
                    let via = m.g.add_node(r.dependency.to_string(), NodeKind::Reduction);
                    m.g.add_edge(reduced, via, EdgeKind::Reduction(r.reducee.clone()));
                    via
                };
                m.g.add_edge(via, against, EdgeKind::Conflict);
                failure_nodes.extend([reduced, via, against]);
            }
        }
        Some(FailureView::Cycle(families)) => {
            for (i, fam) in families.iter().enumerate() {
                let next = &families[(i + 1) % families.len()];
                if let (Some(a), Some(b)) = (m.scope_node(fam), m.scope_node(next)) {
                    failure_nodes.push(a);
                    m.g.add_edge(a, b, EdgeKind::Cycle);
                }
            }
        }
        None => {}
    }

    // leaf requests lead to the scope of their family, when compatible
    let scopes: HashMap<&str, &ScopeView> = view.scopes.iter().map(|s| (&*s.name, s)).collect();
    for (_, req, node) in m.request_nodes.clone() {
        if !m.g.out[node].is_empty() {
            continue;
        }
        if let (Some(to), Some(scope)) = (m.scope_node(req.name()), scopes.get(req.name())) {
            if !req.conflicts_with(&scope.request) {
                m.g.add_edge(node, to, EdgeKind::Requires);
            }
        }
    }

    // prune what does not lead to the failure
    if prune && !failure_nodes.is_empty() {
        let mut is_failure = vec![false; m.g.nodes.len()];
        for n in failure_nodes {
            is_failure[n] = true;
        }
        let doomed: Vec<usize> = (0..m.g.nodes.len())
            .filter(|&n| !m.g.reaches(n, &is_failure))
            .collect();
        for n in doomed {
            m.g.del_node(n);
        }
    }
    m.g.finish()
}
