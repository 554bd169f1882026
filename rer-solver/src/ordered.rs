//! Sorting by package orderers: rez's `sort_versions` and
//! `_PackageEntry.sort` when `package_orderers` are set.
//!
//! Without orderers the solver compares versions and ranges directly (the
//! fast path in `slice` and `sort_key`). With them, it builds the very
//! keys rez builds ([`rer_order::version_key`], [`rer_order::range_key`],
//! and the variant tuples below) and sorts them as Python does
//! ([`rer_order::sort_descending`]), so that where keys of different
//! orderers meet, Python's comparison rules decide as in rez.

use rer_order::{OrderError, OrderKey, PackageOrderList, Point, range_key, sort_descending};

use crate::VariantSelectMode;
use crate::error::SolveError;
use crate::store::{Fam, FamId, Pkg, Res, Store};

/// An orderer's error as the solve's.
fn order_error(e: OrderError) -> Box<SolveError> {
    Box::new(SolveError::PackageOrder(e))
}

impl Store<'_> {
    /// The orderers, when any is set.
    pub(crate) fn orderers(&self) -> Option<&PackageOrderList> {
        self.orderer_list()
    }

    /// rez's `_PackageVariantSlice.sort_versions` under orderers: the
    /// positions `idxs` of `fam`'s versions sorted by the family's
    /// orderer, preferred first.
    pub(crate) fn order_versions(
        &self,
        list: &PackageOrderList,
        fam: FamId,
        family: &Fam,
        idxs: &[u32],
    ) -> Res<Vec<u32>> {
        let name = self.name(fam);
        let orderer = list.get(&name);
        let versions = family.versions();
        let mut keyed = Vec::with_capacity(idxs.len());
        for &idx in idxs {
            let version = versions.get(idx as usize).ok_or_else(|| {
                Box::new(SolveError::Internal(format!("version {idx} out of range")))
            })?;
            let point = Point::Finite(version.clone());
            let key = rer_order::version_key(orderer, &name, &point, self.provider())
                .map_err(order_error)?;
            keyed.push((key, idx));
        }
        sort_descending(&mut keyed)
            .map_err(|_| order_error(OrderError::Incomparable(format!("{name} versions"))))?;
        Ok(keyed.into_iter().map(|(_, idx)| idx).collect())
    }

    /// rez's `_PackageEntry.sort` under orderers: `order` (positions of
    /// `pkg`'s variants) sorted preferred-first by rez's variant key.
    pub(crate) fn order_variants(
        &self,
        list: &PackageOrderList,
        pkg: &Pkg,
        order: &[u16],
    ) -> Res<Vec<u16>> {
        let request = self.request_items();
        let mut keyed = Vec::with_capacity(order.len());
        for &pos in order {
            let key = self.variant_key(list, request, pkg, pos)?;
            keyed.push((key, pos));
        }
        sort_descending(&mut keyed).map_err(|_| {
            order_error(OrderError::Incomparable(format!(
                "the variants of {}",
                pkg.data.package.qualified_name()
            )))
        })?;
        Ok(keyed.into_iter().map(|(_, pos)| pos).collect())
    }

    /// rez's variant key: `(requested_key, -len(additional_key),
    /// additional_key, index)` in `version_priority`, with
    /// `len(requested_key)` in front in `intersection_priority`.
    fn variant_key(
        &self,
        list: &PackageOrderList,
        request: &[(FamId, bool)],
        pkg: &Pkg,
        pos: u16,
    ) -> Res<OrderKey> {
        let reqs = self.reqs(pkg, pos)?;
        let range_key_of = |fam: FamId, range| -> Res<OrderKey> {
            let name = self.name(fam);
            range_key(list.get(&name), &name, range, self.provider()).map_err(order_error)
        };
        let mut requested = Vec::new();
        let mut named: Vec<FamId> = Vec::new();
        for (i, &(fam, conflict)) in request.iter().enumerate() {
            if conflict {
                continue;
            }
            if let Some(req) = reqs.reqs.iter().find(|r| r.fam == fam) {
                requested.push(OrderKey::Tuple(vec![
                    OrderKey::Int(-(i as i64)),
                    range_key_of(fam, req.range.as_ref())?,
                ]));
                named.push(fam);
            }
        }
        let mut additional = Vec::new();
        for req in reqs.reqs.iter() {
            if !req.conflict && !named.contains(&req.fam) {
                additional.push(OrderKey::Tuple(vec![
                    range_key_of(req.fam, req.range.as_ref())?,
                    OrderKey::Str(self.name(req.fam)),
                ]));
            }
        }
        let index = OrderKey::Int(pkg.index(pos).map_or(-1, i64::from));
        let n_requested = requested.len() as i64;
        let n_additional = additional.len() as i64;
        let mut key = Vec::with_capacity(5);
        if self.mode() == VariantSelectMode::IntersectionPriority {
            key.push(OrderKey::Int(n_requested));
        }
        key.push(OrderKey::Tuple(requested));
        key.push(OrderKey::Int(-n_additional));
        key.push(OrderKey::Tuple(additional));
        key.push(index);
        Ok(OrderKey::Tuple(key))
    }
}
