//! The solve loop (rez's `Solver.solve`): a stack of phases, split when
//! exhausted, until one is solved or none is left.

use std::time::Instant;

use rer_repo::FamilyProvider;
use rer_version::{Requirement, RequirementList};

use crate::VariantSelectMode;
use crate::cache::Cache;
use crate::control::{CallbackAnswer, CancelToken, SolverState};
use crate::error::SolveError;
use crate::failure::{DependencyConflict, FailureReason};
use crate::graph::finalise;
use crate::options::SolveOptions;
use crate::outcome::{Aborted, Failure, Resolve, ResolvedVariant, Solution, SolveStats};
use crate::phase::{Phase, PhaseOptions, Status};
use crate::rez_graph::{self, ResolveGraph};
use crate::store::{FamId, Res, Store};

/// The settings of one solve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunOptions<'o> {
    pub(crate) mode: VariantSelectMode,
    pub(crate) phase: PhaseOptions,
    /// The limits, callback and cancel token, when any is set.
    pub(crate) controls: Option<&'o SolveOptions>,
    /// The package orderers, when any is set.
    pub(crate) orderers: Option<&'o rer_order::PackageOrderList>,
    /// Whether a solved resolve carries rez's graph too (a failed one always
    /// does).
    pub(crate) solved_graph: bool,
    /// The `PYTHONHASHSEED` whose order a reported cycle follows.
    pub(crate) hash_seed: u32,
}

/// What the limits say after a step.
enum Verdict {
    KeepGoing,
    Abort(String),
    Fail(String),
}

/// rez's `failed_phase_list`, keeping only what a failure description can
/// name: the first failed phase and the most recent one, and how many
/// there were (a long solve fails thousands of times; keeping every failed
/// phase would grow without bound).
#[derive(Default)]
struct FailedPhases {
    first: Option<Phase>,
    last: Option<Phase>,
    count: usize,
}

impl FailedPhases {
    fn push(&mut self, phase: Phase) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(phase);
        } else {
            self.last = Some(phase);
        }
    }

    fn first(&self) -> Option<&Phase> {
        self.first.as_ref()
    }

    fn last(&self) -> Option<&Phase> {
        self.last.as_ref().or(self.first.as_ref())
    }
}

/// rez's `num_fails`: the failed phases put aside, and the top one if it
/// failed.
fn num_fails(stack: &[Phase], failed: &FailedPhases) -> usize {
    let top_failed = stack
        .last()
        .is_some_and(|p| matches!(p.status, Status::Failed | Status::Cyclic));
    failed.count + usize::from(top_failed)
}

/// rez's `Solver._do_callback` around `ResolvedContext.Callback`: the fail
/// limit, then the time limit, then the embedder's callback, each answering
/// for the step that just ended; a `fail` before any failure is ignored.
fn consult(
    controls: &SolveOptions,
    store: &Store<'_>,
    stack: &[Phase],
    failed: &FailedPhases,
    num_solves: usize,
    start: Instant,
) -> Verdict {
    if controls
        .cancel
        .as_ref()
        .is_some_and(CancelToken::is_cancelled)
    {
        return Verdict::Abort(CancelToken::REASON.to_owned());
    }
    // rez's _latest_nonfailed_phase: without one, no callback is made
    let Some(phase) = stack
        .iter()
        .rev()
        .find(|p| !matches!(p.status, Status::Failed | Status::Cyclic))
    else {
        return Verdict::KeepGoing;
    };
    let num_fails = num_fails(stack, failed);
    let answer = if controls.max_fails.is_some_and(|n| num_fails >= n) {
        CallbackAnswer::Fail(format!(
            "fail limit reached: aborted after {num_fails} failures"
        ))
    } else if controls
        .time_limit
        .is_some_and(|limit| start.elapsed() > limit)
    {
        CallbackAnswer::Abort("time limit exceeded".to_owned())
    } else if let Some(callback) = &controls.callback {
        let request = || {
            phase
                .scopes
                .iter()
                .map(|s| s.package_request(store))
                .collect()
        };
        callback(&SolverState {
            num_solves,
            num_fails,
            request: &request,
        })
    } else {
        CallbackAnswer::KeepGoing
    };
    match answer {
        CallbackAnswer::KeepGoing => Verdict::KeepGoing,
        CallbackAnswer::Abort(reason) => Verdict::Abort(reason),
        CallbackAnswer::Fail(reason) if num_fails > 0 => Verdict::Fail(reason),
        CallbackAnswer::Fail(_) => Verdict::KeepGoing,
    }
}

