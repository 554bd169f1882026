//! Python identifiers as the compiler sees them.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Python's hard keywords: never names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Whether `word` is a hard keyword.
pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// The name an identifier binds: CPython normalises identifiers to NFKC
/// (PEP 3131), so `ｒｅｑｕｉｒｅｓ` is `requires`.
pub(crate) fn normalise(identifier: &str) -> Cow<'_, str> {
    if identifier.is_ascii() {
        Cow::Borrowed(identifier)
    } else {
        Cow::Owned(identifier.nfkc().collect())
    }
}
