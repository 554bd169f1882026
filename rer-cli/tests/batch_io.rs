//! `rer` as one step of a pipeline: requests on standard input, a reader
//! that stops early, the batch summary in a log, a `--repo` that does not
//! exist yet.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

mod common;

use common::{batch, json_of, run, solve};

/// A repository with `foo-1.0` (no requirements), in `dir`.
fn write_repo(dir: &Path) {
    let version = dir.join("foo").join("1.0");
    std::fs::create_dir_all(&version).expect("mkdir");
    std::fs::write(
        version.join("package.py"),
        "name = 'foo'\nversion = '1.0'\n",
    )
    .expect("write package.py");
}

#[test]
fn a_missing_repo_beside_an_existing_one_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_repo(dir.path());
    let missing = dir.path().join("not-yet-created");
    let out = run(solve("--repo", &missing)
        .arg("--repo")
        .arg(dir.path())
        .args(["--json", "foo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json_of(&out)["status"], "solved");
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("not-yet-created"),
        "{}",
        out.stderr
    );
}

#[test]
fn requests_dash_reads_standard_input_and_the_summary_reaches_a_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_repo(dir.path());
    let out = run(batch("--repo", dir.path(), Path::new("-"))
        .arg("--json")
        .write_stdin(r#"[["foo"], ["foo-2"]]"#));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports = json_of(&out);
    assert_eq!(reports[0]["status"], "solved");
    assert_eq!(reports[1]["status"], "error");
    // stderr is a pipe here, not a terminal: the summary is printed anyway
    assert!(
        out.stderr.contains("2 requests in") && out.stderr.contains("1 solved"),
        "{}",
        out.stderr
    );

    let out = run(batch("--repo", dir.path(), Path::new("-")).write_stdin("[[1]]"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("standard input"), "{}", out.stderr);
}

#[test]
fn a_reader_that_stops_early_is_no_error_in_either_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_repo(dir.path());
    // far more output than a pipe buffers, so rer is still writing when the
    // reader goes away (`rer batch --json | head -c 10`)
    let requests = dir.path().join("requests.json");
    let many: Vec<[&str; 1]> = vec![["foo"]; 5000];
    std::fs::write(&requests, serde_json::to_string(&many).expect("json")).expect("write");
    for json in [true, false] {
        // (a std Command, to read a part of the output and close the pipe)
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rer"));
        cmd.env("HOME", "/nonexistent-rer-test-home")
            .env("REZ_IMPLICIT_PACKAGES", "")
            .env_remove("REZ_CONFIG_FILE")
            .env_remove("REZ_PACKAGES_PATH")
            .arg("batch")
            .arg("--repo")
            .arg(dir.path())
            .arg("--requests")
            .arg(&requests);
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 10];
        stdout.read_exact(&mut first).expect("ten bytes");
        drop(stdout);
        let output = child.wait_with_output().expect("waits");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "json {json}: {stderr}");
        assert!(!stderr.contains("rer: error"), "json {json}: {stderr}");
    }
}