/// rez's overall `Solver.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overall {
    Unsolved,
    Solved,
    Failed,
}

fn overall(stack: &[Phase]) -> Overall {
    let Some(top) = stack.last() else {
        return Overall::Failed;
    };
    match top.status {
        Status::Cyclic => Overall::Failed,
        Status::Solved => Overall::Solved,
        _ if stack.len() > 1 => Overall::Unsolved,
        Status::Pending | Status::Exhausted => Overall::Unsolved,
        Status::Failed => Overall::Failed,
    }
}

/// Solves `request` against `provider`.
pub(crate) fn run(
    cache: &Cache,
    provider: &dyn FamilyProvider,
    options: RunOptions<'_>,
    request: &[Requirement],
) -> Result<Resolve, SolveError> {
    solve(cache, provider, options, request).map_err(|e| *e)
}

fn solve(
    cache: &Cache,
    provider: &dyn FamilyProvider,
    options: RunOptions<'_>,
    request: &[Requirement],
) -> Res<Resolve> {
    let store = Store::new(cache, provider, options.mode, options.orderers)
        .with_hash_seed(options.hash_seed);
    solve_in(&store, options, request)
}

/// [`run`], with collections due once the store holds `min_budget` items;
/// also how much the store held.
#[cfg(test)]
pub(crate) fn run_holding(
    cache: &Cache,
    provider: &dyn FamilyProvider,
    options: RunOptions<'_>,
    request: &[Requirement],
    min_budget: usize,
) -> (Result<Resolve, SolveError>, crate::store::Holding) {
    let store = Store::new(cache, provider, options.mode, options.orderers)
        .with_hash_seed(options.hash_seed);
    store.set_min_budget(min_budget);
    let out = solve_in(&store, options, request).map_err(|e| *e);
    (out, store.holding())
}

