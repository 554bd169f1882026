//! `cargo xtask bench`'s variants scaling rows: one package with N variants
//! (1k, 4k, 16k), solved by a fresh `Solver`, to show that the cost grows
//! linearly in N.
//!
//! The repository is made in memory: family `big` has one version whose
//! variant `i` requires `dep-<i>` and `tool-<i mod 8>`; `dep` has N versions
//! and `tool` eight, none with requirements. The request `big` makes the
//! solver rank all N variants, extract the union of their N ranges on `dep`
//! (and of eight on `tool`), reduce and split them, which is where a cost
//! quadratic in N would show.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{Resolve, Solver};
use rer_version::{Requirement, Version};

use crate::differential::ms;

/// The variant counts of the rows.
pub const SIZES: [usize; 3] = [1_000, 4_000, 16_000];

/// The repository of one row: `big` with `n` variants, `dep` with `n`
/// versions, `tool` with eight.
pub fn repository(n: usize) -> Result<MemoryProvider, String> {
    let version = |s: &str| Version::parse(s).map_err(|e| e.to_string());
    let req = |s: &str| Requirement::parse(s).map_err(|e| e.to_string());
    let mut packages = Vec::with_capacity(n + 9);
    let mut big = Package::new("big", version("1.0")?);
    big.variants = (0..n)
        .map(|i| {
            Ok(vec![
                req(&format!("dep-{i}"))?,
                req(&format!("tool-{}", i % 8))?,
            ])
        })
        .collect::<Result<_, String>>()?;
    packages.push(big);
    for i in 0..n {
        packages.push(Package::new("dep", version(&i.to_string())?));
    }
    for i in 0..8 {
        packages.push(Package::new("tool", version(&i.to_string())?));
    }
    MemoryProvider::from_packages(packages).map_err(|e| e.to_string())
}

/// One solve of `big` by a fresh solver over `provider`: its time and the
/// resolved packages.
fn solve_once(provider: &Arc<MemoryProvider>) -> Result<(Duration, Vec<String>), String> {
    let solver = Solver::new(Arc::clone(provider));
    let start = Instant::now();
    let resolve = solver.solve_strs(&["big"]).map_err(|e| e.to_string())?;
    let time = start.elapsed();
    match resolve {
        Resolve::Solved(s) => Ok((
            time,
            s.variants.iter().map(|v| v.qualified_name()).collect(),
        )),
        other => Err(format!("the variants repository did not solve: {other:?}")),
    }
}

/// Prints the variants scaling rows: for each N the median of `rounds`
/// fresh solves, and the time per variant (flat when linear).
pub fn run(rounds: usize, sizes: &[usize]) -> Result<(), String> {
    println!(
        "variants scaling: one package with N variants (variant i requires dep-i and tool-(i mod 8)), fresh Solver, memory provider, median of {rounds} solve(s)"
    );
    let mut first: Option<(usize, f64)> = None;
    for &n in sizes {
        let provider = Arc::new(repository(n)?);
        let mut times = Vec::with_capacity(rounds);
        let mut answer = Vec::new();
        for _ in 0..rounds.max(1) {
            let (time, resolved) = solve_once(&provider)?;
            times.push(time);
            answer = resolved;
        }
        times.sort();
        let median = times[times.len() / 2];
        let per = ms(median) * 1000.0 / n as f64;
        let growth = match first {
            None => {
                first = Some((n, ms(median)));
                String::new()
            }
            Some((n0, t0)) => format!(
                "   {:.1}x the time of {n0} for {:.0}x the variants",
                ms(median) / t0.max(f64::MIN_POSITIVE),
                n as f64 / n0 as f64
            ),
        };
        println!(
            "  {n:>6} variants {:>9.1} ms   {per:>6.2} us per variant   resolved: {}{growth}",
            ms(median),
            answer.join(" ")
        );
    }
    Ok(())
}
