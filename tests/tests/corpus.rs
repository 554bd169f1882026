//! The corpus (`tests/corpus/README.md`): for every package of every
//! recorded repository, what rer reads against what rez 3.4.0 loaded, and
//! every recorded resolve through rer against rez's, in both variant select
//! modes. Where both raise, rer's error is compared with rez's recorded one
//! (`corpus/errors.rs`); where both fail, the failure description exactly.
//!
//! The recordings are `tests/corpus/recorded/*.json`, each repository named
//! by its path (`a,b` for the repositories a and b searched in that order).
//! A repository is found under `tests/corpus/` (the generated ones,
//! committed) or under
//! `RER_CORPUS_DIR` / `.rer-data/corpus/` (rez's test data and the public
//! repositories, which `tests/corpus/build.py` rebuilds); one not found is
//! reported as skipped, counted (a failure when `RER_REQUIRE_CORPUS` is
//! set). Packages the static reader refuses are read through
//! rez's own loader when a Python with rez is found (`RER_REZ_PYTHON`, the
//! `rez` on `PATH`); without one they must be refused with
//! `NeedsEvaluation`, never read differently, and the resolves that reach
//! them are not compared.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rer_provider_fs::FsProvider;
use rer_repo::{Cached, FamilyProvider, Package, ProviderError};
use rer_rez_eval::{PythonSource, RezEvaluator, RezOptions};
use rer_solver::{Resolve, SolveError, Solver, VariantSelectMode};
use rer_tests::benchmark::workspace_root;
use serde::Deserialize;

#[path = "corpus/errors.rs"]
mod errors;

#[derive(Deserialize)]
struct Recording {
    /// The directory of the recorder's script (`sys.argv[0]`'s), which a
    /// package running a program next to it names in its error.
    #[serde(default)]
    program_dir: Option<String>,
    repositories: BTreeMap<String, Repository>,
}

#[derive(Deserialize)]
struct Repository {
    #[serde(default)]
    packages: Vec<RecordedPackage>,
    #[serde(default)]
    resolves: Vec<RecordedResolve>,
}

#[derive(Deserialize)]
struct RecordedPackage {
    family: String,
    version: Option<String>,
    ok: Option<Fields>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Fields {
    requires: Vec<String>,
    variants: Vec<Vec<String>>,
    build_requires: Vec<String>,
    private_build_requires: Vec<String>,
    timestamp: Option<i64>,
}

#[derive(Deserialize)]
struct RecordedResolve {
    request: Vec<String>,
    mode: String,
    status: String,
    #[serde(default)]
    resolved: Vec<(String, String, Option<usize>)>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    failure: Option<String>,
}

/// What happened to one package or resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// rer read / resolved what rez did.
    Same,
    /// Both raised an error, and rer's says what rez's recorded one does
    /// (`corpus/errors.rs`: the class, and the message, file, line, key or
    /// value rez's names).
    SameError,
    /// Both raised an error, and rer's says something else than rez's:
    /// a difference, unless listed (with why) in
    /// `tests/corpus/known_error_differences.txt`.
    ErrorDiffers,
    /// rer refused it, needing rez, and no rez was available.
    NeedsRez,
    /// rez raised loading the package (or erred on a resolve through such a
    /// package) where rer's static reader read it: top-level code rez runs
    /// and rer passes over failed (an import of a module only the package's
    /// home has, `__file__` in a root-level script). Listed one by one in
    /// `tests/corpus/known_differences.txt`.
    RezRaisesRerReads,
    /// rer read / resolved something else.
    Different,
}

#[derive(Default)]
struct Tally {
    /// Whether rez's loader was available: then a package still refused
    /// for evaluation is a difference, not a count.
    has_rez: bool,
    counts: BTreeMap<(&'static str, Outcome), usize>,
    fields: BTreeMap<&'static str, FieldCount>,
    differences: Vec<String>,
    rez_raises: Vec<String>,
    /// The keys of the [`Outcome::ErrorDiffers`] cases, with their detail.
    error_differs: BTreeMap<String, String>,
}

impl Tally {
    fn add(&mut self, what: &'static str, outcome: Outcome, key: String, detail: String) {
        *self.counts.entry((what, outcome)).or_default() += 1;
        match outcome {
            Outcome::Different => self.differences.push(detail),
            Outcome::RezRaisesRerReads => self.rez_raises.push(key),
            Outcome::ErrorDiffers => {
                self.error_differs.insert(key, detail);
            }
            Outcome::NeedsRez if self.has_rez => self.differences.push(detail),
            _ => {}
        }
    }
}

fn corpus_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![workspace_root().join("tests/corpus")];
    if let Some(dir) = std::env::var_os("RER_CORPUS_DIR") {
        dirs.push(dir.into());
    }
    dirs.push(workspace_root().join(".rer-data/corpus"));
    dirs
}

