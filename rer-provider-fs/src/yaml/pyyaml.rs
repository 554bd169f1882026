//! Where libyaml's tokens differ from those of PyYAML's pure-Python scanner
//! (which rez uses), found on libyaml's own token stream and either
//! rewritten into text both read alike or refused as PyYAML refuses it.
//!
//! The differences (all checked against PyYAML by
//! `tests/yaml_flow.rs` on a generated matrix):
//! - In a flow collection, PyYAML ends a plain scalar at a `:` followed by
//!   one of `,[]{}` and takes the `:` as a value indicator
//!   (`{requires:[a]}`, `[a:]`); libyaml stops with "found unexpected ':'".
//!   A space after that `:` makes libyaml read the same tokens, so it is
//!   inserted there (at the offset of libyaml's error) and the text scanned
//!   again.
//! - In a flow collection, PyYAML ends a plain scalar at `?` (`[a?b]`,
//!   `[a ?b]`), and what follows is then always a parse error; libyaml
//!   reads the `?` as part of the scalar. Refused.
//! - libyaml's parser skips the token after an explicit key `?` in a flow
//!   sequence when that token is `:`, `,` or `]` (`[?]]` reads as
//!   `[{null: null}]`, `[?:a]` fails); PyYAML reads an empty key there. An
//!   explicit null key (`!<tag:yaml.org,2002:null> ""`, a verbatim tag no
//!   `%TAG` directive changes) is inserted after the `?`, which libyaml
//!   parses as PyYAML parses the original.
//! - PyYAML skips only spaces between tokens and inside plain scalars, so a
//!   tab anywhere but in a quoted or block scalar's text or a comment is an
//!   error (`x: a\t`); libyaml skips tabs there. Refused.
//! - PyYAML reads a `,` directly after a tag as part of the tag
//!   (`[!!str, a]`), which no constructor knows; libyaml ends the tag there.
//!   Refused.
//! - PyYAML reads a tab after the indentation spaces that start a block
//!   scalar as content (`x: |` then `  <TAB>a`); libyaml refuses it unless
//!   the scalar has an indentation indicator, which is inserted ([`block`];
//!   past 9 columns from the parent's indentation, the scalar is first
//!   moved left by removing spaces from its lines).
//!
//! Every rewrite keeps line numbers (nothing is inserted or removed across
//! a line break). The text is scanned again after each insertion, so the work is
//! bounded: at most [`MAX_SCANNED_BYTES`] are scanned in all, past which
//! the file is refused with a message saying so.

mod block;

use std::mem::MaybeUninit;

use rer_pyread::PyError;

/// The most bytes the token scans of one text may read in all (each
/// insertion rescans the text): 64 MiB, so a 64 KiB file may hold 1,024
/// `:`s needing a space, a 1 MiB one 64.
pub(super) const MAX_SCANNED_BYTES: usize = 64 * 1024 * 1024;

/// An explicit empty key PyYAML reads as `None`, in a form libyaml parses.
const NULL_KEY: &str = " !<tag:yaml.org,2002:null> \"\"";

