//! One reduction pass of a phase (the `pending_reducts` loop of rez's
//! `_ResolvePhase.solve`), done without visiting the pairs that cannot
//! matter.
//!
//! rez builds the set of pairs `(x, y)` ("reduce scope x by scope y's
//! request"), sorts it and pops pairs from the end; when a reduction changes
//! scope `x` it pushes `(j, x)` for every other `j`, so those are popped
//! next. Almost every pair does nothing: `x` holds no variants, or none of
//! its variants names `y`'s family. This module walks the same sequence but
//! only looks at the pairs that can do something, found through the store's
//! index of which families may require which. Every pair that rez would act
//! on (a reduction, or computing a slice's family information for the first
//! time, which sorts a variant list in place) is acted on in the same order.

use std::sync::Arc;

use rer_version::Requirement;

use crate::bitset::BitSet;
use crate::error::SolveError;
use crate::failure::{FailureReason, Reduction};
use crate::scope::{ReduceOutcome, Scope};
use crate::store::{FamId, Pkg, Res, Store};

/// The state of one pass.
pub(crate) struct Pass<'p, 's> {
    store: &'p Store<'s>,
    scopes: &'p mut Vec<Scope>,
    dirty: &'p mut Vec<bool>,
    touched: &'p mut Vec<usize>,
    num: usize,
    /// Slice scopes that must be visited wherever rez would visit them:
    /// those whose family information is not computed yet, and those whose
    /// families are not in the store's index.
    wild: BitSet,
    /// Spare vectors, to avoid allocating one per column and row.
    pool: Vec<Vec<usize>>,
}

impl Drop for Pass<'_, '_> {
    fn drop(&mut self) {
        // the spare vectors serve the next pass
        self.store.give_pool(std::mem::take(&mut self.pool));
    }
}

/// What a reduction did.
enum Step {
    Same,
    Changed,
    Failed(FailureReason),
}

/// The columns of a row: every scope, or some, descending.
#[derive(Clone, Copy)]
enum Ys<'a> {
    All(usize),
    Some(&'a [usize]),
}

impl<'a> Ys<'a> {
    /// The columns below `cursor`, descending.
    fn below(self, cursor: usize) -> impl Iterator<Item = usize> + 'a {
        let (all, some) = match self {
            Ys::All(n) => (n.min(cursor), &[][..]),
            Ys::Some(v) => (0, &v[v.partition_point(|&y| y >= cursor)..]),
        };
        (0..all).rev().chain(some.iter().copied())
    }
}

/// A pushed column: the pairs `(j, c)` for `j` descending.
struct Frame {
    c: usize,
    cands: Vec<usize>,
    pos: usize,
    cursor: usize,
}

impl Frame {
    /// The next `j` below the cursor, from the candidates or the wild set.
    fn next(&mut self, wild: &BitSet) -> Option<usize> {
        while self.pos < self.cands.len() && self.cands[self.pos] >= self.cursor {
            self.pos += 1;
        }
        let a = self.cands.get(self.pos).copied();
        let b = wild.last_below(self.cursor);
        let j = match (a, b) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => return None,
        };
        if a == Some(j) {
            self.pos += 1;
        }
        self.cursor = j;
        Some(j)
    }
}

impl<'p, 's> Pass<'p, 's> {
    /// A pass over `scopes` (all of which have their scope index recorded in
    /// the store). Only the scopes replaced or added during this phase's
    /// solve (`touched`) can be wild; all others were settled by earlier
    /// passes.
    pub(crate) fn new(
        store: &'p Store<'s>,
        scopes: &'p mut Vec<Scope>,
        dirty: &'p mut Vec<bool>,
        touched: &'p mut Vec<usize>,
    ) -> Self {
        let num = scopes.len();
        let mut wild = BitSet::with_capacity(num);
        for &i in touched.iter() {
            if scopes.get(i).is_some_and(|s| !s.is_tame(store)) {
                wild.insert(i);
            }
        }
        Pass {
            store,
            scopes,
            dirty,
            touched,
            num,
            wild,
            pool: store.take_pool(),
        }
    }

