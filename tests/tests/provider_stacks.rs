//! Property tests: every provider stack gives the same, valid answer.
//!
//! Each property runs 512 generated repositories, or `$PROPTEST_CASES` (see
//! `rer_tests::prop`); failing seeds are saved in
//! `tests/proptest-regressions/provider_stacks.txt` and re-run first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use rayon::prelude::*;
use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, FamilyProvider, FnProvider, Package, ProviderError};
use rer_solver::Solver;
use rer_tests::answer::{Answer, answer_with};
use rer_tests::checker::{Chosen, check_solution};
use rer_tests::repo_gen::{GenRepo, parse_package, repo, requirement, write_repo};
use rer_version::Requirement;

/// Cases per property: enough to reach cycles, conflicts and variants, small
/// enough that the suite stays within a minute or two in CI.
fn cases() -> ProptestConfig {
    rer_tests::prop::config(
        512,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/proptest-regressions/provider_stacks.txt"
        ),
    )
}

/// Solves `request` with a fresh solver over `provider`.
/// `provider`'s answer, up to the order of a total reduction's list (which
/// follows each provider's listing order, as rez's follows its
/// repository's).
fn answer<P: FamilyProvider>(provider: P, request: &[String]) -> Answer {
    answer_with(&Solver::new(provider), request).listing_free()
}

/// The repository's packages, or `None` when any string is invalid (the
/// stacks then legitimately differ in when they notice).
fn parse_repo(repo: &GenRepo) -> Option<BTreeMap<String, Vec<Package>>> {
    repo.families
        .iter()
        .map(|(name, ps)| {
            Some((
                name.clone(),
                ps.iter()
                    .map(|p| parse_package(name, p))
                    .collect::<Option<Vec<_>>>()?,
            ))
        })
        .collect()
}

/// A closure provider over `families`, listing versions in the given order.
fn closure_provider(
    families: BTreeMap<String, Vec<Package>>,
) -> FnProvider<impl Fn(&str) -> Result<Option<Vec<Package>>, ProviderError> + Send + Sync> {
    FnProvider::new(move |name: &str| Ok(families.get(name).cloned()))
}

