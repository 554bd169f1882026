//! What one process knows of one family in one root: the record it found,
//! what it read afresh, and the loader that answers from either.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

use rer_provider_fs::FsProvider;
use rer_repo::{Family, FamilyProvider, Package, PackageLoader, ProviderError};
use rer_version::Version;

use crate::convert;
use crate::counters::Counters;
use crate::listing::Layout;
use crate::probe::{Probed, path_bytes};
use crate::record::{FamilyRecord, ListingRecord, PackageRecord};

/// A family listing as a provider answers it.
pub(crate) type Listed = Result<Option<Arc<Family>>, ProviderError>;

/// The shared context of every family of one [`Indexed`](crate::Indexed).
pub(crate) struct Context {
    /// The caller's provider over every root: for packages the static reader
    /// refuses (its evaluator reads them) and nothing else.
    pub(crate) inner: Arc<FsProvider>,
    pub(crate) counters: Arc<Counters>,
    pub(crate) racy_margin: std::time::Duration,
}

/// One root of an index: the root, a plain provider over it alone (no
/// evaluator: what it reads statically is what may be recorded), and the
/// directory of its records.
pub(crate) struct RootIndex {
    pub(crate) root: PathBuf,
    pub(crate) plain: FsProvider,
    pub(crate) records: PathBuf,
}

/// A family in one root, in this process.
pub(crate) struct RootState {
    pub(crate) record_path: PathBuf,
    pub(crate) root: Vec<u8>,
    /// The listing to write back: the valid one found, or the one read now
    /// when it could be recorded.
    pub(crate) listing: Option<ListingRecord>,
    pub(crate) layout: Layout,
    /// The root's plain family, listed on the first package the record
    /// cannot answer (or already, when the listing was read now).
    pub(crate) plain: OnceLock<Listed>,
    /// Package records found in the file, by version text, checked on use.
    pub(crate) found: HashMap<String, PackageRecord>,
    /// Packages read now and recordable, and versions found stale.
    pub(crate) fresh: Mutex<Fresh>,
    pub(crate) dirty: AtomicBool,
}

/// What a solve learnt of one root's family.
#[derive(Default)]
pub(crate) struct Fresh {
    pub(crate) packages: Vec<PackageRecord>,
    pub(crate) stale: Vec<String>,
}

/// One family across the roots, in this process.
pub(crate) struct FamilyState {
    pub(crate) name: Arc<str>,
    pub(crate) roots: Vec<RootState>,
    /// The caller's provider's family, for packages to evaluate.
    pub(crate) evaluated: OnceLock<Listed>,
}

impl RootState {
    /// The record to write back, or `None` when nothing new was learnt.
    pub(crate) fn record(&self, family: &str) -> Option<FamilyRecord> {
        if !self.dirty.load(Ordering::Relaxed) {
            return None;
        }
        let fresh = self.fresh.lock().unwrap_or_else(PoisonError::into_inner);
        let listed: Option<Vec<&str>> = self
            .listing
            .as_ref()
            .and_then(|l| l.versions.as_ref())
            .map(|v| v.iter().map(String::as_str).collect());
        let keep = |v: &str| listed.as_ref().is_none_or(|l| l.contains(&v));
        let mut packages: Vec<PackageRecord> = fresh.packages.clone();
        for (version, found) in &self.found {
            let replaced = packages.iter().any(|p| &p.version == version);
            if !replaced && !fresh.stale.contains(version) {
                packages.push(found.clone());
            }
        }
        packages.retain(|p| keep(&p.version));
        packages.sort_by(|a, b| a.version.cmp(&b.version));
        Some(FamilyRecord {
            root: self.root.clone(),
            family: family.to_string(),
            listing: self.listing.clone(),
            packages,
        })
    }
}

/// The [`PackageLoader`] of an indexed family: a package from its record
/// when the record still holds, else from its root's files.
pub(crate) struct IndexedLoader {
    pub(crate) context: Arc<Context>,
    pub(crate) roots: Arc<[RootIndex]>,
    pub(crate) state: Arc<FamilyState>,
    /// Each listed version and the root it comes from, sorted.
    pub(crate) winners: Vec<(Version, usize)>,
}

impl PackageLoader for IndexedLoader {
    fn load(&self, version: &Version) -> Result<Package, ProviderError> {
        let Ok(at) = self.winners.binary_search_by(|(v, _)| v.cmp(version)) else {
            return Err(ProviderError::Other {
                family: self.state.name.to_string(),
                message: format!("version {version} was not listed"),
            });
        };
        let r = self.winners[at].1;
        let root_state = &self.state.roots[r];
        let text = version.as_str();
        if let Some(found) = root_state.found.get(text) {
            if found.holds() {
                if let Some(package) = convert::to_package(&self.state.name, version, &found.data) {
                    self.context.counters.package_reused();
                    return Ok(package);
                }
            }
            let mut fresh = root_state
                .fresh
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            fresh.stale.push(text.to_string());
            root_state.dirty.store(true, Ordering::Relaxed);
        }
        self.read(r, version)
    }
}

