//! rez 3.4.0's `test_packages_order.py`, every case, as tables: each
//! orderer reorders a family of rez's own test packages
//! (`tests/data/order_packages.json`, dumped from rez's test data by
//! `tests/data/record_rez_order_packages.py`) exactly as rez's test
//! expects; rez's `from_pod` cases (new style, old style, per-family,
//! the list's first-wins rule) are checked on the orderers built.

use std::collections::HashMap;
use std::sync::Arc;

use rer_order::{
    NoOrder, OrderKey, PackageOrder, PackageOrderList, PerFamilyOrder, Point, SortedOrder,
    TimestampOrder, VersionSplitOrder, reorder,
};
use rer_provider_memory::MemoryProvider;
use rer_repo::FamilyProvider;
use rer_version::Version;
use serde_json::json;

fn packages() -> MemoryProvider {
    MemoryProvider::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/order_packages.json"
    ))
    .expect("the fixture loads")
}

fn v(s: &str) -> Version {
    Version::parse(s).expect("version")
}

/// rez's `_test_reorder`: the family's versions, descending, reordered.
fn reordered(orderer: &dyn PackageOrder, family: &str) -> Vec<String> {
    let provider = packages();
    let mut versions: Vec<Version> = provider
        .family(family)
        .expect("provider")
        .map(|f| f.versions().to_vec())
        .unwrap_or_default();
    versions.reverse();
    reorder(orderer, family, &versions, &provider)
        .expect("orders")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn all() -> Vec<String> {
    vec!["*".to_owned()]
}

fn null() -> Arc<dyn PackageOrder> {
    Arc::new(NoOrder { packages: all() })
}

fn sorted(descending: bool) -> Arc<dyn PackageOrder> {
    Arc::new(SortedOrder {
        descending,
        packages: all(),
    })
}

fn split(first: &str) -> Arc<dyn PackageOrder> {
    Arc::new(VersionSplitOrder {
        first_version: v(first),
        packages: all(),
    })
}

fn timestamp(t: f64, rank: usize) -> Arc<dyn PackageOrder> {
    Arc::new(TimestampOrder::new(t, rank, all()))
}

/// (label, orderer, family, rez's expected order)
type Case = (
    &'static str,
    Arc<dyn PackageOrder>,
    &'static str,
    Vec<&'static str>,
);

#[test]
fn every_reorder_case_of_test_packages_order() {
    let per_family = Arc::new(PerFamilyOrder::new(
        HashMap::from([
            ("pysplit".to_owned(), null()),
            ("python".to_owned(), split("2.6.0")),
            ("timestamped".to_owned(), timestamp(3001.0, 3)),
        ]),
        Some(sorted(false)),
    ));
    let missing = Arc::new(PerFamilyOrder::new(
        HashMap::from([("missing_package".to_owned(), null())]),
        None,
    ));
    let no_default = Arc::new(PerFamilyOrder::new(HashMap::new(), None));
    let cases: Vec<Case> = vec![
        (
            "SortedOrder ascending",
            sorted(false),
            "pymum",
            vec!["1", "2", "3"],
        ),
        (
            "SortedOrder descending",
            sorted(true),
            "pymum",
            vec!["3", "2", "1"],
        ),
        (
            "PerFamilyOrder null",
            per_family.clone(),
            "pysplit",
            vec!["7", "6", "5"],
        ),
        (
            "PerFamilyOrder split",
            per_family.clone(),
            "python",
            vec!["2.6.0", "2.5.2", "2.7.0", "2.6.8"],
        ),
        (
            "PerFamilyOrder timestamp",
            per_family.clone(),
            "timestamped",
            vec![
                "1.1.1", "1.1.0", "1.0.6", "1.0.5", "1.2.0", "2.0.0", "2.1.5", "2.1.0",
            ],
        ),
        (
            "PerFamilyOrder default",
            per_family,
            "pymum",
            vec!["1", "2", "3"],
        ),
        (
            "PerFamilyOrder no packages",
            missing,
            "missing_package",
            vec![],
        ),
        (
            "PerFamilyOrder no default",
            no_default,
            "pymum",
            vec!["3", "2", "1"],
        ),
        (
            "VersionSplitPackageOrder",
            split("2.6.0"),
            "python",
            vec!["2.6.0", "2.5.2", "2.7.0", "2.6.8"],
        ),
        (
            "TimestampPackageOrder no rank",
            timestamp(3001.0, 0),
            "timestamped",
            vec![
                "1.1.0", "1.0.6", "1.0.5", "1.1.1", "1.2.0", "2.0.0", "2.1.0", "2.1.5",
            ],
        ),
        (
            "TimestampPackageOrder rank 3",
            timestamp(3001.0, 3),
            "timestamped",
            vec![
                "1.1.1", "1.1.0", "1.0.6", "1.0.5", "1.2.0", "2.0.0", "2.1.5", "2.1.0",
            ],
        ),
        (
            "TimestampPackageOrder rank 3 later",
            timestamp(7001.0, 3),
            "timestamped",
            vec![
                "2.1.5", "2.1.0", "2.0.0", "1.2.0", "1.1.1", "1.1.0", "1.0.6", "1.0.5",
            ],
        ),
        (
            "TimestampPackageOrder rank 2 corner",
            timestamp(4001.0, 3),
            "timestamped",
            vec![
                "1.1.1", "1.1.0", "1.0.6", "1.0.5", "1.2.0", "2.0.0", "2.1.5", "2.1.0",
            ],
        ),
        (
            "TimestampPackageOrder no timestamps",
            timestamp(3001.0, 0),
            "pymum",
            vec!["3", "2", "1"],
        ),
        (
            "TimestampPackageOrder all before",
            timestamp(9_999_999_999.0, 3),
            "timestamped",
            vec![
                "2.1.5", "2.1.0", "2.0.0", "1.2.0", "1.1.1", "1.1.0", "1.0.6", "1.0.5",
            ],
        ),
        (
            "TimestampPackageOrder all after",
            timestamp(0.0, 3),
            "timestamped",
            vec![
                "1.0.6", "1.0.5", "1.1.1", "1.1.0", "1.2.0", "2.0.0", "2.1.5", "2.1.0",
            ],
        ),
    ];
    for (label, orderer, family, expected) in cases {
        assert_eq!(reordered(&*orderer, family), expected, "{label}");
    }
}

#[test]
fn the_null_order_keys_every_version_alike() {
    let provider = packages();
    let a = null()
        .key("pymum", &Point::Finite(v("1")), &provider)
        .expect("key");
    let b = null()
        .key("pymum", &Point::Infinity, &provider)
        .expect("key");
    assert_eq!((a.clone(), b), (OrderKey::Int(0), OrderKey::Int(0)));
}

#[test]
fn from_pod_reads_rez_config_format() {
    // test_singleton: a per_family orderer applies to the families it lists
    let list = PackageOrderList::from_pod(&json!([{
        "type": "per_family",
        "orderers": [{"packages": ["python"], "type": "version_split", "first_version": "2.9.9"}]
    }]))
    .expect("valid");
    assert_eq!(list.orderers().len(), 1);
    assert!(list.get("python").is_some());
    assert!(list.get("pymum").is_none());
    // test_singleton_novalue: None is the empty list
    assert!(
        PackageOrderList::from_pod(&json!(null))
            .expect("valid")
            .is_empty()
    );
    // test_pod: a list of orderers
    let list = PackageOrderList::from_pod(&json!([
        {"type": "version_split", "first_version": "2.6.0"},
        {"type": "per_family", "orderers": [], "default_order": {"type": "sorted", "descending": false}}
    ]))
    .expect("valid");
    assert_eq!(list.orderers().len(), 2);
    // test_from_pod_old_style: ("version_split", {"first_version": "1.2.3"})
    let old = PackageOrderList::from_pod(&json!([["version_split", {"first_version": "1.2.3"}]]))
        .expect("valid");
    assert_eq!(
        reordered(old.get("pymum").expect("applies to all"), "pymum"),
        ["1", "3", "2"]
    );
}

#[test]
fn the_first_orderer_listing_a_family_wins_then_the_catch_all() {
    let list = PackageOrderList::from_pod(&json!([
        {"type": "sorted", "descending": false, "packages": "python"},
        {"type": "version_split", "first_version": "2.6.0", "packages": ["python", "pymum"]},
        {"type": "sorted", "descending": false}
    ]))
    .expect("valid");
    let order = |family: &str| reordered(list.get(family).expect("an orderer"), family);
    assert_eq!(order("python"), ["2.5.2", "2.6.0", "2.6.8", "2.7.0"]);
    assert_eq!(order("pymum"), ["2", "1", "3"]);
    assert_eq!(order("pysplit"), ["5", "6", "7"]);
}

#[test]
fn bad_settings_are_refused_naming_the_entry() {
    for (pod, needle) in [
        (json!([{"type": "fastest"}]), "[0]"),
        (json!([{"descending": true}]), "'type'"),
        (json!([{"type": "sorted"}]), "'descending'"),
        (json!([{"type": "version_split"}]), "'first_version'"),
        (json!([{"type": "soft_timestamp"}]), "'timestamp'"),
        (
            json!([{"type": "per_family", "orderers": [{"type": "no_order"}]}]),
            "'packages'",
        ),
        (json!({"type": "no_order"}), "list"),
    ] {
        let err = PackageOrderList::from_pod(&pod).expect_err("refused");
        assert!(err.to_string().contains(needle), "{err} lacks {needle}");
    }
}

#[test]
fn per_family_default_order_reaches_only_through_a_catch_all() {
    // an inner orderer listing "*" routes every family to the per_family
    // orderer, whose default_order then orders those it does not list
    let list = PackageOrderList::from_pod(&json!([{
        "type": "per_family",
        "orderers": [{"packages": ["*"], "type": "version_split", "first_version": "2.6.0"}],
        "default_order": {"type": "sorted", "descending": false}
    }]))
    .expect("valid");
    let orderer = list.get("python").expect("routed by *");
    assert_eq!(
        reordered(orderer, "python"),
        ["2.5.2", "2.6.0", "2.6.8", "2.7.0"]
    );
    // without a default_order rez raises RuntimeError
    let list = PackageOrderList::from_pod(&json!([{
        "type": "per_family",
        "orderers": [{"packages": ["*"], "type": "no_order"}]
    }]))
    .expect("valid");
    let provider = packages();
    let err = list
        .get("python")
        .expect("routed by *")
        .key("python", &Point::Finite(v("2.6.0")), &provider)
        .expect_err("rez raises");
    assert!(err.to_string().starts_with("RuntimeError"), "{err}");
}

#[test]
fn soft_timestamp_with_a_rank_cannot_key_infinity() {
    let provider = packages();
    let err = timestamp(3001.0, 3)
        .key("timestamped", &Point::Infinity, &provider)
        .expect_err("rez raises");
    assert_eq!(
        err.to_string(),
        "RuntimeError: Version.inf cannot be trimmed"
    );
}
