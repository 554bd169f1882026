//! CPython 3.11's `hash()` of `str` (SipHash-1-3, keyed from
//! `PYTHONHASHSEED`) and of `tuple` (its xxHash-style combination).

use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// The key of CPython's string hash (`_Py_HashSecret.siphash`), as a
/// process gets it from `PYTHONHASHSEED`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashSecret {
    k0: u64,
    k1: u64,
}

impl HashSecret {
    /// The key of a process started with `PYTHONHASHSEED=seed`: all zero for
    /// seed 0 (randomisation off), else the bytes CPython's linear
    /// congruential generator (`lcg_urandom`) makes from the seed.
    pub fn from_seed(seed: u32) -> HashSecret {
        if seed == 0 {
            return HashSecret { k0: 0, k1: 0 };
        }
        let mut x = seed;
        let mut bytes = [0u8; 16];
        for b in &mut bytes {
            x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
            *b = ((x >> 16) & 0xff) as u8;
        }
        let (lo, hi) = bytes.split_at(8);
        let word = |b: &[u8]| {
            b.iter()
                .rev()
                .fold(0u64, |acc, &v| (acc << 8) | u64::from(v))
        };
        HashSecret {
            k0: word(lo),
            k1: word(hi),
        }
    }

    /// `hash(s)` in a CPython 3.11 process with this key: SipHash-1-3 of the
    /// string's code units in CPython's compact form (one byte each when
    /// every character is below U+0100, else two when below U+10000, else
    /// four, little-endian), 0 for the empty string, -2 for -1.
    pub fn hash_str(&self, s: &str) -> i64 {
        if s.is_empty() {
            return 0;
        }
        let widest = s.chars().map(u32::from).max().unwrap_or(0);
        let width = match widest {
            0..=0xff => 1,
            0x100..=0xffff => 2,
            _ => 4,
        };
        let mut h = SipHasher13::new_with_keys(self.k0, self.k1);
        if width == 1 && s.is_ascii() {
            h.write(s.as_bytes());
        } else {
            let mut buf = Vec::with_capacity(s.len() * width);
            for c in s.chars() {
                buf.extend_from_slice(&u32::from(c).to_le_bytes()[..width]);
            }
            h.write(&buf);
        }
        match h.finish() as i64 {
            -1 => -2,
            x => x,
        }
    }
}

/// `hash(t)` of a CPython 3.11 tuple whose items hash to `items`.
pub fn hash_tuple(items: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for &item in items {
        acc = acc.wrapping_add((item as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_zero_is_the_unkeyed_hash_and_other_seeds_differ() {
        let zero = HashSecret::from_seed(0);
        assert_eq!(zero, HashSecret { k0: 0, k1: 0 });
        assert_ne!(HashSecret::from_seed(1), zero);
        assert_ne!(HashSecret::from_seed(1), HashSecret::from_seed(2));
        assert_eq!(zero.hash_str(""), 0);
        assert_ne!(zero.hash_str("a"), zero.hash_str("b"));
    }

    #[test]
    fn the_empty_tuple_hashes_as_in_cpython() {
        // hash(()) in every CPython since 3.8
        assert_eq!(hash_tuple(&[]), 5_740_354_900_026_072_187);
    }
}
