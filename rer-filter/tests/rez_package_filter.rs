//! Every case of rez 3.4.0's `test_package_filter.py`, as a table, with
//! rez's expected versions. The packages are those rez's test uses
//! (`pydad` and `pymum` 1-3 from its solver test repository, `timestamped`
//! from `py_packages`, whose package.py files set timestamps 1000..8000).

use std::collections::BTreeSet;

use rer_filter::{PackageFilter, PackageFilterList, Rule};
use rer_repo::Package;
use rer_version::Requirement;
use serde_json::{Value, json};

fn packages(family: &str) -> Vec<Package> {
    let versions: &[(&str, Option<i64>)] = match family {
        "pydad" | "pymum" => &[("1", None), ("2", None), ("3", None)],
        "timestamped" => &[
            ("1.0.5", Some(1000)),
            ("1.0.6", Some(2000)),
            ("1.1.0", Some(3000)),
            ("1.1.1", Some(4000)),
            ("1.2.0", Some(5000)),
            ("2.0.0", Some(6000)),
            ("2.1.0", Some(7000)),
            ("2.1.5", Some(8000)),
        ],
        other => panic!("no test family {other}"),
    };
    versions
        .iter()
        .map(|(v, t)| {
            let mut p = Package::new(family, v.parse().unwrap());
            p.timestamp = *t;
            p
        })
        .collect()
}

/// How a case builds its filter, as rez's test does.
enum Built {
    Filter(PackageFilter),
    List(PackageFilterList),
    FilterPod(Value),
    ListPod(Value),
}

/// The versions of `family` the filter lets through, then again after a
/// round trip through rez's pod format (rez's `_test` does both).
fn kept(built: Built, family: &str) -> [BTreeSet<String>; 2] {
    let keep = |excludes: &dyn Fn(&Package) -> bool| -> BTreeSet<String> {
        packages(family)
            .iter()
            .filter(|p| !excludes(p))
            .map(|p| p.version.to_string())
            .collect()
    };
    match built {
        Built::Filter(f) => filter_pair(f, keep),
        Built::FilterPod(pod) => filter_pair(PackageFilter::from_pod(&pod).unwrap(), keep),
        Built::List(l) => list_pair(l, keep),
        Built::ListPod(pod) => list_pair(PackageFilterList::from_pod(&pod).unwrap(), keep),
    }
}

fn filter_pair(
    f: PackageFilter,
    keep: impl Fn(&dyn Fn(&Package) -> bool) -> BTreeSet<String>,
) -> [BTreeSet<String>; 2] {
    let again = PackageFilter::from_pod(&f.to_pod()).unwrap();
    [
        keep(&|p| f.excludes(p).is_some()),
        keep(&|p| again.excludes(p).is_some()),
    ]
}

fn list_pair(
    l: PackageFilterList,
    keep: impl Fn(&dyn Fn(&Package) -> bool) -> BTreeSet<String>,
) -> [BTreeSet<String>; 2] {
    let again = PackageFilterList::from_pod(&l.to_pod()).unwrap();
    [
        keep(&|p| l.excludes(p).is_some()),
        keep(&|p| again.excludes(p).is_some()),
    ]
}

fn excluding(rule: Rule) -> Built {
    let mut f = PackageFilter::new();
    f.add_exclusion(rule);
    Built::Filter(f)
}

#[test]
fn rez_test_package_filter_cases() {
    let filter_list_pod = json!([
        {"excludes": ["*.0"]},
        {"excludes": ["*-2.*"], "includes": ["pymum"]},
    ]);
    let cases: Vec<(&str, Built, &str, &[&str])> = vec![
        (
            "test_empty_filter",
            Built::Filter(PackageFilter::new()),
            "pydad",
            &["1", "2", "3"],
        ),
        (
            "test_empty_filter_list",
            Built::List(PackageFilterList::new()),
            "pydad",
            &["1", "2", "3"],
        ),
        (
            "test_glob_filter",
            excluding(Rule::glob("timestamped-*.5").unwrap()),
            "timestamped",
            &["1.0.6", "1.1.0", "1.1.1", "1.2.0", "2.0.0", "2.1.0"],
        ),
        (
            "test_regex_filter",
            excluding(Rule::regex("timestamped-1.[1|2].*").unwrap()),
            "timestamped",
            &["1.0.5", "1.0.6", "2.0.0", "2.1.0", "2.1.5"],
        ),
        (
            "test_range_filter",
            excluding(Rule::range(Requirement::parse("timestamped-1.1+").unwrap())),
            "timestamped",
            &["1.0.5", "1.0.6"],
        ),
        (
            "test_timestamp_filter",
            excluding(Rule::before(6999, Some("timestamped".into()))),
            "timestamped",
            &["2.1.0", "2.1.5"],
        ),
        (
            "test_otherfam_filter",
            excluding(Rule::glob("timestamped-*").unwrap()),
            "pydad",
            &["1", "2", "3"],
        ),
        (
            "test_excl_and_incl",
            Built::FilterPod(
                json!({"excludes": ["glob(*.5)"], "includes": ["range(timestamped-2)"]}),
            ),
            "timestamped",
            &[
                "1.0.6", "1.1.0", "1.1.1", "1.2.0", "2.0.0", "2.1.0", "2.1.5",
            ],
        ),
        (
            "test_filter_list (timestamped)",
            Built::ListPod(filter_list_pod.clone()),
            "timestamped",
            &["1.0.5", "1.0.6", "1.1.1"],
        ),
        (
            "test_filter_list (pymum)",
            Built::ListPod(filter_list_pod),
            "pymum",
            &["1", "2", "3"],
        ),
    ];
    for (name, built, family, expected) in cases {
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        let [first, round_trip] = kept(built, family);
        assert_eq!(first, expected, "{name}");
        assert_eq!(round_trip, expected, "{name}, after to_pod/from_pod");
    }
}

#[test]
fn rules_parse_and_print_as_rez() {
    // (text, str(Rule.parse_rule(text)), family()) as rez 3.4.0 gives them
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("*.beta", "glob(*.beta)", None),
        ("foo-5+", "range(foo-5+)", Some("foo")),
        ("glob(foo-*)", "glob(foo-*)", Some("foo")),
        ("regex(.*-\\.beta)", "regex(.*-\\.beta)", None),
        ("range(foo-5+)", "range(foo-5+)", Some("foo")),
        ("before(1429830188)", "before(1429830188)", None),
        ("after(1429830188)", "after(1429830188)", None),
        ("before(foo:12)", "before(foo:12)", Some("foo")),
        ("foo-1.2-*", "glob(foo-1.2-*)", Some("foo-1.2")),
        ("pymum", "range(pymum)", Some("pymum")),
    ];
    for (text, shown, family) in cases {
        let rule = Rule::parse(text).unwrap();
        assert_eq!(rule.to_string(), *shown, "{text}");
        assert_eq!(rule.family(), *family, "{text}");
    }
    for bad in [
        "timestamp(12)",
        "before(x)",
        "range(foo-1+<0..x)",
        "regex([)",
    ] {
        assert!(Rule::parse(bad).is_err(), "{bad} should not parse");
    }
}
