//! Checks CPython's compiler makes on every token of a file, whether or not
//! the statement holding it is one the reader evaluates: a function body
//! with a malformed f-string or a 5,000-digit integer fails the whole file
//! in rez, so it fails here too.

use crate::PyError;
use crate::lexer::{Kind, Token};

/// The most digits a decimal integer literal may have (CPython's
/// `sys.int_info.default_max_str_digits`).
pub(crate) const MAX_INT_DIGITS: usize = 4_300;

/// A NUL byte anywhere: CPython's `compile` refuses the source before
/// tokenizing it ("source code string cannot contain null bytes").
pub(crate) fn no_nul_byte(bytes: &[u8]) -> Result<(), PyError> {
    match bytes.iter().position(|&b| b == 0) {
        None => Ok(()),
        Some(at) => Err(PyError::new(
            1 + bytes[..at].iter().filter(|&&b| b == b'\n').count(),
            "source code string cannot contain null bytes",
        )),
    }
}

/// Every token's compile-time checks.
pub(crate) fn tokens(src: &str, tokens: &[Token]) -> Result<(), PyError> {
    for token in tokens {
        let text = src.get(token.start..token.end).unwrap_or("");
        match token.kind {
            Kind::Number => int_digits(text, token.line)?,
            Kind::Str => fstring(text, token.line)?,
            _ => {}
        }
    }
    Ok(())
}

/// A decimal integer literal of more than [`MAX_INT_DIGITS`] digits.
fn int_digits(text: &str, line: usize) -> Result<(), PyError> {
    if !text.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        return Ok(());
    }
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits <= MAX_INT_DIGITS {
        return Ok(());
    }
    Err(PyError::new(
        line,
        format!(
            "Exceeds the limit ({MAX_INT_DIGITS} digits) for integer string conversion: value has {digits} digits; \
             use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals \
             to avoid decimal conversion limits."
        ),
    ))
}

/// The replacement fields of an f-string literal are well formed: braces
/// balance, no field is empty, a conversion is `!s`, `!r` or `!a`.
fn fstring(token: &str, line: usize) -> Result<(), PyError> {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    if !token[..quote_at].contains(['f', 'F']) {
        return Ok(());
    }
    let bytes = token.as_bytes();
    let quote = bytes[quote_at];
    let triple =
        bytes.len() >= quote_at + 6 && bytes[quote_at + 1] == quote && bytes[quote_at + 2] == quote;
    let q = if triple { 3 } else { 1 };
    let body = &bytes[quote_at + q..bytes.len().saturating_sub(q).max(quote_at + q)];
    let error = |message: &str| Err(PyError::new(line, format!("f-string: {message}")));
    let mut i = 0;
    // Each open field: the bracket depth inside its expression, whether its
    // format spec has started.
    let mut fields: Vec<(usize, bool)> = Vec::new();
    while i < body.len() {
        let c = body[i];
        match fields.last_mut() {
            // Literal text, or a format spec (which may hold nested fields).
            None | Some((_, true)) => match c {
                b'{' if fields.is_empty() && body.get(i + 1) == Some(&b'{') => i += 1,
                b'}' if fields.is_empty() && body.get(i + 1) == Some(&b'}') => i += 1,
                b'{' => {
                    if fields.len() >= 2 {
                        return error("expressions nested too deeply");
                    }
                    fields.push((0, false));
                    let rest = &body[i + 1..];
                    let blank = rest.iter().position(|b| !b.is_ascii_whitespace());
                    if blank.is_none_or(|at| matches!(rest[at], b'}' | b'!' | b':' | b'=')) {
                        return error("empty expression not allowed");
                    }
                }
                b'}' if fields.is_empty() => return error("single '}' is not allowed"),
                b'}' => {
                    fields.pop();
                }
                _ => {}
            },
            Some((depth, spec)) => match c {
                b'(' | b'[' | b'{' => *depth += 1,
                b')' | b']' if *depth > 0 => *depth -= 1,
                b'}' if *depth > 0 => *depth -= 1,
                b')' | b']' => return error(&format!("unmatched '{}'", c as char)),
                b'}' => {
                    fields.pop();
                }
                b'\'' | b'"' => {
                    if c == quote && !triple {
                        return error("expecting '}'");
                    }
                    match body[i + 1..].iter().position(|&b| b == c) {
                        Some(at) => i += at + 1,
                        None => return error("unterminated string"),
                    }
                }
                b'\\' => {
                    return error("expression part cannot include a backslash");
                }
                b'#' => return error("expression part cannot include '#'"),
                b'!' if *depth == 0 && body.get(i + 1) != Some(&b'=') => match body.get(i + 1) {
                    Some(b's' | b'r' | b'a') if matches!(body.get(i + 2), Some(b'}' | b':')) => {
                        i += 1;
                    }
                    _ => {
                        return error("invalid conversion character: expected 's', 'r', or 'a'");
                    }
                },
                b':' if *depth == 0 => *spec = true,
                _ => {}
            },
        }
        i += 1;
    }
    if !fields.is_empty() {
        return error("expecting '}'");
    }
    Ok(())
}
