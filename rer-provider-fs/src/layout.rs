//! Finding a family's versions in one repository root, with rez 3.4.0's
//! filesystem repository rules (`rezplugins/package_repository/filesystem.py`,
//! default settings).
//!
//! In a root, a family `foo` is, in this order of precedence:
//! 1. a directory `<root>/foo/` (followed through symlinks). Then:
//!    - if `<root>/foo/package.py` or `package.yaml` is a file, the family is
//!      one *unversioned* package (version `""`), and version directories
//!      beside it are not looked at (`allow_unversioned_packages`);
//!    - otherwise every subdirectory is a version, except names starting
//!      with `.`, a directory `V` next to a file `.ignoreV`, and a directory
//!      `V` next to a `.buildingV` entry when `V` holds no `package.py` /
//!      `package.yaml` (a half-built package). Like rez, a `.building*`
//!      entry that is itself a directory is taken as a version directory.
//!    - A directory whose name is not a valid version makes the whole family
//!      an error, as rez raises `VersionError` for any request that touches
//!      the family.
//! 2. else a file `<root>/foo.py` or `<root>/foo.yaml`: a *combined* family
//!    holding all its versions in one file (`versions`, `version_overrides`).
//! 3. else the root does not have the family.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_repo::ProviderError;
use rer_version::Version;

use crate::combined::CombinedFile;
use crate::evaluate::EvalSetup;
use crate::files::{is_dir, is_file};
use crate::stats::Stats;

/// Where one version of a family is defined.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// `<root>/<family>/<version>/package.{py,yaml}`: the version directory.
    VersionDir(PathBuf),
    /// `<root>/<family>/package.{py,yaml}`: the family directory of an
    /// unversioned package.
    Unversioned(PathBuf),
    /// One version of a combined family file.
    Combined(Arc<CombinedFile>),
}

/// What one root holds of a family: its versions (version directories in
/// order of name, a combined file's versions as written) and the order rez
/// iterates them in.
pub(crate) struct Scanned {
    pub(crate) versions: Vec<(Version, Source)>,
    pub(crate) listed: Listed,
}

/// The order rez's filesystem repository iterates a root's versions in.
pub(crate) enum Listed {
    /// Version directories: positions in [`Scanned::versions`] in the
    /// order `os.listdir` gave the directories (rez puts them through a
    /// Python set).
    Directories(Vec<u32>),
    /// [`Scanned::versions`] as they are (a combined file's `versions`,
    /// an unversioned package).
    AsWritten,
}

