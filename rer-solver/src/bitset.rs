//! A small growable bit set, used for sets of version indexes within one
//! family and for sets of family ids within one solve.

/// A set of small non-negative integers, stored as bits.
///
/// Promises: sets of different lengths combine as if the shorter one were
/// padded with zeros; no operation panics on out-of-range indexes (reads
/// answer "absent", writes grow the set).
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub(crate) struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// An empty set with room for `bits` members without growing.
    pub(crate) fn with_capacity(bits: usize) -> BitSet {
        BitSet {
            words: vec![0; bits.div_ceil(64)],
        }
    }

    /// Adds `i`.
    #[inline]
    pub(crate) fn insert(&mut self, i: usize) {
        let w = i / 64;
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1u64 << (i % 64);
    }

    /// Adds every integer in `lo..hi`.
    pub(crate) fn insert_range(&mut self, lo: usize, hi: usize) {
        if lo >= hi {
            return;
        }
        let last = (hi - 1) / 64;
        if last >= self.words.len() {
            self.words.resize(last + 1, 0);
        }
        let mut i = lo;
        while i < hi {
            let w = i / 64;
            let start = i % 64;
            let end = if w == (hi - 1) / 64 {
                (hi - 1) % 64 + 1
            } else {
                64
            };
            let mask = if end - start == 64 {
                u64::MAX
            } else {
                ((1u64 << (end - start)) - 1) << start
            };
            self.words[w] |= mask;
            i = (w + 1) * 64;
        }
    }

    /// Whether `i` is a member.
    #[inline]
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// Whether the two sets share a member.
    #[inline]
    pub(crate) fn intersects(&self, other: &BitSet) -> bool {
        self.words.iter().zip(&other.words).any(|(a, b)| a & b != 0)
    }

    /// Whether every member of `self` is in `other`.
    #[inline]
    pub(crate) fn is_subset(&self, other: &BitSet) -> bool {
        self.words.iter().enumerate().all(|(i, a)| {
            let b = other.words.get(i).copied().unwrap_or(0);
            a & !b == 0
        })
    }

    /// The words of the set, without trailing zero words (equal sets give
    /// equal words).
    pub(crate) fn key(&self) -> &[u64] {
        let n = self
            .words
            .iter()
            .rposition(|w| *w != 0)
            .map_or(0, |i| i + 1);
        &self.words[..n]
    }

    /// The members, ascending.
    pub(crate) fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(i * 64 + b)
            })
        })
    }

    /// The number of members.
    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_tests() {
        let mut a = BitSet::with_capacity(10);
        a.insert_range(3, 130);
        assert!(!a.contains(2) && a.contains(3) && a.contains(64) && a.contains(129));
        assert!(!a.contains(130) && !a.contains(100_000));
        let mut b = BitSet::default();
        b.insert(200);
        assert!(!a.intersects(&b));
        b.insert(5);
        assert!(a.intersects(&b));
        assert!(!b.is_subset(&a));
        let mut c = BitSet::default();
        c.insert(4);
        c.insert(127);
        assert!(c.is_subset(&a));
        assert_eq!(c.count(), 2);
        assert!(BitSet::with_capacity(100).key().is_empty());
        let mut d = BitSet::default();
        d.insert_range(0, 64);
        assert!(d.contains(63) && !d.contains(64));
        let mut e = BitSet::default();
        for i in [0, 5, 63, 64, 130] {
            e.insert(i);
        }
        assert_eq!(e.ones().collect::<Vec<_>>(), vec![0, 5, 63, 64, 130]);
    }
}
