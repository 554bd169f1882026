//! Every `error.kind` the `--json` output can carry, each produced by the
//! `rer` binary on a repository that has that defect, in `rer solve --json`
//! and (for the kinds a single request meets) in `rer batch --json`, where
//! the other requests of the batch still get their answers.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::{batch, json_of, rer, run, solve};

/// A repository holding one package per defect, beside a good one.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = TempDir::new().expect("tempdir");
        let repo = Repo { dir };
        repo.package("bar", "1", "name = 'bar'\nversion = '1'\n");
        repo.package("bar", "2", "name = 'bar'\nversion = '2'\n");
        repo.package(
            "good",
            "1",
            "name = 'good'\nversion = '1'\nrequires = ['bar']\n",
        );
        repo.package(
            "needsghost",
            "1",
            "name = 'needsghost'\nrequires = ['ghost']\n",
        );
        repo.package("syntax", "1", "name = 'syntax'\nrequires = [\n");
        repo.package("schema", "1", "name = 'schema'\nrequires = 'bar'\n");
        repo.package("badreq", "1", "name = 'badreq'\nrequires = ['bar-1..2&']\n");
        repo.package(
            "badvariant",
            "1",
            "name = 'badvariant'\nvariants = [['bar-&']]\n",
        );
        repo.package("badver", "1.$x", "name = 'badver'\n");
        repo.package(
            "clash",
            "1",
            "name = 'clash'\nrequires = ['bar-1', 'bar-2']\n",
        );
        repo.package(
            "early",
            "1",
            "name = 'early'\n@early()\ndef requires():\n    return []\n",
        );
        fs::create_dir_all(repo.path().join("nodef/1")).expect("mkdir");
        repo
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn package(&self, family: &str, version: &str, text: &str) {
        let dir = self.path().join(family).join(version);
        fs::create_dir_all(&dir).expect("mkdir");
        fs::write(dir.join("package.py"), text).expect("write");
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, text).expect("write");
        path
    }
}

/// The request, and the kind rer must report for it.
const PER_REQUEST: &[(&[&str], &str)] = &[
    (&["bad name!"], "invalid_request"),
    (&["nosuch"], "unknown_family"),
    (&["needsghost"], "unknown_family"),
    (&["bar-5"], "no_matching_version"),
    (&["clash"], "conflicting_package_requires"),
    (&["syntax"], "package_parse"),
    (&["schema"], "package_parse"),
    (&["badreq"], "invalid_requirement"),
    (&["badvariant"], "invalid_requirement"),
    (&["badver"], "invalid_version"),
    (&["nodef"], "unreadable_file"),
    (&["early"], "needs_evaluation"),
];

/// `rer solve` with no evaluator to be found.
fn solve_in(repo: &Path) -> assert_cmd::Command {
    let mut cmd = solve("--repo", repo);
    cmd.env_remove("RER_REZ_PYTHON")
        .env("PATH", "/usr/bin:/bin")
        .args(["--rez-python", "/no/such/python", "--json"]);
    cmd
}

fn kind(report: &Value) -> &str {
    assert_eq!(report["status"], "error", "{report}");
    assert_eq!(report["schema_version"], 1, "{report}");
    report["error"]["kind"].as_str().expect("a kind")
}

#[test]
fn each_defect_has_its_own_kind_in_solve_json() {
    let repo = Repo::new();
    for (request, want) in PER_REQUEST {
        let out = run(solve_in(&repo.path()).args(*request));
        assert_eq!(out.code, 2, "{request:?}: {}", out.stdout);
        assert_eq!(kind(&json_of(&out)), *want, "{request:?}");
    }
}

#[test]
fn each_defect_has_its_own_kind_in_batch_json() {
    let repo = Repo::new();
    let mut requests: Vec<Vec<&str>> = vec![vec!["good"]];
    requests.extend(PER_REQUEST.iter().map(|(r, _)| r.to_vec()));
    let file = repo.file(
        "requests.json",
        &serde_json::to_string(&requests).expect("json"),
    );
    let out = run(batch("--repo", repo.path(), &file)
        .env_remove("RER_REZ_PYTHON")
        .env("PATH", "/usr/bin:/bin")
        .args(["--rez-python", "/no/such/python", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports = json_of(&out);
    let reports = reports.as_array().expect("an array");
    assert_eq!(reports.len(), requests.len());
    assert_eq!(reports[0]["status"], "solved");
    assert_eq!(reports[0]["schema_version"], 1);
    for (report, (request, want)) in reports[1..].iter().zip(PER_REQUEST) {
        assert_eq!(kind(report), *want, "{request:?}");
    }
}

#[test]
fn source_and_site_errors_have_their_kinds() {
    let repo = Repo::new();
    let duplicate = repo.file(
        "dup.json",
        r#"{"families": {"a": [{"name": "a", "version": "1"}, {"name": "a", "version": "1"}]}}"#,
    );
    let bad_requirement = repo.file(
        "badreq.json",
        r#"{"families": {"a": [{"name": "a", "version": "1", "requires": ["b-&"]}]}}"#,
    );
    let not_a_document = repo.file("shape.json", r#"{"packages": []}"#);
    let broken_config = repo.file("broken.yaml", "packages_path: [unclosed\n");
    let missing = repo.dir.path().join("no-such-repo");
    let cases: Vec<(assert_cmd::Command, &str)> = vec![
        (solve("--repo", &missing), "missing_repository"),
        (
            {
                let mut c = rer();
                c.args(["solve", "--paths", ""]);
                c
            },
            "no_repository",
        ),
        (
            {
                let mut c = solve("--packages-json", &duplicate);
                c.args(["--json", "a"]);
                c
            },
            "duplicate_version",
        ),
        (
            {
                let mut c = solve("--packages-json", &bad_requirement);
                c.args(["--json", "a"]);
                c
            },
            "invalid_requirement",
        ),
        (solve("--packages-json", &not_a_document), "packages_json"),
        (
            solve("--packages-json", repo.dir.path().join("none.json")),
            "unreadable_file",
        ),
        (
            {
                let mut c = solve("--repo", repo.path());
                c.env("REZ_CONFIG_FILE", &broken_config);
                c
            },
            "config",
        ),
        (
            {
                let mut c = solve("--repo", repo.path());
                c.args(["--exclude", "regex([)"]);
                c
            },
            "filter",
        ),
        (
            {
                let mut c = solve("--repo", repo.path());
                c.args(["--time", "yesterday"]);
                c
            },
            "time",
        ),
    ];
    for (mut cmd, want) in cases {
        // the request is the good package, unless the case gave one
        if !cmd.get_args().any(|a| a == "--json") {
            cmd.args(["--json", "good"]);
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, 2, "{want}: {}", out.stdout);
        let report = json_of(&out);
        assert_eq!(kind(&report), want, "{report}");
    }
}
