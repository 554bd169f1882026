//! Compound statements (`if`, `for`, `with`, ...) and the `with scope(...)`
//! blocks rez uses for nested data.

use super::Reader;
use crate::lexer::{Kind, Token};
use crate::literal::{ExprError, evaluate};
use crate::names::is_keyword;
use crate::{Binding, PyError, Value};

/// The longest `alias.a.b.c = value` path in a scope block. CPython
/// accepts about 3,000; rer stops at 200, as deep as brackets may nest, so
/// that no value it builds nests deep enough to strain a thread's stack.
const MAX_ATTRIBUTE_PATH: usize = 200;

/// What a `with scope(...)` block builds: entries, or why it cannot be
/// known (line, construct).
type ScopeResult = Result<Vec<(Value, Value)>, (usize, String)>;

impl<'a> Reader<'a> {
    /// `if`, `for`, `while`, `with`, `try` and their clauses: code the reader
    /// does not run, so the module's effect, except a `with scope(...)`
    /// block of literals, which binds the scope's name to a dict.
    pub(super) fn compound(&mut self, end: usize, keyword: &str) -> Result<(), PyError> {
        let header = &self.tokens[self.pos..end];
        let line = header.first().map_or(0, |t| t.line);
        if !header.iter().any(|t| self.is_op(t, ":")) {
            return Err(PyError::new(line, "expected ':'"));
        }
        if let Some((name, alias)) = self.scope_header(header) {
            if self
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Indent)
            {
                let close = self.block_end(end + 1);
                let built = self.scope_body(end + 1, close, alias)?;
                let binding = match built {
                    Ok(entries) => Binding::Value {
                        line,
                        value: Value::Dict(entries),
                    },
                    Err((at, what)) => Binding::NonStatic {
                        line: at,
                        construct: format!(
                            "built by the 'with scope(...)' block on line {line}, which holds {what}"
                        ),
                    },
                };
                if let Binding::NonStatic { line: at, .. } = &binding {
                    self.effect(*at, format!("the 'with scope(...)' block on line {line}"));
                }
                // The previous binding of the name stays until the module
                // ends; rez then replaces it with the scope's dict.
                let existing = self.scopes.iter().position(|(n, _)| *n == name);
                match (existing, binding) {
                    (
                        Some(i),
                        Binding::Value {
                            line,
                            value: Value::Dict(new),
                        },
                    ) => {
                        if let (
                            _,
                            Binding::Value {
                                value: Value::Dict(old),
                                ..
                            },
                        ) = &mut self.scopes[i]
                        {
                            let old = std::mem::take(old);
                            self.scopes[i].1 = Binding::Value {
                                line,
                                value: Value::Dict(merge(old, new)),
                            };
                        }
                    }
                    (Some(i), binding) => self.scopes[i].1 = binding,
                    (None, binding) => self.scopes.push((name, binding)),
                }
                self.pos = close + 1;
                return Ok(());
            }
        }
        self.body(end, keyword)?;
        self.effect(line, format!("the '{keyword}' statement"));
        Ok(())
    }

    /// `with scope("name")[ as alias]:` — the scope's name and alias.
    fn scope_header(&self, header: &[Token]) -> Option<(String, Option<&'a str>)> {
        let texts: Vec<&str> = header.iter().map(|t| self.text(t)).collect();
        let (name_token, rest) = match texts.as_slice() {
            ["with", "scope", "(", _, ")", rest @ ..] => (header[3], rest),
            _ => return None,
        };
        if name_token.kind != Kind::Str {
            return None;
        }
        let Ok(Value::Str(name)) = evaluate(self.src, &header[3..4]) else {
            return None;
        };
        match rest {
            [":"] => Some((name, None)),
            ["as", alias, ":"] if !is_keyword(alias) => Some((name, Some(*alias))),
            _ => None,
        }
    }

    /// The entries a `with scope(...)` block's body (tokens `indent..close`)
    /// builds: literal assignments `name = ...`, `alias.a.b = ...`, nested
    /// scopes and `pass`. Anything else makes the scope unknowable.
    fn scope_body(
        &self,
        indent: usize,
        close: usize,
        alias: Option<&str>,
    ) -> Result<ScopeResult, PyError> {
        let mut entries: Vec<(Value, Value)> = Vec::new();
        let mut i = indent + 1;
        while i < close {
            let t = self.tokens[i];
            if matches!(t.kind, Kind::Newline | Kind::Dedent) {
                i += 1;
                continue;
            }
            let end = self.line_end(i).min(close);
            let line = &self.tokens[i..end];
            if let Some((name, inner_alias)) = self.scope_header(line) {
                if self
                    .tokens
                    .get(end + 1)
                    .is_some_and(|t| t.kind == Kind::Indent)
                {
                    let inner_close = self.block_end(end + 1);
                    match self.scope_body(end + 1, inner_close, inner_alias)? {
                        Ok(inner) => insert(&mut entries, &[name], Value::Dict(inner)),
                        Err(e) => return Ok(Err(e)),
                    }
                    i = inner_close + 1;
                    continue;
                }
            }
            if self
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Indent)
            {
                return Ok(Err((t.line, "a block statement".into())));
            }
            let texts: Vec<&str> = line.iter().map(|t| self.text(t)).collect();
            let equals: Vec<usize> = texts
                .iter()
                .enumerate()
                .filter(|(_, t)| **t == "=")
                .map(|(i, _)| i)
                .collect();
            match (texts.as_slice(), equals.as_slice()) {
                (["pass"], _) => {}
                ([_], _) if line[0].kind == Kind::Str => {}
                (_, [at]) => {
                    let target = &line[..*at];
                    let path: Option<Vec<String>> = match target {
                        [n] if n.kind == Kind::Name && !is_keyword(self.text(n)) => {
                            Some(vec![self.name(n)])
                        }
                        [a, rest @ ..] if Some(self.text(a)) == alias && !rest.is_empty() => rest
                            .chunks(2)
                            .map(|pair| match pair {
                                [dot, n] if self.is_op(dot, ".") && n.kind == Kind::Name => {
                                    Some(self.name(n))
                                }
                                _ => None,
                            })
                            .collect(),
                        _ => None,
                    };
                    let Some(path) = path else {
                        return Ok(Err((t.line, "an assignment rer cannot evaluate".into())));
                    };
                    if path.len() > MAX_ATTRIBUTE_PATH {
                        return Err(PyError::new(
                            t.line,
                            format!(
                                "an attribute path of more than {MAX_ATTRIBUTE_PATH} names: rer does not nest values deeper"
                            ),
                        ));
                    }
                    let value_tokens = &line[at + 1..];
                    if value_tokens.is_empty() {
                        return Err(PyError::new(t.line, "invalid syntax: nothing to assign"));
                    }
                    match self.evaluate(value_tokens) {
                        Ok(value) => insert(&mut entries, &path, value),
                        Err(ExprError::Syntax(e)) => return Err(e),
                        Err(ExprError::NotLiteral { line, what }) => {
                            return Ok(Err((
                                line,
                                format!("an assignment of a value that is not a literal ({what})"),
                            )));
                        }
                    }
                }
                _ => return Ok(Err((t.line, "a statement rer cannot evaluate".into()))),
            }
            i = end + 1;
        }
        Ok(Ok(entries))
    }
}

