//! Reading a `rezconfig.py` without running it.
//!
//! rez `exec`s the file with `ModifyList` (and `DelayLoad`) in its globals
//! and keeps every top-level name. rer reads it with the static package.py
//! reader (`rer-pyread`): a setting assigned a literal is known. `name = ModifyList(...)`
//! with literal arguments is read too (the reader leaves calls alone, so
//! this module finds the call's arguments in the source and has the reader
//! evaluate each). Anything else for a setting rer reads is an error naming
//! the file, the line and the construct.

use std::path::Path;

use rer_pyread::{self as python, Binding, Value};

use crate::error::ConfigError;
use crate::node::{Node, Origin};

/// The settings a configuration file sets, each with its line and value,
/// or why that setting cannot be read.
pub(crate) type Entries = Vec<(String, Result<(usize, Node), ConfigError>)>;

/// The values `settings` have in the Python config file at `path`
/// (`bytes` its content), with the line of each; settings the file does
/// not set are left out. A setting set in a way that cannot be read
/// without running the file is a [`ConfigError::Setting`] in its entry.
///
/// # Errors
/// [`ConfigError::Unreadable`] when the file is not valid Python.
pub(crate) fn read(bytes: &[u8], path: &Path, settings: &[&str]) -> Result<Entries, ConfigError> {
    let module = python::read_module(bytes).map_err(|e| ConfigError::Unreadable {
        origin: Origin::File {
            path: path.to_path_buf(),
            line: (e.line > 0).then_some(e.line),
        },
        message: e.message,
    })?;
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for &name in settings {
        let origin = |line| Origin::File {
            path: path.to_path_buf(),
            line: Some(line),
        };
        let entry = match module.get(name) {
            None => continue,
            Some(Binding::Value { line, value }) => Ok((*line, node(value.clone()))),
            Some(Binding::Removed { line }) => Err(ConfigError::setting(
                name,
                origin(*line),
                "is a function; rer reads settings without running Python",
            )),
            Some(Binding::NonStatic { line, construct }) => match modify_list(&text, *line, name) {
                Some(Ok(value)) => Ok((*line, value)),
                Some(Err(message)) => Err(ConfigError::setting(name, origin(*line), message)),
                None => Err(ConfigError::setting(
                    name,
                    origin(*line),
                    format!(
                        "cannot be read without running the file: it is {construct} \
                         (rer reads literals and ModifyList(...) of literals)"
                    ),
                )),
            },
        };
        out.push((name.to_string(), entry));
    }
    Ok(out)
}

/// A Python literal as configuration data.
pub(crate) fn node(value: Value) -> Node {
    match value {
        Value::Str(s) => Node::Str(s),
        Value::Int(i) => Node::Int(i),
        Value::Float(f) => Node::Float(f),
        Value::Bool(b) => Node::Bool(b),
        Value::None => Node::None,
        Value::List(items) => Node::List(items.into_iter().map(node).collect()),
        Value::Tuple(items) => Node::Tuple(items.into_iter().map(node).collect()),
        Value::Dict(entries) => {
            let mut out: Vec<(String, Node)> = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let Value::Str(key) = key else {
                    return Node::Other(format!("dict with a {} key", key.type_name()));
                };
                let value = node(value);
                // A repeated key keeps its first place and takes the last value.
                match out.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = value,
                    None => out.push((key, value)),
                }
            }
            Node::Dict(out)
        }
        other => Node::Other(other.type_name().to_string()),
    }
}

/// `name = ModifyList(...)` starting on `line` of `text`, read: `None` when
/// the statement is not that, else the value or why it is refused.
fn modify_list(text: &str, line: usize, name: &str) -> Option<Result<Node, String>> {
    let start = line_start(text, line)?;
    let rest = &text[start..];
    let rest = rest.strip_prefix(name)?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('=')?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("ModifyList")?
        .trim_start_matches([' ', '\t']);
    let inner = rest.strip_prefix('(')?;
    let close = matching_close(inner)?;
    let after = &inner[close + 1..];
    let tail = after.split('\n').next().unwrap_or("");
    let tail = tail.split('#').next().unwrap_or("").trim();
    if !tail.is_empty() {
        return None;
    }
    Some(arguments(&strip_comments(&inner[..close])))
}

