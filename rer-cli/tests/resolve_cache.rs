//! `rer solve`'s resolve cache: a request solved before is answered from
//! what was kept, marked "from cache", exactly as a solve would answer it;
//! any change to what the solve was given, and any other setting, makes it
//! solve again; what depends on more than the files is never kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rer_tests::report::untimed;
use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::{json_of, run, solve};

/// Writes `<repo>/<family>/<version>/package.py` with `body`.
fn package(repo: &Path, family: &str, version: &str, body: &str) {
    let dir = repo.join(family).join(version);
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(dir.join("package.py"), body).expect("write");
}

/// Waits out the index's 2 s margin of doubt, so that what was written
/// before is recorded (and a solve over it kept).
fn settle() {
    std::thread::sleep(Duration::from_millis(2_500));
}

struct Site {
    _dir: TempDir,
    repo: PathBuf,
    index: PathBuf,
}

/// foo-1 and foo-2 (requiring bar), bar-1, broken-1 (a syntax error),
/// and two directories of one version of twin (`1.0`, `1-0`).
fn site() -> Site {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path().join("repo");
    package(&repo, "foo", "1", "name = 'foo'\nversion = '1'\n");
    package(
        &repo,
        "foo",
        "2",
        "name = 'foo'\nversion = '2'\nrequires = ['bar']\n",
    );
    package(&repo, "bar", "1", "name = 'bar'\nversion = '1'\n");
    package(&repo, "broken", "1", "name = 'broken'\nrequires = [\n");
    package(&repo, "twin", "1.0", "name = 'twin'\n");
    package(&repo, "twin", "1-0", "name = 'twin'\n");
    let index = dir.path().join("index");
    Site {
        _dir: dir,
        repo,
        index,
    }
}

/// `rer solve --json` of `request` with `flags` over the site's index:
/// the report and the stderr.
fn json(site: &Site, flags: &[&str], request: &[&str]) -> (Value, String) {
    let mut cmd = solve("--repo", &site.repo);
    cmd.arg("--index-dir").arg(&site.index).arg("--json");
    cmd.args(flags).arg("--").args(request);
    let out = run(&mut cmd);
    (json_of(&out), out.stderr)
}

fn from_cache(report: &Value) -> bool {
    report.get("from_cache") == Some(&Value::Bool(true))
}

#[test]
fn a_request_solved_before_is_answered_from_the_cache_exactly_as_solved() {
    let site = site();
    settle();
    let failed = ["foo-2", "!bar"];
    for (flags, request) in [
        (&["--no-explain"][..], &["foo"][..]),
        (&["--no-explain"], &["foo-1", "bar"]),
        (&["--no-explain"], &["foo", "!bar"]),
        (&["--no-explain"], &["twin"]),
        (&["--no-explain"], &failed),
        // explained, with the search for changes that resolve run to its end
        (&[], &failed),
    ] {
        let (solved, solved_err) = json(&site, flags, request);
        assert!(!from_cache(&solved), "{request:?}: nothing kept yet");
        let (kept, kept_err) = json(&site, flags, request);
        assert!(from_cache(&kept), "{request:?}: {kept}");
        assert_eq!(untimed(&kept), untimed(&solved), "{request:?}");
        assert_eq!(kept_err, solved_err, "{request:?}: the same warnings");
    }
    let (explained, _) = json(&site, &[], &failed);
    assert_eq!(explained["status"], "failed");
    assert!(
        explained["failure_detail"]["explanation"]["suggestions"]["found"]
            .as_array()
            .is_some_and(|found| !found.is_empty()),
        "{explained}"
    );
    // The text form says so too.
    let mut cmd = solve("--repo", &site.repo);
    cmd.arg("--index-dir")
        .arg(&site.index)
        .args(["--no-explain", "foo"]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("from cache)"), "{}", out.stdout);
    // The warning of twin's two directories is printed from the cache too.
    let (_, stderr) = json(&site, &["--no-explain"], &["twin"]);
    assert!(stderr.contains("rer: warning:"), "{stderr}");
}

