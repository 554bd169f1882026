//! Bad input: each case gives rez 3.4.0's outcome (checked against rez
//! itself), as an error that names the file and, where there is one, the
//! line. Nothing panics and nothing is dropped silently.

mod common;

use std::io::ErrorKind;

use common::{family, repo, requirement_strings, write_tree};
use rer_provider_fs::FsProvider;
use rer_repo::{FamilyProvider, ProviderError};

fn provider(dir: &tempfile::TempDir) -> FsProvider {
    FsProvider::new([dir.path()]).unwrap()
}

/// The error loading version index `i` of `foo`; the other versions must load.
fn load_error(files: &[(&str, &[u8])], bad: usize) -> ProviderError {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(&str, Option<&[u8]>)> = files.iter().map(|(p, c)| (*p, Some(*c))).collect();
    write_tree(dir.path(), &files);
    let provider = provider(&dir);
    let fam = family(&provider, "foo");
    for i in 0..fam.len() {
        if i != bad {
            fam.package(i)
                .unwrap_or_else(|e| panic!("version index {i}: {e}"));
        }
    }
    fam.package(bad).unwrap_err()
}

/// The requirements of `foo`'s only package, defined by `package_py`.
fn foo_requires(package_py: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("foo/1/package.py", Some(package_py))]);
    let p = provider(&dir);
    requirement_strings(family(&p, "foo").package(0).unwrap()).0
}

/// Asserts that `error` is an invalid package, field and value, whose
/// origin ends with `origin`.
fn assert_invalid_package(error: &ProviderError, what: (&str, &str, &str), origin: &str) {
    match error {
        ProviderError::InvalidPackage {
            package,
            origin: at,
            field,
            value,
            ..
        } => {
            assert_eq!((package.as_str(), *field, value.as_str()), what);
            assert!(at.ends_with(origin), "{at}");
        }
        other => panic!("{other:?}"),
    }
}

