//! Any text as a package.yaml: the reader never panics.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rer_provider_fs::parse_package_yaml;

fuzz_target!(|text: &str| {
    let _ = parse_package_yaml(text, Path::new("fuzz/1.0/package.yaml"));
});
