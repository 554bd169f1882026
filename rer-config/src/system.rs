//! The values of rez's `system` object that settings may refer to
//! (`{system.platform}`), computed as rez 3.4.0 computes them.

use std::cell::OnceCell;
use std::process::Command;

use crate::env::Environment;
use crate::platform_map::PlatformMap;

/// rez's `system.platform`, `system.arch` and `system.os` on this machine.
///
/// - `platform`: `linux`, `osx` or `windows` (Python's `platform.system()`,
///   lower-cased, `darwin` named `osx`).
/// - `arch`: the machine type (`uname -m`, e.g. `x86_64`), made a safe
///   version string as rez makes it.
/// - `os` on Linux: `<distributor>-<release>` from `/etc/lsb-release`, else
///   the `lsb_release -a` program, else `/etc/os-release` (`ID`,
///   `VERSION_ID`), each filling what the earlier left unknown, as rez does;
///   made a safe version string (`Debian-12`, `Ubuntu-22.04`).
///
/// A configured `platform_map` rewrites the raw `arch` and `os` values
/// first, as in rez.
///
/// Values are computed on first use (running `lsb_release` costs a few
/// milliseconds) and kept.
#[derive(Debug, Default)]
pub struct System {
    os: OnceCell<Result<String, String>>,
    platform_map: PlatformMap,
}

impl System {
    /// A fresh system object without a `platform_map`; nothing is computed
    /// yet.
    pub fn new() -> Self {
        System::default()
    }

    /// A system object applying `platform_map`.
    pub(crate) fn with_platform_map(platform_map: PlatformMap) -> Self {
        System {
            os: OnceCell::new(),
            platform_map,
        }
    }

    /// rez's `system.platform`.
    pub fn platform(&self) -> &'static str {
        match std::env::consts::OS {
            "macos" => "osx",
            other => other,
        }
    }

    /// rez's `system.arch`.
    ///
    /// # Errors
    /// A message when the configured `platform_map` cannot be applied.
    pub fn arch(&self) -> Result<String, String> {
        // Python's platform.machine() names, where they differ from Rust's.
        let machine = match (std::env::consts::OS, std::env::consts::ARCH) {
            ("macos", "aarch64") => "arm64",
            ("windows", "x86_64") => "AMD64",
            ("windows", "aarch64") => "ARM64",
            (_, arch) => arch,
        };
        let mapped = self.platform_map.apply("arch", machine)?;
        Ok(safe_version_string(&mapped))
    }

    /// rez's `system.os`.
    ///
    /// # Errors
    /// A message when the operating system cannot be told, as rez raises
    /// `cannot detect operating system`, or the configured `platform_map`
    /// cannot be applied.
    pub fn os(&self) -> Result<String, String> {
        self.os
            .get_or_init(|| {
                let raw = detect_os()?;
                let mapped = self.platform_map.apply("os", &raw)?;
                Ok(safe_version_string(&mapped))
            })
            .clone()
    }

    /// rez's `system.user` (Python's `getpass.getuser()`): the first of
    /// `LOGNAME`, `USER`, `LNAME`, `USERNAME` that is set.
    pub fn user(&self, env: &Environment) -> Option<String> {
        ["LOGNAME", "USER", "LNAME", "USERNAME"]
            .iter()
            .find_map(|v| env.var(v).filter(|s| !s.is_empty()).map(str::to_string))
    }
}

