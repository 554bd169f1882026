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

/// Whether the recorded site answers apply on this machine: they are
/// host-independent except for `system.platform`, which no setting can
/// change (every site pins or maps arch and os, see `record_rez_sites.py`).
/// On another platform the site comparisons are skipped, named and counted
/// where the test prints (see the README's "named skips").
fn platform_recorded(data: &Value, test: &str) -> bool {
    let platform = if cfg!(target_os = "macos") {
        "osx"
    } else {
        std::env::consts::OS
    };
    let recorded: Vec<&str> = data["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .map(|h| h["system"]["platform"].as_str().expect("platform"))
        .collect();
    if recorded.contains(&platform) {
        return true;
    }
    let sites = data["sites"].as_array().expect("sites").len();
    eprintln!(
        "SKIPPED {test}: {sites} sites recorded by rez on {recorded:?}, this machine is \
         {platform}; record them here with record_rez_sites.py"
    );
    false
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

    /// A case's flags, `{root}` standing for the site's directory.
    fn flags(&self, case: &Value) -> Vec<String> {
        strs(&case["flags"])
            .into_iter()
            .map(|f| f.replace("{root}", &self.root))
            .collect()
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
    "platform_map",
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

/// How rer's report `got` differs from rez's recorded `case`, if it does.
fn compare(site: &Site, case: &Value, got: &Value) -> Option<String> {
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
    let resolved: Vec<Value> = got["resolved"]
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|e| {
            serde_json::json!([
                e["name"],
                e["version"],
                e["variant_index"],
                site.rel(e["uri"].as_str().unwrap_or_default())
            ])
        })
        .collect();
    if expected_status == "solved" {
        differs |= Value::Array(resolved.clone()) != case["resolved"];
    }
    if !differs {
        return None;
    }
    Some(format!(
        "rez {} {} {}, rer {status} {} {} {}",
        case["status"],
        case["resolved"],
        case.get("message").unwrap_or(&Value::Null),
        Value::Array(resolved),
        got["error"],
        got["implicit_packages"]
    ))
}

#[test]
fn rer_solve_gives_rez_env_s_resolve_on_every_configured_site() {
    let data = recording();
    if !platform_recorded(&data, "rer solve on the recorded sites") {
        return;
    }
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for site_data in data["sites"].as_array().expect("sites") {
        let name = site_data["name"].as_str().expect("name");
        let site = Site::build(&data["repository"], site_data);
        for case in site_data["cases"].as_array().expect("cases") {
            let flags = site.flags(case);
            // The request first, as rez env takes it: `--include` and
            // `--exclude` take every word after them.
            let mut args = vec!["solve", "--json"];
            args.extend(strs(&case["request"]));
            args.extend(flags.iter().map(String::as_str));
            let out = site.rer(&args);
            let got: Value = serde_json::from_str(&out.stdout)
                .unwrap_or_else(|e| panic!("{name} {args:?}: {e}: {}{}", out.stdout, out.stderr));
            match compare(&site, case, &got) {
                None => compared += 1,
                Some(what) => mismatches.push(format!("{name} {args:?}: {what}")),
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    eprintln!("{compared} cases compared with rez env");
    assert!(compared >= 150, "only {compared} cases compared");
}

#[test]
fn rer_batch_gives_rez_env_s_resolves_on_every_configured_site() {
    let data = recording();
    if !platform_recorded(&data, "rer batch on the recorded sites") {
        return;
    }
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for site_data in data["sites"].as_array().expect("sites") {
        let name = site_data["name"].as_str().expect("name");
        let site = Site::build(&data["repository"], site_data);
        let cases = site_data["cases"].as_array().expect("cases");
        // One batch per set of flags the site's cases use.
        let mut flag_sets: Vec<Vec<String>> = Vec::new();
        for case in cases {
            let flags = site.flags(case);
            if !flag_sets.contains(&flags) {
                flag_sets.push(flags);
            }
        }
        for flags in &flag_sets {
            let cases: Vec<&Value> = cases.iter().filter(|c| &site.flags(c) == flags).collect();
            let requests: Vec<&Value> = cases.iter().map(|c| &c["request"]).collect();
            let file = format!("{}/requests.json", site.root);
            std::fs::write(&file, serde_json::to_string(&requests).expect("json")).expect("write");
            let mut args = vec!["batch", "--json", "--requests", file.as_str()];
            args.extend(flags.iter().map(String::as_str));
            let out = site.rer(&args);
            let got: Value = serde_json::from_str(&out.stdout)
                .unwrap_or_else(|e| panic!("{name} {args:?}: {e}: {}{}", out.stdout, out.stderr));
            let reports = got.as_array().expect("an array");
            assert_eq!(reports.len(), cases.len(), "{name} {flags:?}");
            for (case, report) in cases.iter().zip(reports) {
                match compare(&site, case, report) {
                    None => compared += 1,
                    Some(what) => mismatches.push(format!(
                        "{name} batch {flags:?} {}: {what}",
                        case["request"]
                    )),
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared >= 150, "only {compared} batch answers compared");
}

#[test]
fn rer_config_agrees_with_rez_config_on_every_configured_site() {
    let data = recording();
    if !platform_recorded(&data, "rer config on the recorded sites") {
        return;
    }
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
        // The system values under the site's platform_map (pinned or
        // mapped, so the same on every machine of the platform).
        let out = site.rer(&["config", "--json"]);
        let got: Value = serde_json::from_str(&out.stdout).expect("rer config --json");
        if got["system"] != site_data["system"] {
            mismatches.push(format!(
                "{name} system values: rez {}, rer {}",
                site_data["system"], got["system"]
            ));
        }
        compared += 1;
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared >= 80, "only {compared} settings compared");
}

/// This machine's identity as `record_rez_sites.py` records it: what rez's
/// system values are computed from.
fn host_identity() -> Value {
    let machine = std::process::Command::new("uname")
        .arg("-m")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let read = |path: &str| std::fs::read_to_string(path).ok();
    serde_json::json!({
        "uname_machine": machine,
        "lsb_release": read("/etc/lsb-release"),
        "os_release": read("/etc/os-release"),
    })
}

/// rez's own system values on this machine, asked of rez when a Python with
/// rez 3.4.0 is at hand (`RER_REZ_PYTHON` or the `rez` on `PATH`).
fn rez_system_values_here() -> Result<Value, String> {
    let python = rer_rez_eval::PythonSource::from_env(None)
        .locate()
        .map_err(|e| e.to_string())?;
    let mut cmd = std::process::Command::new(python);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("REZ_") {
            cmd.env_remove(&name);
        }
    }
    let out = cmd
        .env("REZ_DISABLE_HOME_CONFIG", "1")
        .args([
            "-c",
            "import json; from rez.system import system; print(json.dumps({'platform': \
             system.platform, 'arch': system.arch, 'os': system.os}))",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.lines().last().unwrap_or_default())
        .map_err(|e| format!("{e}: {text}{}", String::from_utf8_lossy(&out.stderr)))
}

/// `rer config`'s system values on this machine, with no configuration,
/// against rez's: recorded for this host (`record_rez_sites.py --add-host`),
/// else asked of rez itself when it is installed. With neither the check is
/// skipped, printed as `SKIPPED` (named in the README), unless
/// `RER_REQUIRE_REZ` is set, when it fails.
#[test]
fn rer_config_s_system_values_are_rez_s_on_this_machine() {
    let data = recording();
    let identity = host_identity();
    let recorded = data["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .find(|h| h["identity"] == identity)
        .map(|h| h["system"].clone());
    let expected = match recorded {
        Some(system) => system,
        None => match rez_system_values_here() {
            Ok(system) => system,
            Err(why) => {
                assert!(
                    std::env::var_os("RER_REQUIRE_REZ").is_none_or(|v| v.is_empty()),
                    "this host is not in rez-3.4.0-sites.json's hosts and rez cannot be asked \
                     ({why}): run `python record_rez_sites.py --add-host rez-3.4.0-sites.json` \
                     with rez 3.4.0's Python"
                );
                eprintln!(
                    "SKIPPED the machine's system values: this host is not recorded and no rez \
                     is installed ({why}); record it with `record_rez_sites.py --add-host`"
                );
                return;
            }
        },
    };
    let out = run(bare_site().args(["config", "--json"]));
    let ours: Value = serde_json::from_str(&out.stdout).expect("rer config --json");
    assert_eq!(ours["system"], expected, "rer's system values, rez's");
}
