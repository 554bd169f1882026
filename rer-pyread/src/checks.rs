//! Checks CPython's compiler makes on every token of a file, whether or not
//! the statement holding it is one the reader evaluates: a function body
//! with a malformed f-string or a 5,000-digit integer fails the whole file
//! in rez, so it fails here too.

use crate::PyError;
use crate::fstring;
use crate::lexer::{Kind, LexError, Token};

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

/// The error CPython 3.11 reports for a file its tokenizer refuses.
///
/// CPython's parser reads tokens as it goes. An error the tokenizer raises
/// itself wins over any parser error (after a parser error CPython
/// tokenizes the rest of the file and reports the first such error, at any
/// line), except an indented line where none may start ("unexpected
/// indent"), which CPython reports without tokenizing further. The
/// reader's own grammar errors are therefore not looked for before it; the
/// other tokenizer errors (bad indentation...) are reported as they are,
/// though CPython reports a parser error before them first.
pub(crate) fn tokenizer_error(src: &[u8], lexed: LexError) -> PyError {
    if !lexed.raised_by_tokenizer {
        return lexed.error;
    }
    match unexpected_indent(src, &lexed.tokens) {
        Some(line) => PyError::new(line, "unexpected indent"),
        None => lexed.error,
    }
}

/// The line of the first indented line where no block opens: an `Indent`
/// at the start of the file, or after a logical line not ending in `:`.
fn unexpected_indent(src: &[u8], tokens: &[Token]) -> Option<usize> {
    let starts_block = |i: usize| {
        i >= 2
            && tokens[i - 1].kind == Kind::Newline
            && tokens[i - 2].kind == Kind::Op
            && src.get(tokens[i - 2].start..tokens[i - 2].end) == Some(b":")
    };
    tokens
        .iter()
        .enumerate()
        .find(|&(i, t)| t.kind == Kind::Indent && !starts_block(i))
        .map(|(_, t)| t.line)
}

/// Every token's compile-time checks, in the order CPython's parser meets
/// them.
pub(crate) fn tokens(src: &str, tokens: &[Token]) -> Result<(), PyError> {
    let text = |token: &Token| src.get(token.start..token.end).unwrap_or("");
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        match token.kind {
            Kind::Number => int_digits(text(token), token.line)?,
            Kind::Str => {
                // Adjacent literals are one constant: CPython checks their
                // f-strings once it has read the token after the last, and
                // names that token's line.
                let run = tokens[i..]
                    .iter()
                    .take_while(|t| t.kind == Kind::Str)
                    .count();
                let line = tokens.get(i + run).map_or(token.line, |t| t.line);
                for literal in &tokens[i..i + run] {
                    fstring::check(text(literal)).map_err(|m| PyError::new(line, m))?;
                }
                i += run;
                continue;
            }
            _ => {}
        }
        i += 1;
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
