//! A small text format for repositories, one package a line, for tests and
//! examples:
//!
//! ```text
//! # a comment; blank lines are skipped
//! maya 2024: python-3.9 arnold
//! python 3.9.7
//! arnold 7: python-3.10+
//! usd 23.1: boost | python-3.9 | python-3.10
//! ```
//!
//! A line is the family name, a space, the version, then optionally `:` and
//! the requirements every variant shares, then each variant after a `|`
//! (its own requirements, possibly none). Requirements are separated by
//! white space and written as in rez (`~foo-1`, `!bar`, `baz-2+<3`).
//! Lines whose first word ends in `:` (`request: maya-2024`) are not
//! packages: [`TextRepo`] keeps them, word by word, for the caller.

use std::sync::Arc;

use rer_repo::{Package, ProviderError};
use rer_version::{Requirement, Version};

use crate::MemoryProvider;

/// Why a repository text could not be read: the line and what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// A line is not `name version[: requires...][| variant...]...`, or a
    /// version or requirement in it does not parse.
    #[error("{origin}:{line}: {message}")]
    Line {
        /// The text's name.
        origin: String,
        /// The line number, from 1.
        line: usize,
        /// What is wrong, quoting the offending text.
        message: String,
    },
    /// Two lines define the same package.
    #[error(transparent)]
    Package(ProviderError),
}

/// A repository read from the text format, with its non-package lines.
#[derive(Debug)]
pub struct TextRepo {
    /// The packages.
    pub provider: MemoryProvider,
    /// The `key: words...` lines, in order: the key (without `:`) and the
    /// words after it.
    pub fields: Vec<(String, Vec<String>)>,
}

impl TextRepo {
    /// The words of every field named `key`, in order.
    pub fn field<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a [String]> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_slice())
    }
}

/// Reads `text`; `origin` names it in uris (`<origin>:<family>/<version>`)
/// and errors.
pub(crate) fn parse(text: &str, origin: &str) -> Result<TextRepo, TextError> {
    let mut packages = Vec::new();
    let mut fields = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fail = |message: String| TextError::Line {
            origin: origin.to_string(),
            line: i + 1,
            message,
        };
        let first = line.split_whitespace().next().unwrap_or("");
        if let Some(key) = first.strip_suffix(':') {
            let words = line
                .split_whitespace()
                .skip(1)
                .map(str::to_string)
                .collect();
            fields.push((key.to_string(), words));
            continue;
        }
        let mut parts = line.split('|');
        let head = parts.next().unwrap_or("");
        let (what, shared) = match head.split_once(':') {
            Some((w, r)) => (w, r),
            None => (head, ""),
        };
        let mut words = what.split_whitespace();
        let (Some(name), Some(version), None) = (words.next(), words.next(), words.next()) else {
            return Err(fail(format!(
                "expected `name version[: requires][| variant]...`, got {line:?}"
            )));
        };
        let version: Version = version
            .parse()
            .map_err(|e| fail(format!("bad version {version:?}: {e}")))?;
        let reqs = |text: &str| -> Result<Vec<Requirement>, TextError> {
            text.split_whitespace()
                .map(|r| {
                    r.parse::<Requirement>()
                        .map_err(|e| fail(format!("bad requirement {r:?}: {e}")))
                })
                .collect()
        };
        let requires = reqs(shared)?;
        let variants = parts.map(reqs).collect::<Result<Vec<_>, _>>()?;
        let name: Arc<str> = name.into();
        packages.push(Package {
            uri: format!("{origin}:{name}/{version}").into(),
            name,
            version,
            requires,
            variants,
            timestamp: None,
            build_requires: Ok(Vec::new()),
            private_build_requires: Ok(Vec::new()),
            location: None,
        });
    }
    let provider = MemoryProvider::from_packages(packages).map_err(TextError::Package)?;
    Ok(TextRepo { provider, fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rer_repo::FamilyProvider;

    #[test]
    fn packages_variants_and_fields() {
        let repo = parse(
            "# comment\nrequest: a-1 ~b\n\na 1: b-2 !c | py-2 | py-3 d\nb 2\nc 1: | \n",
            "t",
        )
        .expect("parses");
        assert_eq!(
            repo.field("request").next(),
            Some(&["a-1".to_string(), "~b".to_string()][..])
        );
        let a = repo.provider.family("a").expect("ok").expect("a");
        let pkg = a.package(0).expect("loads");
        assert_eq!(pkg.requires.len(), 2);
        assert_eq!(pkg.variants.len(), 2);
        assert_eq!(pkg.variants[1].len(), 2);
        let c = repo.provider.family("c").expect("ok").expect("c");
        let pkg = c.package(0).expect("loads");
        assert_eq!(pkg.variants, vec![Vec::<Requirement>::new()]);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let err = parse("a 1\nb\n", "t").expect_err("fails");
        assert!(err.to_string().starts_with("t:2: expected"), "{err}");
        let err = parse("a 1: b-1+<0.5&\n", "t").expect_err("fails");
        assert!(err.to_string().starts_with("t:1: bad requirement"), "{err}");
        let err = parse("a 1\na 1\n", "t").expect_err("fails");
        assert!(matches!(err, TextError::Package(_)), "{err}");
    }
}
