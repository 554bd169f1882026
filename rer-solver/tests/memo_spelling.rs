//! What a `Solver` remembers never changes an answer, its text included:
//! requirements equal in value but spelled differently (`0.1` and `0-1` are
//! equal versions) are each printed as the request at hand spells them.

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{Resolve, Solver};
use rer_version::{Requirement, Version};

fn pkg(name: &str, version: &str, requires: &[&str]) -> Package {
    let mut p = Package::new(name, Version::parse(version).expect("version"));
    p.requires = requires
        .iter()
        .map(|r| Requirement::parse(r).expect("req"))
        .collect();
    p
}

fn describe(solver: &Solver<&MemoryProvider>, request: &[&str]) -> String {
    match solver.solve_strs(request) {
        Ok(Resolve::Failed(f)) => f.description,
        other => format!("{other:?}"),
    }
}

#[test]
fn shared_and_fresh_solvers_spell_alike() {
    let repo = MemoryProvider::from_packages([
        pkg("core", "0.1", &[]),
        pkg("core", "2", &[]),
        pkg("app", "1", &["core-2"]),
    ])
    .expect("repository builds");
    let requests: [&[&str]; 4] = [
        &["core-0.1", "app"],
        &["core-0-1", "app"],
        &["app", "core-0.1"],
        &["app", "core-0-1"],
    ];
    for order in [[0, 1, 2, 3], [1, 0, 3, 2], [3, 2, 1, 0]] {
        let shared = Solver::new(&repo);
        for &i in &order {
            let fresh = describe(&Solver::new(&repo), requests[i]);
            assert_eq!(describe(&shared, requests[i]), fresh, "{:?}", requests[i]);
        }
    }
}
