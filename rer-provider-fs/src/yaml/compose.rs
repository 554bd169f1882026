//! Turning `yaml-rust2`'s event stream into a graph of nodes, as PyYAML's
//! composer does: an alias is a second reference to the anchored node, not
//! a copy, so a few hundred bytes of nested aliases (an "alias bomb") cost a
//! few hundred nodes. Nesting is bounded while composing.

use std::collections::HashMap;

use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

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
    /// Open collections, innermost last.
    stack: Vec<NodeId>,
    /// A mapping's key waiting for its value, per open mapping.
    pending_keys: HashMap<NodeId, NodeId>,
    anchors: HashMap<usize, NodeId>,
    /// The first fault met; events after it are ignored.
    pub(super) error: Option<PyError>,
}

/// The full tag (`tag:yaml.org,2002:int`, `!foo`).
fn full_tag(tag: Option<Tag>) -> Option<String> {
    tag.map(|t| format!("{}{}", t.handle, t.suffix))
}

impl Graph {
    fn add(&mut self, node: NodeId, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node);
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

    fn open(&mut self, node: Node, anchor: usize, line: usize) {
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
        self.add(id, anchor);
        self.stack.push(id);
    }
}

impl MarkedEventReceiver for Graph {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let line = mark.line().max(1);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let id = self.nodes.len();
                self.nodes.push(Node::Scalar {
                    text,
                    plain: style == TScalarStyle::Plain,
                    tag: full_tag(tag),
                    line,
                });
                self.add(id, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                let node = Node::Sequence {
                    items: Vec::new(),
                    tag: full_tag(tag),
                    line,
                };
                self.open(node, anchor, line);
            }
            Event::MappingStart(anchor, tag) => {
                let node = Node::Mapping {
                    entries: Vec::new(),
                    tag: full_tag(tag),
                    line,
                };
                self.open(node, anchor, line);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            Event::Alias(id) => match self.anchors.get(&id) {
                Some(&node) => self.attach(node),
                None => self.error = Some(PyError::new(line, "found undefined alias")),
            },
            _ => {}
        }
    }
}
