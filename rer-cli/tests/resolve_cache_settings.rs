//! `rer solve`'s resolve cache against every input that can change an
//! answer besides the files: each flag, the REZ_* variables and rezconfig
//! settings rer reads, the order of the roots, relative paths from another
//! working directory, the implicit packages. For each input, a request is
//! solved and kept with one value, then asked with another: the answer must
//! be what solving gives (`--no-resolve-cache`, and `--no-index`), and it
//! must differ from the first (the input matters), and the first must still
//! be answered as before.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rer_tests::report::untimed;
use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::{json_of, rer, run};

/// Writes `<repo>/<family>/<version>/package.py` (`<repo>/<family>/` for
/// the empty version) with `body` after its name and version.
fn package(repo: &Path, family: &str, version: &str, body: &str) {
    let dir = repo.join(family).join(version);
    fs::create_dir_all(&dir).expect("mkdir");
    let head = if version.is_empty() {
        format!("name = '{family}'\n")
    } else {
        format!("name = '{family}'\nversion = '{version}'\n")
    };
    fs::write(dir.join("package.py"), head + body).expect("write");
}

/// Two repositories (`one`, `two`) that answer differently under each
/// input, two more of one relative name in two directories (`a/r`,
/// `b/r`), and a rezconfig with a package filter.
fn site() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let one = dir.path().join("one");
    let ts = "timestamp = 1000\n";
    package(&one, "foo", "1", ts);
    package(
        &one,
        "foo",
        "2",
        "timestamp = 2000\nrequires = ['bar']\nbuild_requires = ['baz-1']\n",
    );
    package(&one, "bar", "1", ts);
    package(&one, "bar", "2", "timestamp = 3000\n");
    package(&one, "baz", "1", ts);
    package(&one, "baz", "2", ts);
    package(
        &one,
        "v",
        "1",
        "timestamp = 1000\nvariants = [['bar-2'], ['baz-1', 'bar-1']]\n",
    );
    package(
        &one,
        "w",
        "1",
        "timestamp = 1000\nvariants = [['nosuch'], ['bar']]\n",
    );
    package(&one, "unv", "", ts);
    package(
        &one,
        "x",
        "1",
        "timestamp = 1000\nrequires = ['a', 'b', 'c', 'd']\n",
    );
    for f in ["a", "b", "c", "d"] {
        package(&one, f, "1", "timestamp = 1000\nrequires = ['x']\n");
    }
    // m-2 fails one phase in (p-1 needs q), m-1 then solves
    package(&one, "m", "1", ts);
    package(&one, "m", "2", "timestamp = 1000\nrequires = ['p']\n");
    package(&one, "p", "1", "timestamp = 1000\nrequires = ['q']\n");
    package(&one, "q", "1", ts);
    let two = dir.path().join("two");
    package(&two, "foo", "2", "timestamp = 2000\nrequires = ['baz']\n");
    package(&two, "bar", "1", ts);
    package(&dir.path().join("a/r"), "foo", "1", ts);
    package(&dir.path().join("b/r"), "foo", "2", ts);
    fs::write(
        dir.path().join("rezconfig.py"),
        "package_filter = {'excludes': ['foo-2']}\n",
    )
    .expect("write");
    // what was written is older than the index's margin of doubt
    std::thread::sleep(Duration::from_millis(2_500));
    dir
}

/// One way of asking: arguments before the request (`{}` is the site's
/// directory), variables, and the working directory below the site.
#[derive(Clone, Debug, Default)]
struct Ask {
    args: Vec<&'static str>,
    env: Vec<(&'static str, &'static str)>,
    cwd: &'static str,
    request: Vec<&'static str>,
}

fn ask(args: &[&'static str], request: &[&'static str]) -> Ask {
    Ask {
        args: args.to_vec(),
        request: request.to_vec(),
        ..Ask::default()
    }
}

