//! Any string: requirement and request parsing never panic; what parses
//! round-trips through its printed form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rer_version::Requirement;

fuzz_target!(|text: &str| {
    let _ = Requirement::parse_request(text);
    if let Ok(req) = Requirement::parse(text) {
        let again = Requirement::parse(&req.to_string()).expect("printed requirement parses");
        assert_eq!(again, req);
        let _ = req.merged(&again);
    }
});
