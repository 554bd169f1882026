//! `rer solve` on failed resolves: rez's printout line for line and rez's
//! graph byte for byte (`--fail-graph`), through the filesystem provider,
//! on the repositories rez 3.4.0 answered in `tests/data/rez_failures.json`
//! (a cycle under each recorded `PYTHONHASHSEED`, given as the flag or the
//! variable);
//! and the explanation, `--no-explain`, `--print-graph`, `--graph-format`.

mod common;

use std::fs;
use std::path::Path;

use common::{json_of, run, solve, strings};
use rer_provider_memory::MemoryProvider;
use rer_repo::FamilyProvider;
use serde_json::Value;
use tempfile::TempDir;

fn data() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data"))
}

/// Writes the case `name` (text format) as `package.py` files under `root`.
fn write_case(name: &str, root: &Path) {
    let text = fs::read_to_string(data().join("repos").join(format!("{name}.txt"))).expect("case");
    let repo = MemoryProvider::from_text(&text, name).expect("parses");
    let names: Vec<String> = repo.provider.family_names().map(str::to_string).collect();
    for family_name in names {
        let family = repo
            .provider
            .family(&family_name)
            .expect("ok")
            .expect("family");
        for i in 0..family.len() {
            let p = family.package(i).expect("package");
            let dir = root.join(&family_name).join(p.version.to_string());
            fs::create_dir_all(&dir).expect("mkdir");
            let list = |reqs: &[rer_version::Requirement]| {
                let items: Vec<String> = reqs
                    .iter()
                    .map(|r| format!("{:?}", r.to_string()))
                    .collect();
                format!("[{}]", items.join(", "))
            };
            let mut py = format!(
                "name = {family_name:?}\nversion = {:?}\n",
                p.version.to_string()
            );
            if !p.requires.is_empty() {
                py.push_str(&format!("requires = {}\n", list(&p.requires)));
            }
            if !p.variants.is_empty() {
                let vs: Vec<String> = p.variants.iter().map(|v| list(v)).collect();
                py.push_str(&format!("variants = [{}]\n", vs.join(", ")));
            }
            fs::write(dir.join("package.py"), py).expect("write");
        }
    }
}

