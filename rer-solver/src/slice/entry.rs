//! A slice's entries: the variants of one package version.

use crate::store::{Order, Pkg, Res, Store};

/// The variants of one package version within a slice: the version's
/// position, and either the package's shared list of all its variants
/// (`list == 0`) or a list of its own in the store.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    /// The version's position in the family.
    pub(crate) idx: u32,
    list: u32,
    n: u32,
}

impl Entry {
    /// An entry listing all the variants of package `idx` (rez's variant
    /// cache list).
    pub(super) fn shared(idx: u32, pkg: &Pkg) -> Entry {
        Entry {
            idx,
            list: 0,
            n: pkg.nvars() as u32,
        }
    }

    /// An entry listing `order` of package `idx`, in a list of its own.
    pub(super) fn own(store: &Store<'_>, idx: u32, order: Vec<u16>, sorted: bool) -> Entry {
        let n = order.len() as u32;
        Entry {
            idx,
            list: store.add_list(order, sorted),
            n,
        }
    }

    /// The number of variants.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.n as usize
    }

    /// The index in the store of the entry's list of its own, if it has one.
    #[inline]
    pub(super) fn own_list(&self) -> Option<u32> {
        self.list.checked_sub(1)
    }

    /// Whether this entry lists all the package's variants in its shared list.
    #[inline]
    pub(super) fn is_shared(&self) -> bool {
        self.list == 0
    }

    /// The variants, in their current order.
    #[inline]
    pub(super) fn order(&self, store: &Store<'_>, pkg: &Pkg) -> Order {
        if self.list == 0 {
            pkg.with_shared_order(Order::of)
        } else {
            store.list_order(self.list)
        }
    }

    pub(super) fn is_sorted(&self, store: &Store<'_>, pkg: &Pkg) -> bool {
        if self.list == 0 {
            pkg.shared_sorted()
        } else {
            store.list_sorted(self.list)
        }
    }

    /// Sorts the variants preferred-first, in place, unless already sorted.
    pub(super) fn sort(&self, store: &Store<'_>, pkg: &Pkg) -> Res<()> {
        if self.list == 0 {
            store.sort_shared(pkg)
        } else {
            store.sort_list(pkg, self.list)
        }
    }

    /// The first `n` variants (sorted) and the rest, or `None` when `n`
    /// covers them all.
    pub(super) fn split(
        &self,
        store: &Store<'_>,
        pkg: &Pkg,
        n: usize,
    ) -> Res<Option<(Entry, Entry)>> {
        if n >= self.len() {
            return Ok(None);
        }
        self.sort(store, pkg)?;
        let order = self.order(store, pkg);
        let o = order.as_slice();
        let head = Entry::own(store, self.idx, o[..n].to_vec(), true);
        let tail = Entry::own(store, self.idx, o[n..].to_vec(), true);
        Ok(Some((head, tail)))
    }
}
