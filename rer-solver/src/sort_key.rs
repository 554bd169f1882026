//! How rez ranks the variants of one package (`_PackageEntry.sort`).
//!
//! A variant's key lists, for each non-conflict item of the request that the
//! variant also requires, the item's position and the variant's range for
//! it; then how many other packages it pulls in (fewer is better), their
//! ranges and names; then the variant index. Ranges compare bound by bound,
//! which with rez's default orderer (version descending) prefers higher
//! versions. Variants are tried in descending key order.
//!
//! A key refers to the variant's requirements by position, so building one
//! copies nothing; comparing two needs both variants' requirement lists.

use std::cmp::Ordering;

use rer_version::VersionRange;

use crate::VariantSelectMode;
use crate::package::ReqList;
use crate::store::{FamId, Store};

/// The ranking key of one variant.
pub(crate) struct SortKey {
    /// `(-position in the request, requirement position)` for each request
    /// item the variant requires, in request order.
    requested: Vec<(i64, u16)>,
    /// Positions of the other non-conflict requirements, in the variant's
    /// order.
    additional: Vec<u16>,
    /// The variant index.
    index: Option<u32>,
}

/// rez's orderer key of a range: bounds compared in turn, each by lower
/// bound then upper bound. rez keys a missing range (a weak `~foo`) as `0`,
/// which here sorts below any range.
fn cmp_range(a: Option<&VersionRange>, b: Option<&VersionRange>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => a.bounds().cmp(b.bounds()),
    }
}

/// A key with the requirements it refers to.
pub(crate) struct Keyed<'a> {
    pub(crate) key: &'a SortKey,
    pub(crate) reqs: ReqList<'a>,
}

impl Keyed<'_> {
    fn range(&self, i: u16) -> Option<&VersionRange> {
        self.reqs.reqs.get(i as usize)?.range.as_ref()
    }

    fn fam(&self, i: u16) -> FamId {
        self.reqs.reqs.get(i as usize).map_or(0, |r| r.fam)
    }

    fn cmp_requested(&self, other: &Keyed<'_>) -> Ordering {
        for (a, b) in self.key.requested.iter().zip(&other.key.requested) {
            let o =
                a.0.cmp(&b.0)
                    .then_with(|| cmp_range(self.range(a.1), other.range(b.1)));
            if o != Ordering::Equal {
                return o;
            }
        }
        self.key.requested.len().cmp(&other.key.requested.len())
    }

    fn cmp_additional(&self, other: &Keyed<'_>, store: &Store<'_>) -> Ordering {
        for (&a, &b) in self.key.additional.iter().zip(&other.key.additional) {
            let o = cmp_range(self.range(a), other.range(b))
                .then_with(|| store.cmp_names(self.fam(a), other.fam(b)));
            if o != Ordering::Equal {
                return o;
            }
        }
        self.key.additional.len().cmp(&other.key.additional.len())
    }

    /// Compares two keys as rez's tuples compare in `mode` (greater is
    /// preferred).
    pub(crate) fn cmp(
        &self,
        other: &Keyed<'_>,
        mode: VariantSelectMode,
        store: &Store<'_>,
    ) -> Ordering {
        let head = match mode {
            VariantSelectMode::VersionPriority => Ordering::Equal,
            VariantSelectMode::IntersectionPriority => {
                self.key.requested.len().cmp(&other.key.requested.len())
            }
        };
        head.then_with(|| self.cmp_requested(other))
            // fewer additional packages is better: compare -len
            .then_with(|| other.key.additional.len().cmp(&self.key.additional.len()))
            .then_with(|| self.cmp_additional(other, store))
            .then_with(|| self.key.index.cmp(&other.key.index))
    }
}

impl SortKey {
    /// [`SortKey::new`] for a request whose families are distinct, given as
    /// each family's position among the request's non-conflict items
    /// (`u32::MAX` if none): one pass over the requirements.
    pub(crate) fn with_positions(at: &[u32], reqs: ReqList<'_>, index: Option<u32>) -> SortKey {
        let mut requested: Vec<(i64, u16)> = Vec::new();
        let mut additional: Vec<u16> = Vec::with_capacity(reqs.reqs.len());
        for (j, r) in reqs.reqs.iter().enumerate() {
            let i = at.get(r.fam as usize).copied().unwrap_or(u32::MAX);
            if i == u32::MAX {
                if !r.conflict {
                    additional.push(j as u16);
                }
            } else if !requested.iter().any(|&(k, _)| k == -(i as i64)) {
                // the first requirement on a requested family
                requested.push((-(i as i64), j as u16));
            }
        }
        // in request order
        requested.sort_unstable_by_key(|a| std::cmp::Reverse(a.0));
        SortKey {
            requested,
            additional,
            index,
        }
    }

    /// The key of a variant with requirements `reqs` and index `index`,
    /// given the merged request (family, is-conflict).
    pub(crate) fn new(request: &[(FamId, bool)], reqs: ReqList<'_>, index: Option<u32>) -> SortKey {
        let position = |fam: FamId| reqs.reqs.iter().position(|r| r.fam == fam);
        let mut requested = Vec::new();
        let mut seen: Vec<FamId> = Vec::new();
        for (i, &(fam, conflict)) in request.iter().enumerate() {
            if conflict {
                continue;
            }
            if let Some(p) = position(fam) {
                requested.push((-(i as i64), p as u16));
                seen.push(fam);
            }
        }
        let additional = reqs
            .reqs
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.conflict && !seen.contains(&r.fam))
            .map(|(i, _)| i as u16)
            .collect();
        SortKey {
            requested,
            additional,
            index,
        }
    }
}
