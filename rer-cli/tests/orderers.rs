//! `rer solve` against rez 3.4.0 under package orderers and `--max-fails`:
//! generated repositories (timestamps, requirements, variants), each
//! request in both variant select modes, with the orderers given as rez
//! reads them (`REZ_PACKAGE_ORDERERS_JSON`), recorded from rez itself by
//! `tests/data/record_rez_orderers.py`. Compared: the status, the resolved
//! packages in order with their variant indexes, the failure description,
//! and for errors the kind. The share of cases where the orderers change
//! rez's answer is printed and must be substantial for each orderer kind.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

fn recording() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rez-3.4.0-orderers.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json")
}

/// The orderer kind a case exercises, for the per-kind shares.
fn kind(orderers: &Value) -> String {
    let list = orderers.as_array().expect("a list");
    if list.len() > 1 {
        return "list".into();
    }
    let first = &list[0];
    let mut k = first["type"].as_str().unwrap_or("?").to_owned();
    if first
        .get("rank")
        .is_some_and(|r| r.as_u64().unwrap_or(0) > 0)
    {
        k.push_str("+rank");
    }
    k
}

/// rez's exception as the kind of error rer reports.
fn error_kind(exception: &str) -> &'static str {
    match exception {
        "RuntimeError" | "UnboundLocalError" | "TypeError" => "package_order",
        "PackageNotFoundError" => "no_matching_version",
        "PackageFamilyNotFoundError" => "unknown_family",
        _ => "?",
    }
}

/// Writes `families` (the recording's packages) as package.py files under
/// `root`, as `record_rez_orderers.py` wrote them for rez (JSON lists of
/// strings are Python literals too).
fn write_repository(root: &Path, families: &Value) {
    for (name, packages) in families.as_object().expect("families") {
        for p in packages.as_array().expect("packages") {
            let version = p["version"].as_str().expect("version");
            let dir = root.join(name).join(version);
            std::fs::create_dir_all(&dir).expect("mkdir");
            let mut text = format!("name = {:?}\nversion = {version:?}\n", name);
            for field in ["requires", "variants"] {
                if p[field].as_array().is_some_and(|a| !a.is_empty()) {
                    text.push_str(&format!("{field} = {}\n", p[field]));
                }
            }
            if let Some(t) = p["timestamp"].as_i64().filter(|&t| t != 0) {
                text.push_str(&format!("timestamp = {t}\n"));
            }
            std::fs::write(dir.join("package.py"), text).expect("write");
        }
    }
}

/// Runs `rer solve` on recorded case `i` (in a repository written under
/// `dir`) and says how its answer differs from rez's, if it does.
fn rer_differs(dir: &Path, i: usize, case: &Value) -> Option<String> {
    // The repository as package.py files, the configured packages_path
    // as in the recording: soft_timestamp reads timestamps there.
    let root = dir.join(format!("case{i}"));
    write_repository(&root, &case["families"]);
    rer_differs_at(&root, case, &[]).map(|what| format!("case {i} {what}"))
}

/// Whether each family directory under `root` lists its entries in the
/// order `listing` recorded (`os.listdir`'s, where rez ran).
fn lists_as_recorded(root: &Path, listing: &Value) -> bool {
    listing
        .as_object()
        .expect("listing")
        .iter()
        .all(|(family, names)| {
            let here: Vec<String> = std::fs::read_dir(root.join(family))
                .expect("listed")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            let recorded: Vec<&str> = names
                .as_array()
                .expect("names")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            here == recorded
        })
}

