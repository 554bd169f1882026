//! The two commands, from parsed arguments to printed output and an exit
//! code.

use std::io::{self, Write};

use rer_index::IndexOptions;
use rer_solver::Solver;

use crate::args::{BatchArgs, Cli, Command, ConfigArgs, LimitArgs, SolveArgs, SourceArgs};
use crate::error::CliError;
use crate::providers::{self, Finisher, FsStack, Provider};
use crate::report::{Report, Stats, Status};
use crate::resolve_cache::{self, KeptResolves};
use crate::site::{self, Site};
use crate::{batch, exit, graph_file, progress, render_json, render_text, show_config, solve};

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Solve(args) => run_solve(&args),
        Command::Batch(args) => run_batch(&args),
        Command::Config(args) => run_config(&args),
    }
}

/// Prints an error line on stderr, the way every command-level error is
/// reported.
pub fn print_error(message: &str) {
    eprintln!("rer: error: {message}");
}

/// What a command solves with.
struct Prepared {
    /// The solver over the command's provider stack.
    solver: Solver<Provider>,
    /// The implicit packages to add to each request.
    implicit: Vec<String>,
    /// The filesystem provider behind the solver and the filters over it,
    /// if any.
    fs: Option<FsStack>,
    /// What to finish when the solves are done.
    finisher: Finisher,
    /// The index's options and the settings a resolve depends on
    /// ([`resolve_cache::settings`]), when the index is on, rez's
    /// `resolve_caching` is not `False`, and those settings decide the
    /// outcome with the files alone.
    cache: Option<(IndexOptions, String)>,
}

/// The solver for `source` on this site, with `limits` (see [`Prepared`]).
fn solver(source: &SourceArgs, limits: &LimitArgs) -> Result<Prepared, CliError> {
    let config = site::load()?;
    let evaluator = providers::rez_evaluator(source);
    let Site {
        implicit,
        mode,
        error_on_missing_variant_requires,
        allow_unversioned_packages,
        filters,
        orderers,
    } = site::settings(source, &config, &evaluator)?;
    let source_kind = providers::source(source, || site::packages_path(source, &config))?;
    if let providers::Source::Repos { skipped, .. } = &source_kind {
        let from = if !source.repos.is_empty() {
            "--repo"
        } else if source.paths.is_some() {
            "--paths"
        } else {
            "packages_path"
        };
        for path in skipped {
            eprintln!(
                "rer: warning: skipping {} from {from}: not a directory",
                path.display()
            );
        }
    }
    let index_options = providers::index_options(source);
    let opened = providers::open(
        &source_kind,
        allow_unversioned_packages,
        &evaluator,
        filters,
        index_options.as_ref(),
        usize::from(source.prefetch_threads),
    )?;
    let mut solver = Solver::new(opened.provider)
        .variant_select_mode(mode)
        .error_on_missing_variant_requires(error_on_missing_variant_requires)
        .building(source.build)
        .python_hash_seed(source.python_hash_seed.unwrap_or(0))
        .package_orderers(orderers);
    if let Some(n) = limits.max_fails() {
        solver = solver.max_fails(n);
    }
    if let Some(limit) = limits.time_limit() {
        solver = solver.time_limit(limit);
    }
    let caching = config.resolve_caching().map_err(site::config_error)?;
    let cache = match (index_options, &opened.fs, &opened.finisher.index) {
        (Some(options), Some(stack), Some(_)) if caching => {
            let configured = [
                config.package_filter().map_err(site::config_error)?,
                config.package_orderers().map_err(site::config_error)?,
            ];
            resolve_cache::settings(
                stack.fs.roots(),
                allow_unversioned_packages,
                &implicit,
                solver.options(),
                configured,
                &source.filters,
            )
            .map(|settings| (options, settings))
        }
        _ => None,
    };
    Ok(Prepared {
        solver,
        implicit,
        fs: opened.fs,
        finisher: opened.finisher,
        cache,
    })
}

/// What `rer solve` works out beyond the answer, from its flags.
fn extras(args: &SolveArgs) -> solve::Extras {
    let explain = !args.no_explain;
    solve::Extras {
        explain,
        suggest: explain.then(|| args.budget.budget()),
        solved_graph: args.print_graph,
    }
}

