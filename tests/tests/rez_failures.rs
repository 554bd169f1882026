//! rez 3.4.0's failure printout and resolve graph, recorded on the
//! repositories of `data/repos` (`data/record_rez_failures.py`), against
//! rer's: the status, the description, what `rez env` prints for a failure
//! (`Failure::rez_printout`) and the dot text of the graph, exactly. Where
//! rez's answer depends on Python's hash seed (which cycle it reports and
//! which member it starts from, the order of merged extractions, the order
//! of a total reduction's list, which follows rez's directory listing put
//! through a set), the recording holds the answer rez gave under each of
//! eight seeds, and rer solving with that seed must give exactly it. rer is
//! given the directory listing rez saw (the recording's `listings`, through
//! [`Relisted`]): the order `os.listdir` yields depends on the file system.
//!
//! The same on the 668 generated repositories of `data/rez_random.json`
//! that rez failed (`data/rez_random_failures.json`), through the
//! filesystem provider. A cycle is compared per seed: the recording says
//! which answer rez gave under each of the eight `PYTHONHASHSEED`s, and
//! rer solving with [`Solver::python_hash_seed`] set to that seed must give
//! exactly that answer (which cycle, from which member, its CYCLE edges and
//! the printout's paths into it). And on the first eight requests of rez's
//! benchmark (`data/record_rez_benchmark_graphs.py`: seven solved graphs
//! and the failing request's).

use std::collections::HashMap;
use std::path::Path;

use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::Cached;
use rer_solver::{Resolve, Solver, VariantSelectMode};
use rer_tests::listing::Relisted;
use rer_tests::repo_gen::{GenPackage, GenRepo, write_repo};
use serde_json::Value;

fn data() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

/// rer's answer for the case repository `case`, in the recording's terms.
fn answer(doc: &Value, case: &str, request: &[String], mode: &str, seed: u32) -> Value {
    let path = data().join("repos").join(format!("{case}.txt"));
    let text = std::fs::read_to_string(&path).expect("case file");
    let repo = MemoryProvider::from_text(&text, case).expect("parses");
    let mode: VariantSelectMode = mode.parse().expect("mode");
    answer_with(
        &Solver::new(Cached::new(Relisted::new(
            repo.provider,
            listings(doc, case),
        )))
        .variant_select_mode(mode)
        .python_hash_seed(seed),
        request,
    )
}

/// The directory listings rez saw for `case`: per family, the version
/// directory names in `os.listdir`'s order.
fn listings(doc: &Value, case: &str) -> HashMap<String, Vec<String>> {
    let listed = doc["listings"][case]
        .as_object()
        .expect("the case's listings");
    listed
        .iter()
        .map(|(family, names)| {
            let names = names.as_array().expect("names");
            let names = names.iter().map(|n| n.as_str().expect("name").to_string());
            (family.clone(), names.collect())
        })
        .collect()
}

/// `solver`'s answer to `request`, in the recording's terms.
fn answer_with<P: rer_repo::FamilyProvider>(solver: &Solver<P>, request: &[String]) -> Value {
    let reqs: Vec<rer_version::Requirement> = request
        .iter()
        .map(|r| rer_version::Requirement::parse_request(r).expect("request"))
        .collect();
    match solver.solve_with_graph(&reqs) {
        Ok(Resolve::Solved(s)) => serde_json::json!({
            "status": "solved",
            "resolved": s.variants.iter()
                .map(|v| serde_json::json!([v.name.as_ref(), v.version.to_string(), v.index]))
                .collect::<Vec<_>>(),
            "dot": s.graph.as_ref().map(|g| g.to_dot()),
        }),
        Ok(Resolve::Failed(f)) => {
            let printout = f.rez_printout();
            let lines: Vec<&str> = printout
                .strip_suffix('\n')
                .unwrap_or(&printout)
                .split('\n')
                .collect();
            serde_json::json!({
                "status": "failed",
                "description": f.description,
                "printout": lines,
                "dot": f.graph.to_dot(),
            })
        }
        Ok(Resolve::Aborted(a)) => serde_json::json!({"status": "aborted", "error": a.reason}),
        Err(e) => serde_json::json!({"status": "error", "error": e.to_string()}),
    }
}

