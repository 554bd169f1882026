//! `cargo xtask bench`'s fresh-process rows: what a rez user pays per
//! command. Each request is solved by a new `rer solve` process over the
//! benchmark's package tree without the index, with a cold index (emptied
//! before the process), and with a warm one (the same request solved once
//! before) twice: solving again (`--no-resolve-cache`) and answered from
//! the resolve cache (the default); beside rez 3.4.0's `rez env --output`
//! (which has no resolve cache without a memcached server, its default;
//! each ratio is given against both warm rows) and pyrer's whole
//! process (import, read the repository, solve) on a subset of the
//! requests; then a long-lived `rer batch` over all 188 against pyrer's
//! whole process over all 188.
//!
//! - `rer solve` runs with `--ni --no-explain` (rez env prints a failure
//!   without searching for changes that resolve) and its output discarded;
//!   `REZ_DISABLE_HOME_CONFIG=1`.
//! - rez: `rez env --paths <tree> --ni --output FILE` per request, with
//!   `REZ_DISABLE_HOME_CONFIG=1` and no resolve caching; its executable is
//!   the `rez` beside `RER_REZ_PYTHON`, else `~/rez-venv/bin/rez`. It takes
//!   seconds a request, so it runs on every `RER_BENCH_REZ_EVERY`-th
//!   request (12: 16 requests) and the heaviest (the one whose plain
//!   `rer solve` took longest); `RER_BENCH_REZ_EVERY=0` skips it.
//! - pyrer 1.0.0rc3 has no package.py reader: its process reads the
//!   benchmark's packages.json (the same packages) and builds package data
//!   as its lazy `load_family` asks (`xtask/scripts/pyrer_process.py`).
//! - Two more rows run `rer solve` with `--prefetch-threads 8` (the
//!   default is 0), without the index and over the warm one.
//! - A process-start row: `rer --version`, median of 21, the floor under
//!   every fresh-process time. Each comparison names the request with the
//!   least ratio (both times) and how many of the compared requests took
//!   the other tool less than 300 process starts, on which no fresh `rer`
//!   process could be 300 times faster.
//! - Times are wall-clock per process; the processes' CPU time (user +
//!   system) is printed beside them, steadier on a shared machine.
//!
//! `RER_BENCH_PROCESS=0` skips these rows.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rer_tests::benchmark::{self, Benchmark};

use crate::differential::ms;

/// One timed process: wall and CPU time.
#[derive(Debug, Clone, Copy, Default)]
struct Timed {
    wall: Duration,
    cpu: Duration,
}

/// Runs `command` to completion with its output discarded.
fn time(command: &mut Command) -> Result<Timed, String> {
    let cpu_before = children_cpu();
    let start = Instant::now();
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("{command:?}: {e}"))?;
    let wall = start.elapsed();
    if status.code().is_none_or(|c| c > 3) {
        return Err(format!("{command:?} failed: {status}"));
    }
    Ok(Timed {
        wall,
        cpu: children_cpu().saturating_sub(cpu_before),
    })
}

/// The user + system time of every waited-for child so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Builds the release `rer` binary and returns its path.
pub(crate) fn rer_binary() -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "rer-cli"])
        .current_dir(benchmark::workspace_root())
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p rer-cli failed".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| benchmark::workspace_root().join("target"), PathBuf::from);
    Ok(target.join("release").join("rer"))
}

fn rez_binary() -> Option<PathBuf> {
    let beside = std::env::var_os("RER_REZ_PYTHON")
        .map(PathBuf::from)
        .and_then(|p| p.parent().map(|d| d.join("rez")));
    let home = std::env::var_os("HOME").map(|h| Path::new(&h).join("rez-venv/bin/rez"));
    [beside, home].into_iter().flatten().find(|p| p.is_file())
}

/// Summary of per-request times.
fn summary(times: &[Timed]) -> String {
    let mut walls: Vec<Duration> = times.iter().map(|t| t.wall).collect();
    walls.sort();
    let total: Duration = walls.iter().sum();
    let cpu: Duration = times.iter().map(|t| t.cpu).sum();
    let n = walls.len().max(1);
    format!(
        "total {:>9.1} ms  mean {:>7.1}  median {:>7.1}  max {:>7.1}  (CPU total {:>8.1} ms)",
        ms(total),
        ms(total) / n as f64,
        ms(walls[(n - 1) / 2]),
        ms(walls.last().copied().unwrap_or_default()),
        ms(cpu)
    )
}