fn assert_parse_error(error: &ProviderError, file: &str, line: Option<usize>, words: &str) {
    match error {
        ProviderError::Parse {
            path,
            line: at,
            message,
        } => {
            assert!(path.ends_with(file), "{error}");
            assert_eq!(*at, line, "{error}");
            assert!(message.contains(words), "{error}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    assert!(error.to_string().contains(file));
}

#[test]
fn syntax_error_fails_only_that_version() {
    let e = load_error(
        &[
            ("foo/1/package.py", b"name = 'foo'\nrequires = [\n"),
            ("foo/2/package.py", b"requires = []\n"),
        ],
        0,
    );
    assert_parse_error(&e, "foo/1/package.py", Some(2), "never closed");
    let e = load_error(
        &[("foo/1/package.py", b"def f():\n\tif 1:\n        return 1\n")],
        0,
    );
    assert_parse_error(&e, "foo/1/package.py", Some(3), "inconsistent use of tabs");
}

#[test]
fn non_utf8_bytes() {
    // In a comment CPython 3.11 (and so rez) accepts them.
    assert_eq!(
        foo_requires(b"name = 'foo'  # caf\xe9\nrequires = ['bar']\n"),
        ["bar"]
    );
    // In a string it is an error.
    let e = load_error(
        &[(
            "foo/1/package.py",
            b"name = 'foo'\ndescription = 'caf\xe9'\n",
        )],
        0,
    );
    assert_parse_error(&e, "foo/1/package.py", Some(2), "utf-8");
    // With an encoding line it is decoded.
    assert_eq!(
        foo_requires(b"# -*- coding: latin-1 -*-\ndescription = 'caf\xe9'\nrequires = ['bar']\n"),
        ["bar"]
    );
}

#[test]
fn package_py_that_is_a_directory_or_missing() {
    for layout in [&[("foo/1/package.py", None)][..], &[("foo/1", None)][..]] {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), layout);
        write_tree(dir.path(), &[("foo/2/package.py", Some(b""))]);
        let p = provider(&dir);
        let fam = family(&p, "foo");
        fam.package(1).unwrap();
        match fam.package(0).unwrap_err() {
            ProviderError::Io {
                path,
                kind,
                message,
            } => {
                assert!(path.ends_with("foo/1/package.py"));
                assert_eq!(kind, ErrorKind::NotFound);
                assert!(message.contains("missing package definition file"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn invalid_version_directory_fails_the_family() {
    let dir = repo(&[("foo/1..2/package.py", ""), ("foo/2/package.py", "")]);
    let e = provider(&dir).family("foo").unwrap_err();
    assert_invalid_package(&e, ("foo", "version", "1..2"), "foo/1..2");
    // Also when the bad directory is in a later root.
    let dir = repo(&[("r1/foo/1/package.py", ""), ("r2/foo/x..y/package.py", "")]);
    let p = FsProvider::new([dir.path().join("r1"), dir.path().join("r2")]).unwrap();
    assert!(p.family("foo").is_err());
}

#[test]
fn name_mismatch_and_empty_file_take_the_directory_word() {
    let dir = repo(&[
        ("foo/1/package.py", "name = 'bar'\nrequires = ['baz']\n"),
        ("foo/2/package.py", ""),
    ]);
    let p = provider(&dir);
    let fam = family(&p, "foo");
    assert_eq!(&*fam.package(0).unwrap().name, "foo");
    let empty = fam.package(1).unwrap();
    assert!(empty.requires.is_empty() && empty.variants.is_empty() && empty.timestamp.is_none());
}

#[test]
fn requires_of_the_wrong_shape() {
    for (src, words) in [
        ("requires = ('bar-1',)\n", "not a tuple"),
        ("requires = {'bar-1'}\n", "not a set"),
        ("requires = 'bar-1'\n", "not a str"),
        ("requires = None\n", "not a NoneType"),
        (
            "requires = ['bar', 1]\n",
            "'requires[1]' must be a string, not an int",
        ),
        ("requires = [b'bar']\n", "not a bytes"),
        ("variants = (('bar-1',),)\n", "not a tuple"),
        ("variants = ['bar-1']\n", "not a str"),
        ("variants = None\n", "not a NoneType"),
    ] {
        let e = load_error(&[("foo/1/package.py", src.as_bytes())], 0);
        assert_parse_error(&e, "foo/1/package.py", Some(1), words);
    }
}

#[test]
fn invalid_requirement_names_the_file_and_line() {
    let e = load_error(
        &[("foo/1/package.py", b"name = 'foo'\nrequires = ['-bar']\n")],
        0,
    );
    assert_invalid_package(&e, ("foo-1", "requires", "-bar"), "foo/1/package.py:2");
}

#[test]
fn requirement_names_outside_rez_alphabet_are_errors() {
    for src in ["requires = ['caf\u{e9}']\n", "requires = [r'a\\'']\n"] {
        let e = load_error(&[("foo/1/package.py", src.as_bytes())], 0);
        assert!(
            matches!(
                e,
                ProviderError::InvalidPackage {
                    field: "requires",
                    ..
                }
            ),
            "{src}: {e}"
        );
    }
}

#[test]
fn variants_empty_and_with_one_empty_variant() {
    let dir = repo(&[
        ("foo/1/package.py", "variants = []\n"),
        ("foo/2/package.py", "variants = [[]]\n"),
    ]);
    let p = provider(&dir);
    let fam = family(&p, "foo");
    assert_eq!(fam.package(0).unwrap().variant_count(), 1);
    assert_eq!(fam.package(0).unwrap().variants.len(), 0);
    assert_eq!(fam.package(1).unwrap().variants.len(), 1);
}

#[test]
fn timestamp_that_is_not_an_integer_is_no_timestamp() {
    let dir = repo(&[
        ("foo/1/package.py", "timestamp = 'abc'\n"),
        ("foo/2/package.py", "timestamp = 1.5\n"),
    ]);
    let p = provider(&dir);
    let fam = family(&p, "foo");
    assert_eq!(fam.package(0).unwrap().timestamp, None);
    assert_eq!(fam.package(1).unwrap().timestamp, None);
}

#[test]
fn definitions_that_need_running_are_errors_naming_the_construct() {
    for (src, line, words) in [
        (
            "name = 'foo'\n@early()\ndef requires():\n    return ['bar']\n",
            3,
            "@early()",
        ),
        (
            "@late()\ndef requires():\n    return ['bar']\n",
            2,
            "@late()",
        ),
        (
            "import os\nrequires = os.environ.get('X', [])\n",
            2,
            "not a literal",
        ),
        ("if True:\n    requires = ['bar']\n", 1, "'if' statement"),
        (
            "requires = ['a']\nrequires.append('b')\n",
            2,
            "requires.append('b')",
        ),
        (
            "@early()\ndef variants():\n    return [['bar']]\n",
            2,
            "@early()",
        ),
    ] {
        let e = load_error(&[("foo/1/package.py", src.as_bytes())], 0);
        match &e {
            ProviderError::NeedsEvaluation {
                path,
                line: at,
                construct,
                remedy,
                ..
            } => {
                assert!(path.ends_with("foo/1/package.py"), "{e}");
                assert_eq!(*at, Some(line), "{e}");
                assert!(construct.contains(words), "{e}");
                assert!(remedy.contains("PackageEvaluator"), "{e}");
            }
            other => panic!("expected NeedsEvaluation, got {other:?}"),
        }
        assert!(e.to_string().contains("cannot read"), "{e}");
        assert!(e.to_string().contains("foo/1/package.py"), "{e}");
    }
}

#[test]
fn plain_function_named_requires_is_dropped_as_rez_drops_it() {
    let dir = repo(&[(
        "foo/1/package.py",
        "requires = ['baz']\ndef requires():\n    return ['bar']\n",
    )]);
    let p = provider(&dir);
    assert!(family(&p, "foo").package(0).unwrap().requires.is_empty());
}

/// rez takes `1.0` and `1-0` for one version and uses whichever its set of
/// names yields first; rer uses the first by name, every time, and warns.
#[test]
fn equal_version_directories_keep_the_first_by_name_with_a_warning() {
    let dir = repo(&[
        ("foo/1.0/package.py", "requires = ['a']\n"),
        ("foo/1-0/package.py", "requires = ['b']\n"),
    ]);
    let p = provider(&dir);
    let f = family(&p, "foo");
    assert_eq!(f.len(), 1);
    assert_eq!(f.versions()[0].to_string(), "1-0");
    assert_eq!(f.package(0).unwrap().requires[0].to_string(), "b");
    let warnings = p.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("foo/1-0") && warnings[0].contains("foo/1.0"),
        "{warnings:?}"
    );
}

#[test]
fn bad_yaml() {
    let e = load_error(&[("foo/1/package.yaml", b"name: foo\nrequires: [bar\n")], 0);
    assert!(
        matches!(&e, ProviderError::Parse { path, .. } if path.ends_with("foo/1/package.yaml")),
        "{e}"
    );
    let e = load_error(&[("foo/1/package.yaml", b"- a\n")], 0);
    assert_parse_error(&e, "foo/1/package.yaml", Some(1), "must be a mapping");
    // YAML 1.1: `yes` is a boolean, not a string.
    let e = load_error(&[("foo/1/package.yaml", b"requires: [yes]\n")], 0);
    assert_parse_error(&e, "foo/1/package.yaml", Some(1), "not a bool");
    // An empty document is an empty package.
    let dir = repo(&[("foo/1/package.yaml", "")]);
    assert!(
        family(&provider(&dir), "foo")
            .package(0)
            .unwrap()
            .requires
            .is_empty()
    );
}

#[test]
fn bad_combined_files_fail_the_family() {
    let dir = repo(&[("foo.py", "versions = ['1', '1..x']\n")]);
    assert!(provider(&dir).family("foo").is_err());
    let dir = repo(&[("foo.yaml", "versions: [1\n")]);
    assert!(provider(&dir).family("foo").is_err());
}

#[test]
fn nothing_panics_on_garbage() {
    let samples: [&[u8]; 12] = [
        b"\xff\xfe\x00",
        b"requires = [[[[[[",
        b"'''",
        b"\\",
        b"x = 1 +",
        b"@",
        b"def",
        b"requires = {1: [}",
        b"requires = ['\\N{EM DASH}']",
        b"\t\t x\n y",
        b"requires = 0x",
        b"requires = '\\U0011ffff'",
    ];
    for bytes in samples {
        let _ =
            rer_provider_fs::parse_package_py_bytes(bytes, std::path::Path::new("x/package.py"));
        let _ = rer_provider_fs::parse_package_yaml(
            &String::from_utf8_lossy(bytes),
            std::path::Path::new("x/package.yaml"),
        );
    }
}