/// How rez's recordings name paths: `<corpus>/` for the directory a
/// repository lies in (`build.py`), and the roots of the repository under
/// test joined by `; ` as rez's solver lists them.
///
/// A package may also name the directory of the program loading it (`sys.argv[0]`'s:
/// nerdvegas' `rez/_native` runs `<that directory>/rez`): the recorder's
/// script's (the recording's `program_dir`) in rez's message, and the
/// working directory in rer's (its rez helper runs as `python -c`, whose
/// `sys.argv[0]` is `-c`). Both are written `<program-dir>/`, the rest of
/// the message compared as it is.
struct Place {
    dirs: Vec<String>,
    searched: String,
    /// rez's program directory and rer's, each with a final `/`.
    program_dirs: Option<(String, String)>,
}

const PROGRAM_DIR: &str = "<program-dir>/";

impl Place {
    fn new(name: &str, rez_program_dir: Option<&str>) -> Place {
        let mut dirs: Vec<String> = corpus_dirs()
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .map(|d| format!("{}/", d.display()))
            .collect();
        // The longest first, so that one inside another is replaced whole.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
        let searched = name
            .split(',')
            .map(|part| format!("<corpus>/{part}"))
            .collect::<Vec<_>>()
            .join("; ");
        let ours = std::env::current_dir().expect("the working directory");
        let program_dirs =
            rez_program_dir.map(|rez| (format!("{rez}/"), format!("{}/", ours.display())));
        Place {
            dirs,
            searched,
            program_dirs,
        }
    }

    /// rer's `message` with the corpus directories written `<corpus>/` and
    /// then (what is left) rer's program directory `<program-dir>/`.
    fn relative(&self, message: &str) -> String {
        let message = self.dirs.iter().fold(message.to_string(), |m, d| {
            m.replace(d.as_str(), "<corpus>/")
        });
        match &self.program_dirs {
            Some((_, ours)) => message.replace(ours.as_str(), PROGRAM_DIR),
            None => message,
        }
    }

    /// rez's recorded `error` with the recorder's program directory written
    /// `<program-dir>/`.
    fn rez(&self, error: Option<&str>) -> String {
        let error = error.unwrap_or_default();
        match &self.program_dirs {
            Some((rez, _)) => error.replace(rez.as_str(), PROGRAM_DIR),
            None => error.to_string(),
        }
    }
}

fn evaluator() -> Option<Arc<RezEvaluator>> {
    let python = PythonSource::from_env(None).locate().ok()?;
    Some(Arc::new(RezEvaluator::new(RezOptions::new(
        PythonSource::Given(python),
    ))))
}

fn provider(roots: &[PathBuf], evaluator: Option<&Arc<RezEvaluator>>) -> FsProvider {
    let provider = FsProvider::new(roots).expect("provider");
    match evaluator {
        Some(e) => provider.with_evaluator(Arc::clone(e) as _),
        None => provider,
    }
}

fn strings(requirements: &[rer_version::Requirement]) -> Vec<String> {
    requirements.iter().map(ToString::to_string).collect()
}

/// rer's read of `family`-`version`, bound to the request rez recorded it
/// under when its late requires read the request.
fn read(provider: &FsProvider, family: &str, version: &str) -> Result<Arc<Package>, ProviderError> {
    let read_from = |p: &FsProvider| -> Result<Arc<Package>, ProviderError> {
        let family_data = p.family(family)?.ok_or_else(|| ProviderError::Other {
            family: family.to_string(),
            message: "no such family".into(),
        })?;
        let index = family_data
            .versions()
            .iter()
            .position(|v| v.to_string() == version)
            .ok_or_else(|| ProviderError::Other {
                family: family.to_string(),
                message: format!("no version {version}"),
            })?;
        family_data.package(index).cloned()
    };
    match read_from(provider) {
        Err(ProviderError::RequestDependent { .. }) => {
            let request = if version.is_empty() {
                vec![family.to_string()]
            } else {
                vec![format!("{family}=={version}")]
            };
            read_from(&provider.bound_to_request(&request))
        }
        other => other,
    }
}

