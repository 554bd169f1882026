//! One package: one version of one family, with its requirements.

use std::sync::Arc;

use rer_version::{Requirement, Version};

use crate::{PackageLocation, ProviderError};

/// One version of one package family, as a repository defines it.
///
/// This is the data the solver reads: nothing about how the package builds or
/// what its environment is. It is immutable once made and shared behind
/// [`Arc`] by [`Family`](crate::Family).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The family name, e.g. `maya`.
    pub name: Arc<str>,
    /// The package's version.
    pub version: Version,
    /// Requirements every variant shares (rez's `requires`).
    pub requires: Vec<Requirement>,
    /// The variants, each a list of requirements added to `requires`.
    /// Empty when the package has no variants: it then has one implicit
    /// variant with no index (rez prints it as `[]`).
    pub variants: Vec<Vec<Requirement>>,
    /// Release time in seconds since the epoch, when the package records one.
    pub timestamp: Option<i64>,
    /// rez's `build_requires`: added to every variant's requirements when a
    /// solve is for a build (rez's `building`). rez checks this field only
    /// when a build solve reads it, so a definition that is wrong here is
    /// kept as the error that reading it gives, not refused at load.
    pub build_requires: Result<Vec<Requirement>, ProviderError>,
    /// rez's `private_build_requires`, kept like `build_requires`. rez's
    /// solver never adds these (its `rez-build` puts them in the request of
    /// the package being built), and neither does rer's.
    pub private_build_requires: Result<Vec<Requirement>, ProviderError>,
    /// Where the package came from, in rez's style: the definition file's
    /// path for filesystem repositories (`<root>/<family>/<version>/package.py`),
    /// or any label the provider chooses.
    pub uri: Arc<str>,
    /// Where the package's payload lies, for a package in a filesystem
    /// repository (rez's `package.base`, from which each variant's `root`
    /// follows); `None` where rez's `root` is `None` (packages not on disk,
    /// combined packages).
    pub location: Option<Arc<PackageLocation>>,
}

impl Package {
    /// A package with no requirements (build requirements included), no
    /// variants, no timestamp and the uri `name/version`: a starting point
    /// for packages built in code.
    pub fn new(name: impl Into<Arc<str>>, version: Version) -> Self {
        let name = name.into();
        let uri = format!("{name}/{version}").into();
        Package {
            name,
            version,
            requires: Vec::new(),
            variants: Vec::new(),
            timestamp: None,
            build_requires: Ok(Vec::new()),
            private_build_requires: Ok(Vec::new()),
            uri,
            location: None,
        }
    }

    /// The number of variants the solver sees: `variants.len()`, or 1 for a
    /// package without variants.
    pub fn variant_count(&self) -> usize {
        self.variants.len().max(1)
    }

    /// The requirements of variant `index` as rez lists them: the package's
    /// `requires` followed by the variant's own. For a package without
    /// variants, index 0 gives `requires` alone.
    ///
    /// Returns `None` when `index` is not a variant of this package.
    pub fn variant_requires(&self, index: usize) -> Option<impl Iterator<Item = &Requirement>> {
        let own: &[Requirement] = if self.variants.is_empty() {
            if index != 0 {
                return None;
            }
            &[]
        } else {
            self.variants.get(index)?
        };
        Some(self.requires.iter().chain(own.iter()))
    }

    /// The root directory of variant `index` (`None` for a package without
    /// variants), rez's `variant.root`: see
    /// [`PackageLocation::variant_root`]. `None` when the package has no
    /// location, or `index` is not one of its variants.
    pub fn variant_root(&self, index: Option<usize>) -> Option<String> {
        let location = self.location.as_ref()?;
        let own: &[Requirement] = match index {
            Some(i) => self.variants.get(i)?,
            None => &[],
        };
        Some(location.variant_root(index, own))
    }

    /// `family-version`, the way rez names a package in messages.
    pub fn qualified_name(&self) -> String {
        format!("{}-{}", self.name, self.version)
    }
}
