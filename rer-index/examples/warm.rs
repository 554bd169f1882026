//! Times solves through a warm index against plain reads, in-process.
//!
//! usage: cargo run --release -p rer-index --example warm -- PACKAGES_DIR REQUESTS_JSON [INDEX_DIR]
//! Every request is solved once through the index (warming it), then each
//! is solved again through a fresh index provider (warm), and through a
//! fresh plain provider (cold); the totals are printed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_index::{IndexOptions, Indexed};
use rer_provider_fs::FsProvider;
use rer_repo::Cached;
use rer_solver::Solver;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, packages, requests, rest @ ..] = &args[..] else {
        return Err("usage: warm PACKAGES_DIR REQUESTS_JSON [INDEX_DIR]".into());
    };
    let requests: Vec<Vec<String>> = serde_json::from_str(&std::fs::read_to_string(requests)?)?;
    let dir = rest.first().map_or_else(
        || std::env::temp_dir().join("rer-index-example"),
        Into::into,
    );
    let fs = Arc::new(FsProvider::new([packages])?);
    let options = IndexOptions::new(&dir);
    let solve_all = |warm: bool| -> Result<Duration, Box<dyn std::error::Error>> {
        let mut total = Duration::ZERO;
        for request in &requests {
            let start = Instant::now();
            if warm {
                let index = Indexed::new(Arc::clone(&fs), &options)?;
                let _ = Solver::new(Cached::new(&index)).solve_strs(request);
                index.persist()?;
            } else {
                let plain = FsProvider::new([packages])?;
                let _ = Solver::new(Cached::new(plain)).solve_strs(request);
            }
            total += start.elapsed();
        }
        Ok(total)
    };
    let first = solve_all(true)?;
    let warm = solve_all(true)?;
    let cold = solve_all(false)?;
    println!(
        "{} requests: first through the index {:.0} ms, warm {:.0} ms, plain {:.0} ms",
        requests.len(),
        first.as_secs_f64() * 1000.0,
        warm.as_secs_f64() * 1000.0,
        cold.as_secs_f64() * 1000.0
    );
    Ok(())
}
