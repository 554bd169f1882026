//! Answering one request with the solver, as a [`Report`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use rer_explain::Budget;
use rer_repo::{FamilyProvider, ProviderError};
use rer_solver::{Resolve, ResolveGraph, SolveError, SolveStats, Solver, VariantSelectMode};
use rer_version::Requirement;

use crate::args::SelectMode;
use crate::failure_detail::FailureDetail;
use crate::providers::FsStack;
use crate::report::{Report, ResolvedEntry, Stats};
use rer_config::VariantSelectMode as ConfiguredMode;

/// A solve of parsed requirements, with or without a solved graph.
type SolveFn<'a> = dyn Fn(&[Requirement], bool) -> Result<Resolve, SolveError> + 'a;

/// What to work out beyond the answer itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// Explain a failure (the proof), in the report's failure detail.
    pub explain: bool,
    /// Search for request changes that resolve a failure, within this
    /// budget (only with `explain`).
    pub suggest: Option<Budget>,
    /// Keep rez's graph of a solved resolve too (a failure's is kept
    /// always).
    pub solved_graph: bool,
}

/// The solver's name for a [`SelectMode`].
pub fn select_mode(mode: SelectMode) -> VariantSelectMode {
    match mode {
        SelectMode::VersionPriority => VariantSelectMode::VersionPriority,
        SelectMode::IntersectionPriority => VariantSelectMode::IntersectionPriority,
    }
}

/// The solver's name for a configured `variant_select_mode`.
pub fn configured_mode(mode: ConfiguredMode) -> VariantSelectMode {
    match mode {
        ConfiguredMode::VersionPriority => VariantSelectMode::VersionPriority,
        ConfiguredMode::IntersectionPriority => VariantSelectMode::IntersectionPriority,
    }
}

/// Solves `request` followed by `implicit` (the implicit packages, as
/// `rez env` appends them) and reports the outcome, a failure with its
/// detail and explanation (no suggestions); never panics (a panic inside
/// the solver becomes an `internal` error report).
pub fn answer<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    implicit: &[String],
) -> Report {
    answer_binding(solver, request, implicit, None)
}

/// Solves `request` as [`answer`] does; when the solve meets a package
/// whose `@late` `requires` read the request
/// ([`ProviderError::RequestDependent`]) and `fs` is the filesystem provider
/// behind `solver`, solves it again through a provider bound to the
/// request (a fresh cache: packages are read again for this request).
pub fn answer_binding<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    implicit: &[String],
    fs: Option<&FsStack>,
) -> Report {
    let extras = Extras {
        explain: true,
        ..Extras::default()
    };
    answer_with(solver, request, implicit, fs, extras).0
}

/// [`answer_binding`] with `extras`, also giving rez's graph of the
/// resolve when there is one (a failure's always; a solved resolve's when
/// `extras.solved_graph`). Suggestions are searched through `solver`.
pub fn answer_with<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    implicit: &[String],
    fs: Option<&FsStack>,
    extras: Extras,
) -> (Report, Option<ResolveGraph>) {
    let (report, graph) = answer_full(solver, request, implicit, fs, extras);
    (report.with_implicit(implicit), graph)
}

