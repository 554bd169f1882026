//! `rer batch` on rez's benchmark: all 188 requests, answered exactly as
//! rez 3.4.0 answered them (`resolves.json`), from the unpacked filesystem
//! repository and from `packages.json`.
//!
//! The data is looked for in `RER_BENCHMARK_DIR`, else in
//! `../shared/rez-benchmark` beside the repository, else in
//! `.rer-data/rez-benchmark` (where `cargo xtask fetch-data` puts it). The
//! unpacked repository is `/tmp/bench/packages` when that exists, else
//! `packages.tar.gz` is unpacked into a temporary directory. Without the data
//! the tests print `SKIPPED` and pass, unless `RER_REQUIRE_BENCHMARK` is set.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const FILES: [&str; 3] = ["packages.tar.gz", "requests.json", "resolves.json"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The benchmark directory, or `None` (after printing SKIPPED) when it is
/// absent and not required.
fn benchmark_dir(test: &str) -> Option<PathBuf> {
    let root = workspace_root();
    let candidates = std::env::var_os("RER_BENCHMARK_DIR")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("..").join("shared").join("rez-benchmark"),
            root.join(".rer-data").join("rez-benchmark"),
        ]);
    for dir in candidates {
        if FILES.iter().all(|f| dir.join(f).is_file()) {
            return Some(dir);
        }
    }
    let required = std::env::var_os("RER_REQUIRE_BENCHMARK").is_some_and(|v| !v.is_empty());
    assert!(
        !required,
        "RER_REQUIRE_BENCHMARK is set but rez's benchmark data was not found \
         (set RER_BENCHMARK_DIR, or run `cargo xtask fetch-data`)"
    );
    println!(
        "SKIPPED {test}: rez's benchmark data not found (set RER_BENCHMARK_DIR, or put it in \
         ../shared/rez-benchmark)"
    );
    None
}

/// The unpacked repository: `/tmp/bench/packages`, or the tarball unpacked
/// into `scratch`.
fn unpacked(dir: &Path, scratch: &TempDir) -> PathBuf {
    let ready = Path::new("/tmp/bench/packages");
    if ready.join("ATM").is_dir() {
        return ready.to_path_buf();
    }
    let status = Process::new("tar")
        .arg("-xzf")
        .arg(dir.join("packages.tar.gz"))
        .arg("-C")
        .arg(scratch.path())
        .status()
        .expect("tar runs");
    assert!(status.success(), "unpacking packages.tar.gz failed");
    let packages = scratch.path().join("packages");
    assert!(packages.is_dir(), "packages.tar.gz holds no packages/");
    packages
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// rez's answer in rez's words: `failed`, or the list of
/// `family/version/package.py[index]`.
fn rez_answer(record: &Value) -> Result<Vec<String>, String> {
    match record["status"].as_str() {
        Some("success") => Ok(record["resolved_packages"]
            .as_array()
            .expect("resolved_packages")
            .iter()
            .map(|v| v.as_str().expect("a string").to_string())
            .collect()),
        Some("failed") => Err("failed".to_string()),
        other => Err(format!("rez status {other:?}")),
    }
}

/// rer's answer in the same words: `failed` (or `error: ...`), or the list.
fn rer_answer(report: &Value) -> Result<Vec<String>, String> {
    match report["status"].as_str() {
        Some("solved") => Ok(report["resolved"]
            .as_array()
            .expect("resolved")
            .iter()
            .map(|e| {
                let index = match &e["variant_index"] {
                    Value::Null => String::new(),
                    v => v.to_string(),
                };
                format!(
                    "{}/{}/package.py[{index}]",
                    e["name"].as_str().expect("name"),
                    e["version"].as_str().expect("version")
                )
            })
            .collect()),
        Some("failed") => Err("failed".to_string()),
        Some("error") => Err(format!("error: {}", report["error"])),
        other => Err(format!("status {other:?}")),
    }
}

/// Runs `rer batch --json` with `source` on the benchmark and compares all
/// 188 answers with rez's.
fn check(dir: &Path, source: &[&std::ffi::OsStr]) {
    let requests_file = dir.join("requests.json");
    let requests = read_json(&requests_file);
    let resolves = read_json(&dir.join("resolves.json"));
    let expected = resolves.as_array().expect("resolves.json is an array");
    let requests = requests.as_array().expect("requests.json is an array");
    assert_eq!(requests.len(), 188);
    assert_eq!(expected.len(), requests.len());

    let output = Command::cargo_bin("rer")
        .expect("the rer binary")
        .arg("batch")
        .args(source)
        .arg("--requests")
        .arg(&requests_file)
        .arg("--json")
        .env_remove("REZ_PACKAGES_PATH")
        .output()
        .expect("rer runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let reports: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let reports = reports.as_array().expect("an array");
    assert_eq!(reports.len(), requests.len());

    let mut mismatches = Vec::new();
    let mut solved = 0;
    let mut failed = 0;
    for (i, ((report, record), request)) in reports.iter().zip(expected).zip(requests).enumerate() {
        assert_eq!(
            &report["request"], request,
            "answer {i} is for another request"
        );
        let want = rez_answer(record);
        let got = rer_answer(report);
        match &got {
            Ok(_) => solved += 1,
            Err(s) if s == "failed" => failed += 1,
            Err(_) => {}
        }
        let same = match (&want, &got) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        if !same {
            mismatches.push(format!(
                "request {i} {request}:\n  rez: {want:?}\n  rer: {got:?}"
            ));
        }
    }
    println!(
        "{} of {} answers as rez's ({solved} solved, {failed} failed)",
        reports.len() - mismatches.len(),
        reports.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} answers differ from rez's:\n{}",
        mismatches.len(),
        reports.len(),
        mismatches.join("\n")
    );
    assert_eq!((solved, failed), (187, 1));
}

#[test]
fn batch_on_the_filesystem_repository_answers_as_rez() {
    let Some(dir) = benchmark_dir("batch_on_the_filesystem_repository_answers_as_rez") else {
        return;
    };
    let scratch = TempDir::new().expect("tempdir");
    let packages = unpacked(&dir, &scratch);
    check(&dir, &["--repo".as_ref(), packages.as_os_str()]);
}

#[test]
fn batch_on_packages_json_answers_as_rez() {
    let Some(dir) = benchmark_dir("batch_on_packages_json_answers_as_rez") else {
        return;
    };
    let json = dir.join("packages.json");
    if !json.is_file() {
        let required = std::env::var_os("RER_REQUIRE_BENCHMARK").is_some_and(|v| !v.is_empty());
        assert!(!required, "{} is missing", json.display());
        println!("SKIPPED batch_on_packages_json_answers_as_rez: no packages.json");
        return;
    }
    check(&dir, &["--packages-json".as_ref(), json.as_os_str()]);
}
