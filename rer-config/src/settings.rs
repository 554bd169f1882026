//! The settings rer reads: rez 3.4.0's default for each, how rez parses a
//! `REZ_<SETTING>` variable for it, and the schema rez validates it with.

use serde_json::Value;

use crate::node::Node;

/// How rez types a setting (its `Setting` class in `rez/config.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `PathList`: a list of strings; `REZ_X` is split on the path-list
    /// separator (`:`), empty items dropped.
    PathList,
    /// `StrList`: a list of strings; `REZ_X` is split on commas and
    /// whitespace.
    StrList,
    /// `Str`: a string; `REZ_X` is taken as it is.
    Str,
    /// `Bool`: `REZ_X` is one of `1 true t yes y on` / `0 false f no n off`,
    /// any case.
    Bool,
    /// `VariantSelectMode_`: `version_priority` or `intersection_priority`.
    VariantSelectMode,
    /// `OptionalDictOrDictList`: `None` (no entries), a dict (one entry) or a
    /// list of dicts; rez cannot parse a plain `REZ_X` for it (only
    /// `REZ_X_JSON`).
    DictOrDictList,
    /// `OptionalDict`: `None` (empty) or a dict.
    OptionalDict,
}

/// One setting rer reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// The setting's name, e.g. `packages_path`.
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// rez 3.4.0's default, as its own `rezconfig.py` sets it.
    pub default: fn() -> Node,
}

fn strs(items: &[&str]) -> Node {
    Node::List(items.iter().map(|s| Node::Str((*s).to_string())).collect())
}

/// Every setting rer reads, in the order `rer config` lists them.
pub(crate) const SPECS: &[Spec] = &[
    Spec {
        name: "packages_path",
        kind: Kind::PathList,
        default: || strs(&["~/packages", "~/.rez/packages/int", "~/.rez/packages/ext"]),
    },
    Spec {
        name: "local_packages_path",
        kind: Kind::Str,
        default: || Node::Str("~/packages".to_string()),
    },
    Spec {
        name: "implicit_packages",
        kind: Kind::StrList,
        default: || {
            strs(&[
                "~platform=={system.platform}",
                "~arch=={system.arch}",
                "~os=={system.os}",
            ])
        },
    },
    Spec {
        name: "package_filter",
        kind: Kind::DictOrDictList,
        default: || Node::None,
    },
    Spec {
        name: "package_orderers",
        kind: Kind::DictOrDictList,
        default: || Node::None,
    },
    Spec {
        name: "variant_select_mode",
        kind: Kind::VariantSelectMode,
        default: || Node::Str("version_priority".to_string()),
    },
    Spec {
        name: "error_on_missing_variant_requires",
        kind: Kind::Bool,
        default: || Node::Bool(true),
    },
    Spec {
        name: "allow_unversioned_packages",
        kind: Kind::Bool,
        default: || Node::Bool(true),
    },
    Spec {
        name: "resolve_caching",
        kind: Kind::Bool,
        default: || Node::Bool(true),
    },
    Spec {
        name: "platform_map",
        kind: Kind::OptionalDict,
        default: || Node::Dict(Vec::new()),
    },
];

/// The names of [`SPECS`].
pub(crate) fn names() -> Vec<&'static str> {
    SPECS.iter().map(|s| s.name).collect()
}

const TRUE_WORDS: &[&str] = &["1", "true", "t", "yes", "y", "on"];
const FALSE_WORDS: &[&str] = &["0", "false", "f", "no", "n", "off"];

impl Kind {
    /// A `REZ_<SETTING>` value parsed as rez parses it for this kind.
    ///
    /// # Errors
    /// A message in rez's words when rez refuses the value.
    pub(crate) fn parse_variable(self, variable: &str, value: &str) -> Result<Value, String> {
        match self {
            Kind::PathList => Ok(Value::Array(
                value
                    .split(':')
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            )),
            Kind::StrList => Ok(Value::Array(
                value
                    .replace(',', " ")
                    .split_whitespace()
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            )),
            Kind::Str | Kind::VariantSelectMode => Ok(Value::String(value.to_string())),
            Kind::Bool => {
                let lower = value.to_lowercase();
                if TRUE_WORDS.contains(&lower.as_str()) {
                    Ok(Value::Bool(true))
                } else if FALSE_WORDS.contains(&lower.as_str()) {
                    Ok(Value::Bool(false))
                } else {
                    Err(format!(
                        "expected ${variable} to be one of: {}",
                        [TRUE_WORDS, FALSE_WORDS].concat().join(", ")
                    ))
                }
            }
            Kind::DictOrDictList => Err(format!(
                "rez cannot read ${variable} as plain text for this setting (it raises \
                 NotImplementedError); set ${variable}_JSON to a JSON value instead"
            )),
            Kind::OptionalDict => Err(format!(
                "rer does not read ${variable}; set ${variable}_JSON to a JSON object instead"
            )),
        }
    }

