//! The public API's promises, on small in-code repositories.

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{Resolve, SolveError, Solver, VariantSelectMode};
use rer_version::{Requirement, Version};

fn pkg(name: &str, version: &str, requires: &[&str], variants: &[&[&str]]) -> Package {
    let mut p = Package::new(name, Version::parse(version).expect("version"));
    p.requires = requires
        .iter()
        .map(|r| Requirement::parse(r).expect("req"))
        .collect();
    p.variants = variants
        .iter()
        .map(|v| {
            v.iter()
                .map(|r| Requirement::parse(r).expect("req"))
                .collect()
        })
        .collect();
    p
}

fn repo() -> MemoryProvider {
    MemoryProvider::from_packages([
        pkg("python", "2.7.0", &[], &[]),
        pkg("python", "3.9.1", &[], &[]),
        pkg("app", "1.0", &["lib-1"], &[&["python-2"], &["python-3"]]),
        pkg("lib", "1.2", &["python"], &[]),
        pkg("broken", "1", &["python-2", "python-3"], &[]),
        pkg("needs_ghost", "1", &["ghost"], &[]),
    ])
    .expect("repository builds")
}

#[test]
fn solves_and_reports_variants_in_dependency_order() {
    let solver = Solver::new(repo());
    let Ok(Resolve::Solved(s)) = solver.solve_strs(&["app"]) else {
        panic!("app should solve");
    };
    let names: Vec<String> = s.variants.iter().map(|v| v.qualified_name()).collect();
    assert_eq!(names, ["python-3.9.1[]", "lib-1.2[]", "app-1.0[1]"]);
    let app = &s.variants[2];
    assert_eq!(app.index, Some(1));
    assert_eq!(
        app.requires.len(),
        2,
        "package requires then the variant's own"
    );
    assert!(s.stats.iterations >= 1);
    assert!(s.stats.families_loaded >= 3 && s.stats.packages_loaded >= 4);
}

#[test]
fn failures_carry_rez_descriptions() {
    let solver = Solver::new(repo());
    let Ok(Resolve::Failed(f)) = solver.solve_strs(&["app", "!python"]) else {
        panic!("should fail");
    };
    assert!(
        f.description
            .starts_with("A package was completely reduced")
            || f.description.contains("<--!-->")
    );
    assert!(!f.conflicts.is_empty());
    let Ok(Resolve::Failed(f)) = solver.solve_strs(&["python-2", "python-3"]) else {
        panic!("should fail");
    };
    assert_eq!(
        f.description,
        "The following package conflicts occurred: (python-2 <--!--> python-3)"
    );
}

#[test]
fn rez_exceptions_are_typed_errors() {
    let solver = Solver::new(repo());
    let err = |req: &[&str]| solver.solve_strs(req).err().map(|e| e.kind());
    assert_eq!(err(&["ghost"]), Some("unknown_family"));
    assert_eq!(err(&["needs_ghost"]), Some("unknown_family"));
    assert_eq!(err(&["python-5"]), Some("no_matching_version"));
    assert_eq!(err(&["broken"]), Some("conflicting_package_requires"));
    assert_eq!(err(&["bad name!"]), Some("invalid_request"));
    match solver.solve_strs(&["needs_ghost"]) {
        Err(SolveError::UnknownFamily {
            family,
            required_by,
        }) => {
            assert_eq!(family, "ghost");
            assert_eq!(required_by.as_deref(), Some("needs_ghost"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn missing_variant_requires_can_fail_instead() {
    let solver = Solver::new(repo()).error_on_missing_variant_requires(false);
    assert!(matches!(
        solver.solve_strs(&["needs_ghost"]),
        Ok(Resolve::Failed(_))
    ));
}

#[test]
fn modes_parse_and_apply() {
    let mode: VariantSelectMode = "intersection_priority".parse().expect("mode");
    let solver = Solver::new(repo()).variant_select_mode(mode);
    assert_eq!(solver.mode(), VariantSelectMode::IntersectionPriority);
    assert!(
        solver
            .solve_strs(&["app", "python-2"])
            .is_ok_and(|r| r.is_solved())
    );
}

#[test]
fn one_solver_serves_many_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let solver = Solver::new(repo());
    send_sync(&solver);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..20 {
                    assert!(solver.solve_strs(&["app"]).is_ok_and(|r| r.is_solved()));
                }
            });
        }
    });
}

#[test]
fn solvers_over_one_provider_share_what_they_learn() {
    use rer_repo::FamilyProvider;
    let provider = repo();
    let store = provider
        .derived()
        .expect("the memory provider keeps a store");
    assert!(store.is_empty());
    let first = Solver::new(&provider)
        .solve_strs(&["app"])
        .map(|r| r.is_solved());
    // one memory, kept by the provider
    assert_eq!(store.len(), 1);
    let again = Solver::new(&provider)
        .solve_strs(&["app"])
        .map(|r| r.is_solved());
    assert_eq!(again.ok(), first.ok());
    assert_eq!(store.len(), 1);
    // build solves learn other requirements: a memory of their own
    let _ = Solver::new(&provider).building(true).solve_strs(&["app"]);
    assert_eq!(store.len(), 2);
    // a solver with orderers keeps its memory to itself
    let orderers = rer_solver::PackageOrderList::from_pod(&serde_json::json!([
        {"type": "sorted", "descending": false, "packages": ["python"]}
    ]))
    .expect("orderers");
    let ordered = Solver::new(&provider).package_orderers(orderers);
    assert!(ordered.solve_strs(&["app"]).is_ok_and(|r| r.is_solved()));
    assert_eq!(store.len(), 2);
}
