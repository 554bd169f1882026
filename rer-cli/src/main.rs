//! The `rer` binary: parses the command line and runs it.

use clap::Parser;

/// mimalloc: a solve makes many small, short-lived allocations, which it
/// serves markedly faster than glibc's malloc (a fresh solve per request,
/// as `rer solve` runs, took about a third less time in `cargo xtask
/// bench`, measured side by side).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rer_cli::install_panic_hook();
    let cli = rer_cli::args::Cli::parse();
    rer_cli::exit::to_exit_code(rer_cli::commands::run(cli))
}
