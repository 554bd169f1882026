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
//! let module = read_module(b"name = 'foo'\nrequires = ['bar-1+']\n@late()\ndef variants():\n    return []\n")?;
//! assert!(matches!(
//!     module.get("requires"),
//!     Some(Binding::Value { line: 2, value: Value::List(_) })
//! ));
//! assert!(matches!(module.get("variants"), Some(Binding::NonStatic { line: 4, .. })));
//!
//! // A call at load could change anything: nothing is static after it.
//! let module = read_module(b"requires = ['bar']\nsetup()\n")?;
//! assert!(matches!(module.get("requires"), Some(Binding::NonStatic { line: 2, .. })));
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
//! # Exact or refused
//! The reader evaluates only statements whose whole effect it knows:
//! literal assignments (chained, annotated), names bound to literals and
//! `+` between values of one kind, `name += value`, `del name`, plain and
//! `@late()` functions, docstrings, `global`, `pass` and `with scope(...)`
//! blocks of those. Annotations are not evaluated: rez compiles package
//! files with postponed annotations. Any other top-level statement (a call,
//! an import, a class, a decorator such as `@early()`, a default argument
//! value that is not a literal, an `if`/`for`/`try`, an assignment to an
//! attribute or subscript, `+=` on a list another name also holds) runs
//! code at load that could change any name through an alias, `globals()`,
//! `exec` or an import, or fail the load: it is the module's
//! [effect](Module::effect), and every name is [`Binding::NonStatic`]
//! because of it. Identifiers are NFKC-normalised, as CPython does.
//!
//! # Python's own limits
//! What CPython 3.11 refuses to compile is an error naming the line: more
//! than 200 nested brackets, a 100th indentation level, a NUL byte, a
//! decimal integer literal of more than 4,300 digits, a malformed f-string,
//! Python 2's `print "x"`. Expressions nested more than 2,900 operators
//! deep are refused too (CPython's compiler gives up near 3,000, the exact
//! depth depending on its caller's stack). No input makes the reader
//! recurse deeper than those bounds.
//!
//! # Known limits
//! - Grammar is checked only for the statements read (assignments and
//!   headers); a grammar error inside a function body that CPython would
//!   reject (`x = = 1`) is not detected, though unbalanced brackets,
//!   unterminated strings and bad indentation anywhere are.
//! - A `raise` at top level before any effect is an error, as rez's load
//!   fails; other failures at load (a failing import) come after an effect,
//!   so the names are refused rather than the file failed.
//!
//! # Which error, when a file has several
//! As CPython 3.11 (checked against it: `tests/cpython_errors.rs`): an
//! error its tokenizer raises itself (an unterminated string, an unmatched
//! bracket, an invalid numeric literal such as the `88da22e` of a
//! merge-conflict marker) wins over every other, at any line, because
//! CPython tokenizes the rest of the file when its parser fails; an
//! unexpected indent before it wins over it. Then the f-string and
//! integer-size errors, in file order, each f-string's on the line of the
//! token after it (CPython checks a literal once it has read past it). Then
//! the reader's grammar errors. Where this differs from CPython: a parser
//! error before an indentation error, a line continuation error or a
//! bracket never closed is CPython's answer, the latter is rer's; a parser
//! error before an f-string or integer-size error likewise; an unexpected
//! indent after another parser error is rer's answer, where CPython's is
//! the tokenizer's error further down; an ASCII character outside Python's
//! alphabet (`$`) is "invalid character" here, "invalid syntax" in CPython;
//! the expressions inside f-strings are not compiled.

mod checks;
mod fstring;
mod lexer;
mod literal;
mod names;
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
    /// When the module runs code the reader does not evaluate: what every
    /// name is bound to.
    effect: Option<Binding>,
}

impl Module {
    /// What `name` is bound to, if the module binds it at all.
    ///
    /// When the module runs code the reader does not evaluate (see
    /// [`Module::effect`]), every name, bound or not, is
    /// [`Binding::NonStatic`]: that code could bind or change it.
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.effect.as_ref().or_else(|| self.bindings.get(name))
    }

    /// The first top-level statement that runs code the reader does not
    /// evaluate (a call, an import, a class body, an `if`, an `@early`
    /// function...), as the binding every name has because of it; `None`
    /// when the reader knows the module's whole effect.
    pub fn effect(&self) -> Option<&Binding> {
        self.effect.as_ref()
    }

    /// Every name the module binds statically or not, in no particular
    /// order (with an [effect](Module::effect), other names may be bound
    /// too).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.bindings.keys().map(String::as_str)
    }
}

impl IntoIterator for Module {
    type Item = (String, Binding);
    type IntoIter = std::collections::hash_map::IntoIter<String, Binding>;

    /// Every name with its binding, in no particular order. With an
    /// [effect](Module::effect), every binding is that effect's.
    fn into_iter(self) -> Self::IntoIter {
        let mut bindings = self.bindings;
        if let Some(effect) = self.effect {
            for binding in bindings.values_mut() {
                *binding = effect.clone();
            }
        }
        bindings.into_iter()
    }
}

/// Reads a Python module from its bytes, as CPython would compile them
/// (honouring a byte order mark and a PEP 263 encoding declaration).
///
/// # Errors
/// [`PyError`] with the line when the source is not valid Python at the
/// level the reader checks (see the module docs).
pub fn read_module(source: &[u8]) -> Result<Module, PyError> {
    checks::no_nul_byte(source)?;
    let bytes = source::decode(source)?;
    let tokens = lexer::tokenize(&bytes).map_err(|e| checks::tokenizer_error(&bytes, *e))?;
    let text = as_text(&bytes, &tokens)?;
    checks::tokens(&text, &tokens)?;
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
