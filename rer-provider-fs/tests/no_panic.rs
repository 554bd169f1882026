//! The readers never panic, whatever the input (the property the fuzz
//! targets check at length).

use std::path::Path;

use proptest::prelude::*;
use rer_provider_fs::{parse_package_py, parse_package_py_bytes, parse_package_yaml};

/// Pieces of package definitions, valid and not, to combine.
const SNIPPETS: &[&str] = &[
    "requires = ['a', 'b-1+']\n",
    "variants = [['x'], ['y']]\n",
    "with scope('config') as c:\n",
    "with scope('version_overrides'):\n",
    "    with scope('1+') as s:\n",
    "        s.a.b = 1\n",
    "    requires = ['z']\n",
    "    x = f()\n",
    "    pass\n",
    "def commands():\n",
    "@early()\n",
    "if x:\n",
    "else:\n",
    "\tpass\n",
    "timestamp = 5\n",
    "requires.append('q')\n",
    "x = requires + ['b']\n",
    "raise Exception('x')\n",
    "    return 1\n",
    "requires = [\n",
    "]\n",
    "'''doc\n",
    "# comment\n",
    "\\\n",
];

proptest! {
    #![proptest_config(rer_tests::prop::config(
        2000,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/proptest-regressions/no_panic.txt"),
    ))]

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
    fn package_py_from_snippets(lines in proptest::collection::vec(0usize..SNIPPETS.len(), 0..14)) {
        let text: String = lines.iter().map(|&i| SNIPPETS[i]).collect();
        let _ = parse_package_py(&text, Path::new("package.py"));
    }

    #[test]
    fn package_yaml(text in "[a-z_ :\\[\\]'\"{},#&*!|>\n\t0-9.+-]{0,160}") {
        let _ = parse_package_yaml(&text, Path::new("package.yaml"));
    }
}
