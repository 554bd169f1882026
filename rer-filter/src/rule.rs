//! One filter rule: rez's `GlobRule`, `RegexRule`, `RangeRule` and
//! `TimestampRule`, parsed from rez's rule text.

use std::fmt;
use std::sync::Arc;

use fancy_regex::Regex;
use rer_repo::ProviderError;
use rer_version::{Requirement, Version};

use crate::FilterError;
use crate::glob;

/// A package as a rule sees it: name and version known from the listing,
/// the release timestamp read only when a rule asks for it.
pub(crate) struct Candidate<'a> {
    pub(crate) name: &'a str,
    pub(crate) version: &'a Version,
    /// Reads the package's timestamp (a package load, for a lazy family).
    pub(crate) timestamp: &'a dyn Fn() -> Result<Option<i64>, ProviderError>,
}

impl Candidate<'_> {
    /// rez's `qualified_name`: `name-version`, or `name` when the version is
    /// empty.
    fn qualified_name(&self) -> String {
        if self.version.is_empty() {
            self.name.to_owned()
        } else {
            format!("{}-{}", self.name, self.version)
        }
    }
}

/// One rule of a package filter, matching whole packages.
///
/// The four kinds rez 3.4.0 has, with its parsing ([`Rule::parse`]) and
/// matching:
/// - `glob(PATTERN)`: the package's qualified name (`foo-1.2`) matches the
///   shell pattern as Python's `fnmatch` does (the whole name, case
///   sensitive);
/// - `regex(PATTERN)`: the qualified name matches the regular expression
///   from its start, as Python's `re.match` does;
/// - `range(REQUIREMENT)`: the package does *not conflict* with the
///   requirement (`foo-1+` matches every `foo` from 1 up, and every package
///   of another family... but the rule is filed under `foo`, so it is only
///   consulted for `foo`);
/// - `before(T)`, `after(T)`, `before(family:T)`, `after(family:T)`: the
///   package's `timestamp` is `<= T` (before) or `> T` (after). A package
///   without a timestamp (or with timestamp 0, which Python counts as none)
///   never matches. These are the rules that read package data.
#[derive(Clone)]
pub struct Rule {
    kind: Kind,
    family: Option<Arc<str>>,
}

#[derive(Clone)]
enum Kind {
    Glob { text: Arc<str>, regex: Arc<Regex> },
    Regex { text: Arc<str>, regex: Arc<Regex> },
    Range(Requirement),
    Timestamp { timestamp: i64, after: bool },
}

impl Rule {
    /// Parses rez's rule text (`Rule.parse_rule`): `label(body)` with label
    /// `glob`, `regex`, `range`, `before` or `after`; without a label, a
    /// glob when the text has a `*` and a range otherwise.
    ///
    /// # Errors
    /// [`FilterError::UnknownRuleType`] for another label,
    /// [`FilterError::BadRule`] when the body does not parse as its kind
    /// requires (rez's `ConfigurationError` in both cases).
    pub fn parse(text: &str) -> Result<Rule, FilterError> {
        let (label, body) = match split_label(text) {
            Some((label, body)) => {
                if !matches!(label, "glob" | "regex" | "range" | "before" | "after") {
                    return Err(FilterError::UnknownRuleType {
                        rule: text.to_owned(),
                        label: label.to_owned(),
                    });
                }
                (label, body)
            }
            None if text.contains('*') => ("glob", text),
            None => ("range", text),
        };
        let labelled = format!("{label}({body})");
        let bad = |message: String| FilterError::BadRule {
            rule: labelled.clone(),
            message,
        };
        // rez parses the labelled text again, so a body that itself reads
        // as `x(y)` loses its outer label
        let body = split_label(&labelled).map_or(labelled.as_str(), |(_, body)| body);
        match label {
            "glob" => Rule::glob(body).map_err(bad),
            "regex" => Rule::regex(body).map_err(bad),
            "range" => Requirement::parse(body)
                .map(Rule::range)
                .map_err(|e| bad(format!("{e}"))),
            _ => {
                let (family, stamp) = match body.split_once(':') {
                    Some((family, stamp)) => (Some(family), stamp),
                    None => (None, body),
                };
                let timestamp = python_int(stamp).ok_or_else(|| {
                    bad(format!(
                        "ValueError: invalid literal for int() with base 10: '{stamp}'"
                    ))
                })?;
                let family = family.map(Arc::from);
                Ok(if label == "after" {
                    Rule::after(timestamp, family)
                } else {
                    Rule::before(timestamp, family)
                })
            }
        }
    }

    /// rez's `GlobRule(pattern)`.
    ///
    /// # Errors
    /// The reason, when the pattern cannot be compiled.
    pub fn glob(pattern: &str) -> Result<Rule, String> {
        let regex = Regex::new(&glob::translate(pattern)).map_err(|e| e.to_string())?;
        Ok(Rule {
            family: family_prefix(pattern),
            kind: Kind::Glob {
                text: pattern.into(),
                regex: Arc::new(regex),
            },
        })
    }

    /// rez's `RegexRule(pattern)`: Python regular-expression syntax, as far
    /// as the `fancy-regex` crate accepts it (look-around and
    /// back-references included), matched from the start of the name.
    ///
    /// # Errors
    /// The reason, when the pattern cannot be compiled.
    pub fn regex(pattern: &str) -> Result<Rule, String> {
        let regex = Regex::new(&format!(r"\A(?:{pattern})")).map_err(|e| e.to_string())?;
        Ok(Rule {
            family: family_prefix(pattern),
            kind: Kind::Regex {
                text: pattern.into(),
                regex: Arc::new(regex),
            },
        })
    }

