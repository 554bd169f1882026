//! `building` (rez env -b), on a small in-code repository: the answers rez
//! 3.4.0 gives for the same packages (checked by running rez).

use rer_provider_memory::MemoryProvider;
use rer_repo::{Package, ProviderError};
use rer_solver::{Resolve, SolveError, SolveOptions, Solver};
use rer_version::{Requirement, Version};

fn reqs(texts: &[&str]) -> Vec<Requirement> {
    texts
        .iter()
        .map(|r| Requirement::parse(r).expect("req"))
        .collect()
}

fn pkg(name: &str, requires: &[&str], build: &[&str], private: &[&str]) -> Package {
    let mut p = Package::new(name, Version::parse("1").expect("version"));
    p.requires = reqs(requires);
    p.build_requires = Ok(reqs(build));
    p.private_build_requires = Ok(reqs(private));
    p
}

fn repo() -> MemoryProvider {
    let mut bad = pkg("f", &[], &[], &[]);
    bad.build_requires = Err(ProviderError::Other {
        family: "f".into(),
        message: "build_requires is not a list of strings".into(),
    });
    MemoryProvider::from_packages([
        pkg("a", &["b"], &["c"], &["d"]),
        pkg("b", &[], &["e"], &[]),
        pkg("c", &[], &[], &[]),
        pkg("d", &[], &[], &[]),
        pkg("e", &[], &[], &[]),
        pkg("g", &["c-1"], &["c-2"], &[]),
        bad,
    ])
    .expect("repository builds")
}

fn names(resolve: Resolve) -> Vec<String> {
    match resolve {
        Resolve::Solved(s) => s.variants.iter().map(|v| v.qualified_name()).collect(),
        other => panic!("not solved: {other:?}"),
    }
}

#[test]
fn building_adds_every_read_package_s_build_requires_but_not_private_ones() {
    // rez 3.4.0: ['e-1[]', 'b-1[]', 'c-1[]', 'a-1[]'] with building, ['b-1[]', 'a-1[]'] without
    let plain = Solver::new(repo());
    assert!(!plain.is_building());
    assert_eq!(names(plain.solve_strs(&["a"]).unwrap()), ["b-1[]", "a-1[]"]);
    let build = plain.building(true);
    assert!(build.is_building());
    assert_eq!(
        names(build.solve_strs(&["a"]).unwrap()),
        ["e-1[]", "b-1[]", "c-1[]", "a-1[]"]
    );
    let mut options = SolveOptions::default();
    options.building = true;
    let from_options = Solver::with_options(repo(), options);
    assert_eq!(
        names(from_options.solve_strs(&["a"]).unwrap()),
        ["e-1[]", "b-1[]", "c-1[]", "a-1[]"]
    );
}

#[test]
fn a_bad_or_clashing_build_requirement_is_an_error_only_when_building() {
    let plain = Solver::new(repo());
    assert_eq!(names(plain.solve_strs(&["f"]).unwrap()), ["f-1[]"]);
    assert_eq!(names(plain.solve_strs(&["g"]).unwrap()), ["c-1[]", "g-1[]"]);
    let build = Solver::new(repo()).building(true);
    assert!(matches!(
        build.solve_strs(&["f"]),
        Err(SolveError::Provider(_))
    ));
    match build.solve_strs(&["g"]) {
        Err(e @ SolveError::ConflictingPackageRequires { .. }) => assert_eq!(
            e.to_string(),
            "The package g-1[] has an internal requirements conflict: c-1 <--!--> c-2"
        ),
        other => panic!("expected rez's internal-conflict error, got {other:?}"),
    }
}
