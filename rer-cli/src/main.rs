//! The `rer` binary: parses the command line and runs it.

use clap::Parser;

/// mimalloc, through the adapter of [`rer_cli::allocator`].
#[global_allocator]
static GLOBAL: rer_cli::allocator::Mimalloc = rer_cli::allocator::Mimalloc;

fn main() -> std::process::ExitCode {
    rer_cli::allocator::skip_cleanup_at_exit();
    rer_cli::install_panic_hook();
    let cli = rer_cli::args::Cli::parse();
    rer_cli::exit::to_exit_code(rer_cli::commands::run(cli))
}
