//! Any string: `Version::parse` never panics, and what parses prints back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rer_version::Version;

fuzz_target!(|text: &str| {
    if let Ok(v) = Version::parse(text) {
        assert_eq!(v.to_string(), text);
        let again = Version::parse(&v.to_string()).expect("printed version parses");
        assert_eq!(again, v);
        let _ = v.next();
    }
});
