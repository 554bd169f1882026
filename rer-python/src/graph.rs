//! `rer.ResolveGraph`: rez's resolve graph (`Solver.get_graph()`) of a
//! solve, as plain data and as rez's dot text.

use pyo3::prelude::*;
use rer_solver::{EdgeKind, NodeKind};

/// rez's graph of the phase a solve ended on: for a failed resolve the
/// failed phase, pruned as rez prunes it (its `CONFLICT`, `CYCLE` and
/// reduction edges explain the failure); for a solved one (asked for with
/// `graph=True`) the solved phase.
///
/// `nodes` are `(id, label, kind)` in rez's order, `id` being rez's node
/// name (`"_1"`, ...) and `kind` one of `"initial_request"`, `"request"`,
/// `"reduction"`, `"solved_variant"`, `"scope"`, `"conflict_scope"`.
/// `edges` are `(from, to, kind, label)` in the order rez last added them,
/// `kind` one of `"requires"`, `"merge"`, `"conflict"`, `"cycle"`,
/// `"reduction"` and `label` rez's edge label (`""`, `"CONFLICT"`,
/// `"CYCLE"`, or the variant a reduction removed).
#[pyclass(module = "rer", frozen, get_all)]
pub struct ResolveGraph {
    /// `(id, label, kind)` per node, in rez's order.
    pub nodes: Vec<(String, String, &'static str)>,
    /// `(from, to, kind, label)` per edge, in rez's order.
    pub edges: Vec<(String, String, &'static str, String)>,
    /// rez's `write_dot` text of the graph.
    dot: String,
    /// rez's "Resolve paths starting from initial requests to conflict"
    /// block, when the graph has one.
    paths: Option<String>,
}

#[pymethods]
impl ResolveGraph {
    /// The graph in the dot language, exactly as rez's `write_dot` writes
    /// it (what `rez env --fail-graph` renders).
    fn to_dot(&self) -> String {
        self.dot.clone()
    }

    /// The block `rez env` prints under a failure description ("Resolve
    /// paths starting from initial requests to conflict:" and the paths),
    /// or `None` when the graph shows no conflict or cycle.
    fn resolve_paths(&self) -> Option<String> {
        self.paths.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "ResolveGraph({} nodes, {} edges)",
            self.nodes.len(),
            self.edges.len()
        )
    }
}

fn node_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::InitialRequest => "initial_request",
        NodeKind::Request => "request",
        NodeKind::Reduction => "reduction",
        NodeKind::SolvedVariant => "solved_variant",
        NodeKind::Scope => "scope",
        NodeKind::ConflictScope => "conflict_scope",
    }
}

fn edge_kind(kind: &EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Requires => "requires",
        EdgeKind::Merge => "merge",
        EdgeKind::Conflict => "conflict",
        EdgeKind::Cycle => "cycle",
        EdgeKind::Reduction(_) => "reduction",
    }
}

impl ResolveGraph {
    /// The Python form of `graph`.
    pub fn from_rer(graph: &rer_solver::ResolveGraph) -> ResolveGraph {
        ResolveGraph {
            nodes: graph
                .nodes()
                .iter()
                .map(|n| (n.id.to_string(), n.label.clone(), node_kind(n.kind)))
                .collect(),
            edges: graph
                .edges()
                .iter()
                .map(|e| {
                    (
                        e.from.to_string(),
                        e.to.to_string(),
                        edge_kind(&e.kind),
                        e.kind.label().to_string(),
                    )
                })
                .collect(),
            dot: graph.to_dot(),
            paths: graph.resolve_paths().map(|p| p.text()),
        }
    }
}
