//! Where several packages of a family fail in a resolve, rer names the one
//! rez 3.4.0 names (`tests/data/record_rez_load_stage.py` recorded rez's
//! answers, under six hash seeds, in `rez_load_stage.json`): rez loads
//! every package of the range in its listing order (a missing definition
//! file, invalid `variants`) before it validates any package's `requires`,
//! so a failure to load is named before an invalid requirement whatever
//! their places in the listing.

use std::path::Path;

use rer_provider_fs::FsProvider;
use rer_repo::{Cached, ProviderError};
use rer_solver::{SolveError, Solver};
use serde_json::Value;

#[test]
fn a_failure_to_load_is_named_before_an_invalid_requirement() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/rez_load_stage.json");
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in recorded["files"].as_object().unwrap() {
        let file = dir.path().join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text.as_str().unwrap()).unwrap();
    }
    let requests = recorded["requests"].as_array().unwrap();
    let mut compared = 0;
    for (seed, run) in recorded["seeds"].as_object().unwrap() {
        let solver = Solver::new(Cached::new(FsProvider::new([dir.path()]).unwrap()))
            .python_hash_seed(seed.parse().unwrap());
        for (request, rez) in requests.iter().zip(run["answers"].as_array().unwrap()) {
            let request: Vec<&str> = request
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            let ours = solver.solve_strs(&request);
            let why = format!("seed {seed}, {request:?}: rez {rez}, rer {ours:?}");
            let Err(SolveError::Provider(error)) = &ours else {
                panic!("{why}");
            };
            assert!(same(rez, error, dir.path()), "{why}");
            compared += 1;
        }
    }
    assert_eq!(compared, 36);
}

/// Whether rer's `error` names the package rez's recorded `rez` error does.
fn same(rez: &Value, error: &ProviderError, root: &Path) -> bool {
    match rez["class"].as_str() {
        Some("PackageDefinitionFileMissing") => {
            let dir = root.join("fam").join(rez["version"].as_str().unwrap());
            error.kind() == "unreadable_file"
                && error.to_string().contains(&format!("{}/", dir.display()))
        }
        Some("PackageMetadataError") => match error {
            ProviderError::InvalidPackage { field, value, .. } => {
                rez["key"] == *field
                    && rez["message"]
                        .as_str()
                        .unwrap()
                        .contains(&format!("['{value}']"))
            }
            _ => false,
        },
        _ => false,
    }
}
