//! The readers never panic, whatever the input (the property the fuzz
//! targets check at length).

use std::path::Path;

use proptest::prelude::*;
use rer_provider_fs::{parse_package_py, parse_package_py_bytes, parse_package_yaml};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn package_py_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_package_py_bytes(&bytes, Path::new("package.py"));
    }

    #[test]
    fn package_py_python_like(text in "[a-z_ =\\[\\]'\"(),:;#\\\\\n\t@{}0-9.+*rbuxNU-]{0,160}") {
        let _ = parse_package_py(&text, Path::new("package.py"));
        let with_requires = format!("requires = {text}");
        let _ = parse_package_py(&with_requires, Path::new("package.py"));
    }

    #[test]
    fn package_yaml(text in "[a-z_ :\\[\\]'\"{},#&*!|>\n\t0-9.+-]{0,160}") {
        let _ = parse_package_yaml(&text, Path::new("package.yaml"));
    }
}
