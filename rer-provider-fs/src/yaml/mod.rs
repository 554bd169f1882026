//! Reading `package.yaml` (and `release.yaml`, and combined `<family>.yaml`
//! files) the way rez does: PyYAML's `FullLoader`.
//!
//! The YAML syntax is parsed by libyaml (PyYAML's own C parser, see
//! [`events`]). Its events are composed into a node graph
//! here ([`compose`]), where nesting is bounded, and where an
//! alias is a reference and not a copy, then constructed as PyYAML
//! constructs ([`construct`]): YAML 1.1 typing of plain scalars
//! ([`resolve`]), tags (an unknown one is an error, `!!python/tuple` a
//! tuple), merge keys, unhashable keys. What PyYAML's reader refuses before
//! parsing (special characters) is checked on the text first.
//! Only the fields rer reads are built into values, within a budget, so an
//! alias bomb under any other key costs nothing and one under `requires` is
//! an error, not gigabytes.

mod compose;
mod construct;
mod events;
mod marks;
mod pyyaml;
mod resolve;

use crate::fields::{Field, Fields, READ_FIELDS};
use compose::{Graph, Node};
use construct::{Builder, check};
use events::{EventData, Parser};
use rer_pyread::{PyError, Value};

/// Reads a YAML document whose top level is a mapping into its fields, each
/// with the line of its key. Fields rer does not read are kept as
/// `Value::Other("unread")`.
///
/// An empty document is an empty mapping, as in rez (`yaml.load(...) or {}`).
///
/// # Errors
/// A [`PyError`] (line and message) when PyYAML's `FullLoader` would fail
/// on the text, it holds more than one document, or its top level is not a
/// mapping.
pub(crate) fn read_fields(text: &str) -> Result<Fields, PyError> {
    read(text, &|name| READ_FIELDS.contains(&name))
}

/// As [`read_fields`], with a value for every field (for files whose every
/// setting is read, such as rezconfig files).
pub(crate) fn read_all_fields(text: &str) -> Result<Fields, PyError> {
    read(text, &|_| true)
}

fn read(text: &str, wanted: &dyn Fn(&str) -> bool) -> Result<Fields, PyError> {
    printable(text)?;
    let mut aligned = if pyyaml::worth_scanning(text) {
        pyyaml::align(text).map_err(|r| refused(text, r))?
    } else {
        None
    };
    let graph = match compose_text(aligned.as_deref().unwrap_or(text)) {
        Err(fault) if fault.colon && aligned.is_none() => {
            // A flow-context `:` libyaml refuses and PyYAML may read.
            aligned = pyyaml::align(text).map_err(|r| refused(text, r))?;
            let now = aligned.as_deref().unwrap_or(text);
            compose_text(now).map_err(|f| marks::remark(now, f))?
        }
        Err(fault) => return Err(marks::remark(aligned.as_deref().unwrap_or(text), fault)),
        Ok(graph) => graph,
    };
    fields(&graph, wanted)
}

/// The error of a refusal of [`pyyaml::align`], on PyYAML's line.
fn refused(text: &str, refused: pyyaml::Refused) -> PyError {
    let now = refused.text.as_deref().unwrap_or(text);
    marks::before_tab(now, refused.at, refused.error)
}

/// A fault composing a text, and whether it is libyaml's "found unexpected
/// ':'" (which [`pyyaml::align`] may rewrite).
struct Fault {
    error: PyError,
    colon: bool,
    /// For a libyaml syntax error, its byte offset and its context's.
    at: Option<(usize, Option<usize>)>,
}

/// The node graph of `text`'s events.
fn compose_text(text: &str) -> Result<Graph, Fault> {
    let mut graph = Graph::default();
    let mut parser = Parser::new(text);
    // Events are pulled one at a time, and reading stops at the first fault.
    loop {
        match parser.next_event() {
            Ok(event) if matches!(event.data, EventData::StreamEnd) => return Ok(graph),
            Ok(event) => {
                graph.on_event(event);
                if let Some(error) = graph.error.take() {
                    return Err(Fault {
                        error,
                        colon: false,
                        at: None,
                    });
                }
            }
            Err(e) => {
                return Err(Fault {
                    colon: e.message.ends_with("found unexpected ':'"),
                    error: PyError::new(e.line, format!("not valid YAML: {}", e.message)),
                    at: Some((e.at, e.context_at)),
                });
            }
        }
    }
}

/// PyYAML's error for a stream of more than one document, on the line
/// where the second starts.
fn second_document(graph: &Graph) -> Option<PyError> {
    let &second = graph.documents.get(1)?;
    let line = graph.document_starts.get(1).copied();
    Some(PyError::new(
        line.unwrap_or_else(|| graph.nodes[second].line()),
        "expected a single document in the stream, but found another document",
    ))
}

fn fields(graph: &Graph, wanted: &dyn Fn(&str) -> bool) -> Result<Fields, PyError> {
    if let Some(error) = second_document(graph) {
        return Err(error);
    }
    check(graph)?;
    let Some(&root) = graph.documents.first() else {
        return Ok(Fields::default());
    };
    let mut builder = Builder::new(graph);
    match &graph.nodes[root] {
        Node::Mapping { .. } => {}
        node => {
            return match builder.value(root, 0)? {
                Value::None => Ok(Fields::default()),
                other => Err(PyError::new(
                    node.line(),
                    format!("the top level must be a mapping, not {}", other.type_name()),
                )),
            };
        }
    }
    let mut fields = Fields::default();
    for (key, value) in builder.entries(root, 0)? {
        let Value::Str(name) = builder.value(key, 1)? else {
            continue;
        };
        let value = if wanted(&name) {
            builder.value(value, 1)?
        } else {
            Value::Other("unread")
        };
        fields.insert(
            name,
            Field {
                line: Some(graph.nodes[key].line()),
                value: Ok(value),
            },
        );
    }
    Ok(fields)
}

/// PyYAML's reader accepts only printable characters: tab, line breaks,
/// and what Unicode does not class as control or surrogate.
fn printable(text: &str) -> Result<(), PyError> {
    let bad = text.char_indices().find(|&(_, c)| {
        !matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    });
    match bad {
        None => Ok(()),
        Some((at, c)) => Err(PyError::new(
            1 + text[..at].matches('\n').count(),
            format!(
                "unacceptable character #x{:04x}: special characters are not allowed",
                u32::from(c)
            ),
        )),
    }
}
