//! rer against rez 3.4.0 on 600 generated repositories.
//!
//! `tests/data/rez_random.json` holds repositories made by the seeded
//! generator (`examples/gen_random_repos.rs`) and rez's answer to each,
//! recorded by running rez itself (`tests/data/record_rez_random.py`). Each
//! repository is written as package.py files and solved through the lazy
//! filesystem stack, as rez reads it; the answer must be rez's: the same
//! status, the same variants in the same order with the same indexes, the
//! same resolved ephemerals, and for a failure rez's description (where rez's
//! own wording varies with Python's hash seed, order-free: see `normalize`).

use std::collections::BTreeMap;

use rer_provider_fs::FsProvider;
use rer_repo::Cached;
use rer_solver::{Resolve, Solver, VariantSelectMode};
use rer_tests::repo_gen::{GenPackage, GenRepo, write_repo};
use rer_tests::rez_text::normalize;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Package {
    version: String,
    requires: Vec<String>,
    variants: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct Case {
    families: BTreeMap<String, Vec<Package>>,
    request: Vec<String>,
    version_priority: Answer,
    intersection_priority: Answer,
}

/// rez's answer in one variant select mode.
#[derive(Deserialize)]
struct Answer {
    status: String,
    #[serde(default)]
    resolved: Vec<(String, String, Option<usize>)>,
    #[serde(default)]
    ephemerals: Vec<String>,
    #[serde(default)]
    failure: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// What rer answered, in the corpus's terms: status, resolved variants,
/// resolved ephemerals, and the failure description or error text.
type RerAnswer = (
    String,
    Vec<(String, String, Option<usize>)>,
    Vec<String>,
    Option<String>,
);

/// Solves `case` through a cached fs provider over `root`.
fn rer_answer(case: &Case, mode: VariantSelectMode, root: &std::path::Path) -> RerAnswer {
    let provider = match FsProvider::new([root]) {
        Ok(p) => p,
        Err(e) => return ("error".into(), vec![], vec![], Some(e.to_string())),
    };
    match Solver::new(Cached::new(provider))
        .variant_select_mode(mode)
        .solve_strs(&case.request)
    {
        Ok(Resolve::Solved(s)) => (
            "solved".into(),
            s.variants
                .iter()
                .map(|v| (v.name.to_string(), v.version.to_string(), v.index))
                .collect(),
            s.ephemerals.iter().map(ToString::to_string).collect(),
            None,
        ),
        Ok(Resolve::Failed(f)) => ("failed".into(), vec![], vec![], Some(f.description)),
        Ok(Resolve::Aborted(a)) => ("aborted".into(), vec![], vec![], Some(a.reason)),
        Err(e) => (
            "error".into(),
            vec![],
            vec![],
            Some(format!("{}: {e}", e.kind())),
        ),
    }
}

/// How rer's error compares with the exception rez raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ErrorMatch {
    /// The same kind: rez's exception type maps to rer's error kind.
    Same,
    /// rez crashed with an internal `TypeError` (a rez bug on this input);
    /// rer reported an error of its own.
    RezCrashed,
    /// The repository has several defects and rer reported a bad package
    /// definition where rez first met another one: rez validates a
    /// package's `requires` only when the solver reads them, rer when it
    /// loads the package.
    OtherDefectFirst,
    /// Anything else: a real difference.
    Different,
}

/// Classifies rer's error against rez's exception (see [`ErrorMatch`]).
fn error_match(rez: &str, rer: &str) -> ErrorMatch {
    let rez_type = rez.split(':').next().unwrap_or("");
    let rer_kind = rer.split(':').next().unwrap_or("");
    let expected: &[&str] = match rez_type {
        "PackageFamilyNotFoundError" => &["unknown_family"],
        "PackageNotFoundError" => &["no_matching_version"],
        "ResolveError" => &["conflicting_package_requires"],
        "PackageMetadataError" => &["provider"],
        "VersionError" => &["invalid_request", "provider"],
        "TypeError" => return ErrorMatch::RezCrashed,
        _ => &[],
    };
    if expected.contains(&rer_kind) {
        ErrorMatch::Same
    } else if rer_kind == "provider" {
        ErrorMatch::OtherDefectFirst
    } else {
        ErrorMatch::Different
    }
}

#[test]
fn rer_gives_rez_answer_on_generated_repositories() {
    let corpus: Corpus =
        serde_json::from_str(include_str!("../data/rez_random.json")).expect("corpus parses");
    let mut differences = Vec::new();
    let mut counts = BTreeMap::<String, usize>::new();
    let mut errors = BTreeMap::<ErrorMatch, usize>::new();
    for (i, case) in corpus.cases.iter().enumerate() {
        let repo = GenRepo {
            families: case
                .families
                .iter()
                .map(|(name, ps)| {
                    let ps = ps
                        .iter()
                        .map(|p| GenPackage {
                            version: p.version.clone(),
                            requires: p.requires.clone(),
                            variants: p.variants.clone(),
                        })
                        .collect();
                    (name.clone(), ps)
                })
                .collect(),
            request: case.request.clone(),
        };
        let dir = tempfile::tempdir().expect("temp dir");
        write_repo(&repo, dir.path()).expect("write repo");
        for (mode, rez) in [
            (VariantSelectMode::VersionPriority, &case.version_priority),
            (
                VariantSelectMode::IntersectionPriority,
                &case.intersection_priority,
            ),
        ] {
            let (status, resolved, ephemerals, detail) = rer_answer(case, mode, dir.path());
            *counts.entry(format!("{mode} {}", rez.status)).or_default() += 1;
            let same = status == rez.status
                && match status.as_str() {
                    "solved" => resolved == rez.resolved && ephemerals == rez.ephemerals,
                    "failed" => {
                        detail.as_deref().map(normalize) == rez.failure.as_deref().map(normalize)
                    }
                    _ => {
                        let m = error_match(
                            rez.error.as_deref().unwrap_or(""),
                            detail.as_deref().unwrap_or(""),
                        );
                        *errors.entry(m).or_default() += 1;
                        m != ErrorMatch::Different
                    }
                };
            if !same {
                differences.push(format!(
                    "case {i} ({mode}): request {:?}\n  rez: {} {:?} {:?} {:?} {:?}\n  rer: {status} {resolved:?} {ephemerals:?} {detail:?}",
                    case.request, rez.status, rez.resolved, rez.ephemerals, rez.failure, rez.error
                ));
            }
        }
    }
    println!(
        "{} cases ({counts:?}), {} differ from rez; errors: {errors:?}",
        corpus.cases.len(),
        differences.len()
    );
    assert!(
        differences.is_empty(),
        "{} of {} differ from rez:\n{}",
        differences.len(),
        corpus.cases.len(),
        differences
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
