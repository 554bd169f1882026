//! The helper process against rez 3.4.0 itself: what it reads, and its
//! bounds. The expected values are rez's own answers on the same files
//! (`ResolvedContext(..., add_implicit_packages=False)` resolving them).
//!
//! These need a Python with rez: `RER_REZ_PYTHON`, or the `rez` on `PATH`.
//! Without one they print `SKIPPED` and pass, unless `RER_REQUIRE_REZ` is
//! set to a non-empty value.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_provider_fs::{EvalQuery, Evaluation, FsProvider, PackageEvaluator};
use rer_repo::{FamilyProvider, ProviderError};
use rer_rez_eval::{PythonSource, RezEvaluator, RezOptions};

fn rez_python(test: &str) -> Option<PathBuf> {
    match PythonSource::from_env(None).locate() {
        Ok(python) => Some(python),
        Err(why) => {
            assert!(
                std::env::var_os("RER_REQUIRE_REZ").is_none_or(|v| v.is_empty()),
                "{test}: RER_REQUIRE_REZ is set but no rez was found: {why}"
            );
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

const REPO: &[(&str, &str)] = &[
    (
        "early/1.0/package.py",
        "@early()\ndef variants():\n    return [['bar-1'], ['bar-2']]\n\
         @early()\ndef requires():\n    return ['baz']\n",
    ),
    (
        "late/2.0/package.py",
        "@late()\ndef requires():\n    if in_context():\n        return ['bar-2']\n    return ['bar-1']\n",
    ),
    (
        "lreq/1.0/package.py",
        "@late()\ndef requires():\n    if 'baz' in request:\n        return ['bar-1']\n    return ['bar-2']\n",
    ),
    (
        "plat/1.0/package.py",
        "import sys\nif sys.platform.startswith('linux') or True:\n    requires = ['bar-1']\nelse:\n    requires = ['bar-2']\ntimestamp = 1234\n",
    ),
    (
        "loop/1.0/package.py",
        "import sys\nprint('x' * 10000000)\nwhile True:\n    pass\nif True:\n    requires = ['bar']\n",
    ),
    (
        "noisy/1.0/package.py",
        "import os, sys\nfor _ in range(100):\n    print('x' * 100000)\n    sys.stderr.write('y' * 100000)\n    os.write(1, b'z' * 1000)\nif True:\n    requires = ['bar']\n",
    ),
    (
        "big/1.0/package.py",
        "if True:\n    requires = ['bar-%d' % i for i in range(10000)]\n",
    ),
    (
        "broken/1.0/package.py",
        "if True:\n    requires = [undefined_name]\n",
    ),
    ("bar/1.0/package.py", "name = 'bar'\n"),
    ("bar/2.0/package.py", "name = 'bar'\n"),
    ("baz/1.0/package.py", "name = 'baz'\n"),
];

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), REPO);
    dir
}

/// A package's requires, variants and timestamp, as strings.
type Read = (Vec<String>, Vec<Vec<String>>, Option<i64>);

fn provider(root: &Path, python: PathBuf, timeout: Duration) -> FsProvider {
    let mut options = RezOptions::new(PythonSource::Given(python));
    options.timeout = timeout;
    options.max_answer = 64 * 1024;
    FsProvider::new([root])
        .unwrap()
        .with_evaluator(Arc::new(RezEvaluator::new(options)))
}

fn read(provider: &FsProvider, family: &str) -> Result<Read, ProviderError> {
    let family = provider.family(family)?.expect("family");
    let package = family.package(family.len() - 1)?;
    let strings =
        |r: &[rer_version::Requirement]| r.iter().map(ToString::to_string).collect::<Vec<_>>();
    Ok((
        strings(&package.requires),
        package.variants.iter().map(|v| strings(v)).collect(),
        package.timestamp,
    ))
}

