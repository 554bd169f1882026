//! The [`PackageOrder`] trait and rez 3.4.0's five orderers.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use rer_repo::FamilyProvider;
use rer_version::Version;

use crate::error::OrderError;
use crate::key::{OrderKey, Point};

/// The family pattern that makes an orderer apply to every family (rez's
/// `ALL_PACKAGES`).
pub const ALL_PACKAGES: &str = "*";

/// One package orderer: rez's `PackageOrder`, which decides the order a
/// solve tries a family's versions in, and how variants requiring that
/// family rank.
///
/// rez sorts by `sort_key` in descending order, so a greater key is tried
/// first. [`PackageOrder::key`] is rez's `sort_key_implementation`: a key
/// for one version of one family; rez (and rer) wrap it in
/// `FallbackComparable(key, version)` and build range keys out of it
/// (see [`crate::version_key`], [`crate::range_key`]). Implement this trait
/// to plug in an orderer of your own (rez's custom orderers), or use
/// [`FnOrder`] for a function that just lists versions in order.
pub trait PackageOrder: Send + Sync + fmt::Debug {
    /// The families this orderer is for (rez's `packages`); `["*"]` for all.
    fn packages(&self) -> &[String];

    /// Whether rez's `reorder` would order `family` at all (only
    /// `per_family` declines, for a family it does not list and has no
    /// `default_order` for).
    fn applies_to(&self, family: &str) -> bool {
        let _ = family;
        true
    }

    /// rez's `sort_key_implementation(family, version)`: the key of
    /// `version` (a package's version, a range bound's, or infinity) in
    /// `family`. `packages` is where package data can be read (rez's
    /// `soft_timestamp` reads timestamps).
    ///
    /// # Errors
    /// What rez raises for this orderer (see [`OrderError`]), or the
    /// provider's errors.
    fn key(
        &self,
        family: &str,
        version: &Point,
        packages: &dyn FamilyProvider,
    ) -> Result<OrderKey, OrderError>;
}

/// rez's `packages` setter: none means all families, a list is sorted.
pub(crate) fn families(packages: Option<Vec<String>>) -> Vec<String> {
    match packages {
        None => vec![ALL_PACKAGES.to_owned()],
        Some(mut list) => {
            list.sort();
            list
        }
    }
}

/// `no_order`: every version gets the same key, so the repository's
/// listing order stays (rez's `NullPackageOrder`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoOrder {
    /// The families it is for.
    pub packages: Vec<String>,
}

impl PackageOrder for NoOrder {
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn key(&self, _: &str, _: &Point, _: &dyn FamilyProvider) -> Result<OrderKey, OrderError> {
        Ok(OrderKey::Int(0))
    }
}

/// `sorted`: by version, highest first when `descending` (rez's default
/// order), lowest first otherwise (rez's `SortedOrder`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedOrder {
    /// Highest version first.
    pub descending: bool,
    /// The families it is for.
    pub packages: Vec<String>,
}

impl PackageOrder for SortedOrder {
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn key(&self, _: &str, v: &Point, _: &dyn FamilyProvider) -> Result<OrderKey, OrderError> {
        Ok(if self.descending {
            OrderKey::Version(v.clone())
        } else {
            OrderKey::Reversed(v.clone())
        })
    }
}

/// `version_split`: versions up to `first_version` first, highest first,
/// then the newer ones, highest first (rez's `VersionSplitPackageOrder`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSplitOrder {
    /// The highest version of the first group.
    pub first_version: Version,
    /// The families it is for.
    pub packages: Vec<String>,
}

impl PackageOrder for VersionSplitOrder {
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn key(&self, _: &str, v: &Point, _: &dyn FamilyProvider) -> Result<OrderKey, OrderError> {
        let first = v.le(&Point::Finite(self.first_version.clone()));
        Ok(OrderKey::Tuple(vec![
            OrderKey::Int(i64::from(first)),
            OrderKey::Version(v.clone()),
        ]))
    }
}

/// `per_family`: a different orderer per family (rez's `PerFamilyOrder`).
///
/// As in rez, it applies (through a [`crate::PackageOrderList`]) only to
/// the families its inner orderers list; `default_order` is used only for
/// a family it does not list that reaches it anyway, which happens when an
/// inner orderer lists `"*"` (and then without a `default_order` rez
/// raises `RuntimeError`).
#[derive(Debug, Clone)]
pub struct PerFamilyOrder {
    /// The orderer of each listed family.
    pub order_dict: HashMap<String, Arc<dyn PackageOrder>>,
    /// The orderer of families not listed.
    pub default_order: Option<Arc<dyn PackageOrder>>,
    packages: Vec<String>,
}

