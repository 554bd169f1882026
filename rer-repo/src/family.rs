//! A family: every version of one package, listed cheaply, loaded on demand.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rer_version::Version;

use crate::{ListingOrder, Package, ProviderError, RootListing};

/// Reads the package data of one version of a family, when first asked for.
///
/// A provider that can list a family's versions more cheaply than it can read
/// them (a filesystem repository lists version directories, then parses one
/// `package.py` per version) hands a loader to [`Family::lazy`].
///
/// # Contract
/// - [`Family`] calls `load` at most once per version, and only for versions
///   it listed. Calls may come from several threads at once, for different
///   versions.
/// - The package returned must carry the family's name and exactly the
///   version asked for: a filesystem repository's directory names win over
///   what the file says, as in rez. [`Family`] rejects anything else.
pub trait PackageLoader: Send + Sync {
    /// Reads the package `version` of this loader's family.
    fn load(&self, version: &Version) -> Result<Package, ProviderError>;

    /// Reads the package `version`, which is at `position` among the
    /// family's versions (ascending, as [`Family::versions`] lists them):
    /// what [`Family`] calls, so that a loader keeping its versions in that
    /// order finds this one without a search. The default is
    /// [`PackageLoader::load`]; either must answer the same.
    fn load_at(&self, position: usize, version: &Version) -> Result<Package, ProviderError> {
        let _ = position;
        self.load(version)
    }
}

impl<F> PackageLoader for F
where
    F: Fn(&Version) -> Result<Package, ProviderError> + Send + Sync,
{
    fn load(&self, version: &Version) -> Result<Package, ProviderError> {
        self(version)
    }
}

type Slot = OnceLock<Result<Arc<Package>, ProviderError>>;

/// Decides, per listed version, whether a family's package takes part in
/// solves: the hook a filtering decorator (rez's package filters) attaches
/// to a family with [`Family::gated`].
///
/// # Contract
/// - [`Family::excludes`] asks at most once per version and remembers the
///   answer (an error included), so a rule that needs the package's data
///   (a release timestamp, say) reads that package once, and only for the
///   versions a solve asks about.
/// - The answer must depend only on the package, not on when it is asked.
pub trait ExclusionRule: Send + Sync {
    /// Whether the version at position `index` of `family` is excluded.
    /// `family.versions()[index]` gives its version without reading the
    /// package; `family.package(index)` reads it when the rule needs more.
    ///
    /// # Errors
    /// The error of reading the package, when the rule had to.
    fn excludes(&self, family: &Family, index: usize) -> Result<bool, ProviderError>;
}

/// What a family lists and has read: shared between a family and the gated
/// views of it, so a package is read once whichever view reads it.
struct Listing {
    name: Arc<str>,
    versions: Box<[Version]>,
    slots: Box<[Slot]>,
    loader: Option<Arc<dyn PackageLoader>>,
    loaded: AtomicUsize,
}

/// An exclusion rule attached to a family, with its answers so far.
struct Gate {
    rule: Arc<dyn ExclusionRule>,
    decided: Box<[OnceLock<Result<bool, ProviderError>>]>,
}

/// Every version of one package family, in ascending version order.
///
/// Laziness is two-level: the versions are known as soon as the family is
/// (a directory listing in a filesystem repository), while each version's
/// package data is read only when [`Family::package`] first asks for it, and
/// then kept. Both a successful read and a failure are remembered, so each
/// package is read at most once however many solves share the family.
///
/// A `Family` is immutable apart from that memo, `Send + Sync`, and meant to be
/// shared behind [`Arc`].
pub struct Family {
    listing: Arc<Listing>,
    gate: Option<Gate>,
    order: ListingOrder,
}

impl Family {
    /// A family whose packages are all known now.
    ///
    /// The packages may come in any order; they are sorted by version.
    ///
    /// # Errors
    /// [`ProviderError::InvalidPackage`] if a package's name is not `name`;
    /// [`ProviderError::DuplicateVersion`] if two packages share a version,
    /// naming both by their `uri`.
    pub fn eager(
        name: impl Into<Arc<str>>,
        packages: Vec<Package>,
    ) -> Result<Family, ProviderError> {
        let name = name.into();
        let mut packages = packages;
        for package in &packages {
            if package.name != name {
                return Err(ProviderError::InvalidPackage {
                    package: package.qualified_name(),
                    origin: package.uri.to_string(),
                    field: "name",
                    value: package.name.to_string(),
                    message: format!("listed in family {name:?}"),
                });
            }
        }
        packages.sort_by(|a, b| a.version.cmp(&b.version));
        if let Some(pair) = packages.windows(2).find(|w| w[0].version == w[1].version) {
            return Err(ProviderError::DuplicateVersion {
                family: name.to_string(),
                version: pair[0].version.to_string(),
                first: pair[0].uri.to_string(),
                second: pair[1].uri.to_string(),
            });
        }
        let versions = packages.iter().map(|p| p.version.clone()).collect();
        let count = packages.len();
        let slots = packages
            .into_iter()
            .map(|p| OnceLock::from(Ok(Arc::new(p))))
            .collect();
        Ok(Family::from_listing(Listing {
            name,
            versions,
            slots,
            loader: None,
            loaded: AtomicUsize::new(count),
        }))
    }

