//! rez's benchmark: the 188 requests of `rez-benchmark`, solved against its
//! 18,226 packages, must give exactly rez 3.4.0's recorded answers (status,
//! variants, order, indexes).
//!
//! The data lives outside the repository: `$RER_BENCHMARK_DIR`, else
//! `../shared/rez-benchmark` beside the workspace. Without it the test prints
//! SKIPPED and passes, unless `RER_REQUIRE_BENCHMARK=1`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rer_provider_memory::MemoryProvider;
use rer_solver::{Resolve, Solver};
use serde::Deserialize;

#[derive(Deserialize)]
struct Recorded {
    request: Vec<String>,
    status: String,
    resolved_packages: Option<Vec<String>>,
}

fn benchmark_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("RER_BENCHMARK_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/rez-benchmark"),
    };
    if dir.join("packages.json").is_file() && dir.join("resolves.json").is_file() {
        return Some(dir);
    }
    if std::env::var("RER_REQUIRE_BENCHMARK").as_deref() == Ok("1") {
        panic!(
            "benchmark data not found in {} (RER_REQUIRE_BENCHMARK=1)",
            dir.display()
        );
    }
    None
}

/// `family/version/package.py[index]`, the form resolves.json records.
fn rez_form(v: &rer_solver::ResolvedVariant) -> String {
    let idx = v.index.map(|i| i.to_string()).unwrap_or_default();
    format!("{}/{}/package.py[{idx}]", v.name, v.version)
}

/// The outcome as compared: status (with the failure or error text) and
/// the resolved variants.
fn summary(outcome: &Result<Resolve, rer_solver::SolveError>) -> (String, Option<Vec<String>>) {
    match outcome {
        Ok(Resolve::Solved(s)) => (
            "success".to_string(),
            Some(s.variants.iter().map(rez_form).collect()),
        ),
        Ok(Resolve::Failed(f)) => (format!("failed: {}", f.description), None),
        Err(e) => (format!("error: {e}"), None),
    }
}

#[test]
fn benchmark_matches_rez() {
    let Some(dir) = benchmark_dir() else {
        println!("SKIPPED: benchmark data not found (set RER_BENCHMARK_DIR)");
        return;
    };
    let provider =
        MemoryProvider::from_json_file(dir.join("packages.json")).expect("packages.json loads");
    let text = std::fs::read_to_string(dir.join("resolves.json")).expect("resolves.json reads");
    let recorded: Vec<Recorded> = serde_json::from_str(&text).expect("resolves.json parses");
    let solver = Solver::new(&provider);

    let mut mismatches = Vec::new();
    let mut total = Duration::ZERO;
    let mut answers = Vec::with_capacity(recorded.len());
    for (i, case) in recorded.iter().enumerate() {
        let start = Instant::now();
        let outcome = solver.solve_strs(&case.request);
        total += start.elapsed();
        let got = summary(&outcome);
        answers.push(got.clone());
        let ok = match case.status.as_str() {
            "success" => got.0 == "success" && got.1.as_ref() == case.resolved_packages.as_ref(),
            _ => got.0.starts_with("failed"),
        };
        if !ok {
            mismatches.push(format!(
                "#{i} {:?}\n  rez: {} {:?}\n  rer: {} {:?}",
                case.request, case.status, case.resolved_packages, got.0, got.1
            ));
        }
    }
    println!(
        "{}/{} exact; total solve time {:.1} ms",
        recorded.len() - mismatches.len(),
        recorded.len(),
        total.as_secs_f64() * 1000.0
    );

    // the same solver serves a parallel batch with the same answers
    let parallel: Vec<(String, Option<Vec<String>>)> = recorded
        .par_iter()
        .map(|case| summary(&solver.solve_strs(&case.request)))
        .collect();
    for (i, (a, b)) in answers.iter().zip(&parallel).enumerate() {
        if a != b {
            mismatches.push(format!("#{i}: sequential {a:?} but parallel {b:?}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
