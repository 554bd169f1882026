//! The version range grammar, matched the way rez's regular expression
//! matches it: seven anchored alternatives tried in order, the first match
//! deciding what the part means.
//!
//! rez's pattern is a backtracking regex with conditionals and look-aheads;
//! each alternative below is written as the deterministic matcher it reduces
//! to (version groups are maximal munches because nothing that may follow a
//! version group starts with `.`/`-` followed by a token character).

use crate::Version;
use crate::bound::Bound;
use crate::error::VersionRangeError;
use crate::version::is_token_byte;

/// A lower bound as written: its version text (empty if absent) and whether it is exclusive.
type LowerSpec<'a> = (&'a str, bool);
/// An upper bound as written: its version text (empty if absent) and whether it is exclusive.
type UpperSpec<'a> = (&'a str, bool);

/// What one `|`-separated part of a range says.
enum Part<'a> {
    /// `V`: the superset range `[V, V.next())`.
    Superset(&'a str),
    /// `==V` (V may be empty).
    Exact(&'a str),
    /// A lower and/or upper bound; `None` means unbounded on that side.
    Bounds(Option<LowerSpec<'a>>, Option<UpperSpec<'a>>),
    /// A part rez's pattern matches with an empty group and so ignores: only
    /// `"\n"` (Python's `$` matches before a final newline).
    Nothing,
}

/// Parses a whole range string into its (not yet merged) bounds. An empty
/// list means "any".
pub(crate) fn parse_bounds(input: &str) -> Result<Vec<Bound>, VersionRangeError> {
    let mut bounds = Vec::new();
    let mut is_any = false;
    for part in input.split('|') {
        if part.is_empty() {
            is_any = true;
            bounds.clear();
            continue;
        }
        let Some(parsed) = match_part(part) else {
            return Err(VersionRangeError::Syntax {
                input: input.to_owned(),
                part: part.to_owned(),
            });
        };
        if is_any {
            continue;
        }
        if let Some(bound) = build(parsed, input, part)? {
            bounds.push(bound);
        }
    }
    Ok(bounds)
}

/// Makes a version from text the grammar has already validated.
fn version(text: &str, input: &str) -> Result<Version, VersionRangeError> {
    Version::parse(text).map_err(|source| VersionRangeError::Version {
        input: input.to_owned(),
        source,
    })
}

/// Turns a matched part into a bound, with rez's checks.
fn build(part: Part<'_>, input: &str, text: &str) -> Result<Option<Bound>, VersionRangeError> {
    let invalid = || VersionRangeError::InvalidBound {
        input: input.to_owned(),
        part: text.to_owned(),
    };
    let bound = match part {
        Part::Nothing => return Ok(None),
        Part::Superset(v) => {
            let v = version(v, input)?;
            let next = v.next();
            Bound::checked((v, true), (next, false)).ok_or_else(invalid)
        }
        Part::Exact(v) => {
            let v = version(v, input)?;
            Ok(Bound::raw((v.clone(), true), (Some(v), true)))
        }
        Part::Bounds(lower, upper) => {
            let lower = match lower {
                Some((v, exclusive)) => (version(v, input)?, !exclusive),
                None => (Version::default(), true),
            };
            let upper = match upper {
                Some((v, exclusive)) => {
                    let v = version(v, input)?;
                    if v.is_empty() && exclusive {
                        return Err(VersionRangeError::InvalidUpperBound {
                            input: input.to_owned(),
                            part: text.to_owned(),
                        });
                    }
                    (Some(v), !exclusive)
                }
                None => (None, true),
            };
            Bound::checked(lower, upper).ok_or_else(invalid)
        }
    };
    bound.map(Some)
}

/// A cursor over one part's bytes.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes().get(self.pos + offset).copied()
    }

    /// Consumes `lit` if it comes next.
    fn eat(&mut self, lit: &str) -> bool {
        if self.bytes()[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Python's `$` without MULTILINE: the end, or just before a final `\n`.
    fn at_end(&self) -> bool {
        let rest = &self.bytes()[self.pos..];
        rest.is_empty() || rest == b"\n"
    }

    /// Consumes a version group `tok([.-]tok)*` (maximal munch); returns its
    /// text, or `""` when none starts here.
    fn version(&mut self) -> &'a str {
        let b = self.bytes();
        let start = self.pos;
        let mut i = self.pos;
        if !b.get(i).is_some_and(|&c| is_token_byte(c)) {
            return "";
        }
        loop {
            while b.get(i).is_some_and(|&c| is_token_byte(c)) {
                i += 1;
            }
            let sep = b.get(i).is_some_and(|&c| c == b'.' || c == b'-');
            if sep && b.get(i + 1).is_some_and(|&c| is_token_byte(c)) {
                i += 1;
            } else {
                break;
            }
        }
        self.pos = i;
        &self.text[start..i]
    }

    /// True when a token character comes next (rez's `(?={version_group})`).
    fn version_follows(&self, offset: usize) -> bool {
        self.peek_at(offset).is_some_and(is_token_byte)
    }
}