fn detect_os() -> Result<String, String> {
    if std::env::consts::OS != "linux" {
        return Err(format!(
            "rer computes system.os on linux only, not on {}",
            std::env::consts::OS
        ));
    }
    let mut distributor = None;
    let mut release = None;
    let fill =
        |txt: &str, d_key: &str, r_key: &str, d: &mut Option<String>, r: &mut Option<String>| {
            let (d_, r_) = parse_pairs(txt, d_key, r_key);
            if d.is_none() {
                *d = d_;
            }
            if r.is_none() {
                *r = r_;
            }
        };
    if let Ok(txt) = std::fs::read_to_string("/etc/lsb-release") {
        let (d, r) = parse_pairs(&txt, "DISTRIB_ID=", "DISTRIB_RELEASE=");
        distributor = d;
        release = r;
    }
    if distributor.is_none() || release.is_none() {
        // rez runs `/usr/bin/env lsb_release -a`; `env` only looks the
        // program up on PATH and runs it, as Command does itself, so it is
        // left out: one process fewer (a missing or failing program reads
        // as no answer either way).
        let output = Command::new("lsb_release")
            .arg("-a")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        if let Ok(out) = output {
            if out.status.success() {
                let txt = String::from_utf8_lossy(&out.stdout);
                fill(
                    &txt,
                    "Distributor ID:",
                    "Release:",
                    &mut distributor,
                    &mut release,
                );
            }
        }
    }
    if distributor.is_none() || release.is_none() {
        if let Ok(txt) = std::fs::read_to_string("/etc/os-release") {
            fill(&txt, "ID=", "VERSION_ID=", &mut distributor, &mut release);
        }
    }
    match (distributor, release) {
        (Some(d), Some(r)) => Ok(format!("{d}-{r}")),
        _ => Err("cannot detect operating system".to_string()),
    }
}

/// rez's `_parse` of `KEY=value` lines: the last line starting with each
/// key wins; quotes around a value are removed; empty values count as
/// unknown.
fn parse_pairs(txt: &str, d_key: &str, r_key: &str) -> (Option<String>, Option<String>) {
    let mut d = None;
    let mut r = None;
    for line in txt.trim().split('\n') {
        if let Some(v) = line.strip_prefix(d_key) {
            d = Some(unquote(v.trim()));
        } else if let Some(v) = line.strip_prefix(r_key) {
            r = Some(unquote(v.trim()));
        }
    }
    (d.filter(|s| !s.is_empty()), r.filter(|s| !s.is_empty()))
}

fn unquote(s: &str) -> String {
    let quoted = s.len() >= 2
        && ((s.starts_with('\'') && s.ends_with('\'')) || (s.starts_with('"') && s.ends_with('"')));
    if quoted {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_string()
    }
}

/// rez's `System._make_safe_version_string`: leading/trailing `.` and `-`
/// stripped, every character of a token other than `[a-zA-Z0-9_]` made
/// `_`, and runs of separators kept as rez keeps them.
pub(crate) fn safe_version_string(s: &str) -> String {
    let s = s.trim_matches('.').trim_matches('-');
    let is_sep = |c: char| c == '.' || c == '-';
    let mut toks: std::collections::VecDeque<&str> = s.split(is_sep).collect();
    let mut seps: std::collections::VecDeque<char> = s.chars().filter(|&c| is_sep(c)).collect();
    let mut out = String::new();
    let mut take_token = true;
    while !toks.is_empty() || !seps.is_empty() {
        if take_token {
            let tok = toks.pop_front().unwrap_or("");
            if tok.is_empty() {
                seps.pop_front();
                take_token = !take_token;
            } else {
                out.extend(tok.chars().map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        c
                    } else {
                        '_'
                    }
                }));
            }
        } else if let Some(sep) = seps.pop_front() {
            out.push(sep);
        }
        take_token = !take_token;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_version_strings_are_made_as_rez_makes_them() {
        // Each answer printed by rez 3.4.0's System._make_safe_version_string.
        for (raw, safe) in [
            ("x86_64", "x86_64"),
            ("Debian-12", "Debian-12"),
            ("Ubuntu-22.04", "Ubuntu-22.04"),
            ("CentOS Linux-7.9", "CentOS_Linux-7.9"),
            ("a..b", "a.b"),
            ("-a-.b.", "a-b"),
            ("windows-6.1.7600.sp1", "windows-6.1.7600.sp1"),
        ] {
            assert_eq!(safe_version_string(raw), safe, "{raw}");
        }
    }

    #[test]
    fn key_value_files_are_parsed_as_rez_parses_them() {
        let txt = "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n";
        assert_eq!(
            parse_pairs(txt, "ID=", "VERSION_ID="),
            (Some("debian".into()), Some("12".into()))
        );
    }
}
