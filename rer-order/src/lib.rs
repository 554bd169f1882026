//! rez 3.4.0's package orderers (the `package_orderers` setting): which of
//! a family's versions a solve tries first, and how a package's variants
//! rank by the versions they require.
//!
//! - [`PackageOrderList`]: rez's list of orderers, built from rez's config
//!   format with [`PackageOrderList::from_pod`] (the public entry point a
//!   site configuration hands its `package_orderers` value to), with rez's
//!   rules for which orderer orders a family.
//! - [`PackageOrder`]: one orderer; rez's five are [`NoOrder`],
//!   [`SortedOrder`], [`PerFamilyOrder`], [`VersionSplitOrder`] and
//!   [`TimestampOrder`]; [`FnOrder`] adapts a function listing versions in
//!   order, and any type implementing the trait plugs in.
//! - [`OrderKey`] and [`py_lt`]: the keys orderers make, compared exactly
//!   as Python compares them (rez sorts by them, so where keys of different
//!   orderers meet, Python's rules decide); [`version_key`] and
//!   [`range_key`] build rez's keys of a version and of a requirement's
//!   range; [`sort_descending`] is Python's `sort(reverse=True)`;
//!   [`reorder`] is rez's `PackageOrder.reorder`.
//!
//! The solver (`rer-solver`) takes a list with `Solver::package_orderers`.

mod error;
mod key;
mod list;
mod orderer;
mod pod;

pub use error::{OrderConfigError, OrderError};
pub use key::{Incomparable, OrderKey, Point, py_cmp, py_eq, py_lt, sort_descending};
pub use list::PackageOrderList;
pub use orderer::{
    ALL_PACKAGES, FnOrder, NoOrder, PackageOrder, PerFamilyOrder, SortedOrder, TimestampOrder,
    VersionSplitOrder,
};

use rer_repo::FamilyProvider;
use rer_version::{Version, VersionRange};

/// rez's `orderer.reorder(versions)`: `versions` (of one family) sorted by
/// the orderer, preferred first, or unchanged when the orderer does not
/// apply to the family (see [`PackageOrder::applies_to`]).
///
/// # Errors
/// What the orderer raises.
pub fn reorder(
    orderer: &dyn PackageOrder,
    family: &str,
    versions: &[Version],
    packages: &dyn FamilyProvider,
) -> Result<Vec<Version>, OrderError> {
    if !orderer.applies_to(family) {
        return Ok(versions.to_vec());
    }
    let mut keyed = Vec::with_capacity(versions.len());
    for v in versions {
        let point = Point::Finite(v.clone());
        keyed.push((
            version_key(Some(orderer), family, &point, packages)?,
            v.clone(),
        ));
    }
    sort_descending(&mut keyed).map_err(|_| OrderError::Incomparable(family.to_owned()))?;
    Ok(keyed.into_iter().map(|(_, v)| v).collect())
}

/// rez's `orderer.sort_key(family, version)` for a version or bound
/// point: `FallbackComparable(sort_key_implementation(..), version)`, with
/// rez's default orderer (versions highest first) when `orderer` is `None`.
///
/// # Errors
/// What the orderer raises.
pub fn version_key(
    orderer: Option<&dyn PackageOrder>,
    family: &str,
    point: &Point,
    packages: &dyn FamilyProvider,
) -> Result<OrderKey, OrderError> {
    let main = match orderer {
        Some(o) => o.key(family, point, packages)?,
        None => OrderKey::Version(point.clone()),
    };
    Ok(OrderKey::Fallback(Box::new(main), point.clone()))
}

/// rez's `orderer.sort_key(family, range)`: a tuple of bound keys, each
/// `((key(lower), -2 | -1), (key(upper), 2 | 1))` (inclusive, exclusive),
/// the upper end of an unbounded range being `Version.inf`; `None` (a
/// requirement without range) keys as `0`.
///
/// # Errors
/// What the orderer raises.
pub fn range_key(
    orderer: Option<&dyn PackageOrder>,
    family: &str,
    range: Option<&VersionRange>,
    packages: &dyn FamilyProvider,
) -> Result<OrderKey, OrderError> {
    let Some(range) = range else {
        return Ok(OrderKey::Int(0));
    };
    let mut bounds = Vec::with_capacity(range.bounds().len());
    for bound in range.bounds() {
        let lower = Point::Finite(bound.lower().clone());
        let upper = bound
            .upper()
            .map_or(Point::Infinity, |u| Point::Finite(u.clone()));
        let lower_key = OrderKey::Tuple(vec![
            version_key(orderer, family, &lower, packages)?,
            OrderKey::Int(if bound.lower_inclusive() { -2 } else { -1 }),
        ]);
        let upper_key = OrderKey::Tuple(vec![
            version_key(orderer, family, &upper, packages)?,
            OrderKey::Int(if bound.upper_inclusive() { 2 } else { 1 }),
        ]);
        bounds.push(OrderKey::Tuple(vec![lower_key, upper_key]));
    }
    Ok(OrderKey::Tuple(bounds))
}
