//! `rer` on packages that need running Python: an error saying what to
//! provide when no rez is available, and rez's answer through the helper
//! when one is (`RER_REZ_PYTHON` or the `rez` on `PATH`; without one the
//! rez cases print `SKIPPED`, unless `RER_REQUIRE_REZ` is set). Expected
//! answers are rez 3.4.0's `rez env` of the same requests.

use std::fs;

use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::{batch, json_of, rez_python, run, solve};

const FILES: &[(&str, &str)] = &[
    (
        "early/1.0/package.py",
        "@early()\ndef variants():\n    return [['bar-1'], ['bar-2']]\n",
    ),
    (
        "lreq/1.0/package.py",
        "@late()\ndef requires():\n    if 'baz' in request:\n        return ['bar-1']\n    return ['bar-2']\n",
    ),
    ("bar/1.0/package.py", "name = 'bar'\n"),
    ("bar/2.0/package.py", "name = 'bar'\n"),
    ("baz/1.0/package.py", "name = 'baz'\n"),
    ("static/1.0/package.py", "requires = ['bar-1']\n"),
];

fn repo() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (path, text) in FILES {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, text).expect("write");
    }
    dir
}

/// Asserts that `stderr` holds each of `words`, naming the missing one
/// after `context`.
fn assert_says(stderr: &str, words: &[&str], context: &str) {
    for word in words {
        assert!(stderr.contains(word), "{context}{word:?} not in {stderr}");
    }
}

/// Each answer of a `rer batch --json` output as its resolved packages,
/// each written by `describe`.
fn resolved_of(answers: &Value, describe: impl Fn(&Value) -> String) -> Vec<Vec<String>> {
    answers
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            a["resolved"]
                .as_array()
                .unwrap_or_else(|| panic!("{a}"))
                .iter()
                .map(&describe)
                .collect()
        })
        .collect()
}