/// Whether `ours` is rez's answer `expected` (an error matches any error:
/// the error texts are compared by the other tests).
fn same(expected: &Value, ours: &Value) -> bool {
    if expected["status"] == "error" {
        ours["status"] == "error"
    } else {
        expected == ours
    }
}

/// Whether rez's answer to `record` changed with the seed, other than by
/// which cycle it reported.
fn seeded(record: &Value, expected: &Value) -> bool {
    !is_cycle(expected) && record["answers"].as_array().is_some_and(|a| a.len() > 1)
}

/// What a record expects of rer, per `PYTHONHASHSEED`: where rez's answer
/// depends on the seed (a reported cycle, whichever cycle it is, or any
/// answer that changed between seeds), each seed of the recording with the
/// answer rez gave under it; otherwise seed 0 with rez's one answer.
fn expected_per_seed<'a>(doc: &Value, record: &'a Value) -> Vec<(u32, &'a Value)> {
    let answers = record["answers"].as_array().expect("answers");
    if answers.len() == 1 && !is_cycle(&answers[0]) {
        return vec![(0, &answers[0])];
    }
    let seeds = doc["seeds"].as_array().expect("seeds");
    let picks = record["seed_answers"].as_array().expect("seed_answers");
    assert_eq!(seeds.len(), picks.len());
    seeds
        .iter()
        .zip(picks)
        .map(|(seed, pick)| {
            let seed: u32 = seed.as_str().expect("seed").parse().expect("seed");
            let pick = pick.as_u64().expect("index") as usize;
            (seed, &answers[pick])
        })
        .collect()
}

