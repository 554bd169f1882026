//! Reading `package.yaml` (and `release.yaml`, and combined `<family>.yaml`
//! files) the way rez does: PyYAML's `FullLoader`, which resolves plain
//! scalars by YAML 1.1's rules.
//!
//! The YAML syntax is parsed by `yaml-rust2` (a maintained, pure-Rust YAML
//! parser); its event stream is turned into [`Value`]s here, with YAML 1.1
//! typing of plain scalars (`yes`/`no`/`on`/`off` are booleans, `1.10` is a
//! float, `010` is octal, `1:30` is sexagesimal, `1e5` is a string), so that
//! a requirement written as a bare `2.7` is a float and is rejected exactly
//! where rez rejects it.

use std::collections::HashMap;

use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::fields::{Field, Fields};
use rer_pyread::{PyError, Value};

/// Reads a YAML document whose top level is a mapping into its fields, each
/// with the line of its key.
///
/// An empty document is an empty mapping, as in rez (`yaml.load(...) or {}`).
///
/// # Errors
/// A [`PyError`] (line and message) when the text is not YAML, holds more
/// than one document, or its top level is not a mapping.
pub(crate) fn read_fields(text: &str) -> Result<Fields, PyError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, true).map_err(|e| {
        PyError::new(
            e.marker().line().max(1),
            format!("not valid YAML: {}", e.info()),
        )
    })?;
    if let Some(&(line, _)) = builder.documents.get(1) {
        return Err(PyError::new(
            line,
            "expected a single document in the stream, but found another document",
        ));
    }
    match builder.documents.pop() {
        None | Some((_, Value::None)) => Ok(Fields::default()),
        Some((_, Value::Dict(_))) => Ok(builder
            .root_entries
            .into_iter()
            .filter_map(|(key, line, value)| match key {
                Value::Str(key) => Some((
                    key,
                    Field {
                        line: Some(line),
                        value: Ok(value),
                    },
                )),
                _ => None,
            })
            .collect()),
        Some((line, other)) => Err(PyError::new(
            line,
            format!("the top level must be a mapping, not {}", other.type_name()),
        )),
    }
}

/// A container being built.
enum Open {
    Sequence {
        anchor: usize,
        items: Vec<Value>,
    },
    Mapping {
        anchor: usize,
        /// Key, line of the key, value.
        entries: Vec<(Value, usize, Value)>,
        key: Option<(usize, Value)>,
    },
}

/// Builds [`Value`]s from parser events.
#[derive(Default)]
struct Builder {
    /// Open containers with the line each started on.
    stack: Vec<(usize, Open)>,
    anchors: HashMap<usize, Value>,
    /// Each document's root with its line.
    documents: Vec<(usize, Value)>,
    /// The entries of the first document's root mapping, with key lines.
    root_entries: Vec<(Value, usize, Value)>,
}

impl Builder {
    fn add(&mut self, line: usize, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.documents.push((line, value)),
            Some((_, Open::Sequence { items, .. })) => items.push(value),
            Some((_, Open::Mapping { entries, key, .. })) => match key.take() {
                None => *key = Some((line, value)),
                Some((key_line, k)) => entries.push((k, key_line, value)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line().max(1);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = match tag {
                    Some(tag) => tagged(&tag.handle, &tag.suffix, &text),
                    None if style == TScalarStyle::Plain => resolve_plain(&text),
                    None => Value::Str(text),
                };
                self.add(line, value, anchor);
            }
            Event::SequenceStart(anchor, _) => self.stack.push((
                line,
                Open::Sequence {
                    anchor,
                    items: Vec::new(),
                },
            )),
            Event::MappingStart(anchor, _) => self.stack.push((
                line,
                Open::Mapping {
                    anchor,
                    entries: Vec::new(),
                    key: None,
                },
            )),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((start, open)) = self.stack.pop() else {
                    return;
                };
                let (anchor, value) = match open {
                    Open::Sequence { anchor, items } => (anchor, Value::List(items)),
                    Open::Mapping {
                        anchor, entries, ..
                    } => {
                        let dict = Value::Dict(
                            entries
                                .iter()
                                .map(|(k, _, v)| (k.clone(), v.clone()))
                                .collect(),
                        );
                        if self.stack.is_empty() && self.documents.is_empty() {
                            self.root_entries = entries;
                        }
                        (anchor, dict)
                    }
                };
                self.add(start, value, anchor);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::None);
                self.add(line, value, 0);
            }
            _ => {}
        }
    }
}

