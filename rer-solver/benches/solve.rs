//! Criterion benchmark of rer-solver over rez's benchmark: the 188 requests
//! of `rez-benchmark` against its 18,226 packages (in memory), solved one
//! after another on one thread.
//!
//! - `rez_benchmark/188_warm`: one solver for all iterations (what it learnt
//!   about packages is kept between solves, as in a long-running service);
//! - `rez_benchmark/188_cold`: a new solver for each iteration (every
//!   package processed afresh);
//! - `rez_benchmark/heaviest`: the request rez takes longest on.
//!
//! The data is looked up in `$RER_BENCHMARK_DIR`, else
//! `../shared/rez-benchmark` beside the workspace; without it the benchmark
//! prints SKIPPED and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rer_provider_memory::MemoryProvider;
use rer_solver::Solver;

fn benchmark_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("RER_BENCHMARK_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/rez-benchmark"),
    };
    (dir.join("packages.json").is_file() && dir.join("requests.json").is_file()).then_some(dir)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = benchmark_dir() else {
        eprintln!("SKIPPED: benchmark data not found (set RER_BENCHMARK_DIR)");
        return;
    };
    let Ok(provider) = MemoryProvider::from_json_file(dir.join("packages.json")) else {
        eprintln!("SKIPPED: packages.json does not load");
        return;
    };
    let Some(requests) = std::fs::read_to_string(dir.join("requests.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Vec<Vec<String>>>(&t).ok())
    else {
        eprintln!("SKIPPED: requests.json does not load");
        return;
    };

    let mut group = c.benchmark_group("rez_benchmark");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let warm = Solver::new(&provider);
    group.bench_function("188_warm", |b| {
        b.iter(|| {
            for r in &requests {
                let _ = black_box(warm.solve_strs(r));
            }
        })
    });
    group.bench_function("188_cold", |b| {
        b.iter(|| {
            let solver = Solver::new(&provider);
            for r in &requests {
                let _ = black_box(solver.solve_strs(r));
            }
        })
    });
    // #162: the request rez 3.4.0 spends longest on (13.7 s)
    if let Some(heavy) = requests.get(162) {
        group.bench_function("heaviest", |b| b.iter(|| black_box(warm.solve_strs(heavy))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
