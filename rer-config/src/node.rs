//! Configuration data as a rezconfig file holds it, before validation, and
//! rez's `deep_update`, which merges one file's data over the data so far.

use std::path::{Path, PathBuf};

/// One value of a configuration file, in Python's terms (a YAML file's
/// values are the Python objects PyYAML builds).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `None` / YAML `null`.
    None,
    /// A `bool`.
    Bool(bool),
    /// An `int`.
    Int(i128),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(String),
    /// A `list`.
    List(Vec<Node>),
    /// A `tuple`: rez's list settings reject it, nested data takes it as a
    /// list.
    Tuple(Vec<Node>),
    /// A `dict` with string keys, in insertion order.
    Dict(Vec<(String, Node)>),
    /// `ModifyList(append=..., prepend=...)`: adds to the list set so far.
    ModifyList {
        /// Items put before the current list.
        prepend: Option<Vec<Node>>,
        /// Items put after it.
        append: Option<Vec<Node>>,
    },
    /// Any other Python value (a set, bytes, a dict with non-string keys,
    /// a function...): the text names its type.
    Other(String),
}

impl Node {
    /// The Python type name, for messages.
    pub(crate) fn type_name(&self) -> &str {
        match self {
            Node::None => "NoneType",
            Node::Bool(_) => "bool",
            Node::Int(_) => "int",
            Node::Float(_) => "float",
            Node::Str(_) => "str",
            Node::List(_) => "list",
            Node::Tuple(_) => "tuple",
            Node::Dict(_) => "dict",
            Node::ModifyList { .. } => "ModifyList",
            Node::Other(name) => name,
        }
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// rez 3.4.0's built-in default (its own `rezconfig.py`).
    Default,
    /// A configuration file, and the line that sets the setting.
    File {
        /// The file.
        path: PathBuf,
        /// The 1-based line, when known.
        line: Option<usize>,
    },
    /// An environment variable (`REZ_<SETTING>` or `REZ_<SETTING>_JSON`).
    Variable(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File {
                path,
                line: Some(line),
            } => write!(f, "{}:{line}", path.display()),
            Origin::File { path, line: None } => write!(f, "{}", path.display()),
            Origin::Variable(name) => write!(f, "${name}"),
        }
    }
}

/// A setting's value so far and the places that made it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layered {
    /// The merged value.
    pub value: Node,
    /// The default or file that set it, then each file that modified it
    /// (a `ModifyList`, or a dict merged into a dict).
    pub origins: Vec<Origin>,
}

/// A `ModifyList` applied to a value that is not a list, as rez refuses it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NotAList {
    /// The type of the value it was applied to.
    pub found: String,
}

/// rez's `deep_update` for one key: `update` (from the file at `origin`)
/// merged over `current`.
///
/// - a dict over a dict merges key by key, recursively;
/// - a `ModifyList` puts its items around the current list (none counts as
///   an empty list);
/// - anything else replaces the current value.
///
/// `ModifyList`s left anywhere in the result are flattened (applied to an
/// empty list), as rez's `deep_update` does.
pub(crate) fn merge(
    current: Option<Layered>,
    update: Node,
    origin: Origin,
) -> Result<Layered, NotAList> {
    match (current, update) {
        (Some(mut cur), Node::Dict(entries)) if matches!(cur.value, Node::Dict(_)) => {
            let Node::Dict(ref mut base) = cur.value else {
                unreachable!("matched a dict")
            };
            merge_dicts(base, entries)?;
            cur.origins.push(origin);
            Ok(cur)
        }
        (Some(mut cur), Node::ModifyList { prepend, append }) => {
            let base = flatten(std::mem::replace(&mut cur.value, Node::None))?;
            cur.value = apply(prepend, append, base)?;
            cur.origins.push(origin);
            Ok(cur)
        }
        (None, Node::ModifyList { prepend, append }) => Ok(Layered {
            value: apply(prepend, append, Node::None)?,
            origins: vec![origin],
        }),
        (_, other) => Ok(Layered {
            value: flatten(other)?,
            origins: vec![origin],
        }),
    }
}

fn merge_dicts(
    base: &mut Vec<(String, Node)>,
    update: Vec<(String, Node)>,
) -> Result<(), NotAList> {
    for (key, value) in update {
        match base.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => {
                let current = std::mem::replace(slot, Node::None);
                *slot = merge_values(current, value)?;
            }
            None => base.push((key, flatten(value)?)),
        }
    }
    Ok(())
}

