//! rez's `platform_map`: regular-expression rewrites of the raw `arch` and
//! `os` values before `{system.arch}` / `{system.os}` use them.
//!
//! rez applies, for `arch` and for `os`, the entries of `platform_map[key]`
//! in order: `re.subn(pattern, replacement, value)`, stopping at the first
//! pattern that changed something. Python's `re` and Rust's `regex` agree on
//! ordinary patterns; a pattern `regex` cannot compile (look-around,
//! back-references) is an error naming it, never a silent skip.

use indexmap::IndexMap;
use regex::Regex;

use crate::node::Node;

/// One key's rewrites, `(pattern, replacement)` in order, or why the
/// key's value cannot be used.
type Rules = Result<Vec<(String, String)>, String>;

/// The rewrites for each key (`arch`, `os`), in the order the configuration
/// lists them; a key whose value is not a mapping of strings keeps the
/// reason.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlatformMap {
    entries: Vec<(String, Rules)>,
}

impl PlatformMap {
    /// The map a configuration file (or rez's default, `{}`) gives.
    pub(crate) fn from_node(node: &Node) -> PlatformMap {
        let Node::Dict(keys) = node else {
            return PlatformMap::default();
        };
        let entries = keys
            .iter()
            .map(|(key, value)| {
                let rules = match value {
                    Node::Dict(rules) => rules
                        .iter()
                        .map(|(pattern, repl)| match repl {
                            Node::Str(repl) => Ok((pattern.clone(), repl.clone())),
                            other => Err(format!(
                                "platform_map['{key}']['{pattern}'] must be a str, not {}",
                                other.type_name()
                            )),
                        })
                        .collect(),
                    other => Err(format!(
                        "platform_map['{key}'] must be a dict, not {}",
                        other.type_name()
                    )),
                };
                (key.clone(), rules)
            })
            .collect();
        PlatformMap { entries }
    }

    /// The map `REZ_PLATFORM_MAP_JSON` gives, in the text's order.
    ///
    /// # Errors
    /// When the text is not a JSON object of objects of strings.
    pub(crate) fn from_json(text: &str) -> Result<PlatformMap, String> {
        let map: IndexMap<String, IndexMap<String, String>> = serde_json::from_str(text)
            .map_err(|e| format!("platform_map must map keys to dicts of strings ({e})"))?;
        Ok(PlatformMap {
            entries: map
                .into_iter()
                .map(|(k, rules)| (k, Ok(rules.into_iter().collect())))
                .collect(),
        })
    }

    /// `value` rewritten by the rules for `key`, as rez's `platform_mapped`
    /// rewrites it.
    ///
    /// # Errors
    /// When the rules for `key` are malformed or a pattern does not compile.
    pub(crate) fn apply(&self, key: &str, value: &str) -> Result<String, String> {
        let Some((_, rules)) = self.entries.iter().find(|(k, _)| k == key) else {
            return Ok(value.to_string());
        };
        let mut result = value.to_string();
        for (pattern, repl) in rules.as_ref().map_err(Clone::clone)? {
            let re = Regex::new(pattern).map_err(|e| {
                format!("platform_map['{key}']: rer cannot use the pattern '{pattern}': {e}")
            })?;
            let changes = re.find_iter(&result).count();
            result = re
                .replace_all(&result, python_replacement(repl)?.as_str())
                .into_owned();
            if changes > 0 {
                break;
            }
        }
        Ok(result)
    }
}

/// A Python `re` replacement string in `regex`'s syntax: `\1` and `\g<x>`
/// become `${1}` / `${x}`, `$` is escaped, and Python's character escapes
/// are resolved.
fn python_replacement(repl: &str) -> Result<String, String> {
    let mut out = String::with_capacity(repl.len());
    let mut chars = repl.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => {
                    let mut group = d.to_string();
                    if let Some(&e) = chars.peek() {
                        if e.is_ascii_digit() {
                            group.push(e);
                            chars.next();
                        }
                    }
                    out.push_str(&format!("${{{group}}}"));
                }
                Some('g') if chars.peek() == Some(&'<') => {
                    chars.next();
                    let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
                    out.push_str(&format!("${{{name}}}"));
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(other) if other.is_ascii_alphabetic() => {
                    return Err(format!(
                        "bad escape \\{other} in platform_map replacement '{repl}'"
                    ));
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(json: &str) -> PlatformMap {
        PlatformMap::from_json(json).expect("a map")
    }

    #[test]
    fn the_first_pattern_that_changes_something_wins() {
        let m = map(r#"{"os": {"Debian-(.*)": "Deb-\\1", "Deb.*": "never"}}"#);
        assert_eq!(m.apply("os", "Debian-12").expect("maps"), "Deb-12");
        assert_eq!(m.apply("arch", "x86_64").expect("maps"), "x86_64");
        let m = map(r#"{"arch": {"nomatch": "x", "x86_64": "64bit"}}"#);
        assert_eq!(m.apply("arch", "x86_64").expect("maps"), "64bit");
    }

    #[test]
    fn named_groups_and_dollars_are_replaced_as_python_does() {
        let m = map(r#"{"os": {"(?P<d>\\w+)-(\\d+)": "\\g<d>$\\2"}}"#);
        assert_eq!(m.apply("os", "Debian-12").expect("maps"), "Debian$12");
    }

    #[test]
    fn what_rer_cannot_apply_is_an_error() {
        assert!(
            map(r#"{"os": {"(?<=a)b": "c"}}"#)
                .apply("os", "ab")
                .is_err()
        );
        assert!(map(r#"{"os": {"a": "\\q"}}"#).apply("os", "a").is_err());
        let bad = PlatformMap::from_node(&Node::Dict(vec![("os".into(), Node::Int(1))]));
        assert!(bad.apply("os", "a").is_err());
    }
}
