//! [`Version`]: a rez version, with rez's ordering precomputed into a byte-comparable key.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use crate::error::VersionError;
use crate::memo::Memo;

/// A rez version: zero or more tokens (`[A-Za-z0-9_]+`) separated by single characters.
///
/// Promises:
/// - [`Display`](fmt::Display) and [`Version::as_str`] give back rez's `str()` (the parsed text,
///   separators included).
/// - [`Ord`], [`Eq`] and [`Hash`] agree with rez's comparison: separators are ignored
///   (`1.0 == 1-0`), tokens compare by rez's sub-token rules (`01 < 1`, `alpha < 1`,
///   `A < _ < a`, `1 < 1.0`), numbers compare by value without overflow whatever their size.
/// - Comparing, hashing and cloning allocate nothing (a clone is a reference-count increment).
/// - The empty version (the [`Default`]) is the smallest version.
#[derive(Clone, Default)]
pub struct Version {
    /// `text` followed by the sort key; `None` for the empty version.
    buf: Option<Arc<str>>,
    /// Byte length of the text part of `buf`.
    text_len: usize,
}

/// The encoding of [`Version::sort_key`]: bumped whenever it changes, so
/// that keys stored by one build (see [`Version::from_text_and_key`]) are
/// not taken by a build that encodes them otherwise.
pub const SORT_KEY_FORMAT: u8 = 1;

/// The most of a thread's parse buffer kept between parses, in bytes.
const SCRATCH_KEPT: usize = 4096;

/// Byte marking the end of a token in the sort key (sorts below any sub-token).
const KEY_TOKEN_END: u8 = 0x00;
/// Byte starting an alphabetic sub-token in the sort key; also ends it.
const KEY_ALPHA: u8 = 0x01;
/// Byte starting a numeric sub-token in the sort key.
const KEY_NUMERIC: u8 = 0x02;

#[inline]
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Appends an order-preserving, prefix-free, 7-bit encoding of `x`: the number of 7-bit
/// groups, then the groups, most significant first.
fn push_uint7(key: &mut Vec<u8>, x: usize, complement: bool) {
    let mut groups = [0u8; 10];
    let mut n = 0;
    let mut v = x;
    while v != 0 {
        groups[n] = (v & 0x7f) as u8;
        v >>= 7;
        n += 1;
    }
    let flip = |b: u8| if complement { 0x7f - b } else { b };
    key.push(flip(n as u8));
    for g in groups[..n].iter().rev() {
        key.push(flip(*g));
    }
}