    fn fam(&self, i: usize) -> FamId {
        self.scopes[i].fam
    }

    /// The slice scopes whose families may include `fam` among their
    /// requirements, descending.
    fn requirers(&mut self, fam: FamId) -> Vec<usize> {
        let mut out = self.pool.pop().unwrap_or_default();
        out.clear();
        self.store.with_requirers(fam, |fams| {
            out.extend(
                fams.iter()
                    .filter_map(|f| self.store.scope_of(self.scopes, *f))
                    .filter(|&i| self.scopes[i].is_slice()),
            )
        });
        out.sort_unstable_by(|a, b| b.cmp(a));
        out.dedup();
        out
    }

    /// rez's `scopes[x].reduce_by(scopes[y].package_request)`, with its
    /// effects on this pass.
    fn reduce(&mut self, x: usize, y: usize) -> Res<Step> {
        let outcome = self.scopes[x].reduce_by(self.store, self.scopes[y])?;
        if self.wild.contains(x) && self.scopes[x].is_tame(self.store) {
            self.wild.remove(x);
        }
        Ok(match outcome {
            ReduceOutcome::Same => Step::Same,
            ReduceOutcome::Changed(scope) => {
                self.scopes[x] = scope;
                self.dirty[x] = true;
                self.touched.push(x);
                self.wild.insert(x);
                Step::Changed
            }
            ReduceOutcome::Total(reduced) => {
                let conflicting = self.scopes[y].package_request(self.store);
                let fam = self.store.family(self.fam(x))?.ok_or_else(|| {
                    Box::new(SolveError::Internal("reduced family vanished".into()))
                })?;
                let mut reductions = Vec::with_capacity(reduced.len());
                for (idx, pos, dependency) in reduced {
                    reductions.push(reduction(fam.pkg(idx)?, pos, dependency, &conflicting));
                }
                Step::Failed(FailureReason::TotalReduction(reductions))
            }
        })
    }

    /// Whether reducing `x` by `y` is known to do nothing (rez's quick exits,
    /// when `x`'s family information is known).
    fn idle(&self, x: usize, y: usize) -> bool {
        x == y
            || self.scopes[y].has_no_range()
            || matches!(
                self.scopes[x].quick_requires(self.store, self.fam(y)),
                Some(false)
            )
    }

    /// Runs the pairs `(j, c)` pushed when `c` changed, and everything they
    /// push in turn.
    fn run_frames(&mut self, c: usize) -> Res<Option<FailureReason>> {
        let first = self.frame(c);
        let mut stack = vec![first];
        while let Some(top) = stack.last_mut() {
            let c = top.c;
            let Some(j) = top.next(&self.wild) else {
                if let Some(done) = stack.pop() {
                    self.pool.push(done.cands);
                }
                continue;
            };
            if j == c || !self.scopes[j].is_slice() || self.idle(j, c) {
                continue;
            }
            match self.reduce(j, c)? {
                Step::Same => {}
                Step::Changed => stack.push(self.frame(j)),
                Step::Failed(reason) => return Ok(Some(reason)),
            }
        }
        Ok(None)
    }

    fn frame(&mut self, c: usize) -> Frame {
        Frame {
            c,
            cands: self.requirers(self.fam(c)),
            pos: 0,
            cursor: self.num,
        }
    }

