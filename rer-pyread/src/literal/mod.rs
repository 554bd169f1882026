//! Evaluating Python literal expressions: what `ast.literal_eval` accepts,
//! plus `+` between two values of one kind (`['a'] + ['b']`).
//!
//! Anything else (a name, a call, a comprehension, an operator) is not an
//! error here: it is reported as [`ExprError::NotLiteral`], and the reader
//! decides whether that matters (it does only for the fields the solver
//! reads). Malformed literals (`[1,,2]`, `'\x4'`, `01`) are syntax errors, as
//! in CPython.

mod number;
mod string;

use crate::lexer::{Kind, Token};
use crate::{PyError, Value};
use number::number;
use string::{Decoded, decode_string};

/// Why an expression has no literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExprError {
    /// The expression is valid Python but not a literal; `what` names the
    /// construct (`a call`, `the name 'x'`, ...).
    NotLiteral { line: usize, what: String },
    /// The expression is not valid Python.
    Syntax(PyError),
}

impl From<PyError> for ExprError {
    fn from(e: PyError) -> Self {
        ExprError::Syntax(e)
    }
}

/// Python keywords that may follow a complete expression.
const CONTINUING_KEYWORDS: &[&str] =
    &["if", "else", "for", "and", "or", "not", "in", "is", "async"];

/// How deeply operators may nest in one expression (`- - 1`, `1 + 1 + 1`):
/// CPython's compiler gives up at about 3,000 (the exact depth depends on
/// how deep the caller's stack already is; in rez's loader it is a little
/// less), with "maximum recursion depth exceeded during compilation".
pub(crate) const MAX_EXPRESSION_DEPTH: usize = 2_900;

/// What a name in an expression stands for: its value when the module has
/// bound it to one, else why it cannot be known.
pub(crate) type Lookup<'l> = &'l dyn Fn(&str) -> Result<Value, String>;

/// Evaluates the expression `tokens` (an assignment's right-hand side; a
/// bare tuple `a, b` is allowed) of the source `src`. A name is not a
/// literal.
pub(crate) fn evaluate(src: &str, tokens: &[Token]) -> Result<Value, ExprError> {
    evaluate_with(src, tokens, &|name| Err(format!("the name '{name}'")))
}

/// As [`evaluate`], with names resolved by `lookup`.
pub(crate) fn evaluate_with(
    src: &str,
    tokens: &[Token],
    lookup: Lookup<'_>,
) -> Result<Value, ExprError> {
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        lookup,
    };
    let Some(first) = tokens.first() else {
        return Err(PyError::new(0, "invalid syntax: missing expression").into());
    };
    let value = parser.items_or_single(None, first.line)?;
    parser.finish()?;
    Ok(value)
}

struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    lookup: Lookup<'a>,
}

