//! Turning composed nodes into [`Value`]s as PyYAML's `FullLoader`
//! constructs them: tags, merge keys (`<<: *base`), hashable keys.
//!
//! PyYAML constructs every node of the document once (an alias shares the
//! object), so a bad tag or an unhashable key anywhere fails the load:
//! [`check`] visits each node once, in document order. Values are then
//! built only for the fields rer reads, each alias expanded where it is
//! used, within a budget: a field that would expand to more than
//! [`MAX_VALUES`] values is an error rather than gigabytes.

use std::collections::HashMap;

use rer_pyread::{PyError, Value};

use super::compose::{Graph, MAX_DEPTH, Node, NodeId};
use super::resolve::{resolve_bool, resolve_float, resolve_int, resolve_plain};

/// The most values the fields rer reads from one file may expand to
/// through aliases (rez's largest real definitions hold a few hundred).
pub(super) const MAX_VALUES: usize = 1_000_000;

const YAML: &str = "tag:yaml.org,2002:";

/// The tag's name within YAML's (`int` for `tag:yaml.org,2002:int`).
fn short(tag: &str) -> Option<&str> {
    tag.strip_prefix(YAML)
}

fn no_constructor(tag: &str, line: usize) -> PyError {
    PyError::new(
        line,
        format!("could not determine a constructor for the tag '{tag}'"),
    )
}

/// Whether `key` is the merge key `<<`.
fn is_merge(graph: &Graph, key: NodeId) -> bool {
    match &graph.nodes[key] {
        Node::Scalar {
            text, plain, tag, ..
        } => match tag {
            None => *plain && text == "<<",
            Some(tag) => short(tag) == Some("merge"),
        },
        _ => false,
    }
}

