//! One round of rez's 188 benchmark requests on the memory stack, for
//! instruction counts (`valgrind --tool=callgrind`): with `one` (the
//! default) one `Solver` serves every request; with `fresh` a new `Solver`
//! per request over a provider that keeps no derived store.

use std::sync::Arc;

use rer_provider_memory::MemoryProvider;
use rer_repo::{Family, FamilyProvider, ProviderError};
use rer_solver::Solver;
use rer_tests::benchmark::Benchmark;

/// The memory provider without its derived store.
struct Unshared<'a>(&'a MemoryProvider);

impl FamilyProvider for Unshared<'_> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        self.0.family(name)
    }
}

fn main() -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    let memory = MemoryProvider::from_json_file(&bench.packages_json).map_err(|e| e.to_string())?;
    let fresh = std::env::args().nth(1).as_deref() == Some("fresh");
    let one = Solver::new(Unshared(&memory));
    let mut solved = 0;
    for request in &bench.requests {
        let resolve = if fresh {
            Solver::new(Unshared(&memory)).solve_strs(request)
        } else {
            one.solve_strs(request)
        };
        solved += usize::from(resolve.is_ok_and(|r| r.is_solved()));
    }
    println!("{solved} of {} solved", bench.requests.len());
    Ok(())
}
