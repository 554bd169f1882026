//! Turning libyaml's event stream into a graph of nodes, as PyYAML's
//! composer does: an alias is a second reference to the anchored node, not
//! a copy, so a few hundred bytes of nested aliases (an "alias bomb") cost a
//! few hundred nodes. Nesting is bounded while composing, and an anchor
//! defined twice in a document is refused here, where PyYAML's composer
//! refuses it (in stream order, after any syntax error before it).

use std::collections::HashMap;

use super::events::{Event, EventData};

use rer_pyread::PyError;

/// How deeply collections may nest. PyYAML's recursive composer and
/// constructor fail with `RecursionError` at about 490 levels run alone,
/// fewer inside rez's loader (the exact depth depends on the caller's
/// stack); rer refuses more than 450.
pub(super) const MAX_DEPTH: usize = 450;

/// An index into [`Graph::nodes`].
pub(super) type NodeId = usize;

/// One node of a document.
pub(super) enum Node {
    Scalar {
        text: String,
        /// Written without quotes or block indicators, so resolved by the
        /// YAML 1.1 rules.
        plain: bool,
        tag: Option<String>,
        line: usize,
    },
    Sequence {
        items: Vec<NodeId>,
        tag: Option<String>,
        line: usize,
    },
    Mapping {
        entries: Vec<(NodeId, NodeId)>,
        tag: Option<String>,
        line: usize,
    },
}

impl Node {
    pub(super) fn line(&self) -> usize {
        match self {
            Node::Scalar { line, .. }
            | Node::Sequence { line, .. }
            | Node::Mapping { line, .. } => *line,
        }
    }
}

/// The nodes of a stream and each document's root.
#[derive(Default)]
pub(super) struct Graph {
    pub(super) nodes: Vec<Node>,
    pub(super) documents: Vec<NodeId>,
    /// The line each document starts on (its `---`, or its first token),
    /// where PyYAML marks a second document.
    pub(super) document_starts: Vec<usize>,
    /// Open collections, innermost last.
    stack: Vec<NodeId>,
    /// A mapping's key waiting for its value, per open mapping.
    pending_keys: HashMap<NodeId, NodeId>,
    /// The current document's anchors: the node and the line defining it.
    anchors: HashMap<String, (NodeId, usize)>,
    /// The first fault met; events after it are ignored.
    pub(super) error: Option<PyError>,
}

/// The tag as PyYAML's composer keeps it: the full tag
/// (`tag:yaml.org,2002:int`, `!foo`), or none for the non-specific `!`,
/// which PyYAML resolves as an untagged node (a scalar as a plain one, even
/// quoted: `! "123"` is the int 123).
fn specific_tag(tag: Option<String>) -> Option<String> {
    tag.filter(|t| t != "!")
}

impl Graph {
    fn add(&mut self, node: NodeId, anchor: Option<String>, line: usize) {
        if let Some(name) = anchor {
            if let Some(&(_, first)) = self.anchors.get(&name) {
                self.error = Some(PyError::new(
                    line,
                    format!("found duplicate anchor '{name}'; first occurrence on line {first}"),
                ));
                return;
            }
            self.anchors.insert(name, (node, line));
        }
        self.attach(node);
    }

    /// Puts `node` where the stream is: a document root, a sequence item, a
    /// mapping key or value.
    fn attach(&mut self, node: NodeId) {
        let Some(&parent) = self.stack.last() else {
            self.documents.push(node);
            return;
        };
        match &mut self.nodes[parent] {
            Node::Sequence { items, .. } => items.push(node),
            Node::Mapping { entries, .. } => match self.pending_keys.remove(&parent) {
                None => {
                    self.pending_keys.insert(parent, node);
                }
                Some(key) => entries.push((key, node)),
            },
            Node::Scalar { .. } => {}
        }
    }

    fn open(&mut self, node: Node, anchor: Option<String>, line: usize) {
        if self.stack.len() >= MAX_DEPTH {
            self.error = Some(PyError::new(
                line,
                format!(
                    "collections nested more than {MAX_DEPTH} deep (PyYAML: maximum recursion depth exceeded)"
                ),
            ));
            return;
        }
        let id = self.nodes.len();
        self.nodes.push(node);
        self.add(id, anchor, line);
        self.stack.push(id);
    }

    /// Takes the next event of the stream; after a fault, events are
    /// ignored and the fault is in [`Graph::error`].
    pub(super) fn on_event(&mut self, event: Event) {
        if self.error.is_some() {
            return;
        }
        let line = event.line;
        match event.data {
            EventData::Scalar {
                anchor,
                tag,
                value,
                plain,
            } => {
                let plain = match tag.as_deref() {
                    None => plain,
                    Some(t) => t == "!",
                };
                let id = self.nodes.len();
                self.nodes.push(Node::Scalar {
                    text: value,
                    plain,
                    tag: specific_tag(tag),
                    line,
                });
                self.add(id, anchor, line);
            }
            EventData::SequenceStart { anchor, tag } => {
                let node = Node::Sequence {
                    items: Vec::new(),
                    tag: specific_tag(tag),
                    line,
                };
                self.open(node, anchor, line);
            }
            EventData::MappingStart { anchor, tag } => {
                let node = Node::Mapping {
                    entries: Vec::new(),
                    tag: specific_tag(tag),
                    line,
                };
                self.open(node, anchor, line);
            }
            EventData::CollectionEnd => {
                self.stack.pop();
            }
            EventData::Alias { anchor } => match self.anchors.get(&anchor) {
                Some(&(node, _)) => self.attach(node),
                None => self.error = Some(PyError::new(line, "found undefined alias")),
            },
            EventData::DocumentStart => {
                self.anchors.clear();
                self.document_starts.push(line);
            }
            EventData::DocumentEnd => self.anchors.clear(),
            EventData::StreamEnd | EventData::Other => {}
        }
    }
}