/// Whether an answer reports a dependency cycle.
fn is_cycle(answer: &Value) -> bool {
    answer["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("A cyclic dependency was detected: "))
}

fn show_mismatch(what: &str, rez: &Value, ours: &Value) {
    eprintln!(
        "MISMATCH {what}\n--- rez:\n{}\n--- rer:\n{}\n",
        serde_json::to_string_pretty(rez).unwrap_or_default(),
        serde_json::to_string_pretty(ours).unwrap_or_default()
    );
}

#[test]
fn failure_printouts_and_graphs_are_rezs() {
    let text = std::fs::read_to_string(data().join("rez_failures.json")).expect("recording");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let cases = doc["cases"].as_array().expect("cases");
    let mut failed = 0usize;
    let mut seen = [0usize; 3];
    let mut cycles = 0usize;
    let mut seeded_answers = 0usize;
    for case in cases {
        let name = case["case"].as_str().expect("name");
        let mode = case["mode"].as_str().expect("mode");
        let request: Vec<String> = case["request"]
            .as_array()
            .expect("request")
            .iter()
            .map(|r| r.as_str().expect("str").to_string())
            .collect();
        for (seed, expected) in expected_per_seed(&doc, case) {
            let ours = answer(&doc, name, &request, mode, seed);
            match ours["status"].as_str() {
                Some("solved") => seen[0] += 1,
                Some("failed") => seen[1] += 1,
                _ => seen[2] += 1,
            }
            cycles += usize::from(is_cycle(expected));
            seeded_answers += usize::from(seeded(case, expected));
            if !same(expected, &ours) {
                failed += 1;
                show_mismatch(
                    &format!("{name} {request:?} {mode} seed {seed}"),
                    expected,
                    &ours,
                );
            }
        }
    }
    let compared = seen.iter().sum::<usize>();
    eprintln!(
        "{} recorded requests, {compared} answers compared ({cycles} cycles and \
         {seeded_answers} other answers that change with the seed, one per seed): \
         {} solved, {} failed, {} errors; {failed} differ",
        cases.len(),
        seen[0],
        seen[1],
        seen[2]
    );
    assert!(seen[1] >= 40, "the recording should be mostly failures");
    assert!(cycles >= 60, "{cycles} cycle answers");
    assert!(
        seeded_answers >= 60,
        "{seeded_answers} seed-dependent answers"
    );
    assert_eq!(
        failed, 0,
        "{failed} of {compared} answers differ from rez's"
    );
}

#[test]
fn benchmark_graphs_and_failure_printout_are_rezs() {
    let bench = rer_tests::benchmark::Benchmark::load().expect("rez's benchmark (vendored)");
    let provider = MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json");
    let solver = Solver::new(&provider);
    let text =
        std::fs::read_to_string(data().join("rez_benchmark_graphs.json")).expect("recording");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let cases = doc["cases"].as_array().expect("cases");
    let mut failed = 0;
    for case in cases {
        let request: Vec<String> = case["request"]
            .as_array()
            .expect("request")
            .iter()
            .map(|r| r.as_str().expect("str").to_string())
            .collect();
        let mut ours = answer_with(&solver, &request);
        let answers = case["answers"].as_array().expect("answers");
        // the recording keeps no resolved list for the benchmark: the
        // differential test compares those
        if let Some(o) = ours.as_object_mut() {
            o.remove("resolved");
        }
        if !answers.iter().any(|a| a == &ours) {
            failed += 1;
            eprintln!("MISMATCH benchmark request {}: {request:?}", case["index"]);
        }
    }
    assert_eq!(cases.len(), 8);
    assert_eq!(
        failed,
        0,
        "{failed} of {} benchmark graphs differ from rez's",
        cases.len()
    );
}

#[test]
fn generated_failures_print_and_draw_as_rez_does() {
    let random: Value = serde_json::from_str(
        &std::fs::read_to_string(data().join("rez_random.json")).expect("rez_random.json"),
    )
    .expect("json");
    let text = std::fs::read_to_string(data().join("rez_random_failures.json")).expect("recording");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let records = doc["cases"].as_array().expect("cases");
    let mut differ = 0;
    let mut shown = 0;
    let mut compared = 0;
    let mut cycles = 0;
    let mut seeded_answers = 0usize;
    for record in records {
        let name = record["case"].as_str().expect("name");
        let index: usize = name
            .strip_prefix("random-")
            .and_then(|n| n.parse().ok())
            .expect("random-N");
        let case = &random["cases"][index];
        // written as package.py files and read lazily, as rez reads them
        // (a generated repository may hold a package rez never loads)
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        };
        let families = case["families"]
            .as_object()
            .expect("families")
            .iter()
            .map(|(name, packages)| {
                let packages = packages
                    .as_array()
                    .expect("packages")
                    .iter()
                    .map(|p| GenPackage {
                        version: p["version"].as_str().expect("version").to_string(),
                        requires: strings(&p["requires"]),
                        variants: p["variants"]
                            .as_array()
                            .expect("variants")
                            .iter()
                            .map(strings)
                            .collect(),
                    })
                    .collect();
                (name.clone(), packages)
            })
            .collect();
        let repo = GenRepo {
            families,
            request: Vec::new(),
        };
        let dir = tempfile::tempdir().expect("tempdir");
        write_repo(&repo, dir.path()).expect("written");
        // with the listing rez saw, in place of this directory's
        let provider = Cached::new(Relisted::new(
            FsProvider::new([dir.path()]).expect("fs provider"),
            listings(&doc, name),
        ));
        let mode: VariantSelectMode = record["mode"]
            .as_str()
            .expect("mode")
            .parse()
            .expect("mode");
        let request: Vec<String> = record["request"]
            .as_array()
            .expect("request")
            .iter()
            .map(|r| r.as_str().expect("str").to_string())
            .collect();
        for (seed, expected) in expected_per_seed(&doc, record) {
            let solver = Solver::new(&provider)
                .variant_select_mode(mode)
                .python_hash_seed(seed);
            let ours = answer_with(&solver, &request);
            compared += 1;
            cycles += usize::from(is_cycle(expected));
            seeded_answers += usize::from(seeded(record, expected));
            if !same(expected, &ours) {
                differ += 1;
                if shown < 3 {
                    shown += 1;
                    show_mismatch(
                        &format!("{name} {request:?} {mode} seed {seed}"),
                        expected,
                        &ours,
                    );
                }
            }
        }
    }
    eprintln!(
        "{} generated failures, {compared} answers compared ({cycles} cycles and \
         {seeded_answers} other answers that change with the seed, one per seed); {differ} differ",
        records.len()
    );
    assert!(records.len() >= 1000, "{} records", records.len());
    assert!(cycles >= 5000, "{cycles} cycle answers");
    assert_eq!(
        differ, 0,
        "{differ} of {compared} generated answers differ from rez's"
    );
}
