//! The proptest configuration every property suite of the workspace uses.

use proptest::test_runner::{Config, FileFailurePersistence};

/// The environment variable that sets every property suite's case count,
/// for a longer run once in a while (`PROPTEST_CASES=20000 cargo test`);
/// proptest's own name for it.
pub const CASES_VAR: &str = "PROPTEST_CASES";

/// A proptest configuration running `default_cases` cases, or
/// `$PROPTEST_CASES` when it is set to a number, and saving the seeds of
/// failing cases in `regressions` (an absolute path, normally
/// `concat!(env!("CARGO_MANIFEST_DIR"), "/tests/proptest-regressions/<suite>.txt")`).
///
/// proptest's default persistence looks for a `lib.rs` or `main.rs` above
/// the test file, which a workspace's integration tests do not have; naming
/// the file makes failures persist, and the seeds there re-run first.
pub fn config(default_cases: u32, regressions: &'static str) -> Config {
    let cases = std::env::var(CASES_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    }
}
