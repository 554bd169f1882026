//! rez 3.4.0's failure printout and resolve graph, recorded on the
//! repositories of `data/repos` (`data/record_rez_failures.py`), against
//! rer's: the status, the description, what `rez env` prints for a failure
//! (`Failure::rez_printout`) and the dot text of the graph, exactly. Where
//! rez's answer depends on Python's hash seed (which cycle it reports and
//! which member it starts from), the recording holds every answer seen over
//! eight seeds and rer's whole answer must be one of them.
//!
//! The same on the 668 generated repositories of `data/rez_random.json`
//! that rez failed (`data/rez_random_failures.json`), through the
//! filesystem provider; there a few cycles that rez reports differently
//! under different seeds are reported by rer from another start than any
//! of the eight seeds gave: those are compared order-free (the cycle up to
//! its start, the dot text exactly, the printout without its paths). In 4
//! repositories (both modes) with several cycles, rer reports another cycle
//! than rez did under every seed tried: counted and bounded. And on the
//! first eight requests of rez's benchmark
//! (`data/record_rez_benchmark_graphs.py`: seven solved graphs and the
//! failing request's),.

use std::path::Path;

use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::Cached;
use rer_solver::{Resolve, Solver, VariantSelectMode};
use rer_tests::repo_gen::{GenPackage, GenRepo, write_repo};
use serde_json::Value;

fn data() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

/// rer's answer for the case repository `case`, in the recording's terms.
fn answer(case: &str, request: &[String], mode: &str) -> Value {
    let path = data().join("repos").join(format!("{case}.txt"));
    let text = std::fs::read_to_string(&path).expect("case file");
    let repo = MemoryProvider::from_text(&text, case).expect("parses");
    let mode: VariantSelectMode = mode.parse().expect("mode");
    answer_with(
        &Solver::new(repo.provider).variant_select_mode(mode),
        request,
    )
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

/// Whether `ours` is one of rez's `answers` (an error matches any error:
/// the error texts are compared by the other tests).
fn one_of(answers: &[Value], ours: &Value) -> bool {
    answers.iter().any(|a| {
        if a["status"] == "error" {
            ours["status"] == "error"
        } else {
            a == ours
        }
    })
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
    for case in cases {
        let name = case["case"].as_str().expect("name");
        let mode = case["mode"].as_str().expect("mode");
        let request: Vec<String> = case["request"]
            .as_array()
            .expect("request")
            .iter()
            .map(|r| r.as_str().expect("str").to_string())
            .collect();
        let ours = answer(name, &request, mode);
        let answers = case["answers"].as_array().expect("answers");
        match ours["status"].as_str() {
            Some("solved") => seen[0] += 1,
            Some("failed") => seen[1] += 1,
            _ => seen[2] += 1,
        }
        if !one_of(answers, &ours) {
            failed += 1;
            show_mismatch(&format!("{name} {request:?} {mode}"), &answers[0], &ours);
        }
    }
    eprintln!(
        "{} recorded answers: {} solved, {} failed, {} errors; {failed} differ",
        cases.len(),
        seen[0],
        seen[1],
        seen[2]
    );
    assert!(seen[1] >= 40, "the recording should be mostly failures");
    assert_eq!(
        failed,
        0,
        "{failed} of {} answers differ from rez's",
        cases.len()
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
    let mut order_free = 0;
    let mut other_cycles: Vec<String> = Vec::new();
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
        let provider = Cached::new(FsProvider::new([dir.path()]).expect("fs provider"));
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
        let ours = answer_with(&Solver::new(&provider).variant_select_mode(mode), &request);
        let answers = record["answers"].as_array().expect("answers");
        let same = one_of(answers, &ours);
        // a cycle rez reports differently under different seeds: the same
        // cycle up to where it starts, the same graph (rez's dot does not
        // depend on where the cycle starts)
        let rotated = !same
            && answers.len() > 1
            && answers.iter().any(|a| cycle_free(a) == cycle_free(&ours));
        if rotated {
            order_free += 1;
        }
        // rez and rer both report a cycle, but not the same one (the graph
        // has several; see the README): counted, and bounded below
        let is_cycle = |a: &Value| {
            a["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("A cyclic dependency was detected: "))
        };
        let another_cycle = !same && !rotated && is_cycle(&ours) && answers.iter().all(is_cycle);
        if another_cycle {
            other_cycles.push(format!("{name} {mode}"));
        }
        if !same && !rotated && !another_cycle {
            differ += 1;
            if shown < 3 {
                shown += 1;
                show_mismatch(&format!("{name} {request:?} {mode}"), &answers[0], &ours);
            }
        }
    }
    eprintln!(
        "{} generated failures: {} equal to one of rez's answers, {order_free} compared \
         order-free (a cycle rez starts elsewhere under some seeds), {} another cycle than \
         rez reported ({}), {differ} differ",
        records.len(),
        records.len() - order_free - other_cycles.len() - differ,
        other_cycles.len(),
        other_cycles.join(", ")
    );
    // the known cases (4 repositories, both modes) where rer's cycle search
    // finds another of the graph's cycles first than rez did under every
    // seed tried; any new one fails the test
    assert!(
        other_cycles.len() <= 8,
        "{} cycles differ: {other_cycles:?}",
        other_cycles.len()
    );
    assert!(records.len() >= 1000, "{} records", records.len());
    assert_eq!(
        differ,
        0,
        "{differ} of {} generated failures differ from rez's",
        records.len()
    );
}

/// An answer with its cycle made order-free: the cycle in the description
/// rotated to start at its least member, and the printout's paths (which
/// follow the first cycle edge rez added) left out.
fn cycle_free(answer: &Value) -> Value {
    const CYCLE: &str = "A cyclic dependency was detected: ";
    let mut out = answer.clone();
    let Some(text) = answer["description"].as_str() else {
        return out;
    };
    let Some(rest) = text.strip_prefix(CYCLE) else {
        return out;
    };
    let mut members: Vec<&str> = rest.split(" --> ").collect();
    members.pop();
    if let Some(least) = (0..members.len()).min_by_key(|&i| members[i]) {
        members.rotate_left(least);
    }
    out["description"] = Value::from(format!("{CYCLE}{}", members.join(" --> ")));
    if let Some(lines) = answer["printout"].as_array() {
        out["printout"] = Value::from(lines.iter().take(4).skip(2).cloned().collect::<Vec<_>>());
    }
    out
}
