//! `--prefetch-threads` / `RER_PREFETCH_THREADS`: the threads reading
//! packages ahead of the solve change no answer and no error, through the
//! `rer` binary, with the index off, cold and warm; `0` starts no thread;
//! the process exits when done. (The 188 benchmark requests with and
//! without prefetch against rez's answers are in `benchmark.rs`.)

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use rer_tests::report::untimed;
use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::{Out, batch, json_of, run, solve};

/// Writes `files` (path, text) under a new directory.
fn repo(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, text).expect("write");
    }
    dir
}

/// A repository with broken packages: `broken-5` (the version a plain
/// request takes first) is not Python, `deep-1.3` (inside the range `app`
/// requires) has a requirement that is not one, `old-1` (outside every
/// range asked for) is not Python; many good versions around them give the
/// prefetch threads work to race the solve on.
fn broken_repo() -> TempDir {
    let mut files: Vec<(String, String)> = Vec::new();
    for v in 1..=20 {
        files.push((format!("pad/{v}/package.py"), "name = 'pad'\n".into()));
    }
    for v in 1..=4 {
        files.push((
            format!("broken/{v}/package.py"),
            "requires = ['pad']\n".into(),
        ));
    }
    files.push(("broken/5/package.py".into(), "requires = ['pad'\n".into()));
    for v in ["1.0", "1.1", "1.2", "1.4", "1.5"] {
        files.push((
            format!("deep/{v}/package.py"),
            "requires = ['pad-1+']\n".into(),
        ));
    }
    files.push((
        "deep/1.3/package.py".into(),
        "requires = ['pad-1+<']\n".into(),
    ));
    files.push((
        "app/1/package.py".into(),
        "requires = ['deep-1.1+<1.4', 'pad']\n".into(),
    ));
    files.push(("old/1/package.py".into(), "name = (\n".into()));
    for v in 2..=6 {
        files.push((format!("old/{v}/package.py"), "requires = ['pad']\n".into()));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    repo(&files)
}

/// The requests the broken repository is asked: errors from a directly
/// requested package, from one inside a required range, and no error where
/// the broken version is outside the range.
const BROKEN_REQUESTS: &[&[&str]] = &[
    &["broken"],
    &["app"],
    &["old-2+", "pad"],
    &["broken-4", "app"],
];

/// `rer solve --json` of `request` over `dir`, with `flags`: the exit code
/// and the untimed report.
fn solved(dir: &Path, flags: &[&str], request: &[&str]) -> (i32, Value) {
    let out = run(solve("--repo", dir)
        .args(flags)
        .arg("--json")
        .arg("--")
        .args(request)
        .timeout(Duration::from_secs(120)));
    (out.code, untimed(&json_of(&out)))
}

#[test]
fn a_broken_package_gives_the_same_error_with_and_without_prefetch() {
    let dir = broken_repo();
    let index = TempDir::new().expect("tempdir");
    let index_dir = index.path().to_str().expect("utf-8");
    let mut kinds = Vec::new();
    for request in BROKEN_REQUESTS {
        let (code, plain) = solved(
            dir.path(),
            &["--no-index", "--prefetch-threads", "0"],
            request,
        );
        kinds.push((
            code,
            plain["status"].clone(),
            plain["error"]["kind"].clone(),
        ));
        // many times: the threads and the solve race for the broken file
        for round in 0..5 {
            for flags in [
                &["--no-index", "--prefetch-threads", "8"][..],
                &["--no-index", "--prefetch-threads", "1"][..],
                // the first round fills the index, later ones read from it
                &["--index-dir", index_dir, "--prefetch-threads", "8"][..],
                &["--index-dir", index_dir, "--prefetch-threads", "0"][..],
            ] {
                let (c, ahead) = solved(dir.path(), flags, request);
                assert_eq!(
                    (c, &ahead),
                    (code, &plain),
                    "{request:?} {flags:?} (round {round}) differs from the plain solve"
                );
            }
        }
    }
    // the cases are what they say
    let want = [
        (2, "error", "package_parse"),
        (2, "error", "invalid_requirement"),
        (0, "solved", ""),
        (2, "error", "invalid_requirement"),
    ];
    for ((code, status, kind), (w_code, w_status, w_kind)) in kinds.iter().zip(want) {
        assert_eq!(*code, w_code);
        assert_eq!(status, w_status);
        assert_eq!(kind.as_str().unwrap_or(""), w_kind);
    }
}

#[test]
fn a_batch_with_broken_packages_answers_the_same_with_and_without_prefetch() {
    let dir = broken_repo();
    let requests = TempDir::new().expect("tempdir");
    let file = requests.path().join("requests.json");
    fs::write(&file, serde_json::to_string(BROKEN_REQUESTS).expect("json")).expect("write");
    let answers = |threads: &str| -> Vec<Value> {
        let out = run(batch("--repo", dir.path(), &file)
            .args(["--json", "--no-index", "--prefetch-threads", threads])
            .timeout(Duration::from_secs(120)));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let reports = json_of(&out).as_array().expect("array").clone();
        reports.iter().map(untimed).collect()
    };
    let plain = answers("0");
    assert_eq!(plain.len(), BROKEN_REQUESTS.len());
    for _ in 0..3 {
        assert_eq!(answers("8"), plain);
    }
}

#[test]
fn the_variable_sets_the_default_and_bad_values_are_refused() {
    let dir = broken_repo();
    for (value, code) in [("0", 0), ("3", 0), ("64", 0)] {
        let out = run(solve("--repo", dir.path())
            .env("RER_PREFETCH_THREADS", value)
            .args(["--no-index", "old-2+"]));
        assert_eq!(out.code, code, "{value}: {}", out.stderr);
    }
    for value in ["many", "-1", "65"] {
        let out = run(solve("--repo", dir.path())
            .env("RER_PREFETCH_THREADS", value)
            .args(["--no-index", "old-2+"]));
        assert_eq!(out.code, 2, "{value}: {}", out.stderr);
        assert!(out.stderr.contains("--prefetch-threads"), "{}", out.stderr);
        let out = run(solve("--repo", dir.path()).args([
            "--no-index",
            "--prefetch-threads",
            value,
            "old-2+",
        ]));
        assert_eq!(out.code, 2, "{value}: {}", out.stderr);
    }
    // the flag wins over the variable
    let out = run(solve("--repo", dir.path())
        .env("RER_PREFETCH_THREADS", "many")
        .args(["--no-index", "--prefetch-threads", "2", "old-2+"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The names of the `rer-prefetch-*` threads of a `rer solve` caught while
/// it waits on a helper Python (a script that never answers), read from
/// `/proc`; the process is then killed. `threads` is `--prefetch-threads`
/// (`None`: not given, the default), `env` `RER_PREFETCH_THREADS`.
#[cfg(target_os = "linux")]
fn prefetch_threads_seen(threads: Option<&str>, env: Option<&str>) -> usize {
    use std::os::unix::fs::PermissionsExt;

    let dir = repo(&[(
        "early/1.0/package.py",
        "@early()\ndef requires():\n    return []\n",
    )]);
    let scratch = TempDir::new().expect("tempdir");
    let marker = scratch.path().join("started");
    let python = scratch.path().join("python");
    fs::write(
        &python,
        // keeps its output open, never answers, ends when rer does
        format!(
            "#!/bin/sh\ntouch '{}'\nwhile read -r line; do :; done\n",
            marker.display()
        ),
    )
    .expect("write");
    fs::set_permissions(&python, fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rer"));
    cmd.args(["solve", "--no-index", "--rez-python"])
        .arg(&python)
        .arg("--repo")
        .arg(dir.path())
        .env("HOME", "/nonexistent-rer-test-home")
        .env_remove("RER_PREFETCH_THREADS")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(n) = threads {
        cmd.args(["--prefetch-threads", n]);
    }
    if let Some(v) = env {
        cmd.env("RER_PREFETCH_THREADS", v);
    }
    cmd.arg("early");
    let mut child = cmd.spawn().expect("spawn rer");
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the helper Python never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let tasks = Path::new("/proc").join(child.id().to_string()).join("task");
    let count = || {
        fs::read_dir(&tasks)
            .expect("the process's threads")
            .filter_map(Result::ok)
            .filter_map(|t| fs::read_to_string(t.path().join("comm")).ok())
            .filter(|name| name.starts_with("rer-prefetch-"))
            .count()
    };
    // the most seen over a second (a loaded machine may not have run a new
    // thread far enough to name it yet)
    let mut seen = 0;
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        seen = seen.max(count());
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill rer");
    let _ = child.wait();
    seen
}

#[cfg(target_os = "linux")]
#[test]
fn zero_threads_start_no_prefetch_thread() {
    assert_eq!(prefetch_threads_seen(Some("0"), None), 0);
    assert_eq!(prefetch_threads_seen(None, Some("0")), 0);
    assert_eq!(prefetch_threads_seen(Some("3"), Some("0")), 3);
    assert_eq!(prefetch_threads_seen(None, Some("2")), 2);
    assert_eq!(
        prefetch_threads_seen(None, None),
        usize::from(rer_cli::args::DEFAULT_PREFETCH_THREADS)
    );
}

/// A family of many versions, each requiring the next family, so a solve
/// hands the threads many reads; an unknown family at the end of the
/// request stops the solve with reads still queued.
#[test]
fn the_process_exits_when_the_solve_stops_with_reads_queued() {
    let mut files = Vec::new();
    for f in 0..20 {
        for v in 1..=30 {
            let requires = if f < 19 {
                format!("requires = ['f{}']\n", f + 1)
            } else {
                String::new()
            };
            files.push((format!("f{f}/{v}/package.py"), requires));
        }
    }
    let files_ref: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = repo(&files_ref);
    for request in [
        &["f0"][..],
        &["f0", "nosuchfamily"][..],
        &["f0", "f5-99"][..],
    ] {
        let start = Instant::now();
        let out: Out = run(solve("--repo", dir.path())
            .args(["--no-index", "--prefetch-threads", "8", "--json", "--"])
            .args(request)
            .timeout(Duration::from_secs(60)));
        assert!(
            matches!(out.code, 0..=2),
            "{request:?}: exit {} ({})",
            out.code,
            out.stderr
        );
        assert!(start.elapsed() < Duration::from_secs(60));
        let (code, plain) = solved(
            dir.path(),
            &["--no-index", "--prefetch-threads", "0"],
            request,
        );
        assert_eq!(out.code, code);
        assert_eq!(untimed(&json_of(&out)), plain, "{request:?}");
    }
}