#[test]
fn rez_reads_early_late_and_top_level_code() {
    let Some(python) = rez_python("rez_reads_early_late_and_top_level_code") else {
        return;
    };
    let dir = repo();
    let p = provider(dir.path(), python, Duration::from_secs(60));
    assert_eq!(
        read(&p, "early").unwrap(),
        (
            vec!["baz".into()],
            vec![vec!["bar-1".into()], vec!["bar-2".into()]],
            None
        )
    );
    // In a `rez env`, in_context() is True while the solver reads requires.
    assert_eq!(read(&p, "late").unwrap().0, ["bar-2"]);
    assert_eq!(
        read(&p, "plat").unwrap(),
        (vec!["bar-1".into()], vec![], Some(1234))
    );
    // `request` is read: once per request.
    let e = read(&p, "lreq").unwrap_err();
    assert!(matches!(e, ProviderError::RequestDependent { .. }), "{e:?}");
    let with_baz = p.bound_to_request(&["lreq".into(), "baz".into()]);
    assert_eq!(read(&with_baz, "lreq").unwrap().0, ["bar-1"]);
    let alone = p.bound_to_request(&["lreq".into()]);
    assert_eq!(read(&alone, "lreq").unwrap().0, ["bar-2"]);
    // What a package prints does not disturb the protocol.
    assert_eq!(read(&p, "noisy").unwrap().0, ["bar"]);
    // An exception in the file is rez's error, naming the file.
    let e = read(&p, "broken").unwrap_err().to_string();
    assert!(
        e.contains("broken/1.0/package.py") && e.contains("undefined_name"),
        "{e}"
    );
    // Static packages were not sent to rez: early, late, plat, lreq three
    // times (unbound, then once per request) and noisy were evaluated;
    // broken failed.
    assert_eq!(p.packages_evaluated(), 7);
}

/// A repository holding `files` and `bar-1.0`, `bar-2.0`.
fn with_bar(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    write(
        dir.path(),
        &[
            ("bar/1.0/package.py", "name = 'bar'\n"),
            ("bar/2.0/package.py", "name = 'bar'\n"),
        ],
    );
    dir
}

/// `implicits` in a `@late` `requires` is what `rez env` adds to the
/// request. rez 3.4.0 on the same package (`if 'platform' in implicits:
/// return ['bar-2']`, else `['bar-1']`): `ResolvedContext(['limp'])` with
/// its default implicit packages (`~platform==linux ~arch==x86_64
/// ~os==Debian-12` on the machine recorded) solves to `bar-2.0 limp-1.0`;
/// with `add_implicit_packages=False` (`rez env --ni`) to `bar-1.0 limp-1.0`.
#[test]
fn late_requires_see_the_implicit_packages_as_rez_env_binds_them() {
    let Some(python) = rez_python("late_requires_see_the_implicit_packages_as_rez_env_binds_them")
    else {
        return;
    };
    let dir = with_bar(&[(
        "limp/1.0/package.py",
        "@late()\ndef requires():\n    if 'platform' in implicits:\n        return ['bar-2']\n    return ['bar-1']\n",
    )]);
    let p = provider(dir.path(), python, Duration::from_secs(60));
    let e = read(&p, "limp").unwrap_err();
    assert!(matches!(e, ProviderError::RequestDependent { .. }), "{e:?}");
    let implicits: Vec<String> = ["~platform==linux", "~arch==x86_64", "~os==Debian-12"]
        .map(String::from)
        .to_vec();
    let with = p.bound_to_request_with_implicits(&["limp".into()], &implicits);
    assert_eq!(read(&with, "limp").unwrap().0, ["bar-2"]);
    let without = p.bound_to_request(&["limp".into()]);
    assert_eq!(read(&without, "limp").unwrap().0, ["bar-1"]);
}

