//! The iteration order of a CPython 3.11 `set` (Objects/setobject.c): an
//! open-addressing table of 8 slots to start with, probed linearly for
//! up to 9 slots past the home slot, then by the perturbed recurrence
//! `i = 5 i + 1 + perturb`; grown to the smallest power of two above four
//! times its size once it is 3/5 full, re-inserting in table order.

/// Slots of a new set's table (`PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
/// Slots probed linearly after the home slot (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits `perturb` is shifted by on each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

/// The slot CPython probes after the linear run from slot `i` is full.
fn jump(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    (i.wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb as usize))
        & mask
}

/// A set of keys with the hashes CPython gives them, kept in the slots
/// CPython's table would hold them in; [`PySet::iter`] walks them as
/// `for x in s` does. Only insertion is modelled (rez's sets here are never
/// removed from).
#[derive(Clone, Debug)]
pub struct PySet<K> {
    /// `(hash, index in keys)` per slot.
    table: Vec<Option<(i64, usize)>>,
    keys: Vec<K>,
}

impl<K: PartialEq> Default for PySet<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: PartialEq> PySet<K> {
    /// An empty set (`set()`).
    pub fn new() -> Self {
        PySet {
            table: vec![None; MIN_SIZE],
            keys: Vec::new(),
        }
    }

    /// The number of keys in the set.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// `s.add(key)`, where CPython hashes `key` to `hash`; a key equal to
    /// one already in the set (same hash, equal key) is not added again.
    pub fn insert(&mut self, key: K, hash: i64) {
        let mask = self.table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let slot = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in i..=i + probes {
                match self.table[j] {
                    None => {
                        found = Some(Ok(j));
                        break;
                    }
                    Some((h, k)) if h == hash && self.keys[k] == key => {
                        found = Some(Err(()));
                        break;
                    }
                    Some(_) => {}
                }
            }
            match found {
                Some(Ok(j)) => break j,
                Some(Err(())) => return,
                None => {}
            }
            i = jump(i, &mut perturb, mask);
        };
        self.table[slot] = Some((hash, self.keys.len()));
        self.keys.push(key);
        // no deletions: the table's fill is its number of keys
        if self.keys.len() * 5 >= mask * 3 {
            self.grow(self.keys.len() * if self.keys.len() > 50_000 { 2 } else { 4 });
        }
    }

    /// CPython's `set_table_resize(so, minused)`: a table of the smallest
    /// power of two above `minused` slots, filled in the old table's order.
    fn grow(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![None; size]);
        let mask = size - 1;
        for (hash, k) in old.into_iter().flatten() {
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let slot = 'probe: loop {
                if self.table[i].is_none() {
                    break i;
                }
                if i + LINEAR_PROBES <= mask {
                    for j in i + 1..=i + LINEAR_PROBES {
                        if self.table[j].is_none() {
                            break 'probe j;
                        }
                    }
                }
                i = jump(i, &mut perturb, mask);
            };
            self.table[slot] = Some((hash, k));
        }
    }

    /// The keys in CPython's iteration order (table order).
    pub fn iter(&self) -> impl Iterator<Item = &K> + '_ {
        self.table.iter().flatten().map(|&(_, k)| &self.keys[k])
    }
}