/// Appends the sort key of one token (ASCII `[A-Za-z0-9_]+`).
fn push_token_key(key: &mut Vec<u8>, tok: &[u8]) {
    let mut i = 0;
    while i < tok.len() {
        let start = i;
        if tok[i].is_ascii_digit() {
            while i < tok.len() && tok[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &tok[start..i];
            let zeros = digits.iter().take_while(|&&d| d == b'0').count();
            let significant = &digits[zeros..];
            key.push(KEY_NUMERIC);
            push_uint7(key, significant.len(), false);
            key.extend_from_slice(significant);
            // Equal values tie-break on the raw string (rez compares `(n, s)`): for a non-zero
            // value more leading zeros sort first ("01" < "1"); for zero itself the shorter
            // string sorts first ("0" < "00").
            push_uint7(key, zeros, !significant.is_empty());
        } else {
            while i < tok.len() && !tok[i].is_ascii_digit() {
                i += 1;
            }
            key.push(KEY_ALPHA);
            key.extend_from_slice(&tok[start..i]);
            key.push(KEY_ALPHA - 1);
        }
    }
    key.push(KEY_TOKEN_END);
}

impl Version {
    /// Parses a version the way rez's `Version(str)` does.
    ///
    /// The empty string is the empty version. Otherwise the string must be tokens of
    /// `[A-Za-z0-9_]` separated by exactly one character each (any character other than a
    /// token character, e.g. `.` or `-`), with no leading or trailing separator. Never panics.
    pub fn parse(s: &str) -> Result<Version, VersionError> {
        static MEMO: Memo<Version> = Memo::new();
        MEMO.get_or_parse(s, Version::parse_uncached)
    }

    /// [`Version::parse`] without the memo. The text and its sort key are
    /// built in a buffer kept per thread and copied once into the version's
    /// own allocation (a buffer of each version's own, sized by a guess,
    /// grew by reallocation for most versions and was copied as well).
    fn parse_uncached(s: &str) -> Result<Version, VersionError> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        if s.is_empty() {
            return Ok(Version::default());
        }
        let built = SCRATCH.try_with(|scratch| {
            scratch.try_borrow_mut().ok().map(|mut key| {
                let version = Version::build(s, &mut key);
                if key.capacity() > SCRATCH_KEPT {
                    // (one very long version does not hold its buffer)
                    *key = Vec::new();
                }
                version
            })
        });
        match built {
            Ok(Some(version)) => version,
            // (no thread-local storage: a thread being torn down)
            _ => Version::build(s, &mut Vec::new()),
        }
    }

    /// Parses non-empty `s` into `key` (cleared first) as its text followed
    /// by its sort key, and makes the version of it.
    fn build(s: &str, key: &mut Vec<u8>) -> Result<Version, VersionError> {
        let b = s.as_bytes();
        key.clear();
        key.extend_from_slice(b);
        let mut i = 0;
        loop {
            let start = i;
            while i < b.len() && is_token_byte(b[i]) {
                i += 1;
            }
            if i == start {
                return Err(if b.iter().any(|&c| is_token_byte(c)) {
                    VersionError::Syntax {
                        input: s.to_owned(),
                    }
                } else {
                    VersionError::NoTokens {
                        input: s.to_owned(),
                    }
                });
            }
            push_token_key(key, &b[start..i]);
            if i == b.len() {
                break;
            }
            // exactly one separator character (of any width)
            let sep_len = s
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
            i += sep_len;
            if i >= b.len() {
                return Err(VersionError::Syntax {
                    input: s.to_owned(),
                });
            }
        }
        Ok(Version::from_parts(key, s.len()))
    }

    /// Builds from `text ++ key` where all key bytes are ASCII (so the buffer is valid UTF-8).
    fn from_parts(buf: &[u8], text_len: usize) -> Version {
        match std::str::from_utf8(buf) {
            Ok(s) => Version {
                buf: Some(Arc::from(s)),
                text_len,
            },
            Err(_) => Version::default(),
        }
    }

    /// The version's sort key, in the encoding [`SORT_KEY_FORMAT`] names:
    /// comparing two versions' keys bytewise is comparing the versions the
    /// rez way. Every byte is ASCII; the empty version's key is empty.
    #[inline]
    pub fn sort_key(&self) -> &[u8] {
        self.key()
    }

    /// The version of text `text` and sort key `key`, as
    /// [`Version::as_str`] and [`Version::sort_key`] gave them (by a build
    /// of the same [`SORT_KEY_FORMAT`]), made without parsing: for versions
    /// a program stored and reads back. It is the caller who vouches that
    /// `key` is `text`'s; what is checked is only that the two can be one
    /// version's (both empty or neither, the key ASCII). `None` otherwise.
    pub fn from_text_and_key(text: &str, key: &[u8]) -> Option<Version> {
        if text.is_empty() || key.is_empty() {
            return (text.is_empty() && key.is_empty()).then(Version::default);
        }
        if !key.is_ascii() {
            return None;
        }
        // Text and key side by side on the stack (in a vector when long),
        // then copied once into the version's own allocation.
        let len = text.len() + key.len();
        let mut stack = [0u8; 96];
        let mut heap = Vec::new();
        let buf: &mut [u8] = if len <= stack.len() {
            &mut stack[..len]
        } else {
            heap.resize(len, 0);
            &mut heap
        };
        buf[..text.len()].copy_from_slice(text.as_bytes());
        buf[text.len()..].copy_from_slice(key);
        Some(Version::from_parts(buf, text.len()))
    }

    /// The sort key: comparing keys bytewise is comparing versions the rez way.
    #[inline]
    pub(crate) fn key(&self) -> &[u8] {
        match &self.buf {
            Some(b) => b.as_bytes().get(self.text_len..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The version as rez prints it (`str(version)`): the original text with its separators.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.buf {
            Some(b) => b.get(..self.text_len).unwrap_or(""),
            None => "",
        }
    }

    /// True for the empty version `""` (rez: `not version`).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.is_none()
    }

    /// The tokens of the version, in order (e.g. `["1", "2", "3b"]` for `1.2-3b`).
    pub fn tokens(&self) -> impl Iterator<Item = &str> + '_ {
        self.as_str()
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|t| !t.is_empty())
    }

    /// Number of tokens (rez: `len(version)`); 0 for the empty version.
    pub fn len(&self) -> usize {
        self.tokens().count()
    }

    /// rez's `Version.next()`: the smallest version greater than every version this one is a
    /// prefix of, made by appending `_` to the last token (`1.2` gives `1.2_`).
    ///
    /// Returns `None` for the empty version, whose rez successor is rez's internal infinite
    /// version, which is not a [`Version`] here.
    pub fn next(&self) -> Option<Version> {
        if self.is_empty() {
            return None;
        }
        let mut s = String::with_capacity(self.text_len + 1);
        s.push_str(self.as_str());
        s.push('_');
        Version::parse(&s).ok()
    }

    /// rez's `Version.trim(len)`: the version cut down to its first `len` tokens (separators
    /// between them kept); an unchanged copy when `len` is at least the token count.
    pub fn trim(&self, len: usize) -> Version {
        if len == 0 {
            return Version::default();
        }
        let text = self.as_str();
        let b = text.as_bytes();
        let mut count = 0;
        let mut i = 0;
        while i < b.len() {
            if is_token_byte(b[i]) {
                while i < b.len() && is_token_byte(b[i]) {
                    i += 1;
                }
                count += 1;
                if count == len {
                    break;
                }
            } else {
                i += 1;
            }
        }
        if i >= b.len() {
            return self.clone();
        }
        text.get(..i)
            .and_then(|t| Version::parse(t).ok())
            .unwrap_or_default()
    }
}