/// Per field of the packages both rez and rer read: how many were compared,
/// how many rez read as non-empty (or a timestamp), how many differ.
#[derive(Default)]
struct FieldCount {
    compared: usize,
    set: usize,
    different: usize,
}

fn compare_package(
    place: &Place,
    provider: &FsProvider,
    package: &RecordedPackage,
    fields: &mut BTreeMap<&'static str, FieldCount>,
) -> (Outcome, String) {
    let version = package.version.clone().unwrap_or_default();
    let ours = read(provider, &package.family, &version);
    let name = format!("{}-{version}", package.family);
    match (&package.ok, ours) {
        (_, Err(e @ ProviderError::NeedsEvaluation { .. })) if package.ok.is_some() => {
            (Outcome::NeedsRez, format!("{name}: {e}"))
        }
        (Some(rez), Ok(ours)) => {
            let variants: Vec<Vec<String>> = ours.variants.iter().map(|v| strings(v)).collect();
            let build = |field: &Result<Vec<rer_version::Requirement>, ProviderError>| match field {
                Ok(requirements) => Ok(strings(requirements)),
                Err(e) => Err(e.to_string()),
            };
            let build_requires = build(&ours.build_requires);
            let private_build_requires = build(&ours.private_build_requires);
            let checks = [
                (
                    "requires",
                    !rez.requires.is_empty(),
                    rez.requires == strings(&ours.requires),
                ),
                (
                    "variants",
                    !rez.variants.is_empty(),
                    rez.variants == variants,
                ),
                (
                    "timestamp",
                    rez.timestamp.is_some(),
                    rez.timestamp == ours.timestamp,
                ),
                (
                    "build_requires",
                    !rez.build_requires.is_empty(),
                    Ok(&rez.build_requires) == build_requires.as_ref(),
                ),
                (
                    "private_build_requires",
                    !rez.private_build_requires.is_empty(),
                    Ok(&rez.private_build_requires) == private_build_requires.as_ref(),
                ),
            ];
            for (field, set, same) in checks {
                let entry = fields.entry(field).or_default();
                entry.compared += 1;
                entry.set += usize::from(set);
                entry.different += usize::from(!same);
            }
            let same = checks.iter().all(|(_, _, same)| *same);
            let detail = format!(
                "{name}: rez requires {:?} variants {:?} timestamp {:?} build_requires {:?} \
                 private_build_requires {:?}; rer {:?} {:?} {:?} {:?} {:?}",
                rez.requires,
                rez.variants,
                rez.timestamp,
                rez.build_requires,
                rez.private_build_requires,
                strings(&ours.requires),
                variants,
                ours.timestamp,
                build_requires,
                private_build_requires,
            );
            (
                if same {
                    Outcome::Same
                } else {
                    Outcome::Different
                },
                detail,
            )
        }
        (None, Err(e @ ProviderError::NeedsEvaluation { .. })) => {
            (Outcome::NeedsRez, format!("{name}: {e}"))
        }
        (None, Err(e)) => {
            let rez = &place.rez(package.error.as_deref());
            let ours = place.relative(&e.to_string());
            match errors::same_error(rez, e.kind(), &ours, &place.searched) {
                Ok(()) => (Outcome::SameError, format!("{name}: {e}")),
                Err(why) => (
                    Outcome::ErrorDiffers,
                    format!("{name}: {why}: rez {rez:?}, rer {} {ours:?}", e.kind()),
                ),
            }
        }
        (Some(_), Err(e)) => (
            Outcome::Different,
            format!("{name}: rez reads it, rer: {e}"),
        ),
        (None, Ok(_)) => (
            Outcome::RezRaisesRerReads,
            format!("{name}: rez raises {:?}, rer reads it", package.error),
        ),
    }
}

fn mode(name: &str) -> VariantSelectMode {
    match name {
        "intersection_priority" => VariantSelectMode::IntersectionPriority,
        _ => VariantSelectMode::VersionPriority,
    }
}

fn needs_rez(error: &SolveError) -> bool {
    matches!(
        error,
        SolveError::Provider(ProviderError::NeedsEvaluation { .. })
    )
}

/// Whether `resolve` requests a family with a package rez could not load
/// and rer read (`unloadable`, family names).
fn reaches_unloadable(resolve: &RecordedResolve, unloadable: &[String]) -> bool {
    resolve.request.iter().any(|r| {
        let family = r
            .split(['=', '-', '<', '>', '+', '@'])
            .next()
            .unwrap_or_default();
        unloadable.iter().any(|u| u == family)
    })
}

