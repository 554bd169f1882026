//! The explanations of the failures in `tests/data/repos` (small
//! repositories in the text format), as insta snapshots read by a person,
//! and each explanation's claims checked against the data:
//! - every "X requires R" is a requirement of variant X (its package's and
//!   its own, merged as rez merges them), every variant named exists;
//! - every statement starts at a request, or continues an earlier statement
//!   from a node that statement named; every chain starts at a request;
//! - every suggested change resolves when solved afresh, to the packages
//!   listed;
//! - searching for suggestions leaves the answer to the request unchanged.
//!
//! And on rez's benchmark (18,226 packages), the failing request's explanation holds
//! too, the search keeps to its budget of solves, and a spent time budget
//! stops it before any solve.

use std::path::{Path, PathBuf};

use rer_explain::{Budget, Explanation, Fact, PackageRef, explain_and_suggest};
use rer_provider_memory::MemoryProvider;
use rer_repo::FamilyProvider;
use rer_solver::{Resolve, Solver, VariantSelectMode};
use rer_version::{Requirement, RequirementList, VersionRange};

fn repos() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/repos")).to_path_buf()
}

/// A budget that depends on nothing but the data (no time limit).
fn budget() -> Budget {
    Budget {
        max_solves: 100,
        max_time: None,
        max_found: 5,
    }
}

