//! Behaviour of families, the caching decorator and the closure provider.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rer_repo::{Cached, Family, FamilyProvider, FnProvider, Package, ProviderError};
use rer_version::{Requirement, Version};

fn version(s: &str) -> Version {
    s.parse().expect("test version")
}

fn package(name: &str, v: &str, requires: &[&str]) -> Package {
    let mut p = Package::new(name, version(v));
    p.requires = requires
        .iter()
        .map(|r| r.parse::<Requirement>().expect("test requirement"))
        .collect();
    p
}

/// A provider with families `a` (three versions) and `b`, counting calls.
struct Counting {
    calls: AtomicUsize,
    per_name: Mutex<Vec<String>>,
}

impl Counting {
    fn new() -> Self {
        Counting {
            calls: AtomicUsize::new(0),
            per_name: Mutex::new(Vec::new()),
        }
    }
}

impl FamilyProvider for Counting {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.per_name.lock().unwrap().push(name.to_string());
        // Slow enough that concurrent callers really overlap.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let packages = match name {
            "a" => vec![
                package("a", "2", &[]),
                package("a", "1.0", &[]),
                package("a", "10", &[]),
            ],
            "b" => vec![package("b", "1", &["a-1"])],
            "broken" => {
                return Err(ProviderError::Other {
                    family: name.into(),
                    message: "disk on fire".into(),
                });
            }
            _ => return Ok(None),
        };
        Family::eager(name, packages).map(|f| Some(Arc::new(f)))
    }
}

#[test]
fn eager_family_sorts_versions_whatever_the_input_order() {
    let orders = [["1.0", "2", "10"], ["10", "2", "1.0"], ["2", "10", "1.0"]];
    let families: Vec<Family> = orders
        .iter()
        .map(|o| Family::eager("a", o.iter().map(|v| package("a", v, &[])).collect()).unwrap())
        .collect();
    let expected: Vec<Version> = ["1.0", "2", "10"].iter().map(|v| version(v)).collect();
    for family in &families {
        assert_eq!(family.versions(), expected.as_slice());
        assert_eq!(family, &families[0]);
    }
}

#[test]
fn eager_family_rejects_duplicate_versions_naming_both() {
    let mut first = package("a", "1.0", &[]);
    first.uri = "one/a/1.0/package.py".into();
    let mut second = package("a", "1.0", &[]);
    second.uri = "two/a/1.0/package.py".into();
    let error = Family::eager("a", vec![first, second]).unwrap_err();
    match &error {
        ProviderError::DuplicateVersion {
            family,
            version,
            first,
            second,
        } => {
            assert_eq!(family, "a");
            assert_eq!(version, "1.0");
            assert_eq!(first, "one/a/1.0/package.py");
            assert_eq!(second, "two/a/1.0/package.py");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("one/a/1.0/package.py"));
}

#[test]
fn eager_family_rejects_a_package_of_another_family() {
    let error = Family::eager("a", vec![package("b", "1", &[])]).unwrap_err();
    assert!(
        matches!(error, ProviderError::InvalidPackage { field: "name", .. }),
        "{error:?}"
    );
}

#[test]
fn lazy_family_reads_each_package_once_and_only_when_asked() {
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reads);
    let loader = move |v: &Version| {
        counter.fetch_add(1, Ordering::SeqCst);
        Ok(package("a", &v.to_string(), &["b"]))
    };
    let family = Family::lazy(
        "a",
        vec![version("3"), version("1"), version("2")],
        Arc::new(loader),
    )
    .unwrap();
    assert_eq!(
        family.versions(),
        &[version("1"), version("2"), version("3")]
    );
    assert_eq!(reads.load(Ordering::SeqCst), 0, "listing must read nothing");
    (0..64).into_par_iter().for_each(|_| {
        assert_eq!(family.package(1).unwrap().version, version("2"));
    });
    assert_eq!(reads.load(Ordering::SeqCst), 1);
    assert!(family.is_loaded(1) && !family.is_loaded(0) && !family.is_loaded(2));
    assert_eq!(family.loaded_count(), 1);
}

/// A loader answering only through `load_at`, noting each position given.
struct ByPosition {
    positions: Mutex<Vec<usize>>,
}

impl rer_repo::PackageLoader for ByPosition {
    fn load(&self, v: &Version) -> Result<Package, ProviderError> {
        Err(ProviderError::Other {
            family: "a".into(),
            message: format!("asked for {v} without its position"),
        })
    }

    fn load_at(&self, position: usize, v: &Version) -> Result<Package, ProviderError> {
        self.positions.lock().unwrap().push(position);
        Ok(package("a", &v.to_string(), &[]))
    }
}

#[test]
fn lazy_family_gives_its_loader_each_versions_sorted_position() {
    let loader = Arc::new(ByPosition {
        positions: Mutex::new(Vec::new()),
    });
    let family = Family::lazy(
        "a",
        vec![version("3"), version("1"), version("2")],
        Arc::clone(&loader) as Arc<dyn rer_repo::PackageLoader>,
    )
    .unwrap();
    assert_eq!(family.package(2).unwrap().version, version("3"));
    assert_eq!(family.package(0).unwrap().version, version("1"));
    assert_eq!(*loader.positions.lock().unwrap(), vec![2, 0]);
}