fn compare_resolve(
    place: &Place,
    solver: &Solver<Cached<FsProvider>>,
    fs: &FsProvider,
    resolve: &RecordedResolve,
    unloadable: &[String],
) -> (Outcome, String) {
    let mut answer = solver.solve_strs(&resolve.request);
    if let Err(SolveError::Provider(ProviderError::RequestDependent { .. })) = &answer {
        let bound = Solver::new(Cached::new(fs.bound_to_request(&resolve.request)))
            .variant_select_mode(mode(&resolve.mode));
        answer = bound.solve_strs(&resolve.request);
    }
    let name = format!("{:?} ({})", resolve.request, resolve.mode);
    match (resolve.status.as_str(), answer) {
        ("solved", Ok(Resolve::Solved(s))) => {
            let ours: Vec<(String, String, Option<usize>)> = s
                .variants
                .iter()
                .map(|v| (v.name.to_string(), v.version.to_string(), v.index))
                .collect();
            if ours == resolve.resolved {
                (Outcome::Same, name)
            } else {
                (
                    Outcome::Different,
                    format!("{name}: rez {:?}, rer {ours:?}", resolve.resolved),
                )
            }
        }
        ("error", Err(e)) if !needs_rez(&e) => {
            let rez = &place.rez(resolve.error.as_deref());
            let ours = place.relative(&e.to_string());
            match errors::same_error(rez, e.detailed_kind(), &ours, &place.searched) {
                Ok(()) => (Outcome::SameError, name),
                Err(why) => (
                    Outcome::ErrorDiffers,
                    format!(
                        "{name}: {why}: rez {rez:?}, rer {} {ours:?}",
                        e.detailed_kind()
                    ),
                ),
            }
        }
        ("failed", Ok(Resolve::Failed(f))) => {
            if resolve.failure.as_deref() == Some(f.description.as_str()) {
                (Outcome::Same, name)
            } else {
                (
                    Outcome::Different,
                    format!(
                        "{name}: rez failed {:?}, rer failed {:?}",
                        resolve.failure, f.description
                    ),
                )
            }
        }
        ("error", Ok(Resolve::Solved(_))) if reaches_unloadable(resolve, unloadable) => {
            (Outcome::RezRaisesRerReads, name)
        }
        (_, Err(e)) if needs_rez(&e) => (Outcome::NeedsRez, format!("{name}: {e}")),
        (status, answer) => (
            Outcome::Different,
            format!(
                "{name}: rez {status} {:?}, rer {}",
                resolve.resolved,
                match answer {
                    Ok(Resolve::Solved(s)) => format!(
                        "solved {:?}",
                        s.variants
                            .iter()
                            .map(|v| format!("{}-{}", v.name, v.version))
                            .collect::<Vec<_>>()
                    ),
                    Ok(Resolve::Failed(f)) => format!("failed: {}", f.description),
                    Ok(Resolve::Aborted(a)) => format!("aborted: {a:?}"),
                    Err(e) => format!("error: {e}"),
                }
            ),
        ),
    }
}

