//! Splitting: rez's `sort_versions` and `split` of a slice.

use std::rc::Rc;
use std::sync::Arc;

use super::{Entry, Slice};
use crate::error::SolveError;
use crate::store::{Fam, FamId, Res, Store};

impl Slice {
    /// rez's `sort_versions`: highest version first, or as the family's
    /// package orderer says.
    pub(super) fn sort_versions(&self, store: &Store<'_>) -> Res<()> {
        if self.sorted.get() {
            return Ok(());
        }
        let mut entries = self.entries().to_vec();
        match store.orderers() {
            None => entries.sort_by_key(|e| std::cmp::Reverse(e.idx)),
            Some(list) => {
                // rez sorts a slice stably, from its repository's order
                let mut idxs: Vec<u32> = entries.iter().map(|e| e.idx).collect();
                if let Some(rank) = store.listing_rank(&self.family) {
                    idxs.sort_by_key(|&i| rank.get(i as usize).copied());
                }
                let order = store.order_versions(list, self.fam, &self.family, &idxs)?;
                let by_idx: Vec<Entry> = order
                    .iter()
                    .filter_map(|idx| entries.iter().find(|e| e.idx == *idx).copied())
                    .collect();
                entries = by_idx;
            }
        }
        *self.entries.borrow_mut() = entries.into();
        self.sorted.set(true);
        Ok(())
    }

    /// Splits the slice in two, the first part being the leading variants
    /// that share a family not yet extracted (or just the first variant).
    pub(crate) fn split(&self, store: &Store<'_>) -> Res<(Rc<Slice>, Rc<Slice>)> {
        self.sort_versions(store)?;
        let fam = Rc::clone(&self.family);
        let common: Option<Arc<[FamId]>> = match (self.extracted.get(), self.info.get()) {
            (true, Some(info)) => Some(Arc::clone(&info.common)),
            _ => None,
        };
        let mut fams: Vec<FamId> = if self.len > 2 {
            let first = self.first_variant(store)?;
            let first_reqs = store.reqs(first.pkg()?, first.pos)?;
            first_reqs
                .names()
                .filter(|f| !common.as_ref().is_some_and(|c| c.contains(f)))
                .collect()
        } else {
            Vec::new()
        };
        let entries = self.entries();
        if fams.is_empty() {
            if let Some(e) = entries.first() {
                e.sort(store, fam.pkg(e.idx)?)?;
            }
            return self.split_at(store, &fam, &entries, 0, 1);
        }
        let mut prev: Option<(usize, usize)> = None;
        for (i, entry) in entries.iter().enumerate() {
            let pkg = fam.pkg(entry.idx)?;
            entry.sort(store, pkg)?;
            let order = entry.order(store, pkg);
            for (j, &pos) in order.as_slice().iter().enumerate() {
                let reqs = store.reqs(pkg, pos)?;
                fams.retain(|f| reqs.requires(*f));
                if fams.is_empty() {
                    let (pi, pn) = prev.ok_or_else(|| {
                        SolveError::Internal("split before the first variant".into())
                    })?;
                    return self.split_at(store, &fam, &entries, pi, pn);
                }
                prev = Some((i, j + 1));
            }
        }
        Err(Box::new(SolveError::Internal(format!(
            "Unexpected solver error: common family(s) still in slice being split: {}",
            store.name(self.fam)
        ))))
    }

    pub(super) fn split_at(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        entries: &[Entry],
        i: usize,
        n: usize,
    ) -> Res<(Rc<Slice>, Rc<Slice>)> {
        let entry = entries
            .get(i)
            .ok_or_else(|| Box::new(SolveError::Internal("split point out of range".into())))?;
        // (collected from exact-size iterators: one allocation each)
        let (left, right): (Rc<[Entry]>, Rc<[Entry]>) =
            match entry.split(store, fam.pkg(entry.idx)?, n)? {
                Some((head, tail)) => (
                    entries[..i]
                        .iter()
                        .copied()
                        .chain(std::iter::once(head))
                        .collect(),
                    std::iter::once(tail)
                        .chain(entries[i + 1..].iter().copied())
                        .collect(),
                ),
                None => (Rc::from(&entries[..=i]), Rc::from(&entries[i + 1..])),
            };
        Ok((
            Rc::new(self.copy_with(left)),
            Rc::new(self.copy_with(right)),
        ))
    }
}