/// `text` with its comments removed (strings kept as they are).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut scan = Scanner::new(text);
    let mut from = 0;
    while let Some((i, c)) = scan.next_code() {
        if c == '#' {
            out.push_str(&text[from..i]);
            from = scan.skip_comment();
        }
    }
    out.push_str(&text[from..]);
    out
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// `ModifyList`'s arguments read: `append=None, prepend=None`, by keyword
/// or position, each a list literal or `None`.
fn arguments(args: &str) -> Result<Node, String> {
    let mut append = None;
    let mut prepend = None;
    for (position, arg) in split_top_level(args).into_iter().enumerate() {
        let arg = arg.trim();
        if arg.is_empty() {
            continue;
        }
        let (keyword, expr) = match keyword_of(arg) {
            Some((k, e)) => (k, e),
            None => match position {
                0 => ("append", arg),
                1 => ("prepend", arg),
                _ => return Err("ModifyList takes at most 2 arguments".to_string()),
            },
        };
        let value = literal(expr)?;
        let items = match value {
            Node::None => None,
            Node::List(items) => Some(items),
            other => {
                return Err(format!(
                    "ModifyList's {keyword} must be a list, not {}",
                    other.type_name()
                ));
            }
        };
        match keyword {
            "append" => append = items,
            "prepend" => prepend = items,
            other => return Err(format!("ModifyList has no argument '{other}'")),
        }
    }
    Ok(Node::ModifyList { prepend, append })
}

/// `word=expr` (not `==`) split, when `arg` starts with a keyword.
fn keyword_of(arg: &str) -> Option<(&str, &str)> {
    let end = arg
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(arg.len());
    let (word, rest) = arg.split_at(end);
    let rest = rest.trim_start();
    if word.is_empty() || !rest.starts_with('=') || rest.starts_with("==") {
        return None;
    }
    Some((word, &rest[1..]))
}

/// One argument's value, evaluated by the static reader.
fn literal(expr: &str) -> Result<Node, String> {
    let source = format!("v = (\n{expr}\n)\n");
    let module = python::read_module(source.as_bytes())
        .map_err(|e| format!("ModifyList's argument is not valid Python: {}", e.message))?;
    match module.get("v") {
        Some(Binding::Value { value, .. }) => Ok(node(value.clone())),
        Some(Binding::NonStatic { construct, .. }) => Err(format!(
            "ModifyList's argument cannot be read without running the file: it is {construct}"
        )),
        _ => Err("ModifyList's argument cannot be read".to_string()),
    }
}

/// The index of the `)` closing the call whose arguments start `text`,
/// skipping strings, comments and nested brackets.
fn matching_close(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut scan = Scanner::new(text);
    while let Some((i, c)) = scan.next_code() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' | ']' | '}' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    None
}

/// `text` split at commas outside brackets, strings and comments.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    let mut scan = Scanner::new(text);
    while let Some((i, c)) = scan.next_code() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[from..]);
    parts
}