/// What `rer batch` works out beyond each answer, from its flags: the
/// explanation unless `--no-explain`, suggestions only with `--suggest`.
fn batch_extras(args: &BatchArgs) -> solve::Extras {
    let explain = !args.no_explain;
    solve::Extras {
        explain,
        suggest: (explain && args.suggest).then(|| args.budget.budget()),
        solved_graph: false,
    }
}

/// `rer solve`: 0 solved, 1 failed, 2 error (a graph file that cannot be
/// written is an error too), 3 aborted. An answer kept by the resolve
/// cache is printed without solving while it holds ([`resolve_cache`]);
/// a graph is never kept, so `--print-graph` and `--fail-graph` solve.
fn run_solve(args: &SolveArgs) -> u8 {
    let mut kept = None;
    let mut kept_warnings = None;
    let (report, graph, finisher, fs) = match solver(&args.source, &args.limits) {
        Ok(prepared) => {
            kept = kept_resolves(args, &prepared);
            match kept.as_ref().and_then(KeptResolves::lookup) {
                Some(found) => {
                    kept_warnings = Some(found.warnings);
                    (found.report, None, prepared.finisher, prepared.fs)
                }
                None => {
                    let (report, graph) = solve::answer_with(
                        &prepared.solver,
                        &args.request,
                        &prepared.implicit,
                        prepared.fs.as_ref(),
                        extras(args),
                    );
                    leave_to_exit(prepared.solver);
                    (report, graph, prepared.finisher, prepared.fs)
                }
            }
        }
        Err(e) => (
            Report::error(args.request.clone(), e.kind, e.message, Stats::default()),
            None,
            Finisher::default(),
            None,
        ),
    };
    let mut code = exit::for_solve(report.status);
    if let (Some(path), Status::Failed, Some(g)) = (&args.fail_graph, report.status, &graph) {
        let format = args
            .graph_format
            .unwrap_or_else(|| graph_file::GraphFormat::for_path(path));
        match graph_file::write(&g.to_dot(), path, format) {
            Ok(()) => eprintln!("rer: wrote the graph of the failure to {}", path.display()),
            Err(e) => {
                print_error(&e.message);
                code = exit::ERROR;
            }
        }
    }
    let mut stdout = buffered_stdout();
    let written = if args.json {
        render_json::write_report(&mut stdout, &report)
    } else if report.status == Status::Error {
        Ok(())
    } else if args.print_graph {
        match &graph {
            Some(g) => writeln!(stdout, "{}", g.to_dot()),
            None => Ok(()),
        }
    } else {
        stdout.write_all(render_text::render_report(&report).as_bytes())
    }
    .and_then(|()| stdout.flush());
    drop(stdout);
    if report.status == Status::Error {
        print_error(&render_text::error_message(&report));
    }
    let code = finish(written, code);
    let warnings = match kept_warnings {
        Some(warnings) => warnings,
        None => {
            // after the prefetch threads stopped: nothing lists a family any
            // more, and what vouches for the solve's reads is complete
            finisher.stop_reading();
            let warnings = fs
                .as_ref()
                .map(|stack| stack.fs.warnings())
                .unwrap_or_default();
            if let Some(kept) = &kept {
                kept.keep(&report, &warnings);
            }
            warnings
        }
    };
    finisher.finish();
    print_warnings(&warnings);
    code
}

/// The resolve cache of `rer solve` with `args`, when it can be used: the
/// index is on, the settings decide the outcome with the files alone, no
/// graph is asked for, and neither `--no-resolve-cache` nor
/// `RER_NO_RESOLVE_CACHE` turns it off.
fn kept_resolves(args: &SolveArgs, prepared: &Prepared) -> Option<KeptResolves> {
    if args.no_resolve_cache
        || resolve_cache::disabled_by_env()
        || args.print_graph
        || args.fail_graph.is_some()
    {
        return None;
    }
    let (options, settings) = prepared.cache.as_ref()?;
    let index = prepared.finisher.index.as_ref()?;
    let mut request = args.request.clone();
    request.extend(prepared.implicit.iter().cloned());
    Some(KeptResolves::new(
        index,
        options,
        settings,
        &request,
        extras(args),
    ))
}

