//! How soon a solve stops after a [`CancelToken`] is fired from another
//! thread: the issue's pigeonhole repository (11 families of 10 versions,
//! every pair of pigeons conflicting late; it would run for minutes), the
//! token fired after 24 different delays, from 50 ms to about 3 s. For each
//! it prints two latencies from `cancel()`: to the last step the solve ran
//! (a per-step callback stamps each step; the token is checked before every
//! step, so this is how late the check saw it), and to the solve's return
//! (which adds dropping the solve's per-solve state), with their minima,
//! medians and maxima.
//!
//! ```sh
//! cargo run --release -p rer-solver --example cancel_latency
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{CallbackAnswer, CancelToken, Resolve, Solver};
use rer_version::{Requirement, Version};

/// `pI-v` requires `hv==I`: two pigeons in one hole conflict, which the
/// solve learns only once both are chosen.
fn pigeonhole(pigeons: usize, holes: usize) -> Result<MemoryProvider, Box<dyn std::error::Error>> {
    let mut packages = Vec::new();
    for i in 0..pigeons {
        for v in 1..=holes {
            let mut p = Package::new(format!("p{i}"), Version::parse(&v.to_string())?);
            p.requires = vec![Requirement::parse(&format!("h{v}=={i}"))?];
            packages.push(p);
        }
    }
    for v in 1..=holes {
        for i in 0..pigeons {
            packages.push(Package::new(
                format!("h{v}"),
                Version::parse(&i.to_string())?,
            ));
        }
    }
    Ok(MemoryProvider::from_packages(packages)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let provider = Arc::new(pigeonhole(11, 10)?);
    let request: Vec<String> = (0..11).map(|i| format!("p{i}")).collect();
    let (mut noticed, mut returned) = (Vec::new(), Vec::new());
    let base = Instant::now();
    let nanos = move |at: Instant| at.duration_since(base).as_nanos() as u64;
    for run in 0..24u32 {
        // 50 ms, growing by a fifth each run: 2.8 s for the last
        let delay = Duration::from_secs_f64(0.05 * 1.2f64.powi(run as i32));
        let token = CancelToken::new();
        let last_step = Arc::new(AtomicU64::new(0));
        let stamp = Arc::clone(&last_step);
        let solver = Solver::new(Arc::clone(&provider))
            .cancel_token(token.clone())
            .callback(move |_| {
                stamp.store(nanos(Instant::now()), Ordering::Relaxed);
                CallbackAnswer::KeepGoing
            });
        let fired_at = Arc::new(Mutex::new(None::<Instant>));
        let stopper = {
            let fired_at = Arc::clone(&fired_at);
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                *fired_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
                token.cancel();
            })
        };
        let outcome = solver.solve_strs(&request)?;
        let ended = Instant::now();
        stopper.join().map_err(|_| "the stopper thread panicked")?;
        let Resolve::Aborted(aborted) = outcome else {
            return Err(format!("run {run}: the solve ended before the token fired").into());
        };
        let fired = fired_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .ok_or("the token was not fired")?;
        let step = Duration::from_nanos(
            last_step
                .load(Ordering::Relaxed)
                .saturating_sub(nanos(fired)),
        );
        let back = ended.duration_since(fired);
        println!(
            "fired after {:>4} ms: last step {:>8.3} ms later, returned {:>8.3} ms later ({}, {} steps)",
            delay.as_millis(),
            step.as_secs_f64() * 1e3,
            back.as_secs_f64() * 1e3,
            aborted.reason,
            aborted.stats.iterations
        );
        noticed.push(step);
        returned.push(back);
    }
    for (what, list) in [
        ("to the last step", &mut noticed),
        ("to the return", &mut returned),
    ] {
        list.sort();
        println!(
            "cancel latency {what} over {} runs: min {:.3} ms, median {:.3} ms, max {:.3} ms",
            list.len(),
            list[0].as_secs_f64() * 1e3,
            list[list.len() / 2].as_secs_f64() * 1e3,
            list[list.len() - 1].as_secs_f64() * 1e3
        );
    }
    Ok(())
}
