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
//!
//! An indicator is at most 9. A scalar indented further past its parent is
//! first moved left, as [`shift_body`] describes, to 9 past its parent:
//! only spaces are removed, never a line break, so line numbers hold.

use super::Found;

const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// What to do about libyaml's tab fault in the block scalar whose `|` or
/// `>` is at byte `start` of `bytes`, in a block collection indented
/// `parent` columns (-1 at the top level): an insertion of the indicator
/// PyYAML detects, the text rewritten with the scalar moved left and that
/// indicator when it would exceed 9, or [`Found::Same`] (leave libyaml's
/// error) when the scalar already has an indicator, where PyYAML refuses
/// the tab too.
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
    let body = at;
    // PyYAML's `scan_block_scalar_indentation`.
    let (mut column, mut most) = (0usize, 0usize);
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
    // The parent's indentation as libyaml adds an indicator to it.
    let base = usize::try_from(parent).unwrap_or(0);
    let indent = most.max(base + 1);
    match DIGITS.get(indent - base - 1) {
        Some(digit) => Found::Insert(start + 1, digit),
        None => {
            let mut text = Vec::with_capacity(bytes.len());
            text.extend_from_slice(&bytes[..=start]);
            text.extend_from_slice(b"9");
            text.extend_from_slice(&bytes[start + 1..body]);
            shift_body(bytes, body, indent, base + 9, &mut text);
            // Only ASCII spaces were removed and an ASCII digit inserted.
            match String::from_utf8(text) {
                Ok(text) => Found::Rewrite(start, text),
                Err(_) => Found::Same,
            }
        }
    }
}

/// Appends `bytes[body..]` to `out` with the block scalar whose body starts
/// there, indented `indent` columns as PyYAML detects it, moved left to
/// `to` columns (`to < indent`), so that libyaml reads it with the
/// indicator that gives `to` as PyYAML reads the original:
/// - every body line (PyYAML's `scan_block_scalar_breaks` and content
///   lines: a line of spaces only, or one with at least `indent` spaces
///   before anything else) loses `indent - to` leading spaces, or all of
///   them if it has fewer (then it is spaces only). A space-only line of
///   at most `indent` spaces is a line break to PyYAML and, at most `to`
///   after the cut, to libyaml, kept by `+` chomping as such; one longer
///   keeps the same spaces past the indentation as content; a content
///   line keeps what follows its indentation, so folding (which looks at
///   whether a line starts with a space or tab) is unchanged;
/// - the first other line ends the scalar. If it starts at `to` or more
///   (and less than `indent`) it is a comment, whose column means nothing,
///   or a token past the parent's indentation, always an error to PyYAML:
///   it is moved to `to - 1` columns, so libyaml too ends the scalar
///   before it (and finds the same error there). The rest is kept as it
///   is.
fn shift_body(bytes: &[u8], body: usize, indent: usize, to: usize, out: &mut Vec<u8>) {
    let cut = indent - to;
    let mut at = body;
    while at < bytes.len() {
        let spaces = bytes[at..].iter().take_while(|&&b| b == b' ').count();
        let first = at + spaces;
        let blank = first == bytes.len() || line_break(&bytes[first..]) > 0;
        if !blank && spaces < indent {
            out.resize(out.len() + spaces.min(to - 1), b' ');
            out.extend_from_slice(&bytes[first..]);
            return;
        }
        out.resize(out.len() + spaces.saturating_sub(cut), b' ');
        let mut end = first;
        while end < bytes.len() && line_break(&bytes[end..]) == 0 {
            end += 1;
        }
        end += line_break(&bytes[end..]);
        out.extend_from_slice(&bytes[first..end]);
        at = end;
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
