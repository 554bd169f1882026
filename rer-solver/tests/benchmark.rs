//! rez's benchmark: the 188 requests of `rez-benchmark`, solved against its
//! 18,226 packages, must give exactly rez 3.4.0's recorded answers (status,
//! variants, order, indexes).
//!
//! The data lives outside the repository: `$RER_BENCHMARK_DIR`, else
//! `../shared/rez-benchmark` beside the workspace. Without it the test prints
//! SKIPPED and passes, unless `RER_REQUIRE_BENCHMARK=1`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    for (i, case) in recorded.iter().enumerate() {
        let start = Instant::now();
        let outcome = solver.solve_strs(&case.request);
        total += start.elapsed();
        let got = match &outcome {
            Ok(Resolve::Solved(s)) => (
                "success".to_string(),
                Some(s.variants.iter().map(rez_form).collect::<Vec<_>>()),
            ),
            Ok(Resolve::Failed(f)) => (format!("failed: {}", f.description), None),
            Err(e) => (format!("error: {e}"), None),
        };
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
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
