//! `cargo xtask bench`: timings of the 188 benchmark requests per provider
//! stack, single-threaded and as a parallel batch, with pyrer timed in the
//! same run where it is importable and the ratio printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, FamilyProvider};
use rer_solver::Solver;
use rer_tests::benchmark::{self, Benchmark};
use serde::Deserialize;

use crate::differential::ms;
use crate::stacks::{Outcome, Round, Stack, count_exact, run_serial, solve};

/// Summary statistics of one stack's single-threaded round.
struct Summary {
    total: Duration,
    mean: Duration,
    median: Duration,
    p95: Duration,
    max: Duration,
    iterations: usize,
    families_mean: f64,
    families_max: usize,
    packages_mean: f64,
    exact: usize,
}

fn summarize(outcomes: &[Outcome], bench: &Benchmark) -> Summary {
    let mut times: Vec<Duration> = outcomes.iter().map(|o| o.time).collect();
    times.sort();
    let n = times.len().max(1);
    let pick = |q: f64| {
        times
            .get(((n as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    let total: Duration = times.iter().sum();
    Summary {
        total,
        mean: total / n as u32,
        median: pick(0.5),
        p95: pick(0.95),
        max: times.last().copied().unwrap_or_default(),
        iterations: outcomes.iter().map(|o| o.iterations).sum(),
        families_mean: outcomes.iter().map(|o| o.families).sum::<usize>() as f64 / n as f64,
        families_max: outcomes.iter().map(|o| o.families).max().unwrap_or(0),
        packages_mean: outcomes.iter().map(|o| o.packages).sum::<usize>() as f64 / n as f64,
        exact: count_exact(outcomes, &bench.expected),
    }
}

/// Solves every request on rayon with one shared solver; returns the wall
/// time and how many answers are exactly rez's.
fn parallel_batch<P: FamilyProvider>(solver: &Solver<P>, bench: &Benchmark) -> (Duration, usize) {
    let start = Instant::now();
    let outcomes: Vec<Outcome> = bench
        .requests
        .par_iter()
        .map(|r| solve(solver, r))
        .collect();
    let wall = start.elapsed();
    (wall, count_exact(&outcomes, &bench.expected))
}

/// pyrer's figures for one round as `xtask/scripts/pyrer_times.py` prints
/// them: the total seconds of each mode.
#[derive(Deserialize)]
struct PyrerTimes {
    pyrer_version: String,
    lazy: f64,
    eager: f64,
}

/// The median and the best (smallest) of some round totals, in seconds.
#[derive(Clone, Copy)]
struct Rounds {
    median: f64,
    best: f64,
}

impl Rounds {
    fn of(mut totals: Vec<f64>) -> Rounds {
        totals.sort_by(f64::total_cmp);
        Rounds {
            median: totals.get(totals.len() / 2).copied().unwrap_or(0.0),
            best: totals.first().copied().unwrap_or(0.0),
        }
    }
}

/// The Python to time pyrer with: `RER_PYTHON`, else the first of the
/// project's venv, `~/rez-venv` and `python3` that imports pyrer.
pub(crate) fn pyrer_python() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("RER_PYTHON") {
        candidates.push(p.into());
    }
    candidates.push(benchmark::workspace_root().join(".rer-data/venv/bin/python"));
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join("rez-venv/bin/python"));
    }
    candidates.push("python3".into());
    candidates.into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import pyrer"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// One round of pyrer (every request, in each mode) with `python`.
fn time_pyrer(python: &Path, bench: &Benchmark) -> Result<PyrerTimes, String> {
    let script = benchmark::workspace_root().join("xtask/scripts/pyrer_times.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(&bench.packages_json)
        .arg(&bench.requests_json)
        .output()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("unreadable output: {e}"))
}

/// Runs the benchmark: `rounds` single-threaded rounds per stack (the median
/// round is reported) and `pyrer_rounds` rounds of pyrer per mode,
/// interleaved (a round of each stack, then a round of pyrer, and again),
/// so that a slow minute on the machine falls on every side alike; then one
/// parallel batch per shared stack. Ratios compare the median rounds, and
/// the best rounds, of both sides.
/// `rez_requests` > 0 adds rez 3.4.0's rows on that many requests
/// ([`crate::bench_rez`]).
pub fn run(rounds: usize, pyrer_rounds: usize, rez_requests: usize) -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    let n = bench.requests.len();
    let start = Instant::now();
    let memory =
        Arc::new(MemoryProvider::from_json_file(&bench.packages_json).map_err(|e| e.to_string())?);
    let rounds = rounds.max(1);
    let mut python = if pyrer_rounds == 0 {
        None
    } else {
        let found = pyrer_python();
        if found.is_none() {
            println!(
                "pyrer: not importable by any Python found (pip install pyrer==1.0.0rc3, or set RER_PYTHON); no ratio"
            );
        }
        found
    };
    let pyrer_rounds = if python.is_some() { pyrer_rounds } else { 0 };
    println!(
        "{n} requests; memory provider built from packages.json in {:.0} ms ({} families, {} packages); {rounds} rounds per stack, {pyrer_rounds} of pyrer, interleaved; median round shown",
        ms(start.elapsed()),
        memory.family_count(),
        memory.package_count(),
    );

    let mut summaries: Vec<Vec<Summary>> = Stack::ALL.iter().map(|_| Vec::new()).collect();
    let mut pyrer: Vec<PyrerTimes> = Vec::new();
    for round in 0..rounds.max(pyrer_rounds) {
        if round < rounds {
            for (stack, done) in Stack::ALL.into_iter().zip(&mut summaries) {
                let outcomes = run_serial(stack, &memory, &bench.packages_dir, &bench.requests)?;
                done.push(summarize(&outcomes, &bench));
            }
        }
        let Some(py) = python.as_ref().filter(|_| round < pyrer_rounds) else {
            continue;
        };
        println!(
            "round {}: pyrer with {} (this takes a while)...",
            round + 1,
            py.display()
        );
        match time_pyrer(py, &bench) {
            Ok(times) => pyrer.push(times),
            Err(e) => {
                println!("pyrer: {e}; no ratio");
                pyrer.clear();
                python = None;
            }
        }
    }

    println!(
        "{:<50} {:>7} {:>9} {:>8} {:>8} {:>8} {:>8} {:>10} {:>14} {:>9}",
        "single-threaded",
        "exact",
        "total ms",
        "mean",
        "median",
        "p95",
        "max",
        "iterations",
        "families/req",
        "pkgs/req"
    );
    let mut rer_totals: Vec<(Stack, Rounds)> = Vec::new();
    let mut in_order: Vec<(Stack, Vec<Duration>)> = Vec::new();
    for (stack, mut done) in Stack::ALL.into_iter().zip(summaries) {
        in_order.push((stack, done.iter().map(|s| s.total).collect()));
        done.sort_by_key(|s| s.total);
        let Some(s) = done.get(done.len() / 2) else {
            continue;
        };
        println!(
            "{:<50} {:>3}/{n} {:>9.1} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>10} {:>8.0} (max {:>3}) {:>9.0}",
            stack.label(),
            s.exact,
            ms(s.total),
            ms(s.mean),
            ms(s.median),
            ms(s.p95),
            ms(s.max),
            s.iterations,
            s.families_mean,
            s.families_max,
            s.packages_mean,
        );
        let totals = Rounds {
            median: s.total.as_secs_f64(),
            best: done[0].total.as_secs_f64(),
        };
        rer_totals.push((stack, totals));
    }

    println!("round totals in run order (ms), to show the machine's noise:");
    for (stack, totals) in &in_order {
        let shown: Vec<String> = totals.iter().map(|t| format!("{:.0}", ms(*t))).collect();
        println!("  {:<48} {}", stack.label(), shown.join(" "));
    }

    let threads = rayon::current_num_threads();
    let (memory_wall, memory_exact) =
        parallel_batch(&Solver::new(Round::new(&memory, true)), &bench);
    let provider = FsProvider::new([&bench.packages_dir]).map_err(|e| e.to_string())?;
    let (fs_wall, fs_exact) = parallel_batch(&Solver::new(Cached::new(provider)), &bench);
    println!("parallel batch on {threads} rayon threads (wall time, one shared provider):");
    println!(
        "  {:<48} {memory_exact:>3}/{n} {:>9.1} ms",
        Stack::Memory.label(),
        ms(memory_wall)
    );
    println!(
        "  {:<48} {fs_exact:>3}/{n} {:>9.1} ms (cold cache, reads package.py as needed)",
        Stack::FsShared.label(),
        ms(fs_wall)
    );

    crate::bench_variants::run(3, &crate::bench_variants::SIZES)?;
    crate::bench_rez::run(&bench, &memory, rez_requests, rounds)?;
    crate::bench_latency::run(&bench, &memory)?;

    crate::bench_process::run(&bench)?;
    let Some(version) = pyrer.first().map(|p| p.pyrer_version.clone()) else {
        return Ok(());
    };
    let lazy = Rounds::of(pyrer.iter().map(|p| p.lazy).collect());
    let eager = Rounds::of(pyrer.iter().map(|p| p.eager).collect());
    println!(
        "pyrer {version} (same run, single-threaded, {pyrer_rounds} round(s)): lazy load_family median {:.1} ms (best {:.1}), eager packages= median {:.1} ms (best {:.1})",
        lazy.median * 1000.0,
        lazy.best * 1000.0,
        eager.median * 1000.0,
        eager.best * 1000.0
    );
    let shown = |f: fn(&PyrerTimes) -> f64| {
        let v: Vec<String> = pyrer
            .iter()
            .map(|p| format!("{:.0}", f(p) * 1000.0))
            .collect();
        v.join(" ")
    };
    println!(
        "  pyrer rounds in run order (ms): lazy {}; eager {}",
        shown(|p| p.lazy),
        shown(|p| p.eager)
    );
    println!("times faster than pyrer, median round vs median round (best round vs best round):");
    let ratio = |a: f64, b: f64| a / b.max(f64::MIN_POSITIVE);
    for (stack, totals) in rer_totals {
        println!(
            "  {:<48} lazy {:>5.1}x ({:>5.1}x)   eager {:>5.1}x ({:>5.1}x)",
            stack.label(),
            ratio(lazy.median, totals.median),
            ratio(lazy.best, totals.best),
            ratio(eager.median, totals.median),
            ratio(eager.best, totals.best),
        );
    }
    Ok(())
}
