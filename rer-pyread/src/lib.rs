//! A static reader of Python modules' top-level literal assignments: rez's
//! `package.py` definitions and Python `rezconfig` files.
//!
//! rez runs these files with `exec`; this crate reads them without running
//! anything. [`read_module`] tokenizes the whole file as CPython 3.11 does
//! (so a file CPython rejects at the token level is rejected here, with the
//! line), then walks the top-level statements and records, for every name,
//! what the module binds it to when it has run ([`Binding`]): a literal
//! [`Value`], "removed" (a plain function, which rez drops from a package's
//! data), or "not static" with the construct that makes it so. A caller
//! reads the names it needs and refuses the file when one of them is not
//! static; names it does not need may be anything.
//!
//! ```
//! use rer_pyread::{Binding, Value, read_module};
//!
//! let module = read_module(b"name = 'foo'\nrequires = ['bar-1+']\n@early()\ndef variants():\n    return []\n")?;
//! assert!(matches!(
//!     module.get("requires"),
//!     Some(Binding::Value { line: 2, value: Value::List(_) })
//! ));
//! assert!(matches!(module.get("variants"), Some(Binding::NonStatic { line: 4, .. })));
//! # Ok::<(), rer_pyread::PyError>(())
//! ```
//!
//! # Why a reader of its own
//! The one Python parser published as a Rust crate, `rustpython-parser`, has
//! had no release since 0.4.0 and its project moved on to another parser
//! that is not published; it also builds a full AST with big-integer support
//! for files that here are a dozen literal assignments. This reader is a
//! tokenizer plus a literal evaluator, a few hundred lines, and reads the
//! 18,226 benchmark definitions in a few tens of milliseconds (see the
//! crate's benchmark).
//!
//! `with scope("name"):` blocks (rez's way of writing nested data such as
//! `config` or a combined file's `version_overrides`) are read too when they
//! hold only literal assignments, `alias.attr = literal` and nested scopes:
//! they bind `name` to a dict, after every other name, as rez does.
//!
//! # Known limits
//! - Grammar is checked only for the statements read (assignments and
//!   headers); a grammar error inside a function body that CPython would
//!   reject (`x = = 1`) is not detected, though unbalanced brackets,
//!   unterminated strings and bad indentation anywhere are.
//! - Errors raised when the module runs are seen only for a `raise` at top
//!   level; a failing import or a `NameError` inside an `if` test is passed
//!   over.
//! - The reader errs towards "not static": a name mentioned by a statement
//!   it cannot evaluate (`print(requires)`, `global requires` in a function)
//!   is not static afterwards, even where CPython would leave it unchanged.

mod lexer;
mod literal;
mod reader;
mod source;
mod value;

use std::borrow::Cow;
use std::fmt;

use rustc_hash::FxHashMap;

pub use value::Value;

/// A Python source that cannot be read: the 1-based line and what is wrong,
/// in the words CPython would use where it has words for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyError {
    /// The 1-based line of the fault.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl PyError {
    /// A fault on the 1-based `line` (0 when it has none), described by
    /// `message`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        PyError {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PyError {}

/// What a top-level name is bound to once the module has run.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// A literal value, assigned on `line`.
    Value {
        /// The line of the assignment.
        line: usize,
        /// The value.
        value: Value,
    },
    /// A plain (undecorated) function defined on `line`: rez drops these
    /// from a package's data, so the name ends up unset.
    Removed {
        /// The line of the `def`.
        line: usize,
    },
    /// Something that cannot be known without running the module.
    NonStatic {
        /// The line of the construct.
        line: usize,
        /// What the construct is, e.g. `a function decorated with @early()`.
        construct: String,
    },
}

/// The top-level names of a Python module and what each is bound to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    bindings: FxHashMap<String, Binding>,
}

impl Module {
    /// What `name` is bound to, if the module binds it at all.
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.bindings.get(name)
    }

    /// Every name the module binds, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.bindings.keys().map(String::as_str)
    }
}

impl IntoIterator for Module {
    type Item = (String, Binding);
    type IntoIter = std::collections::hash_map::IntoIter<String, Binding>;

    /// Every name with its binding, in no particular order.
    fn into_iter(self) -> Self::IntoIter {
        self.bindings.into_iter()
    }
}

/// Reads a Python module from its bytes, as CPython would compile them
/// (honouring a byte order mark and a PEP 263 encoding declaration).
///
/// # Errors
/// [`PyError`] with the line when the source is not valid Python at the
/// level the reader checks (see the module docs).
pub fn read_module(source: &[u8]) -> Result<Module, PyError> {
    let bytes = source::decode(source)?;
    let tokens = lexer::tokenize(&bytes)?;
    let text = as_text(&bytes, &tokens)?;
    reader::read_module(&text, &tokens)
}

/// The source as text. The tokenizer has rejected bytes that are not UTF-8
/// everywhere but in string literals (an error here, as in CPython) and in
/// comments (accepted, as by CPython 3.11): those are replaced by `?`, which
/// keeps every token's offsets.
fn as_text<'a>(bytes: &'a [u8], tokens: &[lexer::Token]) -> Result<Cow<'a, str>, PyError> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    for token in tokens.iter().filter(|t| t.kind == lexer::Kind::Str) {
        let literal = &bytes[token.start..token.end];
        if let Err(e) = std::str::from_utf8(literal) {
            let at = token.start + e.valid_up_to();
            let line = token.line
                + literal[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
            return Err(PyError::new(
                line,
                format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in a string literal",
                    bytes[at]
                ),
            ));
        }
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    Ok(Cow::Owned(text))
}

#[cfg(test)]
mod tests;
