//! Each resolved variant's root (rez's `variant.root`), in `--json` and in
//! the text listing, against rez 3.4.0's on the same repository
//! (`tests/data/record_rez_roots.py`): packages without variants, variants
//! with weak, conflict and ranged requirements, `hashed_variants` with and
//! without a `_v/` shortlink, an unversioned package and a combined family
//! file (no root: rez lists its uri).

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;

use common::{json_of, run, solve, strings};

fn recording() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rez-3.4.0-roots.json");
    serde_json::from_str(&fs::read_to_string(path).expect("the recording")).expect("json")
}

/// Writes the recorded repository under `repo`.
fn build(recording: &Value, repo: &Path) {
    for (rel, text) in recording["files"].as_object().expect("files") {
        let path = repo.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(&path, text.as_str().expect("text")).expect("write");
    }
    for rel in recording["dirs"].as_array().expect("dirs") {
        fs::create_dir_all(repo.join(rel.as_str().expect("dir"))).expect("mkdir");
    }
    for (rel, target) in recording["links"].as_object().expect("links") {
        std::os::unix::fs::symlink(target.as_str().expect("target"), repo.join(rel))
            .expect("symlink");
    }
}

#[test]
fn roots_are_rez_s_in_json_and_text() {
    let recording = recording();
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = fs::canonicalize(dir.path()).expect("realpath").join("repo");
    build(&recording, &repo);
    let place = |text: &str| text.replace("{repo}", &repo.display().to_string());
    let cases = recording["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 8);
    for case in cases {
        let request = strings(&case["request"]);
        assert_eq!(case["status"], "solved", "{request:?}");

        let out = run(solve("--repo", &repo).arg("--json").args(&request));
        assert_eq!(out.code, 0, "{request:?}: {}", out.stderr);
        let got = json_of(&out);
        let got: Vec<(String, String, Value, Value)> = got["resolved"]
            .as_array()
            .expect("resolved")
            .iter()
            .map(|e| {
                (
                    e["name"].as_str().expect("name").to_string(),
                    e["version"].as_str().expect("version").to_string(),
                    e["variant_index"].clone(),
                    e["root"].clone(),
                )
            })
            .collect();
        let want: Vec<(String, String, Value, Value)> = case["roots"]
            .as_array()
            .expect("roots")
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().expect("name").to_string(),
                    r["version"].as_str().expect("version").to_string(),
                    r["index"].clone(),
                    match r["root"].as_str() {
                        Some(root) => Value::String(place(root)),
                        None => Value::Null,
                    },
                )
            })
            .collect();
        assert_eq!(got, want, "{request:?}");

        let out = run(solve("--repo", &repo).args(&request));
        assert_eq!(out.code, 0, "{request:?}: {}", out.stderr);
        let listing: Vec<&str> = out
            .stdout
            .split("resolved packages:\n")
            .nth(1)
            .expect("a resolved packages section")
            .lines()
            .collect();
        let want: Vec<String> = case["listing"]
            .as_array()
            .expect("listing")
            .iter()
            .map(|l| place(l.as_str().expect("line")).trim_end().to_string())
            .collect();
        assert_eq!(listing, want, "{request:?}");
    }
}

#[test]
fn packages_json_packages_have_no_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("packages.json");
    fs::write(
        &json,
        r#"{"families": {"foo": [{"name": "foo", "version": "1", "variants": [["bar"]]}],
                         "bar": [{"name": "bar", "version": "2"}]}}"#,
    )
    .expect("write");
    let out = run(solve("--packages-json", &json).args(["--json", "foo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json_of(&out);
    for entry in v["resolved"].as_array().expect("resolved") {
        assert_eq!(entry["root"], Value::Null, "{entry}");
    }
    // the listing shows the uri instead, as rez does for a root of None
    let out = run(solve("--packages-json", &json).arg("foo"));
    let uri = format!("{}:foo/1[0]", json.display());
    assert!(
        out.stdout
            .lines()
            .any(|l| l.split_whitespace().eq(["foo-1", uri.as_str()])),
        "{}",
        out.stdout
    );
}