impl<'a> Parser<'a> {
    fn text(&self, token: &Token) -> &'a str {
        self.src.get(token.start..token.end).unwrap_or("")
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_op(&self, op: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind == Kind::Op && self.text(t) == op)
    }

    fn line(&self) -> usize {
        self.peek()
            .or_else(|| self.tokens.last())
            .map_or(0, |t| t.line)
    }

    fn not_literal<T>(&self, what: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError::NotLiteral {
            line: self.line(),
            what: what.into(),
        })
    }

    fn syntax<T>(&self, message: impl Into<String>) -> Result<T, ExprError> {
        Err(PyError::new(self.line(), message).into())
    }

    /// After a complete expression: nothing may follow but a construct that
    /// makes it a non-literal; two operands in a row are a syntax error.
    fn finish(&self) -> Result<(), ExprError> {
        let Some(token) = self.peek() else {
            return Ok(());
        };
        let text = self.text(token);
        match token.kind {
            Kind::Name if !CONTINUING_KEYWORDS.contains(&text) => self.syntax("invalid syntax"),
            Kind::Number | Kind::Str => self.syntax("invalid syntax"),
            Kind::Name => self.not_literal(format!("an expression using '{text}'")),
            _ => self.not_literal(format!("the operator '{text}'")),
        }
    }

    /// `item, item, ...` up to `close` (or the end), or one item when there is
    /// no comma and `close` is not a list/set/tuple delimiter.
    fn items_or_single(&mut self, close: Option<&str>, line: usize) -> Result<Value, ExprError> {
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            if self.at_close(close) {
                break;
            }
            items.push(self.sum()?);
            if self.peek_op(",") {
                self.pos += 1;
                comma = true;
            } else {
                break;
            }
        }
        if items.is_empty() && close.is_none() {
            return Err(PyError::new(line, "invalid syntax: missing expression").into());
        }
        if !comma && items.len() == 1 && close.is_none_or(|c| c == ")") {
            return Ok(items.pop().unwrap_or(Value::None));
        }
        Ok(Value::Tuple(items))
    }

    fn at_close(&self, close: Option<&str>) -> bool {
        match close {
            Some(c) => self.peek_op(c),
            None => self.peek().is_none(),
        }
    }

    fn expect_close(&mut self, close: &str) -> Result<(), ExprError> {
        if self.peek_op(close) {
            self.pos += 1;
            return Ok(());
        }
        if self.peek().is_none() {
            return self.syntax(format!("invalid syntax: expected '{close}'"));
        }
        self.finish()?;
        self.syntax(format!("invalid syntax: expected '{close}'"))
    }

    /// `unary ('+' unary)*`.
    fn sum(&mut self) -> Result<Value, ExprError> {
        let mut value = self.unary()?;
        let mut operands = 1;
        while self.peek_op("+") {
            self.pos += 1;
            operands += 1;
            if operands > MAX_EXPRESSION_DEPTH {
                return self.syntax("too many operands in one expression (CPython: maximum recursion depth exceeded during compilation)");
            }
            let right = self.unary()?;
            value = match (value, right) {
                (Value::Str(a), Value::Str(b)) => Value::Str(a + &b),
                (Value::Bytes(mut a), Value::Bytes(b)) => {
                    a.extend(b);
                    Value::Bytes(a)
                }
                (Value::List(mut a), Value::List(b)) => {
                    a.extend(b);
                    Value::List(a)
                }
                (Value::Tuple(mut a), Value::Tuple(b)) => {
                    a.extend(b);
                    Value::Tuple(a)
                }
                (Value::Int(a), Value::Int(b)) => {
                    a.checked_add(b).map_or(Value::Other("int"), Value::Int)
                }
                (a, b) => {
                    return self.not_literal(format!(
                        "'+' between {} and {}",
                        a.type_name(),
                        b.type_name()
                    ));
                }
            };
        }
        Ok(value)
    }

    /// Prefix operators (`-`, `+`, `~`), read in a loop so that a long run
    /// of them cannot exhaust the stack, then applied innermost first.
    fn unary(&mut self) -> Result<Value, ExprError> {
        let mut operators = Vec::new();
        while let Some(op) = ["-", "+", "~"].into_iter().find(|op| self.peek_op(op)) {
            if operators.len() >= MAX_EXPRESSION_DEPTH {
                return self.syntax("too many nested operators (CPython: maximum recursion depth exceeded during compilation)");
            }
            operators.push(op);
            self.pos += 1;
        }
        let mut value = self.postfix()?;
        for op in operators.into_iter().rev() {
            value = match (op, value) {
                ("-", Value::Int(i)) => i.checked_neg().map_or(Value::Other("int"), Value::Int),
                ("~", Value::Int(i)) => Value::Int(!i),
                ("-", Value::Float(f)) => Value::Float(-f),
                ("~", Value::Float(_)) => {
                    return self.not_literal("the operator '~' on a float");
                }
                ("-" | "+", value @ (Value::Int(_) | Value::Float(_) | Value::Other(_))) => value,
                ("~", Value::Other("int")) => Value::Other("int"),
                ("-" | "+" | "~", Value::Bool(b)) => Value::Int(match op {
                    "-" => -i128::from(b),
                    "~" => !i128::from(b),
                    _ => i128::from(b),
                }),
                (_, other) => {
                    return self.not_literal(format!("a unary operator on {}", other.type_name()));
                }
            };
        }
        Ok(value)
    }

    /// An atom, which must not be called, subscripted or have an attribute
    /// taken.
    fn postfix(&mut self) -> Result<Value, ExprError> {
        let value = self.atom()?;
        if let Some(token) = self.peek() {
            if token.kind == Kind::Op {
                match self.text(token) {
                    "(" => return self.not_literal("a call"),
                    "[" => return self.not_literal("a subscript"),
                    "." => return self.not_literal("an attribute access"),
                    _ => {}
                }
            }
        }
        Ok(value)
    }

    fn atom(&mut self) -> Result<Value, ExprError> {
        let Some(&token) = self.peek() else {
            return self.syntax("invalid syntax: expression expected");
        };
        let text = self.text(&token);
        match token.kind {
            Kind::Str => self.strings(),
            Kind::Number => {
                self.pos += 1;
                number(text).map_err(|m| PyError::new(token.line, m).into())
            }
            Kind::Name => {
                self.pos += 1;
                match text {
                    "True" => Ok(Value::Bool(true)),
                    "False" => Ok(Value::Bool(false)),
                    "None" => Ok(Value::None),
                    "lambda" => self.not_literal("a lambda"),
                    "await" | "yield" => self.not_literal(format!("'{text}'")),
                    "not" => self.not_literal("the operator 'not'"),
                    _ => (self.lookup)(&crate::names::normalise(text)).map_err(|what| {
                        ExprError::NotLiteral {
                            line: token.line,
                            what,
                        }
                    }),
                }
            }
            Kind::Op => {
                self.pos += 1;
                match text {
                    "(" => {
                        let value = self.items_or_single(Some(")"), token.line)?;
                        self.expect_close(")")?;
                        Ok(value)
                    }
                    "[" => {
                        let value = match self.items_or_single(Some("]"), token.line)? {
                            Value::Tuple(items) => Value::List(items),
                            other => Value::List(vec![other]),
                        };
                        self.expect_close("]")?;
                        Ok(value)
                    }
                    "{" => self.braces(),
                    "..." => Ok(Value::Other("ellipsis")),
                    "*" | "**" => self.not_literal("an unpacking"),
                    _ => self.syntax(format!("invalid syntax: unexpected '{text}'")),
                }
            }
            _ => self.syntax("invalid syntax"),
        }
    }

    /// `{}`, `{k: v, ...}` or `{a, ...}`, after the `{`.
    fn braces(&mut self) -> Result<Value, ExprError> {
        if self.peek_op("}") {
            self.pos += 1;
            return Ok(Value::Dict(Vec::new()));
        }
        if self.peek_op("**") {
            return self.not_literal("a dict unpacking");
        }
        let first = self.sum()?;
        if self.peek_op(":") {
            self.pos += 1;
            let mut entries = vec![(first, self.sum()?)];
            while self.peek_op(",") {
                self.pos += 1;
                if self.peek_op("}") {
                    break;
                }
                if self.peek_op("**") {
                    return self.not_literal("a dict unpacking");
                }
                let key = self.sum()?;
                if !self.peek_op(":") {
                    if !self.peek_op(",") && !self.peek_op("}") {
                        self.finish()?;
                    }
                    return self.syntax("invalid syntax: expected ':'");
                }
                self.pos += 1;
                entries.push((key, self.sum()?));
            }
            self.expect_close("}")?;
            return Ok(Value::Dict(entries));
        }
        let mut items = vec![first];
        while self.peek_op(",") {
            self.pos += 1;
            if self.peek_op("}") {
                break;
            }
            items.push(self.sum()?);
        }
        self.expect_close("}")?;
        Ok(Value::Set(items))
    }

    /// One or more adjacent string literals, concatenated.
    fn strings(&mut self) -> Result<Value, ExprError> {
        let mut text: Option<String> = None;
        let mut bytes: Option<Vec<u8>> = None;
        let mut fstring = false;
        while let Some(&token) = self.peek() {
            if token.kind != Kind::Str {
                break;
            }
            self.pos += 1;
            match decode_string(self.text(&token), token.line)? {
                Decoded::Str(s) => match &mut text {
                    Some(t) => t.push_str(&s),
                    None => text = Some(s),
                },
                Decoded::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend(b),
                Decoded::FString => fstring = true,
                Decoded::Unsupported(what) => {
                    return Err(ExprError::NotLiteral {
                        line: token.line,
                        what: what.into(),
                    });
                }
            }
            if bytes.is_some() && (text.is_some() || fstring) {
                return Err(
                    PyError::new(token.line, "cannot mix bytes and nonbytes literals").into(),
                );
            }
        }
        if fstring {
            return self.not_literal("an f-string");
        }
        Ok(match (text, bytes) {
            (_, Some(b)) => Value::Bytes(b),
            (Some(s), None) => Value::Str(s),
            (None, None) => Value::Str(String::new()),
        })
    }
}

#[cfg(test)]
mod tests;
