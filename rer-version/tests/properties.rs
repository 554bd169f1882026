//! Algebraic properties of the version types, over generated inputs.

use proptest::prelude::*;
use rer_version::{Requirement, Version, VersionRange};

fn token() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof!["[0-9]{1,3}", "[a-zA-Z_]{1,3}"], 1..3)
        .prop_map(|p| p.concat())
}

fn version_text() -> impl Strategy<Value = String> {
    (
        token(),
        prop::collection::vec((prop_oneof![Just('.'), Just('-')], token()), 0..4),
    )
        .prop_map(|(first, rest)| {
            let mut s = first;
            for (sep, tok) in rest {
                s.push(sep);
                s.push_str(&tok);
            }
            s
        })
}

fn version() -> impl Strategy<Value = Version> {
    version_text().prop_map(|s| Version::parse(&s).expect("generated versions are valid"))
}

fn range_part() -> impl Strategy<Value = String> {
    (version_text(), version_text(), 0..8u8).prop_map(|(a, b, form)| match form {
        0 => a,
        1 => format!("=={a}"),
        2 => format!("{a}+"),
        3 => format!("<{a}"),
        4 => format!(">{a}"),
        5 => format!("<={a}"),
        6 => format!("{a}+<{b}"),
        _ => format!("{a}..{b}"),
    })
}

fn range() -> impl Strategy<Value = VersionRange> {
    prop::collection::vec(range_part(), 1..4).prop_filter_map("empty bound", |parts| {
        VersionRange::parse(&parts.join("|")).ok()
    })
}

/// 512 cases, or `$PROPTEST_CASES`; failing seeds saved beside this file in
/// `proptest-regressions/` (as `rer_tests::prop::config` does for the other
/// suites; rer-tests sits above this crate, so it is not used here).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/proptest-regressions/properties.txt"
            )),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn version_order_is_total_and_consistent(a in version(), b in version(), c in version()) {
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a == b, a.cmp(&b).is_eq());
        if a <= b && b <= c {
            prop_assert!(a <= c);
        }
    }

    #[test]
    fn version_display_round_trips(a in version()) {
        let again = Version::parse(&a.to_string()).expect("printed version parses");
        prop_assert_eq!(&again, &a);
        prop_assert_eq!(again.to_string(), a.to_string());
    }

    #[test]
    fn version_is_below_its_next(a in version()) {
        let next = a.next().expect("non-empty version has a next");
        prop_assert!(a < next);
    }

    #[test]
    fn range_display_round_trips(r in range()) {
        // Same versions; usually the same bounds too, but not always: rez's
        // union can leave touching bounds apart (see rez_tables.rs).
        let again = VersionRange::parse(&r.to_string()).expect("printed range parses");
        prop_assert!(r.difference(&again).is_none() && again.difference(&r).is_none(), "{} vs {}", r, again);
        let third = VersionRange::parse(&again.to_string()).expect("printed range parses");
        prop_assert_eq!(third, again);
    }

    #[test]
    fn contains_agrees_with_intersection(a in range(), b in range(), v in version()) {
        let both = a.intersection(&b);
        let in_both = both.as_ref().is_some_and(|x| x.contains(&v));
        prop_assert_eq!(in_both, a.contains(&v) && b.contains(&v));
        prop_assert_eq!(a.union(&b).contains(&v), a.contains(&v) || b.contains(&v));
        let inverse_has = a.inverse().is_some_and(|x| x.contains(&v));
        prop_assert_eq!(inverse_has, !a.contains(&v));
        if a.contains(&v) && b.contains(&v) {
            prop_assert!(a.intersects(&b));
        }
    }

    #[test]
    fn union_all_holds_the_versions_of_every_range(rs in proptest::collection::vec(range(), 1..6), v in version()) {
        let all = VersionRange::union_all(&rs).expect("some ranges");
        prop_assert_eq!(all.contains(&v), rs.iter().any(|r| r.contains(&v)));
        if let [a, b] = &rs[..] {
            prop_assert_eq!(VersionRange::union_all([a, b]), Some(a.union(b)));
        }
    }

    #[test]
    fn subset_agrees_with_intersection(a in range(), b in range()) {
        let sub = a.is_subset_of(&b);
        prop_assert_eq!(sub, a.intersection(&b).as_ref() == Some(&a));
    }

    #[test]
    fn requirement_display_round_trips(name in "[a-z][a-z0-9_]{0,5}", r in range(), prefix in prop_oneof![Just(""), Just("!"), Just("~")]) {
        let text = format!("{prefix}{name}-{r}");
        let req = Requirement::parse(&text).expect("generated requirement parses");
        let again = Requirement::parse(&req.to_string()).expect("printed requirement parses");
        prop_assert_eq!(again, req);
    }

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = Version::parse(&s);
        let _ = VersionRange::parse(&s);
        let _ = Requirement::parse(&s);
        let _ = Requirement::parse_request(&s);
    }

    #[test]
    fn parsers_never_panic_on_near_valid_input(base in range_part(), pos in any::<prop::sample::Index>(), junk in "[.\\-+<>=|,~!@# _a1\n]{0,3}") {
        let mut s = base;
        let at = pos.index(s.len() + 1);
        s.insert_str(at, &junk);
        let _ = VersionRange::parse(&s);
        let _ = Requirement::parse(&format!("foo-{s}"));
    }
}
