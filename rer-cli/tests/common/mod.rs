//! Running the `rer` binary as a user runs it, shared by the integration
//! tests.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `rer` on a bare site: no REZ_PACKAGES_PATH, no configuration files (no
/// REZ_CONFIG_FILE, HOME a directory that does not exist), no other REZ_*
/// setting, no PYTHONHASHSEED, and no implicit packages (`REZ_IMPLICIT_PACKAGES` empty); and
/// RUST_BACKTRACE set, to show that no backtrace is ever printed.
pub fn rer() -> Command {
    let mut cmd = bare_site();
    cmd.env("REZ_IMPLICIT_PACKAGES", "");
    cmd
}

/// `rer` on a site with rez's defaults only: as [`rer`], but with rez's
/// default implicit packages.
pub fn bare_site() -> Command {
    let mut cmd = Command::cargo_bin("rer").expect("the rer binary");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("REZ_") {
            cmd.env_remove(&name);
        }
    }
    cmd.env_remove("PYTHONHASHSEED");
    cmd.env("HOME", "/nonexistent-rer-test-home")
        .env("RUST_BACKTRACE", "1");
    cmd
}

/// `rer solve <source> <path>`, `source` being `--repo` or
/// `--packages-json`; the request and other flags are added by the caller.
pub fn solve(source: &str, path: impl AsRef<OsStr>) -> Command {
    let mut cmd = rer();
    cmd.arg("solve").arg(source).arg(path);
    cmd
}

/// `rer batch <source> <path> --requests <requests>`, `source` being
/// `--repo` or `--packages-json`; `--json` and other flags are added by the
/// caller.
pub fn batch(source: &str, path: impl AsRef<OsStr>, requests: &Path) -> Command {
    let mut cmd = rer();
    cmd.arg("batch")
        .arg(source)
        .arg(path)
        .arg("--requests")
        .arg(requests);
    cmd
}

/// What a run of `rer` gave.
pub struct Out {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cmd`; fails the test if a panic or backtrace reached the user.
pub fn run(cmd: &mut Command) -> Out {
    let output = cmd.output().expect("runs");
    let out = Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("stack backtrace"),
        "a panic or backtrace reached the user:\n{}",
        out.stderr
    );
    out
}

/// Standard output as JSON; fails the test if it is not.
pub fn json_of(out: &Out) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout))
}

/// The strings of a JSON array (a recorded request, say); fails the test on
/// anything else.
pub fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("not a string: {s}")))
        .collect()
}

/// The Python that has rez 3.4.0 (`RER_REZ_PYTHON`, or the `rez` on
/// `PATH`), or `None` with a printed `SKIPPED` line for `test`; a failure
/// instead under `RER_REQUIRE_REZ`.
pub fn rez_python(test: &str) -> Option<std::path::PathBuf> {
    match rer_rez_eval::PythonSource::from_env(None).locate() {
        Ok(python) => Some(python),
        Err(why) => {
            assert!(
                std::env::var_os("RER_REQUIRE_REZ").is_none_or(|v| v.is_empty()),
                "{test}: RER_REQUIRE_REZ is set but no rez was found: {why}"
            );
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}