/// Walks Python source yielding the characters outside string literals and
/// comments. The reader has already checked that the file tokenizes, so
/// every string here is closed.
struct Scanner<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    in_comment: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            chars: text.char_indices().peekable(),
            in_comment: false,
        }
    }

    /// The next character outside strings; a `#` is returned as it is
    /// (its comment is skipped by the next call, or by
    /// [`Scanner::skip_comment`]).
    fn next_code(&mut self) -> Option<(usize, char)> {
        loop {
            let (i, c) = self.chars.next()?;
            if self.in_comment {
                if c == '\n' {
                    self.in_comment = false;
                    return Some((i, c));
                }
                continue;
            }
            match c {
                '\'' | '"' => self.skip_string(i, c),
                '#' => {
                    self.in_comment = true;
                    return Some((i, c));
                }
                _ => return Some((i, c)),
            }
        }
    }

    /// Skips the rest of the comment just returned; the offset of the
    /// newline that ends it (or the end of the text).
    fn skip_comment(&mut self) -> usize {
        self.in_comment = false;
        while let Some(&(i, c)) = self.chars.peek() {
            if c == '\n' {
                return i;
            }
            self.chars.next();
        }
        self.text.len()
    }

    fn skip_string(&mut self, start: usize, quote: char) {
        let triple: String = std::iter::repeat_n(quote, 3).collect();
        let is_triple = self.text[start..].starts_with(&triple);
        if is_triple {
            self.chars.next();
            self.chars.next();
        }
        while let Some((i, c)) = self.chars.next() {
            match c {
                '\\' => {
                    self.chars.next();
                }
                c if c == quote => {
                    if !is_triple {
                        return;
                    }
                    if self.text[i..].starts_with(&triple) {
                        self.chars.next();
                        self.chars.next();
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Node {
        Node::Str(x.to_string())
    }

    fn read_one(text: &str, name: &str) -> Result<Vec<(usize, Node)>, ConfigError> {
        read(text.as_bytes(), Path::new("/c/rezconfig.py"), &[name])?
            .into_iter()
            .map(|(_, entry)| entry)
            .collect()
    }

    #[test]
    fn literals_and_modify_lists_are_read_with_their_lines() {
        let text = "import os\n\
                    packages_path = ModifyList(prepend=['/a', \"/b)\"],  # (\n    \
                    append=[\"\"\"/c,\"\"\"])  # done\n\
                    implicit_packages = ['~foo']\n";
        assert_eq!(
            read_one(text, "packages_path").expect("reads"),
            vec![(
                2,
                Node::ModifyList {
                    prepend: Some(vec![s("/a"), s("/b)")]),
                    append: Some(vec![s("/c,")]),
                }
            )]
        );
        assert_eq!(
            read_one(text, "implicit_packages").expect("reads"),
            vec![(4, Node::List(vec![s("~foo")]))]
        );
        assert_eq!(read_one(text, "package_filter").expect("reads"), vec![]);
        // A call at load could change any setting: none is read after it.
        let called = format!("{text}x = os.getcwd()\n");
        assert!(read_one(&called, "implicit_packages").is_err());
    }

    #[test]
    fn a_positional_modify_list_appends() {
        let got = read_one(
            "implicit_packages = ModifyList(['x'])\n",
            "implicit_packages",
        );
        assert_eq!(
            got.expect("reads")[0].1,
            Node::ModifyList {
                prepend: None,
                append: Some(vec![s("x")])
            }
        );
    }

    #[test]
    fn what_needs_python_is_an_error_naming_file_line_and_setting() {
        for (text, needle) in [
            (
                "import os\npackages_path = [os.environ['X']]\n",
                "cannot be read",
            ),
            (
                "packages_path = ModifyList(append=('a',))\n",
                "must be a list",
            ),
            ("packages_path = ModifyList(append=[x])\n", "cannot be read"),
            (
                "packages_path = ModifyList(append=[]) + ['a']\n",
                "cannot be read",
            ),
            ("def packages_path():\n    pass\n", "is a function"),
        ] {
            let e = read_one(text, "packages_path").expect_err(text);
            let ConfigError::Setting {
                setting,
                origin,
                message,
            } = &e
            else {
                panic!("{e:?}")
            };
            assert_eq!(setting, "packages_path");
            assert!(
                matches!(
                    origin,
                    Origin::File {
                        line: Some(1 | 2),
                        ..
                    }
                ),
                "{origin:?}"
            );
            assert!(message.contains(needle), "{text}: {message}");
        }
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let e = read_one("a = 1\nb = [\n", "a").expect_err("bad");
        assert!(matches!(e, ConfigError::Unreadable { .. }), "{e:?}");
        assert!(e.to_string().contains("/c/rezconfig.py"), "{e}");
    }
}
