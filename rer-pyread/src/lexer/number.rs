//! Numeric literals as CPython 3.11's tokenizer scans them (`tok_get`'s
//! number branch, `tok_decimal_tail` and `verify_end_of_number` in
//! `Parser/tokenizer.c`): where one ends, and the errors the tokenizer
//! raises itself (`invalid decimal literal` for `1z`, `invalid digit '8' in
//! octal literal`, the leading-zeros error, ...). A literal followed by one
//! of the keywords that may follow a number (`1if x else y`, `0xfor`) ends
//! before the keyword, as CPython's does (with a warning, not an error).

/// A cursor that reads as CPython's `tok_nextc` / `tok_backup` do, with 0
/// past the end (the source holds no NUL byte: it is refused first).
struct Cursor<'a> {
    src: &'a [u8],
    pos: usize,
}

type Scan<T> = Result<T, String>;

fn decimal_error<T>() -> Scan<T> {
    Err("invalid decimal literal".to_string())
}

impl Cursor<'_> {
    fn next(&mut self) -> u8 {
        let c = self.src.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        c
    }

    fn back(&mut self) {
        self.pos -= 1;
    }

    /// `tok_decimal_tail`: digits with single underscores between them,
    /// after a first digit; returns the character after them.
    fn decimal_tail(&mut self) -> Scan<u8> {
        loop {
            let mut c = self.next();
            while c.is_ascii_digit() {
                c = self.next();
            }
            if c != b'_' {
                return Ok(c);
            }
            if !self.next().is_ascii_digit() {
                self.back();
                return decimal_error();
            }
        }
    }

    /// `lookahead`: whether the next characters are `rest` and what follows
    /// cannot continue an identifier. Moves nothing.
    fn lookahead(&self, rest: &[u8]) -> bool {
        let end = self.pos + rest.len();
        self.src.get(self.pos..end) == Some(rest)
            && !self
                .src
                .get(end)
                .is_some_and(|&c| identifier_char(c) || c >= 0x80)
    }

    /// `verify_end_of_number`: `c` (just read) may follow a literal of
    /// `kind`: a keyword that may follow a number, or no identifier
    /// character.
    fn verify_end(&mut self, c: u8, kind: &str) -> Scan<()> {
        let keyword = match c {
            b'a' => self.lookahead(b"nd"),
            b'e' => self.lookahead(b"lse"),
            b'f' => self.lookahead(b"or"),
            b'i' => matches!(self.src.get(self.pos), Some(b'f' | b'n' | b's')),
            b'o' => self.lookahead(b"r"),
            b'n' => self.lookahead(b"ot"),
            _ => false,
        };
        // CPython 3.11 tests `c >= 128` too, but a number followed by a
        // non-ASCII letter compiles to "invalid syntax" there, not to this
        // error (checked with CPython 3.11.7: `x = 1é`).
        if !keyword && identifier_char(c) {
            self.back();
            return Err(format!("invalid {kind} literal"));
        }
        Ok(())
    }

    /// After the `.` of a literal: `c` is the character after it.
    fn fraction(&mut self, mut c: u8) -> Scan<()> {
        if c.is_ascii_digit() {
            c = self.decimal_tail()?;
        }
        if matches!(c, b'e' | b'E') {
            return self.exponent(c);
        }
        self.suffix(c)
    }

    /// After an exponent's `e` (`e`).
    fn exponent(&mut self, e: u8) -> Scan<()> {
        let mut c = self.next();
        if c == b'+' || c == b'-' {
            c = self.next();
            if !c.is_ascii_digit() {
                self.back();
                return decimal_error();
            }
        } else if !c.is_ascii_digit() {
            self.back();
            self.verify_end(e, "decimal")?;
            // The `e` starts a keyword (`1else`): the literal ends before it.
            self.back();
            return Ok(());
        }
        c = self.decimal_tail()?;
        self.suffix(c)
    }

    /// An imaginary `j`, or the end of a decimal literal, at `c`.
    fn suffix(&mut self, c: u8) -> Scan<()> {
        if matches!(c, b'j' | b'J') {
            let c = self.next();
            self.verify_end(c, "imaginary")?;
        } else {
            self.verify_end(c, "decimal")?;
        }
        self.back();
        Ok(())
    }

    /// The digits of a `0x` / `0o` / `0b` literal, after its prefix.
    fn radix_digits(&mut self, kind: &str, digit: fn(u8) -> bool) -> Scan<()> {
        let mut c = self.next();
        loop {
            if c == b'_' {
                c = self.next();
            }
            if !digit(c) {
                if kind != "hexadecimal" && c.is_ascii_digit() {
                    return Err(format!("invalid digit '{}' in {kind} literal", c as char));
                }
                self.back();
                return Err(format!("invalid {kind} literal"));
            }
            c = self.next();
            while digit(c) {
                c = self.next();
            }
            if c != b'_' {
                break;
            }
        }
        if kind != "hexadecimal" && c.is_ascii_digit() {
            return Err(format!("invalid digit '{}' in {kind} literal", c as char));
        }
        self.verify_end(c, kind)?;
        self.back();
        Ok(())
    }

    /// A literal starting with `0` (read), e.g. `0x1f`, `0_0`, `0.5`, `007`.
    fn zero(&mut self) -> Scan<()> {
        let mut c = self.next();
        match c {
            b'x' | b'X' => return self.radix_digits("hexadecimal", |c| c.is_ascii_hexdigit()),
            b'o' | b'O' => return self.radix_digits("octal", |c| (b'0'..b'8').contains(&c)),
            b'b' | b'B' => return self.radix_digits("binary", |c| c == b'0' || c == b'1'),
            _ => {}
        }
        loop {
            if c == b'_' {
                c = self.next();
                if !c.is_ascii_digit() {
                    self.back();
                    return decimal_error();
                }
            }
            if c != b'0' {
                break;
            }
            c = self.next();
        }
        let nonzero = c.is_ascii_digit();
        if nonzero {
            c = self.decimal_tail()?;
        }
        match c {
            b'.' => {
                let c = self.next();
                self.fraction(c)
            }
            b'e' | b'E' => self.exponent(c),
            b'j' | b'J' => self.suffix(c),
            _ if nonzero => Err(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers"
                    .to_string(),
            ),
            _ => {
                self.verify_end(c, "decimal")?;
                self.back();
                Ok(())
            }
        }
    }
}

/// Whether CPython's `is_potential_identifier_char` holds for an ASCII byte.
fn identifier_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The end of the numeric literal starting at `start` (a digit, or a `.`
/// before a digit), or the message of the error CPython's tokenizer raises
/// on it.
pub(super) fn scan(src: &[u8], start: usize) -> Result<usize, String> {
    let mut cursor = Cursor { src, pos: start };
    let first = cursor.next();
    if first == b'.' {
        let c = cursor.next();
        cursor.fraction(c)?;
    } else if first == b'0' {
        cursor.zero()?;
    } else {
        let c = cursor.decimal_tail()?;
        match c {
            b'.' => {
                let c = cursor.next();
                cursor.fraction(c)?;
            }
            b'e' | b'E' => cursor.exponent(c)?,
            _ => cursor.suffix(c)?,
        }
    }
    Ok(cursor.pos)
}
