//! Property tests of the `Filtered` decorator: a filtered stack gives the
//! same answer over memory and filesystem providers, and it reads no
//! package outside the ranges the solve slices.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rer_filter::{Filtered, PackageFilterList};
use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, FamilyProvider, Package};
use rer_solver::Solver;
use rer_tests::answer::{Answer, answer_with};
use rer_tests::repo_gen::{GenRepo, package_py, repo};
use rer_version::{Requirement, Version};
use serde_json::{Value, json};

/// Cases per property (`PROPTEST_CASES` overrides), failing seeds kept.
fn cases() -> ProptestConfig {
    rer_tests::prop::config(
        256,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/proptest-regressions/filtered_stacks.txt"
        ),
    )
}

/// A timestamp for a package, derived from its name and version so that
/// every stack sees the same one; `None` for about one package in six.
fn timestamp(name: &str, version: &str) -> Option<i64> {
    let h = name
        .bytes()
        .chain(version.bytes())
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    (h % 6 != 0).then_some(1000 + (h % 9) as i64 * 500)
}

/// The repository's packages with their timestamps, or `None` when any
/// string is invalid (the stacks then differ in when they notice).
fn packages(repo: &GenRepo) -> Option<Vec<Package>> {
    let mut out = Vec::new();
    for (name, ps) in &repo.families {
        for p in ps {
            let mut package = Package::new(name.as_str(), Version::parse(&p.version).ok()?);
            let parse = |rs: &[String]| {
                rs.iter()
                    .map(|r| Requirement::parse_request(r).ok())
                    .collect::<Option<Vec<_>>>()
            };
            package.requires = parse(&p.requires)?;
            package.variants = p.variants.iter().map(|v| parse(v)).collect::<Option<_>>()?;
            package.timestamp = timestamp(name, &p.version);
            out.push(package);
        }
    }
    Some(out)
}

fn write_repo(repo: &GenRepo, root: &std::path::Path) {
    for (name, ps) in &repo.families {
        for p in ps {
            let dir = root.join(name).join(&p.version);
            std::fs::create_dir_all(&dir).expect("mkdir");
            let mut text = package_py(name, p);
            if let Some(t) = timestamp(name, &p.version) {
                text.push_str(&format!("timestamp = {t}\n"));
            }
            std::fs::write(dir.join("package.py"), text).expect("write");
        }
    }
}

/// A rule over the generator's names and versions, of any kind.
fn rule() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["app", "base", "core", "lib", "py", "tool"]);
    let major = 0u8..4;
    let stamp = (2u32..10).prop_map(|k| 1000 + k * 500 - 250);
    prop_oneof![
        (name.clone(), major.clone()).prop_map(|(n, m)| format!("{n}-{m}*")),
        major.clone().prop_map(|m| format!("*.{m}")),
        (name.clone(), major.clone()).prop_map(|(n, m)| format!("regex({n}-{m}.*)")),
        (name.clone(), major.clone()).prop_map(|(n, m)| format!("{n}-{m}+")),
        (name.clone(), major).prop_map(|(n, m)| format!("{n}<{m}")),
        stamp.clone().prop_map(|t| format!("before({t})")),
        stamp.clone().prop_map(|t| format!("after({t})")),
        (name, stamp).prop_map(|(n, t)| format!("after({n}:{t})")),
    ]
}

/// A filter list in rez's configuration format: one or two filters of
/// exclusions, sometimes with inclusions.
fn filters() -> impl Strategy<Value = Value> {
    let filter = (
        prop::collection::vec(rule(), 1..3),
        prop::collection::vec(rule(), 0..2),
    )
        .prop_map(|(excludes, includes)| json!({"excludes": excludes, "includes": includes}));
    prop::collection::vec(filter, 1..3).prop_map(Value::Array)
}

fn answer<P: FamilyProvider>(provider: P, request: &[String]) -> Answer {
    answer_with(&Solver::new(provider), request).listing_free()
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn filtered_memory_and_fs_stacks_agree(repo in repo(), pod in filters()) {
        let Some(packages) = packages(&repo) else { return Ok(()) };
        let list = PackageFilterList::from_pod(&pod).expect("generated rules parse");
        let dir = tempfile::tempdir().expect("temp dir");
        write_repo(&repo, dir.path());
        let memory = MemoryProvider::from_packages(packages).expect("distinct versions");
        let fs = || FsProvider::new([dir.path()]).expect("fs provider");
        let want = answer(Filtered::new(&memory, list.clone()), &repo.request);
        prop_assert_eq!(
            &answer(Filtered::new(Cached::new(fs()), list.clone()), &repo.request),
            &want
        );
        prop_assert_eq!(
            &answer(Cached::new(Filtered::new(fs(), list.clone())), &repo.request),
            &want
        );
        prop_assert_eq!(
            &answer(Filtered::new(fs(), list), &repo.request),
            &want
        );
    }

    #[test]
    fn filtered_reads_only_packages_inside_the_ranges_the_solve_slices(
        repo in repo(),
        pod in filters(),
    ) {
        let list = PackageFilterList::from_pod(&pod).expect("generated rules parse");
        let reads_packages = list
            .filters()
            .iter()
            .any(|f| f.exclusions().chain(f.inclusions()).any(|r| r.reads_package()));
        let dir = tempfile::tempdir().expect("temp dir");
        write_repo(&repo, dir.path());
        let provider = Filtered::new(
            Cached::new(FsProvider::new([dir.path()]).expect("fs provider")),
            list.clone(),
        );
        let solver = Solver::new(&provider);
        let _ = solver.solve_strs(&repo.request);
        // every range a requirement of the request or of a package read
        // names, by family: the only ranges a solve can slice (a conflict
        // or weak requirement only narrows a slice of such a range)
        let mut ranges: BTreeMap<String, Vec<rer_version::VersionRange>> = BTreeMap::new();
        let mut note = |r: &Requirement| {
            if !r.is_conflict() {
                if let Some(range) = r.range() {
                    ranges.entry(r.name().to_owned()).or_default().push(range.clone());
                }
            }
        };
        for text in &repo.request {
            if let Ok(r) = Requirement::parse_request(text) {
                note(&r);
            }
        }
        let families = provider.inner().loaded_families();
        for family in &families {
            for i in 0..family.len() {
                if family.is_loaded(i) {
                    if let Ok(p) = family.package(i) {
                        p.requires.iter().chain(p.variants.iter().flatten()).for_each(&mut note);
                    }
                }
            }
        }
        for family in &families {
            for (i, version) in family.versions().iter().enumerate() {
                if !family.is_loaded(i) {
                    continue;
                }
                let inside = ranges
                    .get(family.name())
                    .is_some_and(|rs| rs.iter().any(|r| r.contains(version)));
                prop_assert!(
                    inside,
                    "{}-{} was read, outside every range the solve could slice",
                    family.name(),
                    version
                );
                if !reads_packages {
                    // a name or range rule decides before the package is read
                    if let Ok(p) = family.package(i) {
                        prop_assert!(
                            list.excludes(p).is_none(),
                            "{}-{} is excluded by a rule that needs no package data, yet was read",
                            family.name(),
                            version
                        );
                    }
                }
            }
        }
    }
}
