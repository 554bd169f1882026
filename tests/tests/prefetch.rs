//! Prefetching changes no answer and reads nothing a plain solve does not:
//! on rez's 188 benchmark requests and on generated repositories, a cold
//! solve through `rer_prefetch::Prefetching` gives the plain solve's answer
//! and reads exactly the packages the plain solve reads.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use rer_prefetch::Prefetching;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, Family, FamilyProvider, Package, ProviderError};
use rer_solver::Solver;
use rer_tests::answer::{Answer, answer_with};
use rer_tests::benchmark::Benchmark;
use rer_tests::repo_gen::{GenRepo, parse_package, repo};
use rer_version::Version;

/// The packages read: (family, version) pairs.
type Reads = Arc<Mutex<BTreeSet<(String, String)>>>;

/// A provider whose families read each package lazily from `inner` (an
/// eager provider), recording every read.
struct Recording<'a> {
    inner: &'a MemoryProvider,
    reads: Reads,
}

impl FamilyProvider for Recording<'_> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(inner) = self.inner.family(name)? else {
            return Ok(None);
        };
        let reads = Arc::clone(&self.reads);
        let versions = inner.versions().to_vec();
        let family = name.to_string();
        let loader = move |version: &Version| -> Result<Package, ProviderError> {
            reads
                .lock()
                .expect("lock")
                .insert((family.clone(), version.to_string()));
            let index = inner
                .position(version)
                .ok_or_else(|| ProviderError::Other {
                    family: family.clone(),
                    message: "not listed".into(),
                })?;
            inner.package(index).map(|p| Package::clone(p))
        };
        Family::lazy(name, versions, Arc::new(loader)).map(|f| Some(Arc::new(f)))
    }
}

/// A cold solve of `request` (a new cache over `memory`), plain or through
/// a prefetching pool of `threads`: the answer and the packages read.
fn cold(
    memory: &MemoryProvider,
    request: &[String],
    threads: usize,
) -> (Answer, BTreeSet<(String, String)>) {
    let reads: Reads = Arc::default();
    let recording = Recording {
        inner: memory,
        reads: Arc::clone(&reads),
    };
    let answer = if threads == 0 {
        answer_with(&Solver::new(Cached::new(recording)), request)
    } else {
        let provider = Prefetching::with_threads(Cached::new(recording), threads).expect("pool");
        let answer = answer_with(&Solver::new(&provider), request);
        provider.pool().wait_idle();
        answer
    };
    let read = reads.lock().expect("lock").clone();
    (answer, read)
}

#[test]
fn prefetching_gives_the_plain_answers_and_reads_on_the_benchmark() {
    let bench = Benchmark::load().expect("benchmark");
    let memory = MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json");
    let mut reads = 0;
    for request in &bench.requests {
        let (plain, plain_reads) = cold(&memory, request, 0);
        let (ahead, ahead_reads) = cold(&memory, request, 4);
        assert_eq!(ahead, plain, "{request:?}");
        assert_eq!(
            ahead_reads, plain_reads,
            "{request:?}: packages read differ"
        );
        reads += plain_reads.len();
    }
    // the recording saw the reads (2,059 per request on average, as the
    // cold fs stack reads package files)
    assert!(reads > 2000 * bench.requests.len(), "{reads} packages read");
}

/// Parses one generated repository; `None` if any string is invalid.
fn packages(repo: &GenRepo) -> Option<Vec<Package>> {
    let mut out = Vec::new();
    for (name, ps) in &repo.families {
        for p in ps {
            out.push(parse_package(name, p)?);
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(rer_tests::prop::config(
        256,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/proptest-regressions/prefetch.txt"),
    ))]

    #[test]
    fn prefetching_gives_the_plain_answer_and_reads(repo in repo()) {
        let Some(packages) = packages(&repo) else {
            return Ok(());
        };
        let Ok(memory) = MemoryProvider::from_packages(packages) else {
            return Ok(());
        };
        let (plain, plain_reads) = cold(&memory, &repo.request, 0);
        let (ahead, ahead_reads) = cold(&memory, &repo.request, 2);
        prop_assert_eq!(ahead, plain);
        prop_assert_eq!(ahead_reads, plain_reads);
    }
}
