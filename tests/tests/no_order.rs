//! rez 3.4.0 under package orderers, recorded with rez's directory
//! listing, against rer given that listing: the `no_order` recording
//! (`rer-cli/tests/data/record_rez_no_order.py`, eight `PYTHONHASHSEED`s,
//! rer solving with each), and the other orderers with `--max-fails`
//! (`record_rez_orderers.py`, seed 0): every case, exactly.
//!
//! Under `no_order` every version gets the same key, so rez tries a slice's
//! versions in the order its filesystem repository lists them:
//! `list(set(names))` of the version directories, in the order `os.listdir`
//! gave them. rer is given the listing rez saw (the recording's `listing`,
//! through [`Relisted`]), as that order depends on the file system; the
//! set order is rer's own ([`rer_repo::ListingOrder`]).

use rer_order::PackageOrderList;
use rer_provider_memory::MemoryProvider;
use rer_repo::Cached;
use rer_solver::{Resolve, Solver, VariantSelectMode};
use rer_tests::listing::Relisted;
use serde_json::{Value, json};

fn recording(name: &str) -> Value {
    let path = format!(
        "{}/../rer-cli/tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json")
}

/// rer's answer in the recording's terms (an error by status only: the
/// texts are compared through the command line).
fn answer(case: &Value, seed: u32) -> Value {
    let document = json!({ "families": case["families"] });
    let repo = MemoryProvider::from_json_str(&document.to_string(), "recorded").expect("families");
    let listings = case["listing"]
        .as_object()
        .expect("listing")
        .iter()
        .map(|(family, names)| {
            let names = names.as_array().expect("names").iter();
            (
                family.clone(),
                names
                    .map(|n| n.as_str().expect("name").to_string())
                    .collect(),
            )
        })
        .collect();
    let mode: VariantSelectMode = case["variant_select_mode"]
        .as_str()
        .expect("mode")
        .parse()
        .expect("mode");
    let orderers = PackageOrderList::from_pod(&case["orderers"]).expect("orderers");
    let mut solver = Solver::new(Cached::new(Relisted::new(repo, listings)))
        .variant_select_mode(mode)
        .package_orderers(orderers)
        .python_hash_seed(seed);
    if let Some(n) = case["max_fails"].as_i64().filter(|&n| n >= 0) {
        solver = solver.max_fails(n as usize);
    }
    let request: Vec<rer_version::Requirement> = case["request"]
        .as_array()
        .expect("request")
        .iter()
        .map(|r| {
            rer_version::Requirement::parse_request(r.as_str().expect("str")).expect("request")
        })
        .collect();
    match solver.solve(&request) {
        Ok(Resolve::Solved(s)) => json!({
            "status": "solved",
            "resolved": s.variants.iter()
                .map(|v| json!([v.name.as_ref(), v.version.to_string(), v.index]))
                .collect::<Vec<_>>(),
        }),
        Ok(Resolve::Failed(f)) => json!({"status": "failed", "description": f.description}),
        Ok(Resolve::Aborted(a)) => json!({"status": "aborted", "description": a.reason}),
        Err(_) => json!({"status": "error"}),
    }
}

/// rez's answer, in the same terms.
fn expected(answer: &Value) -> Value {
    match answer["status"].as_str() {
        Some("error") => json!({"status": "error"}),
        _ => answer.clone(),
    }
}

#[test]
fn rer_answers_as_rez_under_no_order_for_every_hash_seed() {
    let data = recording("rez-3.4.0-no-order.json");
    let cases = data["cases"].as_array().expect("cases");
    let (mut compared, mut varying, mut changed) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let seeds = case["hash_seeds"].as_array().expect("hash_seeds");
        let by_seed = case["rez_by_seed"].as_array().expect("rez_by_seed");
        let answers = case["rez_answers"].as_array().expect("rez_answers");
        varying += usize::from(answers.len() > 1);
        for (seed, pick) in seeds.iter().zip(by_seed) {
            let seed: u32 = seed.as_str().expect("seed").parse().expect("seed");
            let rez = &answers[pick.as_u64().expect("index") as usize];
            changed += usize::from(*rez != case["rez_plain"]);
            let ours = answer(case, seed);
            compared += 1;
            if ours != expected(rez) {
                mismatches.push(format!("case {i} seed {seed}: rez {rez}, rer {ours}"));
            }
        }
    }
    eprintln!(
        "no_order: {} cases, {varying} of them varying with the seed; {compared} answers \
         compared, one per case and seed ({changed} differ from rez's answer without orderers); \
         {} differ from rez's",
        cases.len(),
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{}",
        mismatches[..mismatches.len().min(5)].join("\n")
    );
    assert!(varying >= 100, "only {varying} cases vary with the seed");
    assert!(
        changed >= 200,
        "only {changed} answers differ from the plain ones"
    );
}

#[test]
fn rer_answers_as_rez_under_every_other_orderer_and_max_fails_with_rez_s_listing() {
    let data = recording("rez-3.4.0-orderers.json");
    assert_eq!(
        data["python_hash_seed"], 0,
        "recorded under PYTHONHASHSEED=0"
    );
    let cases = data["cases"].as_array().expect("cases");
    let mut mismatches = Vec::new();
    let mut changed = 0;
    for (i, case) in cases.iter().enumerate() {
        let rez = &case["rez"];
        changed += usize::from(*rez != case["rez_plain"]);
        let ours = answer(case, 0);
        if ours != expected(rez) {
            mismatches.push(format!("case {i}: rez {rez}, rer {ours}"));
        }
    }
    eprintln!(
        "orderers: {} cases with rez's listing, {changed} changed by the orderers; {} differ",
        cases.len(),
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{}",
        mismatches[..mismatches.len().min(5)].join("\n")
    );
    assert!(
        changed >= 200,
        "only {changed} answers changed by the orderers"
    );
}
