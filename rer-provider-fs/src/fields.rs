//! The top-level fields of a package definition, whichever format it came
//! from, before rez's schema is applied.

use rustc_hash::FxHashMap;

use rer_pyread::{Binding, Module, Value};

/// One top-level field: where it is set and what it holds, or why its value
/// cannot be known statically.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    /// The 1-based line that sets it, when known.
    pub line: Option<usize>,
    /// The value, or the construct that makes it unknowable (a Python
    /// function decorated with `@early`, say).
    pub value: Result<Value, String>,
}

/// Fields by name.
pub(crate) type Fields = FxHashMap<String, Field>;

/// The fields rer reads from a definition. When a module runs code the
/// reader does not evaluate, each of them is unknowable even where the
/// module does not bind it (the code could).
pub(crate) const READ_FIELDS: &[&str] = &[
    "requires",
    "variants",
    "timestamp",
    "versions",
    "version_overrides",
    "build_requires",
    "private_build_requires",
    "hashed_variants",
];

/// The fields a Python module defines. Plain functions are dropped, as rez
/// drops them from a package's data.
pub(crate) fn from_module(module: Module) -> Fields {
    let effect = module.effect().cloned();
    let mut fields: Fields = module
        .into_iter()
        .filter_map(|(name, binding)| match binding {
            Binding::Value { line, value } => Some((
                name,
                Field {
                    line: Some(line),
                    value: Ok(value),
                },
            )),
            Binding::NonStatic { line, construct } => Some((
                name,
                Field {
                    line: Some(line),
                    value: Err(construct),
                },
            )),
            Binding::Removed { .. } => None,
        })
        .collect();
    if let Some(Binding::NonStatic { line, construct }) = effect {
        for name in READ_FIELDS {
            fields.entry((*name).to_string()).or_insert_with(|| Field {
                line: Some(line),
                value: Err(construct.clone()),
            });
        }
    }
    fields
}

/// Applies a mapping of overrides (a `version_overrides` entry, or the data
/// of a `release.yaml`) on top of `fields`, as Python's `dict.update` does.
pub(crate) fn update(fields: &mut Fields, overrides: Fields) {
    fields.extend(overrides);
}

/// The fields of a dict value (string keys only), all on `line`.
pub(crate) fn from_dict(entries: &[(Value, Value)], line: Option<usize>) -> Fields {
    entries
        .iter()
        .filter_map(|(k, v)| match k {
            Value::Str(k) => Some((
                k.clone(),
                Field {
                    line,
                    value: Ok(v.clone()),
                },
            )),
            _ => None,
        })
        .collect()
}
