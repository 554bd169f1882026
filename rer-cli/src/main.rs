//! The `rer` binary.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let _cli = rer_cli::args::Cli::parse();
    rer_cli::exit::to_exit_code(rer_cli::exit::ERROR)
}
