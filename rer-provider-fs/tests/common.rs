//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_repo::{Family, FamilyProvider, Package, ProviderError};
use serde::Deserialize;

/// What rez 3.4.0 made of a recorded case: the packages it loaded (`P`:
/// the fields recorded), or the error it raised (its type and message kept
/// for people reading the data).
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum RezOutcome<P> {
    Packages { packages: Vec<P> },
    Error { error: String, message: String },
}

/// Writes `files` (relative path, contents; `None` for a directory) under `root`.
pub fn write_tree(root: &Path, files: &[(&str, Option<&[u8]>)]) {
    for (path, contents) in files {
        let full = root.join(path);
        match contents {
            None => std::fs::create_dir_all(&full).unwrap(),
            Some(bytes) => {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, bytes).unwrap();
            }
        }
    }
}

/// A temporary repository holding `files`.
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(&str, Option<&[u8]>)> = files
        .iter()
        .map(|(p, c)| (*p, Some(c.as_bytes())))
        .collect();
    write_tree(dir.path(), &files);
    dir
}

/// The canonical form of a temporary directory (as rez prints it).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap()
}

/// Every package of a family, read.
pub fn packages(family: &Family) -> Result<Vec<Arc<Package>>, ProviderError> {
    (0..family.len())
        .map(|i| family.package(i).cloned())
        .collect()
}

/// The family `name`, which must exist.
pub fn family(provider: &impl FamilyProvider, name: &str) -> Arc<Family> {
    provider
        .family(name)
        .unwrap()
        .unwrap_or_else(|| panic!("no family {name}"))
}

/// The strings of a package's requirements: `requires`, then each variant.
pub fn requirement_strings(package: &Package) -> (Vec<String>, Vec<Vec<String>>) {
    (
        package.requires.iter().map(ToString::to_string).collect(),
        package
            .variants
            .iter()
            .map(|v| v.iter().map(ToString::to_string).collect())
            .collect(),
    )
}