impl Ask {
    fn env(mut self, name: &'static str, value: &'static str) -> Ask {
        self.env.push((name, value));
        self
    }

    fn cwd(mut self, cwd: &'static str) -> Ask {
        self.cwd = cwd;
        self
    }
}

/// `rer solve --json` as `ask` says, over the index in `index`, with
/// `extra` flags; the report.
fn report(site: &Path, index: &Path, ask: &Ask, extra: &[&str]) -> Value {
    let mut cmd = rer();
    cmd.arg("solve").arg("--json").arg("--index-dir").arg(index);
    cmd.current_dir(site.join(ask.cwd));
    let at = |text: &str| text.replace("{}", &site.display().to_string());
    for arg in &ask.args {
        cmd.arg(at(arg));
    }
    for (name, value) in &ask.env {
        cmd.env(name, at(value));
    }
    cmd.args(extra).arg("--").args(&ask.request);
    json_of(&run(&mut cmd))
}

fn from_cache(report: &Value) -> bool {
    report.get("from_cache") == Some(&Value::Bool(true))
}

/// What solving gives for `ask`, checked equal with and without the index.
fn solved(site: &Path, index: &Path, ask: &Ask) -> Value {
    let solve = untimed(&report(site, index, ask, &["--no-resolve-cache"]));
    let plain = untimed(&report(site, index, ask, &["--no-index"]));
    assert_eq!(solve, plain, "{ask:?}: the index changed the answer");
    solve
}

/// Kept with `first`, then asked with `then`: each answer is what solving
/// gives, and the two differ.
fn check(site: &Path, index: &Path, what: &str, first: &Ask, then: &Ask) {
    let expected_first = solved(site, index, first);
    let expected_then = solved(site, index, then);
    assert_ne!(
        expected_first, expected_then,
        "{what}: the input does not change the answer, so this case checks nothing"
    );
    report(site, index, first, &[]);
    let kept = report(site, index, first, &[]);
    assert_eq!(untimed(&kept), expected_first, "{what}: {first:?} again");
    let keepable = kept["status"] == "solved" || kept["status"] == "failed";
    assert!(
        from_cache(&kept) || !keepable,
        "{what}: the first answer was kept"
    );
    for round in 0..2 {
        let then_report = report(site, index, then, &[]);
        assert_eq!(
            untimed(&then_report),
            expected_then,
            "{what}: {then:?} after {first:?}, round {round} (from the cache: {})",
            from_cache(&then_report)
        );
    }
    let again = report(site, index, first, &[]);
    assert_eq!(
        untimed(&again),
        expected_first,
        "{what}: {first:?} at the end"
    );
}

