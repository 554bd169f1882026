//! Walking a module's top-level statements and recording what each name is
//! bound to when the module has run.
//!
//! The reader's rule: a static read is exact or refused. It evaluates the
//! statements whose whole effect it knows (literal assignments, names bound
//! to literals, `+`, `del`, plain `def`s, `with scope(...)` blocks of
//! literals) and passes over what cannot run at load time (function
//! bodies, annotations, which rez compiles as postponed). The first
//! statement that runs code it does not evaluate (a call, an import, a
//! class body, a decorator other than `@late()`, an `if`, a default
//! argument that is not a literal, ...) is the module's *effect*: that code
//! could change any name (through an alias, `globals()`, `exec`, ...) or
//! fail the load, so every name is [`Binding::NonStatic`] afterwards.

mod compound;
mod definition;
mod simple;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexer::{Kind, Token};
use crate::literal::Lookup;
use crate::names::normalise;
use crate::{Binding, Module, PyError, Value};

/// Keywords that open a compound statement (besides `def` and `class`).
const COMPOUND: &[&str] = &[
    "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
];

/// Reads the top-level bindings of the tokenized module `src`.
pub(crate) fn read_module(src: &str, tokens: &[Token]) -> Result<Module, PyError> {
    let mut reader = Reader {
        src,
        tokens,
        pos: 0,
        bindings: FxHashMap::default(),
        shared: FxHashSet::default(),
        scopes: Vec::new(),
        effect: None,
        function_bodies: Vec::new(),
    };
    reader.module()?;
    let mut bindings = reader.bindings;
    // rez adds the scopes' dicts after the module's names, replacing them.
    bindings.extend(reader.scopes);
    let effect = reader.effect.map(|(line, what)| Binding::NonStatic {
        line,
        construct: format!(
            "possibly changed by {what} on line {line}, which runs when rez loads the file"
        ),
    });
    Ok(Module { bindings, effect })
}

struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    bindings: FxHashMap<String, Binding>,
    /// Names whose (mutable) value another name or a container also holds,
    /// so that changing it in place would change them too.
    shared: FxHashSet<String>,
    /// What `with scope("name"):` blocks build, by name, in order. rez adds
    /// these to the package data after the module's own names.
    scopes: Vec<(String, Binding)>,
    /// The first statement that runs code the reader does not evaluate: its
    /// line and what it is.
    effect: Option<(usize, String)>,
    /// The token ranges of the `def` bodies passed over: a name met there
    /// is not one the module's own scope uses.
    function_bodies: Vec<(usize, usize)>,
}

impl<'a> Reader<'a> {
    fn text(&self, token: &Token) -> &'a str {
        self.src.get(token.start..token.end).unwrap_or("")
    }

    /// The name a `Name` token binds (NFKC-normalised, as CPython does).
    fn name(&self, token: &Token) -> String {
        normalise(self.text(token)).into_owned()
    }

    fn is_op(&self, token: &Token, op: &str) -> bool {
        token.kind == Kind::Op && self.text(token) == op
    }

    fn bind(&mut self, name: String, binding: Binding) {
        self.shared.remove(&name);
        self.bindings.insert(name, binding);
    }

    /// Records a statement that runs code the reader does not evaluate; the
    /// first one is kept.
    fn effect(&mut self, line: usize, what: impl Into<String>) {
        if self.effect.is_none() {
            self.effect = Some((line, what.into()));
        }
    }

    /// Resolves a name in an expression: a name bound to a literal stands
    /// for its value; any other name makes the expression non-literal.
    fn lookup(&self) -> impl Fn(&str) -> Result<Value, String> + '_ {
        |name: &str| match self.bindings.get(name) {
            Some(Binding::Value { value, .. }) => Ok(value.clone()),
            Some(Binding::Removed { .. }) => Err(format!("the function '{name}'")),
            Some(Binding::NonStatic { .. }) => Err(format!("the name '{name}', not static")),
            None => Err(format!("the name '{name}', which the module has not bound")),
        }
    }

    /// Evaluates `tokens` with names looked up in the module.
    fn evaluate(&self, tokens: &[Token]) -> Result<Value, crate::literal::ExprError> {
        let lookup = self.lookup();
        let lookup: Lookup<'_> = &lookup;
        crate::literal::evaluate_with(self.src, tokens, lookup)
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
                _ => self.statement()?,
            }
        }
        Ok(())
    }

    /// One top-level statement starting at `self.pos`, with the decorator
    /// lines before it (read in a loop: a file of a million `@x` lines
    /// costs no stack).
    fn statement(&mut self) -> Result<(), PyError> {
        let all: &'a [Token] = self.tokens;
        let mut decorators: Vec<String> = Vec::new();
        loop {
            let end = self.line_end(self.pos);
            let line = &all[self.pos..end];
            let Some(first) = line.first() else {
                self.pos = end + 1;
                return Ok(());
            };
            if !self.is_op(first, "@") {
                break;
            }
            decorators.push(self.source_text(line));
            self.pos = end + 1;
            match self.tokens.get(self.pos) {
                Some(next) if matches!(self.text(next), "@" | "def" | "class" | "async") => {}
                other => {
                    return Err(PyError::new(
                        other.map_or(first.line, |t| t.line),
                        "invalid syntax: a decorator must precede a def or class",
                    ));
                }
            }
        }
        let end = self.line_end(self.pos);
        let line = &all[self.pos..end];
        let first = line[0];
        let word = self.text(&first);
        let second = line.get(1).map(|t| self.text(t));
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
            return self.definition(end, &decorators);
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
        let src = self.src;
        let semicolon = |t: &Token| t.kind == Kind::Op && src.get(t.start..t.end) == Some(";");
        for statement in line.split(semicolon) {
            if !statement.is_empty() {
                self.simple(statement)?;
            }
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
        let close = self.block_end(end + 1);
        self.pos = close + 1;
        Ok((start, close.min(self.tokens.len())))
    }

    /// The index of the `Dedent` closing the block opened by the `Indent` at
    /// `indent`.
    fn block_end(&self, indent: usize) -> usize {
        let mut depth = 0usize;
        for (i, t) in self.tokens.iter().enumerate().skip(indent) {
            match t.kind {
                Kind::Indent => depth += 1,
                Kind::Dedent => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.tokens.len()
    }
}