/// Solves `request` with the store `store` (fresh).
fn solve_in(store: &Store<'_>, options: RunOptions<'_>, request: &[Requirement]) -> Res<Resolve> {
    let start = Instant::now();
    let stats = |store: &Store<'_>, iterations: usize, num_fails: usize| SolveStats {
        iterations,
        num_fails,
        families_loaded: store.families_loaded(),
        packages_loaded: store.packages_loaded(),
        solve_time: start.elapsed(),
    };

    let list = RequirementList::new(request.iter().cloned());
    if let Some((a, b)) = list.conflict() {
        let reason = FailureReason::DependencyConflicts(vec![DependencyConflict {
            dependency: a.clone(),
            conflicting: b.clone(),
        }]);
        return Ok(Resolve::Failed(Failure {
            description: reason.description(),
            conflicts: reason.involved(),
            graph: rez_graph::build(&rez_graph::failed_view(a, b), true, options.hash_seed),
            // rez's one failed phase: the request's
            stats: stats(store, 0, 1),
        }));
    }
    let merged: Vec<(FamId, Requirement)> = list
        .requirements()
        .map(|r| (store.intern(r.shared_name()), r.clone()))
        .collect();
    store.set_request(merged.iter().map(|(f, r)| (*f, r.is_conflict())).collect());
    let request_fams: Vec<FamId> = merged.iter().map(|(f, _)| *f).collect();
    let merged_request: Vec<Requirement> = merged.iter().map(|(_, r)| r.clone()).collect();

    let mut stack = vec![Phase::initial(store, &merged)?];
    let mut failed = FailedPhases::default();
    let mut iterations = 0usize;
    // the reason a callback (or the fail limit) failed the solve with
    let mut fail_reason: Option<String> = None;

    while overall(&stack) == Overall::Unsolved {
        if let Some(cancel) = options.controls.and_then(|c| c.cancel.as_ref()) {
            if cancel.is_cancelled() {
                return Ok(Resolve::Aborted(Aborted {
                    reason: CancelToken::REASON.to_owned(),
                    stats: stats(store, iterations, num_fails(&stack, &failed)),
                }));
            }
        }
        // what failed phases put aside held is garbage now: every phase the
        // solve may still look at is on the stack or kept in `failed`
        if store.should_collect() {
            store.collect(
                stack
                    .iter()
                    .chain(failed.first.iter())
                    .chain(failed.last.iter())
                    .flat_map(|p| p.scopes.iter().copied()),
            );
        }
        let Some(mut phase) = stack.pop() else { break };
        if phase.status == Status::Failed {
            failed.push(phase);
            phase = stack.pop().ok_or_else(|| {
                Box::new(SolveError::Internal("no phase left after a failure".into()))
            })?;
        }
        if phase.status == Status::Exhausted {
            let (first, next) = phase.split(store)?;
            stack.push(next);
            phase = first;
        }
        // the first failure is reported (or, when a limit or callback may
        // fail the solve, the latest): only those keep their extractions
        // for the graph
        let phase_options = PhaseOptions {
            keep_failed_extractions: failed.first().is_none() || options.controls.is_some(),
            ..options.phase
        };
        let new_phase = phase.solve(store, phase_options)?;
        iterations += 1;
        match new_phase.status {
            Status::Solved => stack.push(finalise(
                &new_phase,
                store,
                &request_fams,
                options.hash_seed,
            )?),
            _ => stack.push(new_phase),
        }
        if let Some(controls) = options.controls {
            if overall(&stack) == Overall::Unsolved {
                match consult(controls, store, &stack, &failed, iterations, start) {
                    Verdict::KeepGoing => {}
                    Verdict::Abort(reason) => {
                        return Ok(Resolve::Aborted(Aborted {
                            reason,
                            stats: stats(store, iterations, num_fails(&stack, &failed)),
                        }));
                    }
                    Verdict::Fail(reason) => {
                        fail_reason = Some(reason);
                        break;
                    }
                }
            }
        }
    }

    let Some(top) = stack.last() else {
        return Err(Box::new(SolveError::Internal("empty phase stack".into())));
    };
    if fail_reason.is_none() && overall(&stack) == Overall::Solved {
        let mut variants = Vec::new();
        let mut ephemerals = Vec::new();
        for scope in &top.scopes {
            if let Some(var) = scope.solved_variant(store)? {
                let pkg = var.pkg()?;
                let index = pkg.index(var.pos);
                let package = &pkg.data.package;
                let requires = match package.variant_requires(index.unwrap_or(0) as usize) {
                    Some(reqs) => reqs.cloned().collect(),
                    None => package.requires.clone(),
                };
                variants.push(ResolvedVariant {
                    name: package.name.clone(),
                    version: pkg.version().clone(),
                    index: index.map(|i| i as usize),
                    requires,
                    uri: package.uri.clone(),
                    root: package.variant_root(index.map(|i| i as usize)),
                });
            } else if let Some(e) = scope.solved_ephemeral(store) {
                ephemerals.push((*e).clone());
            }
        }
        let graph = if options.solved_graph {
            let view = rez_graph::phase_view(top, store, &merged_request)?;
            Some(rez_graph::build(&view, true, options.hash_seed))
        } else {
            None
        };
        return Ok(Resolve::Solved(Solution {
            variants,
            ephemerals,
            graph,
            stats: stats(store, iterations, num_fails(&stack, &failed)),
        }));
    }

    // rez's _get_failed_phase: the cycle if a cycle ended the solve, the
    // most recent failure if a callback failed it, otherwise the first
    // failure.
    let top_failed = matches!(top.status, Status::Failed | Status::Cyclic);
    let phase = if top.status == Status::Cyclic {
        top
    } else if fail_reason.is_some() {
        if top_failed {
            top
        } else {
            failed.last().unwrap_or(top)
        }
    } else {
        failed.first().unwrap_or(top)
    };
    let (mut description, conflicts) = match &phase.failure {
        Some(reason) => (reason.description(), reason.involved()),
        None => ("Solver failed with unknown reason.".to_owned(), Vec::new()),
    };
    let graph: ResolveGraph = rez_graph::build(
        &rez_graph::phase_view(phase, store, &merged_request)?,
        true,
        options.hash_seed,
    );
    if let Some(reason) = fail_reason.filter(|r| !r.is_empty()) {
        description = format!("{reason}:\n{description}");
    }
    Ok(Resolve::Failed(Failure {
        description,
        conflicts,
        graph,
        stats: stats(store, iterations, num_fails(&stack, &failed)),
    }))
}
