//! `cargo xtask bench-failure`: what rez's graph, rez's failure printout,
//! the explanation and the suggestion search cost, on rez's benchmark (a
//! repository of 18,226 packages): its one failing request, and the
//! failing requests made by joining neighbouring benchmark requests; and
//! what the plain solve pays for none of it (`solve` against
//! `solve_with_graph` on the 187 solved requests, in the same run).

use std::time::{Duration, Instant};

use rer_explain::Budget;
use rer_provider_memory::MemoryProvider;
use rer_solver::{Failure, Resolve, Solver};
use rer_tests::benchmark::Benchmark;
use rer_version::Requirement;

use crate::differential::ms;

/// The median of `rounds` timings of `f`.
fn median<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(rounds);
    let mut last = None;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    times.sort();
    let out = last.expect("one round at least");
    (times[times.len() / 2], out)
}

fn parse(request: &[String]) -> Result<Vec<Requirement>, String> {
    request
        .iter()
        .map(|r| Requirement::parse_request(r).map_err(|e| format!("{r}: {e}")))
        .collect()
}

fn failure_of(solver: &Solver<&MemoryProvider>, reqs: &[Requirement]) -> Option<Failure> {
    match solver.solve(reqs) {
        Ok(Resolve::Failed(f)) => Some(f),
        _ => None,
    }
}

/// Times each stage on one failed request; returns the row's cells.
fn stages(solver: &Solver<&MemoryProvider>, reqs: &[Requirement], rounds: usize) -> [Duration; 5] {
    let (solve, failure) = median(rounds, || failure_of(solver, reqs));
    let Some(failure) = failure else {
        return [
            solve,
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
        ];
    };
    let (printout, _) = median(rounds, || failure.rez_printout());
    let (dot, _) = median(rounds, || failure.graph.to_dot());
    let (explain, _) = median(rounds, || rer_explain::explain(&failure));
    let (suggest, _) = median(rounds, || {
        rer_explain::explain_and_suggest(solver, reqs, &failure, Budget::default())
    });
    [solve, printout, dot, explain, suggest]
}

/// Runs the measurements and prints them.
///
/// # Errors
/// When the benchmark cannot be loaded.
pub fn run(rounds: usize) -> Result<(), String> {
    let bench = Benchmark::load().map_err(|e| e.to_string())?;
    let provider =
        MemoryProvider::from_json_file(&bench.packages_json).map_err(|e| e.to_string())?;
    let solver = Solver::new(&provider);
    let requests: Vec<Vec<Requirement>> = bench
        .requests
        .iter()
        .map(|r| parse(r))
        .collect::<Result<_, _>>()?;
    // warm the solver's cache: every family the benchmark reads
    for r in &requests {
        let _ = solver.solve(r);
    }

    println!("plain solve against solve_with_graph, the 188 requests ({rounds} rounds, median):");
    let (plain, _) = median(rounds, || {
        for r in &requests {
            let _ = solver.solve(r);
        }
    });
    let (graphs, _) = median(rounds, || {
        for r in &requests {
            let _ = solver.solve_with_graph(r);
        }
    });
    println!(
        "  solve {} ms, solve_with_graph {} ms (+{:.1}%: rez's graph of every solved resolve, \
         built only when asked for)",
        ms(plain),
        ms(graphs),
        (graphs.as_secs_f64() / plain.as_secs_f64() - 1.0) * 100.0
    );

    println!(
        "\nper failed request (median of {rounds}; ms): solve (with the failure's graph) | rez printout | dot | explain | explain + suggestions (budget 100 solves / 200 ms) | extra solves"
    );
    let failing = bench
        .expected
        .iter()
        .position(|e| *e == rer_tests::benchmark::Expected::Failed)
        .ok_or("the benchmark has no failing request")?;
    let mut cases: Vec<(String, Vec<Requirement>)> =
        vec![(format!("benchmark #{failing}"), requests[failing].clone())];
    // more failures over the same large repository: neighbouring requests
    // joined (the first 12 such that fail)
    for i in 0..requests.len() - 1 {
        if cases.len() > 12 {
            break;
        }
        let mut joined = requests[i].clone();
        joined.extend(requests[i + 1].iter().cloned());
        if failure_of(&solver, &joined).is_some() {
            cases.push((format!("#{i} + #{}", i + 1), joined));
        }
    }
    let mut totals = [Duration::ZERO; 5];
    for (name, reqs) in &cases {
        let row = stages(&solver, reqs, rounds);
        let solves = failure_of(&solver, reqs)
            .map(|f| rer_explain::explain_and_suggest(&solver, reqs, &f, Budget::default()))
            .and_then(|e| e.suggestions.map(|s| (s.solves, s.found.len())))
            .unwrap_or((0, 0));
        for (t, r) in totals.iter_mut().zip(row) {
            *t += r;
        }
        println!(
            "  {name:<16} ({} requests) {:>8} | {:>7} | {:>7} | {:>7} | {:>8} | {} solves, {} found",
            reqs.len(),
            ms(row[0]),
            ms(row[1]),
            ms(row[2]),
            ms(row[3]),
            ms(row[4]),
            solves.0,
            solves.1
        );
    }
    let n = cases.len() as u32;
    println!(
        "  mean of {n}            {:>8} | {:>7} | {:>7} | {:>7} | {:>8}",
        ms(totals[0] / n),
        ms(totals[1] / n),
        ms(totals[2] / n),
        ms(totals[3] / n),
        ms(totals[4] / n)
    );
    Ok(())
}