impl PerFamilyOrder {
    /// A per-family orderer; it applies to the families of `order_dict`.
    pub fn new(
        order_dict: HashMap<String, Arc<dyn PackageOrder>>,
        default_order: Option<Arc<dyn PackageOrder>>,
    ) -> PerFamilyOrder {
        let packages = families(Some(order_dict.keys().cloned().collect()));
        PerFamilyOrder {
            order_dict,
            default_order,
            packages,
        }
    }
}

impl PackageOrder for PerFamilyOrder {
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn applies_to(&self, family: &str) -> bool {
        self.order_dict.contains_key(family) || self.default_order.is_some()
    }

    fn key(
        &self,
        family: &str,
        v: &Point,
        packages: &dyn FamilyProvider,
    ) -> Result<OrderKey, OrderError> {
        match self.order_dict.get(family).or(self.default_order.as_ref()) {
            Some(orderer) => orderer.key(family, v, packages),
            None => Err(OrderError::Raised {
                exception: "RuntimeError",
                message: format!(
                    "package family orderer {:?} does not apply to package family {family:?}",
                    self.packages
                ),
            }),
        }
    }
}

/// `soft_timestamp`: packages released up to `timestamp` first, highest
/// first, then the later ones lowest first; with a `rank`, a later release
/// that changes only tokens past `rank` keeps its place (rez's
/// `TimestampPackageOrder`).
///
/// Timestamps are read from the provider given to
/// [`TimestampOrder::reading_timestamps_from`] (rez reads them from the
/// configured `packages_path`, whatever the solve searches), else from the
/// solve's provider; from the highest version down until the first package
/// released by `timestamp`; packages without one (or with 0) are passed
/// over. The answer is remembered per family, as rez does.
pub struct TimestampOrder {
    /// The time, in seconds since the epoch.
    pub timestamp: f64,
    /// The version rank allowed past the timestamp (0: none).
    pub rank: usize,
    /// The families it is for.
    pub packages: Vec<String>,
    timestamps: Option<Arc<dyn FamilyProvider>>,
    first_after: Mutex<HashMap<String, Option<Version>>>,
}

impl fmt::Debug for TimestampOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimestampOrder")
            .field("timestamp", &self.timestamp)
            .field("rank", &self.rank)
            .field("packages", &self.packages)
            .field("own_timestamp_source", &self.timestamps.is_some())
            .finish_non_exhaustive()
    }
}

impl TimestampOrder {
    /// A timestamp orderer reading timestamps from the solve's provider.
    pub fn new(timestamp: f64, rank: usize, packages: Vec<String>) -> TimestampOrder {
        TimestampOrder {
            timestamp,
            rank,
            packages,
            timestamps: None,
            first_after: Mutex::new(HashMap::new()),
        }
    }

    /// The same orderer reading timestamps from `source` instead of the
    /// solve's provider: rez's `iter_packages(family)` over the configured
    /// `packages_path`.
    pub fn reading_timestamps_from(mut self, source: Arc<dyn FamilyProvider>) -> TimestampOrder {
        self.timestamps = Some(source);
        self
    }

    fn first_after(
        &self,
        family: &str,
        packages: &dyn FamilyProvider,
    ) -> Result<Option<Version>, OrderError> {
        let memo = self
            .first_after
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = memo.get(family) {
            return Ok(known.clone());
        }
        drop(memo);
        let found = self.calc_first_after(family, packages)?;
        self.first_after
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(family.to_owned(), found.clone());
        Ok(found)
    }

    /// rez's `_calc_first_after`, step for step.
    fn calc_first_after(
        &self,
        family: &str,
        packages: &dyn FamilyProvider,
    ) -> Result<Option<Version>, OrderError> {
        let fam = packages.family(family)?;
        let n = fam.as_ref().map_or(0, |f| f.len());
        let mut first_after = None;
        // (i, version) of the last package the loop looked at
        let mut last: Option<(usize, Version)> = None;
        if let Some(fam) = &fam {
            for i in 0..n {
                let pos = n - 1 - i;
                let package = fam.package(pos)?;
                last = Some((i, package.version.clone()));
                let Some(ts) = package.timestamp.filter(|&t| t != 0) else {
                    continue;
                };
                if ts as f64 > self.timestamp {
                    first_after = Some(package.version.clone());
                } else {
                    break;
                }
            }
        }
        if self.rank == 0 {
            return Ok(first_after);
        }
        let Some((i, version)) = last else {
            return Err(OrderError::Raised {
                exception: "UnboundLocalError",
                message: "cannot access local variable 'package' where it is not associated \
                          with a value"
                    .into(),
            });
        };
        let (fam, trimmed) = (
            fam.as_ref().ok_or(OrderError::Internal)?,
            version.trim(self.rank - 1),
        );
        for j in (0..i).rev() {
            let after = &fam.versions()[n - 1 - j];
            if after.trim(self.rank - 1) != trimmed {
                return Ok(Some(after.clone()));
            }
        }
        Ok(None)
    }
}

