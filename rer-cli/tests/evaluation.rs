//! `rer` on packages that need running Python: an error saying what to
//! provide when no rez is available, and rez's answer through the helper
//! when one is (`RER_REZ_PYTHON` or the `rez` on `PATH`; without one the
//! rez cases print `SKIPPED`, unless `RER_REQUIRE_REZ` is set). Expected
//! answers are rez 3.4.0's `rez env` of the same requests.

use std::fs;

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

#[test]
fn without_rez_a_refused_package_says_what_it_needs() {
    let dir = repo();
    let out = run(solve("--repo", dir.path())
        .arg("--rez-python")
        .arg("/no/such/python")
        .arg("early"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    for words in [
        "early/1.0/package.py:2",
        "@early()",
        "--rez-python",
        "RER_REZ_PYTHON",
    ] {
        assert!(
            out.stderr.contains(words),
            "{words:?} not in {}",
            out.stderr
        );
    }
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
    // Read directly (--no-index), the evaluator is tried and says why it
    // could not run; through the index the refusal is the static one.
    for (index, tried) in [(&[][..], false), (&["--no-index"][..], true)] {
        let out = run(solve("--repo", dir.path())
            .args(index)
            .arg("--rez-python")
            .arg("/no/such/python")
            .arg("comb"));
        assert_eq!(out.code, 2, "{}", out.stderr);
        let mut wanted = vec![
            "comb.py:1",
            "cannot read 'versions'",
            "str",
            "--rez-python",
            "RER_REZ_PYTHON",
        ];
        if tried {
            wanted.push("cannot run /no/such/python");
        }
        for words in wanted {
            assert!(
                out.stderr.contains(words),
                "{index:?}: {words:?} not in {}",
                out.stderr
            );
        }
        assert!(
            !out.stderr.contains("cannot read ''") && !out.stderr.contains("it is ;"),
            "{}",
            out.stderr
        );
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
    let answers = json_of(&out);
    let resolved: Vec<Vec<String>> = answers
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            a["resolved"]
                .as_array()
                .unwrap_or_else(|| panic!("{a}"))
                .iter()
                .map(|v| {
                    format!(
                        "{}-{}[{}]",
                        v["name"].as_str().unwrap(),
                        v["version"].as_str().unwrap(),
                        v["variant_index"]
                    )
                })
                .collect()
        })
        .collect();
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