/// The requirements of variant `p`, merged as rez merges them.
fn variant_requires(provider: &MemoryProvider, p: &PackageRef) -> Result<Vec<String>, String> {
    let family = provider
        .family(&p.name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no family {}", p.name))?;
    let pos = family
        .versions()
        .iter()
        .position(|v| v.to_string() == p.version)
        .ok_or_else(|| format!("no package {}", p.qualified_name()))?;
    let pkg = family.package(pos).map_err(|e| e.to_string())?;
    let mut reqs = pkg.requires.clone();
    match p.index {
        Some(i) => reqs.extend(
            pkg.variants
                .get(i as usize)
                .ok_or_else(|| format!("{} has no variant {i}", p.qualified_name()))?
                .iter()
                .cloned(),
        ),
        None if !pkg.variants.is_empty() => {
            return Err(format!("{} has variants", p.qualified_name()));
        }
        None => {}
    }
    Ok(RequirementList::new(reqs)
        .requirements()
        .map(ToString::to_string)
        .collect())
}

/// Checks every claim of `e`; the problems found.
fn check(
    e: &Explanation,
    provider: &MemoryProvider,
    request: &[Requirement],
    mode: VariantSelectMode,
) -> Vec<String> {
    let mut problems = Vec::new();
    // the request as merged (what rez's graph starts from), and as given
    let asked: Vec<String> = RequirementList::new(request.iter().cloned())
        .requirements()
        .map(ToString::to_string)
        .chain(request.iter().map(ToString::to_string))
        .collect();
    let mut named_by: Vec<Vec<String>> = Vec::new();
    for s in &e.statements {
        let mut names = Vec::new();
        match (s.continues, s.facts.first()) {
            (None, Some(Fact::Requested { requirement })) if asked.contains(requirement) => {}
            (Some(n), _) if n < s.number => {
                let from = s.from.clone().unwrap_or_default();
                let earlier = named_by.get(n - 1).cloned().unwrap_or_default();
                if !earlier.contains(&from) {
                    problems.push(format!(
                        "({}) continues ({n}) from {from}, which ({n}) does not name",
                        s.number
                    ));
                }
            }
            _ => problems.push(format!(
                "({}) starts neither at a request nor from an earlier statement",
                s.number
            )),
        }
        for fact in &s.facts {
            match fact {
                Fact::Requested { requirement } => names.push(requirement.clone()),
                Fact::Took { package } => {
                    if let Err(m) = variant_requires(provider, package) {
                        problems.push(format!("({}) names {package:?}: {m}", s.number));
                    }
                    names.push(format!(
                        "{}[{}]",
                        package.qualified_name(),
                        package.index.map(|i| i.to_string()).unwrap_or_default()
                    ));
                }
                Fact::Requires {
                    package,
                    requirement,
                } => {
                    match variant_requires(provider, package) {
                        Ok(reqs) if reqs.contains(requirement) => {}
                        Ok(reqs) => problems.push(format!(
                            "({}) says {} requires {requirement}; it requires {reqs:?}",
                            s.number,
                            package.qualified_name()
                        )),
                        Err(m) => problems.push(format!("({}) {m}", s.number)),
                    }
                    names.push(format!(
                        "{}[{}]",
                        package.qualified_name(),
                        package.index.map(|i| i.to_string()).unwrap_or_default()
                    ));
                    names.push(requirement.clone());
                }
                Fact::AllRequire {
                    family,
                    scope,
                    requirement,
                } => {
                    // some candidate in the scope's span requires the cited
                    // family within the cited range
                    let Ok(cited) = Requirement::parse(requirement) else {
                        problems.push(format!(
                            "({}) cites {requirement}, not a requirement",
                            s.number
                        ));
                        continue;
                    };
                    let span = scope
                        .split_once('[')
                        .and_then(|(_, r)| r.split_once('('))
                        .and_then(|(r, _)| r.parse::<VersionRange>().ok())
                        .unwrap_or_else(VersionRange::any);
                    let fam = provider.family(family).ok().flatten();
                    let ok = fam.is_some_and(|f| {
                        (0..f.len()).any(|i| {
                            f.versions().get(i).is_some_and(|v| span.contains(v))
                                && f.package(i).is_ok_and(|p| {
                                    p.requires
                                        .iter()
                                        .chain(p.variants.iter().flatten())
                                        .any(|r| {
                                            r.name() == cited.name()
                                                && r.range()
                                                    .zip(cited.range())
                                                    .is_some_and(|(a, b)| b.is_superset_of(a))
                                        })
                                })
                        })
                    });
                    if !ok {
                        problems.push(format!(
                            "({}) says every {family} left requires {requirement}; none does",
                            s.number
                        ));
                    }
                    names.push(scope.clone());
                    names.push(requirement.clone());
                }
                Fact::Candidates { scope, .. } => names.push(scope.clone()),
                Fact::Merges { requirement, into } => {
                    names.push(requirement.clone());
                    names.push(into.clone());
                }
            }
        }
        named_by.push(names);
    }
    for r in e.reached() {
        match r.chain.first() {
            Some(first) if asked.contains(first) => {}
            _ => problems.push(format!(
                "the chain to {} starts at {:?}, not at a request",
                r.label,
                r.chain.first()
            )),
        }
    }
    if let Some(s) = &e.suggestions {
        for f in &s.found {
            let fresh = Solver::new(provider).variant_select_mode(mode);
            match fresh.solve_strs(&f.request) {
                Ok(Resolve::Solved(sol)) => {
                    let got: Vec<String> =
                        sol.variants.iter().map(|v| v.qualified_name()).collect();
                    let said: Vec<String> = f
                        .resolved
                        .iter()
                        .map(|p| {
                            format!(
                                "{}[{}]",
                                p.qualified_name(),
                                p.index.map(|i| i.to_string()).unwrap_or_default()
                            )
                        })
                        .collect();
                    if got != said {
                        problems.push(format!("{:?} resolves to {got:?}, not {said:?}", f.request));
                    }
                }
                other => {
                    problems.push(format!("{:?} was suggested but gives {other:?}", f.request))
                }
            }
        }
        if s.solves > s.budget.max_solves {
            problems.push(format!(
                "{} solves, over the budget of {}",
                s.solves, s.budget.max_solves
            ));
        }
    }
    problems
}

#[test]
fn explanations_read_well_and_their_claims_hold() {
    let mut names: Vec<String> = std::fs::read_dir(repos())
        .expect("repos")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut all_problems = Vec::new();
    let mut explained = 0;
    for name in &names {
        let text = std::fs::read_to_string(repos().join(name)).expect("case");
        let repo = MemoryProvider::from_text(&text, name).expect("parses");
        let mut snapshot = String::new();
        for request in repo.field("request") {
            let reqs: Vec<Requirement> = request
                .iter()
                .map(|r| Requirement::parse_request(r).expect("request"))
                .collect();
            let mut by_mode: Vec<(VariantSelectMode, String)> = Vec::new();
            for mode in [
                VariantSelectMode::VersionPriority,
                VariantSelectMode::IntersectionPriority,
            ] {
                let solver = Solver::new(&repo.provider).variant_select_mode(mode);
                let body = match solver.solve(&reqs) {
                    Ok(Resolve::Failed(failure)) => {
                        let e = explain_and_suggest(&solver, &reqs, &failure, budget());
                        for p in check(&e, &repo.provider, &reqs, mode) {
                            all_problems.push(format!("{name} {request:?} {mode}: {p}"));
                        }
                        // the search changed nothing about the request's answer
                        match solver.solve(&reqs) {
                            Ok(Resolve::Failed(again))
                                if again.description == failure.description
                                    && again.graph == failure.graph => {}
                            other => all_problems
                                .push(format!("{name} {request:?}: answer changed to {other:?}")),
                        }
                        explained += 1;
                        format!("{}{}", failure.rez_printout(), e.text())
                    }
                    Ok(Resolve::Solved(s)) => format!(
                        "resolves: {}\n",
                        s.variants
                            .iter()
                            .map(|v| v.qualified_name())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    Ok(Resolve::Aborted(a)) => format!("aborted: {}\n", a.reason),
                    Err(e) => format!("error: {e}\n"),
                };
                by_mode.push((mode, body));
            }
            snapshot.push_str(&format!("=== request: {}\n", request.join(" ")));
            if by_mode[0].1 == by_mode[1].1 {
                snapshot.push_str(&format!("--- both variant select modes:\n{}", by_mode[0].1));
            } else {
                for (mode, body) in &by_mode {
                    snapshot.push_str(&format!("--- {mode}:\n{body}"));
                }
            }
        }
        let header: String = text
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        insta::assert_snapshot!(
            name.trim_end_matches(".txt"),
            format!("{header}\n{snapshot}")
        );
    }
    assert!(explained >= 40, "only {explained} failures explained");
    assert!(all_problems.is_empty(), "{}", all_problems.join("\n"));
}

#[test]
fn on_the_benchmark_the_search_keeps_to_its_budget_and_the_answer_stands() {
    let bench = rer_tests::benchmark::Benchmark::load().expect("rez's benchmark (vendored)");
    let provider = MemoryProvider::from_json_file(&bench.packages_json).expect("packages.json");
    let solver = Solver::new(&provider);
    let mut failing = 0;
    for (request, expected) in bench.requests.iter().zip(&bench.expected) {
        if !matches!(expected, rer_tests::benchmark::Expected::Failed) {
            continue;
        }
        failing += 1;
        let reqs: Vec<Requirement> = request
            .iter()
            .map(|r| Requirement::parse_request(r).expect("request"))
            .collect();
        let Ok(Resolve::Failed(failure)) = solver.solve(&reqs) else {
            panic!("{request:?} should fail");
        };
        for max_solves in [0, 7, 100] {
            let budget = Budget {
                max_solves,
                max_time: None,
                max_found: 5,
            };
            let e = explain_and_suggest(&solver, &reqs, &failure, budget);
            let s = e.suggestions.as_ref().expect("searched");
            assert!(
                s.solves <= max_solves,
                "{} solves over a budget of {max_solves}",
                s.solves
            );
            assert!(s.tried <= s.candidates);
            if s.solves < max_solves && s.found.len() < budget.max_found {
                assert_eq!(s.tried, s.candidates, "stopped early without reason");
            }
            let problems = check(&e, &provider, &reqs, VariantSelectMode::VersionPriority);
            assert!(problems.is_empty(), "{}", problems.join("\n"));
            match solver.solve(&reqs) {
                Ok(Resolve::Failed(again)) => {
                    assert_eq!(again.description, failure.description);
                    assert_eq!(again.graph, failure.graph);
                }
                other => panic!("the answer changed: {other:?}"),
            }
        }
        // a time budget already spent stops the search before any solve
        let spent = Budget {
            max_solves: 100,
            max_time: Some(std::time::Duration::ZERO),
            max_found: 5,
        };
        let s = explain_and_suggest(&solver, &reqs, &failure, spent)
            .suggestions
            .expect("searched");
        assert_eq!(s.solves, 0);
        assert!(s.exhausted);
        // the default budget, as `rer solve` uses it, within its solves
        let e = explain_and_suggest(&solver, &reqs, &failure, Budget::default());
        let s = e.suggestions.as_ref().expect("searched");
        assert!(s.solves <= Budget::default().max_solves);
        eprintln!("{}{}", failure.rez_printout(), e.text());
    }
    assert_eq!(failing, 1, "the benchmark has one failing request");
}
