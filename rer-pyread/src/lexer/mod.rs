//! A tokenizer for Python source, as CPython 3.11's tokenizer splits it.
//!
//! It works on bytes so that it can follow CPython in one leniency rez relies
//! on without knowing it: bytes that are not UTF-8 are accepted inside
//! comments (CPython 3.11 never decodes them) and rejected anywhere else.
//!
//! What it checks, as CPython does: string literals are closed, brackets are
//! balanced and matched, indentation is consistent (including the mixing of
//! tabs and spaces), backslash continuations are followed by a newline,
//! numeric literals are well formed (as CPython's tokenizer scans them:
//! `1z` is an error, `1if` two tokens), and no character outside Python's
//! alphabet appears outside strings and comments. What it does not check is the grammar: that is the reader's job,
//! for the statements that matter.

mod number;

use crate::PyError;

/// A source CPython's tokenizer refuses: the error, whether the tokenizer
/// raises it itself, and the tokens before it.
#[derive(Debug)]
pub(crate) struct LexError {
    /// The error.
    pub error: PyError,
    /// Whether CPython's tokenizer raises the error itself (`syntaxerror` in
    /// `Parser/tokenizer.c`: an unterminated string, an unmatched bracket,
    /// an invalid number literal or character). CPython reports such an
    /// error even after its parser has failed further up the file (it
    /// tokenizes the rest of the file to look for one). The others (bad
    /// indentation, a character after a line continuation, a bracket never
    /// closed) it reports only where its parser reaches them.
    pub raised_by_tokenizer: bool,
    /// The tokens before the error.
    pub tokens: Vec<Token>,
}

/// What a token is. Text is kept as byte ranges into the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An identifier or keyword.
    Name,
    /// A numeric literal, unvalidated (`0x1F`, `1_000`, `1.5e3j`, ...).
    Number,
    /// A string literal with its prefix and quotes.
    Str,
    /// An operator or delimiter.
    Op,
    /// The end of a logical line.
    Newline,
    /// The start of a more indented block.
    Indent,
    /// The end of an indented block.
    Dedent,
}

/// One token: its kind, its bytes `start..end` in the source, and the
/// 1-based line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// CPython's tokenizer refuses a bracket opened inside 200 others
/// (`MAXLEVEL`): "too many nested parentheses".
const MAX_BRACKET_DEPTH: usize = 200;

/// CPython's tokenizer refuses a 100th level of indentation (`MAXINDENT`,
/// counting the file's own level): "too many levels of indentation".
const MAX_INDENT_DEPTH: usize = 100;

/// Python's operators and delimiters of three and two characters, longest
/// first so that the first match is the longest one.
const LONG_OPERATORS: &[&[u8]] = &[
    b"**=", b"//=", b">>=", b"<<=", b"...", b"->", b":=", b"+=", b"-=", b"*=", b"/=", b"%=", b"&=",
    b"|=", b"^=", b"@=", b"**", b"//", b"<<", b">>", b"<=", b">=", b"==", b"!=",
];

/// The operator or delimiter at the start of `rest`, longest match first.
fn operator_at(rest: &[u8]) -> Option<&'static [u8]> {
    const SINGLE: &[u8] = b"+-*/%@&|^~<>()[]{},:.;=";
    let first = *rest.first()?;
    if let Some(long) = LONG_OPERATORS
        .iter()
        .find(|op| op[0] == first && rest.starts_with(op))
    {
        return Some(long);
    }
    let pos = SINGLE.iter().position(|&c| c == first)?;
    Some(&SINGLE[pos..=pos])
}

/// Splits `src` into tokens, ending with a `Newline` (if the last line had
/// content) and the `Dedent`s that close every open block.
pub(crate) fn tokenize(src: &[u8]) -> Result<Vec<Token>, Box<LexError>> {
    let mut lexer = Lexer {
        src,
        pos: 0,
        line: 1,
        tokens: Vec::with_capacity(src.len() / 4),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
    };
    match lexer.run() {
        Ok(()) => Ok(lexer.tokens),
        Err(error) => {
            let raised_by_tokenizer = raised_by_tokenizer(&error.message);
            Err(Box::new(LexError {
                error,
                raised_by_tokenizer,
                tokens: lexer.tokens,
            }))
        }
    }
}

/// Whether CPython 3.11's tokenizer raises the error with this message
/// itself (see [`LexError::raised_by_tokenizer`]).
fn raised_by_tokenizer(message: &str) -> bool {
    const NOT: &[&str] = &[
        "inconsistent use of tabs",
        "unindent does not match",
        "too many levels of indentation",
        "line continuation character",
        "was never closed",
    ];
    !NOT.iter().any(|m| message.contains(m))
}

struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
    tokens: Vec<Token>,
    /// Open brackets: the byte and the line it was opened on.
    brackets: Vec<(u8, usize)>,
    /// The indentation stack: (column with tabs to 8, column with tabs to 1).
    indents: Vec<(usize, usize)>,
}

impl Lexer<'_> {
    fn run(&mut self) -> Result<(), PyError> {
        let mut at_line_start = true;
        loop {
            if at_line_start {
                at_line_start = false;
                if !self.line_start()? {
                    break;
                }
            }
            let Some(&c) = self.src.get(self.pos) else {
                break;
            };
            match c {
                b' ' | b'\t' | b'\x0c' => self.pos += 1,
                b'#' => self.skip_comment(),
                b'\n' | b'\r' => {
                    self.newline_char();
                    if self.brackets.is_empty() {
                        self.push(Kind::Newline, self.pos, self.pos, self.line - 1);
                        at_line_start = true;
                    }
                }
                b'\\' => self.continuation()?,
                b'0'..=b'9' => self.number()?,
                b'.' if self.src.get(self.pos + 1).is_some_and(u8::is_ascii_digit) => {
                    self.number()?;
                }
                b'\'' | b'"' => self.string(self.pos)?,
                c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.name_or_string()?,
                _ => self.operator()?,
            }
        }
        if let Some(&(open, line)) = self.brackets.last() {
            return Err(PyError::new(
                line,
                format!("'{}' was never closed", open as char),
            ));
        }
        if self
            .tokens
            .last()
            .is_some_and(|t| !matches!(t.kind, Kind::Newline | Kind::Dedent))
        {
            self.push(Kind::Newline, self.pos, self.pos, self.line);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Kind::Dedent, self.pos, self.pos, self.line);
        }
        Ok(())
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize, line: usize) {
        self.tokens.push(Token {
            kind,
            start,
            end,
            line,
        });
    }

    /// Consumes one line ending (`\n`, `\r\n` or `\r`).
    fn newline_char(&mut self) {
        if self.src[self.pos] == b'\r' && self.src.get(self.pos + 1) == Some(&b'\n') {
            self.pos += 1;
        }
        self.pos += 1;
        self.line += 1;
    }

    fn skip_comment(&mut self) {
        while self.pos < self.src.len() && !matches!(self.src[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Handles the indentation of a new logical line, skipping blank and
    /// comment-only lines. Returns false at the end of the source.
    fn line_start(&mut self) -> Result<bool, PyError> {
        loop {
            let (mut col, mut alt) = (0usize, 0usize);
            while let Some(&c) = self.src.get(self.pos) {
                match c {
                    b' ' => {
                        col += 1;
                        alt += 1;
                    }
                    b'\t' => {
                        col = (col / 8 + 1) * 8;
                        alt += 1;
                    }
                    b'\x0c' => {
                        col = 0;
                        alt = 0;
                    }
                    _ => break,
                }
                self.pos += 1;
            }
            match self.src.get(self.pos) {
                None => return Ok(false),
                Some(b'#') => {
                    self.skip_comment();
                    if self.pos < self.src.len() {
                        self.newline_char();
                    }
                }
                Some(b'\n' | b'\r') => self.newline_char(),
                Some(_) => {
                    self.indent_to(col, alt)?;
                    return Ok(true);
                }
            }
        }
    }

    fn indent_to(&mut self, col: usize, alt: usize) -> Result<(), PyError> {
        let line = self.line;
        let inconsistent =
            || PyError::new(line, "inconsistent use of tabs and spaces in indentation");
        let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if alt != top_alt {
                return Err(inconsistent());
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(inconsistent());
            }
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(PyError::new(line, "too many levels of indentation"));
            }
            self.indents.push((col, alt));
            self.push(Kind::Indent, self.pos, self.pos, self.line);
        } else {
            while self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
                self.push(Kind::Dedent, self.pos, self.pos, self.line);
            }
            let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                return Err(PyError::new(
                    self.line,
                    "unindent does not match any outer indentation level",
                ));
            }
            if alt != top_alt {
                return Err(inconsistent());
            }
        }
        Ok(())
    }

    /// A backslash outside a string: it must end the physical line.
    fn continuation(&mut self) -> Result<(), PyError> {
        self.pos += 1;
        match self.src.get(self.pos) {
            Some(b'\n' | b'\r') => {
                self.newline_char();
                Ok(())
            }
            None => Err(PyError::new(
                self.line,
                "unexpected end of file after line continuation character",
            )),
            Some(_) => Err(PyError::new(
                self.line,
                "unexpected character after line continuation character",
            )),
        }
    }

    fn number(&mut self) -> Result<(), PyError> {
        let start = self.pos;
        self.pos = number::scan(self.src, start).map_err(|e| PyError::new(self.line, e))?;
        self.push(Kind::Number, start, self.pos, self.line);
        Ok(())
    }

    /// An identifier, or the prefix of a string literal (`r'...'`, `b"..."`).
    fn name_or_string(&mut self) -> Result<(), PyError> {
        let start = self.pos;
        while let Some(&c) = self.src.get(self.pos) {
            if c == b'_' || c.is_ascii_alphanumeric() {
                self.pos += 1;
            } else if c >= 0x80 {
                self.pos += utf8_identifier_char(&self.src[self.pos..]).ok_or_else(|| {
                    PyError::new(
                        self.line,
                        "invalid character (bytes that are not UTF-8, or not a letter)",
                    )
                })?;
            } else {
                break;
            }
        }
        let word = &self.src[start..self.pos];
        if matches!(self.src.get(self.pos), Some(b'\'' | b'"')) && is_string_prefix(word) {
            return self.string(start);
        }
        self.push(Kind::Name, start, self.pos, self.line);
        Ok(())
    }

    /// A string literal whose prefix starts at `start` and whose opening
    /// quote is at `self.pos`.
    fn string(&mut self, start: usize) -> Result<(), PyError> {
        let first_line = self.line;
        let quote = self.src[self.pos];
        let triple = self.src.get(self.pos + 1) == Some(&quote)
            && self.src.get(self.pos + 2) == Some(&quote);
        self.pos += if triple { 3 } else { 1 };
        loop {
            let Some(&c) = self.src.get(self.pos) else {
                // CPython names the file's last line (a final newline
                // starts none).
                let last = if self.src.ends_with(b"\n") || self.src.ends_with(b"\r") {
                    self.line - 1
                } else {
                    self.line
                };
                let kind = if triple { "triple-quoted " } else { "" };
                return Err(PyError::new(
                    first_line,
                    format!("unterminated {kind}string literal (detected at line {last})"),
                ));
            };
            match c {
                b'\\' => {
                    self.pos += 1;
                    match self.src.get(self.pos) {
                        Some(b'\n' | b'\r') => self.newline_char(),
                        Some(_) => self.pos += 1,
                        None => {}
                    }
                }
                b'\n' | b'\r' => {
                    if !triple {
                        return Err(PyError::new(
                            first_line,
                            format!(
                                "unterminated string literal (detected at line {})",
                                self.line
                            ),
                        ));
                    }
                    self.newline_char();
                }
                c if c == quote => {
                    if !triple {
                        self.pos += 1;
                        break;
                    }
                    if self.src.get(self.pos + 1) == Some(&quote)
                        && self.src.get(self.pos + 2) == Some(&quote)
                    {
                        self.pos += 3;
                        break;
                    }
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        self.push(Kind::Str, start, self.pos, first_line);
        Ok(())
    }

    fn operator(&mut self) -> Result<(), PyError> {
        let rest = &self.src[self.pos..];
        let Some(op) = operator_at(rest) else {
            let shown = rest
                .first()
                .map_or(String::new(), |&c| (c as char).to_string());
            return Err(PyError::new(
                self.line,
                format!("invalid character '{shown}'"),
            ));
        };
        let start = self.pos;
        self.pos += op.len();
        match op[0] {
            open @ (b'(' | b'[' | b'{') => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(PyError::new(self.line, "too many nested parentheses"));
                }
                self.brackets.push((open, self.line));
            }
            close @ (b')' | b']' | b'}') => {
                let expected = match close {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match self.brackets.pop() {
                    Some((open, _)) if open == expected => {}
                    Some((open, open_line)) => {
                        let place = if open_line == self.line {
                            String::new()
                        } else {
                            format!(" on line {open_line}")
                        };
                        return Err(PyError::new(
                            self.line,
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'{place}",
                                close as char, open as char
                            ),
                        ));
                    }
                    None => {
                        return Err(PyError::new(
                            self.line,
                            format!("unmatched '{}'", close as char),
                        ));
                    }
                }
            }
            _ => {}
        }
        self.push(Kind::Op, start, self.pos, self.line);
        Ok(())
    }
}

