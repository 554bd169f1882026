//! rez's resolve paths (`rez.utils.resolve_graph.failure_detail_from_graph`):
//! from each request down the graph to the conflict or cycle.

use super::{EdgeKind, GraphNode, NodeId, ResolveGraph};

/// What the paths lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathsKind {
    /// The graph has a `CONFLICT` edge: the paths lead to it.
    Conflict,
    /// The graph has a `CYCLE` edge: the paths lead into the cycle.
    Cycle,
}

/// One path: a request, then the nodes rez names on the way down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvePath {
    /// The request the path starts at, as rez labels it.
    pub request: String,
    /// The nodes after it, as rez labels them (`foo-1.2` for the variant
    /// `foo-1.2[0]`, rez's `_request_from_label`).
    pub steps: Vec<String>,
}

/// rez's "Resolve paths starting from initial requests to ..." block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvePaths {
    /// Whether the paths lead to a conflict or a cycle.
    pub kind: PathsKind,
    /// One path per request node left in the graph, in rez's order.
    pub paths: Vec<ResolvePath>,
}

impl ResolvePaths {
    /// The block exactly as rez prints it: a heading line, then one line per
    /// path (`  maya-2024 --> maya-2024 --> python-3.9`), no final newline.
    pub fn text(&self) -> String {
        let mut lines = vec![match self.kind {
            PathsKind::Conflict => {
                "Resolve paths starting from initial requests to conflict:".to_string()
            }
            PathsKind::Cycle => {
                "Resolve paths starting from initial requests to cycle:".to_string()
            }
        }];
        for path in &self.paths {
            let mut line = format!("  {}", path.request);
            for step in &path.steps {
                line.push_str(" --> ");
                line.push_str(step);
            }
            lines.push(line);
        }
        lines.join("\n")
    }
}

/// rez's `_request_from_label`: the label without quotes and without its
/// last `[...]` part (`foo-1[0]` is `foo-1`; `[foo==1[0,1]]` is `[foo==1`).
pub fn request_from_label(label: &str) -> &str {
    let label = label.trim_matches('"').trim_matches('\'');
    match label.rfind('[') {
        Some(i) => &label[..i],
        None => label,
    }
}

impl ResolveGraph {
    /// rez's failure detail of this graph: the paths to the first `CYCLE`
    /// edge if there is one, else to the first `CONFLICT` edge, else `None`
    /// (a graph without a failure; rez prints an empty line then).
    pub fn resolve_paths(&self) -> Option<ResolvePaths> {
        if let Some(edge) = self.edges.iter().find(|e| e.kind == EdgeKind::Cycle) {
            return Some(self.walk(PathsKind::Cycle, (edge.from, edge.to)));
        }
        if let Some(edge) = self.edges.iter().find(|e| e.kind == EdgeKind::Conflict) {
            return Some(self.walk(PathsKind::Conflict, (edge.from, edge.to)));
        }
        None
    }

    /// From each request node, the first not yet visited neighbour, until
    /// none is left (or, for a cycle, until an end of the cycle edge).
    fn walk(&self, kind: PathsKind, edge: (NodeId, NodeId)) -> ResolvePaths {
        let on_edge = |n: &GraphNode| n.id == edge.0 || n.id == edge.1;
        let mut paths = Vec::new();
        for start in self.initial_requests() {
            let mut visited: Vec<&GraphNode> = vec![start];
            let mut node = start;
            loop {
                let down = self
                    .neighbors(node.id)
                    .find(|n| !visited.iter().any(|v| v.id == n.id));
                match down {
                    None => break,
                    Some(d) if kind == PathsKind::Cycle && on_edge(d) => {
                        visited.push(d);
                        break;
                    }
                    Some(d) => {
                        visited.push(d);
                        node = d;
                    }
                }
            }
            let mut steps = Vec::new();
            for n in &visited[1..] {
                if !n.kind.is_request() {
                    steps.push(request_from_label(&n.label).to_string());
                }
                if kind == PathsKind::Conflict && n.kind.is_request() && on_edge(n) {
                    steps.push(request_from_label(&n.label).to_string());
                    break;
                }
            }
            paths.push(ResolvePath {
                request: request_from_label(&start.label).to_string(),
                steps,
            });
        }
        ResolvePaths { kind, paths }
    }
}
