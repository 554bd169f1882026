//! Resolve phases (rez's `_ResolvePhase`): a full copy of the solve state,
//! run until nothing more follows without choosing between variants.

use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use rer_version::{Requirement, VersionRange};
use rustc_hash::FxHashMap;

use crate::error::SolveError;
use crate::failure::{DependencyConflict, FailureReason, Reduction};
use crate::scope::{Intersect, ReduceOutcome, Scope};
use crate::store::{FamId, Pkg, Res, Store};

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
    /// Scopes changed since the last reduction pass.
    changed: Vec<usize>,
}

/// Options of a solve that phases need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhaseOptions {
    /// rez's `error_on_missing_variant_requires`.
    pub(crate) error_on_missing_variant_requires: bool,
}

/// rez's dict of extractions made in one `solve()`: `(from, to) -> request`,
/// in insertion order.
#[derive(Default)]
struct Extractions {
    items: Vec<((FamId, FamId), Requirement)>,
    index: FxHashMap<(FamId, FamId), usize>,
}

impl Extractions {
    fn insert(&mut self, key: (FamId, FamId), req: Requirement) {
        match self.index.get(&key) {
            Some(&i) => self.items[i].1 = req,
            None => {
                self.index.insert(key, self.items.len());
                self.items.push((key, req));
            }
        }
    }

    /// The families whose extractions named `fam`, in insertion order.
    fn requesters(&self, store: &Store<'_>, fam: FamId) -> Vec<String> {
        self.items
            .iter()
            .filter(|((_, to), _)| *to == fam)
            .map(|((from, _), _)| store.name(*from).to_string())
            .collect()
    }
}

/// Extracted requirements merged per family, in order of first appearance
/// (rez's `RequirementList` over them), or the first conflicting pair.
fn merge_extracted(
    extracted: Vec<(FamId, Requirement)>,
) -> Result<(Vec<(FamId, Requirement)>, FxHashMap<FamId, usize>), (Requirement, Requirement)> {
    let mut merged: Vec<(FamId, Requirement)> = Vec::with_capacity(extracted.len());
    let mut index: FxHashMap<FamId, usize> = FxHashMap::default();
    for (fam, req) in extracted {
        match index.get(&fam) {
            None => {
                index.insert(fam, merged.len());
                merged.push((fam, req));
            }
            Some(&i) => match merged[i].1.merged(&req) {
                Some(m) => merged[i].1 = m,
                None => return Err((merged[i].1.clone(), req)),
            },
        }
    }
    Ok((merged, index))
}

/// The pending reductions of one pass, in rez's order: the sorted set of
/// initial pairs popped from the end, with pairs pushed later popped first.
struct Pending<'a> {
    stack: Vec<(usize, usize)>,
    num: usize,
    prev: usize,
    small: Vec<usize>,
    widened: &'a BTreeSet<usize>,
    next_x: usize,
    x: usize,
    left: usize,
    full: bool,
}

impl<'a> Pending<'a> {
    fn new(
        num: usize,
        prev: usize,
        changed: &BTreeSet<usize>,
        widened: &'a BTreeSet<usize>,
    ) -> Self {
        let mut small: Vec<usize> = changed.iter().copied().filter(|&c| c < prev).collect();
        small.extend(prev..num);
        Pending {
            stack: Vec::new(),
            num,
            prev,
            small,
            widened,
            next_x: num,
            x: 0,
            left: 0,
            full: false,
        }
    }

    fn pop(&mut self) -> Option<(usize, usize)> {
        if let Some(p) = self.stack.pop() {
            return Some(p);
        }
        loop {
            if self.left > 0 {
                self.left -= 1;
                let y = if self.full {
                    self.left
                } else {
                    self.small[self.left]
                };
                return Some((self.x, y));
            }
            if self.next_x == 0 {
                return None;
            }
            self.next_x -= 1;
            self.x = self.next_x;
            self.full = self.x >= self.prev || self.widened.contains(&self.x);
            self.left = if self.full {
                self.num
            } else {
                self.small.len()
            };
        }
    }
}

impl Phase {
    /// The first phase: one scope per merged request item.
    pub(crate) fn initial(store: &Store<'_>, request: &[(FamId, Requirement)]) -> Res<Phase> {
        let mut scopes = Vec::with_capacity(request.len());
        for (fam, req) in request {
            scopes.push(Scope::create(store, *fam, req)?);
        }
        let changed = (0..scopes.len()).collect();
        Ok(Phase {
            scopes,
            status: Status::Pending,
            failure: None,
            changed,
        })
    }

    /// A phase failed for `reason`.
    pub(crate) fn failed(scopes: Vec<Scope>, reason: Option<FailureReason>) -> Phase {
        Phase {
            scopes,
            status: Status::Failed,
            failure: reason.map(Rc::new),
            changed: Vec::new(),
        }
    }

