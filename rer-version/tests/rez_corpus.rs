//! Checks rer-version against rez 3.4.0's own answers on ~16,000 generated
//! cases recorded by `tests/data/record_rez_corpus.py` (run under rez).

use std::cmp::Ordering;

use rer_version::{Requirement, RequirementList, Version, VersionRange};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    versions: Vec<VersionCase>,
    version_pairs: Vec<VersionPair>,
    ranges: Vec<RangeCase>,
    range_pairs: Vec<RangePair>,
    requirements: Vec<RequirementCase>,
    requirement_pairs: Vec<RequirementPair>,
    requirement_lists: Vec<ListCase>,
}

#[derive(Deserialize)]
struct VersionCase {
    input: String,
    ok: bool,
    str: Option<String>,
    len: Option<usize>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct VersionPair {
    a: String,
    b: String,
    cmp: i32,
}

#[derive(Deserialize)]
struct RangeCase {
    input: String,
    ok: bool,
    str: Option<String>,
    is_any: Option<bool>,
    lower_bounded: Option<bool>,
    upper_bounded: Option<bool>,
    inverse: Option<String>,
    span: Option<String>,
    contains: Option<Vec<(String, bool)>>,
}

#[derive(Deserialize)]
struct RangePair {
    a: String,
    b: String,
    intersection: Option<String>,
    union: String,
    difference: Option<String>,
    intersects: bool,
    issuperset: bool,
    issubset: bool,
    eq: bool,
    lt: bool,
}

#[derive(Deserialize)]
struct RequirementCase {
    input: String,
    ok: bool,
    str: Option<String>,
    name: Option<String>,
    conflict: Option<bool>,
    weak: Option<bool>,
    range: Option<String>,
    request_ok: bool,
}

#[derive(Deserialize)]
struct RequirementPair {
    a: String,
    b: String,
    conflicts_with: bool,
    merged: Option<String>,
    eq: bool,
    version: String,
    conflicts_with_version: bool,
}

#[derive(Deserialize)]
struct ListCase {
    items: Vec<String>,
    str: String,
    conflict: Option<(String, String)>,
    names: Vec<String>,
    conflict_names: Vec<String>,
}

fn corpus() -> Corpus {
    let text = include_str!("data/rez_corpus.json");
    serde_json::from_str(text).expect("corpus parses")
}

/// Collects mismatches so one run reports them all.
#[derive(Default)]
struct Report {
    checked: usize,
    failures: Vec<String>,
}

impl Report {
    fn check<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, input: &str, got: T, want: T) {
        self.checked += 1;
        if got != want {
            self.failures
                .push(format!("{what} {input:?}: got {got:?}, rez says {want:?}"));
        }
    }

