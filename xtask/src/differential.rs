//! `cargo xtask differential`: rez's 188 benchmark requests through every
//! provider stack, and through the `rer` command with its resolve cache
//! ([`crate::differential_cli`]), each answer compared strictly with rez
//! 3.4.0's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_provider_memory::MemoryProvider;
use rer_tests::benchmark::{self, Benchmark};

use crate::stacks::{Stack, count_exact, describe_expected, run_serial};

/// Runs the differential test; `Err` when the data cannot be read or any
/// answer differs.
pub fn run() -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    println!(
        "rez benchmark: {} ({} requests), unpacked in {}",
        benchmark::data_dir().display(),
        bench.requests.len(),
        bench.packages_dir.display()
    );
    let start = Instant::now();
    let memory =
        Arc::new(MemoryProvider::from_json_file(&bench.packages_json).map_err(|e| e.to_string())?);
    println!(
        "memory provider: {} families, {} packages loaded from packages.json in {:.0} ms",
        memory.family_count(),
        memory.package_count(),
        ms(start.elapsed())
    );
    let mut differences = 0;
    for stack in Stack::ALL {
        let outcomes = run_serial(stack, &memory, &bench.packages_dir, &bench.requests)?;
        let total: Duration = outcomes.iter().map(|o| o.time).sum();
        let exact = count_exact(&outcomes, &bench.expected);
        let families: usize = outcomes.iter().map(|o| o.families).sum();
        let max_families = outcomes.iter().map(|o| o.families).max().unwrap_or(0);
        println!(
            "{:<50} {exact}/{} exact   solve total {:>8.1} ms   families read per request: mean {:.0}, max {max_families}",
            stack.label(),
            bench.requests.len(),
            ms(total),
            families as f64 / outcomes.len().max(1) as f64,
        );
        let reads: Vec<(u64, usize)> = outcomes.iter().filter_map(|o| o.fs_reads).collect();
        if !reads.is_empty() && matches!(stack, Stack::FsIndexCold | Stack::FsIndexWarm) {
            let read: u64 = reads.iter().map(|r| r.0).sum();
            let reused: usize = reads.iter().map(|r| r.1).sum();
            println!(
                "{:<50} packages per request: {:.0} read from files, {:.0} from the index",
                "",
                read as f64 / reads.len() as f64,
                reused as f64 / reads.len() as f64,
            );
        } else if !reads.is_empty() {
            let files: u64 = reads.iter().map(|r| r.0).sum();
            let listed: usize = reads.iter().map(|r| r.1).sum();
            let max_files = reads.iter().map(|r| r.0).max().unwrap_or(0);
            println!(
                "{:<50} package files read per request: mean {:.0}, max {max_files} (of {:.0} versions in the families looked up; repository: {} packages)",
                "",
                files as f64 / reads.len() as f64,
                listed as f64 / reads.len() as f64,
                memory.package_count(),
            );
        }
        for (i, (outcome, expected)) in outcomes.iter().zip(&bench.expected).enumerate() {
            if !outcome.matches(expected) {
                differences += 1;
                if differences <= 10 {
                    println!("  request {i} {:?}", bench.requests[i]);
                    println!("    rez: {}", describe_expected(expected));
                    println!("    rer: {}", outcome.describe());
                }
            }
        }
    }
    let rer = crate::bench_process::rer_binary()?;
    differences += crate::differential_cli::run(&bench, &rer)?;
    if differences > 0 {
        return Err(format!("{differences} answers differ from rez 3.4.0"));
    }
    println!("every stack gives rez 3.4.0's answer to every request");
    Ok(())
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
