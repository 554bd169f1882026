//! Any string: requirement and request parsing never panic; what parses
//! reparses from its printed form to the same requirement: the same name,
//! flags and set of versions.
//!
//! The printed range need not reparse to identical bounds: rez prints
//! `.<=N|>N|F` as `.<=N|>N`, which it reparses as `.` (any version of `.`),
//! and rer prints what rez prints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rer_version::{Requirement, VersionRange};

fuzz_target!(|text: &str| {
    let _ = Requirement::parse_request(text);
    if let Ok(req) = Requirement::parse(text) {
        let again = Requirement::parse(&req.to_string()).expect("printed requirement parses");
        let flags = |r: &Requirement| (r.name().to_string(), r.is_conflict(), r.is_weak());
        assert_eq!(flags(&again), flags(&req), "{req}");
        let range = |r: &Requirement| r.range().cloned().unwrap_or_else(VersionRange::any);
        let (before, after) = (range(&req), range(&again));
        assert!(
            before.difference(&after).is_none() && after.difference(&before).is_none(),
            "{req} vs {again}"
        );
        let _ = req.merged(&again);
    }
});
