//! rez's `expand_system_vars`, applied to every string of a validated
//! setting: `$VAR` / `${VAR}` from the environment, then `~` as the home
//! directory, then `{system.platform}`-style references.

use serde_json::Value;

use crate::env::Environment;
use crate::system::System;

/// What the expansions need.
pub(crate) struct Expander<'a> {
    pub env: &'a Environment,
    pub system: &'a System,
}

impl Expander<'_> {
    /// Every string in `value` (list items, dict values; not dict keys)
    /// expanded.
    ///
    /// # Errors
    /// A message when a string refers to a system value rer does not
    /// compute or is not a valid format string.
    pub(crate) fn value(&self, value: Value) -> Result<Value, String> {
        Ok(match value {
            Value::String(s) => Value::String(self.string(&s)?),
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|v| self.value(v))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| self.value(v).map(|v| (k, v)))
                    .collect::<Result<_, _>>()?,
            ),
            other => other,
        })
    }

    /// One string expanded.
    pub(crate) fn string(&self, s: &str) -> Result<String, String> {
        let s = expand_vars(s, self.env)?;
        let s = expand_user(&s, self.env.home());
        self.format(&s)
    }

    /// Python's `str.format` against `system`, leaving references to
    /// unknown names unchanged, as rez's `scoped_format` does.
    fn format(&self, s: &str) -> Result<String, String> {
        if !s.contains(['{', '}']) {
            return Ok(s.to_string());
        }
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '}' => return Err(format!("'{s}': single '}}' encountered in format string")),
                '{' => {
                    let mut field = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => {
                                return Err(format!("'{s}': expected '}}' before end of string"));
                            }
                            Some(c) => field.push(c),
                        }
                    }
                    out.push_str(&self.field(&field, s)?);
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }

    fn field(&self, field: &str, whole: &str) -> Result<String, String> {
        if field.contains(['!', ':']) {
            return Err(format!(
                "'{whole}': rer does not support conversions or format specs in \
                 '{{{field}}}'"
            ));
        }
        let head_end = field.find(['.', '[']).unwrap_or(field.len());
        let (head, rest) = field.split_at(head_end);
        if head.is_empty() || head.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "'{whole}': positional field '{{{field}}}' has no value (rez raises \
                 IndexError)"
            ));
        }
        if head != "system" {
            // rez leaves references to unknown names as they are.
            return Ok(format!("{{{field}}}"));
        }
        let Some(attr) = rest.strip_prefix('.') else {
            return Err(format!("'{whole}': rer cannot format '{{{field}}}'"));
        };
        let value = match attr {
            "platform" => self.system.platform().to_string(),
            "arch" => self.system.arch().map_err(|e| format!("'{whole}': {e}"))?,
            "os" => self.system.os().map_err(|e| format!("'{whole}': {e}"))?,
            "rez_version" => crate::REZ_VERSION.to_string(),
            "user" => self.system.user(self.env).ok_or_else(|| {
                format!("'{whole}': cannot tell the user name (none of LOGNAME, USER, LNAME, USERNAME is set)")
            })?,
            "home" => self
                .env
                .home()
                .map(str::to_string)
                .ok_or_else(|| format!("'{whole}': HOME is not set"))?,
            other
                if [
                    "variant", "shell", "fqdn", "hostname", "domain",
                    "executable", "rez_bin_path", "is_production_rez_install",
                    "selftest_is_running", "sys_path", "pid",
                ]
                .contains(&other.split(['.', '[']).next().unwrap_or(other)) =>
            {
                return Err(format!(
                    "'{whole}': rer does not compute '{{{field}}}' (it computes \
                     system.platform, arch, os, user, home and rez_version)"
                ));
            }
            // An attribute the system object does not have: left unchanged.
            _ => return Ok(format!("{{{field}}}")),
        };
        Ok(value)
    }
}