/// Whether `word` is a string prefix Python accepts (any case):
/// `r u b f br rb fr rf`.
fn is_string_prefix(word: &[u8]) -> bool {
    match word {
        [a] => matches!(a.to_ascii_lowercase(), b'r' | b'u' | b'b' | b'f'),
        [a, b] => matches!(
            [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            [b'b', b'r'] | [b'r', b'b'] | [b'f', b'r'] | [b'r', b'f']
        ),
        _ => false,
    }
}

/// The length of the UTF-8 character at the start of `bytes` if it may be
/// part of an identifier (a letter, mark or digit outside ASCII).
fn utf8_identifier_char(bytes: &[u8]) -> Option<usize> {
    let len = match bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let text = std::str::from_utf8(bytes.get(..len)?).ok()?;
    let c = text.chars().next()?;
    (c.is_alphanumeric() || c == '\u{b7}').then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, String)> {
        tokenize(src.as_bytes())
            .unwrap()
            .into_iter()
            .map(|t| (t.kind, src[t.start..t.end].to_string()))
            .collect()
    }

    /// The texts of the tokens of `kind` in `src`, in order.
    fn texts_of(kind: Kind, src: &str) -> Vec<String> {
        kinds(src)
            .into_iter()
            .filter(|t| t.0 == kind)
            .map(|t| t.1)
            .collect()
    }

    fn error(src: &[u8]) -> PyError {
        tokenize(src).unwrap_err().error
    }

    #[test]
    fn simple_assignment() {
        use Kind::*;
        assert_eq!(
            kinds("x = [1, 'a']\n"),
            vec![
                (Name, "x".into()),
                (Op, "=".into()),
                (Op, "[".into()),
                (Number, "1".into()),
                (Op, ",".into()),
                (Str, "'a'".into()),
                (Op, "]".into()),
                (Newline, "".into()),
            ]
        );
    }

    #[test]
    fn brackets_and_continuations_join_lines() {
        let tokens = kinds("x = \\\n  [1,\n 2]\ny = 3");
        let newlines = tokens.iter().filter(|t| t.0 == Kind::Newline).count();
        assert_eq!(newlines, 2);
    }

    #[test]
    fn blank_and_comment_lines_make_no_tokens() {
        assert!(kinds("\n  # c\n\n   \n# x\n").is_empty());
    }

    #[test]
    fn indentation() {
        use Kind::*;
        let k: Vec<Kind> = kinds("def f():\n    x = 1\n    if x:\n        y\nz\n")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(k.iter().filter(|&&k| k == Indent).count(), 2);
        assert_eq!(k.iter().filter(|&&k| k == Dedent).count(), 2);
    }

    #[test]
    fn strings_with_prefixes_and_triple_quotes() {
        let strings = texts_of(Kind::Str, "a = rb'x' U\"y\" '''m\n'l''' \"\"\"q\"\"\"");
        assert_eq!(strings, ["rb'x'", "U\"y\"", "'''m\n'l'''", "\"\"\"q\"\"\""]);
    }

    #[test]
    fn escaped_quotes_and_continued_strings() {
        let t = kinds("a = 'it\\'s' 'a\\\nb'");
        assert_eq!(t[2].1, "'it\\'s'");
        assert_eq!(t[3].1, "'a\\\nb'");
    }

    #[test]
    fn operators_take_the_longest_match() {
        let ops = texts_of(Kind::Op, "a != b ** c ... d //= e -> f");
        assert_eq!(ops, ["!=", "**", "...", "//=", "->"]);
        assert!(error(b"a ! b").message.contains("invalid character '!'"));
    }

    #[test]
    fn numbers() {
        let n = texts_of(Kind::Number, "1 0x1F 1_000 1.5e-3 .5 1e+5j 1.");
        assert_eq!(n, ["1", "0x1F", "1_000", "1.5e-3", ".5", "1e+5j", "1."]);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(error(b"x = [\n1,\n").line, 1);
        assert!(error(b"x = [\n1,\n").message.contains("never closed"));
        assert!(error(b"x = (]").message.contains("does not match"));
        assert!(error(b"x = )").message.contains("unmatched"));
        assert_eq!(error(b"a = 1\nx = 'abc\n").line, 2);
        assert_eq!(error(b"x = '''abc\n\n").line, 1);
        assert!(error(b"x = 1 \\ 2").message.contains("continuation"));
        assert!(error(b"x = $").message.contains("invalid character"));
        assert!(error(b"x = a\xff").message.contains("invalid character"));
        assert!(error(b"if x:\n    a\n  b\n").message.contains("unindent"));
        assert!(
            error(b"if x:\n\tif y:\n        a\n")
                .message
                .contains("inconsistent")
        );
    }

    #[test]
    fn non_utf8_in_comments_is_accepted() {
        assert!(tokenize(b"x = 1 # caf\xe9\n# \xff\xfe\n").is_ok());
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        let t = tokenize(b"x = 1\r\ny = 2\rz = 3").unwrap();
        assert_eq!(t.iter().filter(|t| t.kind == Kind::Newline).count(), 3);
        assert_eq!(t.last().map(|t| t.line), Some(3));
    }

    #[test]
    fn unicode_identifiers() {
        assert_eq!(kinds("café = 1")[0].1, "café");
    }
}
