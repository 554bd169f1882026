//! `cargo xtask bench`'s injected-latency rows: the heaviest benchmark
//! request solved cold over the package.py tree with every package file
//! read made slower by a fixed delay (0, 1 and 5 ms), serially and with
//! `rer_prefetch::Prefetching` reading ahead on a pool.
//!
//! The delay is injected, not measured on a network share: [`Slow`] wraps
//! the filesystem provider and sleeps before each package file it reads
//! (directory listings are not delayed), standing in for a file system
//! where every open is a round trip.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rer_prefetch::{DEFAULT_THREADS, Prefetching};
use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, Family, FamilyProvider, Package, ProviderError};
use rer_solver::Solver;
use rer_tests::benchmark::Benchmark;
use rer_version::Version;

use crate::differential::ms;
use crate::stacks::{Outcome, Round, solve};

/// The injected delays, in milliseconds.
pub const DELAYS_MS: [u64; 3] = [0, 1, 5];

/// A provider whose package reads each take `delay` longer: its families
/// list the inner provider's versions and read each package through the
/// inner family after sleeping. Counts the reads.
pub struct Slow<P> {
    inner: P,
    delay: Duration,
    reads: Arc<AtomicU64>,
}

impl<P: FamilyProvider> Slow<P> {
    /// `inner` with `delay` added to every package read.
    pub fn new(inner: P, delay: Duration) -> Self {
        Slow {
            inner,
            delay,
            reads: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Package reads so far.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}

impl<P: FamilyProvider> FamilyProvider for Slow<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(inner) = self.inner.family(name)? else {
            return Ok(None);
        };
        let delay = self.delay;
        let reads = Arc::clone(&self.reads);
        let versions = inner.versions().to_vec();
        let family = name.to_string();
        let loader = move |version: &Version| -> Result<Package, ProviderError> {
            if !delay.is_zero() {
                std::thread::sleep(delay);
            }
            reads.fetch_add(1, Ordering::Relaxed);
            let index = inner
                .position(version)
                .ok_or_else(|| ProviderError::Other {
                    family: family.clone(),
                    message: format!("version {version} is not listed"),
                })?;
            inner.package(index).map(|p| Package::clone(p))
        };
        Family::lazy(name, versions, Arc::new(loader)).map(|f| Some(Arc::new(f)))
    }
}

/// The request that reads the most packages (by a memory-stack solve).
fn heaviest(bench: &Benchmark, memory: &MemoryProvider) -> Option<usize> {
    let round = Round::new(memory, false);
    (0..bench.requests.len()).max_by_key(|&i| {
        let solver = Solver::new(&round);
        solve(&solver, &bench.requests[i]).packages
    })
}

/// One cold solve of `request` over `packages_dir` with `delay` per
/// package read, through `threads` prefetch threads (0: none): the outcome
/// and the package reads.
fn cold_solve(
    packages_dir: &Path,
    request: &[String],
    delay: Duration,
    threads: usize,
) -> Result<(Outcome, u64), String> {
    let fs = FsProvider::new([packages_dir]).map_err(|e| e.to_string())?;
    let slow = Arc::new(Slow::new(fs, delay));
    let outcome = if threads == 0 {
        solve(&Solver::new(Cached::new(Arc::clone(&slow))), request)
    } else {
        let provider = Prefetching::with_threads(Cached::new(Arc::clone(&slow)), threads)
            .map_err(|e| e.to_string())?;
        let outcome = solve(&Solver::new(&provider), request);
        provider.pool().wait_idle();
        outcome
    };
    Ok((outcome, slow.reads()))
}

/// Prints the injected-latency rows.
pub fn run(bench: &Benchmark, memory: &MemoryProvider) -> Result<(), String> {
    let Some(index) = heaviest(bench, memory) else {
        return Ok(());
    };
    let request = &bench.requests[index];
    let threads = DEFAULT_THREADS;
    println!(
        "injected latency: the heaviest request (#{index}, {} requirements) solved cold over the package.py tree, each package file read delayed by a sleep (directory listings are not); serial vs rer-prefetch with {threads} threads",
        request.len()
    );
    for delay_ms in DELAYS_MS {
        let delay = Duration::from_millis(delay_ms);
        let (serial, reads) = cold_solve(&bench.packages_dir, request, delay, 0)?;
        let (ahead, ahead_reads) = cold_solve(&bench.packages_dir, request, delay, threads)?;
        let exact = |o: &Outcome| o.matches(&bench.expected[index]);
        let ideal = reads as f64 / threads as f64 * delay_ms as f64;
        let against = if delay_ms == 0 {
            String::new()
        } else {
            format!(
                "   (files / threads) x delay = {ideal:.0} ms; prefetch at {:.2}x that",
                ms(ahead.time) / ideal
            )
        };
        println!(
            "  {delay_ms} ms per file: serial {:>8.1} ms ({reads} files, {}), prefetch {:>8.1} ms ({ahead_reads} files, {}), {:.1}x faster{against}",
            ms(serial.time),
            if exact(&serial) {
                "exact"
            } else {
                "NOT rez's answer"
            },
            ms(ahead.time),
            if exact(&ahead) {
                "exact"
            } else {
                "NOT rez's answer"
            },
            ms(serial.time) / ms(ahead.time).max(f64::MIN_POSITIVE),
        );
    }
    Ok(())
}

/// `cargo xtask bench-latency`: only these rows.
pub fn run_alone() -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let memory = MemoryProvider::from_json_file(&bench.packages_json).map_err(|e| e.to_string())?;
    println!("memory provider loaded in {:.0} ms", ms(start.elapsed()));
    run(&bench, &memory)
}
