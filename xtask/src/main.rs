//! `cargo xtask`: rer's project tasks.
//!
//! - `differential`: rez's 188 benchmark requests through every provider
//!   stack, each answer compared strictly with rez's; non-zero exit on any
//!   difference.
//! - `bench`: timings per stack, single-threaded and as a parallel batch,
//!   with pyrer timed in the same run where it is importable.
//! - `fetch-data`: puts rez's benchmark in `.rer-data/` on a clone without
//!   `../shared/rez-benchmark`.
//! - `record-rez`: runs rez 3.4.0 itself on the benchmark and records its
//!   answers in `xtask/data/`.

mod rez;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "rer's project tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Make sure rez's benchmark data is available (fetching it from PyPI's
    /// rez 3.4.0 wheel when ../shared/rez-benchmark is absent), and say where.
    FetchData,
    /// Run rez 3.4.0 itself on the 188 benchmark requests and record its
    /// answers in xtask/data/rez-3.4.0-resolves.json (takes minutes).
    RecordRez,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::FetchData => rez::fetch_data().map(|dir| println!("rez benchmark data: {}", dir.display())),
        Task::RecordRez => rez::record(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
