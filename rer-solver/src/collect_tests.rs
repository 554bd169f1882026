//! The store's collection of what failed phases held (see
//! `store::arena`): it frees memory as a long solve goes on, and it changes
//! no answer, even run after every step.

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_tests::benchmark::Benchmark;
use rer_version::{Requirement, Version};

use crate::store::Holding;
use crate::{Resolve, SolveError, Solver};

/// `pI-v` requires `hv==I`: two pigeons in one hole conflict, which the
/// solve learns only once both are chosen (as in `tests/limits.rs`).
fn pigeonhole(pigeons: usize, holes: usize) -> MemoryProvider {
    let mut packages = Vec::new();
    for i in 0..pigeons {
        for v in 1..=holes {
            let mut p = Package::new(format!("p{i}"), Version::parse(&v.to_string()).unwrap());
            p.requires = vec![Requirement::parse(&format!("h{v}=={i}")).unwrap()];
            packages.push(p);
        }
    }
    for v in 1..=holes {
        for i in 0..pigeons {
            packages.push(Package::new(
                format!("h{v}"),
                Version::parse(&i.to_string()).unwrap(),
            ));
        }
    }
    MemoryProvider::from_packages(packages).expect("the repository builds")
}

fn request(pigeons: usize) -> Vec<String> {
    (0..pigeons).map(|i| format!("p{i}")).collect()
}

/// The outcome as compared: everything but the wall time.
fn answer(outcome: Result<Resolve, SolveError>) -> String {
    let mut outcome = outcome;
    if let Ok(r) = &mut outcome {
        let stats = match r {
            Resolve::Solved(s) => &mut s.stats,
            Resolve::Failed(f) => &mut f.stats,
            Resolve::Aborted(a) => &mut a.stats,
        };
        stats.solve_time = std::time::Duration::ZERO;
    }
    format!("{outcome:?}")
}

fn holding(solver: &Solver<MemoryProvider>, request: &[String], least: usize) -> Holding {
    let request: Vec<&str> = request.iter().map(String::as_str).collect();
    solver.solve_holding(&request, least).1
}

#[test]
fn what_failed_phases_held_is_freed_as_the_solve_goes_on() {
    // 11 pigeons, 10 holes: 3000 failed phases before the limit, each
    // holding slices of its own that nothing reaches once it is put aside
    let solver = Solver::new(pigeonhole(11, 10)).max_fails(3000);
    // collections due from 256 items: what the solve made was mostly
    // freed, and its slots reused (without collection every item made
    // keeps its own slot to the end)
    let small = holding(&solver, &request(11), 256);
    assert!(small.collections > 0, "{small:?}");
    assert!(small.made >= 10 * small.slots, "{small:?}");
    assert!(small.live <= small.slots, "{small:?}");
    // with the store's own budget, too: the slots stay within twice it
    let least = crate::store::MIN_BUDGET;
    let plain = holding(&solver, &request(11), least);
    assert!(plain.made > 2 * least, "{plain:?}");
    assert!(plain.collections > 0, "{plain:?}");
    assert!(plain.slots <= 2 * least, "{plain:?}");
}

#[test]
fn collecting_after_every_step_changes_no_pigeonhole_answer() {
    let cases = [
        (3, 3, None),
        (4, 3, None),
        (5, 5, None),
        (6, 6, None),
        (5, 4, None),
        (11, 10, Some(150)),
    ];
    for (pigeons, holes, max_fails) in cases {
        let mut solver = Solver::new(pigeonhole(pigeons, holes));
        if let Some(n) = max_fails {
            solver = solver.max_fails(n);
        }
        let req = request(pigeons);
        let reqs: Vec<&str> = req.iter().map(String::as_str).collect();
        let (plain, _) = solver.solve_holding(&reqs, usize::MAX);
        let (eager, held) = solver.solve_holding(&reqs, 0);
        assert!(held.collections > 0, "{pigeons}x{holes}: {held:?}");
        assert_eq!(answer(eager), answer(plain), "{pigeons}x{holes}");
    }
}

#[test]
fn collecting_after_every_step_changes_no_benchmark_answer() {
    let bench = Benchmark::load().unwrap_or_else(|e| panic!("{e}"));
    let provider =
        MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json loads");
    let solver = Solver::new(&provider);
    let mut collected = 0;
    // every third request (a debug build solves each twice here)
    for request in bench.requests.iter().step_by(3) {
        let reqs: Vec<&str> = request.iter().map(String::as_str).collect();
        let (plain, _) = solver.solve_holding(&reqs, usize::MAX);
        let (eager, held) = solver.solve_holding(&reqs, 0);
        collected += held.collections;
        assert_eq!(answer(eager), answer(plain), "{request:?}");
    }
    assert!(collected > 0);
}
