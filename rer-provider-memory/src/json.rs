//! Reading the `packages.json` format.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rer_repo::{Family, Package, ProviderError};
use rer_version::{Requirement, Version};
use serde::Deserialize;

use crate::MemoryProvider;

/// Why a `packages.json` document could not become a [`MemoryProvider`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The file could not be read.
    #[error(transparent)]
    Io(ProviderError),
    /// The text is not a `{"families": {...}}` document of the right shape.
    #[error("{origin}: not a packages.json document: {source}")]
    Syntax {
        /// The document's name.
        origin: String,
        /// serde_json's account, with line and column.
        source: serde_json::Error,
    },
    /// A package in the document is invalid (bad version or requirement,
    /// a name that differs from its family, a duplicate version).
    #[error(transparent)]
    Package(ProviderError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    families: HashMap<String, Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    name: Option<String>,
    version: String,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    variants: Vec<Vec<String>>,
    #[serde(default)]
    timestamp: Option<i64>,
    #[serde(default)]
    build_requires: Vec<String>,
    #[serde(default)]
    private_build_requires: Vec<String>,
}

pub(crate) fn parse(text: &str, origin: &str) -> Result<MemoryProvider, JsonError> {
    let document: Document = serde_json::from_str(text).map_err(|source| JsonError::Syntax {
        origin: origin.to_string(),
        source,
    })?;
    let families: Vec<Family> = document
        .families
        .into_par_iter()
        .map(|(name, entries)| build_family(name, entries, origin))
        .collect::<Result<_, _>>()
        .map_err(JsonError::Package)?;
    let mut provider = MemoryProvider::new();
    for family in families {
        provider.insert_family(family);
    }
    Ok(provider)
}

fn build_family(name: String, entries: Vec<Entry>, origin: &str) -> Result<Family, ProviderError> {
    let name: Arc<str> = name.into();
    let packages = entries
        .into_iter()
        .map(|entry| build_package(&name, entry, origin))
        .collect::<Result<Vec<_>, _>>()?;
    Family::eager_listed(name, packages)
}

fn build_package(family: &Arc<str>, entry: Entry, origin: &str) -> Result<Package, ProviderError> {
    let invalid =
        |field: &'static str, value: &str, message: String| ProviderError::InvalidPackage {
            package: format!("{family}-{}", entry.version),
            origin: origin.to_string(),
            field,
            value: value.to_string(),
            message,
        };
    if let Some(name) = &entry.name {
        if name.as_str() != &**family {
            return Err(invalid(
                "name",
                name,
                format!("listed under family {family:?}"),
            ));
        }
    }
    let version: Version = entry
        .version
        .parse()
        .map_err(|e| invalid("version", &entry.version, format!("{e}")))?;
    let requirement = |field: &'static str, text: &String| {
        text.parse::<Requirement>()
            .map_err(|e| invalid(field, text, format!("{e}")))
    };
    let requires = entry
        .requires
        .iter()
        .map(|r| requirement("requires", r))
        .collect::<Result<Vec<_>, _>>()?;
    let variants = entry
        .variants
        .iter()
        .map(|v| v.iter().map(|r| requirement("variants", r)).collect())
        .collect::<Result<Vec<Vec<_>>, _>>()?;
    // like rez, a bad build requirement is an error only for a build solve
    let build_list = |field: &'static str, texts: &[String]| {
        texts
            .iter()
            .map(|r| requirement(field, r))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Package {
        uri: format!("{origin}:{family}/{version}").into(),
        name: Arc::clone(family),
        version,
        requires,
        variants,
        timestamp: entry.timestamp,
        build_requires: build_list("build_requires", &entry.build_requires),
        private_build_requires: build_list("private_build_requires", &entry.private_build_requires),
        location: None,
    })
}