impl Source {
    /// Whether `self` and `other` are the same definition.
    pub(crate) fn same_as(&self, other: &Source) -> bool {
        match (self, other) {
            (Source::VersionDir(a), Source::VersionDir(b))
            | (Source::Unversioned(a), Source::Unversioned(b)) => a == b,
            (Source::Combined(a), Source::Combined(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The name of a version directory (empty for other sources).
    pub(crate) fn dir_name(&self) -> &str {
        match self {
            Source::VersionDir(path) => path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default(),
            _ => "",
        }
    }
}

/// The versions root `root` holds of family `name`, or `None` when the
/// root does not have the family. With `allow_unversioned` false (rez's
/// `allow_unversioned_packages = False`) a family directory's own
/// `package.py` is not a package and its version directories are read
/// instead, and a combined file without `versions` holds nothing.
pub(crate) fn scan_root(
    root: &Path,
    name: &str,
    stats: &Stats,
    allow_unversioned: bool,
    eval: &EvalSetup,
) -> Result<Option<Scanned>, ProviderError> {
    let dir = root.join(name);
    if is_dir(&dir) {
        return scan_family_dir(&dir, name, stats, allow_unversioned).map(Some);
    }
    for ext in ["py", "yaml"] {
        let file = root.join(format!("{name}.{ext}"));
        if is_file(&file) {
            let combined = Arc::new(CombinedFile::read(&file, name, stats)?);
            let versions = combined.versions(eval)?;
            let unversioned = matches!(&versions[..], [(v, _)] if *v == Version::default());
            let versions = if unversioned && !allow_unversioned {
                Vec::new()
            } else {
                versions
            };
            return Ok(Some(Scanned {
                versions,
                listed: Listed::AsWritten,
            }));
        }
    }
    Ok(None)
}

/// One directory entry: its name and whether it is a directory / a file,
/// following symlinks.
struct Entry {
    name: OsString,
    dir: bool,
    file: bool,
}

fn list(dir: &Path, stats: &Stats) -> Result<Vec<Entry>, ProviderError> {
    stats.dir_listed();
    let read = fs::read_dir(dir).map_err(|e| ProviderError::io(dir, &e))?;
    let mut entries = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| ProviderError::io(dir, &e))?;
        let kind = entry
            .file_type()
            .map_err(|e| ProviderError::io(entry.path(), &e))?;
        // A link that dangles, loops or may not be followed is neither, as
        // for `os.path.isdir`.
        let (is_dir, is_file) = if kind.is_symlink() {
            match fs::metadata(entry.path()) {
                Ok(meta) => (meta.is_dir(), meta.is_file()),
                Err(_) => (false, false),
            }
        } else {
            (kind.is_dir(), kind.is_file())
        };
        entries.push(Entry {
            name: entry.file_name(),
            dir: is_dir,
            file: is_file,
        });
    }
    Ok(entries)
}

/// The versions of the family directory `dir`.
fn scan_family_dir(
    dir: &Path,
    family: &str,
    stats: &Stats,
    allow_unversioned: bool,
) -> Result<Scanned, ProviderError> {
    let entries = list(dir, stats)?;
    let is_definition = |e: &&Entry| e.file && (e.name == "package.py" || e.name == "package.yaml");
    if allow_unversioned && entries.iter().any(|e| is_definition(&e)) {
        return Ok(Scanned {
            versions: vec![(Version::default(), Source::Unversioned(dir.to_path_buf()))],
            listed: Listed::AsWritten,
        });
    }
    let ignore_files: HashSet<&OsString> =
        entries.iter().filter(|e| e.file).map(|e| &e.name).collect();
    let ignored = |name: &str| ignore_files.contains(&OsString::from(format!(".ignore{name}")));
    // Sorted by name, so that errors and duplicates are reported the same way
    // on every run whatever order the directory lists in.
    let mut dirs: BTreeMap<String, ()> = BTreeMap::new();
    // rez's `dirs_set.add(name)` calls, in listing order
    let mut listed: Vec<&str> = Vec::new();
    let mut building: Vec<String> = Vec::new();
    for entry in &entries {
        if entry.name.as_encoded_bytes().starts_with(b".") && entry.name.to_str().is_none() {
            // Hidden, whatever its name holds: rez skips it.
            continue;
        }
        let Some(name) = entry.name.to_str() else {
            if entry.dir {
                return Err(invalid_version(
                    dir,
                    family,
                    &entry.name.to_string_lossy(),
                    "the name is not UTF-8",
                ));
            }
            continue;
        };
        if name.starts_with('.') {
            let Some(version) = name.strip_prefix(".building") else {
                continue;
            };
            building.push(version.to_string());
        }
        if entry.dir && !ignored(name) {
            dirs.insert(name.to_string(), ());
            listed.push(name);
        }
    }
    for version in building {
        if dirs.contains_key(&version) {
            let path = dir.join(&version);
            if !(is_file(&path.join("package.py")) || is_file(&path.join("package.yaml"))) {
                dirs.remove(&version);
            }
        }
    }
    let mut versions: Vec<(Version, Source)> = Vec::with_capacity(dirs.len());
    let mut names: Vec<String> = Vec::with_capacity(dirs.len());
    for name in dirs.into_keys() {
        let version = Version::parse(&name)
            .map_err(|e| invalid_version(dir, family, &name, &e.to_string()))?;
        versions.push((version, Source::VersionDir(dir.join(&name))));
        names.push(name);
    }
    let order = listed
        .iter()
        .filter_map(|name| {
            names
                .binary_search_by(|n| n.as_str().cmp(name))
                .ok()
                .map(|i| i as u32)
        })
        .collect();
    Ok(Scanned {
        versions,
        listed: Listed::Directories(order),
    })
}

fn invalid_version(dir: &Path, family: &str, name: &str, message: &str) -> ProviderError {
    ProviderError::InvalidPackage {
        package: family.to_string(),
        origin: dir.join(name).display().to_string(),
        field: "version",
        value: name.to_string(),
        message: format!(
            "the version directory's name is not a valid version ({message}); rez fails every request that touches the family"
        ),
    }
}
