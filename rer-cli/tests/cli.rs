//! The `rer` binary, run as a user runs it, on small repositories written to
//! temporary directories. Expected answers are rez 3.4.0's on the same
//! packages.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tempfile::TempDir;

mod common;

use common::{batch, json_of, rer, run, solve};

/// One package: family, version, requires, variants.
type Pkg = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static [&'static str]],
);

/// The test repository.
const PACKAGES: &[Pkg] = &[
    ("bar", "1.0", &[], &[]),
    ("bar", "2.1", &[], &[]),
    ("baz", "1.0", &[], &[]),
    ("baz", "2.0", &[], &[]),
    ("foo", "1.0", &["bar-2"], &[&["baz-1"], &["baz-2"]]),
    ("app3", "1.0", &[], &[&["bar-2.1"], &["bar-1", "baz-1"]]),
    ("needsghost", "1.0", &["ghost"], &[]),
];

fn py_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Writes `<root>/<family>/<version>/package.py` for each package.
fn write_repo(root: &Path, packages: &[Pkg]) {
    for (name, version, requires, variants) in packages {
        let dir = root.join(name).join(version);
        fs::create_dir_all(&dir).expect("mkdir");
        let mut text = format!("name = \"{name}\"\nversion = \"{version}\"\n");
        if !requires.is_empty() {
            text.push_str(&format!("requires = {}\n", py_list(requires)));
        }
        if !variants.is_empty() {
            let vs: Vec<String> = variants.iter().map(|v| py_list(v)).collect();
            text.push_str(&format!("variants = [{}]\n", vs.join(", ")));
        }
        fs::write(dir.join("package.py"), text).expect("write package.py");
    }
}

/// The same packages as a packages.json document.
fn packages_json(packages: &[Pkg]) -> Value {
    let mut families = serde_json::Map::new();
    for (name, version, requires, variants) in packages {
        let entry = json!({"name": name, "version": version, "requires": requires,
                           "variants": variants, "timestamp": 0});
        families
            .entry(name.to_string())
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .expect("array")
            .push(entry);
    }
    json!({ "families": families })
}

struct Fixture {
    _dir: TempDir,
    repo: PathBuf,
    json: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = TempDir::new().expect("tempdir");
        let repo = dir.path().join("repo");
        write_repo(&repo, PACKAGES);
        let json = dir.path().join("packages.json");
        fs::write(&json, packages_json(PACKAGES).to_string()).expect("write json");
        Fixture {
            _dir: dir,
            repo,
            json,
        }
    }

    fn root(&self) -> &Path {
        self._dir.path()
    }

    fn uri(&self, family: &str, version: &str, index: Option<usize>) -> String {
        let index = index.map(|i| i.to_string()).unwrap_or_default();
        format!(
            "{}/{family}/{version}/package.py[{index}]",
            self.repo.display()
        )
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root().join(name);
        fs::write(&path, text).expect("write");
        path
    }
}

/// `family/version[index]` of each resolved entry, in order.
fn resolved(value: &Value) -> Vec<String> {
    value["resolved"]
        .as_array()
        .expect("resolved is an array")
        .iter()
        .map(|e| {
            let index = match &e["variant_index"] {
                Value::Null => String::new(),
                v => v.to_string(),
            };
            format!(
                "{}/{}[{index}]",
                e["name"].as_str().expect("name"),
                e["version"].as_str().expect("version")
            )
        })
        .collect()
}

fn assert_schema(value: &Value) {
    let object = value.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    // a failure, and only a failure, has its detail
    let failed = value["status"] == "failed";
    assert_eq!(keys.contains(&"failure_detail"), failed, "{value}");
    keys.retain(|k| *k != "failure_detail");
    if failed {
        let detail = value["failure_detail"]
            .as_object()
            .expect("failure_detail object");
        for key in ["rez_printout", "resolve_paths", "conflicts"] {
            assert!(detail.contains_key(key), "failure_detail.{key} in {value}");
        }
    }
    assert_eq!(
        keys,
        [
            "error",
            "failure",
            "implicit_packages",
            "request",
            "resolved",
            "resolved_ephemerals",
            "schema_version",
            "stats",
            "status"
        ]
    );
    assert_eq!(value["schema_version"], 1, "{value}");
    let stats = value["stats"].as_object().expect("stats object");
    for key in [
        "iterations",
        "families_loaded",
        "packages_loaded",
        "solve_ms",
    ] {
        assert!(stats[key].is_number(), "stats.{key} in {value}");
    }
}

// ---------------------------------------------------------------- solve