/// rez's `expandvars`: `$name` (`\w+`) and `${name}` replaced by the
/// variable's value when it is set, left as they are when not; an error
/// for a variable set to a value that is not valid Unicode (which rez
/// would put in, stray bytes and all).
pub(crate) fn expand_vars(text: &str, env: &Environment) -> Result<String, String> {
    if !text.contains('$') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, len) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (&braced[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], end)
        };
        if len > 0 && env.is_not_unicode(name) {
            return Err(format!(
                "'{text}': ${name} is not valid Unicode, which rer cannot read as text"
            ));
        }
        match env.var(name) {
            Some(value) if len > 0 => out.push_str(value),
            _ => out.push_str(&rest[at..at + 1 + len]),
        }
        rest = &rest[at + 1 + len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// rez's `expanduser`: a `~` at the start or after whitespace, `:` or `;`,
/// and followed by `/`, `:`, `;`, whitespace or the end, becomes the home
/// directory; and, as rez does whenever the text holds a `~`, the result is
/// normalised as a path (`os.path.normpath`).
pub(crate) fn expand_user(text: &str, home: Option<&str>) -> String {
    if !text.contains('~') {
        return text.to_string();
    }
    let Some(home) = home else {
        return normpath(text);
    };
    let chars: Vec<char> = text.chars().collect();
    let is_pathsep = |c: char| c == ':' || c == ';';
    let ends = |i: usize| match chars.get(i) {
        None => Some(0),
        Some(&c) if c == '/' || is_pathsep(c) || c.is_whitespace() => Some(1),
        _ => None,
    };
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // Group 1: the start of the text, or one separator character.
        let lead = if i == 0 && chars[0] == '~' {
            Some(0)
        } else if (chars[i].is_whitespace() || is_pathsep(chars[i]))
            && chars.get(i + 1) == Some(&'~')
        {
            Some(1)
        } else {
            None
        };
        if let Some(lead) = lead {
            if let Some(tail) = ends(i + lead + 1) {
                out.extend(&chars[i..i + lead]);
                out.push_str(home);
                out.extend(&chars[i + lead + 1..i + lead + 1 + tail]);
                i += lead + 1 + tail;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    normpath(&out)
}

/// Python's `posixpath.normpath`.
pub(crate) fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let leading = path.len() - path.trim_start_matches('/').len();
    let prefix = match leading {
        0 => "",
        2 => "//",
        _ => "/",
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if prefix.is_empty() {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = format!("{prefix}{}", parts.join("/"));
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        Environment::from_vars([("HOME", "/home/me"), ("X", "x1"), ("USER", "me")])
    }

    #[test]
    fn variables_expand_when_set() {
        let e = env();
        assert_eq!(
            expand_vars("$X/${X}/$NOPE/${NOPE}/$", &e).unwrap(),
            "x1/x1/$NOPE/${NOPE}/$"
        );
        assert_eq!(expand_vars("a$X.b", &e).unwrap(), "ax1.b");
    }

    #[test]
    fn tilde_expands_where_rez_expands_it() {
        // Each answer printed by rez 3.4.0's expanduser with HOME=/home/me.
        let h = Some("/home/me");
        assert_eq!(expand_user("~/packages", h), "/home/me/packages");
        assert_eq!(expand_user("~", h), "/home/me");
        assert_eq!(expand_user("~platform==linux", h), "~platform==linux");
        assert_eq!(expand_user("~/a/../b//c/", h), "/home/me/b/c");
        assert_eq!(expand_user("/a:~/b", h), "/a:/home/me/b");
        assert_eq!(expand_user("x~/b", h), "x~/b");
    }

    #[test]
    fn system_references_expand_and_unknown_names_stay() {
        let system = System::new();
        let e = env();
        let x = Expander {
            env: &e,
            system: &system,
        };
        assert_eq!(
            x.string("~platform=={system.platform}").expect("expands"),
            format!("~platform=={}", system.platform())
        );
        assert_eq!(
            x.string("{foo.bar}-{{x}}").expect("expands"),
            "{foo.bar}-{x}"
        );
        assert_eq!(x.string("/p/{system.user}").expect("expands"), "/p/me");
        assert_eq!(x.string("{system.nope}").expect("expands"), "{system.nope}");
        assert!(x.string("{system.hostname}").is_err());
        assert!(x.string("a}b").is_err());
        assert!(x.string("{0}").is_err());
    }
}