#[test]
fn the_corpus_reads_and_resolves_as_rez_does() {
    let recorded = workspace_root().join("tests/corpus/recorded");
    let evaluator = evaluator();
    if evaluator.is_none() {
        println!("no Python with rez: packages that need evaluation are checked to be refused");
    }
    let mut tally = Tally {
        has_rez: evaluator.is_some(),
        ..Tally::default()
    };
    let mut skipped = Vec::new();
    let (mut recorded_roots, mut skipped_packages, mut skipped_resolves) = (0, 0, 0);
    let mut evaluated = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&recorded)
        .expect("tests/corpus/recorded")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read recording");
        let recording: Recording =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        recorded_roots += recording.repositories.len();
        for (name, repository) in &recording.repositories {
            // `a,b`: the repositories a and b, in that priority order.
            let roots: Option<Vec<PathBuf>> = name
                .split(',')
                .map(|part| {
                    corpus_dirs()
                        .into_iter()
                        .map(|d| d.join(part))
                        .find(|r| r.is_dir())
                })
                .collect();
            let Some(roots) = roots else {
                skipped.push(name.clone());
                skipped_packages += repository.packages.len();
                skipped_resolves += repository.resolves.len();
                continue;
            };
            let root = roots.as_slice();
            let place = Place::new(name, recording.program_dir.as_deref());
            let fs = provider(root, evaluator.as_ref());
            let mut unloadable = Vec::new();
            for package in &repository.packages {
                let (outcome, detail) = compare_package(&place, &fs, package, &mut tally.fields);
                let version = package.version.clone().unwrap_or_default();
                if outcome == Outcome::RezRaisesRerReads {
                    unloadable.push(package.family.clone());
                }
                let key = format!("{name}: {}-{version}", package.family);
                tally.add("package", outcome, key, format!("{name}: {detail}"));
            }
            evaluated += fs.packages_evaluated();
            for resolve in &repository.resolves {
                let solver = Solver::new(Cached::new(provider(root, evaluator.as_ref())))
                    .variant_select_mode(mode(&resolve.mode));
                let (outcome, detail) = compare_resolve(&place, &solver, &fs, resolve, &unloadable);
                let key = format!("{name}: {:?} ({})", resolve.request, resolve.mode);
                tally.add("resolve", outcome, key, format!("{name}: {detail}"));
            }
        }
    }
    println!("packages read through rez's loader: {evaluated}");
    for ((what, outcome), count) in &tally.counts {
        println!("{what}s {outcome:?}: {count}");
    }
    for (field, count) in &tally.fields {
        println!(
            "field {field}: {} packages compared ({} set in rez), {} different",
            count.compared, count.set, count.different
        );
    }
    println!(
        "repositories compared: {} of {recorded_roots} recorded",
        recorded_roots - skipped.len()
    );
    if !skipped.is_empty() {
        println!(
            "SKIPPED {} of {recorded_roots} recorded repositories, not on this machine \
             ({skipped_packages} packages and {skipped_resolves} resolves not compared; \
             tests/corpus/build.py rebuilds them): {}",
            skipped.len(),
            skipped.join(", ")
        );
        // On a machine that has built the corpus, a missing repository is
        // a failure, not a skip.
        assert!(
            std::env::var_os("RER_REQUIRE_CORPUS").is_none(),
            "RER_REQUIRE_CORPUS is set and {} recorded repositories are missing",
            skipped.len()
        );
    }
    // The static reader's known gap, listed exactly: the test fails when one
    // appears or when one is fixed (then the list must shrink).
    let known_file = workspace_root().join("tests/corpus/known_differences.txt");
    let known = std::fs::read_to_string(&known_file).unwrap_or_default();
    let found: std::collections::BTreeSet<&str> =
        tally.rez_raises.iter().map(String::as_str).collect();
    let present = listed_cases(&known, &skipped);
    let new: Vec<&&str> = found.difference(&present).collect();
    let gone: Vec<&&str> = present.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "rez raises where rer reads: not in {}: {new:#?}; listed but not seen: {gone:#?}",
        known_file.display()
    );
    // rer's error saying something else than rez's, listed exactly with
    // the reason; a listed case must still differ, a new one fails.
    let known_file = workspace_root().join("tests/corpus/known_error_differences.txt");
    let known = std::fs::read_to_string(&known_file).unwrap_or_default();
    let listed = listed_cases(&known, &skipped);
    let new: Vec<&String> = tally
        .error_differs
        .iter()
        .filter(|(key, _)| !listed.contains(key.as_str()))
        .map(|(_, detail)| detail)
        .collect();
    // Without rez's loader the listed cases that need it are not reached.
    let gone: Vec<&&str> = listed
        .iter()
        .filter(|l| tally.has_rez && !tally.error_differs.contains_key(**l))
        .collect();
    println!(
        "errors that differ from rez's, each listed in {} with why: {}",
        known_file.display(),
        tally.error_differs.len() - new.len()
    );
    assert!(
        new.is_empty() && gone.is_empty(),
        "errors that differ from rez's: not in {}: {new:#?}; listed but not seen: {gone:#?}",
        known_file.display()
    );
    let total: usize = tally.counts.values().sum();
    assert!(total > 100, "only {total} cases compared");
    assert!(
        tally.differences.is_empty(),
        "{} differences from rez:\n{}",
        tally.differences.len(),
        tally.differences.join("\n")
    );
}

/// The cases a `known_*.txt` list names (one per line, `#` comments and
/// blank lines aside), without those of the repositories this run skipped.
fn listed_cases<'a>(known: &'a str, skipped: &[String]) -> std::collections::BTreeSet<&'a str> {
    known
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter(|l| {
            let repo = l.split(": ").next().unwrap_or_default();
            !skipped.iter().any(|s| s == repo)
        })
        .collect()
}