    /// The initial pairs: `(x, y)` for the existing scopes `x < prev` and
    /// `y` changed or added, and for the added and widened scopes `x` and
    /// every `y`; rows in descending `x`, each in descending `y`.
    pub(crate) fn run(
        &mut self,
        prev: usize,
        changed: &[usize],
        widened: &[usize],
    ) -> Res<Option<FailureReason>> {
        let num = self.num;
        // the columns of the narrow rows, descending
        let mut small = self.pool.pop().unwrap_or_default();
        small.clear();
        small.extend(changed.iter().copied().filter(|&c| c < prev));
        small.extend(prev..num);
        small.sort_unstable_by(|a, b| b.cmp(a));
        let full = |x: usize| x >= prev || widened.contains(&x);

        // rows that may have something to do, descending
        let mut rows = self.pool.pop().unwrap_or_default();
        rows.clear();
        rows.extend((prev..num).chain(widened.iter().copied()));
        for &y in &small {
            let found = self.requirers(self.fam(y));
            rows.extend(found.iter().copied().filter(|&x| x < prev));
            self.pool.push(found);
        }
        rows.retain(|&x| x < num && self.scopes[x].is_slice());
        rows.sort_unstable_by(|a, b| b.cmp(a));
        rows.dedup();

        let mut rows = Frame {
            c: usize::MAX,
            cands: rows,
            pos: 0,
            cursor: num,
        };
        while let Some(x) = rows.next(&self.wild) {
            if !self.scopes[x].is_slice() {
                continue;
            }
            let ys = if full(x) {
                Ys::All(num)
            } else {
                Ys::Some(&small)
            };
            if let Some(reason) = self.run_row(x, ys)? {
                return Ok(Some(reason));
            }
        }
        self.pool.push(rows.cands);
        self.pool.push(small);
        Ok(None)
    }

    /// The pairs `(x, y)` for `y` in `ys` (descending).
    fn run_row(&mut self, x: usize, ys: Ys<'_>) -> Res<Option<FailureReason>> {
        let mut cursor = usize::MAX;
        loop {
            let mut next = self.pool.pop().unwrap_or_default();
            next.clear();
            let known = match ys {
                Ys::All(_) => self.scopes[x]
                    .with_info(self.store, |info| {
                        next.extend(
                            info.required()
                                .filter_map(|f| self.store.scope_of(self.scopes, f))
                                .filter(|&y| {
                                    y < cursor
                                        && y != x
                                        && !self.scopes[y].has_no_range()
                                        && info.requires(self.fam(y))
                                }),
                        );
                    })
                    .is_some(),
                // (`idle` with `x`'s information looked up once)
                Ys::Some(_) => self.scopes[x]
                    .with_info(self.store, |info| {
                        next.extend(ys.below(cursor).filter(|&y| {
                            y != x && !self.scopes[y].has_no_range() && info.requires(self.fam(y))
                        }));
                    })
                    .is_some(),
            };
            if known {
                if let Ys::All(_) = ys {
                    next.sort_unstable_by(|a, b| b.cmp(a));
                }
            } else {
                // rez computes the information at the first pair that gets
                // past its quick exits
                next.extend(
                    ys.below(cursor)
                        .find(|&y| y != x && !self.scopes[y].has_no_range()),
                );
            }
            if next.is_empty() {
                self.pool.push(next);
                return Ok(None);
            }
            let mut again = false;
            let mut outcome = None;
            for &y in next.iter() {
                cursor = y;
                if self.idle(x, y) {
                    continue;
                }
                match self.reduce(x, y)? {
                    Step::Same => {
                        if !known {
                            again = true;
                            break;
                        }
                    }
                    Step::Changed => {
                        if let Some(reason) = self.run_frames(x)? {
                            outcome = Some(reason);
                            break;
                        }
                        again = true;
                        break;
                    }
                    Step::Failed(reason) => {
                        outcome = Some(reason);
                        break;
                    }
                }
            }
            self.pool.push(next);
            if outcome.is_some() {
                return Ok(outcome);
            }
            if !again {
                return Ok(None);
            }
        }
    }
}

fn reduction(pkg: &Pkg, pos: u16, dependency: Requirement, conflicting: &Requirement) -> Reduction {
    Reduction {
        name: Arc::clone(&pkg.data.package.name),
        version: pkg.version().clone(),
        index: pkg.index(pos),
        dependency,
        conflicting: conflicting.clone(),
    }
}
