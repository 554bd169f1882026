//! Reduction: removing the variants whose requirements conflict with
//! another scope's request.

use std::rc::Rc;
use std::sync::Arc;

use super::{Entry, Reduce, ScopeReq, Slice, info::scan_codes};
use crate::bitset::BitSet;
use crate::cache::{NO_RANGE, Removal};
use crate::error::SolveError;
use crate::store::{Fam, FamId, Res, Store};

impl Slice {
    /// Removes the variants whose requirement on `on` conflicts with `other`.
    pub(crate) fn reduce_by(
        &self,
        store: &Store<'_>,
        on: FamId,
        other: &ScopeReq<'_>,
    ) -> Res<Reduce> {
        // whole packages reduced by a set of versions: the outcome depends
        // on nothing else, and is remembered by the solver when nothing
        // changes
        let whole = match (self.facts.get(), other) {
            (Some(Some(mine)), ScopeReq::Versions(y)) => Some((mine, y.verset_id())),
            _ => None,
        };
        if let Some((mine, theirs)) = whole {
            match mine.known_reduction(theirs) {
                Some(None) => return Ok(Reduce::Same),
                Some(Some(removal)) => return self.apply(store, &removal),
                None => {}
            }
        }
        let fam = Rc::clone(&self.family);
        let mut test = ConflictTest::new(store, other)?;
        let any = self.with_codes(store, &fam, on, |codes| {
            codes.iter().any(|&c| test.conflicts(c))
        })?;
        if !any {
            if let Some((mine, theirs)) = whole {
                mine.set_reduction(theirs, None);
            }
            return Ok(Reduce::Same);
        }
        let entries = self.entries();
        let mut out: Option<Vec<Entry>> = None;
        // what is removed, to remember for whole packages
        let mut gone = BitSet::default();
        let mut partial: Vec<(u32, Box<[u16]>)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let pkg = fam.pkg(entry.idx)?;
            let data = &pkg.data;
            let shared = entry.is_shared() && data.ok;
            // the variants kept, when some are removed
            let uniform = if shared { data.uniform_code(on) } else { None };
            let kept: Option<Vec<u16>> = if shared && uniform.is_none() && !data.names(on) {
                None
            } else if let Some(code) = uniform {
                if test.conflicts(code) {
                    Some(Vec::new())
                } else {
                    None
                }
            } else {
                let order = entry.order(store, pkg);
                let order = order.as_slice();
                let mut kept: Option<Vec<u16>> = None;
                for (j, &pos) in order.iter().enumerate() {
                    if !data.ok {
                        // rez reads every variant's requirements here
                        store.reqs(pkg, pos)?;
                    }
                    let conflicting = match data.var_code(pos, on) {
                        Some(code) => test.conflicts(code),
                        None => false,
                    };
                    if conflicting {
                        kept.get_or_insert_with(|| {
                            let mut k = Vec::with_capacity(order.len());
                            k.extend_from_slice(&order[..j]);
                            k
                        });
                    } else if let Some(k) = &mut kept {
                        k.push(pos);
                    }
                }
                kept
            };
            match kept {
                None => {
                    if let Some(v) = &mut out {
                        v.push(*entry);
                    }
                }
                Some(kept) => {
                    let v = out.get_or_insert_with(|| {
                        let mut v = Vec::with_capacity(entries.len());
                        v.extend_from_slice(&entries[..i]);
                        v
                    });
                    if kept.is_empty() {
                        if whole.is_some() {
                            gone.insert(entry.idx as usize);
                        }
                    } else {
                        if whole.is_some() {
                            let mut set: Box<[u16]> = kept.as_slice().into();
                            set.sort_unstable();
                            partial.push((entry.idx, set));
                        }
                        let sorted = entry.is_sorted(store, pkg);
                        v.push(Entry::own(store, entry.idx, kept, sorted));
                    }
                }
            }
        }
        Ok(match out {
            None => {
                if let Some((mine, theirs)) = whole {
                    mine.set_reduction(theirs, None);
                }
                let codes = scan_codes(store, &fam, &entries, on)?;
                self.codes_map().borrow_mut().push((on, codes));
                Reduce::Same
            }
            Some(v) if v.is_empty() => {
                // only a total reduction is reported: every variant was
                // removed, in entry and variant order (a slice not sorted
                // yet holds rez's entries in its repository's order); name
                // the requirements
                let mut named = Vec::with_capacity(self.len);
                let mut in_order: Vec<&Entry> = entries.iter().collect();
                if !self.sorted.get() {
                    if let Some(rank) = store.listing_rank(&fam) {
                        in_order.sort_by_key(|e| rank.get(e.idx as usize).copied());
                    }
                }
                for entry in in_order {
                    let pkg = fam.pkg(entry.idx)?;
                    for &pos in entry.order(store, pkg).as_slice() {
                        let req = store.reqs(pkg, pos)?.get(on).ok_or_else(|| {
                            SolveError::Internal("reduced requirement missing".into())
                        })?;
                        named.push((entry.idx, pos, req.clone()));
                    }
                }
                Reduce::Total(named)
            }
            Some(v) => {
                if let Some((mine, theirs)) = whole {
                    partial.sort_unstable_by_key(|p| p.0);
                    let removal = Removal {
                        gone,
                        partial: partial.into(),
                    };
                    mine.set_reduction(theirs, Some(Arc::new(removal)));
                }
                Reduce::Changed(Rc::new(self.copy_with(v.into())))
            }
        })
    }

    /// The slice without what `removal` removes (some variants, not all):
    /// what reducing these whole packages by the same request gives.
    pub(super) fn apply(&self, store: &Store<'_>, removal: &Removal) -> Res<Reduce> {
        let fam = Rc::clone(&self.family);
        let entries = self.entries();
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries.iter() {
            if removal.gone.contains(entry.idx as usize) {
                continue;
            }
            match removal.kept(entry.idx) {
                None => out.push(*entry),
                Some(keep) => {
                    let pkg = fam.pkg(entry.idx)?;
                    let kept: Vec<u16> = entry
                        .order(store, pkg)
                        .as_slice()
                        .iter()
                        .copied()
                        .filter(|p| keep.binary_search(p).is_ok())
                        .collect();
                    let sorted = entry.is_sorted(store, pkg);
                    out.push(Entry::own(store, entry.idx, kept, sorted));
                }
            }
        }
        Ok(Reduce::Changed(Rc::new(self.copy_with(out.into()))))
    }
}