impl IndexedLoader {
    /// Reads `version` from root `r`'s files, recording it when it can be.
    fn read(&self, r: usize, version: &Version) -> Result<Package, ProviderError> {
        let root_state = &self.state.roots[r];
        let index = &self.roots[r];
        let family = root_state
            .plain
            .get_or_init(|| index.plain.family(&self.state.name))
            .clone()?;
        let Some(family) = family else {
            return self.evaluated(version);
        };
        let Some(position) = family.position(version) else {
            return self.evaluated(version);
        };
        let probes = (root_state.layout == Layout::Dir)
            .then(|| probes_before(&index.root, &self.state.name, version))
            .flatten();
        self.context.counters.package_read();
        let package = match family.package(position) {
            Ok(package) => package,
            Err(ProviderError::NeedsEvaluation { .. } | ProviderError::RequestDependent { .. }) => {
                return self.evaluated(version);
            }
            Err(other) => return Err(other),
        };
        if let Some(probes) = probes {
            self.record(root_state, version, package, probes);
        }
        Ok(Package::clone(package))
    }

    /// Keeps `package`, read in the state `probes` describe, if it can be
    /// recorded exactly and its files' stamps are old enough to vouch for.
    fn record(
        &self,
        root_state: &RootState,
        version: &Version,
        package: &Package,
        probes: Vec<ProbeBefore>,
    ) {
        let definition = Path::new(&*package.uri);
        let now = SystemTime::now();
        let dir = definition.parent().map(path_bytes);
        let uri = path_bytes(definition);
        // The directory's stamps matter only for old-release files that
        // may appear: rez reads them for a definition without a timestamp.
        let dir_matters = package.timestamp.is_none();
        let kept: Vec<Probed> = probes
            .into_iter()
            .filter(|p| {
                p.keep
                    || p.probed.path == uri
                    || (dir_matters && Some(&p.probed.path) == dir.as_ref())
            })
            .map(|p| p.probed)
            .collect();
        let covered = kept.iter().any(|p| p.path == uri)
            && (!dir_matters || kept.iter().any(|p| Some(&p.path) == dir.as_ref()));
        if !covered
            || kept
                .iter()
                .any(|p| p.probe.is_racy(now, self.context.racy_margin))
        {
            return;
        }
        let Some(data) = convert::to_data(package) else {
            return;
        };
        let mut fresh = root_state
            .fresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        fresh.packages.push(PackageRecord {
            version: version.as_str().to_string(),
            probes: kept,
            data,
        });
        root_state.dirty.store(true, Ordering::Relaxed);
    }

    /// The package from the caller's provider (which evaluates what the
    /// static reader refuses); never recorded.
    fn evaluated(&self, version: &Version) -> Result<Package, ProviderError> {
        let family = self
            .state
            .evaluated
            .get_or_init(|| self.context.inner.family(&self.state.name))
            .clone()?;
        let missing = || ProviderError::Other {
            family: self.state.name.to_string(),
            message: format!("version {version} was not listed"),
        };
        let family = family.ok_or_else(missing)?;
        let position = family.position(version).ok_or_else(missing)?;
        family.package(position).map(|p| Package::clone(p))
    }
}

/// A probe taken before a read, and whether it is kept whatever the read
/// found (the old-release files, when present).
pub(crate) struct ProbeBefore {
    probed: Probed,
    keep: bool,
}

/// The paths a package of a family directory may be read from, probed
/// before reading it: its directory (whose stamps cover old-release files
/// appearing, kept for a package without a timestamp, the only kind rez
/// reads them for), `package.py` (always kept: it is the definition, or
/// its absence chose the other), `package.yaml` (kept when it is the
/// definition), and `release.yaml`, `.metadata` and
/// `.metadata/release_time.txt` when they are there (an edit inside them
/// changes no directory stamp).
fn probes_before(root: &Path, family: &str, version: &Version) -> Option<Vec<ProbeBefore>> {
    let dir = if version.is_empty() {
        root.join(family)
    } else {
        root.join(family).join(version.as_str())
    };
    let mut probes = Vec::with_capacity(3);
    let mut take = |path: &Path, keep: bool| -> Option<()> {
        probes.push(ProbeBefore {
            probed: Probed::take(path)?,
            keep,
        });
        Some(())
    };
    take(&dir, false)?;
    let py = dir.join("package.py");
    take(&py, false)?;
    let yaml = dir.join("package.yaml");
    if fs::symlink_metadata(&yaml).is_ok() {
        take(&yaml, false)?;
    }
    for extra in ["release.yaml", ".metadata", ".metadata/release_time.txt"] {
        let path = dir.join(extra);
        if fs::symlink_metadata(&path).is_ok() {
            take(&path, true)?;
        }
    }
    // `package.py` counts whenever the definition is another file: its
    // absence (or not being a file) is what chose that file.
    if let Some(p) = probes.get_mut(1) {
        p.keep = true;
    }
    Some(probes)
}
