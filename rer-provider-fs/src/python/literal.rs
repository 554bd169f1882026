//! Evaluating Python literal expressions: what `ast.literal_eval` accepts,
//! plus `+` between two values of one kind (`['a'] + ['b']`).
//!
//! Anything else (a name, a call, a comprehension, an operator) is not an
//! error here: it is reported as [`ExprError::NotLiteral`], and the reader
//! decides whether that matters (it does only for the fields the solver
//! reads). Malformed literals (`[1,,2]`, `'\x4'`, `01`) are syntax errors, as
//! in CPython.

use super::PyError;
use super::lexer::{Kind, Token};

/// A Python value that a literal denotes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `'text'`, in any quoting.
    Str(String),
    /// `b'bytes'`.
    Bytes(Vec<u8>),
    /// An integer that fits in 128 bits.
    Int(i128),
    /// A float.
    Float(f64),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `[...]`.
    List(Vec<Value>),
    /// `(...)` or a bare `a, b`.
    Tuple(Vec<Value>),
    /// `{a, b}`.
    Set(Vec<Value>),
    /// `{k: v}`, in source order.
    Dict(Vec<(Value, Value)>),
    /// A literal rer has no use for and does not keep: a complex number, an
    /// integer beyond 128 bits, `...`. The text says which.
    Other(&'static str),
}

impl Value {
    /// The Python type name, for messages (`list`, `str`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Bool(_) => "bool",
            Value::None => "NoneType",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Set(_) => "set",
            Value::Dict(_) => "dict",
            Value::Other(what) => what,
        }
    }
}

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

/// Evaluates the expression `tokens` (an assignment's right-hand side; a
/// bare tuple `a, b` is allowed) of the source `src`.
pub(crate) fn evaluate(src: &str, tokens: &[Token]) -> Result<Value, ExprError> {
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
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
        while self.peek_op("+") {
            self.pos += 1;
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

    fn unary(&mut self) -> Result<Value, ExprError> {
        if self.peek_op("-") || self.peek_op("+") {
            let negative = self.peek_op("-");
            self.pos += 1;
            let value = self.unary()?;
            return match value {
                Value::Int(i) if negative => {
                    Ok(i.checked_neg().map_or(Value::Other("int"), Value::Int))
                }
                Value::Float(f) if negative => Ok(Value::Float(-f)),
                Value::Int(_) | Value::Float(_) | Value::Other(_) => Ok(value),
                Value::Bool(b) => Ok(Value::Int(if negative {
                    -i128::from(b)
                } else {
                    i128::from(b)
                })),
                other => self.not_literal(format!("a unary operator on {}", other.type_name())),
            };
        }
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
                    _ => Err(ExprError::NotLiteral {
                        line: token.line,
                        what: format!("the name '{text}'"),
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

/// A numeric literal's value.
fn number(text: &str) -> Result<Value, String> {
    let invalid = || format!("invalid number literal '{text}'");
    if text.starts_with('_')
        || text.ends_with('_')
        || text.contains("__")
        || text.contains("_.")
        || text.contains("._")
    {
        return Err(invalid());
    }
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return Err(invalid());
            }
            return Ok(i128::from_str_radix(digits, radix).map_or(Value::Other("int"), Value::Int));
        }
    }
    if let Some(real) = lower.strip_suffix('j') {
        return real
            .parse::<f64>()
            .map(|_| Value::Other("complex"))
            .map_err(|_| invalid());
    }
    if lower.contains(['.', 'e']) {
        return lower
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| invalid());
    }
    if !lower.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("invalid decimal literal '{text}'"));
    }
    if lower.len() > 1 && lower.starts_with('0') && lower.chars().any(|c| c != '0') {
        return Err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
            .to_string());
    }
    Ok(lower
        .parse::<i128>()
        .map_or(Value::Other("int"), Value::Int))
}

