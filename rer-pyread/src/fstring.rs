//! The checks CPython 3.11 makes on an f-string literal when it compiles
//! it, ported from `Parser/string_parser.c` (`fstring_find_literal`,
//! `fstring_find_expr`, `_PyPegen_FstringParser_ConcatFstring`), with its
//! messages: unbalanced braces, an empty expression, a bad conversion, a
//! backslash or `#` in an expression, nesting past two levels.
//!
//! Not checked: the expressions themselves (CPython compiles each one and
//! reports its syntax errors as `f-string: invalid syntax`), and the escape
//! sequences of the literal parts.

/// CPython's `MAXLEVEL`: the brackets an expression may nest.
const MAX_BRACKETS: usize = 200;

type Check<T> = Result<T, String>;

const EXPECTING_BRACE: &str = "f-string: expecting '}'";

/// Checks the string literal token `token` (prefix and quotes included) if
/// it is an f-string: `Err` holds CPython's message.
pub(crate) fn check(token: &str) -> Check<()> {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let prefix = &token[..quote_at];
    if !prefix.contains(['f', 'F']) {
        return Ok(());
    }
    let bytes = token.as_bytes();
    let quote = bytes[quote_at];
    let triple =
        bytes.len() >= quote_at + 6 && bytes[quote_at + 1] == quote && bytes[quote_at + 2] == quote;
    let q = if triple { 3 } else { 1 };
    let end = bytes.len().saturating_sub(q).max(quote_at + q);
    let mut body = Body {
        s: &bytes[quote_at + q..end],
        raw: prefix.contains(['r', 'R']),
        pos: 0,
    };
    body.concat(0)
}

/// An f-string's body (between its quotes) and the scan's position.
struct Body<'a> {
    s: &'a [u8],
    raw: bool,
    pos: usize,
}

impl Body<'_> {
    /// The byte at `i`; 0 at the end (where CPython reads the closing quote,
    /// which is no character it looks for).
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    fn end(&self) -> usize {
        self.s.len()
    }

    /// `_PyPegen_FstringParser_ConcatFstring`: literal parts and fields up
    /// to the end (`level` 0) or to the `}` closing a format spec.
    fn concat(&mut self, level: usize) -> Check<()> {
        loop {
            if self.literal(level)? {
                continue;
            }
            if self.pos >= self.end() || self.at(self.pos) == b'}' {
                break;
            }
            self.field(level)?;
        }
        if level == 0 && self.pos + 1 < self.end() {
            return Err("f-string: unexpected end of string".into());
        }
        if level != 0 && self.at(self.pos) != b'}' {
            return Err(EXPECTING_BRACE.into());
        }
        Ok(())
    }

    /// `fstring_find_literal`: literal text up to a `{` or `}`. `true` when
    /// it stopped after a doubled brace (scanning goes on).
    fn literal(&mut self, level: usize) -> Check<bool> {
        let end = self.end();
        let mut s = self.pos;
        while s < end {
            let mut ch = self.s[s];
            s += 1;
            if !self.raw && ch == b'\\' && s < end {
                ch = self.s[s];
                s += 1;
                if ch == b'N' {
                    // `\N{NAME}`: its braces are not a field.
                    if s < end {
                        s += 1;
                        if self.s[s - 1] == b'{' {
                            while s < end {
                                s += 1;
                                if self.s[s - 1] == b'}' {
                                    break;
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if s < end && self.s[s] == ch {
                        self.pos = s + 1;
                        return Ok(true);
                    }
                    if ch == b'}' {
                        self.pos = s - 1;
                        return Err("f-string: single '}' is not allowed".into());
                    }
                }
                s -= 1;
                break;
            }
        }
        self.pos = s;
        Ok(false)
    }

    /// `fstring_find_expr`: the field whose `{` is at the position.
    fn field(&mut self, level: usize) -> Check<()> {
        if level >= 2 {
            return Err("f-string: expressions nested too deeply".into());
        }
        let end = self.end();
        self.pos += 1;
        let start = self.pos;
        let mut quote = 0u8;
        let mut triple = false;
        let mut brackets: Vec<u8> = Vec::new();
        while self.pos < end {
            let ch = self.s[self.pos];
            if ch == b'\\' {
                return Err("f-string expression part cannot include a backslash".into());
            }
            if quote != 0 {
                if ch == quote {
                    if !triple {
                        quote = 0;
                    } else if self.at(self.pos + 1) == ch
                        && self.at(self.pos + 2) == ch
                        && self.pos + 2 < end
                    {
                        self.pos += 2;
                        quote = 0;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    triple = self.pos + 2 < end
                        && self.s[self.pos + 1] == ch
                        && self.s[self.pos + 2] == ch;
                    if triple {
                        self.pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if brackets.len() >= MAX_BRACKETS {
                        return Err("f-string: too many nested parenthesis".into());
                    }
                    brackets.push(ch);
                }
                b'#' => return Err("f-string expression part cannot include '#'".into()),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if brackets.is_empty() => {
                    let next = self.at(self.pos + 1);
                    if self.pos + 1 < end && next == b'=' && ch != b':' && ch != b'}' {
                        // `!=`, `==`, `<=`, `>=`: operators, not the field's end.
                        self.pos += 2;
                        continue;
                    }
                    if ch != b'>' && ch != b'<' {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(open) = brackets.pop() else {
                        return Err(format!("f-string: unmatched '{}'", ch as char));
                    };
                    if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        return Err(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        if quote != 0 {
            return Err("f-string: unterminated string".into());
        }
        if let Some(&open) = brackets.last() {
            return Err(format!("f-string: unmatched '{}'", open as char));
        }
        if self.pos >= end {
            return Err(EXPECTING_BRACE.into());
        }
        let expression = &self.s[start..self.pos];
        if expression
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c'))
        {
            let next = self.at(self.pos);
            if matches!(next, b'!' | b':' | b'=') {
                return Err(format!(
                    "f-string: expression required before '{}'",
                    next as char
                ));
            }
            return Err("f-string: empty expression not allowed".into());
        }
        if self.at(self.pos) == b'=' {
            self.pos += 1;
            while matches!(
                self.at(self.pos),
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'
            ) {
                self.pos += 1;
            }
            if self.pos >= end {
                return Err(EXPECTING_BRACE.into());
            }
        }
        if self.at(self.pos) == b'!' {
            self.pos += 1;
            if self.pos >= end {
                return Err(EXPECTING_BRACE.into());
            }
            let conversion = self.at(self.pos);
            self.pos += 1;
            if !matches!(conversion, b's' | b'r' | b'a') {
                return Err(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'".into(),
                );
            }
        }
        if self.at(self.pos) == b':' {
            self.pos += 1;
            if self.pos >= end {
                return Err(EXPECTING_BRACE.into());
            }
            self.concat(level + 1)?;
        }
        if self.pos >= end || self.at(self.pos) != b'}' {
            return Err(EXPECTING_BRACE.into());
        }
        self.pos += 1;
        Ok(())
    }
}