/// Runs `rer solve` with `extra` arguments on `case` (its repository
/// written at `root`) and says how its answer differs from `case["rez"]`.
fn rer_differs_at(root: &Path, case: &Value, extra: &[&str]) -> Option<String> {
    let mut cmd = common::rer();
    cmd.arg("solve")
        .env("REZ_PACKAGES_PATH", root)
        .arg("--json")
        .args(extra)
        .arg("--variant-select-mode")
        .arg(case["variant_select_mode"].as_str().expect("mode"))
        .env("REZ_PACKAGE_ORDERERS_JSON", case["orderers"].to_string());
    let max_fails = case["max_fails"].as_i64().unwrap_or(-1);
    if max_fails != -1 {
        cmd.arg("--max-fails").arg(max_fails.to_string());
    }
    for r in case["request"].as_array().expect("request") {
        cmd.arg(r.as_str().expect("string"));
    }
    let out = common::run(&mut cmd);
    let got: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {}{}", root.display(), out.stdout, out.stderr));
    let rez = &case["rez"];
    let status = rez["status"].as_str().expect("status");
    let same = got["status"] == status
        && match status {
            "solved" => {
                let resolved: Vec<Value> = got["resolved"]
                    .as_array()
                    .expect("resolved")
                    .iter()
                    .map(|e| json!([e["name"], e["version"], e["variant_index"]]))
                    .collect();
                Value::Array(resolved) == rez["resolved"]
            }
            "failed" | "aborted" => got["failure"] == rez["description"],
            _ => got["error"]["kind"] == error_kind(rez["exception"].as_str().unwrap_or_default()),
        };
    (!same).then(|| {
        format!(
            "{} {} {}: rez {rez}, rer {} {} {}",
            case["request"],
            case["orderers"],
            case["variant_select_mode"],
            got["status"],
            got["resolved"],
            if got["failure"].is_null() {
                &got["error"]
            } else {
                &got["failure"]
            }
        )
    })
}

/// `no_order` (`tests/data/record_rez_no_order.py`): rez keeps its
/// filesystem listing order, a Python set's of the directory names as
/// `os.listdir` gave them, so its answer depends on PYTHONHASHSEED and on
/// the file system wherever the order a slice's versions are tried in
/// matters. Through `rer solve` on a repository written here, the cases
/// where eight seeds gave rez one answer are compared (the listing here may
/// differ from the recording's); rer-tests' `no_order.rs` compares every
/// case with the recorded listing, and the test below compares with rez on
/// the same directories.
#[test]
fn rer_solve_answers_as_rez_under_no_order_where_rez_does_not_depend_on_the_hash_seed() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rez-3.4.0-no-order.json"
    );
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json");
    let cases = data["cases"].as_array().expect("cases");
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut stable, mut changed) = (0, 0);
    let mut mismatches = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if !case["stable"].as_bool().expect("stable") {
            continue;
        }
        stable += 1;
        if case["rez"] != case["rez_plain"] {
            changed += 1;
        }
        mismatches.extend(rer_differs(dir.path(), i, case));
    }
    eprintln!(
        "no_order: {} cases; {stable} give one answer under 8 hash seeds and are compared \
         ({changed} of them differ from the answer without orderers); {} vary with the seed \
         and are compared per seed by rer-tests' no_order.rs and the same-directory test",
        cases.len(),
        cases.len() - stable
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(stable >= 20, "only {stable} stable cases");
}

#[test]
fn rer_solve_answers_as_rez_under_orderers_and_max_fails() {
    let data = recording();
    let cases = data["cases"].as_array().expect("cases");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mismatches = Vec::new();
    // kind -> (cases, cases where the orderers changed rez's answer)
    let mut shares: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut fail_limited = (0usize, 0usize);
    // rez's answer holds for rez's directory listing: cases whose
    // repository lists differently here are counted, and compared in
    // rer-tests' no_order.rs (with rez's listing) instead
    let (mut compared, mut listed_otherwise) = (0, 0);
    for (i, case) in cases.iter().enumerate() {
        let root = dir.path().join(format!("case{i}"));
        write_repository(&root, &case["families"]);
        if !lists_as_recorded(&root, &case["listing"]) {
            listed_otherwise += 1;
        } else {
            compared += 1;
            if let Some(what) = rer_differs_at(&root, case, &[]) {
                mismatches.push(format!("case {i} {what}"));
            }
        }
        let max_fails = case["max_fails"].as_i64().expect("max_fails");
        let entry = shares.entry(kind(&case["orderers"])).or_default();
        entry.0 += 1;
        if case["rez"] != case["rez_plain"] {
            entry.1 += 1;
        }
        if max_fails != -1 && case["rez_plain"]["status"] == "failed" {
            fail_limited.0 += 1;
        }
    }
    for (kind, (n, changed)) in &shares {
        eprintln!(
            "{kind}: {n} cases, the orderers change rez's answer in {changed} ({:.0}%)",
            100.0 * *changed as f64 / *n as f64
        );
    }
    eprintln!(
        "{} cases; {} with --max-fails on a request that fails; {compared} compared through \
         rer solve, {listed_otherwise} not \
         compared here because this file system lists their directories otherwise than rez's did",
        cases.len(),
        fail_limited.0
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} differ:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
    assert!(cases.len() >= 400);
    for (kind, (n, changed)) in &shares {
        assert!(
            *changed * 5 >= *n,
            "{kind}: only {changed} of {n} cases are changed by the orderers"
        );
    }
}