    /// The value validated as rez's schema validates it (and converted as
    /// it converts: `None` and a single dict become lists for
    /// [`Kind::DictOrDictList`]).
    ///
    /// # Errors
    /// What the schema expected, when the value does not fit.
    pub(crate) fn validate(self, value: Value) -> Result<Value, String> {
        let found = || json_type(&value);
        match self {
            Kind::PathList | Kind::StrList => match &value {
                Value::Array(items) => match items.iter().position(|v| !v.is_string()) {
                    None => Ok(value),
                    Some(i) => Err(format!(
                        "item {i} should be a str, not {}",
                        json_type(&items[i])
                    )),
                },
                _ => Err(format!("should be a list of str, not {}", found())),
            },
            Kind::Str => match value {
                Value::String(_) => Ok(value),
                _ => Err(format!("should be a str, not {}", found())),
            },
            Kind::Bool => match value {
                Value::Bool(_) => Ok(value),
                _ => Err(format!("should be a bool, not {}", found())),
            },
            Kind::VariantSelectMode => match value.as_str() {
                Some("version_priority" | "intersection_priority") => Ok(value),
                _ => Err(format!(
                    "should be 'version_priority' or 'intersection_priority', not {value}"
                )),
            },
            Kind::DictOrDictList => match value {
                Value::Null => Ok(Value::Array(Vec::new())),
                Value::Object(_) => Ok(Value::Array(vec![value])),
                Value::Array(ref items) if items.iter().all(Value::is_object) => Ok(value),
                Value::Array(ref items) => {
                    let i = items.iter().position(|v| !v.is_object()).unwrap_or(0);
                    Err(format!(
                        "should be a dict or a list of dicts; item {i} is {}",
                        json_type(&items[i])
                    ))
                }
                _ => Err(format!(
                    "should be None, a dict or a list of dicts, not {}",
                    found()
                )),
            },
            Kind::OptionalDict => match value {
                Value::Null => Ok(Value::Object(Default::default())),
                Value::Object(_) => Ok(value),
                _ => Err(format!("should be a dict, not {}", found())),
            },
        }
    }
}

/// The Python type name of a JSON value, for messages.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "None",
        Value::Bool(_) => "a bool",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an int",
        Value::String(_) => "a str",
        Value::Array(_) => "a list",
        Value::Object(_) => "a dict",
    }
}

/// Configuration data as JSON, for validation: tuples become lists inside
/// containers (rez's expansion turns them into lists), but a tuple where a
/// list setting wants a list is refused by the schema first.
///
/// # Errors
/// The Python type that has no JSON form (a set, bytes, a `ModifyList` left
/// inside a list...).
pub(crate) fn to_json(node: &Node, top: bool) -> Result<Value, String> {
    Ok(match node {
        Node::None => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Int(i) => match i64::try_from(*i) {
            Ok(i) => Value::from(i),
            Err(_) => return Err(format!("the integer {i} is too large for rer")),
        },
        Node::Float(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .ok_or_else(|| format!("the float {f} has no JSON form"))?,
        Node::Str(s) => Value::String(s.clone()),
        Node::List(items) => Value::Array(
            items
                .iter()
                .map(|n| to_json(n, false))
                .collect::<Result<_, _>>()?,
        ),
        Node::Tuple(_) if top => return Err("should be a list, not a tuple".to_string()),
        Node::Tuple(items) => Value::Array(
            items
                .iter()
                .map(|n| to_json(n, false))
                .collect::<Result<_, _>>()?,
        ),
        Node::Dict(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| to_json(v, false).map(|v| (k.clone(), v)))
                .collect::<Result<_, _>>()?,
        ),
        other => {
            return Err(format!(
                "holds a {}, which rer cannot use",
                other.type_name()
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_parse_as_rez_parses_them() {
        assert_eq!(
            Kind::PathList
                .parse_variable("V", "/a::/b:")
                .expect("parses"),
            serde_json::json!(["/a", "/b"])
        );
        assert_eq!(
            Kind::StrList
                .parse_variable("V", "~a==1, b  c,,d")
                .expect("parses"),
            serde_json::json!(["~a==1", "b", "c", "d"])
        );
        assert_eq!(
            Kind::Bool.parse_variable("V", "Off").expect("parses"),
            Value::Bool(false)
        );
        assert!(Kind::Bool.parse_variable("V", "maybe").is_err());
        assert!(Kind::DictOrDictList.parse_variable("V", "x").is_err());
    }

    #[test]
    fn the_schema_checks_and_converts() {
        use serde_json::json;
        assert_eq!(Kind::DictOrDictList.validate(json!(null)), Ok(json!([])));
        assert_eq!(
            Kind::DictOrDictList.validate(json!({"a": 1})),
            Ok(json!([{"a": 1}]))
        );
        assert!(Kind::DictOrDictList.validate(json!(["x"])).is_err());
        assert!(Kind::PathList.validate(json!(["a", 1])).is_err());
        assert!(Kind::Str.validate(json!(null)).is_err());
        assert!(Kind::Bool.validate(json!(1)).is_err());
        assert!(Kind::VariantSelectMode.validate(json!("fast")).is_err());
    }
}
