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

    /// Removes `i`.
    #[inline]
    pub(crate) fn remove(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w &= !(1u64 << (i % 64));
        }
    }

    /// The greatest member below `bound`, if any.
    #[inline]
    pub(crate) fn last_below(&self, bound: usize) -> Option<usize> {
        if bound == 0 {
            return None;
        }
        let top = (bound - 1) / 64;
        let mut w = top.min(self.words.len().checked_sub(1)?);
        let mut word = self.words[w];
        if w == top {
            let keep = (bound - 1) % 64;
            word &= u64::MAX >> (63 - keep);
        }
        loop {
            if word != 0 {
                return Some(w * 64 + 63 - word.leading_zeros() as usize);
            }
            w = w.checked_sub(1)?;
            word = self.words[w];
        }
    }

    /// The position of `i` among the members (how many are smaller), if
    /// it is one.
    #[inline]
    pub(crate) fn rank(&self, i: usize) -> Option<usize> {
        let w = i / 64;
        let word = *self.words.get(w)?;
        let bit = 1u64 << (i % 64);
        if word & bit == 0 {
            return None;
        }
        let below: usize = self.words[..w]
            .iter()
            .map(|x| x.count_ones() as usize)
            .sum();
        Some(below + (word & (bit - 1)).count_ones() as usize)
    }

    /// Whether `i` is a member.
    #[inline]
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// The members, ascending.
    pub(crate) fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        members_of_words(&self.words, 0)
    }

    /// Adds every member of `other`, calling `on_new` with each that was
    /// not a member yet (ascending).
    pub(crate) fn insert_all(&mut self, other: &BitSet, mut on_new: impl FnMut(usize)) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (i, (mine, &theirs)) in self.words.iter_mut().zip(&other.words).enumerate() {
            let mut fresh = theirs & !*mine;
            *mine |= fresh;
            while fresh != 0 {
                on_new(i * 64 + fresh.trailing_zeros() as usize);
                fresh &= fresh - 1;
            }
        }
    }

    /// The number of members.
    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// The members of the set whose words, from word `first` on, are `words`
/// (the words before `first` being zero), ascending.
pub(crate) fn members_of_words(words: &[u64], first: usize) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().flat_map(move |(i, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            if w == 0 {
                return None;
            }
            let b = w.trailing_zeros() as usize;
            w &= w - 1;
            Some((first + i) * 64 + b)
        })
    })
}

/// The words of the set of `members` (no trailing zero word), in one
/// allocation.
pub(crate) fn words_of(members: impl Iterator<Item = usize> + Clone) -> Box<[u64]> {
    let top = members.clone().max().map_or(0, |m| m / 64 + 1);
    let mut buf = [0u64; 64];
    if top <= buf.len() {
        for m in members {
            buf[m / 64] |= 1u64 << (m % 64);
        }
        return Box::from(&buf[..top]);
    }
    let mut words = vec![0u64; top];
    for m in members {
        words[m / 64] |= 1u64 << (m % 64);
    }
    words.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    #[test]
    fn insert_all_reports_only_new_members() {
        let mut set = BitSet::default();
        set.insert(3);
        set.insert(70);
        let mut other = BitSet::default();
        for i in [3, 5, 70, 130] {
            other.insert(i);
        }
        let mut fresh = Vec::new();
        set.insert_all(&other, |i| fresh.push(i));
        assert_eq!(fresh, vec![5, 130]);
        assert_eq!(set.ones().collect::<Vec<_>>(), vec![3, 5, 70, 130]);
        fresh.clear();
        set.insert_all(&other, |i| fresh.push(i));
        assert!(fresh.is_empty());
    }

    use super::*;

    #[test]
    fn members_and_words() {
        let mut a = BitSet::with_capacity(10);
        for i in 3..130 {
            a.insert(i);
        }
        assert!(!a.contains(2) && a.contains(3) && a.contains(64) && a.contains(129));
        assert!(!a.contains(130) && !a.contains(100_000));
        assert_eq!(a.count(), 127);
        assert_eq!(BitSet::with_capacity(100).count(), 0);
        assert!(words_of(std::iter::empty()).is_empty());
        let mut e = BitSet::default();
        for i in [0, 5, 63, 64, 130] {
            e.insert(i);
        }
        assert_eq!(e.ones().collect::<Vec<_>>(), vec![0, 5, 63, 64, 130]);
        e.remove(63);
        assert!(!e.contains(63) && e.contains(64));
        let w = words_of([5usize, 130].into_iter());
        assert_eq!(&w[..], &[1 << 5, 0, 1 << 2]);
    }

    #[test]
    fn last_below_agrees_with_a_scan() {
        let mut seed = 12345u64;
        for _ in 0..200 {
            let mut set = BitSet::default();
            let mut members = std::collections::BTreeSet::new();
            for _ in 0..(seed % 20) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let i = (seed >> 33) as usize % 300;
                set.insert(i);
                members.insert(i);
            }
            for gone in members.clone().iter().step_by(3) {
                set.remove(*gone);
                members.remove(gone);
            }
            set.remove(100_000);
            for bound in 0..330 {
                let want = members.range(..bound).next_back().copied();
                assert_eq!(set.last_below(bound), want, "bound {bound}, {members:?}");
                let rank = members
                    .contains(&bound)
                    .then(|| members.range(..bound).count());
                assert_eq!(set.rank(bound), rank, "rank of {bound}, {members:?}");
            }
        }
    }
}