fn merge_values(current: Node, update: Node) -> Result<Node, NotAList> {
    match (current, update) {
        (Node::Dict(mut base), Node::Dict(entries)) => {
            merge_dicts(&mut base, entries)?;
            Ok(Node::Dict(base))
        }
        (current, Node::ModifyList { prepend, append }) => {
            apply(prepend, append, flatten(current)?)
        }
        (_, other) => flatten(other),
    }
}

/// rez's `ModifyList.apply`.
fn apply(
    prepend: Option<Vec<Node>>,
    append: Option<Vec<Node>>,
    base: Node,
) -> Result<Node, NotAList> {
    let middle = match base {
        Node::None => Vec::new(),
        Node::List(items) => items,
        other => {
            return Err(NotAList {
                found: other.type_name().to_string(),
            });
        }
    };
    let mut items = prepend.unwrap_or_default();
    items.extend(middle);
    items.extend(append.unwrap_or_default());
    Ok(Node::List(items))
}

/// Every `ModifyList` in `node` applied to an empty list; rez does this
/// for dict values, not for list items.
fn flatten(node: Node) -> Result<Node, NotAList> {
    match node {
        Node::ModifyList { prepend, append } => apply(prepend, append, Node::None),
        Node::Dict(entries) => Ok(Node::Dict(
            entries
                .into_iter()
                .map(|(k, v)| flatten(v).map(|v| (k, v)))
                .collect::<Result<_, _>>()?,
        )),
        other => Ok(other),
    }
}

/// The file a setting came from, for messages: the last file origin.
pub(crate) fn last_file(origins: &[Origin]) -> Option<(&Path, Option<usize>)> {
    origins.iter().rev().find_map(|o| match o {
        Origin::File { path, line } => Some((path.as_path(), *line)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Node {
        Node::Str(x.to_string())
    }

    fn file(line: usize) -> Origin {
        Origin::File {
            path: "/c".into(),
            line: Some(line),
        }
    }

    #[test]
    fn modify_list_wraps_the_current_list() {
        let base = Layered {
            value: Node::List(vec![s("b")]),
            origins: vec![Origin::Default],
        };
        let update = Node::ModifyList {
            prepend: Some(vec![s("a")]),
            append: Some(vec![s("c")]),
        };
        let merged = merge(Some(base), update, file(3)).expect("merges");
        assert_eq!(merged.value, Node::List(vec![s("a"), s("b"), s("c")]));
        assert_eq!(merged.origins, vec![Origin::Default, file(3)]);
    }

    #[test]
    fn modify_list_over_nothing_or_none_is_its_items() {
        let update = || Node::ModifyList {
            prepend: None,
            append: Some(vec![s("x")]),
        };
        assert_eq!(
            merge(None, update(), file(1)).expect("merges").value,
            Node::List(vec![s("x")])
        );
        let none = Layered {
            value: Node::None,
            origins: vec![Origin::Default],
        };
        assert_eq!(
            merge(Some(none), update(), file(1)).expect("merges").value,
            Node::List(vec![s("x")])
        );
    }

    #[test]
    fn modify_list_over_a_string_is_refused() {
        let base = Layered {
            value: s("x"),
            origins: vec![Origin::Default],
        };
        let update = Node::ModifyList {
            prepend: None,
            append: Some(vec![]),
        };
        assert_eq!(
            merge(Some(base), update, file(1)),
            Err(NotAList {
                found: "str".into()
            })
        );
    }

    #[test]
    fn dicts_merge_recursively_and_other_values_replace() {
        let base = Layered {
            value: Node::Dict(vec![
                ("a".into(), Node::Dict(vec![("x".into(), Node::Int(1))])),
                ("b".into(), Node::Int(2)),
            ]),
            origins: vec![Origin::Default],
        };
        let update = Node::Dict(vec![
            ("a".into(), Node::Dict(vec![("y".into(), Node::Int(3))])),
            (
                "c".into(),
                Node::ModifyList {
                    prepend: None,
                    append: Some(vec![Node::Int(4)]),
                },
            ),
        ]);
        let merged = merge(Some(base), update, file(2)).expect("merges");
        assert_eq!(
            merged.value,
            Node::Dict(vec![
                (
                    "a".into(),
                    Node::Dict(vec![("x".into(), Node::Int(1)), ("y".into(), Node::Int(3))])
                ),
                ("b".into(), Node::Int(2)),
                ("c".into(), Node::List(vec![Node::Int(4)])),
            ])
        );
        let replaced = merge(Some(merged), Node::Int(5), file(9)).expect("merges");
        assert_eq!(replaced.value, Node::Int(5));
        assert_eq!(replaced.origins, vec![file(9)]);
    }
}
