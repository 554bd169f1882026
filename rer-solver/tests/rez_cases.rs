//! rez's own solver tests (every case of rez 3.4.0's `test_solver.py`, each
//! permutation of each request), plus more cases for errors, weak, conflict
//! and ephemeral requirements, variant ranking and cycles, each answered by
//! rez 3.4.0 itself and recorded in `tests/data/rez_cases.json` by
//! `tests/data/record_rez_cases.py`.
//!
//! Every case must give rez's outcome exactly: the resolved variants and
//! ephemerals in rez's order, or rez's failure description (a cycle may be
//! reported from another member, as rez's own starting point depends on
//! Python's hash seed), or the error rez raises with rez's message, and the
//! same number of solver steps.

use std::path::PathBuf;

use rer_provider_memory::MemoryProvider;
use rer_solver::{Resolve, SolveError, Solver, VariantSelectMode};
use rer_version::Requirement;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    repo: String,
    request: Vec<String>,
    variant_select_mode: String,
    error_on_missing_variant_requires: bool,
    rez: Outcome,
}

#[derive(Deserialize, Debug)]
#[serde(tag = "status", rename_all = "lowercase")]
enum Outcome {
    Solved {
        resolved: Vec<String>,
        ephemerals: Vec<String>,
        iterations: usize,
    },
    Failed {
        description: String,
        cycle: bool,
        iterations: usize,
    },
    Error {
        exception: String,
        message: String,
    },
}

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

/// The members of a reported cycle, rotated to start at the smallest one.
fn canonical_cycle(description: &str) -> Option<Vec<String>> {
    let rest = description.strip_prefix("A cyclic dependency was detected: ")?;
    let mut members: Vec<String> = rest.split(" --> ").map(str::to_owned).collect();
    members.pop(); // the first member, repeated
    let start = (0..members.len()).min_by_key(|&i| &members[i])?;
    members.rotate_left(start);
    Some(members)
}

/// rez's exception class for an error kind.
fn exception_of(e: &SolveError) -> &'static str {
    match e {
        SolveError::UnknownFamily { .. } => "PackageFamilyNotFoundError",
        SolveError::NoMatchingVersion { .. } => "PackageNotFoundError",
        SolveError::ConflictingPackageRequires { .. } => "ResolveError",
        _ => "other",
    }
}

/// rez's message without the repository paths it names.
fn without_paths(message: &str) -> &str {
    match message.find(" (searched: ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn check(case: &Case, provider: &MemoryProvider) -> Result<(), String> {
    let mode: VariantSelectMode = case
        .variant_select_mode
        .parse()
        .map_err(|e| format!("{e}"))?;
    let solver = Solver::new(provider)
        .variant_select_mode(mode)
        .error_on_missing_variant_requires(case.error_on_missing_variant_requires);
    let request: Vec<Requirement> = case
        .request
        .iter()
        .map(|s| Requirement::parse(s).map_err(|e| format!("bad request {s:?}: {e}")))
        .collect::<Result<_, _>>()?;
    let got = solver.solve(&request);
    match (&case.rez, &got) {
        (
            Outcome::Solved {
                resolved,
                ephemerals,
                iterations,
            },
            Ok(Resolve::Solved(s)),
        ) => {
            let ours: Vec<String> = s.variants.iter().map(|v| v.qualified_name()).collect();
            let eph: Vec<String> = s.ephemerals.iter().map(|e| e.to_string()).collect();
            if &ours != resolved || &eph != ephemerals || s.stats.iterations != *iterations {
                return Err(format!(
                    "rez solved {resolved:?} {ephemerals:?} in {iterations} steps; rer solved {ours:?} {eph:?} in {} steps",
                    s.stats.iterations
                ));
            }
            Ok(())
        }
        (
            Outcome::Failed {
                description,
                cycle,
                iterations,
            },
            Ok(Resolve::Failed(f)),
        ) => {
            let same = if *cycle {
                canonical_cycle(description).is_some()
                    && canonical_cycle(description) == canonical_cycle(&f.description)
            } else {
                *description == f.description
            };
            if !same || f.stats.iterations != *iterations {
                return Err(format!(
                    "rez failed in {iterations} steps: {description}\n      rer failed in {} steps: {}",
                    f.stats.iterations, f.description
                ));
            }
            Ok(())
        }
        (Outcome::Error { exception, message }, Err(e)) => {
            if exception_of(e) != exception || without_paths(message) != e.to_string() {
                return Err(format!(
                    "rez raised {exception}: {message}\n      rer raised {}: {e}",
                    e.kind()
                ));
            }
            Ok(())
        }
        (rez, rer) => Err(format!("rez: {rez:?}\n      rer: {rer:?}")),
    }
}

#[test]
fn rez_cases_match_rez() {
    let text = std::fs::read_to_string(data("rez_cases.json")).expect("rez_cases.json reads");
    let cases: Cases = serde_json::from_str(&text).expect("rez_cases.json parses");
    let solver_repo =
        MemoryProvider::from_json_file(data("solver_packages.json")).expect("solver repo loads");
    let extra_repo =
        MemoryProvider::from_json_file(data("extra_packages.json")).expect("extra repo loads");
    let mut failures = Vec::new();
    for case in &cases.cases {
        let provider = if case.repo == "extra" {
            &extra_repo
        } else {
            &solver_repo
        };
        if let Err(why) = check(case, provider) {
            failures.push(format!(
                "{:?} ({}, error_on_missing_variant_requires={}):\n      {why}",
                case.request, case.variant_select_mode, case.error_on_missing_variant_requires
            ));
        }
    }
    println!(
        "{}/{} cases as rez",
        cases.cases.len() - failures.len(),
        cases.cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} cases differ from rez:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