    fn finish(self, name: &str) {
        println!("{name}: {} checks", self.checked);
        assert!(
            self.failures.is_empty(),
            "{} of {} checks differ from rez:\n{}",
            self.failures.len(),
            self.checked,
            self.failures
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

fn v(s: &str) -> Version {
    Version::parse(s).expect("corpus version is valid")
}

fn r(s: &str) -> VersionRange {
    VersionRange::parse(s).expect("corpus range is valid")
}

fn q(s: &str) -> Requirement {
    Requirement::parse(s).expect("corpus requirement is valid")
}

#[test]
fn versions_parse_and_print_as_rez() {
    let mut report = Report::default();
    for case in corpus().versions {
        let parsed = Version::parse(&case.input);
        report.check("parse ok", &case.input, parsed.is_ok(), case.ok);
        if let Ok(ver) = parsed {
            report.check("str", &case.input, Some(ver.to_string()), case.str);
            report.check("len", &case.input, Some(ver.len()), case.len);
            report.check(
                "next",
                &case.input,
                ver.next().map(|n| n.to_string()),
                case.next,
            );
        }
    }
    report.finish("versions");
}

#[test]
fn versions_order_as_rez() {
    let mut report = Report::default();
    for case in corpus().version_pairs {
        let want = case.cmp.cmp(&0);
        let (a, b) = (v(&case.a), v(&case.b));
        report.check("cmp", &format!("{} vs {}", case.a, case.b), a.cmp(&b), want);
        report.check(
            "eq",
            &format!("{} vs {}", case.a, case.b),
            a == b,
            want == Ordering::Equal,
        );
    }
    report.finish("version pairs");
}

#[test]
fn ranges_parse_and_print_as_rez() {
    let mut report = Report::default();
    for case in corpus().ranges {
        let parsed = VersionRange::parse(&case.input);
        report.check("parse ok", &case.input, parsed.is_ok(), case.ok);
        let Ok(range) = parsed else { continue };
        report.check("str", &case.input, Some(range.to_string()), case.str);
        report.check("is_any", &case.input, Some(range.is_any()), case.is_any);
        report.check(
            "lower_bounded",
            &case.input,
            Some(range.is_lower_bounded()),
            case.lower_bounded,
        );
        report.check(
            "upper_bounded",
            &case.input,
            Some(range.is_upper_bounded()),
            case.upper_bounded,
        );
        report.check(
            "inverse",
            &case.input,
            range.inverse().map(|x| x.to_string()),
            case.inverse,
        );
        report.check(
            "span",
            &case.input,
            Some(range.span().to_string()),
            case.span,
        );
        for (ver, want) in case.contains.unwrap_or_default() {
            report.check(
                "contains",
                &format!("{} in {}", ver, case.input),
                range.contains(&v(&ver)),
                want,
            );
        }
    }
    report.finish("ranges");
}

#[test]
fn range_operations_match_rez() {
    let mut report = Report::default();
    for case in corpus().range_pairs {
        let (a, b) = (r(&case.a), r(&case.b));
        let label = format!("{:?} / {:?}", case.a, case.b);
        report.check(
            "intersection",
            &label,
            a.intersection(&b).map(|x| x.to_string()),
            case.intersection,
        );
        report.check("union", &label, a.union(&b).to_string(), case.union);
        report.check(
            "difference",
            &label,
            a.difference(&b).map(|x| x.to_string()),
            case.difference,
        );
        report.check("intersects", &label, a.intersects(&b), case.intersects);
        report.check("issuperset", &label, a.is_superset_of(&b), case.issuperset);
        report.check("issubset", &label, a.is_subset_of(&b), case.issubset);
        report.check("eq", &label, a == b, case.eq);
        report.check("lt", &label, a < b, case.lt);
    }
    report.finish("range pairs");
}

#[test]
fn requirements_parse_and_print_as_rez() {
    let mut report = Report::default();
    for case in corpus().requirements {
        let parsed = Requirement::parse(&case.input);
        report.check("parse ok", &case.input, parsed.is_ok(), case.ok);
        report.check(
            "request ok",
            &case.input,
            Requirement::parse_request(&case.input).is_ok(),
            case.request_ok,
        );
        let Ok(req) = parsed else { continue };
        report.check("str", &case.input, Some(req.to_string()), case.str);
        report.check("name", &case.input, Some(req.name().to_owned()), case.name);
        report.check(
            "conflict",
            &case.input,
            Some(req.is_conflict()),
            case.conflict,
        );
        report.check("weak", &case.input, Some(req.is_weak()), case.weak);
        report.check(
            "range",
            &case.input,
            req.range().map(|x| x.to_string()),
            case.range,
        );
    }
    report.finish("requirements");
}

#[test]
fn requirement_operations_match_rez() {
    let mut report = Report::default();
    for case in corpus().requirement_pairs {
        let (a, b) = (q(&case.a), q(&case.b));
        let label = format!("{:?} / {:?}", case.a, case.b);
        report.check(
            "conflicts_with",
            &label,
            a.conflicts_with(&b),
            case.conflicts_with,
        );
        report.check(
            "merged",
            &label,
            a.merged(&b).map(|x| x.to_string()),
            case.merged,
        );
        report.check("eq", &label, a == b, case.eq);
        let with_version = format!("{:?} vs {}", case.a, case.version);
        report.check(
            "conflicts_with_version",
            &with_version,
            a.conflicts_with_version(a.name(), &v(&case.version)),
            case.conflicts_with_version,
        );
    }
    report.finish("requirement pairs");
}

#[test]
fn requirement_lists_match_rez() {
    let mut report = Report::default();
    for case in corpus().requirement_lists {
        let list = RequirementList::new(case.items.iter().map(|s| q(s)));
        let label = format!("{:?}", case.items);
        report.check("str", &label, list.to_string(), case.str);
        let conflict = list.conflict().map(|(a, b)| (a.to_string(), b.to_string()));
        report.check("conflict", &label, conflict, case.conflict);
        let mut names: Vec<String> = list.names().map(str::to_owned).collect();
        names.sort();
        let mut conflict_names: Vec<String> = list.conflict_names().map(str::to_owned).collect();
        conflict_names.sort();
        if list.conflict().is_none() {
            report.check("names", &label, names, case.names);
            report.check(
                "conflict_names",
                &label,
                conflict_names,
                case.conflict_names,
            );
        }
    }
    report.finish("requirement lists");
}
