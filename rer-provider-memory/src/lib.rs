//! An eager [`FamilyProvider`]: every package is known, parsed and validated
//! when the provider is built.
//!
//! Build a [`MemoryProvider`] from [`Package`]s made in code, or from a JSON
//! document in the format of rez's benchmark `packages.json`:
//!
//! ```json
//! {"families": {"foo": [{"name": "foo", "version": "1.0",
//!                         "requires": ["bar-2+"], "variants": [["python-3"]],
//!                         "timestamp": 0}]}}
//! ```
//!
//! `name` may be left out (the family key is used), as may `requires`,
//! `variants`, `timestamp`, `build_requires` and `private_build_requires`.
//! Every version and requirement string is parsed while building; the first
//! bad one is an error naming the package and the string, except in the two
//! build fields: as in rez, a bad build requirement is kept as its error and
//! raised only by a build solve ([`Package::build_requires`]). Versions
//! within a family may come in any order.

mod json;
mod text;

use std::collections::HashMap;
use std::sync::Arc;

use rer_repo::{Derived, Family, FamilyProvider, Package, ProviderError};

pub use json::JsonError;
pub use text::{TextError, TextRepo};

/// Packages held in memory, all validated up front.
///
/// Looking a family up is a hash-map lookup; nothing is ever read lazily.
/// Cheap to share: wrap it in an [`Arc`] to serve many solves at once.
#[derive(Debug, Default)]
pub struct MemoryProvider {
    families: HashMap<Arc<str>, Arc<Family>>,
    derived: Derived,
}

impl MemoryProvider {
    /// An empty provider: every family is unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// A provider holding `packages`, grouped into families by name.
    ///
    /// # Errors
    /// [`ProviderError::DuplicateVersion`] when two packages of one family
    /// share a version.
    pub fn from_packages(
        packages: impl IntoIterator<Item = Package>,
    ) -> Result<Self, ProviderError> {
        let mut grouped: HashMap<Arc<str>, Vec<Package>> = HashMap::new();
        for package in packages {
            grouped
                .entry(Arc::clone(&package.name))
                .or_default()
                .push(package);
        }
        let mut families = HashMap::with_capacity(grouped.len());
        for (name, packages) in grouped {
            let family = Family::eager_listed(Arc::clone(&name), packages)?;
            families.insert(name, Arc::new(family));
        }
        Ok(MemoryProvider {
            families,
            derived: Derived::new(),
        })
    }

    /// A provider from a JSON document in the `packages.json` format.
    ///
    /// `origin` names the document in package uris and error messages (a
    /// file path, say): a package's uri is `<origin>:<family>/<version>`.
    ///
    /// # Errors
    /// [`JsonError`] when the text is not such a document, or when a package
    /// in it is invalid (naming the package and the offending string).
    pub fn from_json_str(text: &str, origin: &str) -> Result<Self, JsonError> {
        json::parse(text, origin)
    }

    /// A repository in the text format (see [`TextRepo`] and the format's
    /// description in the `text` module: `name version[: requires][| variant]...`
    /// one package a line), with its `key: words` lines kept aside.
    ///
    /// # Errors
    /// [`TextError`] naming the line of the first bad package line, or two
    /// lines defining one package.
    pub fn from_text(text: &str, origin: &str) -> Result<TextRepo, TextError> {
        text::parse(text, origin)
    }

    /// A provider from a `packages.json` file.
    ///
    /// # Errors
    /// [`JsonError::Io`] when the file cannot be read, else as
    /// [`MemoryProvider::from_json_str`].
    pub fn from_json_file(path: impl AsRef<std::path::Path>) -> Result<Self, JsonError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| JsonError::Io(ProviderError::io(path, &e)))?;
        json::parse(&text, &path.display().to_string())
    }

    /// Adds one family, replacing any family of the same name.
    pub fn insert_family(&mut self, family: Family) {
        self.families
            .insert(Arc::clone(family.shared_name()), Arc::new(family));
    }

    /// The number of families held.
    pub fn family_count(&self) -> usize {
        self.families.len()
    }

    /// The number of packages held, over all families.
    pub fn package_count(&self) -> usize {
        self.families.values().map(|f| f.len()).sum()
    }

    /// The family names held, in no particular order.
    pub fn family_names(&self) -> impl Iterator<Item = &str> {
        self.families.keys().map(|k| &**k)
    }
}

impl FamilyProvider for MemoryProvider {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        Ok(self.families.get(name).cloned())
    }

    /// The provider's own store: it answers the same family object for a
    /// name every time, so solvers made one after another over it share
    /// what they learn of its packages.
    fn derived(&self) -> Option<&Derived> {
        Some(&self.derived)
    }
}