impl PartialEq for Version {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(other.key())
    }
}

impl Hash for Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Version({:?})", self.as_str())
    }
}

impl FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).expect(s)
    }

    #[test]
    fn basic_order() {
        let asc = [
            "", "0.0.0", "1", "2", "2.alpha1", "2.alpha2", "2.beta", "2.0", "2.0.8.8", "2.1",
            "2.1.0",
        ];
        for w in asc.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(v("01") < v("1"));
        assert!(v("0") < v("00"));
        assert!(v("beta") < v("1"));
        assert!(v("gamma33") < v("33gamma"));
        assert_eq!(v("1.2-3"), v("1-2.3"));
        assert!(v("A") < v("_") && v("_") < v("a"));
    }

    #[test]
    fn a_version_made_of_its_text_and_key_is_the_version() {
        for text in [
            "", "1", "1.0", "1-0", "2.alpha1", "01", "00", "1.0.0rc1", "a_B-3",
        ] {
            let parsed = v(text);
            let made =
                Version::from_text_and_key(parsed.as_str(), parsed.sort_key()).expect("made");
            assert_eq!(made.as_str(), text);
            assert_eq!(made.sort_key(), parsed.sort_key());
            assert_eq!(made, parsed);
            assert_eq!(made.len(), parsed.len());
        }
        assert!(Version::from_text_and_key("1", b"").is_none());
        assert!(Version::from_text_and_key("", b"\x02").is_none());
        assert!(Version::from_text_and_key("1", &[0x80]).is_none());
    }

    /// The key of `1.0a`, worked out by hand from the encoding: changing
    /// what this gives is changing the encoding, which must bump
    /// [`SORT_KEY_FORMAT`] (stored keys of the old one would be misread).
    #[test]
    fn the_key_encoding_is_format_one() {
        assert_eq!(SORT_KEY_FORMAT, 1, "bump with the encoding");
        let key = [
            // "1": numeric, one significant digit "1", no leading zeros
            // (0 groups, complemented: 0x7f), end of token
            KEY_NUMERIC,
            1,
            1,
            b'1',
            0x7f,
            KEY_TOKEN_END,
            // "0a": numeric "0" (no significant digits: 0 groups; one
            // zero: 1 group of value 1), then alphabetic "a", end
            KEY_NUMERIC,
            0,
            1,
            1,
            KEY_ALPHA,
            b'a',
            KEY_ALPHA - 1,
            KEY_TOKEN_END,
        ];
        assert_eq!(v("1.0a").sort_key(), &key[..]);
    }

    #[test]
    fn next_and_trim() {
        assert_eq!(v("1.2").next().map(|x| x.to_string()), Some("1.2_".into()));
        assert_eq!(v("1.2-3").trim(2).to_string(), "1.2");
        assert_eq!(v("1.2-3").trim(9).to_string(), "1.2-3");
        assert!(v("1.2").trim(0).is_empty());
        assert_eq!(v("1.2-3").len(), 3);
    }
}
