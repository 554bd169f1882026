//! A tab after the indentation spaces that start a block scalar (`x: |`
//! then `  <TAB>a`): PyYAML reads the tab as the first character of the
//! content, libyaml refuses it.
//!
//! Without an indentation indicator both scanners detect the scalar's
//! indentation from its leading lines: PyYAML stops at the first character
//! that is neither a space nor a line break and takes the most spaces seen
//! on those lines (at least one more than the parent's indentation);
//! libyaml does the same but stops with "found a tab character where an
//! indentation space is expected" when that character is a tab. With an
//! explicit indicator libyaml takes a tab at or past the indentation as
//! content, as PyYAML does, and a tab before it is an error in both. So
//! the indicator PyYAML's detection gives is inserted after the `|` or `>`
//! (on the header line, so line numbers hold), and the text scanned again.
//! An indicator must be 1 to 9: past that the text is refused, naming the
//! line.

use rer_pyread::PyError;

use super::{Found, line_of};

const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// What to do about libyaml's tab fault in the block scalar whose `|` or
/// `>` is at byte `start` of `bytes`, in a block collection indented
/// `parent` columns (-1 at the top level): an insertion of the indicator
/// PyYAML detects, a refusal when it would exceed 9, or [`Found::Same`]
/// (leave libyaml's error) when the scalar already has an indicator, where
/// PyYAML refuses the tab too.
pub(super) fn tab_fault(bytes: &[u8], start: usize, parent: i64) -> Found {
    if !matches!(bytes.get(start), Some(b'|' | b'>')) {
        return Found::Same;
    }
    let mut at = start + 1;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'+' | b'-' => at += 1,
            b'1'..=b'9' => return Found::Same,
            _ => break,
        }
    }
    // The rest of the header line (libyaml has checked it).
    while at < bytes.len() && line_break(&bytes[at..]) == 0 {
        at += 1;
    }
    at += line_break(&bytes[at..]);
    // PyYAML's `scan_block_scalar_indentation`.
    let (mut column, mut most) = (0i64, 0i64);
    loop {
        match bytes.get(at) {
            Some(b' ') => {
                at += 1;
                column += 1;
                most = most.max(column);
            }
            Some(_) if line_break(&bytes[at..]) > 0 => {
                at += line_break(&bytes[at..]);
                column = 0;
            }
            _ => break,
        }
    }
    if bytes.get(at) != Some(&b'\t') {
        return Found::Same;
    }
    let indent = most.max(parent + 1).max(1);
    let increment = indent - parent.max(0);
    match usize::try_from(increment - 1)
        .ok()
        .and_then(|i| DIGITS.get(i))
    {
        Some(digit) => Found::Insert(start + 1, digit),
        None => Found::Refuse(PyError::new(
            line_of(bytes, at),
            format!(
                "a block scalar indented {increment} columns past its parent, with a tab after the indentation spaces: rez's PyYAML reads it, rer cannot (libyaml needs an indentation indicator for it, and one is at most 9)"
            ),
        )),
    }
}

/// The length of the line break `rest` starts with (0 for none): PyYAML's
/// and libyaml's breaks, CR LF, CR, LF, NEL, LS and PS.
pub(super) fn line_break(rest: &[u8]) -> usize {
    match rest {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        [0xc2, 0x85, ..] => 2,
        [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
        _ => 0,
    }
}
