//! Resolve phases (rez's `_ResolvePhase`): a full copy of the solve state,
//! run until nothing more follows without choosing between variants.

use std::rc::Rc;

use rer_version::{Requirement, VersionRange};
use rustc_hash::FxHashMap;

use crate::cache::RangeId;
use crate::error::SolveError;
use crate::failure::{DependencyConflict, FailureReason};
use crate::reduce::Pass;
use crate::scope::{Intersect, Scope};
use crate::store::{FamId, PhaseBufs, Res, Store};

/// rez's `SolverStatus` of a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Not solved yet.
    Pending,
    /// Every scope settled.
    Solved,
    /// Stuck: a scope must be split to go on.
    Exhausted,
    /// No solution in this phase.
    Failed,
    /// Solved, but with a dependency cycle.
    Cyclic,
}

/// One phase of the solve.
#[derive(Clone)]
pub(crate) struct Phase {
    /// The scopes, in creation order.
    pub(crate) scopes: Vec<Scope>,
    /// Where the phase stands.
    pub(crate) status: Status,
    /// Why it failed, when it did (`None` for rez's "unknown reason").
    pub(crate) failure: Option<Rc<FailureReason>>,
    /// The extractions of the solve that made this phase, kept for failed
    /// and solved phases only (rez's `phase.extractions`, for its graph).
    pub(crate) extractions: Option<Rc<[(FamId, FamId, RangeId)]>>,
    /// The scopes changed since the last reduction pass, which may also
    /// have something to extract (all others are known to have extracted
    /// everything).
    seed: Seed,
    /// The scopes not settled, ascending (all others are solved).
    unsolved: Vec<usize>,
    /// Which arrangement of families the scopes are in (phases split from
    /// one another share it; adding a scope makes a new one), so that the
    /// store's family-to-scope index is rebuilt only when it changes.
    layout: u64,
}

/// The working vectors of a phase's solve, handed back to the store for
/// the next one however the solve ends.
struct Scratch<'s, 'a> {
    store: &'s Store<'a>,
    bufs: PhaseBufs,
}

impl Drop for Scratch<'_, '_> {
    fn drop(&mut self) {
        self.store.give_phase_bufs(std::mem::take(&mut self.bufs));
    }
}

/// The scopes a phase starts from (changed, and maybe with something to
/// extract).
#[derive(Clone, Copy)]
enum Seed {
    None,
    One(usize),
    All,
}

/// Options of a solve that phases need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhaseOptions {
    /// rez's `error_on_missing_variant_requires`.
    pub(crate) error_on_missing_variant_requires: bool,
    /// Whether a phase that fails keeps its extractions (for the graph of
    /// the failure rez reports: only the first failure needs them).
    pub(crate) keep_failed_extractions: bool,
}

/// rez's dict of extractions made in one `solve()`: `(from, to)` family
/// pairs with the range extracted, in insertion order (duplicates kept: a
/// key's first appearance gives its place, its last its value).
#[derive(Default)]
struct Extractions {
    items: Vec<(FamId, FamId, RangeId)>,
}

impl Extractions {
    fn insert(&mut self, item: (FamId, FamId, RangeId)) {
        self.items.push(item);
    }

    /// The families whose extractions named `fam`, in insertion order.
    fn requesters(&self, store: &Store<'_>, fam: FamId) -> Vec<String> {
        let mut froms: Vec<FamId> = Vec::new();
        for &(from, to, _) in &self.items {
            if to == fam && !froms.contains(&from) {
                froms.push(from);
            }
        }
        froms.iter().map(|f| store.name(*f).to_string()).collect()
    }
}

