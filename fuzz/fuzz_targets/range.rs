//! Any string: `VersionRange::parse` never panics; what parses reparses from
//! its printed form to the same set of versions, and survives the set
//! operations.
//!
//! The printed form need not reparse to identical bounds: rez's own union
//! leaves some touching bounds unmerged (`n1|>|>n|n...` prints as `><=n|>n`,
//! which rez reparses as `>`), and rer prints what rez prints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rer_version::VersionRange;

fuzz_target!(|text: &str| {
    if let Ok(r) = VersionRange::parse(text) {
        let again = VersionRange::parse(&r.to_string()).expect("printed range parses");
        assert!(r.difference(&again).is_none() && again.difference(&r).is_none(), "{r} vs {again}");
        if let Some(inv) = r.inverse() {
            assert!(r.intersection(&inv).is_none());
        }
    }
});
