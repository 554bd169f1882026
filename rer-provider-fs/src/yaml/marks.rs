//! PyYAML's problem line where libyaml (or rer's check of its tokens) finds
//! a fault on a later line than PyYAML does.
//!
//! PyYAML's scanner skips only spaces between tokens, so it stops at a tab
//! that libyaml skips. Two cases follow (checked against PyYAML by
//! `tests/yaml_flow.rs` on a generated matrix):
//! - A simple key without its `:` ("could not find expected ':'"): libyaml
//!   marks the end of the blanks and line breaks it skipped after the key
//!   (and folds tabs into a plain key spanning lines), PyYAML the first tab
//!   after the key's start, or after its closing quote; and at the end of a stream without a
//!   final line break, libyaml marks the line after the last (it ends the
//!   last line itself), PyYAML the last.
//! - A fault at a tab (`x: |` then ` a` then ` <TAB>`): PyYAML's parser may
//!   have stopped before it, at a token libyaml's scanner had not yet
//!   handed over when it met the tab. The text before the tab is parsed
//!   alone, and a fault it has on an earlier line is PyYAML's.

use rer_pyread::PyError;

use super::pyyaml::line_of;
use super::{Fault, compose_text, second_document};

/// `fault`'s error in `text` (the text composed), on PyYAML's line.
pub(super) fn remark(text: &str, fault: Fault) -> PyError {
    let at = fault.at;
    let error = simple_key(text, fault);
    match at {
        Some((at, _)) => before_tab(text, at, error),
        None => error,
    }
}

/// `error`, found at byte `at` of `text`, or PyYAML's fault before it on
/// an earlier line when `at` is a tab.
pub(super) fn before_tab(text: &str, at: usize, error: PyError) -> PyError {
    if text.as_bytes().get(at) != Some(&b'\t') {
        return error;
    }
    // A tab is one byte: `at` is a character boundary.
    let before = &text[..at];
    let earlier = match compose_text(before) {
        Err(fault) => Some(simple_key(before, fault)),
        Ok(graph) => second_document(&graph),
    };
    match earlier {
        Some(earlier) if earlier.line < error.line => earlier,
        _ => error,
    }
}

/// `fault`'s error, with libyaml's "could not find expected ':'" moved to
/// the line PyYAML marks it on.
fn simple_key(text: &str, fault: Fault) -> PyError {
    let mut error = fault.error;
    let Some((at, Some(key))) = fault.at else {
        return error;
    };
    if !error.message.ends_with("could not find expected ':'") {
        return error;
    }
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let after = after_quotes(bytes, key).min(at);
    if let Some(tab) = bytes[after..at].iter().position(|&b| b == b'\t') {
        error.line = line_of(bytes, after + tab);
    } else if at >= bytes.len() && !ends_with_break(bytes) {
        error.line = line_of(bytes, bytes.len());
    }
    error
}

/// Where a quoted scalar starting at `key` (after any anchor and tag) ends,
/// for a tab in it is not one PyYAML stops at; `key` itself for a plain
/// one, whose tabs PyYAML does stop at (it skips only spaces inside a plain
/// scalar, where libyaml folds tabs too).
fn after_quotes(bytes: &[u8], key: usize) -> usize {
    let mut at = key;
    // Properties: `&anchor` and `!tag`, each followed by blanks.
    while matches!(bytes.get(at), Some(b'&' | b'!')) {
        while bytes
            .get(at)
            .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            at += 1;
        }
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
    }
    let Some(&quote) = bytes.get(at).filter(|&&b| b == b'\'' || b == b'"') else {
        return key;
    };
    at += 1;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 2,
            _ if b == quote => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Whether `bytes` is empty or ends with a line break.
fn ends_with_break(bytes: &[u8]) -> bool {
    bytes.is_empty()
        || [
            &b"\n"[..],
            b"\r",
            "\u{85}".as_bytes(),
            "\u{2028}".as_bytes(),
            "\u{2029}".as_bytes(),
        ]
        .iter()
        .any(|end| bytes.ends_with(end))
}
