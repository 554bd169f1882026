//! Walking a module's top-level statements and recording what each name is
//! bound to when the module has run.
//!
//! A name assigned a literal at top level is known statically. Any other way
//! a top-level statement may bind or change a name (a decorated function, an
//! assignment from a non-literal, an `if` block, an expression statement
//! that mentions it, `global` inside a function) makes the name
//! [`Binding::NonStatic`], with the line and a description of the construct.
//! The last binding in source order wins, as when Python runs the module.
//! The reader errs on the side of "not static": it never guesses a value.

use rustc_hash::FxHashMap;

mod compound;
mod marks;
mod simple;

use crate::lexer::{Kind, Token};
use crate::{Binding, Module, PyError};

/// Python's hard keywords: never names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Keywords that open a compound statement (besides `def` and `class`).
const COMPOUND: &[&str] = &[
    "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
];

const AUGMENTED: &[&str] = &[
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=",
];

/// Reads the top-level bindings of the tokenized module `src`.
pub(crate) fn read_module(src: &str, tokens: &[Token]) -> Result<Module, PyError> {
    let mut reader = Reader {
        src,
        tokens,
        pos: 0,
        bindings: FxHashMap::default(),
        scopes: Vec::new(),
    };
    reader.module()?;
    let mut bindings = reader.bindings;
    // rez adds the scopes' dicts after the module's names, replacing them.
    bindings.extend(reader.scopes);
    Ok(Module { bindings })
}

struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    bindings: FxHashMap<String, Binding>,
    /// What `with scope("name"):` blocks build, by name, in order. rez adds
    /// these to the package data after the module's own names.
    scopes: Vec<(String, Binding)>,
}

fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