impl PackageOrder for TimestampOrder {
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn key(
        &self,
        family: &str,
        v: &Point,
        packages: &dyn FamilyProvider,
    ) -> Result<OrderKey, OrderError> {
        let source = self.timestamps.as_deref().unwrap_or(packages);
        let is_before = match self.first_after(family, source)? {
            None => true,
            Some(first) => v.lt(&Point::Finite(first)),
        };
        if is_before {
            return Ok(OrderKey::Tuple(vec![
                OrderKey::Int(1),
                OrderKey::Version(v.clone()),
            ]));
        }
        if self.rank == 0 {
            return Ok(OrderKey::Tuple(vec![
                OrderKey::Int(0),
                OrderKey::Reversed(v.clone()),
            ]));
        }
        let Some(version) = v.finite() else {
            return Err(OrderError::Raised {
                exception: "RuntimeError",
                message: "Version.inf cannot be trimmed".into(),
            });
        };
        let tail: Vec<&str> = version.tokens().skip(self.rank - 1).collect();
        let tokens = Version::parse(&tail.join(".")).map_err(|_| OrderError::Internal)?;
        Ok(OrderKey::Tuple(vec![
            OrderKey::Int(0),
            OrderKey::Reversed(Point::Finite(version.trim(self.rank - 1))),
            OrderKey::Tokens(tokens),
        ]))
    }
}

/// An orderer from a function that lists a family's versions in the order
/// to try them (the equivalent of pyrer's `order(family, versions) ->
/// versions`).
///
/// The function is called once per family, with the family's versions
/// highest first, and its answer remembered. A listed version's key is its
/// place in the answer (earlier is tried first); a version it leaves out,
/// or a range bound that is no package's version, keys as itself, and rez's
/// fallback then compares it with the others by version.
pub struct FnOrder<F> {
    packages: Vec<String>,
    order: F,
    memo: Mutex<HashMap<String, Arc<HashMap<Version, i64>>>>,
}

impl<F> FnOrder<F>
where
    F: Fn(&str, &[Version]) -> Vec<Version> + Send + Sync,
{
    /// An orderer for `packages` (`None`: every family) from `order`.
    pub fn new(packages: Option<Vec<String>>, order: F) -> FnOrder<F> {
        FnOrder {
            packages: families(packages),
            order,
            memo: Mutex::new(HashMap::new()),
        }
    }

    fn ranks(
        &self,
        family: &str,
        packages: &dyn FamilyProvider,
    ) -> Result<Arc<HashMap<Version, i64>>, OrderError> {
        if let Some(known) = self
            .memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(family)
        {
            return Ok(Arc::clone(known));
        }
        let mut versions: Vec<Version> = packages
            .family(family)?
            .map(|f| f.versions().to_vec())
            .unwrap_or_default();
        versions.reverse();
        let ordered = (self.order)(family, &versions);
        let n = ordered.len() as i64;
        let mut ranks = HashMap::new();
        for (i, v) in ordered.into_iter().enumerate() {
            ranks.entry(v).or_insert(n - i as i64);
        }
        let ranks = Arc::new(ranks);
        self.memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(family.to_owned(), Arc::clone(&ranks));
        Ok(ranks)
    }
}

impl<F> fmt::Debug for FnOrder<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FnOrder")
            .field("packages", &self.packages)
            .finish_non_exhaustive()
    }
}

impl<F> PackageOrder for FnOrder<F>
where
    F: Fn(&str, &[Version]) -> Vec<Version> + Send + Sync,
{
    fn packages(&self) -> &[String] {
        &self.packages
    }

    fn key(
        &self,
        family: &str,
        v: &Point,
        packages: &dyn FamilyProvider,
    ) -> Result<OrderKey, OrderError> {
        let ranks = self.ranks(family, packages)?;
        Ok(match v.finite().and_then(|v| ranks.get(v)) {
            Some(&rank) => OrderKey::Int(rank),
            None => OrderKey::Version(v.clone()),
        })
    }
}
