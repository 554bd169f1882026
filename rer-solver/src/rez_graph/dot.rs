//! rez's `write_dot`: the graph in the dot language, as rez writes it.

use std::fmt::Write as _;

use super::{EdgeKind, ResolveGraph};

/// rez's font size for nodes and reduction labels.
const FONT_SIZE: &str = "10";

impl ResolveGraph {
    /// The graph in the dot language, exactly as rez 3.4.0's `write_dot`
    /// writes it (what `rez env --fail-graph` renders): one line per node in
    /// rez's order, then one per edge, node by node in each node's
    /// neighbour order.
    ///
    /// rez quotes every attribute value without escaping it; so does this
    /// (rez's labels are requirement and variant strings, which hold no
    /// quote).
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph g {\n");
        for node in &self.nodes {
            let _ = writeln!(
                out,
                "{} [label=\"{}\", fontsize=\"{FONT_SIZE}\", fillcolor=\"{}\", style=\"{}\"];",
                node.id,
                node.label,
                node.kind.fill_color(),
                node.kind.style()
            );
        }
        for (i, node) in self.nodes.iter().enumerate() {
            for &j in &self.neighbors[i] {
                let to = &self.nodes[j];
                let kind = self
                    .edge(node.id, to.id)
                    .map(|e| &e.kind)
                    .unwrap_or(&EdgeKind::Requires);
                let _ = writeln!(out, "{} -> {} [{}];", node.id, to.id, edge_attrs(kind));
            }
        }
        out.push('}');
        out
    }
}

/// rez's attributes of an edge, in rez's order, label last.
fn edge_attrs(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Requires => "arrowsize=\"0.5\"".to_string(),
        EdgeKind::Merge => "arrowsize=\"1\", arrowhead=\"odot\"".to_string(),
        EdgeKind::Conflict | EdgeKind::Cycle => format!(
            "arrowsize=\"1\", style=\"bold\", color=\"red\", fontcolor=\"red\", label=\"{}\"",
            kind.label()
        ),
        EdgeKind::Reduction(label) => {
            format!("arrowsize=\"1\", fontsize=\"{FONT_SIZE}\", label=\"{label}\"")
        }
    }
}