enum Decoded {
    Str(String),
    Bytes(Vec<u8>),
    FString,
    Unsupported(&'static str),
}

/// Decodes one string token (prefix, quotes and body).
fn decode_string(token: &str, line: usize) -> Result<Decoded, PyError> {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let prefix = &token[..quote_at];
    let raw = prefix.contains(['r', 'R']);
    let is_bytes = prefix.contains(['b', 'B']);
    let bytes = token.as_bytes();
    let quote = bytes.get(quote_at).copied().unwrap_or(b'\'');
    let triple =
        bytes.len() >= quote_at + 6 && bytes[quote_at + 1] == quote && bytes[quote_at + 2] == quote;
    let q = if triple { 3 } else { 1 };
    let body = token
        .get(quote_at + q..token.len().saturating_sub(q))
        .unwrap_or("");
    if prefix.contains(['f', 'F']) {
        // An f-string without replacement fields is a constant.
        if has_replacement_field(body.as_bytes()) {
            return Ok(Decoded::FString);
        }
        let unprefixed = format!("{}{}", if raw { "r" } else { "" }, &token[quote_at..]);
        return Ok(match decode_string(&unprefixed, line)? {
            Decoded::Str(s) => Decoded::Str(s.replace("{{", "{").replace("}}", "}")),
            other => other,
        });
    }
    if !body.contains(['\\', '\r']) {
        if is_bytes && !body.is_ascii() {
            return Err(PyError::new(
                line,
                "bytes can only contain ASCII literal characters",
            ));
        }
        return Ok(if is_bytes {
            Decoded::Bytes(body.as_bytes().to_vec())
        } else {
            Decoded::Str(body.to_string())
        });
    }
    let body = normalise_newlines(body);
    if is_bytes && !body.is_ascii() {
        return Err(PyError::new(
            line,
            "bytes can only contain ASCII literal characters",
        ));
    }
    if raw {
        return Ok(if is_bytes {
            Decoded::Bytes(body.into_bytes())
        } else {
            Decoded::Str(body)
        });
    }
    unescape(&body, is_bytes, line)
}

/// Whether an f-string body has a `{...}` field (doubled braces are text).
fn has_replacement_field(body: &[u8]) -> bool {
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'{' | b'}' if body.get(i + 1) == Some(&body[i]) => i += 2,
            b'{' | b'}' => return true,
            _ => i += 1,
        }
    }
    false
}

fn normalise_newlines(body: &str) -> String {
    if body.contains('\r') {
        body.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        body.to_string()
    }
}