/// Matches one part against the alternatives in rez's order.
fn match_part(part: &str) -> Option<Part<'_>> {
    if part == "\n" {
        return Some(Part::Nothing);
    }
    let start = Cursor { text: part, pos: 0 };
    alt_version(start)
        .or_else(|| alt_exact(start))
        .or_else(|| alt_inclusive(start))
        .or_else(|| alt_lower(start))
        .or_else(|| alt_upper(start))
        .or_else(|| alt_range_asc(start))
        .or_else(|| alt_range_desc(start))
}

/// `^V$`
fn alt_version(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let v = c.version();
    (!v.is_empty() && c.at_end()).then_some(Part::Superset(v))
}

/// `^==V?$`
fn alt_exact(mut c: Cursor<'_>) -> Option<Part<'_>> {
    if !c.eat("==") {
        return None;
    }
    let v = c.version();
    c.at_end().then_some(Part::Exact(v))
}

/// `^V?..V?$`
fn alt_inclusive(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let lower = c.version();
    if !c.eat("..") {
        return None;
    }
    let upper = c.version();
    c.at_end()
        .then_some(Part::Bounds(Some((lower, false)), Some((upper, false))))
}

/// Consumes a lower-bound prefix `>=` or `>`; returns whether one was there
/// and whether it was exclusive.
fn lower_prefix(c: &mut Cursor<'_>) -> (bool, bool) {
    if c.eat(">=") {
        (true, false)
    } else if c.eat(">") {
        (true, true)
    } else {
        (false, false)
    }
}

/// Consumes an upper-bound prefix `<` (only before a version) or `<=`;
/// returns `Some(exclusive)`, or `None` when neither is there.
fn upper_prefix(c: &mut Cursor<'_>) -> Option<bool> {
    if c.peek() == Some(b'<') && c.version_follows(1) {
        c.pos += 1;
        Some(true)
    } else if c.eat("<=") {
        Some(false)
    } else {
        None
    }
}

/// `^(>|>=)?V?(?(prefix)|\+)$`
fn alt_lower(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let (prefixed, exclusive) = lower_prefix(&mut c);
    let v = c.version();
    if !prefixed && !c.eat("+") {
        return None;
    }
    c.at_end()
        .then_some(Part::Bounds(Some((v, exclusive)), None))
}

/// `^(<(?=V)|<=)?V?$` (without a prefix this is `alt_version`'s territory).
fn alt_upper(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let exclusive = upper_prefix(&mut c)?;
    let v = c.version();
    c.at_end()
        .then_some(Part::Bounds(None, Some((v, exclusive))))
}

/// `^((>|>=)?V?(?(prefix)|\+)?)((?(V),?|)(<(?=V)|<=)V?)$`
fn alt_range_asc(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let lower_start = c.pos;
    let (prefixed, exclusive) = lower_prefix(&mut c);
    let lower = c.version();
    if !prefixed {
        c.eat("+");
    }
    let lower_written = c.pos > lower_start;
    if !lower.is_empty() {
        c.eat(",");
    }
    let upper_exclusive = upper_prefix(&mut c)?;
    let upper = c.version();
    if !c.at_end() {
        return None;
    }
    let lower = lower_written.then_some((lower, exclusive));
    Some(Part::Bounds(lower, Some((upper, upper_exclusive))))
}

/// `^((<|<=)?V?(?(prefix)|\+)?)((?(V),|)(<(?=V)|>=?)V?)$`, trying the upper
/// prefixes `<`, `<=` and none in turn as the regex backtracks.
fn alt_range_desc(c: Cursor<'_>) -> Option<Part<'_>> {
    let mut tries: Vec<(Cursor<'_>, Option<bool>)> = Vec::with_capacity(3);
    let mut lt = c;
    if lt.eat("<") {
        tries.push((lt, Some(true)));
    }
    let mut le = c;
    if le.eat("<=") {
        tries.push((le, Some(false)));
    }
    tries.push((c, None));
    tries
        .into_iter()
        .find_map(|(after_prefix, prefix)| range_desc_rest(c.pos, after_prefix, prefix))
}

/// The part of `alt_range_desc` after the upper prefix.
fn range_desc_rest<'a>(start: usize, mut c: Cursor<'a>, prefix: Option<bool>) -> Option<Part<'a>> {
    let upper = c.version();
    if prefix.is_none() {
        c.eat("+");
    }
    let upper_written = c.pos > start;
    if !upper.is_empty() && !c.eat(",") {
        return None;
    }
    let lower_exclusive = if c.peek() == Some(b'<') && c.version_follows(1) {
        c.pos += 1;
        false
    } else if c.eat(">=") {
        false
    } else if c.eat(">") {
        true
    } else {
        return None;
    };
    let lower = c.version();
    if !c.at_end() {
        return None;
    }
    let upper = upper_written.then_some((upper, prefix.unwrap_or(false)));
    Some(Part::Bounds(Some((lower, lower_exclusive)), upper))
}