/// Sets `path` in nested dict entries to `value`, creating dicts on the way
/// (`alias.a.b = 1` makes `{"a": {"b": 1}}`).
fn insert(entries: &mut Vec<(Value, Value)>, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = Value::Str(first.clone());
    let at = entries.iter().position(|(k, _)| *k == key);
    if rest.is_empty() {
        match (at, value) {
            (Some(i), Value::Dict(new)) if matches!(entries[i].1, Value::Dict(_)) => {
                if let Value::Dict(old) = &mut entries[i].1 {
                    let old = std::mem::take(old);
                    entries[i].1 = Value::Dict(merge(old, new));
                }
            }
            (Some(i), value) => entries[i].1 = value,
            (None, value) => entries.push((key, value)),
        }
        return;
    }
    let i = match at {
        Some(i) if matches!(entries[i].1, Value::Dict(_)) => i,
        Some(i) => {
            entries[i].1 = Value::Dict(Vec::new());
            i
        }
        None => {
            entries.push((key, Value::Dict(Vec::new())));
            entries.len() - 1
        }
    };
    if let Value::Dict(inner) = &mut entries[i].1 {
        insert(inner, rest, value);
    }
}

/// `old` updated with `new`, dicts merged recursively.
fn merge(mut old: Vec<(Value, Value)>, new: Vec<(Value, Value)>) -> Vec<(Value, Value)> {
    for (key, value) in new {
        match key {
            Value::Str(k) => insert(&mut old, &[k], value),
            key => match old.iter().position(|(k, _)| *k == key) {
                Some(i) => old[i].1 = value,
                None => old.push((key, value)),
            },
        }
    }
    old
}