fn valid_repo() -> impl Strategy<Value = (GenRepo, BTreeMap<String, Vec<Package>>)> {
    repo().prop_filter_map("all strings valid", |r| parse_repo(&r).map(|p| (r, p)))
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn every_stack_gives_the_same_answer((repo, packages) in valid_repo()) {
        let dir = tempfile::tempdir().expect("temp dir");
        write_repo(&repo, dir.path()).expect("write repo");
        let memory = MemoryProvider::from_packages(packages.values().flatten().cloned()).expect("valid repo");
        let reference = answer(&memory, &repo.request);
        let fs = FsProvider::new([dir.path()]).expect("fs provider");
        let stacks: Vec<(&str, Answer)> = vec![
            ("cached memory", answer(Cached::new(&memory), &repo.request)),
            ("fs", answer(&fs, &repo.request)),
            ("cached fs", answer(Cached::new(FsProvider::new([dir.path()]).expect("fs")), &repo.request)),
            ("closure", answer(closure_provider(packages.clone()), &repo.request)),
        ];
        for (label, got) in stacks {
            prop_assert_eq!(got, reference.clone(), "{} differs from memory", label);
        }
    }

    #[test]
    fn cached_loader_loads_each_family_once_and_only_what_is_touched((repo, packages) in valid_repo()) {
        let calls: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let counted = {
            let calls = Arc::clone(&calls);
            let families = packages.clone();
            FnProvider::new(move |name: &str| {
                *calls.lock().expect("lock").entry(name.to_owned()).or_default() += 1;
                Ok(families.get(name).cloned())
            })
        };
        let cached = Cached::new(counted);
        let _ = answer(&cached, &repo.request);
        let _ = answer(&cached, &repo.request);
        let calls = calls.lock().expect("lock").clone();
        for (name, n) in &calls {
            prop_assert_eq!(*n, 1, "family {} loaded {} times", name, n);
        }
        // Every family loaded is named by the request or by a package of a
        // family that was itself loaded.
        let mut named: BTreeSet<String> = repo.request.iter().filter_map(|r| Requirement::parse(r).ok()).map(|r| r.name().to_owned()).collect();
        for name in calls.keys() {
            for p in packages.get(name).into_iter().flatten() {
                named.extend(p.requires.iter().chain(p.variants.iter().flatten()).map(|r| r.name().to_owned()));
            }
        }
        for name in calls.keys() {
            prop_assert!(named.contains(name), "family {} was loaded but nothing names it", name);
        }
    }

    #[test]
    fn answer_does_not_depend_on_listing_order_but_for_a_total_reductions_list((repo, packages) in valid_repo(), seed in any::<u64>()) {
        let reference = answer(closure_provider(packages.clone()), &repo.request);
        let mut shuffled = packages.clone();
        for (i, ps) in shuffled.values_mut().enumerate() {
            let k = (seed as usize).wrapping_add(i) % ps.len().max(1);
            ps.rotate_left(k);
            if seed % 2 == 0 {
                ps.reverse();
            }
        }
        let memory = MemoryProvider::from_packages(shuffled.values().rev().flatten().cloned()).expect("valid repo");
        prop_assert_eq!(answer(&memory, &repo.request), reference.clone());
        prop_assert_eq!(answer(closure_provider(shuffled), &repo.request), reference);
    }

    #[test]
    fn solved_resolves_pass_the_independent_checker((repo, packages) in valid_repo()) {
        let memory = MemoryProvider::from_packages(packages.values().flatten().cloned()).expect("valid repo");
        if let Answer::Solved(variants) = answer(&memory, &repo.request) {
            let chosen: Vec<Chosen> = variants.into_iter().map(|(name, version, index)| Chosen { name, version, index }).collect();
            let verdict = check_solution(&repo, &chosen);
            prop_assert!(verdict.is_ok(), "{:?}", verdict);
        }
    }

    #[test]
    fn parallel_batch_equals_serial((_repo, packages) in valid_repo(), requests in prop::collection::vec(prop::collection::vec(requirement(), 1..4), 1..8)) {
        let memory = Arc::new(MemoryProvider::from_packages(packages.values().flatten().cloned()).expect("valid repo"));
        let solver = Solver::new(Cached::new(Arc::clone(&memory)));
        let serial: Vec<Answer> = requests.iter().map(|r| answer(Arc::clone(&memory), r)).collect();
        let parallel: Vec<Answer> = requests.par_iter().map(|r| answer_with(&solver, r).listing_free()).collect();
        prop_assert_eq!(parallel, serial);
    }

    #[test]
    fn any_repository_solves_without_panicking(repo in repo()) {
        // Invalid strings included: the fs stack reads them lazily, the
        // closure stack gets whatever parses. Failing and erroring is fine;
        // panicking is not (proptest reports a panic as a failure).
        let dir = tempfile::tempdir().expect("temp dir");
        write_repo(&repo, dir.path()).expect("write repo");
        let fs = Cached::new(FsProvider::new([dir.path()]).expect("fs provider"));
        let _ = answer(&fs, &repo.request);
    }
}

/// The generator must reach every outcome, or the properties above prove
/// little: count solved, failed and errored answers over 512 repositories.
#[test]
fn generator_reaches_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut solved, mut failed, mut errors, mut multi) = (0, 0, 0, 0);
    let strategy = valid_repo();
    for _ in 0..512 {
        let (repo, packages) = strategy.new_tree(&mut runner).expect("generate").current();
        let memory = MemoryProvider::from_packages(packages.values().flatten().cloned())
            .expect("valid repo");
        match answer(&memory, &repo.request) {
            Answer::Solved(v) => {
                solved += 1;
                multi += usize::from(v.len() > 1);
            }
            Answer::Failed(_) => failed += 1,
            Answer::Error(_) => errors += 1,
        }
    }
    println!(
        "512 generated repositories: {solved} solved ({multi} with several packages), {failed} failed, {errors} errors"
    );
    assert!(
        solved >= 50 && multi >= 25 && failed >= 25 && errors >= 25,
        "{solved} solved, {multi} multi, {failed} failed, {errors} errors"
    );
}
