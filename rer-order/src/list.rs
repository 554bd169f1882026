//! [`PackageOrderList`]: rez's list of orderers and its rules for which one
//! orders a family.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use rer_repo::FamilyProvider;

use crate::error::OrderConfigError;
use crate::orderer::{ALL_PACKAGES, PackageOrder};
use crate::pod;

/// rez's `PackageOrderList` (the `package_orderers` setting): orderers in
/// priority order.
///
/// [`PackageOrderList::get`] is rez's `get_orderer`: the first orderer that
/// lists the family, else the first that lists `"*"`, else none (rez's
/// default: versions highest first). A `per_family` orderer lists the
/// families of its inner orderers.
#[derive(Clone, Default)]
pub struct PackageOrderList {
    orderers: Vec<Arc<dyn PackageOrder>>,
    by_package: HashMap<String, usize>,
}

impl PackageOrderList {
    /// An empty list: rez's default order for every family.
    pub fn new() -> PackageOrderList {
        PackageOrderList::default()
    }

    /// Builds the list from rez's config format, the value of rezconfig's
    /// `package_orderers` as JSON (what `PackageOrderList.from_pod` takes,
    /// and what `REZ_PACKAGE_ORDERERS_JSON` holds): `null` or a list of
    /// dicts, each with a `type` of `no_order`, `sorted` (`descending`),
    /// `per_family` (`orderers`, `default_order`), `version_split`
    /// (`first_version`) or `soft_timestamp` (`timestamp`, `rank`), and
    /// optionally `packages` (a name or a list; all families without it).
    /// rez's older `[type, {..}]` pairs are read too.
    ///
    /// ```
    /// let list = rer_order::PackageOrderList::from_pod(&serde_json::json!([
    ///     {"type": "version_split", "packages": ["python"], "first_version": "3.10.2"}
    /// ])).unwrap();
    /// assert!(list.get("python").is_some());
    /// assert!(list.get("maya").is_none());
    /// ```
    ///
    /// # Errors
    /// [`OrderConfigError`] naming the entry, where rez would raise.
    pub fn from_pod(data: &serde_json::Value) -> Result<PackageOrderList, OrderConfigError> {
        PackageOrderList::build(data, &None)
    }

    /// As [`PackageOrderList::from_pod`], but its `soft_timestamp` orderers
    /// read package timestamps from `timestamps` rather than from the solve's
    /// provider, as rez's read them from the configured `packages_path`
    /// (`iter_packages(family)`: every repository of the setting, whatever
    /// `rez env --paths`/`--nl` search, and no package filter or `--time`
    /// applied). Give it a provider over the configured `packages_path`.
    ///
    /// # Errors
    /// As [`PackageOrderList::from_pod`].
    pub fn from_pod_reading_timestamps(
        data: &serde_json::Value,
        timestamps: Arc<dyn FamilyProvider>,
    ) -> Result<PackageOrderList, OrderConfigError> {
        PackageOrderList::build(data, &Some(timestamps))
    }

    fn build(
        data: &serde_json::Value,
        timestamps: &pod::Timestamps,
    ) -> Result<PackageOrderList, OrderConfigError> {
        let mut list = PackageOrderList::new();
        for orderer in pod::list(data, timestamps)? {
            list.push(orderer);
        }
        Ok(list)
    }

    /// Adds an orderer after the others (it orders only the families no
    /// earlier orderer lists).
    pub fn push(&mut self, orderer: Arc<dyn PackageOrder>) {
        let index = self.orderers.len();
        for family in orderer.packages() {
            self.by_package.entry(family.clone()).or_insert(index);
        }
        self.orderers.push(orderer);
    }

    /// The orderer of `family` (rez's `get_orderer`), or `None` for rez's
    /// default order (versions highest first).
    pub fn get(&self, family: &str) -> Option<&dyn PackageOrder> {
        let at = self
            .by_package
            .get(family)
            .or_else(|| self.by_package.get(ALL_PACKAGES))?;
        self.orderers.get(*at).map(|o| &**o)
    }

    /// The orderers, in priority order.
    pub fn orderers(&self) -> &[Arc<dyn PackageOrder>] {
        &self.orderers
    }

    /// Whether the list has no orderer.
    pub fn is_empty(&self) -> bool {
        self.orderers.is_empty()
    }
}

impl fmt::Debug for PackageOrderList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.orderers).finish()
    }
}
