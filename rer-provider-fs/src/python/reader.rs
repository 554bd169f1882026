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

use super::lexer::{Kind, Token};
use super::literal::{ExprError, Value, evaluate};
use super::{Binding, Module, PyError};

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

/// What a `with scope(...)` block builds: entries, or why it cannot be
/// known (line, construct).
type ScopeResult = Result<Vec<(Value, Value)>, (usize, String)>;

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

    /// `global x` inside a function lets it rebind a module name when called.
    fn globals_in(&mut self, start: usize, stop: usize, function: &str) {
        let mut i = start;
        while i < stop {
            let t = self.tokens[i];
            if t.kind == Kind::Name && self.text(&t) == "global" {
                let mut j = i + 1;
                while let Some(n) = self
                    .tokens
                    .get(j)
                    .filter(|n| n.kind == Kind::Name || self.is_op(n, ","))
                {
                    if n.kind == Kind::Name {
                        let name = self.text(n);
                        self.bind(
                            name,
                            Binding::NonStatic {
                                line: n.line,
                                construct: format!("declared global in function '{function}'"),
                            },
                        );
                    }
                    j += 1;
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// `if`, `for`, `while`, `with`, `try` and their clauses: every name they
    /// mention may be rebound, so none of them is static afterwards.
    fn compound(&mut self, end: usize, keyword: &str) -> Result<(), PyError> {
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
                let known = matches!(binding, Binding::Value { .. });
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
                if known {
                    // rez restores the module's names when the block ends.
                    return Ok(());
                }
                let construct = format!("changed inside the 'with' statement on line {line}");
                let tokens = &self.tokens[end..close];
                self.mark_names(tokens, &construct);
                return Ok(());
            }
        }
        let (start, stop) = self.body(end, keyword)?;
        let construct = format!("changed inside the '{keyword}' statement on line {line}");
        let tokens = &self.tokens[start..stop];
        self.mark_names(tokens, &construct);
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
                            Some(vec![self.text(n).to_string()])
                        }
                        [a, rest @ ..] if Some(self.text(a)) == alias && !rest.is_empty() => rest
                            .chunks(2)
                            .map(|pair| match pair {
                                [dot, n] if self.is_op(dot, ".") && n.kind == Kind::Name => {
                                    Some(self.text(n).to_string())
                                }
                                _ => None,
                            })
                            .collect(),
                        _ => None,
                    };
                    let Some(path) = path else {
                        return Ok(Err((t.line, "an assignment rer cannot evaluate".into())));
                    };
                    let value_tokens = &line[at + 1..];
                    if value_tokens.is_empty() {
                        return Err(PyError::new(t.line, "invalid syntax: nothing to assign"));
                    }
                    match evaluate(self.src, value_tokens) {
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

    /// A simple statement (no `;` inside).
    fn simple(&mut self, tokens: &[Token]) -> Result<(), PyError> {
        let first = tokens[0];
        let line = first.line;
        let word = self.text(&first);
        if first.kind == Kind::Name {
            match word {
                "pass" => return Ok(()),
                "return" | "yield" => {
                    return Err(PyError::new(line, format!("'{word}' outside function")));
                }
                "break" | "continue" => {
                    return Err(PyError::new(line, format!("'{word}' outside loop")));
                }
                "raise" => {
                    return Err(PyError::new(
                        line,
                        "the file raises an exception when run ('raise' at top level)",
                    ));
                }
                "import" | "from" | "del" | "global" | "nonlocal" | "assert" => {
                    self.mark_names(
                        tokens,
                        &format!("changed by the '{word}' statement on line {line}"),
                    );
                    return Ok(());
                }
                _ => {}
            }
        }
        // Split at depth-0 `=`, and find augmented assignments and annotations.
        let mut depth = 0i32;
        let mut equals = Vec::new();
        let mut augmented = None;
        let mut annotation = None;
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != Kind::Op {
                continue;
            }
            match self.text(t) {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                "=" if depth == 0 => equals.push(i),
                ":" if depth == 0 && annotation.is_none() && equals.is_empty() => {
                    annotation = Some(i)
                }
                op if depth == 0
                    && augmented.is_none()
                    && equals.is_empty()
                    && AUGMENTED.contains(&op) =>
                {
                    augmented = Some(i);
                }
                _ => {}
            }
        }
        if let Some(at) = augmented {
            if at == 0 || at + 1 == tokens.len() {
                return Err(PyError::new(line, "invalid syntax"));
            }
            self.mark_names(
                &tokens[..at],
                &format!("changed by the augmented assignment on line {line}"),
            );
            self.mark_reads(&tokens[at + 1..], line);
            return Ok(());
        }
        if equals.is_empty() {
            if annotation.is_none() {
                self.mark_names(tokens, &format!("used by the statement on line {line}"));
            }
            return Ok(());
        }
        let value_tokens = &tokens[equals[equals.len() - 1] + 1..];
        if value_tokens.is_empty() {
            return Err(PyError::new(line, "invalid syntax: nothing to assign"));
        }
        let value = match evaluate(self.src, value_tokens) {
            Ok(v) => Ok(v),
            Err(ExprError::Syntax(e)) => return Err(e),
            Err(ExprError::NotLiteral { line, what }) => Err((line, what)),
        };
        if value.is_err() {
            self.mark_reads(value_tokens, line);
        }
        let mut value = Some(value);
        let mut start = 0;
        for (n, &at) in equals.iter().enumerate() {
            let mut target = &tokens[start..at];
            start = at + 1;
            if n == 0 {
                if let Some(colon) = annotation {
                    target = &tokens[..colon];
                }
            }
            // The last target takes the value; earlier ones (chained
            // assignment) get copies.
            let this = if n + 1 == equals.len() {
                value.take()
            } else {
                value.clone()
            };
            if let Some(this) = this {
                self.assign(target, this, line)?;
            }
        }
        Ok(())
    }

    fn assign(
        &mut self,
        target: &[Token],
        value: Result<Value, (usize, String)>,
        line: usize,
    ) -> Result<(), PyError> {
        let Some(first) = target.first() else {
            return Err(PyError::new(line, "invalid syntax: nothing to assign to"));
        };
        if target.len() == 1 && first.kind == Kind::Name {
            let name = self.text(first);
            if is_keyword(name) {
                return Err(PyError::new(line, format!("cannot assign to {name}")));
            }
            let binding = match value {
                Ok(value) => Binding::Value { line, value },
                Err((at, what)) => Binding::NonStatic {
                    line: at,
                    construct: format!("assigned a value that is not a literal ({what})"),
                },
            };
            self.bind(name, binding);
            return Ok(());
        }
        if matches!(first.kind, Kind::Number | Kind::Str) {
            return Err(PyError::new(line, "cannot assign to literal"));
        }
        self.mark_names(target, &format!("changed by the assignment on line {line}"));
        Ok(())
    }

    /// Names read by a non-literal expression stay static only where the
    /// expression cannot change them or alias them: operands of `+` in an
    /// expression without calls, attributes or `:=`.
    fn mark_reads(&mut self, tokens: &[Token], line: usize) {
        let risky = tokens.iter().enumerate().any(|(i, t)| {
            let text = self.text(t);
            match t.kind {
                Kind::Op if text == "." || text == ":=" => true,
                Kind::Op if text == "(" && i > 0 => {
                    let before = &tokens[i - 1];
                    matches!(before.kind, Kind::Name | Kind::Str)
                        || matches!(self.text(before), ")" | "]")
                }
                Kind::Name => text == "lambda",
                _ => false,
            }
        });
        let construct = format!("used by the expression on line {line}");
        for (i, t) in tokens.iter().enumerate() {
            if !self.is_candidate(tokens, i) {
                continue;
            }
            let beside_plus = (i > 0 && self.is_op(&tokens[i - 1], "+"))
                || tokens.get(i + 1).is_some_and(|n| self.is_op(n, "+"));
            if risky || !beside_plus {
                let name = self.text(t);
                self.bind(
                    name,
                    Binding::NonStatic {
                        line: t.line,
                        construct: construct.clone(),
                    },
                );
            }
        }
    }

    /// Whether `tokens[i]` is a name that a statement may bind or change: a
    /// non-keyword name that is not an attribute (`x.name`) or a keyword
    /// argument (`f(name=...)`).
    fn is_candidate(&self, tokens: &[Token], i: usize) -> bool {
        let t = &tokens[i];
        if t.kind != Kind::Name || is_keyword(self.text(t)) {
            return false;
        }
        if i > 0 && self.is_op(&tokens[i - 1], ".") {
            return false;
        }
        let keyword_argument = tokens.get(i + 1).is_some_and(|n| self.is_op(n, "="))
            && i > 0
            && (self.is_op(&tokens[i - 1], "(") || self.is_op(&tokens[i - 1], ","))
            && {
                let depth: i32 = tokens[..i]
                    .iter()
                    .map(|t| match (t.kind, self.text(t)) {
                        (Kind::Op, "(" | "[" | "{") => 1,
                        (Kind::Op, ")" | "]" | "}") => -1,
                        _ => 0,
                    })
                    .sum();
                depth > 0
            };
        !keyword_argument
    }

    fn mark_names(&mut self, tokens: &[Token], construct: &str) {
        for i in 0..tokens.len() {
            if self.is_candidate(tokens, i) {
                let t = tokens[i];
                let name = self.text(&t);
                self.bind(
                    name,
                    Binding::NonStatic {
                        line: t.line,
                        construct: construct.to_string(),
                    },
                );
            }
        }
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
