//! Answering one request with the solver, as a [`Report`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use rer_provider_fs::FsProvider;
use rer_repo::{Cached, FamilyProvider, ProviderError};
use rer_solver::{Resolve, SolveError, SolveStats, Solver, VariantSelectMode};

use crate::args::SelectMode;
use crate::report::{Report, ResolvedEntry, Stats};
use rer_config::VariantSelectMode as ConfiguredMode;

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
/// `rez env` appends them) and reports the outcome; never panics (a panic
/// inside the solver becomes an `internal` error report).
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
    fs: Option<&FsProvider>,
) -> Report {
    answer_full(solver, request, implicit, fs).with_implicit(implicit)
}

fn answer_full<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    implicit: &[String],
    fs: Option<&FsProvider>,
) -> Report {
    let start = Instant::now();
    let full: Vec<&str> = request.iter().chain(implicit).map(String::as_str).collect();
    let mut outcome = catch_unwind(AssertUnwindSafe(|| solver.solve_strs(&full)));
    if let (Some(fs), Ok(Err(SolveError::Provider(ProviderError::RequestDependent { .. })))) =
        (fs, &outcome)
    {
        let bound = Solver::with_options(
            Cached::new(fs.bound_to_request(request)),
            solver.options().clone(),
        );
        outcome = catch_unwind(AssertUnwindSafe(|| bound.solve_strs(&full)));
    }
    let request = request.to_vec();
    match outcome {
        Ok(Ok(Resolve::Solved(solution))) => {
            let resolved = solution
                .variants
                .iter()
                .map(|v| {
                    ResolvedEntry::new(v.name.to_string(), v.version.to_string(), v.index, &v.uri)
                })
                .collect();
            let ephemerals = solution.ephemerals.iter().map(|e| e.to_string()).collect();
            Report::solved(request, resolved, ephemerals, stats(&solution.stats))
        }
        Ok(Ok(Resolve::Failed(failure))) => {
            Report::failed(request, failure.description, stats(&failure.stats))
        }
        Ok(Ok(Resolve::Aborted(aborted))) => {
            Report::aborted(request, aborted.reason, stats(&aborted.stats))
        }
        Ok(Err(error)) => Report::error(
            request,
            error.kind(),
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
    }
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
