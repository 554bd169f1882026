//! The slots the solve's scopes and entries refer to by index (slices,
//! scope requirements, variant lists of their own), and their collection:
//! what no phase the solve can still reach refers to is freed, and its
//! slot reused.
//!
//! rez's phase stack drops a phase once it has failed and been put aside:
//! nothing reaches its scopes again. Here scopes are small `Copy` handles
//! into the store, so what they held stays in the store until a
//! collection finds it unreachable. [`Store::collect`] is run between
//! solver steps, whenever what the store holds has doubled since the last
//! collection (and is past [`MIN_BUDGET`]): the work is amortised over the
//! steps that made the garbage, and what the store holds stays within a
//! constant factor of what the live phases use, however long the solve.

use super::Store;
use crate::bitset::BitSet;
use crate::scope::Scope;

/// Items (slices, requirements and lists together) a store may hold before
/// its first collection; a solve that makes fewer never collects.
pub(crate) const MIN_BUDGET: usize = 8192;

/// Values kept at stable indexes; freed slots are reused.
pub(super) struct Arena<T> {
    slots: Vec<Option<T>>,
    free: Vec<u32>,
    /// Values pushed over the arena's life.
    #[cfg(test)]
    made: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            slots: Vec::new(),
            free: Vec::new(),
            #[cfg(test)]
            made: 0,
        }
    }
}

impl<T> Arena<T> {
    /// Keeps `value`; its index.
    #[inline]
    pub(super) fn push(&mut self, value: T) -> u32 {
        #[cfg(test)]
        {
            self.made += 1;
        }
        match self.free.pop() {
            Some(i) => {
                if let Some(slot) = self.slots.get_mut(i as usize) {
                    *slot = Some(value);
                }
                i
            }
            None => {
                self.slots.push(Some(value));
                (self.slots.len() - 1) as u32
            }
        }
    }

    /// The value at index `i`, unless freed.
    #[inline]
    pub(super) fn get(&self, i: u32) -> Option<&T> {
        self.slots.get(i as usize).and_then(Option::as_ref)
    }

    /// The value at index `i`, unless freed.
    #[inline]
    pub(super) fn get_mut(&mut self, i: u32) -> Option<&mut T> {
        self.slots.get_mut(i as usize).and_then(Option::as_mut)
    }

    /// Values held.
    pub(super) fn live(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Takes out every value whose index is not in `keep`, freeing its slot;
    /// the values taken (for the caller to drop outside any borrow).
    fn sweep(&mut self, keep: &BitSet) -> Vec<T> {
        let mut out = Vec::new();
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if slot.is_some() && !keep.contains(i) {
                out.extend(slot.take());
                self.free.push(i as u32);
            }
        }
        out
    }
}

/// How much a store holds and has held (see [`Store::holding`]).
#[cfg(test)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Holding {
    /// Slices, requirements and lists held now.
    pub(crate) live: usize,
    /// Slots allocated (the most ever held at once).
    pub(crate) slots: usize,
    /// Slices, requirements and lists made over the solve.
    pub(crate) made: usize,
    /// Collections run.
    pub(crate) collections: usize,
}

impl Store<'_> {
    /// Items held now, over all three arenas.
    fn live_items(&self) -> usize {
        self.slices.borrow().live() + self.scope_reqs.borrow().live() + self.lists.borrow().live()
    }

    /// Whether what the store holds has outgrown its budget, so that a
    /// collection is due.
    #[inline]
    pub(crate) fn should_collect(&self) -> bool {
        self.live_items() > self.budget.get()
    }

    /// Frees every slice, scope requirement and variant list that none of
    /// `scopes` reaches (a scope reaches its slice or requirement, a slice
    /// the lists of its entries). `scopes` must be every scope of every
    /// phase the solve may still look at: anything else is gone.
    pub(crate) fn collect(&self, scopes: impl Iterator<Item = Scope>) {
        let mut slices = BitSet::default();
        let mut reqs = BitSet::default();
        let mut lists = BitSet::default();
        for scope in scopes {
            match scope.held() {
                (true, id) => slices.insert(id as usize),
                (false, id) => reqs.insert(id as usize),
            }
        }
        {
            let held = self.slices.borrow();
            for id in slices.ones() {
                if let Some(slice) = held.get(id as u32) {
                    slice.own_lists(|list| lists.insert(list as usize));
                }
            }
        }
        let dead_slices = self.slices.borrow_mut().sweep(&slices);
        let dead_reqs = self.scope_reqs.borrow_mut().sweep(&reqs);
        let dead_lists = self.lists.borrow_mut().sweep(&lists);
        drop((dead_slices, dead_reqs, dead_lists));
        #[cfg(test)]
        self.collections.set(self.collections.get() + 1);
        // (a least budget of 0, in tests: a collection after every step)
        let budget = match self.min_budget.get() {
            0 => 0,
            least => least.max(2 * self.live_items()),
        };
        self.budget.set(budget);
    }

    /// Makes collections due as soon as the store holds more than
    /// `min_budget` items (and has doubled since the last one); with 0,
    /// after every step.
    #[cfg(test)]
    pub(crate) fn set_min_budget(&self, min_budget: usize) {
        self.min_budget.set(min_budget);
        self.budget.set(min_budget);
    }

    /// How much the store holds and has held.
    #[cfg(test)]
    pub(crate) fn holding(&self) -> Holding {
        let (s, r, l) = (
            self.slices.borrow(),
            self.scope_reqs.borrow(),
            self.lists.borrow(),
        );
        Holding {
            live: s.live() + r.live() + l.live(),
            slots: s.slots.len() + r.slots.len() + l.slots.len(),
            made: s.made + r.made + l.made,
            collections: self.collections.get(),
        }
    }
}
