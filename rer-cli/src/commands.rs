//! The two commands, from parsed arguments to printed output and an exit
//! code.

use std::io::{self, Write};

use rer_solver::Solver;

use crate::args::{BatchArgs, Cli, Command, SolveArgs, SourceArgs};
use crate::error::CliError;
use crate::providers::{self, PACKAGES_PATH_VAR, Provider};
use crate::report::{Report, Stats, Status};
use crate::{batch, exit, progress, render_json, render_text, solve};

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Solve(args) => run_solve(&args),
        Command::Batch(args) => run_batch(&args),
    }
}

/// Prints an error line on stderr, the way every command-level error is
/// reported.
pub fn print_error(message: &str) {
    eprintln!("rer: error: {message}");
}

fn solver(source: &SourceArgs) -> Result<Solver<Provider>, CliError> {
    let source_kind = providers::source(source, std::env::var_os(PACKAGES_PATH_VAR))?;
    if let providers::Source::Repos { skipped, .. } = &source_kind {
        for path in skipped {
            eprintln!(
                "rer: warning: skipping {} from {PACKAGES_PATH_VAR}: not a directory",
                path.display()
            );
        }
    }
    let provider = providers::open(&source_kind)?;
    Ok(Solver::new(provider).variant_select_mode(solve::select_mode(source.variant_select_mode)))
}

/// `rer solve`: 0 solved, 1 failed, 2 error.
fn run_solve(args: &SolveArgs) -> u8 {
    let report = match solver(&args.source) {
        Ok(solver) => solve::answer(&solver, &args.request),
        Err(e) => Report::error(args.request.clone(), e.kind, e.message, Stats::default()),
    };
    let mut stdout = io::stdout().lock();
    let written = if args.json {
        render_json::write_report(&mut stdout, &report)
    } else if report.status == Status::Error {
        Ok(())
    } else {
        stdout.write_all(render_text::render_report(&report).as_bytes())
    };
    if report.status == Status::Error {
        print_error(&render_text::error_message(&report));
    }
    finish(written, exit::for_solve(report.status))
}

/// `rer batch`: 0 when every request was answered, 2 on bad input.
fn run_batch(args: &BatchArgs) -> u8 {
    let prepared = batch::read_requests(&args.requests)
        .and_then(|requests| solver(&args.source).map(|s| (requests, s)));
    let (requests, solver) = match prepared {
        Ok(p) => p,
        Err(e) => {
            print_error(&e.message);
            return exit::ERROR;
        }
    };
    let bar = progress::for_requests(requests.len());
    let start = std::time::Instant::now();
    let jobs = args.jobs.map(|j| j as usize);
    let reports = match batch::run(&requests, jobs, &bar, |r| solve::answer(&solver, r)) {
        Ok(reports) => reports,
        Err(e) => {
            print_error(&e.message);
            return exit::ERROR;
        }
    };
    if !bar.is_hidden() {
        let loads = solver.provider().stats().loads;
        eprintln!("{}", batch::summary(&reports, start.elapsed(), loads));
    }
    let mut stdout = io::stdout().lock();
    let written = if args.json {
        render_json::write_reports(&mut stdout, &reports)
    } else {
        stdout.write_all(render_text::render_batch(&reports).as_bytes())
    };
    finish(written, exit::SUCCESS)
}

/// The exit code once the output is written: a closed pipe (`rer ... |
/// head`) is no error, any other write failure is.
fn finish(written: io::Result<()>, code: u8) -> u8 {
    let flushed = written.and_then(|()| io::stdout().flush());
    match flushed {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            print_error(&format!("cannot write the output: {e}"));
            exit::ERROR
        }
    }
}
