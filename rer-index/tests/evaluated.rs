//! Families the static reader refuses, read through the caller's
//! evaluator behind the index: the same answers as the provider gives
//! alone, a combined family file whose `versions` must be evaluated
//! included, and nothing of them recorded.

mod support;

use std::fs;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rer_index::{IndexOptions, Indexed};
use rer_provider_fs::{EvalQuery, EvaluatedPackage, Evaluation, FsProvider, PackageEvaluator};
use rer_repo::{FamilyProvider, ProviderError};
use support::{render, write_package};

/// Lists `1.0` and `2.0` for any combined file; each package requires
/// `bar-<version's first digit>`. Counts its calls.
#[derive(Debug, Default)]
struct Lister {
    listings: AtomicUsize,
    packages: AtomicUsize,
}

impl PackageEvaluator for Lister {
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
        self.packages.fetch_add(1, Ordering::SeqCst);
        let major = query.version.split('.').next().unwrap_or_default();
        Ok(Evaluation::Read(EvaluatedPackage {
            requires: vec![format!("bar-{major}")],
            ..EvaluatedPackage::default()
        }))
    }

    fn combined_versions(
        &self,
        _query: &EvalQuery<'_>,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        self.listings.fetch_add(1, Ordering::SeqCst);
        Ok(Some(vec!["1.0".into(), "2.0".into()]))
    }
}

#[test]
fn a_combined_file_with_computed_versions_is_listed_by_the_evaluator() {
    let repo = tempfile::tempdir().expect("repo");
    let cache = tempfile::tempdir().expect("cache");
    let root = repo.path();
    fs::write(
        root.join("foo.py"),
        "name = 'foo'\nversions = ['%d.0' % i for i in (1, 2)]\n",
    )
    .expect("write foo.py");
    write_package(root, "bar", "1", "name = 'bar'\n");
    write_package(root, "bar", "2", "name = 'bar'\n");
    let names = ["foo", "bar"];
    let evaluator = Arc::new(Lister::default());
    let provider = || {
        FsProvider::new([root])
            .expect("provider")
            .with_evaluator(evaluator.clone())
    };
    let alone = render(&provider(), &names);
    assert!(alone.starts_with("foo: [\"1.0\", \"2.0\"]\n"), "{alone}");
    assert!(!alone.contains("error"), "{alone}");
    let options = IndexOptions::new(cache.path()).racy_margin(Duration::ZERO);
    for _process in 0..2 {
        let before = evaluator.listings.load(Ordering::SeqCst);
        let index = Indexed::new(Arc::new(provider()), &options).expect("index");
        assert_eq!(render(&index, &names), alone);
        index.persist().expect("persist");
        // never recorded: each new index asks the evaluator again
        assert_eq!(evaluator.listings.load(Ordering::SeqCst), before + 1);
    }
    // Without an evaluator the family stays the static reader's refusal.
    let plain = FsProvider::new([root]).expect("provider");
    let index = Indexed::new(Arc::new(plain), &options).expect("index");
    assert!(matches!(
        index.family("foo"),
        Err(ProviderError::NeedsEvaluation { .. })
    ));
}