    /// Whether every scope is settled.
    fn all_solved(store: &Store<'_>, scopes: &[Scope]) -> Res<bool> {
        for s in scopes {
            if !s.is_solved(store)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// rez's `_ResolvePhase.solve`: extract, intersect, add and reduce until
    /// nothing changes. The new phase is solved, exhausted or failed.
    pub(crate) fn solve(&self, store: &Store<'_>, options: PhaseOptions) -> Res<Phase> {
        if self.status != Status::Pending {
            return Ok(self.clone());
        }
        let mut scopes = self.scopes.clone();
        let mut extractions = Extractions::default();
        let mut changed: BTreeSet<usize> = self.changed.iter().copied().collect();

        loop {
            let prev_num = scopes.len();
            let mut widened: BTreeSet<usize> = BTreeSet::new();

            loop {
                // extract every common dependency of every scope
                let mut extracted: Vec<(FamId, Requirement)> = Vec::new();
                for i in 0..scopes.len() {
                    while let Some((scope, fam, req)) = scopes[i].extract(store)? {
                        extractions.insert((scopes[i].fam, fam), req.clone());
                        extracted.push((fam, req));
                        scopes[i] = scope;
                    }
                }
                if extracted.is_empty() {
                    break;
                }

                let (merged, index) = match merge_extracted(extracted) {
                    Ok(m) => m,
                    Err((a, b)) => {
                        let reason = FailureReason::DependencyConflicts(vec![DependencyConflict {
                            dependency: a,
                            conflicting: b,
                        }]);
                        return Ok(Phase::failed(scopes, Some(reason)));
                    }
                };

                // intersect the existing scopes with the extractions
                let mut matched = vec![false; merged.len()];
                for i in 0..scopes.len() {
                    let Some(&k) = index.get(&scopes[i].fam) else {
                        continue;
                    };
                    matched[k] = true;
                    let req = &merged[k].1;
                    let any = VersionRange::any();
                    let range = req.range().unwrap_or(&any);
                    match scopes[i].intersect(store, range)? {
                        Intersect::Same => {}
                        Intersect::Empty => {
                            let reason =
                                FailureReason::DependencyConflicts(vec![DependencyConflict {
                                    dependency: req.clone(),
                                    conflicting: scopes[i].package_request(store),
                                }]);
                            return Ok(Phase::failed(scopes, Some(reason)));
                        }
                        Intersect::New(scope) => {
                            let widens = scopes[i].is_conflict() && !scope.is_conflict();
                            scopes[i] = scope;
                            changed.insert(i);
                            if widens {
                                widened.insert(i);
                            }
                        }
                    }
                }

                // add scopes for the families not seen yet
                for (k, (fam, req)) in merged.into_iter().enumerate() {
                    if matched[k] {
                        continue;
                    }
                    match Scope::create(store, fam, &req) {
                        Ok(scope) => scopes.push(scope),
                        Err(SolveError::UnknownFamily {
                            family,
                            required_by,
                        }) => {
                            let requesters = extractions.requesters(store, fam);
                            if requesters.is_empty() {
                                return Err(SolveError::UnknownFamily {
                                    family,
                                    required_by,
                                });
                            }
                            if !options.error_on_missing_variant_requires {
                                return Ok(Phase::failed(scopes, None));
                            }
                            return Err(SolveError::UnknownFamily {
                                family,
                                required_by: Some(requesters.join(", ")),
                            });
                        }
                        Err(SolveError::NoMatchingVersion { requirement, .. }) => {
                            let requesters = extractions.requesters(store, fam);
                            return Err(SolveError::NoMatchingVersion {
                                requirement,
                                required_by: (!requesters.is_empty())
                                    .then(|| requesters.join(", ")),
                            });
                        }
                        Err(e) => return Err(e),
                    }
                }
            }

            let num = scopes.len();
            if num == prev_num && changed.is_empty() && widened.is_empty() {
                break;
            }

            // reduce until no scope changes
            let mut pending = Pending::new(num, prev_num, &changed, &widened);
            while let Some((x, y)) = pending.pop() {
                if x == y {
                    continue;
                }
                match scopes[x].reduce_by(store, &scopes[y])? {
                    ReduceOutcome::Same => {}
                    ReduceOutcome::Changed(scope) => {
                        scopes[x] = scope;
                        for j in 0..num {
                            if j != x {
                                pending.stack.push((j, x));
                            }
                        }
                    }
                    ReduceOutcome::Total(reduced) => {
                        let conflicting = scopes[y].package_request(store);
                        let reason = FailureReason::TotalReduction(
                            reduced
                                .into_iter()
                                .map(|(pkg, pos, dependency)| {
                                    reduction(&pkg, pos, dependency, &conflicting)
                                })
                                .collect(),
                        );
                        return Ok(Phase::failed(scopes, Some(reason)));
                    }
                }
            }
            changed.clear();
        }

        let status = if Phase::all_solved(store, &scopes)? {
            Status::Solved
        } else {
            Status::Exhausted
        };
        Ok(Phase {
            scopes,
            status,
            failure: None,
            changed: Vec::new(),
        })
    }

    /// rez's `_ResolvePhase.split`: the first scope that can be split is
    /// split; the first phase gets its preferred part, the second the rest.
    pub(crate) fn split(&self, store: &Store<'_>) -> Res<(Phase, Phase)> {
        for (i, scope) in self.scopes.iter().enumerate() {
            if let Some((a, b)) = scope.split(store)? {
                let mut first = self.scopes.clone();
                first[i] = a;
                let mut second = self.scopes.clone();
                second[i] = b;
                let make = |scopes| Phase {
                    scopes,
                    status: Status::Pending,
                    failure: None,
                    changed: vec![i],
                };
                return Ok((make(first), make(second)));
            }
        }
        Err(SolveError::Internal(
            "an exhausted phase has no scope to split".into(),
        ))
    }
}

fn reduction(pkg: &Pkg, pos: u16, dependency: Requirement, conflicting: &Requirement) -> Reduction {
    Reduction {
        name: Arc::clone(&pkg.package.name),
        version: pkg.version().clone(),
        index: pkg.vars.get(pos as usize).and_then(|v| v.index),
        dependency,
        conflicting: conflicting.clone(),
    }
}
