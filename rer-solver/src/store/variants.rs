//! Variant lists and their ranking: the lists of its own a reduction or
//! split makes, and rez's preferred-first sort of a package's variants.

use std::cell::OnceCell;
use std::sync::Arc;

use super::{Order, Pkg, Res, Store};
use crate::error::SolveError;
use crate::ranked::{MAX_SIGNATURE_LEN, Signature, restrict};
use crate::sort_key::{Keyed, SortKey};
use crate::store::FamId;

/// A variant list of its own (made by a reduction or a split), shared by
/// the entries that hold it; sorting it sorts it for all (as in rez).
pub(super) struct ListState {
    order: Vec<u16>,
    canonical: bool,
}

/// For each family, its position among the non-conflict items of
/// `request` (`u32::MAX` if none); `None` when a family is requested twice.
fn request_positions(request: &[(FamId, bool)]) -> Option<Box<[u32]>> {
    let top = request
        .iter()
        .map(|r| r.0 as usize)
        .max()
        .map_or(0, |m| m + 1);
    let mut seen = vec![false; top];
    let mut at = vec![u32::MAX; top];
    for (i, &(fam, conflict)) in request.iter().enumerate() {
        let f = fam as usize;
        if std::mem::replace(&mut seen[f], true) {
            return None;
        }
        if !conflict {
            at[f] = i as u32;
        }
    }
    Some(at.into_boxed_slice())
}