/// `rer batch`: 0 when every request was answered, 2 on bad input.
fn run_batch(args: &BatchArgs) -> u8 {
    let prepared = batch::read_requests(&args.requests)
        .and_then(|requests| solver(&args.source, &args.limits).map(|s| (requests, s)));
    let (
        requests,
        Prepared {
            solver,
            implicit,
            fs,
            finisher,
            ..
        },
    ) = match prepared {
        Ok(p) => p,
        Err(e) => {
            print_error(&e.message);
            return exit::ERROR;
        }
    };
    let bar = progress::for_requests(requests.len());
    let start = std::time::Instant::now();
    let jobs = args.jobs.map(|j| j as usize);
    let extras = batch_extras(args);
    let reports = match batch::run(&requests, jobs, &bar, |r| {
        solve::answer_with(&solver, r, &implicit, fs.as_ref(), extras).0
    }) {
        Ok(reports) => reports,
        Err(e) => {
            print_error(&e.message);
            return exit::ERROR;
        }
    };
    // the summary goes to stderr whether or not it is a terminal: a log of
    // the batch keeps its counts and time
    let loads = solver.provider().stats().loads;
    eprintln!("{}", batch::summary(&reports, start.elapsed(), loads));
    let mut stdout = buffered_stdout();
    let written = if args.json {
        render_json::write_reports(&mut stdout, &reports)
    } else {
        stdout.write_all(render_text::render_batch(&reports).as_bytes())
    }
    .and_then(|()| stdout.flush());
    drop(stdout);
    let code = finish(written, exit::SUCCESS);
    finisher.finish();
    // after the prefetch threads stopped: nothing lists a family any more
    print_warnings(
        &fs.as_ref()
            .map(|stack| stack.fs.warnings())
            .unwrap_or_default(),
    );
    leave_to_exit(solver);
    leave_to_exit((requests, reports));
    code
}

/// Prints on stderr, after the answers, what the filesystem provider met
/// that rez answers by chance (two directories rez takes for one version,
/// `1.0` and `1-0`), read from the files or answered by the index (or
/// kept with a cached answer): each once per process, sorted by family.
/// Never on stdout, so `--json` output keeps its schema.
fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("rer: warning: {warning}");
    }
}

/// Ends `value`'s life without dropping it, for what a command holds until
/// the process exits: the solver, its provider and their caches (every
/// package, listing and memo a solve touched). The operating system takes
/// the process's memory back at once on exit, while dropping them frees
/// each allocation in turn: 3.6% of a heavy `rer solve`'s instructions
/// (callgrind, the benchmark's request #138 over a warm index: 208.7 M
/// with the drops, 201.2 M without). Nothing in them needs its `Drop` to
/// run: [`Finisher::finish`] writes the index and stops the prefetch
/// threads and the rez helper process.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// `rer config`: 0 printed, 2 when the configuration cannot be read.
fn run_config(args: &ConfigArgs) -> u8 {
    let config = match site::load() {
        Ok(config) => config,
        Err(e) => {
            print_error(&e.message);
            return exit::ERROR;
        }
    };
    let text = if args.search_list || args.source_list {
        let files = if args.search_list {
            config.searched_files()
        } else {
            config.sourced_files()
        };
        files
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect::<String>()
    } else if let Some(name) = &args.setting {
        match show_config::one(&config, name, args.json) {
            Ok(text) => format!("{text}\n"),
            Err(e) => {
                print_error(&e.message);
                return exit::ERROR;
            }
        }
    } else if args.json {
        let value = show_config::all_json(&config);
        format!(
            "{}\n",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        )
    } else {
        show_config::all_text(&config)
    };
    let written = io::stdout().lock().write_all(text.as_bytes());
    finish(written, exit::SUCCESS)
}

/// Standard output behind a 64 KiB buffer. Rust's stdout flushes at every
/// newline, and the JSON writer writes a few bytes at a time: a batch's
/// pretty-printed reports (11.7 MB for the benchmark's 188 requests) went
/// out in 265,231 `write` calls, now in one per 64 KiB. The caller flushes
/// it before [`finish`] (dropping it would flush without a word on
/// failure).
fn buffered_stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
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