/// Checks every node once, as PyYAML's constructor meets it.
pub(super) fn check(graph: &Graph) -> Result<(), PyError> {
    for node in &graph.nodes {
        match node {
            Node::Scalar {
                text,
                plain,
                tag,
                line,
            } => {
                scalar(text, *plain, tag.as_deref(), *line)?;
            }
            Node::Sequence { tag, line, .. } => match tag.as_deref() {
                None => {}
                Some(t)
                    if matches!(
                        short(t),
                        Some("seq" | "python/list" | "python/tuple" | "omap" | "pairs")
                    ) => {}
                Some(t) => return Err(no_constructor(t, *line)),
            },
            Node::Mapping { entries, tag, line } => {
                match tag.as_deref() {
                    None => {}
                    Some(t) if matches!(short(t), Some("map" | "python/dict" | "set")) => {}
                    Some(t) => return Err(no_constructor(t, *line)),
                }
                for &(key, value) in entries {
                    if is_merge(graph, key) {
                        merge_sources(graph, value, *line)?;
                        continue;
                    }
                    let unhashable = match &graph.nodes[key] {
                        Node::Mapping { .. } => true,
                        Node::Sequence { tag, .. } => {
                            tag.as_deref().and_then(short) != Some("python/tuple")
                        }
                        Node::Scalar { .. } => false,
                    };
                    if unhashable {
                        return Err(PyError::new(
                            graph.nodes[key].line(),
                            "while constructing a mapping: found unhashable key",
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The mappings a merge key's value names: one mapping, or a sequence of
/// mappings.
fn merge_sources(graph: &Graph, value: NodeId, line: usize) -> Result<Vec<NodeId>, PyError> {
    match &graph.nodes[value] {
        Node::Mapping { .. } => Ok(vec![value]),
        Node::Sequence { items, .. } => items
            .iter()
            .map(|&item| match &graph.nodes[item] {
                Node::Mapping { .. } => Ok(item),
                other => Err(PyError::new(
                    other.line(),
                    "while constructing a mapping: expected a mapping for merging",
                )),
            })
            .collect(),
        other => Err(PyError::new(
            other.line().max(line),
            "while constructing a mapping: expected a mapping or list of mappings for merging",
        )),
    }
}

/// A scalar's value under its tag, as PyYAML constructs it.
fn scalar(text: &str, plain: bool, tag: Option<&str>, line: usize) -> Result<Value, PyError> {
    let Some(tag) = tag else {
        return Ok(if plain {
            resolve_plain(text)
        } else {
            Value::Str(text.to_string())
        });
    };
    let bad = |what: &str| {
        PyError::new(
            line,
            format!("invalid literal for {what}: '{text}' (tag '{tag}')"),
        )
    };
    Ok(match short(tag) {
        Some("str" | "python/str" | "python/unicode") => Value::Str(text.to_string()),
        Some("int" | "python/int" | "python/long") => {
            resolve_int(text).ok_or_else(|| bad("int()"))?
        }
        Some("float" | "python/float") => resolve_float(text)
            .or_else(|| resolve_int(text).map(|_| Value::Other("float")))
            .ok_or_else(|| bad("float()"))?,
        Some("bool" | "python/bool") => resolve_bool(&text.to_ascii_lowercase())
            .or_else(|| resolve_bool(text))
            .ok_or_else(|| bad("bool"))?,
        Some("null" | "python/none") => Value::None,
        Some("binary" | "python/bytes") => Value::Other("bytes"),
        Some("timestamp") => Value::Other("datetime"),
        Some("merge") => Value::Other("merge"),
        Some("python/complex") => Value::Other("complex"),
        Some(name) if name.starts_with("python/name:") || name.starts_with("python/module:") => {
            Value::Other("python object")
        }
        _ => return Err(no_constructor(tag, line)),
    })
}

/// Builds values within the budget.
pub(super) struct Builder<'g> {
    graph: &'g Graph,
    budget: usize,
}

impl<'g> Builder<'g> {
    pub(super) fn new(graph: &'g Graph) -> Self {
        Builder {
            graph,
            budget: MAX_VALUES,
        }
    }

    /// A mapping node's entries with its merge keys applied, as PyYAML's
    /// `flatten_mapping`: merged entries first (of a list of mappings, the
    /// first listed winning), then the mapping's own, so that its own keys
    /// win.
    pub(super) fn entries(
        &self,
        id: NodeId,
        depth: usize,
    ) -> Result<Vec<(NodeId, NodeId)>, PyError> {
        let Node::Mapping { entries, line, .. } = &self.graph.nodes[id] else {
            return Ok(Vec::new());
        };
        if depth > MAX_DEPTH {
            return Err(too_deep(*line));
        }
        if !entries.iter().any(|&(k, _)| is_merge(self.graph, k)) {
            return Ok(entries.clone());
        }
        let mut merged = Vec::new();
        let mut own = Vec::new();
        for &(key, value) in entries {
            if !is_merge(self.graph, key) {
                own.push((key, value));
                continue;
            }
            let sources = merge_sources(self.graph, value, *line)?;
            let mut flattened = Vec::with_capacity(sources.len());
            for source in sources {
                flattened.push(self.entries(source, depth + 1)?);
            }
            if matches!(self.graph.nodes[value], Node::Sequence { .. }) {
                flattened.reverse();
            }
            merged.extend(flattened.into_iter().flatten());
        }
        merged.extend(own);
        Ok(merged)
    }

    /// The value of node `id`, nested `depth` deep.
    pub(super) fn value(&mut self, id: NodeId, depth: usize) -> Result<Value, PyError> {
        let node = &self.graph.nodes[id];
        if depth > MAX_DEPTH {
            return Err(too_deep(node.line()));
        }
        self.budget = self.budget.checked_sub(1).ok_or_else(|| {
            PyError::new(
                node.line(),
                format!("the value expands through aliases to more than {MAX_VALUES} values"),
            )
        })?;
        Ok(match node {
            Node::Scalar {
                text,
                plain,
                tag,
                line,
            } => scalar(text, *plain, tag.as_deref(), *line)?,
            Node::Sequence { items, tag, .. } => {
                let values = items
                    .iter()
                    .map(|&item| self.value(item, depth + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                match tag.as_deref().and_then(short) {
                    Some("python/tuple") => Value::Tuple(values),
                    Some("omap" | "pairs") => Value::Other("ordered pairs"),
                    _ => Value::List(values),
                }
            }
            Node::Mapping { tag, .. } => {
                let is_set = tag.as_deref().and_then(short) == Some("set");
                let mut dict = Dict::default();
                for (key, value) in self.entries(id, depth)? {
                    let key = self.value(key, depth + 1)?;
                    let value = if is_set {
                        Value::None
                    } else {
                        self.value(value, depth + 1)?
                    };
                    dict.insert(key, value);
                }
                if is_set {
                    Value::Set(dict.entries.into_iter().map(|(k, _)| k).collect())
                } else {
                    Value::Dict(dict.entries)
                }
            }
        })
    }
}

fn too_deep(line: usize) -> PyError {
    PyError::new(
        line,
        format!(
            "collections nested more than {MAX_DEPTH} deep (PyYAML: maximum recursion depth exceeded)"
        ),
    )
}

/// A Python dict being built: a repeated key keeps its place and takes the
/// later value. String keys are found through an index, so a mapping of a
/// million keys is not quadratic.
#[derive(Default)]
pub(super) struct Dict {
    pub(super) entries: Vec<(Value, Value)>,
    strings: HashMap<String, usize>,
}

impl Dict {
    pub(super) fn insert(&mut self, key: Value, value: Value) {
        let at = match &key {
            Value::Str(s) => self.strings.get(s).copied(),
            other => self.entries.iter().position(|(k, _)| k == other),
        };
        match at {
            Some(i) => self.entries[i].1 = value,
            None => {
                if let Value::Str(s) = &key {
                    self.strings.insert(s.clone(), self.entries.len());
                }
                self.entries.push((key, value));
            }
        }
    }
}
