//! How rez ranks the variants of one package (`_PackageEntry.sort`).
//!
//! A variant's key lists, for each non-conflict item of the request that the
//! variant also requires, the item's position and the variant's range for
//! it; then how many other packages it pulls in (fewer is better), their
//! ranges and names; then the variant index. Ranges compare bound by bound,
//! which with rez's default orderer (version descending) prefers higher
//! versions. Variants are tried in descending key order.

use std::cmp::Ordering;
use std::sync::Arc;

use rer_version::VersionRange;

use crate::VariantSelectMode;
use crate::cache::ReqList;
use crate::store::{FamId, Store};

/// The ranking key of one variant.
pub(crate) struct SortKey {
    /// `(-position in the request, range)` for each request item the variant
    /// requires, in request order.
    requested: Vec<(i64, Option<VersionRange>)>,
    /// `(range, name)` for each other non-conflict requirement, in the
    /// variant's order.
    additional: Vec<(Option<VersionRange>, Arc<str>)>,
    /// The variant index.
    index: Option<u32>,
}

/// rez's orderer key of a range: bounds compared in turn, each by lower
/// bound then upper bound. rez keys a missing range (a weak `~foo`) as `0`,
/// which here sorts below any range.
fn cmp_range(a: &Option<VersionRange>, b: &Option<VersionRange>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => a.bounds().cmp(b.bounds()),
    }
}

impl SortKey {
    /// The key of a variant with requirements `reqs` and index `index`,
    /// given the merged request (family, is-conflict).
    pub(crate) fn new(
        store: &Store<'_>,
        request: &[(FamId, bool)],
        reqs: &ReqList,
        index: Option<u32>,
    ) -> SortKey {
        let mut requested = Vec::new();
        let mut seen: Vec<FamId> = Vec::new();
        for (i, &(fam, conflict)) in request.iter().enumerate() {
            if conflict {
                continue;
            }
            if let Some(r) = reqs.get(fam) {
                requested.push((-(i as i64), r.req.range().cloned()));
                seen.push(fam);
            }
        }
        let additional = reqs
            .reqs
            .iter()
            .filter(|r| !r.req.is_conflict() && !seen.contains(&r.fam))
            .map(|r| (r.req.range().cloned(), store.name(r.fam)))
            .collect();
        SortKey {
            requested,
            additional,
            index,
        }
    }

    fn cmp_requested(&self, other: &SortKey) -> Ordering {
        for (a, b) in self.requested.iter().zip(&other.requested) {
            let o = a.0.cmp(&b.0).then_with(|| cmp_range(&a.1, &b.1));
            if o != Ordering::Equal {
                return o;
            }
        }
        self.requested.len().cmp(&other.requested.len())
    }

    fn cmp_additional(&self, other: &SortKey) -> Ordering {
        for (a, b) in self.additional.iter().zip(&other.additional) {
            let o = cmp_range(&a.0, &b.0).then_with(|| a.1.cmp(&b.1));
            if o != Ordering::Equal {
                return o;
            }
        }
        self.additional.len().cmp(&other.additional.len())
    }

    /// Compares two keys as rez's tuples compare in `mode` (greater is
    /// preferred).
    pub(crate) fn cmp(&self, other: &SortKey, mode: VariantSelectMode) -> Ordering {
        let head = match mode {
            VariantSelectMode::VersionPriority => Ordering::Equal,
            VariantSelectMode::IntersectionPriority => {
                self.requested.len().cmp(&other.requested.len())
            }
        };
        head.then_with(|| self.cmp_requested(other))
            // fewer additional packages is better: compare -len
            .then_with(|| other.additional.len().cmp(&self.additional.len()))
            .then_with(|| self.cmp_additional(other))
            .then_with(|| self.index.cmp(&other.index))
    }
}
