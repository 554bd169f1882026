//! The `rer` binary: parses the command line and runs it.

use clap::Parser;

fn main() -> std::process::ExitCode {
    rer_cli::install_panic_hook();
    let cli = rer_cli::args::Cli::parse();
    rer_cli::exit::to_exit_code(rer_cli::commands::run(cli))
}
