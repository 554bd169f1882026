//! Shell patterns as Python's `fnmatch.translate` reads them, turned into
//! regular expressions that match a whole name.

/// The regular expression matching exactly the names `pattern` matches:
/// `*` any run of characters, `?` one character, `[...]` a set (`[!...]`
/// its complement; `]` first in the set is a member; a range `z-a` is
/// empty), anything else itself. A `[` without a closing `]` is itself.
pub(crate) fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::from(r"\A(?s:");
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => {
                while chars.get(i + 1) == Some(&'*') {
                    i += 1;
                }
                out.push_str(".*");
            }
            '?' => out.push('.'),
            '[' => match set_end(&chars, i) {
                Some(end) => {
                    out.push_str(&set(&chars[i + 1..end]));
                    i = end;
                }
                None => out.push_str(r"\["),
            },
            c => push_literal(&mut out, c),
        }
        i += 1;
    }
    out.push_str(r")\z");
    out
}

/// The position of the `]` closing the set opened at `open`, as fnmatch
/// finds it.
fn set_end(chars: &[char], open: usize) -> Option<usize> {
    let mut j = open + 1;
    if chars.get(j) == Some(&'!') {
        j += 1;
    }
    if chars.get(j) == Some(&']') {
        j += 1;
    }
    while j < chars.len() && chars[j] != ']' {
        j += 1;
    }
    (j < chars.len()).then_some(j)
}

/// A character class for the set's contents (between the brackets).
fn set(contents: &[char]) -> String {
    let (negated, items) = match contents.first() {
        Some('!') => (true, &contents[1..]),
        _ => (false, contents),
    };
    let mut class = String::new();
    let mut k = 0;
    while k < items.len() {
        let first = items[k];
        if items.get(k + 1) == Some(&'-') && k + 2 < items.len() {
            let last = items[k + 2];
            if first <= last {
                push_class_char(&mut class, first);
                class.push('-');
                push_class_char(&mut class, last);
            }
            k += 3;
        } else {
            push_class_char(&mut class, first);
            k += 1;
        }
    }
    match (class.is_empty(), negated) {
        (true, false) => "(?!)".to_owned(),
        (true, true) => ".".to_owned(),
        (false, false) => format!("[{class}]"),
        (false, true) => format!("[^{class}]"),
    }
}

fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii() {
        out.push(c);
    } else {
        out.push('\\');
        out.push(c);
    }
}

fn push_class_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || !c.is_ascii() {
        out.push(c);
    } else {
        out.push('\\');
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::translate;
    use fancy_regex::Regex;

    fn matches(pattern: &str, name: &str) -> bool {
        Regex::new(&translate(pattern))
            .unwrap()
            .is_match(name)
            .unwrap()
    }

    #[test]
    fn patterns_match_as_fnmatch_does() {
        assert!(matches("timestamped-*.5", "timestamped-1.0.5"));
        assert!(!matches("timestamped-*.5", "timestamped-1.0.6"));
        assert!(matches("*.0", "foo-1.0"));
        assert!(!matches("*.0", "foo-1.0.1"));
        assert!(matches("foo-?", "foo-1"));
        assert!(!matches("foo-?", "foo-12"));
        assert!(matches("a[]b]", "a]"));
        assert!(matches("a[!]b]", "ac"));
        assert!(!matches("a[!]b]", "ab"));
        assert!(matches("a[b", "a[b"));
        assert!(matches("a[^b]", "a^"));
        assert!(matches("a[a-]", "a-"));
        assert!(!matches("a[z-a]b", "azb"));
        assert!(matches("x[a-c-e]", "x-"));
        assert!(matches("x[a-c-e]", "xe"));
        assert!(!matches("x[a-c-e]", "xd"));
        assert!(matches("a.b", "a.b"));
        assert!(!matches("a.b", "axb"));
        assert!(!matches("Foo*", "foo-1"));
    }
}