impl<'a> Reader<'a> {
    fn text(&self, token: &Token) -> &'a str {
        self.src.get(token.start..token.end).unwrap_or("")
    }

    fn is_op(&self, token: &Token, op: &str) -> bool {
        token.kind == Kind::Op && self.text(token) == op
    }

    fn bind(&mut self, name: &str, binding: Binding) {
        self.bindings.insert(name.to_string(), binding);
    }

    /// The index of the `Newline` that ends the logical line starting at `from`.
    fn line_end(&self, from: usize) -> usize {
        self.tokens[from..]
            .iter()
            .position(|t| t.kind == Kind::Newline)
            .map_or(self.tokens.len(), |i| from + i)
    }

    fn module(&mut self) -> Result<(), PyError> {
        while let Some(&token) = self.tokens.get(self.pos) {
            match token.kind {
                Kind::Indent => return Err(PyError::new(token.line, "unexpected indent")),
                Kind::Dedent | Kind::Newline => self.pos += 1,
                _ => self.statement(Vec::new())?,
            }
        }
        Ok(())
    }

    /// One top-level statement starting at `self.pos`; `decorators` are the
    /// decorator lines read just before it.
    fn statement(&mut self, decorators: Vec<String>) -> Result<(), PyError> {
        let end = self.line_end(self.pos);
        let all: &'a [Token] = self.tokens;
        let line = &all[self.pos..end];
        let Some(first) = line.first() else {
            self.pos = end + 1;
            return Ok(());
        };
        let word = self.text(first);
        let second = line.get(1).map(|t| self.text(t));
        if self.is_op(first, "@") {
            let mut decorators = decorators;
            decorators.push(self.source_text(line));
            self.pos = end + 1;
            return match self.tokens.get(self.pos) {
                Some(next) if matches!(self.text(next), "@" | "def" | "class" | "async") => {
                    self.statement(decorators)
                }
                Some(next) => Err(PyError::new(
                    next.line,
                    "invalid syntax: a decorator must precede a def or class",
                )),
                None => Err(PyError::new(
                    first.line,
                    "invalid syntax: a decorator must precede a def or class",
                )),
            };
        }
        if !decorators.is_empty() && !matches!(word, "def" | "class" | "async") {
            return Err(PyError::new(
                first.line,
                "invalid syntax: a decorator must precede a def or class",
            ));
        }
        let ends_with_colon = line.last().is_some_and(|t| self.is_op(t, ":"));
        if first.kind == Kind::Name
            && (word == "def" || word == "class" || (word == "async" && second == Some("def")))
        {
            return self.definition(end, decorators);
        }
        if first.kind == Kind::Name
            && (COMPOUND.contains(&word)
                || (word == "async" && matches!(second, Some("for" | "with"))))
        {
            return self.compound(end, word);
        }
        if ends_with_colon
            && self
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Indent)
        {
            // A soft-keyword statement such as `match x:`.
            return self.compound(end, word);
        }
        if line.iter().any(|t| self.is_op(t, ";")) {
            let statements: Vec<&[Token]> = line.split(|t| self.is_op(t, ";")).collect();
            for statement in statements {
                if !statement.is_empty() {
                    self.simple(statement)?;
                }
            }
        } else {
            self.simple(line)?;
        }
        self.pos = end + 1;
        Ok(())
    }

    /// The source text of a run of tokens on one line, for messages.
    fn source_text(&self, tokens: &[Token]) -> String {
        match (tokens.first(), tokens.last()) {
            (Some(a), Some(b)) => self.src.get(a.start..b.end).unwrap_or("").to_string(),
            _ => String::new(),
        }
    }

    /// `def name(...):` or `class name...:` with its body.
    fn definition(&mut self, end: usize, decorators: Vec<String>) -> Result<(), PyError> {
        let line = &self.tokens[self.pos..end];
        let skip_async = usize::from(self.text(&line[0]) == "async");
        let keyword = self.text(&line[skip_async]);
        let Some(name_token) = line.get(skip_async + 1).filter(|t| t.kind == Kind::Name) else {
            return Err(PyError::new(
                line[0].line,
                format!("invalid syntax: '{keyword}' needs a name"),
            ));
        };
        let name = self.text(name_token);
        if is_keyword(name) {
            return Err(PyError::new(
                name_token.line,
                format!("invalid syntax: '{name}' is a keyword"),
            ));
        }
        if !line.iter().any(|t| self.is_op(t, ":")) {
            return Err(PyError::new(line[0].line, "expected ':'"));
        }
        let header_line = line[0].line;
        let binding = if keyword == "class" {
            Binding::NonStatic {
                line: header_line,
                construct: format!("a class definition ('class {name}')"),
            }
        } else if decorators.is_empty() {
            // rez drops plain functions from the package's data.
            Binding::Removed { line: header_line }
        } else {
            Binding::NonStatic {
                line: header_line,
                construct: format!(
                    "a function decorated with {} ('def {name}')",
                    decorators.join(" ")
                ),
            }
        };
        self.bind(name, binding);
        let (start, stop) = self.body(end, keyword)?;
        self.globals_in(start, stop, name);
        Ok(())
    }

    /// The tokens of a compound statement's body: the rest of the header line
    /// for a one-liner, else the indented block after it. Moves past it and
    /// returns its range.
    fn body(&mut self, end: usize, keyword: &str) -> Result<(usize, usize), PyError> {
        let header = &self.tokens[self.pos..end];
        let header_line = header.first().map_or(0, |t| t.line);
        if !header.last().is_some_and(|t| self.is_op(t, ":")) {
            let start = self.pos;
            self.pos = end + 1;
            return Ok((start, end));
        }
        let start = self.pos;
        match self.tokens.get(end + 1) {
            Some(t) if t.kind == Kind::Indent => {}
            other => {
                let line = other.map_or(header_line, |t| t.line);
                return Err(PyError::new(
                    line,
                    format!(
                        "expected an indented block after '{keyword}' statement on line {header_line}"
                    ),
                ));
            }
        }
        let mut depth = 0usize;
        let mut i = end + 1;
        while let Some(t) = self.tokens.get(i) {
            match t.kind {
                Kind::Indent => depth += 1,
                Kind::Dedent => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.pos = i + 1;
        Ok((start, i.min(self.tokens.len())))
    }
}
