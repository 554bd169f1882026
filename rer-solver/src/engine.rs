//! The solve loop (rez's `Solver.solve`): a stack of phases, split when
//! exhausted, until one is solved or none is left.

use std::time::Instant;

use rer_repo::FamilyProvider;
use rer_version::{Requirement, RequirementList};

use crate::VariantSelectMode;
use crate::cache::Cache;
use crate::error::SolveError;
use crate::failure::{DependencyConflict, FailureReason};
use crate::graph::finalise;
use crate::outcome::{Failure, Resolve, ResolvedVariant, Solution, SolveStats};
use crate::phase::{Phase, PhaseOptions, Status};
use crate::store::{FamId, Res, Store};

/// The settings of one solve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SolveOptions {
    pub(crate) mode: VariantSelectMode,
    pub(crate) phase: PhaseOptions,
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
    options: SolveOptions,
    request: &[Requirement],
) -> Result<Resolve, SolveError> {
    solve(cache, provider, options, request).map_err(|e| *e)
}

fn solve(
    cache: &Cache,
    provider: &dyn FamilyProvider,
    options: SolveOptions,
    request: &[Requirement],
) -> Res<Resolve> {
    let start = Instant::now();
    let store = Store::new(cache, provider, options.mode);
    let stats = |store: &Store<'_>, iterations: usize| SolveStats {
        iterations,
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
            stats: stats(&store, 0),
        }));
    }
    let merged: Vec<(FamId, Requirement)> = list
        .requirements()
        .map(|r| (store.intern(r.shared_name()), r.clone()))
        .collect();
    store.set_request(merged.iter().map(|(f, r)| (*f, r.is_conflict())).collect());
    let request_fams: Vec<FamId> = merged.iter().map(|(f, _)| *f).collect();

    let mut stack = vec![Phase::initial(&store, &merged)?];
    let mut failed: Vec<Phase> = Vec::new();
    let mut iterations = 0usize;

    while overall(&stack) == Overall::Unsolved {
        let Some(mut phase) = stack.pop() else { break };
        if phase.status == Status::Failed {
            failed.push(phase);
            phase = stack.pop().ok_or_else(|| {
                Box::new(SolveError::Internal("no phase left after a failure".into()))
            })?;
        }
        if phase.status == Status::Exhausted {
            let (first, next) = phase.split(&store)?;
            stack.push(next);
            phase = first;
        }
        let new_phase = phase.solve(&store, options.phase)?;
        iterations += 1;
        match new_phase.status {
            Status::Solved => stack.push(finalise(&new_phase, &store, &request_fams)?),
            _ => stack.push(new_phase),
        }
    }

    let Some(top) = stack.last() else {
        return Err(Box::new(SolveError::Internal("empty phase stack".into())));
    };
    if overall(&stack) == Overall::Solved {
        let mut variants = Vec::new();
        let mut ephemerals = Vec::new();
        for scope in &top.scopes {
            if let Some(var) = scope.solved_variant(&store)? {
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
                });
            } else if let Some(e) = scope.solved_ephemeral(&store) {
                ephemerals.push((*e).clone());
            }
        }
        return Ok(Resolve::Solved(Solution {
            variants,
            ephemerals,
            stats: stats(&store, iterations),
        }));
    }

    // rez's _get_failed_phase: the cycle if a cycle ended the solve,
    // otherwise the first failure.
    let phase = if top.status == Status::Cyclic {
        top
    } else {
        failed.first().unwrap_or(top)
    };
    let (description, conflicts) = match &phase.failure {
        Some(reason) => (reason.description(), reason.involved()),
        None => ("Solver failed with unknown reason.".to_owned(), Vec::new()),
    };
    Ok(Resolve::Failed(Failure {
        description,
        conflicts,
        stats: stats(&store, iterations),
    }))
}
