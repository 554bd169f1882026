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
//! The data is the repository's copy of rez's benchmark, unpacked once by
//! `rer_tests::benchmark`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rer_provider_memory::MemoryProvider;
use rer_solver::Solver;
use rer_tests::benchmark::Benchmark;

fn bench(c: &mut Criterion) {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    let provider = MemoryProvider::from_json_file(&bench.packages_json)
        .unwrap_or_else(|e| panic!("{}: {e}", bench.packages_json.display()));
    let requests = bench.requests;

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
