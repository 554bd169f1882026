//! `rer solve` and `rer config` on configured sites, against rez 3.4.0's
//! own answers (`tests/data/record_rez_sites.py`, recorded with
//! `rez env ... --output FILE` and `rez config --json SETTING`).
//!
//! Each recorded site is rebuilt in a temporary directory (its repository,
//! rezconfig files and environment variables, `{root}` standing for the
//! directory), and every case is answered by the `rer` binary in that
//! environment.

mod common;

use std::path::Path;

use common::{bare_site, run};
use serde_json::Value;

const RECORDING: &str = include_str!("data/rez-3.4.0-sites.json");

fn recording() -> Value {
    serde_json::from_str(RECORDING).expect("the recording is JSON")
}

/// A rebuilt site: its directory and environment.
struct Site {
    _dir: tempfile::TempDir,
    root: String,
    env: Vec<(String, String)>,
}

impl Site {
    fn build(repository: &Value, site: &Value) -> Site {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let root = std::fs::canonicalize(dir.path())
            .expect("canonical")
            .display()
            .to_string();
        for files in [repository, &site["files"]] {
            for (rel, text) in files.as_object().expect("files") {
                let path = Path::new(&root).join(rel);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                let text = text.as_str().expect("text").replace("{root}", &root);
                std::fs::write(&path, text).expect("write");
            }
        }
        let mut env = vec![("HOME".to_string(), format!("{root}/nohome"))];
        for (k, v) in site["env"].as_object().expect("env") {
            env.push((
                k.clone(),
                v.as_str().expect("value").replace("{root}", &root),
            ));
        }
        Site {
            _dir: dir,
            root,
            env,
        }
    }

    fn rer(&self, args: &[&str]) -> common::Out {
        let mut cmd = bare_site();
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
        run(cmd.args(args))
    }

    fn rel(&self, text: &str) -> String {
        text.replace(&self.root, "{root}")
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

/// Settings whose value `rez config --json` prints as JSON; the others it
/// prints with Python's `print` (`True`, or the string itself).
const JSON_PRINTED: &[&str] = &[
    "packages_path",
    "implicit_packages",
    "package_filter",
    "package_orderers",
];

fn rez_config_value(setting: &str, stdout: &str) -> Value {
    if JSON_PRINTED.contains(&setting) {
        serde_json::from_str(stdout).expect("rez printed JSON")
    } else {
        match stdout {
            "True" => Value::Bool(true),
            "False" => Value::Bool(false),
            other => Value::String(other.to_string()),
        }
    }
}

#[test]
fn rer_solve_gives_rez_env_s_resolve_on_every_configured_site() {
    let data = recording();
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for site_data in data["sites"].as_array().expect("sites") {
        let name = site_data["name"].as_str().expect("name");
        let site = Site::build(&data["repository"], site_data);
        for case in site_data["cases"].as_array().expect("cases") {
            let mut args = vec!["solve", "--json"];
            args.extend(strs(&case["flags"]));
            args.extend(strs(&case["request"]));
            let out = site.rer(&args);
            let got: Value = serde_json::from_str(&out.stdout)
                .unwrap_or_else(|e| panic!("{name} {args:?}: {e}: {}{}", out.stdout, out.stderr));
            let expected_status = match case["status"].as_str().expect("status") {
                "solved" => "solved",
                "failed" => "failed",
                _ => "error",
            };
            let status = got["status"].as_str().unwrap_or("?");
            let mut differs = status != expected_status;
            if expected_status != "error" {
                let implicit: Vec<String> = strs(&got["implicit_packages"])
                    .into_iter()
                    .map(|s| site.rel(s))
                    .collect();
                differs |= implicit != strs(&case["implicit"]);
            }
            if expected_status == "solved" {
                let resolved: Vec<Value> = got["resolved"]
                    .as_array()
                    .expect("resolved")
                    .iter()
                    .map(|e| {
                        serde_json::json!([
                            e["name"],
                            e["version"],
                            e["variant_index"],
                            site.rel(e["uri"].as_str().expect("uri"))
                        ])
                    })
                    .collect();
                differs |= Value::Array(resolved.clone()) != case["resolved"];
                if differs {
                    mismatches.push(format!(
                        "{name} {args:?}: rez {} {}, rer {status} {}",
                        case["status"],
                        case["resolved"],
                        Value::Array(resolved)
                    ));
                    continue;
                }
            }
            if differs {
                mismatches.push(format!(
                    "{name} {args:?}: rez {} {}, rer {status} {} {}",
                    case["status"],
                    case.get("message").unwrap_or(&Value::Null),
                    got["error"],
                    got["implicit_packages"]
                ));
            }
            compared += 1;
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    eprintln!("{compared} cases compared with rez env");
    assert!(compared >= 150, "only {compared} cases compared");
}

#[test]
fn rer_config_agrees_with_rez_config_on_every_configured_site() {
    let data = recording();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for site_data in data["sites"].as_array().expect("sites") {
        let name = site_data["name"].as_str().expect("name");
        let site = Site::build(&data["repository"], site_data);
        for (setting, answer) in site_data["config"].as_object().expect("config") {
            let out = site.rer(&["config", "--json", setting]);
            match answer.get("stdout").and_then(Value::as_str) {
                Some(stdout) => {
                    let expected = rez_config_value(setting, stdout);
                    let got: Option<Value> = serde_json::from_str(&site.rel(&out.stdout)).ok();
                    if out.code != 0 || got.as_ref() != Some(&expected) {
                        mismatches.push(format!(
                            "{name} {setting}: rez {expected}, rer (exit {}) {}{}",
                            out.code, out.stdout, out.stderr
                        ));
                    }
                }
                None => {
                    if out.code != 2 {
                        mismatches.push(format!(
                            "{name} {setting}: rez refused it ({}), rer printed {}",
                            answer["error"], out.stdout
                        ));
                    }
                }
            }
            compared += 1;
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared >= 80, "only {compared} settings compared");
}
