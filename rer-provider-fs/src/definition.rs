//! What the solver needs from a package definition: `requires`, `variants`,
//! `timestamp` and the build requirements, checked as rez's package schema
//! checks them.

use std::path::Path;

use rer_repo::ProviderError;

use crate::fields::{self, Field, Fields};
use crate::yaml;
use rer_pyread::{self as python, PyError, Value};

/// The fields of one package definition that a solve reads, as rez reads
/// them: plain strings, not yet parsed as requirements.
///
/// - `requires`: a list of strings; a tuple, a set, `None`, a string or a
///   non-string item is an error, as rez's schema (`[str]`) makes it.
/// - `variants`: a list of lists of strings, likewise.
/// - `timestamp`: an `int` (or `bool`, which Python counts as one), one
///   beyond `i64` saturated to `i64::MIN` / `i64::MAX` (a solve only
///   compares it with a time and with 0). Any other value is kept as
///   `None`: rez checks the field only when something reads it, and a
///   solve does not. A timestamp the file sets by code
///   (or an integer beyond 128 bits) is refused, as `requires` is.
/// - `build_requires`, `private_build_requires`: lists of strings like
///   `requires`, but a wrong value is kept as its error rather than
///   refused: rez reads them only for a build solve.
///
/// `name` and `version` are not read: a filesystem repository's directory
/// names decide both, as in rez.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageDefinition {
    /// `requires`, in order; empty when not set.
    pub requires: Vec<String>,
    /// `variants`, in order; empty when not set.
    pub variants: Vec<Vec<String>>,
    /// `timestamp`, when set to an integer.
    pub timestamp: Option<i64>,
    /// `build_requires` (empty when not set), with the line that sets it;
    /// or why it cannot be read.
    pub build_requires: Result<(Vec<String>, Option<usize>), ProviderError>,
    /// `private_build_requires`, as `build_requires`.
    pub private_build_requires: Result<(Vec<String>, Option<usize>), ProviderError>,
    /// The line that sets `requires`, if any (for messages).
    pub requires_line: Option<usize>,
    /// The line that sets `variants`, if any (for messages).
    pub variants_line: Option<usize>,
    /// `hashed_variants`: the variants' payloads lie in directories named
    /// by a hash of their requirements, not by the requirements. Set only
    /// by `True` (rez's schema wants a `bool`).
    pub hashed_variants: bool,
}

/// Reads a `package.py` from its text.
///
/// This is the entry point the fuzz targets call: it never panics, whatever
/// the text.
///
/// # Errors
/// [`ProviderError::Parse`] naming `path`, the line and the fault when the
/// text is not valid Python, or `requires`/`variants` are not lists of
/// strings; [`ProviderError::NeedsEvaluation`] when `requires` or
/// `variants` cannot be read statically (an `@early` function, an
/// assignment from a call, an `if` block...).
pub fn parse_package_py(text: &str, path: &Path) -> Result<PackageDefinition, ProviderError> {
    parse_package_py_bytes(text.as_bytes(), path)
}

/// Reads a `package.py` from its bytes, as CPython compiles them: a byte
/// order mark and a PEP 263 encoding line are honoured, and bytes that are
/// not UTF-8 are accepted in comments only.
///
/// # Errors
/// As [`parse_package_py`].
pub fn parse_package_py_bytes(
    bytes: &[u8],
    path: &Path,
) -> Result<PackageDefinition, ProviderError> {
    definition(&read_py_fields(bytes, path)?, path)
}

/// Reads a `package.yaml` from its text.
///
/// # Errors
/// [`ProviderError::Parse`] naming `path` and the line when the text is not
/// YAML or its top level is not a mapping, or when `requires`/`variants` are
/// not lists of strings.
pub fn parse_package_yaml(text: &str, path: &Path) -> Result<PackageDefinition, ProviderError> {
    definition(&read_yaml_fields(text, path)?, path)
}

pub(crate) fn parse_error(path: &Path, error: PyError) -> ProviderError {
    ProviderError::Parse {
        path: path.to_path_buf(),
        line: (error.line > 0).then_some(error.line),
        message: error.message,
    }
}

/// The fields of a Python definition file.
pub(crate) fn read_py_fields(bytes: &[u8], path: &Path) -> Result<Fields, ProviderError> {
    python::read_module(bytes)
        .map(fields::from_module)
        .map_err(|e| parse_error(path, e))
}

/// The fields of a YAML definition file.
pub(crate) fn read_yaml_fields(text: &str, path: &Path) -> Result<Fields, ProviderError> {
    yaml::read_fields(text).map_err(|e| parse_error(path, e))
}