#[test]
fn without_rez_a_refused_package_says_what_it_needs() {
    let dir = repo();
    let out = run(solve("--repo", dir.path())
        .arg("--rez-python")
        .arg("/no/such/python")
        .arg("early"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_says(
        &out.stderr,
        &[
            "early/1.0/package.py:2",
            "@early()",
            "--rez-python",
            "RER_REZ_PYTHON",
        ],
        "",
    );
    // A package read statically needs no Python at all.
    let out = run(solve("--repo", dir.path())
        .arg("--rez-python")
        .arg("/no/such/python")
        .arg("static"));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn without_rez_a_combined_file_that_needs_python_says_what_it_needs() {
    // rez's combined form: one `<family>.py` at the root, its versions
    // computed, so only rez's loader can list them.
    let dir = TempDir::new().expect("tempdir");
    fs::write(
        dir.path().join("comb.py"),
        "versions = [str(v) for v in (1, 2)]\n",
    )
    .expect("write");
    // With the index or without, the evaluator is tried and says why it
    // could not run, in the same words.
    let mut messages = Vec::new();
    for index in [&[][..], &["--no-index"][..]] {
        let out = run(solve("--repo", dir.path())
            .args(index)
            .arg("--rez-python")
            .arg("/no/such/python")
            .arg("comb"));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_says(
            &out.stderr,
            &[
                "comb.py:1",
                "cannot read 'versions'",
                "str",
                "--rez-python",
                "RER_REZ_PYTHON",
                "cannot run /no/such/python",
            ],
            &format!("{index:?}: "),
        );
        assert!(
            !out.stderr.contains("cannot read ''") && !out.stderr.contains("it is ;"),
            "{}",
            out.stderr
        );
        messages.push(out.stderr);
    }
    assert_eq!(messages[0], messages[1]);
}

#[test]
fn rez_lists_a_combined_file_with_computed_versions_with_or_without_the_index() {
    let Some(python) =
        rez_python("rez_lists_a_combined_file_with_computed_versions_with_or_without_the_index")
    else {
        return;
    };
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path().join("repo");
    for version in ["1.0", "2.0"] {
        let bar = repo.join("bar").join(version);
        fs::create_dir_all(&bar).expect("mkdir");
        fs::write(bar.join("package.py"), "name = 'bar'\n").expect("write");
    }
    fs::write(
        repo.join("comb.py"),
        "versions = [str(v) for v in (1, 2)]\nrequires = ['bar-' + '1']\n",
    )
    .expect("write");
    let requests = dir.path().join("requests.json");
    fs::write(&requests, r#"[["comb"], ["comb-1"]]"#).expect("write");
    let index = dir.path().join("index");
    // rez 3.4.0's ResolvedContext of the same requests (package_paths the
    // repository, no implicit packages): bar-1.0 and comb-2 from
    // `comb.py<2>`; bar-1.0 and comb-1 from `comb.py<1>`.
    let root = repo.canonicalize().expect("root");
    let expected = [
        vec![
            format!("bar-1.0 {}/bar/1.0/package.py[]", root.display()),
            format!("comb-2 {}/comb.py<2>[]", root.display()),
        ],
        vec![
            format!("bar-1.0 {}/bar/1.0/package.py[]", root.display()),
            format!("comb-1 {}/comb.py<1>[]", root.display()),
        ],
    ];
    // Directly, through a cold index, through the index again.
    let index_dir = index.display().to_string();
    for flags in [
        vec!["--no-index"],
        vec!["--index-dir", &index_dir],
        vec!["--index-dir", &index_dir],
    ] {
        let out = run(batch("--repo", &repo, &requests)
            .args(&flags)
            .arg("--json")
            .arg("--rez-python")
            .arg(&python));
        assert_eq!(out.code, 0, "{flags:?}: {}", out.stderr);
        let resolved = resolved_of(&json_of(&out), |v| {
            format!(
                "{}-{} {}",
                v["name"].as_str().unwrap(),
                v["version"].as_str().unwrap(),
                v["uri"].as_str().unwrap()
            )
        });
        assert_eq!(resolved, expected, "{flags:?}");
    }
}

#[test]
fn rez_evaluates_early_and_late_packages_per_request() {
    let Some(python) = rez_python("rez_evaluates_early_and_late_packages_per_request") else {
        return;
    };
    let dir = repo();
    let requests = dir.path().join("requests.json");
    fs::write(
        &requests,
        r#"[["early"], ["lreq"], ["lreq", "baz"], ["static"], ["early", "bar-1"]]"#,
    )
    .expect("write");
    let out = run(batch("--repo", dir.path(), &requests)
        .arg("--json")
        .arg("--jobs")
        .arg("2")
        .arg("--rez-python")
        .arg(&python));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let resolved = resolved_of(&json_of(&out), |v| {
        format!(
            "{}-{}[{}]",
            v["name"].as_str().unwrap(),
            v["version"].as_str().unwrap(),
            v["variant_index"]
        )
    });
    // rez env 3.4.0 on the same requests.
    assert_eq!(
        resolved,
        [
            vec!["bar-2.0[null]", "early-1.0[1]"],
            vec!["bar-2.0[null]", "lreq-1.0[null]"],
            vec!["bar-1.0[null]", "lreq-1.0[null]", "baz-1.0[null]"],
            vec!["bar-1.0[null]", "static-1.0[null]"],
            vec!["bar-1.0[null]", "early-1.0[0]"],
        ]
    );
}

#[test]
fn a_request_dependent_package_is_solved_again_under_the_same_filters() {
    let Some(python) =
        rez_python("a_request_dependent_package_is_solved_again_under_the_same_filters")
    else {
        return;
    };
    let dir = repo();
    for index in [false, true] {
        let with = |exclude: &str| {
            let mut cmd = solve("--repo", dir.path());
            if !index {
                cmd.arg("--no-index");
            }
            run(cmd
                .arg("--rez-python")
                .arg(&python)
                .arg(format!("--exclude={exclude}"))
                .arg("lreq"))
        };
        // rez env 3.4.0: `lreq --exclude bar-2` raises
        // "PackageNotFoundError: Package could not be found: bar-2"
        // (lreq's @late requires ask for bar-2, which the filter removes).
        let out = with("bar-2");
        assert_eq!(out.code, 2, "index {index}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stderr.contains("Package could not be found: bar-2"),
            "index {index}: {}",
            out.stderr
        );
        // rez env 3.4.0: `lreq --exclude bar-1` resolves bar-2.0 lreq-1.0.
        let out = with("bar-1");
        assert_eq!(out.code, 0, "index {index}: {}", out.stderr);
        assert!(
            out.stdout.contains("bar-2.0") && out.stdout.contains("lreq-1.0"),
            "index {index}: {}",
            out.stdout
        );
    }
}