#[test]
fn no_input_but_the_files_is_answered_by_another_inputs_kept_answer() {
    let dir = site();
    let site = dir.path();
    let index: PathBuf = site.join("index");
    let one = ["--repo", "{}/one"];
    let both = ["--repo", "{}/one", "--repo", "{}/two"];
    let with = |extra: &[&'static str], request: &[&'static str]| {
        let mut args = one.to_vec();
        args.extend_from_slice(extra);
        ask(&args, request)
    };
    let failing: &[&str] = &["foo-2", "!bar"];
    let cases: Vec<(&str, Ask, Ask)> = vec![
        (
            "--exclude",
            with(&[], &["foo"]),
            with(&["--exclude", "foo-2"], &["foo"]),
        ),
        (
            "--exclude lists",
            with(&["--exclude", "foo-2"], &["foo", "bar"]),
            with(&["--exclude", "foo-2", "bar-2"], &["foo", "bar"]),
        ),
        (
            "--include",
            with(&["--exclude", "foo-2"], &["foo"]),
            with(&["--exclude", "foo-2", "--include", "foo-2"], &["foo"]),
        ),
        (
            "--time",
            with(&["--time", "1500"], &["foo"]),
            with(&["--time", "2500"], &["foo"]),
        ),
        (
            "--time 0",
            with(&["--time", "1500"], &["foo"]),
            with(&["--time", "0"], &["foo"]),
        ),
        (
            "--build",
            with(&[], &["foo-2"]),
            with(&["--build"], &["foo-2"]),
        ),
        (
            "--variant-select-mode",
            with(&[], &["v", "bar", "baz"]),
            with(
                &["--variant-select-mode", "intersection_priority"],
                &["v", "bar", "baz"],
            ),
        ),
        (
            "REZ_VARIANT_SELECT_MODE",
            with(&[], &["v", "bar", "baz"]),
            with(&[], &["v", "bar", "baz"]).env("REZ_VARIANT_SELECT_MODE", "intersection_priority"),
        ),
        (
            "--python-hash-seed",
            with(&["--python-hash-seed", "0"], &["x"]),
            with(&["--python-hash-seed", "1"], &["x"]),
        ),
        (
            "PYTHONHASHSEED",
            with(&[], &["x"]),
            with(&[], &["x"]).env("PYTHONHASHSEED", "1"),
        ),
        (
            "--no-explain",
            with(&[], failing),
            with(&["--no-explain"], failing),
        ),
        (
            "--suggestion-solves",
            with(&[], failing),
            with(&["--suggestion-solves", "1"], failing),
        ),
        (
            "--max-fails",
            with(&[], &["m", "!q"]),
            with(&["--max-fails", "1"], &["m", "!q"]),
        ),
        (
            "--repo order",
            ask(&both, &["foo-2"]),
            ask(&["--repo", "{}/two", "--repo", "{}/one"], &["foo-2"]),
        ),
        (
            "--paths order",
            ask(&["--paths", "{}/one:{}/two"], &["foo-2"]),
            ask(&["--paths", "{}/two:{}/one"], &["foo-2"]),
        ),
        (
            "REZ_PACKAGES_PATH order",
            ask(&[], &["foo-2"]).env("REZ_PACKAGES_PATH", "{}/one:{}/two"),
            ask(&[], &["foo-2"]).env("REZ_PACKAGES_PATH", "{}/two:{}/one"),
        ),
        (
            "--no-local",
            ask(&[], &["foo-2"])
                .env("REZ_PACKAGES_PATH", "{}/one:{}/two")
                .env("REZ_LOCAL_PACKAGES_PATH", "{}/one"),
            ask(&["--no-local"], &["foo-2"])
                .env("REZ_PACKAGES_PATH", "{}/one:{}/two")
                .env("REZ_LOCAL_PACKAGES_PATH", "{}/one"),
        ),
        (
            "a relative --repo from another directory",
            ask(&["--repo", "r"], &["foo"]).cwd("a"),
            ask(&["--repo", "r"], &["foo"]).cwd("b"),
        ),
        (
            "a relative --paths from another directory",
            ask(&["--paths", "r"], &["foo"]).cwd("a"),
            ask(&["--paths", "r"], &["foo"]).cwd("b"),
        ),
        (
            "REZ_IMPLICIT_PACKAGES",
            with(&[], &["foo"]).env("REZ_IMPLICIT_PACKAGES", "bar-1"),
            with(&[], &["foo"]).env("REZ_IMPLICIT_PACKAGES", "bar-2"),
        ),
        (
            "--no-implicit",
            with(&[], &["foo"]).env("REZ_IMPLICIT_PACKAGES", "bar-1"),
            with(&["--no-implicit"], &["foo"]).env("REZ_IMPLICIT_PACKAGES", "bar-1"),
        ),
        (
            "an implicit package or the same one requested",
            with(&[], &["foo"]).env("REZ_IMPLICIT_PACKAGES", "bar-1"),
            with(&[], &["foo", "bar-1"]),
        ),
        (
            "package_filter in a rezconfig",
            with(&[], &["foo"]),
            with(&[], &["foo"]).env("REZ_CONFIG_FILE", "{}/rezconfig.py"),
        ),
        (
            "--no-filters",
            with(&[], &["foo"]).env("REZ_CONFIG_FILE", "{}/rezconfig.py"),
            with(&["--no-filters"], &["foo"]).env("REZ_CONFIG_FILE", "{}/rezconfig.py"),
        ),
        (
            "REZ_PACKAGE_FILTER_JSON",
            with(&[], &["foo", "bar"]),
            with(&[], &["foo", "bar"]).env("REZ_PACKAGE_FILTER_JSON", r#"{"excludes": ["bar-2"]}"#),
        ),
        (
            "REZ_PACKAGE_ORDERERS_JSON",
            with(&[], &["foo"]),
            with(&[], &["foo"]).env(
                "REZ_PACKAGE_ORDERERS_JSON",
                r#"[{"type": "version_split", "packages": ["foo"], "first_version": "1"}]"#,
            ),
        ),
        (
            "REZ_ALLOW_UNVERSIONED_PACKAGES",
            with(&[], &["unv"]),
            with(&[], &["unv"]).env("REZ_ALLOW_UNVERSIONED_PACKAGES", "false"),
        ),
        (
            "REZ_ERROR_ON_MISSING_VARIANT_REQUIRES",
            with(&[], &["w"]),
            with(&[], &["w"]).env("REZ_ERROR_ON_MISSING_VARIANT_REQUIRES", "false"),
        ),
    ];
    for (what, first, then) in &cases {
        check(site, &index, what, first, then);
    }
}

/// A root whose name is not UTF-8 is searched as named, not as its lossy
/// copy (`r\xff` is not `r\u{fffd}`, which may be another directory), and
/// two such roots are two keys; from `--paths` too. As `$REZ_PACKAGES_PATH`
/// it is refused: settings are read as text.
#[cfg(unix)]
#[test]
fn a_root_whose_name_is_not_utf8_is_that_root() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().expect("tempdir");
    let ff = dir.path().join(OsStr::from_bytes(b"r\xff"));
    let fe = dir.path().join(OsStr::from_bytes(b"r\xfe"));
    let lossy = dir.path().join("r\u{fffd}");
    package(&ff, "foo", "1", "timestamp = 1000\n");
    package(&fe, "foo", "2", "timestamp = 1000\n");
    package(&lossy, "foo", "3", "timestamp = 1000\n");
    std::thread::sleep(Duration::from_millis(2_500));
    let index = dir.path().join("index");
    let version = |root: &Path, extra: &[&str]| {
        let mut cmd = rer();
        cmd.arg("solve")
            .arg("--json")
            .arg("--index-dir")
            .arg(&index)
            .arg("--repo")
            .arg(root)
            .args(extra)
            .arg("foo");
        let report = json_of(&run(&mut cmd));
        report["resolved"][0]["version"].clone()
    };
    for _ in 0..2 {
        assert_eq!(version(&ff, &[]), "1");
        assert_eq!(version(&fe, &[]), "2");
        assert_eq!(version(&ff, &["--no-index"]), "1");
        assert_eq!(version(&lossy, &[]), "3");
    }
    // --paths names the same root by bytes; the text output prints its
    // location lossily and does not mark it missing
    let mut paths = rer();
    paths
        .arg("solve")
        .arg("--paths")
        .arg(&ff)
        .args(["--no-index", "foo"])
        .env("REZ_DISABLE_HOME_CONFIG", "1");
    let out = paths.output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("foo-1  "), "{text}");
    assert!(!text.contains("NOT FOUND"), "{text}");
    // a packages_path rer cannot read as text is refused, not taken as unset
    let mut configured = rer();
    configured
        .args(["solve", "--no-index", "foo"])
        .env("REZ_DISABLE_HOME_CONFIG", "1")
        .env("REZ_PACKAGES_PATH", &ff);
    let out = configured.output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("$REZ_PACKAGES_PATH") && err.contains("not valid Unicode"),
        "{err}"
    );
}