/// Applies rez's schema to the fields a solve reads.
pub(crate) fn definition(fields: &Fields, path: &Path) -> Result<PackageDefinition, ProviderError> {
    let requires = match fields.get("requires") {
        None => Vec::new(),
        Some(field) => string_list(
            known(field, "requires", path)?,
            "requires",
            field.line,
            path,
        )?,
    };
    let variants = match fields.get("variants") {
        None => Vec::new(),
        Some(field) => {
            let Value::List(items) = known(field, "variants", path)? else {
                return Err(schema(
                    path,
                    field.line,
                    "variants",
                    known(field, "variants", path)?,
                    "a list",
                ));
            };
            items
                .iter()
                .enumerate()
                .map(|(i, item)| string_list(item, &format!("variants[{i}]"), field.line, path))
                .collect::<Result<_, _>>()?
        }
    };
    let timestamp = match fields.get("timestamp") {
        None => None,
        Some(field) => match known(field, "timestamp", path)? {
            // Beyond i64 only the sign matters to a solve: it is compared
            // with a time, and tested against 0.
            Value::Int(i) => {
                Some(i64::try_from(*i).unwrap_or(if *i < 0 { i64::MIN } else { i64::MAX }))
            }
            Value::Bool(b) => Some(i64::from(*b)),
            Value::Other("int") => {
                return Err(ProviderError::NeedsEvaluation {
                    path: path.to_path_buf(),
                    line: field.line,
                    field: "timestamp",
                    construct: "an integer beyond 128 bits, whose sign rer does not keep"
                        .to_string(),
                    remedy: crate::evaluate::NO_EVALUATOR.to_string(),
                });
            }
            _ => None,
        },
    };
    let optional_list = |name: &'static str| match fields.get(name) {
        None => Ok((Vec::new(), None)),
        Some(field) => string_list(known(field, name, path)?, name, field.line, path)
            .map(|list| (list, field.line)),
    };
    // where the variants lie only matters for a package with variants;
    // the field is unknowable only where it is set by code
    let hashed_variants = match fields.get("hashed_variants") {
        Some(field) if !variants.is_empty() => {
            matches!(known(field, "hashed_variants", path)?, Value::Bool(true))
        }
        _ => false,
    };
    Ok(PackageDefinition {
        hashed_variants,
        requires,
        variants,
        timestamp,
        build_requires: optional_list("build_requires"),
        private_build_requires: optional_list("private_build_requires"),
        requires_line: fields.get("requires").and_then(|f| f.line),
        variants_line: fields.get("variants").and_then(|f| f.line),
    })
}

impl Default for PackageDefinition {
    /// A definition that sets nothing.
    fn default() -> Self {
        PackageDefinition {
            requires: Vec::new(),
            variants: Vec::new(),
            timestamp: None,
            build_requires: Ok((Vec::new(), None)),
            private_build_requires: Ok((Vec::new(), None)),
            requires_line: None,
            variants_line: None,
            hashed_variants: false,
        }
    }
}

/// The value of `field`, or the error saying why it cannot be read.
pub(crate) fn known<'a>(
    field: &'a Field,
    name: &'static str,
    path: &Path,
) -> Result<&'a Value, ProviderError> {
    field
        .value
        .as_ref()
        .map_err(|construct| ProviderError::NeedsEvaluation {
            path: path.to_path_buf(),
            line: field.line,
            field: name,
            construct: construct.clone(),
            remedy: crate::evaluate::NO_EVALUATOR.to_string(),
        })
}

fn schema(
    path: &Path,
    line: Option<usize>,
    name: &str,
    value: &Value,
    expected: &str,
) -> ProviderError {
    ProviderError::Parse {
        path: path.to_path_buf(),
        line,
        message: format!(
            "'{name}' must be {expected}, not {} {} (rez's package schema rejects it)",
            article(value.type_name()),
            value.type_name()
        ),
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A list of strings (not a tuple: rez's schema wants a `list`).
pub(crate) fn string_list(
    value: &Value,
    name: &str,
    line: Option<usize>,
    path: &Path,
) -> Result<Vec<String>, ProviderError> {
    let Value::List(items) = value else {
        return Err(schema(path, line, name, value, "a list of strings"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Str(s) => Ok(s.clone()),
            other => Err(schema(
                path,
                line,
                &format!("{name}[{i}]"),
                other,
                "a string",
            )),
        })
        .collect()
}