/// A combined family file (`<root>/<family>.py`) whose `versions` and
/// `requires` need running Python. rez 3.4.0 on the same file
/// (`iter_packages("combo", paths=[root])`): `combo-1.0` requires `bar-1`,
/// `combo-2.0` (its `version_overrides` applied) `bar-2`; `rez env combo`
/// solves to `bar-2.0 combo-2.0`, `rez env combo-1` to `bar-1.0 combo-1.0`
/// (rer names each with its variant index, `[]` for a package without
/// variants).
#[test]
fn a_combined_family_file_that_needs_python_is_read_through_rez() {
    let Some(python) = rez_python("a_combined_family_file_that_needs_python_is_read_through_rez")
    else {
        return;
    };
    let dir = with_bar(&[(
        "combo.py",
        "import sys\nif sys.platform.startswith('linux') or True:\n    versions = ['1.0', '2.0']\n\
                 requires = ['bar-1']\nversion_overrides = {'2+': {'requires': ['bar-2']}}\n",
    )]);
    let p = provider(dir.path(), python, Duration::from_secs(60));
    let family = p.family("combo").unwrap().expect("family");
    let versions: Vec<String> = family.versions().iter().map(ToString::to_string).collect();
    assert_eq!(versions, ["1.0", "2.0"]);
    let requires = |i: usize| -> Vec<String> {
        let package = family.package(i).unwrap();
        assert!(
            package.uri.ends_with(&format!("combo.py<{}>", versions[i])),
            "{}",
            package.uri
        );
        package.requires.iter().map(ToString::to_string).collect()
    };
    assert_eq!(requires(0), ["bar-1"]);
    assert_eq!(requires(1), ["bar-2"]);
    let solver = rer_solver::Solver::new(rer_repo::Cached::new(p));
    for (request, expected) in [
        ("combo", ["bar-2.0[]", "combo-2.0[]"]),
        ("combo-1", ["bar-1.0[]", "combo-1.0[]"]),
    ] {
        let solved = solver.solve_strs(&[request]).unwrap();
        let rer_solver::Resolve::Solved(solved) = solved else {
            panic!("{request}: {solved:?}")
        };
        let mut names: Vec<String> = solved.variants.iter().map(|v| v.qualified_name()).collect();
        names.sort();
        assert_eq!(names, expected, "{request}");
    }
}

#[test]
fn a_hanging_or_flooding_package_is_stopped_and_the_next_one_is_read() {
    let Some(python) =
        rez_python("a_hanging_or_flooding_package_is_stopped_and_the_next_one_is_read")
    else {
        return;
    };
    let dir = repo();
    let p = provider(dir.path(), python, Duration::from_secs(5));
    // Warm up: the first evaluation also starts the helper.
    assert_eq!(read(&p, "plat").unwrap().0, ["bar-1"]);
    let start = Instant::now();
    let e = read(&p, "loop").unwrap_err().to_string();
    assert!(e.contains("did not answer within 5.0 s"), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let e = read(&p, "big").unwrap_err().to_string();
    assert!(e.contains("more than 65536 bytes"), "{e}");
    // A new helper reads the next package.
    assert_eq!(read(&p, "early").unwrap().0, ["baz"]);
}

#[test]
fn stop_ends_the_helper_and_the_next_evaluation_starts_another() {
    let Some(python) = rez_python("stop_ends_the_helper_and_the_next_evaluation_starts_another")
    else {
        return;
    };
    let dir = repo();
    let evaluator = Arc::new(RezEvaluator::new(RezOptions::new(PythonSource::Given(
        python,
    ))));
    let shared = Arc::clone(&evaluator) as Arc<dyn PackageEvaluator>;
    let first = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(Arc::clone(&shared));
    assert!(
        !evaluator.is_running(),
        "nothing started before a package needs it"
    );
    assert_eq!(read(&first, "plat").unwrap().0, ["bar-1"]);
    assert!(evaluator.is_running());
    evaluator.stop();
    assert!(!evaluator.is_running());
    // (a provider of its own: the first one keeps what it read)
    let second = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(shared);
    assert_eq!(read(&second, "early").unwrap().0, ["baz"]);
    assert!(evaluator.is_running());
}

#[test]
fn a_python_without_rez_is_an_error_saying_what_to_provide() {
    let dir = repo();
    for python in ["/no/such/python", "/bin/sh"] {
        let p = provider(dir.path(), python.into(), Duration::from_secs(10));
        let e = read(&p, "early").unwrap_err();
        let ProviderError::NeedsEvaluation { field, remedy, .. } = &e else {
            panic!("{python}: {e:?}")
        };
        assert_eq!(*field, "requires", "{e}");
        assert!(
            remedy.contains("--rez-python") && remedy.contains("RER_REZ_PYTHON"),
            "{e}"
        );
    }
}

#[test]
fn the_query_carries_what_rez_needs() {
    #[derive(Debug)]
    struct Check;
    impl PackageEvaluator for Check {
        fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
            assert_eq!(query.family, "early");
            assert_eq!(query.version, "1.0");
            assert!(query.path.ends_with("early/1.0/package.py"));
            assert_eq!(query.roots, [query.root.to_path_buf()]);
            Ok(Evaluation::NeedsRequest)
        }
    }
    let dir = repo();
    let p = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(Arc::new(Check));
    assert!(read(&p, "early").is_err());
}
