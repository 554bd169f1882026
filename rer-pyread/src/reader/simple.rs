//! Simple statements: assignments, `del`, `pass`, docstrings, and the
//! statements that run code the reader does not evaluate.

use super::Reader;
use crate::lexer::{Kind, Token};
use crate::literal::ExprError;
use crate::names::is_keyword;
use crate::{Binding, PyError, Value};

const AUGMENTED: &[&str] = &[
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=",
];

impl Reader<'_> {
    /// A simple statement (no `;` inside).
    pub(super) fn simple(&mut self, tokens: &[Token]) -> Result<(), PyError> {
        let first = tokens[0];
        let line = first.line;
        let word = self.text(&first);
        if first.kind == Kind::Name {
            match word {
                "pass" => return Ok(()),
                "global" => return self.global(tokens, line),
                "return" | "yield" => {
                    return Err(PyError::new(line, format!("'{word}' outside function")));
                }
                "break" | "continue" => {
                    return Err(PyError::new(line, format!("'{word}' outside loop")));
                }
                "nonlocal" => {
                    return Err(PyError::new(
                        line,
                        "nonlocal declaration not allowed at module level",
                    ));
                }
                "raise" => {
                    if self.effect.is_none() {
                        return Err(PyError::new(
                            line,
                            "the file raises an exception when run ('raise' at top level)",
                        ));
                    }
                    return Ok(());
                }
                "import" | "from" => {
                    self.import(tokens, line);
                    return Ok(());
                }
                "del" => return self.del(&tokens[1..], line),
                "assert" => {
                    let holds = matches!(
                        self.evaluate(&tokens[1..]),
                        Ok(Value::Bool(true) | Value::Int(1..) | Value::Str(_))
                    ) && !matches!(self.evaluate(&tokens[1..]), Ok(Value::Str(s)) if s.is_empty());
                    if !holds {
                        self.effect(line, "the 'assert' statement");
                    }
                    return Ok(());
                }
                "print" | "exec"
                    if tokens.get(1).is_some_and(|t| {
                        matches!(t.kind, Kind::Str | Kind::Number | Kind::Name)
                            && !is_keyword(self.text(t))
                    }) =>
                {
                    return Err(PyError::new(
                        line,
                        format!(
                            "Missing parentheses in call to '{word}'. Did you mean {word}(...)?"
                        ),
                    ));
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
            return self.augmented(
                &tokens[..at],
                self.text(&tokens[at]),
                &tokens[at + 1..],
                line,
            );
        }
        if equals.is_empty() {
            match annotation {
                // `name: annotation` binds nothing; the annotation is not
                // evaluated (postponed).
                Some(1) if first.kind == Kind::Name => {}
                Some(_) => self.effect(line, "the annotated statement"),
                None => self.expression_statement(tokens, line)?,
            }
            return Ok(());
        }
        let value_tokens = &tokens[equals[equals.len() - 1] + 1..];
        if value_tokens.is_empty() {
            return Err(PyError::new(line, "invalid syntax: nothing to assign"));
        }
        let value = match self.evaluate(value_tokens) {
            Ok(v) => Some(v),
            Err(ExprError::Syntax(e)) => return Err(e),
            Err(ExprError::NotLiteral { line: at, what }) => {
                if !self.is_known_constructor(value_tokens)? {
                    self.effect(
                        at,
                        format!("an assignment of a value that is not a literal ({what})"),
                    );
                }
                None
            }
        };
        let mut targets = Vec::new();
        let mut start = 0;
        for (n, &at) in equals.iter().enumerate() {
            let mut target = &tokens[start..at];
            start = at + 1;
            if n == 0 {
                if let Some(colon) = annotation {
                    target = &tokens[..colon];
                }
            }
            targets.push(target);
        }
        // Names the value was built from hold the same objects now.
        let sources: Vec<String> = value_tokens
            .iter()
            .enumerate()
            .filter(|&(i, t)| {
                t.kind == Kind::Name
                    && !is_keyword(self.text(t))
                    && !(i > 0 && self.is_op(&value_tokens[i - 1], "."))
            })
            .map(|(_, t)| self.name(t))
            .collect();
        let aliased = targets.len() > 1 || !sources.is_empty();
        let mut names = Vec::new();
        for target in targets {
            match self.target(target, line)? {
                Some(name) => names.push(name),
                None => self.effect(line, "an assignment to a target other than a name"),
            }
        }
        let Some(value) = value else {
            for name in names {
                let construct = format!(
                    "assigned '{}' on line {line}",
                    self.source_text(value_tokens)
                );
                self.bind(name, Binding::NonStatic { line, construct });
            }
            return Ok(());
        };
        for name in &names {
            self.bind(
                name.clone(),
                Binding::Value {
                    line,
                    value: value.clone(),
                },
            );
        }
        if aliased && is_mutable(&value) {
            self.shared.extend(names);
        }
        if !sources.is_empty() {
            self.shared.extend(sources);
        }
        Ok(())
    }

    /// `global a, b` at module level: a no-op, except that CPython refuses
    /// to compile it after the module's own code has bound, used or
    /// annotated a name it declares. A name assigned a value before is that
    /// `SyntaxError`; a name only met in the text before (perhaps in a
    /// lambda or a comprehension, where it is no error; a `def`'s body is
    /// not looked in) makes the statement an effect,
    /// so the fields are refused rather than guessed.
    fn global(&mut self, tokens: &[Token], line: usize) -> Result<(), PyError> {
        let start = tokens[0].start;
        for (i, t) in tokens.iter().enumerate().skip(1) {
            let expected = if i % 2 == 1 { Kind::Name } else { Kind::Op };
            let comma = expected == Kind::Op && self.text(t) == ",";
            if t.kind != expected || (expected == Kind::Op && !comma) || is_keyword(self.text(t)) {
                return Err(PyError::new(line, "invalid syntax"));
            }
            if comma {
                continue;
            }
            let name = self.name(t);
            let all = self.tokens;
            let in_function = |j: usize| {
                self.function_bodies
                    .iter()
                    .any(|&(a, b)| (a..b).contains(&j))
            };
            let met_before = all.iter().enumerate().any(|(j, u)| {
                u.end <= start
                    && u.kind == Kind::Name
                    && !in_function(j)
                    && !(j > 0 && self.is_op(&all[j - 1], "."))
                    && self.name(u) == name
            });
            if !met_before {
                continue;
            }
            // (an import binds too, but CPython does not count it here)
            if matches!(self.bindings.get(&name), Some(Binding::Value { .. })) {
                return Err(PyError::new(
                    line,
                    format!("name '{name}' is assigned to before global declaration"),
                ));
            }
            self.effect(line, format!("'global {name}' after the name is used"));
        }
        if tokens.len() % 2 == 1 {
            return Err(PyError::new(line, "invalid syntax"));
        }
        Ok(())
    }

    /// Whether `tokens` is a call of one of the constructors rez puts in the
    /// file's globals that have no effect but building their object
    /// (`ModifyList(...)`, and `DelayLoad(...)` in a rezconfig), with literal
    /// arguments: the assigned name is not static, but nothing else changes.
    fn is_known_constructor(&self, tokens: &[Token]) -> Result<bool, PyError> {
        let [callee, open, args @ .., close] = tokens else {
            return Ok(false);
        };
        let name = self.text(callee);
        if !matches!(name, "ModifyList" | "DelayLoad")
            || self.bindings.contains_key(name)
            || !self.is_op(open, "(")
            || !self.is_op(close, ")")
        {
            return Ok(false);
        }
        let mut depth = 0i32;
        let mut argument_start = 0;
        let mut arguments = Vec::new();
        for (i, t) in args.iter().enumerate() {
            match (t.kind, self.text(t)) {
                (Kind::Op, "(" | "[" | "{") => depth += 1,
                (Kind::Op, ")" | "]" | "}") => {
                    depth -= 1;
                    if depth < 0 {
                        return Ok(false);
                    }
                }
                (Kind::Op, ",") if depth == 0 => {
                    arguments.push(&args[argument_start..i]);
                    argument_start = i + 1;
                }
                _ => {}
            }
        }
        arguments.push(&args[argument_start..]);
        for argument in arguments {
            let value = match argument {
                [] => continue,
                [keyword, equals, value @ ..]
                    if keyword.kind == Kind::Name && self.is_op(equals, "=") =>
                {
                    value
                }
                value => value,
            };
            match self.evaluate(value) {
                Ok(_) => {}
                Err(ExprError::Syntax(e)) => return Err(e),
                Err(ExprError::NotLiteral { .. }) => return Ok(false),
            }
        }
        Ok(true)
    }

    /// The name an assignment target binds; `None` for any other target
    /// (an attribute, a subscript, an unpacking), which runs code or may
    /// fail.
    fn target(&self, target: &[Token], line: usize) -> Result<Option<String>, PyError> {
        let Some(first) = target.first() else {
            return Err(PyError::new(line, "invalid syntax: nothing to assign to"));
        };
        if target.len() == 1 && first.kind == Kind::Name {
            let name = self.name(first);
            if is_keyword(&name) {
                return Err(PyError::new(line, format!("cannot assign to {name}")));
            }
            return Ok(Some(name));
        }
        if matches!(first.kind, Kind::Number | Kind::Str) {
            return Err(PyError::new(line, "cannot assign to literal"));
        }
        Ok(None)
    }

    /// `target op= value`: evaluated for `name += literal` where the sum is
    /// one the literal evaluator knows and no other name holds the same
    /// list; anything else is the module's effect.
    fn augmented(
        &mut self,
        target: &[Token],
        op: &str,
        value: &[Token],
        line: usize,
    ) -> Result<(), PyError> {
        let Ok(Some(name)) = self.target(target, line) else {
            self.effect(line, "the augmented assignment");
            return Ok(());
        };
        let right = match self.evaluate(value) {
            Ok(v) => v,
            Err(ExprError::Syntax(e)) => return Err(e),
            Err(ExprError::NotLiteral { .. }) => {
                self.effect(line, "the augmented assignment");
                return Ok(());
            }
        };
        let left = match self.bindings.get(&name) {
            Some(Binding::Value { value, .. }) if op == "+=" => value.clone(),
            _ => {
                self.effect(line, format!("the augmented assignment to '{name}'"));
                return Ok(());
            }
        };
        if is_mutable(&left) && self.shared.contains(&name) {
            self.effect(
                line,
                format!(
                    "the augmented assignment to '{name}', which changes a list another name holds"
                ),
            );
            return Ok(());
        }
        let sum = match (left, right) {
            (Value::List(mut a), Value::List(b)) => {
                a.extend(b);
                Value::List(a)
            }
            (Value::Tuple(mut a), Value::Tuple(b)) => {
                a.extend(b);
                Value::Tuple(a)
            }
            (Value::Str(a), Value::Str(b)) => Value::Str(a + &b),
            (Value::Int(a), Value::Int(b)) => {
                a.checked_add(b).map_or(Value::Other("int"), Value::Int)
            }
            _ => {
                self.effect(line, format!("the augmented assignment to '{name}'"));
                return Ok(());
            }
        };
        let shared = self.shared.contains(&name);
        self.bind(name.clone(), Binding::Value { line, value: sum });
        if shared {
            self.shared.insert(name);
        }
        Ok(())
    }

    /// `import a.b as c, d` or `from m import x as y`: binds the names it
    /// lists (to modules or what the module holds, which the reader does not
    /// know) and nothing else; `from m import *` may bind any name, so it
    /// is the module's effect.
    fn import(&mut self, tokens: &[Token], line: usize) {
        let names: &[Token] = if self.text(&tokens[0]) == "from" {
            match tokens
                .iter()
                .position(|t| t.kind == Kind::Name && self.text(t) == "import")
            {
                Some(at) => &tokens[at + 1..],
                None => &[],
            }
        } else {
            &tokens[1..]
        };
        if names.is_empty() || names.iter().any(|t| self.is_op(t, "*")) {
            self.effect(
                line,
                format!("the '{}' statement", self.source_text(tokens)),
            );
            return;
        }
        let src = self.src;
        let comma = |t: &Token| t.kind == Kind::Op && src.get(t.start..t.end) == Some(",");
        let mut bound = Vec::new();
        for item in names.split(comma) {
            let item: Vec<&Token> = item
                .iter()
                .filter(|t| !(self.is_op(t, "(") || self.is_op(t, ")")))
                .collect();
            let name = match item.as_slice() {
                [.., as_, alias] if self.text(as_) == "as" => Some(*alias),
                [first, ..] => Some(*first),
                [] => None,
            };
            if let Some(name) = name.filter(|t| t.kind == Kind::Name) {
                bound.push(self.name(name));
            }
        }
        for name in bound {
            let construct = format!("bound by the import on line {line}");
            self.bind(name, Binding::NonStatic { line, construct });
        }
    }

    /// `del a, b`: unbinds names the module has bound; anything else may
    /// fail or run code.
    fn del(&mut self, targets: &[Token], line: usize) -> Result<(), PyError> {
        let src = self.src;
        let comma = |t: &Token| t.kind == Kind::Op && src.get(t.start..t.end) == Some(",");
        for target in targets.split(comma) {
            match target {
                [] => {}
                [t] if t.kind == Kind::Name && !is_keyword(self.text(t)) => {
                    let name = self.name(t);
                    if self.bindings.remove(&name).is_none() {
                        self.effect(
                            line,
                            format!("'del {name}' of a name the module has not bound"),
                        );
                    }
                    self.shared.remove(&name);
                }
                _ => self.effect(line, "the 'del' statement"),
            }
        }
        Ok(())
    }

    /// A statement that is an expression: a literal (a docstring) does
    /// nothing; anything else (a call, a name that may be undefined) runs
    /// code at load.
    fn expression_statement(&mut self, tokens: &[Token], line: usize) -> Result<(), PyError> {
        match self.evaluate(tokens) {
            Ok(_) => {}
            Err(ExprError::Syntax(e)) => return Err(e),
            Err(ExprError::NotLiteral { .. }) => {
                self.effect(
                    line,
                    format!("the statement '{}'", self.source_text(tokens)),
                );
            }
        }
        Ok(())
    }
}

/// Whether changing `value` in place is possible (`+=` on a list).
fn is_mutable(value: &Value) -> bool {
    matches!(value, Value::List(_) | Value::Dict(_) | Value::Set(_))
}