fn answer_full<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    implicit: &[String],
    fs: Option<&FsStack>,
    extras: Extras,
) -> (Report, Option<ResolveGraph>) {
    let start = Instant::now();
    let full: Vec<&str> = request.iter().chain(implicit).map(String::as_str).collect();
    // parsed only when a graph of a solved resolve or suggestions need it
    let parsed: Option<Vec<Requirement>> = (extras.solved_graph || extras.suggest.is_some())
        .then(|| {
            full.iter()
                .map(|r| Requirement::parse_request(r).ok())
                .collect::<Option<Vec<_>>>()
        })
        .flatten();
    let solve_with = |s: &SolveFn<'_>| {
        catch_unwind(AssertUnwindSafe(|| match &parsed {
            Some(reqs) => s(reqs, extras.solved_graph),
            None => Err(SolveError::Internal(String::new())),
        }))
    };
    let mut outcome = match &parsed {
        Some(_) => solve_with(&|reqs, graph| {
            if graph {
                solver.solve_with_graph(reqs)
            } else {
                solver.solve(reqs)
            }
        }),
        None => catch_unwind(AssertUnwindSafe(|| solver.solve_strs(&full))),
    };
    if let (Some(fs), Ok(Err(SolveError::Provider(ProviderError::RequestDependent { .. })))) =
        (fs, &outcome)
    {
        let bound = Solver::with_options(
            fs.bound_to_request(request, implicit),
            solver.options().clone(),
        );
        outcome = match &parsed {
            Some(_) => solve_with(&|reqs, graph| {
                if graph {
                    bound.solve_with_graph(reqs)
                } else {
                    bound.solve(reqs)
                }
            }),
            None => catch_unwind(AssertUnwindSafe(|| bound.solve_strs(&full))),
        };
    }
    let request = request.to_vec();
    let mut graph = None;
    let report = match outcome {
        Ok(Ok(Resolve::Solved(solution))) => {
            let resolved = solution
                .variants
                .into_iter()
                .map(|v| {
                    // copied as text, not through `Display`; the root is moved
                    ResolvedEntry::new(&*v.name, v.version.as_str(), v.index, &v.uri)
                        .with_root(v.root)
                })
                .collect();
            let ephemerals = solution.ephemerals.iter().map(|e| e.to_string()).collect();
            graph = solution.graph;
            Report::solved(request, resolved, ephemerals, stats(&solution.stats))
        }
        Ok(Ok(Resolve::Failed(failure))) => {
            let explanation = match (extras.explain, extras.suggest, &parsed) {
                (false, _, _) => None,
                (true, Some(budget), Some(reqs)) => {
                    let found = catch_unwind(AssertUnwindSafe(|| {
                        rer_explain::explain_and_suggest(solver, reqs, &failure, budget)
                    }));
                    Some(found.unwrap_or_else(|_| rer_explain::explain(&failure)))
                }
                (true, _, _) => Some(rer_explain::explain(&failure)),
            };
            let detail = FailureDetail::new(&failure, explanation.as_ref());
            let report = Report::failed(request, failure.description, stats(&failure.stats))
                .with_failure_detail(detail);
            graph = Some(failure.graph);
            report
        }
        Ok(Ok(Resolve::Aborted(aborted))) => {
            Report::aborted(request, aborted.reason, stats(&aborted.stats))
        }
        Ok(Err(error)) => Report::error(
            request,
            error.detailed_kind(),
            describe(&error),
            elapsed_stats(start),
        ),
        Err(panic) => Report::error(
            request,
            "internal",
            format!(
                "rer failed on this request: {} (this is a bug in rer; please report it \
                 with the request)",
                panic_message(&*panic)
            ),
            elapsed_stats(start),
        ),
    };
    (report, graph)
}

/// One line naming what is wrong, in rez's words: the request string, the
/// family and the packages that required it, or the file and line of a
/// broken package definition.
pub fn describe(error: &SolveError) -> String {
    match error {
        // The parser's message already quotes the request.
        SolveError::InvalidRequest { request, message } if message.contains(request.as_str()) => {
            message.clone()
        }
        other => other.to_string(),
    }
}

fn stats(s: &SolveStats) -> Stats {
    Stats {
        iterations: s.iterations,
        families_loaded: s.families_loaded,
        packages_loaded: s.packages_loaded,
        solve_ms: round_ms(s.solve_time.as_secs_f64() * 1000.0),
    }
}

fn elapsed_stats(start: Instant) -> Stats {
    Stats {
        solve_ms: round_ms(start.elapsed().as_secs_f64() * 1000.0),
        ..Stats::default()
    }
}

/// Milliseconds to the microsecond.
fn round_ms(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// The text a panic was raised with.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}