    /// [`Family::eager`], with the order `packages` come in as the family's
    /// [`ListingOrder`] (rez's memory repository iterates a family in the
    /// order its data lists the versions).
    ///
    /// # Errors
    /// As [`Family::eager`].
    pub fn eager_listed(
        name: impl Into<Arc<str>>,
        packages: Vec<Package>,
    ) -> Result<Family, ProviderError> {
        let mut by_version: Vec<usize> = (0..packages.len()).collect();
        by_version.sort_by(|&a, &b| packages[a].version.cmp(&packages[b].version));
        let mut position = vec![None; packages.len()];
        for (at, &given) in by_version.iter().enumerate() {
            position[given] = u32::try_from(at).ok();
        }
        let family = Family::eager(name, packages)?;
        if position
            .iter()
            .enumerate()
            .all(|(i, p)| *p == u32::try_from(i).ok())
        {
            return Ok(family);
        }
        let roots: Arc<[RootListing]> = Arc::new([RootListing::Sequence(position)]);
        Ok(family.with_listing_order(ListingOrder::Roots(roots)))
    }

    /// A family whose versions are known now and whose packages `loader`
    /// reads on demand.
    ///
    /// The versions may come in any order; they are sorted.
    ///
    /// # Errors
    /// [`ProviderError::DuplicateVersion`] if a version is listed twice
    /// (rez's versions `1.0` and `1-0` are equal, for instance).
    pub fn lazy(
        name: impl Into<Arc<str>>,
        versions: Vec<Version>,
        loader: Arc<dyn PackageLoader>,
    ) -> Result<Family, ProviderError> {
        let name = name.into();
        let mut versions = versions;
        versions.sort();
        if let Some(pair) = versions.windows(2).find(|w| w[0] == w[1]) {
            return Err(ProviderError::DuplicateVersion {
                family: name.to_string(),
                version: pair[0].to_string(),
                first: format!("{name}/{}", pair[0]),
                second: format!("{name}/{}", pair[1]),
            });
        }
        let slots = versions.iter().map(|_| OnceLock::new()).collect();
        Ok(Family::from_listing(Listing {
            name,
            versions: versions.into_boxed_slice(),
            slots,
            loader: Some(loader),
            loaded: AtomicUsize::new(0),
        }))
    }

    fn from_listing(listing: Listing) -> Family {
        Family {
            listing: Arc::new(listing),
            gate: None,
            order: ListingOrder::Ascending,
        }
    }

    /// This family seen through `rule`: the same versions and the same
    /// packages (read once, whichever of the two reads them), with
    /// [`Family::excludes`] answering from `rule`. A gate on `self` is
    /// replaced, not combined.
    pub fn gated(&self, rule: Arc<dyn ExclusionRule>) -> Family {
        Family {
            listing: Arc::clone(&self.listing),
            order: self.order.clone(),
            gate: Some(Gate {
                rule,
                decided: self
                    .listing
                    .versions
                    .iter()
                    .map(|_| OnceLock::new())
                    .collect(),
            }),
        }
    }

    /// Whether the package at position `index` is excluded from solves (rez's
    /// package filters): always `false` for a family without a gate. The
    /// gate's answer is asked once per version and remembered.
    ///
    /// # Errors
    /// The gate's error (reading a package it needed); the same every time.
    ///
    /// # Panics
    /// If `index >= self.len()`, like slice indexing.
    #[inline]
    pub fn excludes(&self, index: usize) -> Result<bool, ProviderError> {
        match &self.gate {
            None => {
                assert!(index < self.len(), "version index {index} out of range");
                Ok(false)
            }
            Some(gate) => gate.decided[index]
                .get_or_init(|| gate.rule.excludes(self, index))
                .clone(),
        }
    }