/// Extracted requirements (family, range id) merged per family, in order of
/// first appearance (rez's `RequirementList` over them), or the first
/// conflicting pair.
#[allow(clippy::type_complexity)]
fn merge_extracted(
    store: &Store<'_>,
    extracted: &[(FamId, RangeId)],
    merged: &mut Vec<(FamId, RangeId)>,
) -> Result<(), ((FamId, RangeId), (FamId, RangeId))> {
    merged.clear();
    let mut index: FxHashMap<FamId, usize> = FxHashMap::default();
    for &(fam, id) in extracted {
        let at = if merged.len() <= 16 {
            merged.iter().position(|m| m.0 == fam)
        } else {
            if index.is_empty() {
                index.extend(merged.iter().enumerate().map(|(i, m)| (m.0, i)));
            }
            index.get(&fam).copied()
        };
        match at {
            None => {
                if !index.is_empty() {
                    index.insert(fam, merged.len());
                }
                merged.push((fam, id));
            }
            Some(i) => match store.meet(merged[i].1, id) {
                Some(m) => merged[i].1 = m,
                None => return Err((merged[i], (fam, id))),
            },
        }
    }
    Ok(())
}

/// The plain requirement on `fam` within range `id`.
fn requirement(store: &Store<'_>, (fam, id): (FamId, RangeId)) -> Requirement {
    Requirement::construct(store.name(fam), store.range(id))
}

impl Phase {
    /// The first phase: one scope per merged request item.
    pub(crate) fn initial(store: &Store<'_>, request: &[(FamId, Requirement)]) -> Res<Phase> {
        let mut scopes = Vec::with_capacity(request.len());
        for (k, (fam, req)) in request.iter().enumerate() {
            if k == 1 {
                // the first scope told whether the provider reads ahead:
                // if it does, name the packages of the other scopes now
                store.prefetch_all(request[1..].iter().filter_map(|(fam, req)| {
                    let plain = !req.is_conflict() && !req.is_ephemeral();
                    let any = VersionRange::any();
                    plain.then(|| (*fam, store.range_id(req.range().unwrap_or(&any))))
                }));
            }
            scopes.push(Scope::create(store, *fam, req)?);
        }
        let all: Vec<usize> = (0..scopes.len()).collect();
        Ok(Phase {
            scopes,
            status: Status::Pending,
            failure: None,
            extractions: None,
            unsolved: all.clone(),
            seed: Seed::All,
            layout: store.new_layout(),
        })
    }

    /// A phase failed for `reason`.
    pub(crate) fn failed(scopes: Vec<Scope>, reason: Option<FailureReason>) -> Phase {
        Phase {
            scopes,
            status: Status::Failed,
            failure: reason.map(Rc::new),
            extractions: None,
            seed: Seed::None,
            unsolved: Vec::new(),
            layout: 0,
        }
    }

    /// The phase, keeping `items` as the extractions of its solve if `keep`.
    pub(crate) fn with_extractions(
        mut self,
        keep: bool,
        items: &[(FamId, FamId, RangeId)],
    ) -> Phase {
        if keep {
            self.extractions = Some(Rc::from(items));
        }
        self
    }

