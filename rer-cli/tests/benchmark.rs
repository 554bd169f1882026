//! `rer batch` on rez's benchmark: all 188 requests, answered exactly as
//! rez 3.4.0 answered them (`resolves.json`), from the unpacked filesystem
//! repository and from `packages.json`.
//!
//! The data is the repository's own copy, unpacked once by
//! `rer_tests::benchmark`.

use std::path::Path;

use rer_tests::benchmark::{Benchmark, Expected};
use rer_tests::report::{expected_of, untimed};
use serde_json::{Value, json};

mod common;

use common::{batch, json_of, run};

/// Runs `rer batch <source> <path> --json <flags>` on the benchmark,
/// compares all 188 answers with rez's, and returns the reports.
fn check(bench: &Benchmark, source: &str, path: &Path, flags: &[&str]) -> Vec<Value> {
    let requests = &bench.requests;
    assert_eq!(requests.len(), 188);
    assert_eq!(bench.expected.len(), requests.len());

    let out = run(batch(source, path, &bench.requests_json)
        .arg("--json")
        .args(flags));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports = json_of(&out);
    let reports = reports.as_array().expect("an array");
    assert_eq!(reports.len(), requests.len());

    let mut mismatches = Vec::new();
    let mut solved = 0;
    let mut failed = 0;
    for (i, ((report, want), request)) in reports
        .iter()
        .zip(&bench.expected)
        .zip(requests)
        .enumerate()
    {
        assert_eq!(
            report["request"],
            json!(request),
            "answer {i} is for another request"
        );
        let got = expected_of(report);
        match &got {
            Ok(Expected::Solved(_)) => solved += 1,
            Ok(Expected::Failed) => failed += 1,
            Err(_) => {}
        }
        if got.as_ref() != Ok(want) {
            mismatches.push(format!(
                "request {i} {request:?}:\n  rez: {want:?}\n  rer: {got:?}"
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
    reports.clone()
}

#[test]
fn batch_on_the_filesystem_repository_answers_as_rez() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    check(&bench, "--repo", &bench.packages_dir, &[]);
}

#[test]
fn batch_answers_as_rez_with_and_without_prefetch_and_the_same_reports() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    let index = tempfile::TempDir::new().expect("tempdir");
    let index = index.path().to_str().expect("utf-8");
    let runs: [&[&str]; 4] = [
        &["--no-index", "--prefetch-threads", "0"],
        &["--no-index", "--prefetch-threads", "8"],
        // a cold index, then the same index warm
        &["--index-dir", index, "--prefetch-threads", "8"],
        &["--index-dir", index, "--prefetch-threads", "8"],
    ];
    let mut reports = runs
        .iter()
        .map(|flags| check(&bench, "--repo", &bench.packages_dir, flags))
        .map(|r| {
            r.into_iter()
                .map(|report| untimed(&report))
                .collect::<Vec<_>>()
        });
    let plain = reports.next().expect("the plain run");
    for (flags, other) in runs[1..].iter().zip(reports) {
        assert!(
            other == plain,
            "the reports with {flags:?} differ from the plain run's"
        );
    }
}

#[test]
fn batch_on_packages_json_answers_as_rez() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    check(&bench, "--packages-json", &bench.packages_json, &[]);
}
