//! `rer solve --max-fails 100` and `--time-limit 2` on the pigeonhole
//! repository of the resolve-controls issue (11 families of 10 versions,
//! every pair of pigeons conflicting late), against what `rez env` 3.4.0
//! answered from the command line (`tests/data/record_rez_limits_cli.py`):
//! the status, the failure or abort text (in JSON and in the text a user
//! reads) and the exit code rer documents for it. Timings and memory are
//! measured by hand (see the README's Performance section), not asserted.

mod common;

use std::path::Path;

use serde_json::Value;

fn recording() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rez-3.4.0-limits-cli.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json")
}

/// The repository `record_rez_limits_cli.py` wrote: pI-v requires hv==I.
fn write_pigeonhole(root: &Path, pigeons: u64, holes: u64) {
    let write = |name: String, version: u64, requires: Vec<String>| {
        let dir = root.join(&name).join(version.to_string());
        std::fs::create_dir_all(&dir).expect("mkdir");
        let text = format!(
            "name = {name:?}\nversion = \"{version}\"\nrequires = {}\n",
            serde_json::to_string(&requires).expect("json")
        );
        std::fs::write(dir.join("package.py"), text).expect("write");
    };
    for i in 0..pigeons {
        for v in 1..=holes {
            write(format!("p{i}"), v, vec![format!("h{v}=={i}")]);
        }
    }
    for v in 1..=holes {
        for i in 0..pigeons {
            write(format!("h{v}"), i, Vec::new());
        }
    }
}

fn strs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

#[test]
fn the_pigeonhole_under_max_fails_and_time_limit_ends_as_rez_env_ends() {
    let data = recording();
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    write_pigeonhole(
        &repo,
        data["pigeons"].as_u64().expect("pigeons"),
        data["holes"].as_u64().expect("holes"),
    );
    let cases = data["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 2);
    for case in cases {
        let flags = strs(&case["flags"]);
        let request = strs(&case["request"]);
        let rez_status = case["status"].as_str().expect("status");
        let rez_text = case["description"].as_str().expect("description");
        // rer's documented exit codes: 1 failed, 3 aborted by --time-limit
        // (rez env exits 1 for both).
        let exit = match rez_status {
            "failed" => 1,
            "aborted" => 3,
            other => panic!("unexpected rez status {other}"),
        };
        let solve = || {
            let mut cmd = common::rer();
            cmd.env("REZ_PACKAGES_PATH", &repo)
                .arg("solve")
                .args(&request)
                .args(&flags);
            cmd
        };
        let out = common::run(solve().arg("--json"));
        let got = common::json_of(&out);
        assert_eq!(got["status"], rez_status, "{flags:?}: {}", out.stdout);
        assert_eq!(got["failure"], rez_text, "{flags:?}");
        assert_eq!(out.code, exit, "{flags:?}: {}", out.stderr);
        let out = common::run(&mut solve());
        assert!(
            out.stdout.contains(rez_text),
            "{flags:?}: rez's text {rez_text:?} is not in rer's:\n{}",
            out.stdout
        );
        assert_eq!(out.code, exit, "{flags:?}: {}", out.stderr);
    }
}