    /// rez's `_ResolvePhase.solve`: extract, intersect, add and reduce until
    /// nothing changes. The new phase is solved, exhausted or failed.
    pub(crate) fn solve(self, store: &Store<'_>, options: PhaseOptions) -> Res<Phase> {
        if self.status != Status::Pending {
            return Ok(self);
        }
        let Phase {
            mut scopes,
            seed,
            unsolved,
            mut layout,
            ..
        } = self;
        // the working vectors, reused from the previous phase's solve
        let mut scratch = Scratch {
            store,
            bufs: store.take_phase_bufs(),
        };
        let PhaseBufs {
            items,
            changed,
            dirty,
            touched,
            extracted,
            merged,
            matched,
            hits,
            order,
        } = &mut scratch.bufs;
        items.clear();
        let mut extractions = Extractions {
            items: std::mem::take(items),
        };
        changed.clear();
        match seed {
            Seed::None => {}
            Seed::One(i) => changed.push(i),
            Seed::All => changed.extend(0..scopes.len()),
        }
        if store.layout() != layout {
            store.set_scope_indexes(&scopes);
            store.set_layout(layout);
        }
        // scopes replaced since they were last asked for extractions
        dirty.clear();
        dirty.resize(scopes.len(), false);
        // scopes replaced or added during this solve
        touched.clear();
        for &i in changed.iter() {
            if let Some(d) = dirty.get_mut(i) {
                *d = true;
            }
            touched.push(i);
        }
        let mut seen = 0usize;
        loop {
            let prev_num = scopes.len();
            let mut widened: Vec<usize> = Vec::new();

            loop {
                // extract every common dependency of every scope
                extracted.clear();
                // every scope marked dirty was also pushed to `touched`
                // since the last round: visit those, in scope order
                order.clear();
                order.extend_from_slice(&touched[seen..]);
                seen = touched.len();
                order.sort_unstable();
                order.dedup();
                for &i in order.iter() {
                    if !dirty[i] {
                        continue;
                    }
                    dirty[i] = false;
                    let start = extracted.len();
                    scopes[i].extract_all(store, extracted)?;
                    for &(fam, id) in &extracted[start..] {
                        extractions.insert((scopes[i].fam, fam, id));
                    }
                }
                if extracted.is_empty() {
                    break;
                }

                match merge_extracted(store, extracted, merged) {
                    Ok(()) => {}
                    Err((a, b)) => {
                        let reason = FailureReason::DependencyConflicts(vec![DependencyConflict {
                            dependency: requirement(store, a),
                            conflicting: requirement(store, b),
                        }]);
                        return Ok(Phase::failed(scopes, Some(reason)).with_extractions(
                            options.keep_failed_extractions,
                            &extractions.items,
                        ));
                    }
                };

                // intersect the existing scopes with the extractions, in
                // scope order
                matched.clear();
                matched.resize(merged.len(), false);
                hits.clear();
                for (k, &(fam, _)) in merged.iter().enumerate() {
                    if let Some(i) = store.scope_of(&scopes, fam) {
                        matched[k] = true;
                        hits.push((i, k));
                    }
                }
                hits.sort_unstable();
                for &(i, k) in hits.iter() {
                    match scopes[i].intersect(store, merged[k].1)? {
                        Intersect::Same => {}
                        Intersect::Empty => {
                            let reason =
                                FailureReason::DependencyConflicts(vec![DependencyConflict {
                                    dependency: requirement(store, merged[k]),
                                    conflicting: scopes[i].package_request(store),
                                }]);
                            return Ok(Phase::failed(scopes, Some(reason)).with_extractions(
                                options.keep_failed_extractions,
                                &extractions.items,
                            ));
                        }
                        Intersect::New(scope) => {
                            let widens = scopes[i].is_conflict() && !scope.is_conflict();
                            scopes[i] = scope;
                            dirty[i] = true;
                            touched.push(i);
                            changed.push(i);
                            if widens {
                                widened.push(i);
                            }
                        }
                    }
                }

                // add scopes for the families not seen yet (first naming
                // their packages to a provider that reads ahead)
                store.prefetch_all(
                    merged
                        .iter()
                        .zip(matched.iter())
                        .filter(|(_, seen)| !**seen)
                        .map(|(item, _)| *item),
                );
                let adding = merged.len() - hits.len();
                scopes.reserve(adding);
                dirty.reserve(adding);
                touched.reserve(adding);
                for (k, &(fam, id)) in merged.iter().enumerate() {
                    if matched[k] {
                        continue;
                    }
                    match Scope::create_extracted(store, fam, id).map_err(|e| *e) {
                        Ok(scope) => {
                            store.set_scope_index(scope.fam, scopes.len() as u32);
                            layout = store.new_layout();
                            store.set_layout(layout);
                            touched.push(scopes.len());
                            scopes.push(scope);
                            dirty.push(true);
                        }
                        Err(SolveError::UnknownFamily {
                            family,
                            required_by,
                        }) => {
                            let requesters = extractions.requesters(store, fam);
                            if requesters.is_empty() {
                                return Err(Box::new(SolveError::UnknownFamily {
                                    family,
                                    required_by,
                                }));
                            }
                            if !options.error_on_missing_variant_requires {
                                return Ok(Phase::failed(scopes, None).with_extractions(
                                    options.keep_failed_extractions,
                                    &extractions.items,
                                ));
                            }
                            return Err(Box::new(SolveError::UnknownFamily {
                                family,
                                required_by: Some(requesters.join(", ")),
                            }));
                        }
                        Err(SolveError::NoMatchingVersion { requirement, .. }) => {
                            let requesters = extractions.requesters(store, fam);
                            return Err(Box::new(SolveError::NoMatchingVersion {
                                requirement,
                                required_by: (!requesters.is_empty())
                                    .then(|| requesters.join(", ")),
                            }));
                        }
                        Err(e) => return Err(Box::new(e)),
                    }
                }
            }

            let num = scopes.len();
            if num == prev_num && changed.is_empty() && widened.is_empty() {
                break;
            }

            // reduce until no scope changes
            changed.sort_unstable();
            changed.dedup();
            widened.sort_unstable();
            widened.dedup();
            let outcome = {
                let mut pass = Pass::new(store, &mut scopes, dirty, touched);
                pass.run(prev_num, changed, &widened)?
            };
            if let Some(reason) = outcome {
                return Ok(Phase::failed(scopes, Some(reason))
                    .with_extractions(options.keep_failed_extractions, &extractions.items));
            }
            changed.clear();
        }

        // the scopes still unsettled: those unsettled before and not
        // replaced since (the same scopes), and those replaced or added that
        // are not settled
        touched.sort_unstable();
        touched.dedup();
        let mut still = Vec::with_capacity(unsolved.len() + touched.len());
        let mut rest = &unsolved[..];
        for &t in touched.iter() {
            // the unsettled scopes before `t` are kept as they are
            let k = rest.partition_point(|&x| x < t);
            still.extend_from_slice(&rest[..k]);
            rest = &rest[k..];
            if rest.first() == Some(&t) {
                rest = &rest[1..];
            }
            if let Some(s) = scopes.get(t) {
                if !s.is_solved(store)? {
                    still.push(t);
                }
            }
        }
        still.extend_from_slice(rest);
        let unsolved = still;
        let status = if unsolved.is_empty() {
            Status::Solved
        } else {
            Status::Exhausted
        };
        // a solved phase keeps its extractions (its graph, or a cycle's,
        // shows them)
        let kept = (status == Status::Solved).then(|| Rc::from(&extractions.items[..]));
        *items = extractions.items;
        Ok(Phase {
            scopes,
            status,
            failure: None,
            extractions: kept,
            seed: Seed::None,
            unsolved,
            layout,
        })
    }

    /// rez's `_ResolvePhase.split`: the first scope that can be split is
    /// split; the first phase gets its preferred part, the second the rest.
    pub(crate) fn split(self, store: &Store<'_>) -> Res<(Phase, Phase)> {
        let Some(&i) = self
            .unsolved
            .iter()
            .find(|&&i| self.scopes[i].can_split(store))
        else {
            return Err(Box::new(SolveError::Internal(
                "an exhausted phase has no scope to split".into(),
            )));
        };
        let Some((a, b)) = self.scopes[i].split(store)? else {
            return Err(Box::new(SolveError::Internal(
                "a scope refused to split".into(),
            )));
        };
        let mut second = self.scopes.clone();
        second[i] = b;
        let mut first = self.scopes;
        first[i] = a;
        let layout = self.layout;
        let make = |scopes, unsolved| Phase {
            scopes,
            status: Status::Pending,
            failure: None,
            extractions: None,
            seed: Seed::One(i),
            unsolved,
            layout,
        };
        Ok((
            make(first, self.unsolved.clone()),
            make(second, self.unsolved),
        ))
    }
}
