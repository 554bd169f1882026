//! `cargo xtask bench --rez-requests N`: rez 3.4.0 itself timed on an
//! evenly spread subset of the benchmark's requests, beside pyrer (when the
//! same Python has it) and rer's stacks on the same subset, in the same run.
//!
//! rez is slow (seconds for some requests), so it runs once, on `N` of the
//! 188 requests: indexes `i * 188 / N`. It is timed as rez's own
//! `rez-benchmark` times it (`xtask/scripts/rez_times.py`): every package
//! loaded first, then one `ResolvedContext` per request. rer's stacks run
//! the same subset `rounds` times (half before rez, half after, so a slow
//! minute on the machine falls on both sides); their median round is
//! compared with rez's total.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use rer_provider_memory::MemoryProvider;
use rer_tests::benchmark::{Benchmark, Expected};
use serde::Deserialize;

use crate::rez::{REZ_VERSION, has_rez};
use crate::stacks::{Stack, run_serial};

/// What `xtask/scripts/rez_times.py` prints.
#[derive(Deserialize)]
struct RezTimes {
    rez_version: String,
    load_s: f64,
    rez: Vec<f64>,
    rez_resolved: Vec<Option<Vec<String>>>,
    pyrer_version: Option<String>,
    pyrer_lazy: Vec<f64>,
}

/// The Python with rez: `RER_REZ_PYTHON`, else `~/rez-venv/bin/python`.
fn rez_python() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("RER_REZ_PYTHON") {
        candidates.push(p.into());
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join("rez-venv/bin/python"));
    }
    candidates.into_iter().find(|p| has_rez(p))
}

/// The subset: `count` request indexes spread evenly over `n`.
fn subset(n: usize, count: usize) -> Vec<usize> {
    let count = count.min(n);
    (0..count).map(|i| i * n / count).collect()
}

/// Whether rez's answer (uris relative to the repository, or `None` when
/// not solved) is the recorded one.
fn rez_matches(resolved: &Option<Vec<String>>, expected: &Expected) -> bool {
    match (resolved, expected) {
        (Some(uris), Expected::Solved(want)) => {
            uris.len() == want.len()
                && uris.iter().zip(want).all(|(uri, v)| {
                    let index = v.index.map(|i| i.to_string()).unwrap_or_default();
                    *uri == format!("{}/{}/package.py[{index}]", v.name, v.version)
                })
        }
        (None, Expected::Failed) => true,
        _ => false,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// Runs the rez rows (nothing when `count` is 0).
pub fn run(
    bench: &Benchmark,
    memory: &Arc<MemoryProvider>,
    count: usize,
    rounds: usize,
) -> Result<(), String> {
    if count == 0 {
        return Ok(());
    }
    let python = rez_python().ok_or_else(|| {
        format!(
            "--rez-requests: no Python with rez {REZ_VERSION} (set RER_REZ_PYTHON, or make ~/rez-venv)"
        )
    })?;
    let indexes = subset(bench.requests.len(), count);
    let requests: Vec<Vec<String>> = indexes.iter().map(|&i| bench.requests[i].clone()).collect();
    let rounds = rounds.max(1);
    let stacks = [
        Stack::Memory,
        Stack::MemoryFresh,
        Stack::FsShared,
        Stack::FsCold,
    ];
    let mut totals: Vec<Vec<f64>> = stacks.iter().map(|_| Vec::new()).collect();
    let rer_round = |totals: &mut Vec<Vec<f64>>| -> Result<(), String> {
        for (stack, done) in stacks.into_iter().zip(totals.iter_mut()) {
            let outcomes = run_serial(stack, memory, &bench.packages_dir, &requests)?;
            done.push(
                outcomes
                    .iter()
                    .map(|o| o.time)
                    .sum::<Duration>()
                    .as_secs_f64(),
            );
        }
        Ok(())
    };
    for _ in 0..rounds / 2 {
        rer_round(&mut totals)?;
    }
    println!(
        "rez {REZ_VERSION} with {} on {} of the {} requests (this takes minutes)...",
        python.display(),
        requests.len(),
        bench.requests.len()
    );
    let shown: Vec<String> = indexes.iter().map(usize::to_string).collect();
    let script = rer_tests::benchmark::workspace_root().join("xtask/scripts/rez_times.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(&bench.packages_dir)
        .arg(&bench.packages_json)
        .arg(&bench.requests_json)
        .arg(shown.join(","))
        .output()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let rez: RezTimes = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("rez_times.py's output is not understood: {e}"))?;
    for _ in rounds / 2..rounds {
        rer_round(&mut totals)?;
    }

    let exact = indexes
        .iter()
        .zip(&rez.rez_resolved)
        .filter(|(i, r)| rez_matches(r, &bench.expected[**i]))
        .count();
    let rez_total: f64 = rez.rez.iter().sum();
    println!(
        "rez rows: requests {} (every {}th of {}); rez {} loaded every package first in {:.1} s (not counted); rez's answers equal the recorded ones on {exact}/{}",
        shown.join(" "),
        bench.requests.len() / requests.len().max(1),
        bench.requests.len(),
        rez.rez_version,
        rez.load_s,
        requests.len(),
    );
    println!(
        "  {:<50} {:>10} {:>12} {:>12}",
        "same subset, single-threaded", "total ms", "median ms", "rez / this"
    );
    println!(
        "  {:<50} {:>10.1} {:>12.2} {:>12}",
        format!("rez {} (ResolvedContext, warm)", rez.rez_version),
        rez_total * 1000.0,
        median(rez.rez.clone()) * 1000.0,
        "1.0x"
    );
    if let Some(version) = &rez.pyrer_version {
        let total: f64 = rez.pyrer_lazy.iter().sum();
        println!(
            "  {:<50} {:>10.1} {:>12.2} {:>11.1}x",
            format!("pyrer {version} lazy (one round)"),
            total * 1000.0,
            median(rez.pyrer_lazy.clone()) * 1000.0,
            rez_total / total.max(f64::MIN_POSITIVE)
        );
    }
    for (stack, done) in stacks.into_iter().zip(totals) {
        let shown: Vec<String> = done.iter().map(|t| format!("{:.0}", t * 1000.0)).collect();
        let total = median(done);
        println!(
            "  {:<50} {:>10.1} {:>12} {:>11.1}x   (rounds: {} ms)",
            format!("rer {} (median of {rounds})", stack.label()),
            total * 1000.0,
            "",
            rez_total / total.max(f64::MIN_POSITIVE),
            shown.join(" ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_is_spread_evenly() {
        assert_eq!(subset(188, 4), [0, 47, 94, 141]);
        assert_eq!(subset(3, 10), [0, 1, 2]);
        assert!(subset(188, 0).is_empty());
    }
}