#[test]
fn failures_print_rezs_printout_and_write_rezs_graph() {
    let text = fs::read_to_string(data().join("rez_failures.json")).expect("recording");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let mut checked = 0;
    let mut differ = Vec::new();
    for case in doc["cases"].as_array().expect("cases") {
        let answers = case["answers"].as_array().expect("answers");
        if answers[0]["status"] != "failed" {
            continue;
        }
        let name = case["case"].as_str().expect("name");
        let dir = TempDir::new().expect("tempdir");
        let repo = dir.path().join("repo");
        write_case(name, &repo);
        let graph = dir.path().join("failure.dot");
        let request = strings(&case["request"]);
        // a cycle: rez's answer under each seed; else any of rez's answers
        // (a total reduction lists its reductions in rez's listing order)
        let cycle = answers.iter().any(|a| {
            a["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("A cyclic dependency"))
        });
        let runs: Vec<(Option<&str>, Vec<&Value>)> = if cycle {
            let picks = case["seed_answers"].as_array().expect("seed_answers");
            doc["seeds"]
                .as_array()
                .expect("seeds")
                .iter()
                .zip(picks)
                .map(|(seed, pick)| {
                    let pick = pick.as_u64().expect("index") as usize;
                    (seed.as_str(), vec![&answers[pick]])
                })
                .collect()
        } else {
            vec![(None, answers.iter().collect())]
        };
        for (seed, expected) in runs {
            let mut cmd = solve("--repo", &repo);
            cmd.arg("--no-explain")
                .arg("--variant-select-mode")
                .arg(case["mode"].as_str().expect("mode"))
                .arg("--fail-graph")
                .arg(&graph);
            match seed {
                // the flag for some seeds, rez's variable for the others
                Some(s) if s.parse::<u32>().expect("seed") % 2 == 0 => {
                    cmd.arg("--python-hash-seed").arg(s);
                }
                Some(s) => {
                    cmd.env("PYTHONHASHSEED", s);
                }
                None => {}
            }
            let out = run(cmd.arg("--").args(&request));
            assert_eq!(out.code, 1, "{name}: {}", out.stderr);
            let dot = fs::read_to_string(&graph).expect("graph written");
            let ok = expected.iter().any(|a| {
                let lines: Vec<&str> = a["printout"]
                    .as_array()
                    .expect("printout")
                    .iter()
                    .map(|l| l.as_str().expect("str"))
                    .collect();
                let block = lines.join("\n") + "\n";
                out.stdout.ends_with(&format!("\n{block}"))
                    && a["dot"].as_str().map(|d| format!("{d}\n")) == Some(dot.clone())
            });
            if !ok {
                differ.push(format!(
                    "{name} {request:?} seed {seed:?}:\n{}\n{dot}",
                    out.stdout
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 150, "only {checked} failures checked");
    assert!(
        differ.is_empty(),
        "{} of {checked} differ from rez:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

fn fixture(name: &str) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path().join("repo");
    write_case(name, &repo);
    (dir, repo)
}

#[test]
fn the_explanation_follows_rezs_printout_unless_asked_not_to() {
    let (_dir, repo) = fixture("two_requests_need_different_pythons");
    let out = run(solve("--repo", &repo).args(["maya-2024", "arnold-7"]));
    assert_eq!(out.code, 1);
    let rez = out
        .stdout
        .find("Resolve paths starting from initial requests to conflict:")
        .expect("rez's block");
    let why = out.stdout.find("Why (").expect("the explanation");
    assert!(rez < why, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("  (1) You asked for maya-2024, which requires python-3.9.\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  - arnold==6.2 instead of arnold-7 resolves: python-3.9.7, arnold-6.2, maya-2024\n"
        ),
        "{}",
        out.stdout
    );

    let quiet = run(solve("--repo", &repo).args(["--no-explain", "maya-2024", "arnold-7"]));
    assert!(!quiet.stdout.contains("Why ("), "{}", quiet.stdout);
    let again =
        run(solve("--repo", &repo).args(["--no-explain", "--explain", "maya-2024", "arnold-7"]));
    assert!(again.stdout.contains("Why ("), "{}", again.stdout);
}

#[test]
fn json_lists_each_conflicting_requirement_with_its_requirers() {
    let (_dir, repo) = fixture("deep_conflict");
    let out = run(solve("--repo", &repo).args(["--json", "app"]));
    assert_eq!(out.code, 1);
    let v = json_of(&out);
    let detail = &v["failure_detail"];
    let conflicts = detail["conflicts"].as_array().expect("conflicts");
    let chains: Vec<Vec<&str>> = conflicts
        .iter()
        .map(|c| {
            c["chain"]
                .as_array()
                .expect("chain")
                .iter()
                .map(|x| x.as_str().expect("str"))
                .collect()
        })
        .collect();
    assert_eq!(
        chains,
        [
            vec![
                "app",
                "app-1[]",
                "gui",
                "gui-2[]",
                "qt-5",
                "qt-5.15[]",
                "zlib-1.2"
            ],
            vec![
                "app",
                "app-1[]",
                "net",
                "net-3[]",
                "ssl-3",
                "ssl-3.0[]",
                "zlib-1.3"
            ],
        ]
    );
    assert_eq!(detail["resolve_paths"]["leads_to"], "conflict");
    assert_eq!(detail["explanation"]["conclusion"]["kind"], "conflict");
    assert!(
        detail["explanation_text"]
            .as_str()
            .expect("text")
            .starts_with("Why (")
    );
    let quiet = json_of(&run(solve("--repo", &repo).args([
        "--json",
        "--no-explain",
        "app",
    ])));
    assert!(quiet["failure_detail"].get("explanation").is_none());
    assert_eq!(quiet["failure_detail"]["conflicts"], detail["conflicts"]);
}

#[test]
fn print_graph_prints_rezs_graph_of_a_solved_resolve() {
    let (_dir, repo) = fixture("solved_simple");
    let out = run(solve("--repo", &repo).args(["--print-graph", "maya"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = fs::read_to_string(data().join("rez_failures.json")).expect("recording");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let rez = doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["case"] == "solved_simple" && c["mode"] == "version_priority")
        .expect("recorded");
    assert_eq!(
        out.stdout,
        format!("{}\n", rez["answers"][0]["dot"].as_str().expect("dot"))
    );
    // no graph file for a resolve that did not fail, as rez
    let graph = _dir.path().join("g.dot");
    let out = run(solve("--repo", &repo)
        .arg("--fail-graph")
        .arg(&graph)
        .arg("maya"));
    assert_eq!(out.code, 0);
    assert!(!graph.exists());
}

#[test]
fn image_formats_need_graphviz_and_say_so() {
    let (dir, repo) = fixture("drop_helps");
    let svg = dir.path().join("failure.svg");
    let out = run(solve("--repo", &repo)
        .arg("--fail-graph")
        .arg(&svg)
        .args(["a", "b"]));
    let has_dot = std::process::Command::new("dot").arg("-V").output().is_ok();
    if has_dot {
        assert_eq!(out.code, 1, "{}", out.stderr);
        let image = fs::read_to_string(&svg).expect("svg written");
        assert!(image.contains("<svg"), "{image}");
        assert!(image.contains("CONFLICT"), "{image}");
    } else {
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr
                .contains("graphviz's `dot` program is not on PATH"),
            "{}",
            out.stderr
        );
        assert!(!svg.exists());
    }
    // dot text never needs graphviz, whatever the file is called
    let png_named = dir.path().join("failure.png");
    let out = run(solve("--repo", &repo)
        .arg("--fail-graph")
        .arg(&png_named)
        .args(["--graph-format", "dot", "a", "b"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        fs::read_to_string(&png_named)
            .expect("written")
            .starts_with("digraph g {\n")
    );
}

#[test]
fn a_hash_seed_python_would_refuse_is_a_usage_error() {
    let (_dir, repo) = fixture("cycle_two");
    let out = run(solve("--repo", &repo).env("PYTHONHASHSEED", "-1").arg("a"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("integer in range [0; 4294967295]"),
        "{}",
        out.stderr
    );
    // "random" is Python's default: rer answers as under seed 0
    let random = run(solve("--repo", &repo)
        .env("PYTHONHASHSEED", "random")
        .arg("a"));
    let zero = run(solve("--repo", &repo).args(["--python-hash-seed", "0", "a"]));
    assert_eq!(random.code, 1);
    // the first line has the time taken
    let body = |s: &str| s.split_once('\n').map(|(_, rest)| rest.to_string());
    assert_eq!(body(&random.stdout), body(&zero.stdout));
    assert!(
        zero.stdout
            .contains("A cyclic dependency was detected: a-1 --> b-1 --> a-1")
    );
}

/// `rer batch --json` over `requests` in the case `name`, with `flags`.
fn batch_json(name: &str, requests: &[&[&str]], flags: &[&str]) -> Vec<Value> {
    let (dir, repo) = fixture(name);
    let file = dir.path().join("requests.json");
    fs::write(&file, serde_json::to_string(requests).expect("json")).expect("write");
    let out = run(common::batch("--repo", &repo, &file)
        .arg("--json")
        .arg("--jobs")
        .arg("2")
        .args(flags));
    assert_eq!(out.code, 0, "{}", out.stderr);
    json_of(&out).as_array().expect("array").clone()
}

#[test]
fn batch_explains_each_failure_and_searches_only_when_asked() {
    let requests: &[&[&str]] = &[&["maya-2024", "arnold-7"], &["maya-2024"], &["arnold-7"]];
    let name = "two_requests_need_different_pythons";
    let plain = batch_json(name, requests, &[]);
    let searched = batch_json(name, requests, &["--suggest"]);
    let bare = batch_json(name, requests, &["--no-explain"]);
    for reports in [&plain, &searched, &bare] {
        let status: Vec<&str> = reports
            .iter()
            .map(|r| r["status"].as_str().expect("status"))
            .collect();
        // the search never changes the answers
        assert_eq!(status, ["failed", "solved", "solved"]);
        assert_eq!(reports[0]["failure"], plain[0]["failure"]);
        assert_eq!(
            reports[0]["failure_detail"]["rez_printout"],
            plain[0]["failure_detail"]["rez_printout"]
        );
    }
    // by default: the explanation, no search
    let explanation = &plain[0]["failure_detail"]["explanation"];
    assert!(
        explanation["statements"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(explanation["suggestions"].is_null(), "{explanation}");
    // --suggest: the changes that resolve, each as `rer solve` lists them
    let suggestions = &searched[0]["failure_detail"]["explanation"]["suggestions"];
    let found = suggestions["found"].as_array().expect("found");
    assert!(!found.is_empty(), "{suggestions}");
    assert!(suggestions["solves"].as_u64().expect("solves") <= 100);
    let text = searched[0]["failure_detail"]["explanation_text"]
        .as_str()
        .expect("text");
    assert!(text.contains("What would resolve"), "{text}");
    assert!(text.contains("without maya-2024 resolves"), "{text}");
    // --no-explain: rez's printout only
    assert!(bare[0]["failure_detail"]["explanation"].is_null());
    assert!(bare[0]["failure_detail"]["rez_printout"].is_array());
}

#[test]
fn batch_suggestions_keep_to_the_budget_per_failed_request() {
    let requests: &[&[&str]] = &[&["maya-2024", "arnold-7"], &["arnold-7", "maya-2024"]];
    let reports = batch_json(
        "two_requests_need_different_pythons",
        requests,
        &[
            "--suggest",
            "--suggestion-solves",
            "2",
            "--suggestion-ms",
            "0",
        ],
    );
    for report in &reports {
        let s = &report["failure_detail"]["explanation"]["suggestions"];
        assert_eq!(s["solves"], 2, "{s}");
        assert_eq!(s["exhausted"], true, "{s}");
        assert_eq!(s["budget"]["max_solves"], 2, "{s}");
    }
    // text output lists them too
    let (dir, repo) = fixture("two_requests_need_different_pythons");
    let file = dir.path().join("requests.json");
    fs::write(&file, r#"[["maya-2024", "arnold-7"]]"#).expect("write");
    let out = run(common::batch("--repo", &repo, &file).arg("--suggest"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("What would resolve"), "{}", out.stdout);
    // --suggest needs the explanation
    let out = run(common::batch("--repo", &repo, &file).args(["--suggest", "--no-explain"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
}