    /// This family with `order` as the order rez's repository iterates its
    /// versions in (see [`ListingOrder`]); positions in `order` refer to
    /// [`Family::versions`].
    pub fn with_listing_order(mut self, order: ListingOrder) -> Family {
        self.order = order;
        self
    }

    /// The same family (the same versions and packages, read once whichever
    /// reads them, and the same gate, its answers asked again) with `order`
    /// as its [`ListingOrder`]: for a decorator that knows the order its
    /// inner provider does not.
    pub fn relisted(&self, order: ListingOrder) -> Family {
        Family {
            listing: Arc::clone(&self.listing),
            gate: self.gate.as_ref().map(|gate| Gate {
                rule: Arc::clone(&gate.rule),
                decided: self
                    .listing
                    .versions
                    .iter()
                    .map(|_| OnceLock::new())
                    .collect(),
            }),
            order,
        }
    }

    /// The order rez's repository iterates this family's versions in
    /// ([`ListingOrder::Ascending`] unless the provider said otherwise).
    pub fn listing_order(&self) -> &ListingOrder {
        &self.order
    }

    /// Whether [`Family::excludes`] can answer `true` for some version.
    pub fn is_gated(&self) -> bool {
        self.gate.is_some()
    }

    /// The family name.
    pub fn name(&self) -> &str {
        &self.listing.name
    }

    /// The family name, shared.
    pub fn shared_name(&self) -> &Arc<str> {
        &self.listing.name
    }

    /// Every version of the family, ascending. Reads no package data.
    pub fn versions(&self) -> &[Version] {
        &self.listing.versions
    }

    /// The number of versions.
    pub fn len(&self) -> usize {
        self.listing.versions.len()
    }

    /// Whether the family has no versions at all.
    pub fn is_empty(&self) -> bool {
        self.listing.versions.is_empty()
    }

    /// The position of `version` in [`Family::versions`], if the family has it.
    pub fn position(&self, version: &Version) -> Option<usize> {
        self.listing.versions.binary_search(version).ok()
    }

    /// The package at position `index` of [`Family::versions`], read on first
    /// use and remembered.
    ///
    /// # Errors
    /// What the loader answered when the package was first read; the same
    /// error every time after. A loaded package whose name or version is not
    /// the one asked for is an [`ProviderError::InvalidPackage`].
    ///
    /// # Panics
    /// If `index >= self.len()`, like slice indexing.
    pub fn package(&self, index: usize) -> Result<&Arc<Package>, ProviderError> {
        let slot = &self.listing.slots[index];
        slot.get_or_init(|| self.listing.load(index))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// How many of the family's packages have been read so far (all of them
    /// for an eager family).
    pub fn loaded_count(&self) -> usize {
        self.listing.loaded.load(Ordering::Relaxed)
    }

    /// Whether the package at `index` has been read already.
    pub fn is_loaded(&self, index: usize) -> bool {
        self.listing
            .slots
            .get(index)
            .is_some_and(|s| s.get().is_some())
    }
}

impl Listing {
    fn load(&self, index: usize) -> Result<Arc<Package>, ProviderError> {
        let version = &self.versions[index];
        let loader = self.loader.as_ref().ok_or_else(|| ProviderError::Other {
            family: self.name.to_string(),
            message: format!("no package data for version {version}"),
        })?;
        self.loaded.fetch_add(1, Ordering::Relaxed);
        let package = loader.load_at(index, version)?;
        if package.name != self.name || &package.version != version {
            return Err(ProviderError::InvalidPackage {
                package: format!("{}-{version}", self.name),
                origin: package.uri.to_string(),
                field: "name/version",
                value: package.qualified_name(),
                message: "the loader returned another package than the one asked for".into(),
            });
        }
        Ok(Arc::new(package))
    }
}

impl fmt::Debug for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Family")
            .field("name", &self.listing.name)
            .field("versions", &self.len())
            .field("loaded", &self.loaded_count())
            .field("lazy", &self.listing.loader.is_some())
            .field("gated", &self.is_gated())
            .finish()
    }
}

impl PartialEq for Family {
    /// Two families are equal when they have the same name and versions, and
    /// every package loads to the same data (this reads all packages of both).
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
            && self.versions() == other.versions()
            && (0..self.len()).all(|i| match (self.package(i), other.package(i)) {
                (Ok(a), Ok(b)) => a == b,
                (Err(a), Err(b)) => a == b,
                _ => false,
            })
    }
}
