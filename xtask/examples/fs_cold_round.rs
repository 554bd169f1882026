//! One round of rez's 188 benchmark requests on the fs cold stack (a fresh
//! `Cached<FsProvider>` over the package.py tree per request, as
//! `cargo xtask bench` times it), for instruction counts
//! (`valgrind --tool=callgrind`) of the package.py reader in a solve.
//! `fs_cold_round N` solves every N-th request only (request 0, N, 2N, ...).

use rer_provider_fs::FsProvider;
use rer_repo::Cached;
use rer_solver::Solver;
use rer_tests::benchmark::Benchmark;

fn main() -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    let step = std::env::args()
        .nth(1)
        .map_or(Ok(1), |s| s.parse::<usize>())
        .map_err(|e| e.to_string())?
        .max(1);
    let (mut solved, mut files, mut solves) = (0, 0, 0);
    for request in bench.requests.iter().step_by(step) {
        solves += 1;
        let cached =
            Cached::new(FsProvider::new([&bench.packages_dir]).map_err(|e| e.to_string())?);
        let resolve = Solver::new(&cached).solve_strs(request);
        solved += usize::from(resolve.is_ok_and(|r| r.is_solved()));
        files += cached.inner().files_read();
    }
    println!("{solved} of {solves} solved, {files} package files read");
    Ok(())
}
