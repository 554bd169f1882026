//! Solves the 188 benchmark requests and prints timing and counters.
//! Usage: cargo run --release -p rer-solver --example bench188 [ROUNDS] [STEP]
//! (STEP: solve every STEP-th request only). The data is the repository's
//! copy of rez's benchmark, unpacked once by `rer_tests::benchmark`.
use std::time::Instant;

use rer_provider_memory::MemoryProvider;
use rer_solver::{Resolve, Solver};
use rer_tests::benchmark::Benchmark;

fn main() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    let arg = |i: usize, default: usize| -> usize {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let rounds = arg(1, 1);
    let step = arg(2, 1).max(1);
    let provider = MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json");
    let requests = bench.requests;
    let solver = Solver::new(&provider);
    for round in 0..rounds {
        let start = Instant::now();
        let (mut it, mut fams, mut pkgs, mut solved) = (0, 0, 0, 0);
        let mut worst = (0.0f64, 0usize);
        for (i, r) in requests.iter().enumerate().step_by(step) {
            let t = Instant::now();
            if let Ok(res) = solver.solve_strs(r) {
                let s = res.stats();
                it += s.iterations;
                fams += s.families_loaded;
                pkgs += s.packages_loaded;
                solved += matches!(res, Resolve::Solved(_)) as usize;
            }
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if ms > worst.0 {
                worst = (ms, i);
            }
        }
        println!(
            "round {round}: {:.1} ms total, {solved} solved, iterations {it}, families {fams}, packages {pkgs}, worst #{} {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0,
            worst.1,
            worst.0
        );
    }
}