/// A scalar with an explicit tag (`!!str 1.0`).
fn tagged(handle: &str, suffix: &str, text: &str) -> Value {
    if handle != "!!" && handle != "tag:yaml.org,2002:" {
        return Value::Other("tagged scalar");
    }
    match suffix {
        "str" => Value::Str(text.to_string()),
        "int" => resolve_int(text).unwrap_or(Value::Other("int")),
        "float" => resolve_float(text).unwrap_or(Value::Other("float")),
        "bool" => resolve_bool(text).unwrap_or(Value::Other("bool")),
        "null" => Value::None,
        _ => Value::Other("tagged scalar"),
    }
}

/// YAML 1.1 resolution of a plain scalar, in PyYAML's order.
fn resolve_plain(text: &str) -> Value {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Value::None;
    }
    if let Some(b) = resolve_bool(text) {
        return b;
    }
    if let Some(i) = resolve_int(text) {
        return i;
    }
    if let Some(f) = resolve_float(text) {
        return f;
    }
    if is_timestamp(text) {
        return Value::Other("datetime");
    }
    Value::Str(text.to_string())
}

fn resolve_bool(text: &str) -> Option<Value> {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(Value::Bool(true))
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(Value::Bool(false))
        }
        _ => None,
    }
}

/// PyYAML's int: `0b1_0`, `0_17` (octal), `0x_1F`, `1_000`, `1:30:00`.
fn resolve_int(text: &str) -> Option<Value> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let value: i128 = if let Some(bits) = body.strip_prefix("0b") {
        if bits.is_empty() || !bits.chars().all(|c| matches!(c, '0' | '1' | '_')) {
            return None;
        }
        i128::from_str_radix(&clean[2..], 2).ok()?
    } else if let Some(hex) = body.strip_prefix("0x") {
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_') {
            return None;
        }
        i128::from_str_radix(&clean[2..], 16).ok()?
    } else if body.starts_with('0') && body.len() > 1 {
        if !body.chars().all(|c| matches!(c, '0'..='7' | '_')) {
            return None;
        }
        i128::from_str_radix(&clean, 8).ok()?
    } else if body.contains(':') {
        let mut parts = body.split(':');
        let head = parts.next()?;
        if !is_decimal(head) || head.starts_with('0') {
            return None;
        }
        let mut value: i128 = head.replace('_', "").parse().ok()?;
        for part in parts {
            if part.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let digits: i128 = part.parse().ok()?;
            if part.len() == 2 && part.as_bytes()[0] > b'5' {
                return None;
            }
            value = value.checked_mul(60)?.checked_add(digits)?;
        }
        value
    } else if body == "0" || (is_decimal(body) && !body.starts_with('0')) {
        clean.parse().ok()?
    } else {
        return None;
    };
    Some(Value::Int(if negative { -value } else { value }))
}

/// `[0-9][0-9_]*`.
fn is_decimal(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && text.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// PyYAML's float: it needs a `.` (`1e5` is a string), or is `.inf`/`.nan`.
fn resolve_float(text: &str) -> Option<Value> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(Value::Float(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(Value::Float(f64::NAN));
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['-', '+'])?;
        if digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit())
            || exp.len() == digits.len()
        {
            return None;
        }
    }
    let (whole, fraction) = mantissa.split_once('.')?;
    let valid = if whole.is_empty() {
        fraction.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && fraction.chars().all(|c| c.is_ascii_digit() || c == '_')
    } else if whole.contains(':') {
        exponent.is_none()
    } else {
        is_decimal(whole) && fraction.chars().all(|c| c.is_ascii_digit() || c == '_')
    };
    if !valid {
        return None;
    }
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    Some(
        clean
            .parse::<f64>()
            .map_or(Value::Other("float"), Value::Float),
    )
}

/// `2001-12-14` or `2001-12-14t21:59:43.10-05:00` and the like.
fn is_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 8
        && digits(0..4)
        && b[4] == b'-'
        && b.get(5).is_some_and(u8::is_ascii_digit)
        && text[5..].contains('-')
}