/// rez's `Requirement.conflicts_with` of variants' requirements on one
/// family against another scope's request, with the answer per requirement
/// code remembered for the duration of one reduction (rez remembers it per
/// requirement string).
struct ConflictTest<'a, 's> {
    family: Option<&'a Fam>,
    store: &'a Store<'s>,
    other: &'a ScopeReq<'a>,
    verset: Option<&'a [u64]>,
    memo: [(u32, bool); 8],
    memo_len: usize,
}

impl<'a, 's> ConflictTest<'a, 's> {
    pub(super) fn new(store: &'a Store<'s>, other: &'a ScopeReq<'a>) -> Res<Self> {
        let (family, verset) = match other {
            ScopeReq::Versions(slice) => (Some(&*slice.family), Some(slice.verset_ref())),
            ScopeReq::Req(_) => (None, None),
        };
        Ok(ConflictTest {
            family,
            store,
            other,
            verset,
            memo: [(0, false); 8],
            memo_len: 0,
        })
    }

    /// Whether a requirement with `code` conflicts with the other scope's
    /// request.
    pub(super) fn conflicts(&mut self, code: u32) -> bool {
        if code == NO_RANGE {
            return false;
        }
        if let Some(&(_, answer)) = self.memo[..self.memo_len].iter().find(|m| m.0 == code) {
            return answer;
        }
        let conflict = code & 1 == 1;
        let answer = match (self.other, &self.family, &self.verset) {
            (ScopeReq::Versions(_), Some(family), Some(set)) => {
                self.store.with_mask(family, code >> 1, |mask| {
                    if conflict {
                        mask.covers_words(set)
                    } else {
                        !mask.intersects_words(set)
                    }
                })
            }
            (ScopeReq::Req(req), _, _) => match req.range() {
                None => false,
                Some(theirs) => {
                    let mine = self.store.range(code >> 1);
                    match (conflict, req.is_conflict()) {
                        (true, true) => false,
                        (true, false) => mine.is_superset_of(theirs),
                        (false, true) => theirs.is_superset_of(&mine),
                        (false, false) => !mine.intersects(theirs),
                    }
                }
            },
            _ => false,
        };
        if self.memo_len < self.memo.len() {
            self.memo[self.memo_len] = (code, answer);
            self.memo_len += 1;
        }
        answer
    }
}
