//! Package orderers in the solver: the orderer cases of rez 3.4.0's
//! `test_context.py` (`test_orderer_variants`,
//! `test_orderer_package_argument`), with rez's expected values, over rez's
//! solver test packages.

use rer_order::PackageOrderList;
use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{Resolve, SolveError, Solver};
use rer_version::{Requirement, Version};
use serde_json::json;

fn packages() -> MemoryProvider {
    MemoryProvider::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/solver_packages.json"
    ))
    .expect("the fixture loads")
}

fn resolve(orderers: serde_json::Value, request: &[&str]) -> Vec<String> {
    let list = PackageOrderList::from_pod(&orderers).expect("valid orderers");
    let solver = Solver::new(packages()).package_orderers(list);
    match solver.solve_strs(request) {
        Ok(Resolve::Solved(s)) => s
            .variants
            .iter()
            .map(|v| format!("{}-{}", v.name, v.version))
            .collect(),
        other => panic!("{request:?} did not solve: {other:?}"),
    }
}

#[test]
fn test_context_orderer_cases() {
    let cases = [
        // test_orderer_variants: no orderer, then python's version split
        (
            json!(null),
            vec!["pyvariants", "!nada"],
            vec!["python-2.7.0", "pyvariants-2"],
        ),
        (
            json!([{"type": "per_family", "orderers": [
                {"packages": ["python"], "type": "version_split", "first_version": "2.6.8"}]}]),
            vec!["pyvariants", "!nada"],
            vec!["python-2.6.8", "pyvariants-2"],
        ),
        // test_orderer_package_argument: for all, for python, for pyfoo only
        (
            json!([{"type": "version_split", "first_version": "2.6.8"}]),
            vec!["python"],
            vec!["python-2.6.8"],
        ),
        (
            json!([{"type": "version_split", "first_version": "2.6.8", "packages": "python"}]),
            vec!["python"],
            vec!["python-2.6.8"],
        ),
        (
            json!([{"type": "version_split", "first_version": "2.6.8", "packages": "pyfoo"}]),
            vec!["python"],
            vec!["python-2.7.0"],
        ),
    ];
    for (orderers, request, expected) in cases {
        assert_eq!(resolve(orderers.clone(), &request), expected, "{orderers}");
    }
}

/// `lib-1.0` (released at 100), `lib-2.0` (at 300), and `app-1` with
/// variants `[lib-1+]`, `[lib-2+<3]`; rez 3.4.0's answers were taken by
/// running it on this repository.
fn released() -> MemoryProvider {
    let mut packages = Vec::new();
    for (v, t) in [("1.0", 100), ("2.0", 300)] {
        let mut p = Package::new("lib", Version::parse(v).unwrap());
        p.timestamp = Some(t);
        packages.push(p);
    }
    let mut app = Package::new("app", Version::parse("1").unwrap());
    app.variants = vec![
        vec![Requirement::parse("lib-1+").unwrap()],
        vec![Requirement::parse("lib-2+<3").unwrap()],
    ];
    packages.push(app);
    MemoryProvider::from_packages(packages).expect("builds")
}

#[test]
fn soft_timestamp_ranks_variants_and_raises_as_rez_does() {
    let solver = |pod| {
        Solver::new(released()).package_orderers(PackageOrderList::from_pod(&pod).expect("valid"))
    };
    // without a rank: rez resolves lib-2.0[], app-1[1]
    let Ok(Resolve::Solved(s)) =
        solver(json!([{"type": "soft_timestamp", "timestamp": 200}])).solve_strs(&["app"])
    else {
        panic!("solves");
    };
    let got: Vec<String> = s.variants.iter().map(|v| v.qualified_name()).collect();
    assert_eq!(got, ["lib-2.0[]", "app-1[1]"]);
    // with rank 2, keying `lib-1+`'s open end raises in rez:
    // RuntimeError: Version.inf cannot be trimmed
    match solver(json!([{"type": "soft_timestamp", "timestamp": 200, "rank": 2}]))
        .solve_strs(&["app"])
    {
        Err(e @ SolveError::PackageOrder(_)) => {
            assert_eq!(e.kind(), "package_order");
            assert!(
                e.to_string().contains("Version.inf cannot be trimmed"),
                "{e}"
            );
        }
        other => panic!("expected an orderer error, got {other:?}"),
    }
}