#[test]
fn lazy_family_remembers_a_failed_read() {
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reads);
    let loader = move |_: &Version| -> Result<Package, ProviderError> {
        counter.fetch_add(1, Ordering::SeqCst);
        Err(ProviderError::Parse {
            path: "a/1/package.py".into(),
            line: Some(3),
            message: "bad".into(),
        })
    };
    let family = Family::lazy("a", vec![version("1")], Arc::new(loader)).unwrap();
    let first = family.package(0).unwrap_err();
    let second = family.package(0).unwrap_err();
    assert_eq!(first, second);
    assert_eq!(first.to_string(), "a/1/package.py:3: bad");
    assert_eq!(reads.load(Ordering::SeqCst), 1);
}

#[test]
fn lazy_family_rejects_a_loader_that_answers_another_version() {
    let loader = |_: &Version| Ok(package("a", "9", &[]));
    let family = Family::lazy("a", vec![version("1")], Arc::new(loader)).unwrap();
    assert!(matches!(
        family.package(0),
        Err(ProviderError::InvalidPackage { .. })
    ));
}

#[test]
fn lazy_family_rejects_equal_versions() {
    // rez's `1.0` and `1-0` are the same version.
    let loader = |v: &Version| Ok(package("a", &v.to_string(), &[]));
    let result = Family::lazy("a", vec![version("1.0"), version("1-0")], Arc::new(loader));
    assert!(
        matches!(result, Err(ProviderError::DuplicateVersion { .. })),
        "{result:?}"
    );
}

#[test]
fn cached_loads_each_family_once_and_remembers_misses() {
    let cached = Cached::new(Counting::new());
    for _ in 0..3 {
        assert_eq!(cached.family("a").unwrap().unwrap().len(), 3);
        assert!(cached.family("nope").unwrap().is_none());
    }
    assert_eq!(cached.inner().calls.load(Ordering::SeqCst), 2);
    let stats = cached.stats();
    assert_eq!((stats.loads, stats.hits), (2, 4));
}

#[test]
fn cached_loads_each_family_once_from_many_threads() {
    let cached = Arc::new(Cached::new(Counting::new()));
    let names = ["a", "b", "nope", "a", "b", "nope"];
    (0..200).into_par_iter().for_each(|i| {
        let name = names[i % names.len()];
        let answer = cached.family(name).unwrap();
        assert_eq!(answer.is_some(), name != "nope");
    });
    let mut asked = cached.inner().per_name.lock().unwrap().clone();
    asked.sort();
    assert_eq!(asked, ["a", "b", "nope"]);
    assert_eq!(cached.stats().loads, 3);
    assert_eq!(cached.stats().hits, 197);
}

#[test]
fn cached_does_not_remember_errors() {
    let cached = Cached::new(Counting::new());
    assert!(cached.family("broken").is_err());
    assert!(cached.family("broken").is_err());
    assert_eq!(cached.inner().calls.load(Ordering::SeqCst), 2);
}

#[test]
fn providers_compose_through_references_arcs_and_boxes() {
    fn versions(p: impl FamilyProvider) -> usize {
        p.family("a").unwrap().map_or(0, |f| f.len())
    }
    let provider = Counting::new();
    assert_eq!(versions(&provider), 3);
    let shared = Arc::new(Cached::new(provider));
    assert_eq!(versions(Arc::clone(&shared)), 3);
    assert_eq!(versions(&shared), 3);
    let boxed: Box<dyn FamilyProvider> = Box::new(Counting::new());
    assert_eq!(versions(boxed), 3);
    assert_eq!(shared.stats().loads, 1);
}

#[test]
fn closure_provider_drops_foreign_entries_and_rejects_duplicates() {
    let provider = FnProvider::new(|name: &str| {
        Ok(match name {
            "a" => Some(vec![
                package("a", "1", &[]),
                package("zzz", "1", &[]),
                package("a", "2", &[]),
            ]),
            "dup" => Some(vec![package("dup", "1", &[]), package("dup", "1", &[])]),
            "empty" => Some(vec![]),
            _ => None,
        })
    });
    let a = provider.family("a").unwrap().unwrap();
    assert_eq!(a.versions(), &[version("1"), version("2")]);
    assert!(matches!(
        provider.family("dup"),
        Err(ProviderError::DuplicateVersion { .. })
    ));
    assert!(provider.family("empty").unwrap().is_none());
    assert!(provider.family("other").unwrap().is_none());
}

#[test]
fn package_variant_requires_lists_package_requires_first() {
    let mut p = package("a", "1", &["b", "c-1"]);
    let names = |p: &Package, i| {
        p.variant_requires(i)
            .map(|r| r.map(|r| r.to_string()).collect::<Vec<_>>())
    };
    assert_eq!(p.variant_count(), 1);
    assert_eq!(names(&p, 0), Some(vec!["b".to_string(), "c-1".to_string()]));
    assert_eq!(names(&p, 1), None);
    p.variants = vec![vec!["d".parse().unwrap()], vec!["e".parse().unwrap()]];
    assert_eq!(p.variant_count(), 2);
    assert_eq!(
        names(&p, 1),
        Some(vec!["b".into(), "c-1".into(), "e".into()])
    );
    assert_eq!(names(&p, 2), None);
}
