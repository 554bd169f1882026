//! Misreads the differential check (`tests/static_read.rs`) found, each
//! with rez 3.4.0's outcome as `tests/data/static_read/generate.py`
//! recorded it (the case named in each test).

use std::path::Path;

use rer_provider_fs::parse_package_py;
use rer_repo::ProviderError;

fn read(text: &str) -> Result<rer_provider_fs::PackageDefinition, ProviderError> {
    parse_package_py(text, Path::new("package.py"))
}

/// `py_requires_0068`: rez fails to compile it (`SyntaxError: name
/// 'requires' is assigned to before global declaration`, line 2).
#[test]
fn global_after_assignment_is_a_syntax_error() {
    match read("requires = ['a']\nglobal requires\n") {
        Err(ProviderError::Parse { line, message, .. }) => {
            assert_eq!(line, Some(2));
            assert!(message.contains("before global declaration"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

/// `py_requires_0784`: rez reads `['a']`.
#[test]
fn global_before_assignment_is_read() {
    assert_eq!(
        read("global requires\nrequires = ['a']\n")
            .unwrap()
            .requires,
        ["a"]
    );
}

/// `py_requires_0820`: rez reads `['a']` (CPython does not count an import
/// as binding the name before `global`); rer must not fail it.
#[test]
fn global_after_import_is_no_error() {
    assert!(matches!(
        read("requires = ['a']\nimport os\nglobal os\n"),
        Ok(_) | Err(ProviderError::NeedsEvaluation { .. })
    ));
}

/// `py_requires_0804` and `py_requires_0808`: rez fails to compile both
/// (line 3, line 2); rer, which does not model a function's scopes,
/// refuses them.
#[test]
fn global_in_a_function_body_is_refused() {
    for text in [
        "def f():\n    requires = 1\n    global requires\nrequires = ['a']\n",
        "def f(requires):\n    global requires\nrequires = ['a']\n",
    ] {
        assert!(
            matches!(read(text), Err(ProviderError::NeedsEvaluation { .. })),
            "{text:?}: {:?}",
            read(text)
        );
    }
}

/// `py_timestamp_0950`, `py_timestamp_0979`: rez reads
/// 99999999999999999999 and its negative; rer keeps their sign (a solve
/// only compares a timestamp with a time and with 0), where it kept none.
#[test]
fn a_timestamp_beyond_i64_saturates() {
    assert_eq!(
        read("timestamp = 99999999999999999999\n")
            .unwrap()
            .timestamp,
        Some(i64::MAX)
    );
    assert_eq!(
        read("timestamp = -99999999999999999999\n")
            .unwrap()
            .timestamp,
        Some(i64::MIN)
    );
}

/// `py_timestamp_0983`: rez raises reading a `@late()` timestamp
/// (`PackageMetadataError`); rer refused nothing and read no timestamp.
/// A timestamp set by code is now refused, like `requires`.
#[test]
fn a_timestamp_set_by_code_is_refused() {
    assert!(matches!(
        read("@late()\ndef timestamp():\n    return 5\n"),
        Err(ProviderError::NeedsEvaluation {
            field: "timestamp",
            ..
        })
    ));
}
