//! `cargo xtask`: rer's project tasks.
//!
//! - `bench-process`: only `bench`'s fresh-process and long-lived process rows.
//! - `differential`: rez's 188 benchmark requests through every provider
//!   stack, each answer compared strictly with rez's; non-zero exit on any
//!   difference.
//! - `bench`: timings per stack, single-threaded and as a parallel batch,
//!   with pyrer timed in the same run where it is importable.
//! - `record-rez`: runs rez 3.4.0 itself on the benchmark and records its
//!   answers in `tests/data/rez-benchmark/`.

mod bench;
mod bench_failure;
mod bench_latency;
mod bench_process;
mod bench_rez;
mod bench_variants;
mod differential;
mod differential_cli;
mod rez;
mod stacks;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc, as in the `rer` binary: a solve makes many small, short-lived
/// allocations, which it serves markedly faster than glibc's malloc, and
/// the benchmarks should time what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "rer's project tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Solve rez's 188 benchmark requests through every provider stack and
    /// compare each answer strictly with rez 3.4.0's (exit 1 on any difference).
    Differential,
    /// Time the 188 requests per stack (single-threaded and a parallel batch)
    /// and, where pyrer 1.0.0rc3 is importable, pyrer in the same run.
    Bench {
        /// Single-threaded rounds per stack; the median round is reported.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Rounds of pyrer per mode (each round solves every request).
        #[arg(long, default_value_t = 3)]
        pyrer_rounds: usize,
        /// Skip timing pyrer.
        #[arg(long)]
        no_pyrer: bool,
        /// Also time rez 3.4.0 itself (and pyrer beside it) on this many of
        /// the requests, spread evenly, with rer on the same ones (rez in
        /// RER_REZ_PYTHON or ~/rez-venv; 0: not at all).
        #[arg(long, default_value_t = 0)]
        rez_requests: usize,
    },
    /// Run rez 3.4.0 itself on the 188 benchmark requests and on every
    /// package, and record its answers in tests/data/rez-benchmark/ (takes
    /// minutes; rez runs in RER_REZ_PYTHON, else in a venv in .rer-data/).
    RecordRez,
    /// Only the injected-latency rows of `bench` (the heaviest request,
    /// cold, with each package read delayed by 0, 1 and 5 ms; serial and
    /// prefetching).
    BenchLatency,
    /// Only the fresh-process rows of `bench`: a new `rer solve` per request
    /// without the index, with a cold and with a warm one, and the
    /// long-lived `rer batch` rows (rez and pyrer beside them as `bench`
    /// runs them; see `xtask/src/bench_process.rs` for the switches).
    BenchProcess,
    /// What rez's graph, rez's failure printout, the explanation and the
    /// suggestion search cost on the benchmark's repository, and what the
    /// plain solve pays for none of them.
    BenchFailure {
        /// Rounds per measurement; the median is reported.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Only the variants scaling rows of `bench` (one package with 1k, 4k
    /// and 16k variants).
    BenchVariants {
        /// Solves per size; the median is reported.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// The variant counts, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = bench_variants::SIZES)]
        sizes: Vec<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Differential => differential::run(),
        Task::Bench {
            rounds,
            pyrer_rounds,
            no_pyrer,
            rez_requests,
        } => bench::run(
            rounds,
            if no_pyrer { 0 } else { pyrer_rounds },
            rez_requests,
        ),
        Task::RecordRez => rez::record(),
        Task::BenchLatency => bench_latency::run_alone(),
        Task::BenchProcess => rer_tests::benchmark::Benchmark::load()
            .map_err(|e| e.to_string())
            .and_then(|bench| bench_process::run(&bench)),
        Task::BenchFailure { rounds } => bench_failure::run(rounds),
        Task::BenchVariants { rounds, sizes } => bench_variants::run(rounds, &sizes),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
