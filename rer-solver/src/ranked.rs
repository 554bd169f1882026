//! Preferred-first orders of a package's variants, remembered across the
//! solves of one solver.
//!
//! rez ranks a package's variants by a key that depends on the request only
//! through the requested families the variants name, and through their order
//! in the request (see [`crate::sort_key`]). So the variant select mode
//! and those families, in request order, are a *signature*: two solves
//! whose signatures agree rank the package's variants alike. The ranking is
//! a total order (the variant index breaks ties), so the ranking of any
//! subset of the variants is the full ranking with the others left out.

use std::sync::{Arc, Mutex, PoisonError};

/// The most signatures remembered per package (a package requested in many
/// different ways is ranked afresh beyond that).
const MAX_SIGNATURES: usize = 8;

/// The longest signature remembered (mode included).
pub(crate) const MAX_SIGNATURE_LEN: usize = 16;

/// A request as the ranking of one package's variants sees it: the mode,
/// then the requested families the package names, in request order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Signature {
    items: [u32; MAX_SIGNATURE_LEN],
    len: usize,
}

impl Signature {
    /// The signature of `mode` and `fams` (in request order), or `None`
    /// when it is too long to remember.
    pub(crate) fn new(mode: u32, fams: impl IntoIterator<Item = u32>) -> Option<Signature> {
        let mut sig = Signature {
            items: [0; MAX_SIGNATURE_LEN],
            len: 1,
        };
        sig.items[0] = mode;
        for f in fams {
            *sig.items.get_mut(sig.len)? = f;
            sig.len += 1;
        }
        Some(sig)
    }

    fn as_slice(&self) -> &[u32] {
        &self.items[..self.len]
    }
}

/// The full rankings of one package's variants, per signature.
#[derive(Default)]
pub(crate) struct Rankings {
    known: Mutex<Vec<(Signature, Arc<[u16]>)>>,
}

impl Rankings {
    /// The ranking remembered for `sig`, if any.
    pub(crate) fn get(&self, sig: &Signature) -> Option<Arc<[u16]>> {
        let known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        known
            .iter()
            .find(|(s, _)| s.as_slice() == sig.as_slice())
            .map(|(_, order)| Arc::clone(order))
    }

    /// Remembers `order` as the ranking for `sig` (unless the package has
    /// as many signatures as it keeps).
    pub(crate) fn remember(&self, sig: Signature, order: &Arc<[u16]>) {
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if known.len() < MAX_SIGNATURES && !known.iter().any(|(s, _)| *s == sig) {
            known.push((sig, Arc::clone(order)));
        }
    }
}

/// The positions of `subset` in the order of `ranking` (the full ranking of
/// the package's `n` variants).
pub(crate) fn restrict(ranking: &[u16], subset: &[u16], n: usize) -> Vec<u16> {
    let mut member = vec![false; n];
    for &p in subset {
        if let Some(m) = member.get_mut(p as usize) {
            *m = true;
        }
    }
    ranking
        .iter()
        .copied()
        .filter(|&p| member.get(p as usize).copied().unwrap_or(false))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restricting_keeps_the_ranking_order() {
        let ranking = [3u16, 0, 4, 1, 2];
        assert_eq!(restrict(&ranking, &[0, 1, 2], 5), vec![0, 1, 2]);
        assert_eq!(restrict(&ranking, &[2, 4, 3], 5), vec![3, 4, 2]);
        assert_eq!(restrict(&ranking, &[], 5), Vec::<u16>::new());
    }

    #[test]
    fn signatures_are_remembered_per_mode_and_families() {
        let rankings = Rankings::default();
        let a = Signature::new(0, [7, 3]).expect("short");
        let b = Signature::new(0, [3, 7]).expect("short");
        let c = Signature::new(1, [7, 3]).expect("short");
        rankings.remember(a, &Arc::from(vec![1u16, 0]));
        assert_eq!(rankings.get(&a).as_deref(), Some(&[1u16, 0][..]));
        assert!(rankings.get(&b).is_none());
        assert!(rankings.get(&c).is_none());
    }

    #[test]
    fn long_signatures_are_not_made() {
        assert!(Signature::new(0, 0..(MAX_SIGNATURE_LEN as u32 - 1)).is_some());
        assert!(Signature::new(0, 0..(MAX_SIGNATURE_LEN as u32)).is_none());
    }
}