    /// rez's `RangeRule(requirement)`, filed under the requirement's family.
    pub fn range(requirement: Requirement) -> Rule {
        Rule {
            family: Some(Arc::clone(requirement.shared_name())),
            kind: Kind::Range(requirement),
        }
    }

    /// rez's `TimestampRule.before(timestamp, family)`: packages released at
    /// or before `timestamp`.
    pub fn before(timestamp: i64, family: Option<Arc<str>>) -> Rule {
        Rule {
            family,
            kind: Kind::Timestamp {
                timestamp,
                after: false,
            },
        }
    }

    /// rez's `TimestampRule.after(timestamp, family)`: packages released
    /// after `timestamp` (what `rez env --time` excludes).
    pub fn after(timestamp: i64, family: Option<Arc<str>>) -> Rule {
        Rule {
            family,
            kind: Kind::Timestamp {
                timestamp,
                after: true,
            },
        }
    }

    /// The family the rule is filed under, or `None` for a rule consulted
    /// for every family (rez's `Rule.family()`). A glob or regex is filed
    /// under the text before its last `-`, `@` or `#` that comes before any
    /// `*` or `?`: `foo-1.*` under `foo`, and `foo-1.2-*` under `foo-1.2`
    /// (which then matches nothing, as in rez).
    pub fn family(&self) -> Option<&str> {
        self.family.as_deref()
    }

    /// rez's relative cost: 1000 for a timestamp rule (it reads the
    /// package), 10 for the others. Cheaper rules are tried first.
    pub fn cost(&self) -> u32 {
        match self.kind {
            Kind::Timestamp { .. } => 1000,
            _ => 10,
        }
    }

    /// Whether matching needs the package's data (its timestamp).
    pub fn reads_package(&self) -> bool {
        matches!(self.kind, Kind::Timestamp { .. })
    }

    /// Whether the rule matches `candidate`.
    pub(crate) fn matches(&self, candidate: &Candidate<'_>) -> Result<bool, ProviderError> {
        Ok(match &self.kind {
            Kind::Glob { regex, .. } | Kind::Regex { regex, .. } => {
                // a pattern that runs out of backtracking budget matches
                // nothing, where Python would keep going
                regex.is_match(&candidate.qualified_name()).unwrap_or(false)
            }
            Kind::Range(requirement) => {
                !requirement.conflicts_with_version(candidate.name, candidate.version)
            }
            Kind::Timestamp { timestamp, after } => match (candidate.timestamp)()? {
                None | Some(0) => false,
                Some(t) if *after => t > *timestamp,
                Some(t) => t <= *timestamp,
            },
        })
    }
}

impl fmt::Display for Rule {
    /// rez's `str(rule)`: `glob(...)`, `regex(...)`, `range(...)`,
    /// `before(...)` / `after(...)` with `family:` when the rule has one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Glob { text, .. } => write!(f, "glob({text})"),
            Kind::Regex { text, .. } => write!(f, "regex({text})"),
            Kind::Range(requirement) => write!(f, "range({requirement})"),
            Kind::Timestamp { timestamp, after } => {
                let label = if *after { "after" } else { "before" };
                match &self.family {
                    Some(family) if !family.is_empty() => {
                        write!(f, "{label}({family}:{timestamp})")
                    }
                    _ => write!(f, "{label}({timestamp})"),
                }
            }
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({self})")
    }
}

/// rez's `label_re`, `^([^(]+)\(([^()]+)\)$`: the label and the body of
/// `label(body)`.
fn split_label(text: &str) -> Option<(&str, &str)> {
    let open = text.find('(')?;
    let body = text[open + 1..].strip_suffix(')')?;
    if open == 0 || body.is_empty() || body.contains(['(', ')']) {
        return None;
    }
    Some((&text[..open], body))
}

/// rez's `family_re` (`[^*?]+[-@#]`, matched at the start): the text
/// before the last separator that precedes any `*` or `?`.
fn family_prefix(pattern: &str) -> Option<Arc<str>> {
    let stop = pattern.find(['*', '?']).unwrap_or(pattern.len());
    let head = &pattern[..stop];
    let at = head.rfind(['-', '@', '#'])?;
    (at > 0).then(|| Arc::from(&head[..at]))
}

/// Python's `int(text)` for base 10: surrounding whitespace, a sign, and
/// single underscores between digits.
fn python_int(text: &str) -> Option<i64> {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let value: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_as_rez_label_re_does() {
        assert_eq!(split_label("glob(*.beta)"), Some(("glob", "*.beta")));
        assert_eq!(split_label("foo-1+"), None);
        assert_eq!(split_label("(x)"), None);
        assert_eq!(split_label("glob()"), None);
        assert_eq!(split_label("regex(a(b))"), None);
    }

    #[test]
    fn families_are_the_text_before_the_last_separator_before_a_wildcard() {
        let f = |s| family_prefix(s).map(|f| f.to_string());
        assert_eq!(f("timestamped-*.5").as_deref(), Some("timestamped"));
        assert_eq!(f("foo-1.2-*").as_deref(), Some("foo-1.2"));
        assert_eq!(f("*.0"), None);
        assert_eq!(f("*-2.*"), None);
        assert_eq!(f("-foo*"), None);
        assert_eq!(f("timestamped-1.[1|2].*").as_deref(), Some("timestamped"));
        assert_eq!(f("foo@1#2").as_deref(), Some("foo@1"));
    }

    #[test]
    fn timestamps_parse_as_python_int_does() {
        assert_eq!(python_int(" 12 "), Some(12));
        assert_eq!(python_int("-5"), Some(-5));
        assert_eq!(python_int("1_000"), Some(1000));
        assert_eq!(python_int("1__0"), None);
        assert_eq!(python_int("1.5"), None);
        assert_eq!(python_int(""), None);
    }
}
