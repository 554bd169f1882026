//! `cargo xtask differential`'s last stack: the `rer` command itself, a
//! fresh `rer solve --json` process per request over the benchmark's
//! package tree with an index emptied first, then the same request again,
//! which must be answered from the resolve cache. Both answers are
//! compared with rez 3.4.0's, and with each other.

use std::path::Path;
use std::process::Command;

use rer_tests::benchmark::Benchmark;
use rer_tests::report::{expected_of, untimed};
use serde_json::Value;

use crate::stacks::describe_expected;

/// The answers of `rer solve` (cold index, then the resolve cache) to every
/// request; the number that differ from rez's or from each other, with the
/// first few printed.
pub fn run(bench: &Benchmark, rer: &Path) -> Result<usize, String> {
    let index = std::env::temp_dir().join(format!("rer-differential-{}", std::process::id()));
    let mut differences = 0;
    let mut kept = 0;
    for (i, (request, expected)) in bench.requests.iter().zip(&bench.expected).enumerate() {
        let _ = std::fs::remove_dir_all(&index);
        let solve = || -> Result<Value, String> {
            let out = Command::new(rer)
                .arg("solve")
                .arg("--repo")
                .arg(&bench.packages_dir)
                .args(["--ni", "--no-explain", "--json", "--index-dir"])
                .arg(&index)
                .arg("--")
                .args(request)
                .env("REZ_DISABLE_HOME_CONFIG", "1")
                .env_remove("RER_NO_INDEX")
                .env_remove("RER_NO_RESOLVE_CACHE")
                .output()
                .map_err(|e| format!("{}: {e}", rer.display()))?;
            serde_json::from_slice(&out.stdout)
                .map_err(|e| format!("request {i}: rer solve printed no JSON ({e})"))
        };
        let solved = solve()?;
        let again = solve()?;
        kept += usize::from(again["from_cache"] == Value::Bool(true));
        let answers = [expected_of(&solved), expected_of(&again)];
        let same = untimed(&solved) == untimed(&again);
        if !same || answers.iter().any(|a| a.as_ref() != Ok(expected)) {
            differences += 1;
            if differences <= 10 {
                println!("  request {i} {request:?}");
                println!("    rez: {}", describe_expected(expected));
                println!(
                    "    rer: {:?} / from the cache {:?}",
                    answers[0], answers[1]
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&index);
    println!(
        "{:<50} {}/{} exact, {kept} of {} second answers from the resolve cache",
        "rer solve process, cold index then resolve cache",
        bench.requests.len() - differences,
        bench.requests.len(),
        bench.requests.len(),
    );
    if kept != bench.requests.len() {
        differences += bench.requests.len() - kept;
        println!("  a second `rer solve` of a request was not answered from the resolve cache");
    }
    Ok(differences)
}