#[test]
fn a_change_to_what_the_solve_was_given_solves_again() {
    let site = site();
    settle();
    let (first, _) = json(&site, &["--no-explain"], &["foo"]);
    assert!(first.to_string().contains("\"2\""), "{first}");
    assert!(from_cache(&json(&site, &["--no-explain"], &["foo"]).0));
    package(&site.repo, "foo", "3", "name = 'foo'\nversion = '3'\n");
    let (after, _) = json(&site, &["--no-explain"], &["foo"]);
    assert!(!from_cache(&after), "a new release is seen: {after}");
    assert!(after.to_string().contains("foo/3/package.py"), "{after}");
    fs::write(
        site.repo.join("bar/1/package.py"),
        "name = 'bar'\nversion = '1'\nrequires = ['nothing_here']\n",
    )
    .expect("write");
    let (after, _) = json(&site, &["--no-explain"], &["foo-2"]);
    assert!(!from_cache(&after));
    assert_eq!(
        after["status"], "error",
        "bar-1 now requires a missing family: {after}"
    );
    settle();
    // Kept again once the files are old enough to vouch for.
    json(&site, &["--no-explain"], &["foo"]);
    assert!(from_cache(&json(&site, &["--no-explain"], &["foo"]).0));
}

#[test]
fn other_settings_are_other_keys() {
    let site = site();
    settle();
    let request = ["foo"];
    let (plain, _) = json(&site, &["--no-explain"], &request);
    assert!(from_cache(&json(&site, &["--no-explain"], &request).0));
    for flags in [
        &["--no-explain", "--exclude", "foo-2"][..],
        &[
            "--no-explain",
            "--variant-select-mode",
            "intersection_priority",
        ],
        &["--no-explain", "--build"],
        &["--no-explain", "--max-fails", "3"],
        &["--no-explain", "--time", "1"],
        &["--no-explain", "--python-hash-seed", "3"],
        &[],
    ] {
        let (first, _) = json(&site, flags, &request);
        assert!(!from_cache(&first), "{flags:?} is another key");
        let (second, _) = json(&site, flags, &request);
        assert!(from_cache(&second), "{flags:?} is kept under its own key");
        assert_eq!(untimed(&first), untimed(&second), "{flags:?}");
    }
    let (excluded, _) = json(&site, &["--no-explain", "--exclude", "foo-2"], &request);
    assert_ne!(untimed(&excluded), untimed(&plain), "the filter mattered");
    // The implicit packages are part of the request.
    let mut cmd = solve("--repo", &site.repo);
    cmd.env("REZ_IMPLICIT_PACKAGES", "bar")
        .arg("--index-dir")
        .arg(&site.index)
        .args(["--json", "--no-explain", "foo"]);
    let implicit = json_of(&run(&mut cmd));
    assert!(!from_cache(&implicit), "{implicit}");
}

#[test]
fn what_depends_on_more_than_the_files_is_never_kept() {
    let site = site();
    settle();
    let twice = |flags: &[&str], request: &[&str]| {
        json(&site, flags, request);
        json(&site, flags, request).0
    };
    for (flags, request) in [
        (&["--no-explain", "--time-limit", "100"][..], &["foo"][..]),
        (&["--no-explain", "--time", "-1d"], &["foo"]),
        (&["--no-explain", "--no-resolve-cache"], &["foo"]),
        (&["--no-explain", "--no-index"], &["foo"]),
        (&["--no-explain"], &["broken"]),
        (&["--no-explain"], &["nosuchfamily"]),
    ] {
        let report = twice(flags, request);
        assert!(!from_cache(&report), "{flags:?} {request:?}: {report}");
    }
    for (var, value) in [
        ("REZ_RESOLVE_CACHING", "false"),
        ("REZ_RESOLVE_CACHING", "0"),
    ] {
        let mut cmd = solve("--repo", &site.repo);
        cmd.env(var, value)
            .arg("--index-dir")
            .arg(&site.index)
            .args(["--json", "--no-explain", "foo-1"]);
        run(&mut cmd);
        let again = json_of(&run(&mut cmd));
        assert!(!from_cache(&again), "{var}={value}: {again}");
    }
    let config = site.index.with_file_name("rezconfig.py");
    fs::write(&config, "resolve_caching = False\n").expect("write");
    let mut cmd = solve("--repo", &site.repo);
    cmd.env("REZ_CONFIG_FILE", &config)
        .arg("--index-dir")
        .arg(&site.index)
        .args(["--json", "--no-explain", "foo-2"]);
    run(&mut cmd);
    let again = json_of(&run(&mut cmd));
    assert!(!from_cache(&again), "resolve_caching = False: {again}");
    let mut cmd = solve("--repo", &site.repo);
    cmd.env("RER_NO_RESOLVE_CACHE", "1")
        .arg("--index-dir")
        .arg(&site.index)
        .args(["--json", "--no-explain", "foo"]);
    run(&mut cmd);
    let again = json_of(&run(&mut cmd));
    assert!(!from_cache(&again), "RER_NO_RESOLVE_CACHE=1: {again}");
}