impl Store<'_> {
    /// Records the merged request (family, is-conflict), which variant
    /// ranking depends on. Set once, before any variant is ranked.
    pub(crate) fn set_request(&self, request: Vec<(FamId, bool)>) {
        let _ = self.request.set(request.into_boxed_slice());
    }

    /// Keeps a variant list of its own while an entry holds it (see
    /// [`Store::collect`]); its reference (index + 1).
    pub(crate) fn add_list(&self, order: Vec<u16>, canonical: bool) -> u32 {
        // rez keys even a lone variant when it sorts a new entry, and an
        // orderer may raise doing so: with orderers, a lone variant's list
        // is sorted (keyed) like any other
        let canonical = canonical || (order.len() <= 1 && self.orderers.is_none());
        self.lists.borrow_mut().push(ListState { order, canonical }) + 1
    }

    /// The current order of list `list` (a reference from [`Store::add_list`]).
    pub(crate) fn list_order(&self, list: u32) -> Order {
        let lists = self.lists.borrow();
        match lists.get(list.wrapping_sub(1)) {
            Some(l) => Order::of(&l.order),
            None => Order::of(&[]),
        }
    }

    /// Whether list `list` is sorted.
    pub(crate) fn list_sorted(&self, list: u32) -> bool {
        self.lists
            .borrow()
            .get(list.wrapping_sub(1))
            .is_some_and(|l| l.canonical)
    }

    /// Sorts list `list` of `pkg`'s variants preferred-first, in place.
    pub(crate) fn sort_list(&self, pkg: &Pkg, list: u32) -> Res<()> {
        if self.list_sorted(list) {
            return Ok(());
        }
        let order = self.list_order(list);
        let sorted = match self.signature(pkg) {
            Some(sig) => restrict(
                &self.ranking(pkg, Some(sig))?,
                order.as_slice(),
                pkg.nvars(),
            ),
            None => self.sorted(pkg, order.as_slice())?,
        };
        if let Some(l) = self.lists.borrow_mut().get_mut(list.wrapping_sub(1)) {
            l.order = sorted;
            l.canonical = true;
        }
        Ok(())
    }

    /// For each family, its position among the request's non-conflict
    /// items (`u32::MAX` if none); `None` when the request names a family
    /// twice.
    pub(super) fn request_positions(&self) -> Option<&[u32]> {
        self.request_pos
            .get_or_init(|| {
                let request = self.request.get().map(|r| &r[..]).unwrap_or(&[]);
                request_positions(request)
            })
            .as_deref()
    }

    pub(super) fn sort_key<'p>(&self, pkg: &'p Pkg, pos: u16) -> Res<&'p SortKey> {
        let keys = pkg
            .keys
            .get_or_init(|| (0..pkg.nvars()).map(|_| OnceCell::new()).collect());
        let cell = keys
            .get(pos as usize)
            .ok_or_else(|| Box::new(SolveError::Internal(format!("variant {pos} out of range"))))?;
        if let Some(k) = cell.get() {
            return Ok(k);
        }
        let reqs = self.reqs(pkg, pos)?;
        let request = self.request.get().map(|r| &r[..]).unwrap_or(&[]);
        let key = match self.request_positions() {
            Some(at) => SortKey::with_positions(at, reqs, pkg.index(pos)),
            None => SortKey::new(request, reqs, pkg.index(pos)),
        };
        Ok(cell.get_or_init(|| key))
    }

    /// `order` (positions of `pkg`'s variants) sorted preferred-first.
    pub(crate) fn sorted(&self, pkg: &Pkg, order: &[u16]) -> Res<Vec<u16>> {
        if let Some(list) = self.orderers {
            return self.order_variants(list, pkg, order);
        }
        let mut keyed = Vec::with_capacity(order.len());
        for &pos in order {
            let key = Keyed {
                key: self.sort_key(pkg, pos)?,
                reqs: self.reqs(pkg, pos)?,
            };
            keyed.push((key, pos));
        }
        let mode = self.mode;
        keyed.sort_by(|a, b| b.0.cmp(&a.0, mode, self));
        Ok(keyed.into_iter().map(|(_, p)| p).collect())
    }

    /// Sorts `pkg`'s shared variant list, unless already sorted.
    pub(crate) fn sort_shared(&self, pkg: &Pkg) -> Res<()> {
        if pkg.shared_sorted() {
            // rez keys even a lone variant when it sorts it, and an orderer
            // may raise doing so
            if let Some(list) = self.orderers {
                if pkg.canon.get().is_none() && pkg.nvars() == 1 {
                    let order = self.order_variants(list, pkg, &[0])?;
                    let _ = pkg.canon.set(order.into());
                }
            }
            return Ok(());
        }
        let sorted = self.ranking(pkg, self.signature(pkg))?;
        let _ = pkg.canon.set(sorted);
        Ok(())
    }

    /// All of `pkg`'s variants ranked preferred-first: remembered by the
    /// package under `sig`, or ranked now (and remembered, given a `sig`).
    pub(super) fn ranking(&self, pkg: &Pkg, sig: Option<Signature>) -> Res<Arc<[u16]>> {
        if let Some(known) = sig.as_ref().and_then(|s| pkg.data.rankings.get(s)) {
            return Ok(known);
        }
        let all: Vec<u16> = (0..pkg.nvars() as u16).collect();
        let ranked: Arc<[u16]> = self.sorted(pkg, &all)?.into();
        if let Some(sig) = sig {
            pkg.data.rankings.remember(sig, &ranked);
        }
        Ok(ranked)
    }

    /// This solve's request as the ranking of `pkg`'s variants sees it
    /// (see [`crate::ranked`]); `None` when the ranking cannot be shared
    /// with other solves: the request names a family twice, the package
    /// names too many requested families, or some variant's requirements
    /// conflict (rez reports that when it ranks the variant).
    pub(super) fn signature(&self, pkg: &Pkg) -> Option<Signature> {
        if !pkg.data.ok {
            return None;
        }
        let at = self.request_positions()?;
        let mut found = [(0u32, 0u32); MAX_SIGNATURE_LEN];
        let mut len = 0;
        for &f in pkg.data.all.iter() {
            let i = at.get(f as usize).copied().unwrap_or(u32::MAX);
            if i != u32::MAX {
                *found.get_mut(len)? = (i, f);
                len += 1;
            }
        }
        let found = &mut found[..len];
        found.sort_unstable();
        Signature::new(self.mode as u32, found.iter().map(|&(_, f)| f))
    }
}