/// What one scan of the text found.
enum Found {
    /// Nothing PyYAML reads differently (or a fault both report).
    Same,
    /// Insert this text at this byte offset and scan again.
    Insert(usize, &'static str),
    /// Scan this text instead, rewritten from this byte offset on with the
    /// same lines.
    Rewrite(usize, String),
    /// PyYAML's load fails here: line and message, and the byte offset.
    Refuse(PyError, usize),
}

/// Where PyYAML's load fails on a text libyaml would read.
pub(super) struct Refused {
    /// The line and message.
    pub(super) error: PyError,
    /// The text the fault is in: `None` for the original, else as
    /// rewritten so far (with the original's lines).
    pub(super) text: Option<String>,
    /// The fault's byte offset in that text.
    pub(super) at: usize,
}

/// Whether [`align`] could find anything in `text` without a libyaml
/// error to start from: the characters its refusals and rewrites concern.
pub(super) fn worth_scanning(text: &str) -> bool {
    text.contains(['?', '\t', '!'])
}

/// `text` as libyaml must read it to give PyYAML's answer: `None` when it
/// reads `text` itself alike, else the rewritten text.
///
/// # Errors
/// A [`Refused`] where PyYAML's load fails on a text libyaml would read,
/// or when the rescans would pass [`MAX_SCANNED_BYTES`].
pub(super) fn align(text: &str) -> Result<Option<String>, Refused> {
    let mut current: Option<String> = None;
    let mut scanned = 0usize;
    loop {
        let now = current.as_deref().unwrap_or(text);
        scanned = scanned.saturating_add(now.len());
        match scan(now) {
            Found::Same => return Ok(current),
            Found::Refuse(error, at) => {
                return Err(Refused {
                    error,
                    text: current,
                    at,
                });
            }
            Found::Insert(at, _) | Found::Rewrite(at, _) if scanned > MAX_SCANNED_BYTES => {
                let error = PyError::new(
                    line_of(now.as_bytes(), at),
                    format!(
                        "too many flow-context ':' or '?', or block scalars with a tab, that libyaml reads unlike PyYAML for rer to rewrite (it scans at most {MAX_SCANNED_BYTES} bytes per file)"
                    ),
                );
                return Err(Refused {
                    error,
                    text: current,
                    at,
                });
            }
            Found::Insert(at, what) => {
                let mut next = String::with_capacity(now.len() + what.len());
                next.push_str(&now[..at]);
                next.push_str(what);
                next.push_str(&now[at..]);
                current = Some(next);
            }
            Found::Rewrite(_, next) => current = Some(next),
        }
    }
}

/// The 1-based line of byte `at`, counting line breaks as libyaml and
/// PyYAML do (CR LF, CR, LF, NEL, LS, PS).
pub(super) fn line_of(bytes: &[u8], at: usize) -> usize {
    let (mut line, mut i) = (1, 0);
    let end = at.min(bytes.len());
    while i < end {
        match block::line_break(&bytes[i..]) {
            0 => i += 1,
            n => {
                line += 1;
                i += n;
            }
        }
    }
    line
}

/// One token, as far as the checks need it.
struct Token {
    kind: unsafe_libyaml::yaml_token_type_t,
    start: usize,
    end: usize,
    /// The column it starts at.
    column: i64,
    plain: bool,
}

/// Scans `text` with libyaml's scanner, checking each token.
fn scan(text: &str) -> Found {
    // libyaml's marks do not count a leading byte order mark.
    let skipped = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = text.as_bytes();
    let offset = |mark: unsafe_libyaml::yaml_mark_t| {
        usize::try_from(mark.index)
            .unwrap_or(usize::MAX)
            .saturating_add(skipped)
            .min(bytes.len())
    };
    let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
    let mut checks = Checks::new(bytes);
    // SAFETY: the parser is initialised before use and deleted once, at the
    // end; it reads `bytes`, which outlives it. Each token is read only
    // after a successful scan and deleted once.
    unsafe {
        if !unsafe_libyaml::yaml_parser_initialize(parser.as_mut_ptr()).ok {
            return Found::Same;
        }
        let parser = parser.as_mut_ptr();
        unsafe_libyaml::yaml_parser_set_input_string(parser, bytes.as_ptr(), bytes.len() as u64);
        let found = loop {
            let mut raw = MaybeUninit::<unsafe_libyaml::yaml_token_t>::uninit();
            if !unsafe_libyaml::yaml_parser_scan(parser, raw.as_mut_ptr()).ok {
                let faulted = &*parser;
                break fault(faulted, bytes, &offset, &checks);
            }
            let raw = raw.as_mut_ptr();
            let token = Token {
                kind: (*raw).type_,
                start: offset((*raw).start_mark),
                end: offset((*raw).end_mark),
                column: i64::try_from((*raw).start_mark.column).unwrap_or(i64::MAX),
                plain: (*raw).type_ == unsafe_libyaml::YAML_SCALAR_TOKEN
                    && (*raw).data.scalar.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
            };
            unsafe_libyaml::yaml_token_delete(raw);
            if token.kind == unsafe_libyaml::YAML_STREAM_END_TOKEN {
                break Found::Same;
            }
            if let Some(found) = checks.token(&token) {
                break found;
            }
        };
        unsafe_libyaml::yaml_parser_delete(parser);
        found
    }
}

/// A scanner fault at a flow-context `:` PyYAML reads as a value indicator
/// becomes an insertion of a space after it, one at a tab starting a block
/// scalar's content what [`block::tab_fault`] makes of it; any other fault
/// is left for the parser to report.
fn fault(
    parser: &unsafe_libyaml::yaml_parser_t,
    bytes: &[u8],
    offset: &dyn Fn(unsafe_libyaml::yaml_mark_t) -> usize,
    checks: &Checks<'_>,
) -> Found {
    // SAFETY: libyaml's problem and context are null or static C strings.
    let words = |text: *const std::ffi::c_char| unsafe {
        (!text.is_null()).then(|| std::ffi::CStr::from_ptr(text).to_bytes())
    };
    let problem = words(parser.problem.cast());
    let at = offset(parser.problem_mark);
    if problem == Some(b"found unexpected ':'".as_slice())
        && bytes.get(at) == Some(&b':')
        && matches!(bytes.get(at + 1), Some(b',' | b'[' | b']' | b'{' | b'}'))
    {
        return Found::Insert(at + 1, " ");
    }
    if problem == Some(b"found a tab character where an indentation space is expected".as_slice())
        && words(parser.context.cast()) == Some(b"while scanning a block scalar".as_slice())
    {
        let start = parser.context_mark;
        // libyaml closes the collections indented past the scalar's
        // column before scanning it, in the call that faulted.
        let column = i64::try_from(start.column).unwrap_or(i64::MAX);
        let parent = checks
            .indents
            .iter()
            .rev()
            .copied()
            .find(|&indent| indent <= column)
            .unwrap_or(-1);
        return block::tab_fault(bytes, offset(start), parent);
    }
    Found::Same
}

/// The checks made token by token.
struct Checks<'t> {
    bytes: &'t [u8],
    /// Open flow collections, `true` for a sequence.
    flow: Vec<bool>,
    /// The previous token's kind and end offset.
    previous: Option<(unsafe_libyaml::yaml_token_type_t, usize)>,
    /// Where the text between tokens starts.
    gap_start: usize,
    /// The columns of the open block collections, as libyaml's indentation
    /// stack holds them.
    indents: Vec<i64>,
}

