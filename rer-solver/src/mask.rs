//! Version masks: the positions of a family's versions within one range.
//!
//! A mask stores only the bit words its range covers (from the first to
//! the last word with a member), so making one costs the range's bounds
//! and the words they cover, not the family's size: a family of N
//! versions required by N variants, each for one version, takes N small
//! masks, not N of N bits each.

use rer_version::{Version, VersionRange};

use crate::bitset::members_of_words;

/// The positions of a family's versions (ascending) within a range.
///
/// Promises: [`VersionMask::contains`] answers exactly the range's
/// `contains` on the version at each position; a position past the family
/// is never a member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct VersionMask {
    /// The index of the first word stored.
    first: usize,
    /// Words `first..first + words.len()` of the set.
    words: Box<[u64]>,
}

impl VersionMask {
    /// The positions of `versions` (ascending) within `range`.
    pub(crate) fn of(versions: &[Version], range: &VersionRange) -> VersionMask {
        let spans = intervals(versions, range);
        let (Some(&(lo, _)), Some(&(_, hi))) = (spans.first(), spans.last()) else {
            return VersionMask::default();
        };
        let first = lo / 64;
        let mut words = vec![0u64; (hi - 1) / 64 + 1 - first];
        for (lo, hi) in spans {
            fill(&mut words, lo - first * 64, hi - first * 64);
        }
        VersionMask {
            first,
            words: words.into_boxed_slice(),
        }
    }

    /// Whether position `i` is a member.
    #[inline]
    pub(crate) fn contains(&self, i: usize) -> bool {
        (i / 64)
            .checked_sub(self.first)
            .and_then(|w| self.words.get(w))
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// The members, ascending.
    pub(crate) fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        members_of_words(&self.words, self.first)
    }

    /// The number of members.
    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set with words `set` (word 0 first) shares a member.
    #[inline]
    pub(crate) fn intersects_words(&self, set: &[u64]) -> bool {
        set.get(self.first..)
            .unwrap_or(&[])
            .iter()
            .zip(self.words.iter())
            .any(|(x, y)| x & y != 0)
    }

    /// Whether every member of the set with words `set` is a member.
    #[inline]
    pub(crate) fn covers_words(&self, set: &[u64]) -> bool {
        set.iter().enumerate().all(|(i, x)| {
            let mine = i
                .checked_sub(self.first)
                .and_then(|w| self.words.get(w))
                .copied()
                .unwrap_or(0);
            x & !mine == 0
        })
    }
}

/// Sets bits `lo..hi` (`lo < hi`) of `words`, a word at a time.
fn fill(words: &mut [u64], lo: usize, hi: usize) {
    let (first, last) = (lo / 64, (hi - 1) / 64);
    for (w, word) in words.iter_mut().enumerate().take(last + 1).skip(first) {
        let from = if w == first { lo % 64 } else { 0 };
        let to = if w == last { (hi - 1) % 64 + 1 } else { 64 };
        *word |= if to - from == 64 {
            u64::MAX
        } else {
            ((1u64 << (to - from)) - 1) << from
        };
    }
}

/// The positions of `versions` (ascending) within `range`, as half-open
/// intervals, ascending.
pub(crate) fn intervals(versions: &[Version], range: &VersionRange) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(range.bounds().len());
    for b in range.bounds() {
        let lower = b.lower();
        let lo = if b.lower_inclusive() {
            versions.partition_point(|v| v < lower)
        } else {
            versions.partition_point(|v| v <= lower)
        };
        let hi = match b.upper() {
            None => versions.len(),
            Some(u) if b.upper_inclusive() => versions.partition_point(|v| v <= u),
            Some(u) => versions.partition_point(|v| v < u),
        };
        if lo < hi {
            out.push((lo, hi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_default()
    }

    #[test]
    fn masks_agree_with_contains() {
        let versions: Vec<Version> = ["", "1", "1.0", "1.5", "1a", "2", "2.0.1", "3", "10"]
            .iter()
            .map(|s| v(s))
            .collect();
        let mut sorted = versions.clone();
        sorted.sort();
        for r in [
            "", "1", "1+", ">1", "<2", "<=2", "1..2", "==1.0", "1+<3|10", "2|1.5", "~1", ">1.0<=3",
        ] {
            let Ok(range) = VersionRange::parse(r.trim_start_matches('~')) else {
                continue;
            };
            let mask = VersionMask::of(&sorted, &range);
            for (i, ver) in sorted.iter().enumerate() {
                assert_eq!(mask.contains(i), range.contains(ver), "{r} vs {ver}");
            }
            let ones: Vec<usize> = mask.ones().collect();
            let expected: Vec<usize> = (0..sorted.len())
                .filter(|&i| range.contains(&sorted[i]))
                .collect();
            assert_eq!(ones, expected, "{r}");
            assert_eq!(mask.count(), expected.len());
        }
    }

    #[test]
    fn wide_families_store_only_the_covered_words() {
        let versions: Vec<Version> = (0..1000).map(|i| v(&i.to_string())).collect();
        let mut sorted = versions.clone();
        sorted.sort();
        let at = |s: &str| sorted.iter().position(|x| x == &v(s)).unwrap_or(usize::MAX);
        for r in [
            "500",
            "130+<140",
            "64|128|999",
            "0",
            "998+",
            "1+<999",
            "5000",
            "<10|>990",
        ] {
            let Ok(range) = VersionRange::parse(r) else {
                continue;
            };
            let mask = VersionMask::of(&sorted, &range);
            let members: Vec<usize> = (0..sorted.len() + 70)
                .filter(|&i| mask.contains(i))
                .collect();
            let expected: Vec<usize> = (0..sorted.len())
                .filter(|&i| range.contains(&sorted[i]))
                .collect();
            assert_eq!(members, expected, "{r}");
            assert_eq!(mask.ones().collect::<Vec<_>>(), expected, "{r}");
            // set operations against dense words, padded or not
            for probe in [vec![at("500")], expected.clone(), vec![0, 999], vec![]] {
                let mut words = vec![0u64; 16];
                for &p in probe.iter().filter(|&&p| p < 1000) {
                    words[p / 64] |= 1 << (p % 64);
                }
                let inside = probe.iter().filter(|&&p| p < 1000);
                assert_eq!(
                    mask.intersects_words(&words),
                    inside.clone().any(|&p| range.contains(&sorted[p])),
                    "{r} {probe:?}"
                );
                assert_eq!(
                    mask.covers_words(&words),
                    inside.clone().all(|&p| range.contains(&sorted[p])),
                    "{r} {probe:?}"
                );
            }
        }
        let mask = VersionMask::of(&sorted, &VersionRange::parse("500").unwrap_or_default());
        assert_eq!(mask.words.len(), 1);
    }
}