#[test]
fn solve_solved_json_lists_variants_in_rez_order() {
    let f = Fixture::new();
    let out = run(solve("--repo", &f.repo).args(["--json", "foo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json_of(&out);
    assert_schema(&v);
    assert_eq!(v["status"], "solved");
    assert_eq!(v["request"], json!(["foo"]));
    assert_eq!(resolved(&v), ["bar/2.1[]", "baz/2.0[]", "foo/1.0[1]"]);
    assert_eq!(v["resolved"][2]["uri"], f.uri("foo", "1.0", Some(1)));
    assert_eq!(v["resolved"][0]["uri"], f.uri("bar", "2.1", None));
    assert_eq!(v["resolved"][0]["variant_index"], Value::Null);
    assert_eq!(v["failure"], Value::Null);
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["resolved_ephemerals"], json!([]));
}

#[test]
fn solve_request_order_changes_the_variant() {
    let f = Fixture::new();
    let out = run(solve("--repo", &f.repo).args(["--json", "foo", "baz-1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        resolved(&json_of(&out)),
        ["baz/1.0[]", "bar/2.1[]", "foo/1.0[0]"]
    );
}

#[test]
fn solve_ephemerals_are_reported() {
    let f = Fixture::new();
    let out = run(solve("--repo", &f.repo).args(["--json", "foo", ".eph-1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json_of(&out);
    assert_eq!(v["resolved_ephemerals"], json!([".eph-1"]));
    assert_eq!(resolved(&v), ["bar/2.1[]", "baz/2.0[]", "foo/1.0[1]"]);
}

#[test]
fn solve_solved_text_lists_packages_with_locations() {
    let f = Fixture::new();
    let out = run(solve("--repo", &f.repo).args(["foo", ".eph-1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("resolved by rer"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("requested packages:\nfoo\n.eph-1  (ephemeral)\n")
    );
    let listing = out
        .stdout
        .split("resolved packages:\n")
        .nth(1)
        .expect("a resolved packages section");
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 4, "{listing}");
    // as rez-env lists them: each variant's root, flagged when it is not
    // on disk (this repository holds only the definition files)
    let root = |rel: &str| format!("{}/{rel}", f.repo.display());
    let expect = [
        vec!["bar-2.1".to_string(), root("bar/2.1")],
        vec!["baz-2.0".to_string(), root("baz/2.0")],
        vec![
            "foo-1.0".to_string(),
            root("foo/1.0/baz-2"),
            "(NOT".to_string(),
            "FOUND)".to_string(),
        ],
    ];
    for (line, cells) in lines.iter().zip(&expect) {
        let got: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(got, *cells, "{line}");
    }
    assert!(lines[3].starts_with(".eph-1 ") && lines[3].ends_with("(ephemeral)"));
}

#[test]
fn variant_select_mode_is_rez_s() {
    let f = Fixture::new();
    let solve_in = |mode: &str| {
        let out = run(solve("--repo", &f.repo).args([
            "--json",
            "--variant-select-mode",
            mode,
            "app3",
            "bar",
            "baz",
        ]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        resolved(&json_of(&out))
    };
    assert_eq!(
        solve_in("version_priority"),
        ["bar/2.1[]", "app3/1.0[0]", "baz/2.0[]"]
    );
    assert_eq!(
        solve_in("intersection_priority"),
        ["bar/1.0[]", "baz/1.0[]", "app3/1.0[1]"]
    );
}

#[test]
fn solve_failed_exits_1_with_rez_s_description() {
    let f = Fixture::new();
    let out = run(solve("--repo", &f.repo).args(["foo", "bar-1"]));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.starts_with("resolve failed"), "{}", out.stdout);
    assert!(
        out.stdout.contains("The context failed to resolve:\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("The following package conflicts occurred: (bar-2 <--!--> bar==1.0)"),
        "{}",
        out.stdout
    );

    let out = run(solve("--repo", &f.repo).args(["--json", "foo", "bar-1"]));
    assert_eq!(out.code, 1);
    let v = json_of(&out);
    assert_schema(&v);
    assert_eq!(v["status"], "failed");
    assert_eq!(v["resolved"], json!([]));
    assert_eq!(v["error"], Value::Null);
    let failure = v["failure"].as_str().expect("failure is a string");
    assert!(failure.contains("(bar-2 <--!--> bar==1.0)"), "{failure}");
}

#[test]
fn solve_errors_exit_2_and_name_the_culprit() {
    let f = Fixture::new();
    let cases: &[(&[&str], &[&str])] = &[
        (&["nosuch"], &["nosuch"]),
        (&["needsghost"], &["ghost", "needsghost"]),
        (&["foo-5"], &["foo-5"]),
        (&["bad name!"], &["bad name!"]),
    ];
    for (request, names) in cases {
        let out = run(solve("--repo", &f.repo).args(*request));
        assert_eq!(out.code, 2, "{request:?}: {}", out.stdout);
        assert_eq!(out.stdout, "", "{request:?}");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line for {request:?}: {}", out.stderr);
        for name in *names {
            assert!(lines[0].contains(name), "{request:?}: {}", lines[0]);
        }

        let out = run(solve("--repo", &f.repo).arg("--json").args(*request));
        assert_eq!(out.code, 2, "{request:?}");
        let v = json_of(&out);
        assert_schema(&v);
        assert_eq!(v["status"], "error", "{request:?}");
        assert_eq!(v["failure"], Value::Null);
        let kind = v["error"]["kind"].as_str().expect("kind");
        assert!(!kind.is_empty());
        let message = v["error"]["message"].as_str().expect("message");
        for name in *names {
            assert!(message.contains(name), "{request:?}: {message}");
        }
    }
}

#[test]
fn a_broken_package_file_is_named_with_its_line() {
    let f = Fixture::new();
    let dir = f.repo.join("broken").join("1.0");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(
        dir.join("package.py"),
        "name = \"broken\"\nversion = \"1.0\"\nrequires = [\"bar\",\n",
    )
    .expect("write");
    let out = run(solve("--repo", &f.repo).arg("broken"));
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("broken/1.0/package.py"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_repository_is_an_error() {
    let f = Fixture::new();
    let missing = f.root().join("no-such-repo");
    let out = run(solve("--repo", &missing).arg("foo"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no-such-repo"), "{}", out.stderr);

    let out = run(solve("--repo", &missing).args(["--json", "foo"]));
    assert_eq!(out.code, 2);
    let v = json_of(&out);
    assert_eq!(v["status"], "error");
    assert_eq!(v["error"]["kind"], "missing_repository");
}

#[test]
fn no_repository_at_all_says_what_to_do() {
    let out = run(rer().args(["solve", "foo"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--repo"), "{}", out.stderr);
    assert!(out.stderr.contains("REZ_PACKAGES_PATH"), "{}", out.stderr);
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["solve"][..],
        &["solve", "--repo"],
        &["solve", "--variant-select-mode", "best", "foo"],
        &["batch", "--repo", "x"],
        &["batch", "--requests", "r.json", "--jobs", "0"],
        &["frobnicate"],
        &[],
    ] {
        let out = run(rer().args(args));
        assert_eq!(out.code, 2, "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn rez_packages_path_lists_repositories_in_priority_order() {
    let f = Fixture::new();
    // A second repository with its own foo-1.0 (shadowed) and a new bar-3.
    let second = f.root().join("second");
    write_repo(
        &second,
        &[("foo", "1.0", &[], &[]), ("bar", "3.0", &[], &[])],
    );
    let path = std::env::join_paths([&f.repo, &second]).expect("join");
    // foo-1.0 comes from the first repository (with its variants, the
    // second one's is shadowed), bar-3.0 from the second: rez's answers.
    let out = run(rer()
        .env("REZ_PACKAGES_PATH", &path)
        .args(["solve", "--json", "foo", "bar"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json_of(&out);
    assert_eq!(resolved(&v), ["bar/2.1[]", "baz/2.0[]", "foo/1.0[1]"]);
    assert_eq!(v["resolved"][2]["uri"], f.uri("foo", "1.0", Some(1)));
    let out = run(rer()
        .env("REZ_PACKAGES_PATH", &path)
        .args(["solve", "--json", "bar"]));
    let v = json_of(&out);
    assert_eq!(resolved(&v), ["bar/3.0[]"]);
    let uri = format!("{}/bar/3.0/package.py[]", second.display());
    assert_eq!(v["resolved"][0]["uri"], uri);

    // --repo wins over the environment.
    let out = run(solve("--repo", &f.repo)
        .env("REZ_PACKAGES_PATH", &path)
        .args(["--json", "bar"]));
    assert_eq!(resolved(&json_of(&out)), ["bar/2.1[]"]);
}

#[test]
fn missing_entries_of_rez_packages_path_are_skipped_as_rez_does() {
    let f = Fixture::new();
    let missing = f.root().join("not-yet-created");
    let path = std::env::join_paths([&missing, &f.repo]).expect("join");
    let out = run(rer()
        .env("REZ_PACKAGES_PATH", &path)
        .args(["solve", "--json", "foo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        resolved(&json_of(&out)),
        ["bar/2.1[]", "baz/2.0[]", "foo/1.0[1]"]
    );
    assert!(
        out.stderr.starts_with("rer: warning: skipping"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("not-yet-created"), "{}", out.stderr);

    // When none is left, it is an error.
    let out = run(rer()
        .env("REZ_PACKAGES_PATH", &missing)
        .args(["solve", "--json", "foo"]));
    assert_eq!(out.code, 2);
    assert_eq!(json_of(&out)["error"]["kind"], "missing_repository");
    assert!(out.stderr.contains("not-yet-created"), "{}", out.stderr);
}

#[test]
fn packages_json_solves_the_same() {
    let f = Fixture::new();
    let out = run(solve("--packages-json", &f.json).args(["--json", "foo", "baz-1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json_of(&out);
    assert_eq!(resolved(&v), ["baz/1.0[]", "bar/2.1[]", "foo/1.0[0]"]);
    let uri = v["resolved"][2]["uri"].as_str().expect("uri");
    assert!(uri.ends_with("foo/1.0[0]"), "{uri}");

    let out = run(solve("--packages-json", &f.json).args(["foo", "bar-1"]));
    assert_eq!(out.code, 1);
}

#[test]
fn a_bad_packages_json_is_an_error_naming_the_file() {
    let f = Fixture::new();
    let bad = f.write(
        "bad.json",
        "{\"families\": {\"foo\": [{\"version\": \"1..0\"}]}}",
    );
    let out = run(solve("--packages-json", &bad).arg("foo"));
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("bad.json"), "{}", out.stderr);

    let garbage = f.write("garbage.json", "{\"families\": [");
    let out = run(solve("--packages-json", &garbage).arg("foo"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("garbage.json"), "{}", out.stderr);
}

// ---------------------------------------------------------------- batch

const MIXED: &str = r#"[["foo"], ["foo", "bar-1"], ["nosuch"], ["foo", "baz-1"], ["bad name!"], ["app3", "bar", "baz"]]"#;

fn check_mixed(v: &Value) {
    let reports = v.as_array().expect("an array");
    assert_eq!(reports.len(), 6);
    for r in reports {
        assert_schema(r);
    }
    let statuses: Vec<&str> = reports
        .iter()
        .map(|r| r["status"].as_str().expect("status"))
        .collect();
    assert_eq!(
        statuses,
        ["solved", "failed", "error", "solved", "error", "solved"]
    );
    assert_eq!(reports[0]["request"], json!(["foo"]));
    assert_eq!(reports[3]["request"], json!(["foo", "baz-1"]));
    assert_eq!(
        resolved(&reports[0]),
        ["bar/2.1[]", "baz/2.0[]", "foo/1.0[1]"]
    );
    assert_eq!(
        resolved(&reports[3]),
        ["baz/1.0[]", "bar/2.1[]", "foo/1.0[0]"]
    );
    assert_eq!(
        resolved(&reports[5]),
        ["bar/2.1[]", "app3/1.0[0]", "baz/2.0[]"]
    );
    assert!(
        reports[2]["error"]["message"]
            .as_str()
            .expect("message")
            .contains("nosuch")
    );
}

/// A report without its timing, which differs from run to run.
fn without_time(mut v: Value) -> Value {
    if let Some(reports) = v.as_array_mut() {
        for r in reports {
            r["stats"]["solve_ms"] = json!(0);
        }
    }
    v
}

#[test]
fn batch_json_answers_every_request_in_order_and_exits_0() {
    let f = Fixture::new();
    let requests = f.write("requests.json", MIXED);
    let out = run(batch("--repo", &f.repo, &requests).arg("--json"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Piped: no progress bar, only the one-line summary.
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("6 requests in ")
            && out
                .stderr
                .contains(": 3 solved, 1 failed, 0 aborted, 2 errors;"),
        "{}",
        out.stderr
    );
    check_mixed(&json_of(&out));
}

#[test]
fn batch_with_one_job_gives_the_same_answers() {
    let f = Fixture::new();
    // Many requests, so that parallel answers would come back out of order.
    let many: Vec<Value> = (0..40)
        .map(|i| match i % 4 {
            0 => json!(["foo"]),
            1 => json!(["foo", "bar-1"]),
            2 => json!(["nosuch"]),
            _ => json!(["app3", "bar", "baz"]),
        })
        .collect();
    let requests = f.write("requests.json", &Value::Array(many).to_string());
    let batch_with = |jobs: &str| {
        let out = run(batch("--repo", &f.repo, &requests).args(["--json", "--jobs", jobs]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        without_time(json_of(&out))
    };
    let one = batch_with("1");
    assert_eq!(one.as_array().map(Vec::len), Some(40));
    assert_eq!(one, batch_with("2"));
    assert_eq!(one, batch_with("8"));
}

#[test]
fn batch_on_packages_json() {
    let f = Fixture::new();
    let requests = f.write("requests.json", MIXED);
    let out = run(batch("--packages-json", &f.json, &requests).arg("--json"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    check_mixed(&json_of(&out));
}

#[test]
fn batch_with_rez_packages_path() {
    let f = Fixture::new();
    let requests = f.write("requests.json", MIXED);
    let out = run(rer()
        .env("REZ_PACKAGES_PATH", &f.repo)
        .arg("batch")
        .arg("--requests")
        .arg(&requests)
        .arg("--json"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    check_mixed(&json_of(&out));
}

#[test]
fn batch_text_has_one_block_per_request_in_order() {
    let f = Fixture::new();
    let requests = f.write("requests.json", MIXED);
    let out = run(&mut batch("--repo", &f.repo, &requests));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let headings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("=== request "))
        .collect();
    assert_eq!(
        headings,
        [
            "=== request 1 of 6: foo ===",
            "=== request 2 of 6: foo bar-1 ===",
            "=== request 3 of 6: nosuch ===",
            "=== request 4 of 6: foo baz-1 ===",
            "=== request 5 of 6: bad name! ===",
            "=== request 6 of 6: app3 bar baz ===",
        ]
    );
    assert!(out.stdout.contains("The context failed to resolve:"));
    assert!(
        out.stdout
            .contains(&format!("foo-1.0  {}/foo/1.0/baz-1", f.repo.display()))
    );
}

#[test]
fn batch_bad_input_exits_2() {
    let f = Fixture::new();
    let good = f.write("requests.json", MIXED);
    let not_json = f.write("bad.json", "[[\"foo\"");
    let wrong_shape = f.write("shape.json", "{\"requests\": []}");
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (
            vec![
                "--repo".into(),
                f.repo.clone().into(),
                "--requests".into(),
                not_json.clone().into(),
            ],
            "bad.json",
        ),
        (
            vec![
                "--repo".into(),
                f.repo.clone().into(),
                "--requests".into(),
                wrong_shape.into(),
            ],
            "shape.json",
        ),
        (
            vec![
                "--repo".into(),
                f.repo.clone().into(),
                "--requests".into(),
                f.root().join("missing.json").into(),
            ],
            "missing.json",
        ),
        (
            vec![
                "--repo".into(),
                f.root().join("no-such-repo").into(),
                "--requests".into(),
                good.clone().into(),
            ],
            "no-such-repo",
        ),
        (vec!["--requests".into(), good.into()], "REZ_PACKAGES_PATH"),
    ];
    for (args, culprit) in cases {
        let out = run(rer().arg("batch").args(&args).arg("--json"));
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(culprit), "{culprit}: {}", out.stderr);
    }
}

#[test]
fn an_empty_batch_is_an_empty_array() {
    let f = Fixture::new();
    let requests = f.write("requests.json", "[]");
    let out = run(batch("--repo", &f.repo, &requests).arg("--json"));
    assert_eq!(out.code, 0);
    assert_eq!(json_of(&out), json!([]));
}

// ---------------------------------------------------------------- help

#[test]
fn help_explains_every_flag_with_an_example() {
    let solve = run(rer().args(["solve", "--help"]));
    assert_eq!(solve.code, 0);
    let batch = run(rer().args(["batch", "--help"]));
    assert_eq!(batch.code, 0);
    let top = run(rer().arg("--help"));
    assert_eq!(top.code, 0);
    for flag in [
        "--repo",
        "--packages-json",
        "--variant-select-mode",
        "--json",
        "REZ_PACKAGES_PATH",
    ] {
        assert!(solve.stdout.contains(flag), "solve --help lacks {flag}");
        assert!(batch.stdout.contains(flag), "batch --help lacks {flag}");
    }
    for flag in ["--requests", "--jobs"] {
        assert!(batch.stdout.contains(flag), "batch --help lacks {flag}");
    }
    for (name, help) in [("solve", &solve), ("batch", &batch), ("rer", &top)] {
        assert!(
            help.stdout.contains("Example"),
            "{name} --help has no example"
        );
    }
    // Each option's paragraph carries its own example.
    for help in [&solve, &batch] {
        let options = help
            .stdout
            .split("Options:")
            .nth(1)
            .expect("an options section");
        for paragraph in options.split("\n  -").skip(1) {
            if paragraph.starts_with("h, --help") || paragraph.starts_with("V, --version") {
                continue;
            }
            assert!(paragraph.contains("Example"), "no example in:\n{paragraph}");
        }
    }
}
