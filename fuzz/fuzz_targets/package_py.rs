//! Any bytes as a package.py: the static reader never panics; it reads a
//! definition or returns an error naming the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rer_provider_fs::parse_package_py_bytes;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz/1.0/package.py");
    if let Err(e) = parse_package_py_bytes(data, path) {
        assert!(e.to_string().contains("package.py"), "error does not name the file: {e}");
    }
});
