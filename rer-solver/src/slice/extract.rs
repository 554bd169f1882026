//! Extraction: the families every variant of a slice requires.

use std::rc::Rc;

use super::Slice;
use crate::cache::{FamInfo, RangeId};
use crate::error::SolveError;
use crate::package::plain;
use crate::store::{Fam, FamId, Res, Store};

impl Slice {
    /// Takes out every family all variants require that is not extracted
    /// yet, in name order, as rez's repeated `extract()` does one at a time,
    /// and marks the slice as having extracted them: for each family, the
    /// id of the union of the variants' ranges for it.
    /// They are appended to `out`.
    pub(crate) fn extract_all(
        &self,
        store: &Store<'_>,
        out: &mut Vec<(FamId, RangeId)>,
    ) -> Res<()> {
        if !self.extractable(store)? {
            return Ok(());
        }
        let info = self.info(store)?;
        if info.common.is_empty() {
            return Ok(());
        }
        let fam = Rc::clone(&self.family);
        match self.facts(store, &fam)? {
            // whole packages: what they extract is the solver's to remember
            Some(facts) => match facts.extraction() {
                Some(known) => out.extend_from_slice(known),
                None => {
                    let start = out.len();
                    self.extract_each(store, &fam, info, out)?;
                    facts.set_extraction(&out[start..]);
                }
            },
            None => self.extract_each(store, &fam, info, out)?,
        }
        // rez extracts into a copy of the slice; the slice being extracted
        // is always one this phase made (or the half of a split it got), held
        // by no other phase, so marking it in place is the same
        self.extracted.set(true);
        self.extractable.set(Some(false));
        Ok(())
    }

    /// [`Slice::extract_all`]'s extractions, computed family by family.
    pub(super) fn extract_each(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        info: &FamInfo,
        out: &mut Vec<(FamId, RangeId)>,
    ) -> Res<()> {
        let todo = info.common_by_name(|v| store.sort_by_name(v));
        out.reserve(todo.len());
        self.codes_map().borrow_mut().reserve(todo.len());
        for &on in todo.iter() {
            let mut buf = [0 as RangeId; 16];
            let mut spill: Vec<RangeId> = Vec::new();
            let (plain_only, n) = self.with_codes(store, fam, on, |codes| {
                if codes.len() <= buf.len() {
                    for (slot, c) in buf.iter_mut().zip(codes) {
                        *slot = c >> 1;
                    }
                } else {
                    spill.extend(codes.iter().map(|c| c >> 1));
                }
                (codes.iter().all(|&c| plain(c)), codes.len())
            })?;
            if !plain_only {
                return Err(Box::new(SolveError::Internal(
                    "common requirement is a conflict".into(),
                )));
            }
            let ids: &mut [RangeId] = if spill.is_empty() {
                &mut buf[..n]
            } else {
                &mut spill
            };
            ids.sort_unstable();
            let mut len = 0;
            for i in 0..ids.len() {
                if i == 0 || ids[i] != ids[len - 1] {
                    ids[len] = ids[i];
                    len += 1;
                }
            }
            out.push((on, store.union_of(&ids[..len])?));
        }
        Ok(())
    }
}
