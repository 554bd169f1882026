//! What a `Solver` remembers never changes an answer, its text included:
//! ranges equal in value but spelled differently (`1.1` and `1-1` are equal
//! versions) each print as their own requirement spells them, whatever an
//! earlier solve of the same `Solver` met first.

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

/// The minimal case of a property-test failure: `app-1.1` interned the
/// range `1.1`, and a later solve printed `py-3.2`'s own `py-1-1` as
/// `py-1.1`.
#[test]
fn an_earlier_request_does_not_respell_a_package_requirement() {
    let repo = MemoryProvider::from_packages([
        pkg("app", "1.1", &[]),
        pkg("py", "1-1", &[]),
        pkg("py", "3.2", &["py-1-1"]),
    ])
    .expect("repository builds");
    let fresh = describe(&Solver::new(&repo), &["py>2"]);
    assert!(fresh.contains("(py-1-1 <--!--> py==3.2)"), "{fresh}");
    let shared = Solver::new(&repo);
    let _ = shared.solve_strs(&["app-1.1"]);
    assert_eq!(describe(&shared, &["py>2"]), fresh);
}

#[test]
fn shared_and_fresh_solvers_spell_alike_in_any_order() {
    let repo = MemoryProvider::from_packages([
        pkg("core", "0.1", &[]),
        pkg("core", "2", &[]),
        pkg("app", "1", &["core-2"]),
        pkg("tool", "0-1", &["core-0-1"]),
        pkg("tool", "3", &["core-0.1"]),
    ])
    .expect("repository builds");
    let requests: [&[&str]; 6] = [
        &["core-0.1", "app"],
        &["core-0-1", "app"],
        &["app", "core-0.1"],
        &["tool-0.1", "app"],
        &["tool-3", "app"],
        &["tool", "core-2", "app-1"],
    ];
    let fresh: Vec<String> = requests
        .iter()
        .map(|r| describe(&Solver::new(&repo), r))
        .collect();
    for order in [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [1, 3, 5, 0, 2, 4]] {
        let shared = Solver::new(&repo);
        for &i in &order {
            assert_eq!(
                describe(&shared, requests[i]),
                fresh[i],
                "{:?}",
                requests[i]
            );
        }
    }
}