/// Applies Python's backslash escapes.
fn unescape(body: &str, is_bytes: bool, line: usize) -> Result<Decoded, PyError> {
    let mut out: Vec<u8> = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            push_char(&mut out, c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push(b'\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(0x07),
            'b' => out.push(0x08),
            'f' => out.push(0x0c),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(0x0b),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if is_bytes {
                    out.push((value & 0xff) as u8);
                } else {
                    push_char(&mut out, char::from_u32(value).unwrap_or('\u{fffd}'));
                }
            }
            'x' | 'u' | 'U' if e == 'x' || !is_bytes => {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut value = 0u32;
                for _ in 0..digits {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            chars.next();
                        }
                        None => {
                            let kind = match e {
                                'x' => "\\xXX",
                                'u' => "\\uXXXX",
                                _ => "\\UXXXXXXXX",
                            };
                            return Err(PyError::new(
                                line,
                                format!("(unicode error) truncated {kind} escape"),
                            ));
                        }
                    }
                }
                if is_bytes {
                    out.push(value as u8);
                } else {
                    match char::from_u32(value) {
                        Some(c) => push_char(&mut out, c),
                        None if value > 0x10ffff => {
                            return Err(PyError::new(
                                line,
                                "(unicode error) illegal Unicode character",
                            ));
                        }
                        None => {
                            return Ok(Decoded::Unsupported("a string holding a lone surrogate"));
                        }
                    }
                }
            }
            'N' if !is_bytes => return Ok(Decoded::Unsupported("a \\N{...} escape")),
            other => {
                out.push(b'\\');
                push_char(&mut out, other);
            }
        }
    }
    if is_bytes {
        return Ok(Decoded::Bytes(out));
    }
    // Every byte pushed is a whole UTF-8 character, except the ones pushed for
    // bytes literals, handled above.
    String::from_utf8(out)
        .map(Decoded::Str)
        .map_err(|_| PyError::new(line, "string literal is not valid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn eval(src: &str) -> Result<Value, ExprError> {
        let tokens = tokenize(src.as_bytes()).unwrap();
        let end = tokens
            .iter()
            .position(|t| t.kind == Kind::Newline)
            .unwrap_or(tokens.len());
        evaluate(src, &tokens[..end])
    }

    fn ok(src: &str) -> Value {
        eval(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
    }

    fn s(text: &str) -> Value {
        Value::Str(text.into())
    }

    fn not_literal(src: &str) -> String {
        match eval(src) {
            Err(ExprError::NotLiteral { what, .. }) => what,
            other => panic!("{src}: {other:?}"),
        }
    }

    fn syntax(src: &str) -> PyError {
        match eval(src) {
            Err(ExprError::Syntax(e)) => e,
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn strings_in_every_quoting() {
        assert_eq!(ok("'a'"), s("a"));
        assert_eq!(ok("\"a\""), s("a"));
        assert_eq!(ok("'''a\nb'''"), s("a\nb"));
        assert_eq!(ok("\"\"\"a'\"b\"\"\""), s("a'\"b"));
        assert_eq!(ok("r'a\\nb'"), s("a\\nb"));
        assert_eq!(ok("R'\\''"), s("\\'"));
        assert_eq!(ok("u'x'"), s("x"));
        assert_eq!(ok("b'x\\x00'"), Value::Bytes(vec![b'x', 0]));
        assert_eq!(ok("Rb'\\x'"), Value::Bytes(b"\\x".to_vec()));
        assert_eq!(ok("'a' \"b\" '''c'''"), s("abc"));
        assert_eq!(ok("('a'\n 'b')"), s("ab"));
        assert_eq!(ok("''"), s(""));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            ok(r"'\t\n\\\'\x41\101\u00e9\U0001F600\q'"),
            s("\t\n\\'AAé😀\\q")
        );
        assert_eq!(ok("'a\\\nb'"), s("ab"));
        assert_eq!(ok(r"'\0'"), s("\0"));
        assert!(syntax(r"'\x4'").message.contains("truncated"));
        assert!(syntax(r"'\u12'").message.contains("truncated"));
        assert_eq!(ok(r"b'\u1234'"), Value::Bytes(b"\\u1234".to_vec()));
        assert!(not_literal(r"'\N{DASH}'").contains("\\N"));
    }

    #[test]
    fn numbers_and_constants() {
        assert_eq!(ok("1600129484"), Value::Int(1_600_129_484));
        assert_eq!(ok("-5"), Value::Int(-5));
        assert_eq!(ok("0x1f"), Value::Int(31));
        assert_eq!(ok("0o17"), Value::Int(15));
        assert_eq!(ok("0b101"), Value::Int(5));
        assert_eq!(ok("1_000"), Value::Int(1000));
        assert_eq!(ok("1.5"), Value::Float(1.5));
        assert_eq!(ok("1e3"), Value::Float(1000.0));
        assert_eq!(ok("2j"), Value::Other("complex"));
        assert_eq!(ok("0"), Value::Int(0));
        assert_eq!(ok("00"), Value::Int(0));
        assert_eq!(ok("True"), Value::Bool(true));
        assert_eq!(ok("False"), Value::Bool(false));
        assert_eq!(ok("None"), Value::None);
        assert_eq!(
            ok("99999999999999999999999999999999999999999"),
            Value::Other("int")
        );
        assert!(syntax("01").message.contains("leading zeros"));
        assert!(syntax("1abc").message.contains("invalid"));
    }

    #[test]
    fn containers() {
        assert_eq!(ok("[]"), Value::List(vec![]));
        assert_eq!(ok("['a', 'b',]"), Value::List(vec![s("a"), s("b")]));
        assert_eq!(
            ok("[['a'], ['b']]"),
            Value::List(vec![Value::List(vec![s("a")]), Value::List(vec![s("b")])])
        );
        assert_eq!(ok("()"), Value::Tuple(vec![]));
        assert_eq!(ok("('a',)"), Value::Tuple(vec![s("a")]));
        assert_eq!(ok("('a')"), s("a"));
        assert_eq!(ok("'a', 'b'"), Value::Tuple(vec![s("a"), s("b")]));
        assert_eq!(ok("{}"), Value::Dict(vec![]));
        assert_eq!(
            ok("{'a': 1, 'b': [2],}"),
            Value::Dict(vec![
                (s("a"), Value::Int(1)),
                (s("b"), Value::List(vec![Value::Int(2)]))
            ])
        );
        assert_eq!(ok("{'a', 'b'}"), Value::Set(vec![s("a"), s("b")]));
        assert_eq!(ok("['a'] + ['b']"), Value::List(vec![s("a"), s("b")]));
    }

    #[test]
    fn non_literals_name_the_construct() {
        assert_eq!(not_literal("foo"), "the name 'foo'");
        assert_eq!(not_literal("foo()"), "the name 'foo'");
        assert_eq!(not_literal("[1](2)"), "a call");
        assert_eq!(not_literal("['a'][0]"), "a subscript");
        assert_eq!(not_literal("'a'.upper()"), "an attribute access");
        assert_eq!(not_literal("f'x{y}'"), "an f-string");
        assert_eq!(ok("f'a{{b}}' 'c'"), s("a{b}c"));
        assert_eq!(ok("rf'a\\n'"), s("a\\n"));
        assert!(not_literal("[x for x in y]").contains("'x'"));
        assert!(not_literal("['a'] * 2").contains("'*'"));
        assert!(not_literal("['a'] if x else []").contains("'if'"));
        assert!(not_literal("[1] + 'a'").contains("'+'"));
        assert!(not_literal("[*a]").contains("unpacking"));
    }

    #[test]
    fn malformed_literals_are_syntax_errors() {
        syntax("[1,,2]");
        syntax("1 2");
        syntax("'a' b");
        syntax("b'a' 'b'");
        syntax("{1: 2, 3}");
    }
}
