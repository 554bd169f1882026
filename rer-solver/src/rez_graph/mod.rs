//! rez's resolve graph (`Solver.get_graph()`), as data.
//!
//! rez draws, for the phase a solve ended on (the solved phase, or the
//! failed phase its failure description comes from), a directed graph: the
//! request's requirements, the scopes (resolved variants, ranges of
//! candidates, conflict requests), each solved variant's requirements, the
//! extractions, and the edges that explain the failure, labelled
//! `CONFLICT`, `CYCLE` or with the variant a reduction removed. For a
//! failed solve rez then prunes every node from which no node of the
//! failure can be reached (`prune_failed_graph`, on by default).
//!
//! [`ResolveGraph`] is that graph, node for node and edge for edge, in the
//! order rez holds them: [`ResolveGraph::to_dot`] is the text rez's
//! `write_dot` gives (what `rez env --fail-graph` renders), and
//! [`ResolveGraph::resolve_paths`] is rez's "Resolve paths starting from
//! initial requests to conflict" block (`failure_detail_from_graph`), which
//! `rez env` prints under a failure description.
//!
//! One difference is owed to Python's hash seed: rez adds the merges of
//! extractions (the `odot` edges) family by family in the order of a set of
//! family names, which changes from run to run; rer adds them in order of
//! first extraction, one of the orders rez can give.

mod build;
mod dot;
mod paths;
mod snapshot;
mod view;

pub use paths::{PathsKind, ResolvePath, ResolvePaths};

pub(crate) use build::build;
pub(crate) use snapshot::{failed_view, phase_view};

/// A node's id in rez's graph: `_1`, `_2`, ... in order of creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl std::fmt::Display for NodeId {
    /// rez's name of the node: `_` and its number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "_{}", self.0)
    }
}

/// What a node stands for; it decides the node's colour and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A requirement of the request (yellow, dashed).
    InitialRequest,
    /// A requirement that is not the request's: a solved variant's, an
    /// extraction, a merge of extractions, the side of a conflict (grey,
    /// dashed).
    Request,
    /// The requirement through which a variant was reduced away, one node
    /// per reduction of a total reduction (grey, dashed).
    Reduction,
    /// A scope settled on one variant (green).
    SolvedVariant,
    /// A scope still holding several candidates (grey).
    Scope,
    /// A conflict scope (`!foo`, `~foo-1`) not in the request (grey, dashed).
    ConflictScope,
}

impl NodeKind {
    /// rez's `fillcolor` of the node.
    pub fn fill_color(self) -> &'static str {
        match self {
            NodeKind::InitialRequest => "#FFFFAA",
            NodeKind::SolvedVariant => "#AAFFAA",
            _ => "#F6F6F6",
        }
    }

    /// rez's `style` of the node.
    pub fn style(self) -> &'static str {
        match self {
            NodeKind::SolvedVariant | NodeKind::Scope => "filled",
            _ => "filled,dashed",
        }
    }

    /// Whether rez counts the node as a request (a dashed node): rez's
    /// resolve paths leave request nodes out of a path.
    pub fn is_request(self) -> bool {
        self.style().contains("dashed")
    }
}

/// One node of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    /// rez's id of the node.
    pub id: NodeId,
    /// The node's label as rez writes it: a requirement (`python-3.9+`), a
    /// solved variant (`maya-2024[0]`, `foo-1[]`) or a scope in rez's
    /// notation (`foo[1..3(2)]*`, `[foo==2[0,1]]`).
    pub label: String,
    /// What the node stands for.
    pub kind: NodeKind,
}

/// What an edge says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// A request leads to its scope, a variant requires a requirement, a
    /// scope extracted a requirement, a requirement is met by a scope.
    Requires,
    /// A requirement was merged with others into the requirement pointed to
    /// (rez's `odot` arrowhead).
    Merge,
    /// The two ends conflict (label `CONFLICT`).
    Conflict,
    /// The edge closes a dependency cycle (label `CYCLE`).
    Cycle,
    /// The scope lost this variant (the label, e.g. `foo-1[0]`) through the
    /// requirement pointed to: one reduction of a total reduction.
    Reduction(String),
}

impl EdgeKind {
    /// rez's label of the edge (empty for unlabelled edges).
    pub fn label(&self) -> &str {
        match self {
            EdgeKind::Requires | EdgeKind::Merge => "",
            EdgeKind::Conflict => "CONFLICT",
            EdgeKind::Cycle => "CYCLE",
            EdgeKind::Reduction(label) => label,
        }
    }
}

/// One edge of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphEdge {
    /// The node the edge leaves.
    pub from: NodeId,
    /// The node the edge points to.
    pub to: NodeId,
    /// What the edge says.
    pub kind: EdgeKind,
}

/// rez's resolve graph of one phase (see the [module](self) documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolveGraph {
    /// The nodes, in rez's order (creation order, pruned nodes left out).
    nodes: Vec<GraphNode>,
    /// Each node's out-neighbours in rez's order (latest edge last), by
    /// position in `nodes`.
    neighbors: Vec<Vec<usize>>,
    /// The edges in the order rez last added them (rez's `edge_properties`).
    edges: Vec<GraphEdge>,
}

impl ResolveGraph {
    /// The nodes, in rez's order.
    pub fn nodes(&self) -> &[GraphNode] {
        &self.nodes
    }

    /// The node with id `id`, if the graph has it.
    pub fn node(&self, id: NodeId) -> Option<&GraphNode> {
        self.position(id).map(|i| &self.nodes[i])
    }

    fn position(&self, id: NodeId) -> Option<usize> {
        self.nodes.binary_search_by_key(&id, |n| n.id).ok()
    }

    /// The nodes `id` has an edge to, in rez's order.
    pub fn neighbors(&self, id: NodeId) -> impl Iterator<Item = &GraphNode> {
        self.position(id)
            .and_then(|i| self.neighbors.get(i))
            .into_iter()
            .flatten()
            .map(|&j| &self.nodes[j])
    }

    /// The edges in the order rez last added them.
    pub fn edges(&self) -> &[GraphEdge] {
        &self.edges
    }

    /// The edge from `from` to `to`, if any.
    pub fn edge(&self, from: NodeId, to: NodeId) -> Option<&GraphEdge> {
        self.edges.iter().find(|e| e.from == from && e.to == to)
    }

    /// The nodes of the request (rez's yellow nodes), in order.
    pub fn initial_requests(&self) -> impl Iterator<Item = &GraphNode> {
        self.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::InitialRequest)
    }

    /// Whether the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}