/// `no_order` through `rer solve`, against rez run now on the same
/// directories: rez's order of a family's versions is its filesystem
/// listing put through a Python set, so the recorded answers hold only for
/// the recording's listing, while here rer and rez list the same
/// directories. The recorded cases whose answer varies with the seed, each
/// under four seeds (`--python-hash-seed` for rer, `PYTHONHASHSEED` for
/// rez).
#[test]
fn rer_solve_answers_as_rez_under_no_order_on_the_same_directory_for_each_hash_seed() {
    let test = "no_order on the same directory";
    let Some(python) = common::rez_python(test) else {
        return;
    };
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rez-3.4.0-no-order.json"
    );
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cases = Vec::new();
    for (i, case) in data["cases"].as_array().expect("cases").iter().enumerate() {
        if case["stable"].as_bool().expect("stable") || cases.len() >= 24 {
            continue;
        }
        let root = dir.path().join(format!("case{i}"));
        write_repository(&root, &case["families"]);
        let mut case = case.clone();
        case["root"] = json!(root.to_str().expect("utf-8 path"));
        cases.push(case);
    }
    let cases_file = dir.path().join("cases.json");
    std::fs::write(&cases_file, Value::Array(cases.clone()).to_string()).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rez_answers_here.py"
    );
    let (mut compared, mut mismatches) = (0, Vec::new());
    let mut distinct: Vec<std::collections::BTreeSet<String>> =
        vec![Default::default(); cases.len()];
    for seed in ["0", "1", "2", "3"] {
        let out = std::process::Command::new(&python)
            .arg(script)
            .arg(&cases_file)
            .env("PYTHONHASHSEED", seed)
            .env("REZ_DISABLE_HOME_CONFIG", "1")
            .env("REZ_RESOLVE_CACHING", "false")
            .output()
            .expect("rez runs");
        assert!(
            out.status.success(),
            "rez: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let answers: Vec<Value> = serde_json::from_slice(&out.stdout).expect("rez's answers");
        for (i, (case, rez)) in cases.iter().zip(&answers).enumerate() {
            distinct[i].insert(rez.to_string());
            let mut case = case.clone();
            case["rez"] = rez.clone();
            let root = Path::new(case["root"].as_str().expect("root"));
            // through the index (cold, then warm as the seeds go by) and
            // reading the files
            let index_dir = dir.path().join("index");
            let index_dir = index_dir.to_str().expect("utf-8 path");
            for index in [&["--index-dir", index_dir][..], &["--no-index"][..]] {
                compared += 1;
                let mut args = vec!["--python-hash-seed", seed];
                args.extend(index);
                if let Some(what) = rer_differs_at(root, &case, &args) {
                    mismatches.push(format!("seed {seed} {index:?}: {what}"));
                }
            }
        }
    }
    let varying = distinct.iter().filter(|d| d.len() > 1).count();
    eprintln!(
        "no_order on the same directory: {} cases x 4 seeds, with and without the index, \
         {compared} answers compared \
         ({varying} cases gave rez more than one answer here); {} differ",
        cases.len(),
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(varying >= 8, "only {varying} cases vary with the seed here");
}