impl<'t> Checks<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Checks {
            bytes,
            flow: Vec::new(),
            previous: None,
            gap_start: 0,
            indents: Vec::new(),
        }
    }

    fn refuse(&self, at: usize, message: &str) -> Option<Found> {
        Some(Found::Refuse(
            PyError::new(line_of(self.bytes, at), message),
            at,
        ))
    }

    fn token(&mut self, token: &Token) -> Option<Found> {
        use unsafe_libyaml as unsafe_y;
        let in_sequence = self.flow.last() == Some(&true);
        if let Some((previous, previous_end)) = self.previous {
            if previous == unsafe_y::YAML_KEY_TOKEN
                && in_sequence
                && matches!(
                    token.kind,
                    unsafe_y::YAML_VALUE_TOKEN
                        | unsafe_y::YAML_FLOW_ENTRY_TOKEN
                        | unsafe_y::YAML_FLOW_SEQUENCE_END_TOKEN
                )
            {
                return Some(Found::Insert(previous_end, NULL_KEY));
            }
            if previous == unsafe_y::YAML_TAG_TOKEN && self.bytes.get(previous_end) == Some(&b',') {
                return self.refuse(
                    previous_end,
                    "could not determine a constructor for a tag ending in ',' (PyYAML reads the comma as part of the tag)",
                );
            }
        }
        if token.start >= self.gap_start {
            if let Some(tab) = tab_outside_comment(&self.bytes[self.gap_start..token.start]) {
                return self.refuse(
                    self.gap_start + tab,
                    "found character '\\t' that cannot start any token (PyYAML allows tabs only in quoted and block scalars and comments)",
                );
            }
        }
        let text = &self.bytes[token.start.min(token.end)..token.end];
        match token.kind {
            unsafe_y::YAML_SCALAR_TOKEN if token.plain => {
                if text.contains(&b'\t') {
                    return self.refuse(
                        token.start,
                        "found character '\\t' that cannot start any token (PyYAML ends a plain scalar at a tab)",
                    );
                }
                if !self.flow.is_empty() && text.contains(&b'?') {
                    return self.refuse(
                        token.start,
                        "while parsing a flow collection: expected ',' or the end, but got '?' (PyYAML ends a plain scalar at '?' in a flow collection)",
                    );
                }
            }
            unsafe_y::YAML_SCALAR_TOKEN => {
                // A block scalar's header line: PyYAML allows only spaces
                // and a comment after the indicators.
                if matches!(text.first(), Some(b'|' | b'>')) {
                    let end = (0..text.len())
                        .find(|&i| block::line_break(&text[i..]) > 0)
                        .unwrap_or(text.len());
                    let header = &text[..end];
                    if tab_outside_comment(header).is_some() {
                        return self.refuse(
                            token.start,
                            "while scanning a block scalar: expected a comment or a line break, but found '\\t'",
                        );
                    }
                }
            }
            unsafe_y::YAML_VERSION_DIRECTIVE_TOKEN | unsafe_y::YAML_TAG_DIRECTIVE_TOKEN
                if text.contains(&b'\t') =>
            {
                return self.refuse(
                    token.start,
                    "while scanning a directive: found character '\\t' (PyYAML separates directive parts by spaces only)",
                );
            }
            unsafe_y::YAML_FLOW_SEQUENCE_START_TOKEN => self.flow.push(true),
            unsafe_y::YAML_FLOW_MAPPING_START_TOKEN => self.flow.push(false),
            unsafe_y::YAML_FLOW_SEQUENCE_END_TOKEN | unsafe_y::YAML_FLOW_MAPPING_END_TOKEN => {
                self.flow.pop();
            }
            unsafe_y::YAML_BLOCK_SEQUENCE_START_TOKEN
            | unsafe_y::YAML_BLOCK_MAPPING_START_TOKEN => {
                self.indents.push(token.column);
            }
            unsafe_y::YAML_BLOCK_END_TOKEN => {
                self.indents.pop();
            }
            _ => {}
        }
        self.previous = Some((token.kind, token.end));
        self.gap_start = self.gap_start.max(token.end);
        None
    }
}

/// The offset of the first tab in `gap` (text between tokens) that is not
/// inside a comment, if any.
fn tab_outside_comment(gap: &[u8]) -> Option<usize> {
    let mut in_comment = false;
    for (i, &b) in gap.iter().enumerate() {
        match b {
            b'\n' | b'\r' => in_comment = false,
            b'#' => in_comment = true,
            b'\t' if !in_comment => return Some(i),
            _ => {}
        }
    }
    None
}
