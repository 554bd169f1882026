//! rez's benchmark: the 188 requests of `rez-benchmark`, solved against its
//! 18,226 packages, must give exactly rez 3.4.0's recorded answers (status,
//! variants, order, indexes).
//!
//! The data is the repository's own copy, unpacked once by
//! `rer_tests::benchmark`.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use rer_provider_memory::MemoryProvider;
use rer_solver::{Resolve, SolveError, Solver};
use rer_tests::benchmark::{Benchmark, Expected, ExpectedVariant};

/// rer's outcome as compared: the resolved variants in rez's terms, or the
/// failure's description, or the error's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    Solved(Vec<ExpectedVariant>),
    Failed(String),
    Error(String),
}

fn answer(outcome: &Result<Resolve, SolveError>) -> Answer {
    match outcome {
        Ok(Resolve::Solved(s)) => Answer::Solved(
            s.variants
                .iter()
                .map(|v| ExpectedVariant::new(&v.name, &v.version, v.index))
                .collect(),
        ),
        Ok(Resolve::Failed(f)) => Answer::Failed(f.description.to_string()),
        Ok(Resolve::Aborted(a)) => Answer::Error(format!("aborted: {}", a.reason)),
        Err(e) => Answer::Error(e.to_string()),
    }
}

/// Whether rer answered as rez did: the same variants in the same order, or
/// a failure where rez failed.
fn same(got: &Answer, want: &Expected) -> bool {
    match (got, want) {
        (Answer::Solved(got), Expected::Solved(want)) => got == want,
        (Answer::Failed(_), Expected::Failed) => true,
        _ => false,
    }
}

#[test]
fn benchmark_matches_rez() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    let provider =
        MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json loads");
    let solver = Solver::new(&provider);

    let mut mismatches = Vec::new();
    let mut total = Duration::ZERO;
    let mut answers = Vec::with_capacity(bench.requests.len());
    for (i, (request, want)) in bench.requests.iter().zip(&bench.expected).enumerate() {
        let start = Instant::now();
        let outcome = solver.solve_strs(request);
        total += start.elapsed();
        let got = answer(&outcome);
        if !same(&got, want) {
            mismatches.push(format!("#{i} {request:?}\n  rez: {want:?}\n  rer: {got:?}"));
        }
        answers.push(got);
    }
    println!(
        "{}/{} exact; total solve time {:.1} ms",
        bench.requests.len() - mismatches.len(),
        bench.requests.len(),
        total.as_secs_f64() * 1000.0
    );

    // the same solver serves a parallel batch with the same answers
    let parallel: Vec<Answer> = bench
        .requests
        .par_iter()
        .map(|request| answer(&solver.solve_strs(request)))
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
