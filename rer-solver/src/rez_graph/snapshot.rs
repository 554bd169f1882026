//! Copying a phase out of a solve's state into a [`PhaseView`].

use std::sync::Arc;

use rer_version::{Requirement, RequirementList};

use super::view::{FailureView, PhaseView, ReductionView, ScopeView, SolvedView};
use crate::failure::FailureReason;
use crate::phase::{Phase, Status};
use crate::store::{Res, Store, versioned_str};

/// The view of `phase` (a failed, cyclic or solved phase) of a solve of
/// the merged request `request`.
pub(crate) fn phase_view(
    phase: &Phase,
    store: &Store<'_>,
    request: &[Requirement],
) -> Res<PhaseView> {
    // rez's cyclic phase holds the non-conflict scopes only
    let cyclic = phase.status == Status::Cyclic;
    let mut scopes = Vec::with_capacity(phase.scopes.len());
    for scope in &phase.scopes {
        if cyclic && scope.is_conflict() {
            continue;
        }
        let label = match scope.slice(store) {
            Some(slice) => slice.rez_str(store)?,
            None => scope.package_request(store).to_string(),
        };
        let solved = match scope.solved_variant(store)? {
            Some(var) => {
                let pkg = var.pkg()?;
                let package = &pkg.data.package;
                let index = pkg.index(var.pos);
                let requires: Vec<Requirement> =
                    match package.variant_requires(index.unwrap_or(0) as usize) {
                        Some(reqs) => reqs.cloned().collect(),
                        None => package.requires.clone(),
                    };
                let idx = index.map(|i| i.to_string()).unwrap_or_default();
                Some(SolvedView {
                    label: format!("{}[{idx}]", versioned_str(&package.name, pkg.version())),
                    requires: RequirementList::new(requires)
                        .requirements()
                        .cloned()
                        .collect(),
                })
            }
            None => None,
        };
        scopes.push(ScopeView {
            name: store.name(scope.fam),
            label,
            is_conflict: scope.is_conflict(),
            request: scope.package_request(store),
            solved,
        });
    }
    let extractions =
        phase
            .extractions
            .iter()
            .flat_map(|items| items.iter())
            .map(|&(from, to, id)| {
                let name = store.name(to);
                (
                    store.name(from),
                    Arc::clone(&name),
                    Requirement::construct(name, store.range(id)),
                )
            });
    Ok(PhaseView {
        request: request.to_vec(),
        scopes,
        extractions: dedup_extractions(extractions),
        failure: phase.failure.as_deref().map(failure_view),
    })
}

/// The view of a request whose requirements conflict among themselves:
/// rez's phase has no scope then, only the failure.
pub(crate) fn failed_view(dependency: &Requirement, conflicting: &Requirement) -> PhaseView {
    PhaseView {
        failure: Some(FailureView::Conflicts(vec![(
            dependency.clone(),
            conflicting.clone(),
        )])),
        ..PhaseView::default()
    }
}

/// rez's dict of extractions: each key in the place of its first
/// insertion, with its last value.
fn dedup_extractions(
    items: impl Iterator<Item = (Arc<str>, Arc<str>, Requirement)>,
) -> Vec<(Arc<str>, Arc<str>, Requirement)> {
    let mut out: Vec<(Arc<str>, Arc<str>, Requirement)> = Vec::new();
    for (from, to, req) in items {
        match out.iter_mut().find(|(f, t, _)| *f == from && *t == to) {
            Some(slot) => slot.2 = req,
            None => out.push((from, to, req)),
        }
    }
    out
}

fn failure_view(reason: &FailureReason) -> FailureView {
    match reason {
        FailureReason::DependencyConflicts(conflicts) => FailureView::Conflicts(
            conflicts
                .iter()
                .map(|c| (c.dependency.clone(), c.conflicting.clone()))
                .collect(),
        ),
        FailureReason::TotalReduction(reductions) => FailureView::TotalReduction(
            reductions
                .iter()
                .map(|r| ReductionView {
                    name: Arc::clone(&r.name),
                    reducee: r.reducee(),
                    dependency: r.dependency.clone(),
                    conflicting_name: r.conflicting.shared_name().clone(),
                })
                .collect(),
        ),
        FailureReason::Cycle(packages) => {
            FailureView::Cycle(packages.iter().map(|(n, _)| Arc::clone(n)).collect())
        }
    }
}