/// The fresh-process and whole-process rows; see the module docs.
pub fn run(bench: &Benchmark) -> Result<(), String> {
    if std::env::var_os("RER_BENCH_PROCESS").is_some_and(|v| v == "0") {
        return Ok(());
    }
    let rer = rer_binary()?;
    let tree = &bench.packages_dir;
    let index = std::env::temp_dir().join(format!("rer-bench-index-{}", std::process::id()));
    let solve = |request: &[String], flags: &[&str]| {
        let mut c = Command::new(&rer);
        c.arg("solve")
            .arg("--repo")
            .arg(tree)
            .args(["--ni", "--no-explain", "--index-dir"])
            .arg(&index)
            .args(flags)
            .arg("--")
            .args(request)
            .env("REZ_DISABLE_HOME_CONFIG", "1")
            .env_remove("RER_NO_INDEX")
            .env_remove("RER_INDEX_DIR");
        time(&mut c)
    };
    let n = bench.requests.len();
    println!(
        "fresh `rer solve` process per request ({n} requests, {}):",
        rer.display()
    );
    let (mut plain, mut cold, mut warm) = (Vec::new(), Vec::new(), Vec::new());
    let (mut plain_ahead, mut warm_ahead, mut solved) = (Vec::new(), Vec::new(), Vec::new());
    let median_of_3 = |flags: &[&str], request: &[String]| -> Result<Timed, String> {
        let mut runs = [
            solve(request, flags)?,
            solve(request, flags)?,
            solve(request, flags)?,
        ];
        runs.sort_by_key(|t| t.wall);
        Ok(runs[1])
    };
    for request in &bench.requests {
        plain.push(solve(request, &["--no-index"])?);
        plain_ahead.push(solve(request, &["--no-index", "--prefetch-threads", "8"])?);
        let _ = std::fs::remove_dir_all(&index);
        cold.push(solve(request, &[])?);
        // the index warm, the request solved again
        solved.push(median_of_3(&["--no-resolve-cache"], request)?);
        // the index warm, the request answered from the resolve cache
        warm.push(median_of_3(&[], request)?);
        warm_ahead.push(solve(
            request,
            &["--prefetch-threads", "8", "--no-resolve-cache"],
        )?);
    }
    println!("  {:<34} {}", "no index (--no-index)", summary(&plain));
    println!(
        "  {:<34} {}",
        "cold index (emptied before each)",
        summary(&cold)
    );
    println!(
        "  {:<34} {}",
        "warm index, solved (median of 3)",
        summary(&solved)
    );
    println!(
        "  {:<34} {}",
        "warm index, resolve cache (med. 3)",
        summary(&warm)
    );
    println!(
        "  {:<34} {}",
        "no index, --prefetch-threads 8",
        summary(&plain_ahead)
    );
    println!(
        "  {:<34} {}",
        "warm index, solved, 8 prefetch",
        summary(&warm_ahead)
    );
    // what any fresh process pays before it reads a file: the floor under
    // every row above
    let mut starts = (0..21)
        .map(|_| time(Command::new(&rer).arg("--version")))
        .collect::<Result<Vec<_>, _>>()?;
    starts.sort_by_key(|t| t.wall);
    let start = starts[starts.len() / 2];
    println!(
        "  {:<34} median of 21: {:.2} ms (CPU {:.2} ms)",
        "process start (`rer --version`)",
        ms(start.wall),
        ms(start.cpu)
    );
    let heaviest = (0..n).max_by_key(|&i| plain[i].wall).unwrap_or(0);
    println!(
        "  heaviest request (#{heaviest}, longest without the index): no index {:.1} ms, cold {:.1} ms, warm solved {:.1} ms, resolve cache {:.1} ms",
        ms(plain[heaviest].wall),
        ms(cold[heaviest].wall),
        ms(solved[heaviest].wall),
        ms(warm[heaviest].wall)
    );

    let every: usize = std::env::var("RER_BENCH_REZ_EVERY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut subset: Vec<usize> = if every == 0 {
        Vec::new()
    } else {
        (0..n).step_by(every).collect()
    };
    if every != 0 && !subset.contains(&heaviest) {
        subset.push(heaviest);
    }
    let compare_with = |label: &str, times: &[(usize, Timed)], warm: &[Timed]| {
        let theirs: Duration = times.iter().map(|(_, t)| t.wall).sum();
        let ours: Duration = times.iter().map(|(i, _)| warm[*i].wall).sum();
        let ratios: Vec<f64> = times
            .iter()
            .map(|(i, t)| t.wall.as_secs_f64() / warm[*i].wall.as_secs_f64().max(1e-9))
            .collect();
        let (least_at, min) =
            ratios
                .iter()
                .copied()
                .enumerate()
                .fold(
                    (0, f64::INFINITY),
                    |a, (k, r)| if r < a.1 { (k, r) } else { a },
                );
        let least = times.get(least_at).map_or_else(String::new, |(i, t)| {
            format!(
                " (#{i}: {:.1} ms against {:.2} ms)",
                ms(t.wall),
                ms(warm[*i].wall)
            )
        });
        // requests on which even a process doing nothing but start could
        // not be 300 times faster
        let floor = start.wall * 300;
        let under_floor = times.iter().filter(|(_, t)| t.wall < floor).count();
        let their_cpu: Duration = times.iter().map(|(_, t)| t.cpu).sum();
        let our_cpu: Duration = times.iter().map(|(i, _)| warm[*i].cpu).sum();
        let heavy = times
            .iter()
            .find(|(i, _)| *i == heaviest)
            .map(|(_, t)| format!(", heaviest #{heaviest} {:.1} ms", ms(t.wall)))
            .unwrap_or_default();
        let median = {
            let mut sorted = ratios.clone();
            sorted.sort_by(f64::total_cmp);
            sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
        };
        println!(
            "  {label:<34} {} requests {:.1} ms{heavy}; rer on them {:.1} ms: {:.0}x in total, {:.0}x at least per request{least}, {median:.0}x median; CPU {:.1} ms against {:.1} ms: {:.0}x; {under_floor} of {} took under 300 process starts",
            times.len(),
            ms(theirs),
            ms(ours),
            theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9),
            min,
            ms(their_cpu),
            ms(our_cpu),
            their_cpu.as_secs_f64() / our_cpu.as_secs_f64().max(1e-9),
            times.len(),
        );
    };
    // against the warm index answering from the resolve cache
    let compare = |label: &str, times: &[(usize, Timed)]| compare_with(label, times, &warm);
    if !subset.is_empty() {
        println!("  subset for rez and pyrer: requests {subset:?}");
    }
    match rez_binary().filter(|_| !subset.is_empty()) {
        None => println!("  rez: not run (no rez found, or RER_BENCH_REZ_EVERY=0)"),
        Some(rez) => {
            let out = index.with_extension("rxt");
            let mut times = Vec::new();
            for &i in &subset {
                let mut c = Command::new(&rez);
                c.arg("env")
                    .arg("--paths")
                    .arg(tree)
                    .args(["--ni", "--output"])
                    .arg(&out)
                    // no `--`: rez env reads what follows it as a command
                    .args(&bench.requests[i])
                    .env("REZ_DISABLE_HOME_CONFIG", "1")
                    .env("REZ_RESOLVE_CACHING", "false");
                times.push((i, time(&mut c)?));
            }
            let _ = std::fs::remove_file(&out);
            compare("rez 3.4.0 `rez env --output`", &times);
            compare_with("  (rer warm, solved again)", &times, &solved);
        }
    }
    let python = crate::bench::pyrer_python();
    let script = benchmark::workspace_root().join("xtask/scripts/pyrer_process.py");
    let pyrer = |which: &str| {
        python.as_ref().map(|py| {
            let mut c = Command::new(py);
            c.arg(&script)
                .arg(&bench.packages_json)
                .arg(&bench.requests_json)
                .arg(which);
            time(&mut c)
        })
    };
    if python.is_some() && !subset.is_empty() {
        let mut times = Vec::new();
        for &i in &subset {
            if let Some(t) = pyrer(&i.to_string()) {
                times.push((i, t?));
            }
        }
        compare("pyrer whole process", &times);
        compare_with("  (rer warm, solved again)", &times, &solved);
    }

    println!("long-lived process over all {n} requests:");
    let batch = |flags: &[&str]| {
        let mut c = Command::new(&rer);
        c.arg("batch")
            .arg("--repo")
            .arg(tree)
            .arg("--requests")
            .arg(&bench.requests_json)
            .args(["--ni", "--json", "--index-dir"])
            .arg(&index)
            .args(flags)
            .env("REZ_DISABLE_HOME_CONFIG", "1")
            .env_remove("RER_NO_INDEX");
        time(&mut c)
    };
    let rows = [
        (
            "rer batch --jobs 1, no index",
            batch(&["--jobs", "1", "--no-index"])?,
        ),
        ("rer batch, no index", batch(&["--no-index"])?),
        ("rer batch --jobs 1, warm index", {
            batch(&["--jobs", "1"])?;
            batch(&["--jobs", "1"])?
        }),
        ("rer batch, warm index", batch(&[])?),
    ];
    let whole = pyrer("all").transpose()?;
    for (label, t) in rows {
        let vs = whole
            .map(|p| {
                format!(
                    "  {:.1}x pyrer's whole process",
                    p.wall.as_secs_f64() / t.wall.as_secs_f64().max(1e-9)
                )
            })
            .unwrap_or_default();
        println!(
            "  {label:<34} {:>8.1} ms (CPU {:>8.1} ms){vs}",
            ms(t.wall),
            ms(t.cpu)
        );
    }
    if let Some(p) = whole {
        println!(
            "  {:<34} {:>8.1} ms (CPU {:>8.1} ms)",
            "pyrer whole process, all requests",
            ms(p.wall),
            ms(p.cpu)
        );
    }
    let _ = std::fs::remove_dir_all(&index);
    Ok(())
}
