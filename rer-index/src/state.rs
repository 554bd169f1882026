//! What one process knows of one family in one root: the record it found,
//! what it read afresh, and the loader that answers from either.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

use rer_provider_fs::FsProvider;
use rer_repo::{Family, FamilyProvider, Package, PackageLoader, ProviderError};
use rer_version::{Requirement, Version};

use crate::base::{Base, BaseCell};
use crate::convert::{self, PackageData};
use crate::counters::Counters;
use crate::listing::Layout;
use crate::probe::{Kind, Probe, path_bytes};
use crate::record::{self, Listing, OwnedListing, PackageOut, Spot, SpotPaths, StoredRecord};

/// A family listing as a provider answers it.
pub(crate) type Listed = Result<Option<Arc<Family>>, ProviderError>;

/// The shared context of every family of one [`Indexed`](crate::Indexed).
pub(crate) struct Context {
    /// The caller's provider over every root: for what the static reader
    /// refuses (its evaluator reads it) and for the warnings of what is
    /// listed, nothing else.
    pub(crate) inner: Arc<FsProvider>,
    pub(crate) counters: Arc<Counters>,
    pub(crate) racy_margin: std::time::Duration,
    /// How many threads check a kept resolve's reads.
    pub(crate) check_threads: usize,
    /// What the requirement texts of packages recorded so far read back to.
    pub(crate) exact: convert::ExactTexts,
    /// What vouches for each read, kept when the caller asked for it
    /// ([`Indexed::keep_reads`](crate::Indexed::keep_reads)).
    pub(crate) reads: crate::reads::Tracer,
}

/// One root of an index: the root, the handle its probes are taken from,
/// a plain provider over it alone (no evaluator: what it reads statically
/// is what may be recorded), and the directory of its records.
pub(crate) struct RootIndex {
    pub(crate) root: PathBuf,
    pub(crate) base: BaseCell,
    pub(crate) plain: FsProvider,
    pub(crate) records: PathBuf,
}

/// Which listing a root's record is written back with.
pub(crate) enum ListingToWrite {
    /// None: the root's listing could not be recorded.
    Nothing,
    /// The stored record's, which still held.
    Stored,
    /// The one read now.
    Fresh(OwnedListing),
}

/// A family in one root, in this process.
pub(crate) struct RootState {
    pub(crate) record_path: PathBuf,
    /// The root as it was when the family was asked for: every probe of
    /// the family's listing and packages is taken below it.
    pub(crate) base: Arc<Base>,
    /// The valid record file found, if any; its packages are decoded one
    /// at a time, as they are asked for.
    pub(crate) stored: Option<StoredRecord>,
    /// The stored record's requirements, each parsed on first use.
    pub(crate) parsed: OnceLock<Box<[OnceLock<Option<Requirement>>]>>,
    /// The listing to write back.
    pub(crate) listing: ListingToWrite,
    pub(crate) layout: Layout,
    /// The root's plain family, listed on the first package the record
    /// cannot answer (or already, when the listing was read now).
    pub(crate) plain: OnceLock<Listed>,
    /// Packages read now and recordable, and versions found stale.
    pub(crate) fresh: Mutex<Fresh>,
    pub(crate) dirty: AtomicBool,
    /// The packages loaded from this root and the states of the files
    /// that vouch for each, when reads are kept.
    pub(crate) used: Mutex<Vec<UsedPackage>>,
}

/// A package a solve loaded, and the states of its files that vouch for
/// what was loaded (those of its record, or those taken before it was
/// read and recorded).
#[derive(Debug, Clone)]
pub(crate) struct UsedPackage {
    pub(crate) version: Box<str>,
    pub(crate) probes: Vec<(Spot, Probe)>,
}

/// A package read now, to be recorded.
pub(crate) struct FreshPackage {
    pub(crate) version: String,
    pub(crate) probes: Vec<(Spot, Probe)>,
    pub(crate) data: PackageData,
}

/// What a solve learnt of one root's family.
#[derive(Default)]
pub(crate) struct Fresh {
    pub(crate) packages: Vec<FreshPackage>,
    pub(crate) stale: Vec<String>,
}

/// One family across the roots, in this process.
pub(crate) struct FamilyState {
    pub(crate) name: Arc<str>,
    pub(crate) roots: Vec<RootState>,
    /// The caller's provider's family, for packages to evaluate.
    pub(crate) evaluated: OnceLock<Listed>,
}

impl FamilyState {
    /// Whether a root's record has something not yet written.
    pub(crate) fn is_dirty(&self) -> bool {
        self.roots.iter().any(|r| r.dirty.load(Ordering::Relaxed))
    }
}

impl RootState {
    /// The record file to write back for `family` in `root`, or `None`
    /// when nothing new was learnt.
    pub(crate) fn record_bytes(&self, root: &Path, family: &str) -> Option<Vec<u8>> {
        if !self.dirty.load(Ordering::Relaxed) {
            return None;
        }
        let fresh = self.fresh.lock().unwrap_or_else(PoisonError::into_inner);
        let head = match (&self.listing, &self.stored) {
            (ListingToWrite::Stored, Some(stored)) => Some(stored.head()?),
            _ => None,
        };
        let listing: Option<Listing<'_>> = match &self.listing {
            ListingToWrite::Nothing => None,
            ListingToWrite::Stored => head.and_then(|h| h.listing),
            ListingToWrite::Fresh(listing) => Some(listing.view()),
        };
        let listed: Option<HashSet<&str>> = listing
            .as_ref()
            .and_then(|l| l.versions.as_ref())
            .map(|v| v.iter().map(|(text, _)| *text).collect());
        let root_text = root.to_str();
        let mut packages: Vec<PackageOut<'_>> = fresh
            .packages
            .iter()
            .map(|p| p.data.out(&p.version, &p.probes, root_text))
            .collect();
        if let Some(stored) = &self.stored {
            let skip: HashSet<&str> = packages
                .iter()
                .map(|p| p.version)
                .chain(fresh.stale.iter().map(String::as_str))
                .collect();
            for at in 0..stored.len() {
                if stored.version(at).is_none_or(|v| skip.contains(v)) {
                    continue;
                }
                if let Some(out) = stored.package_out(at) {
                    packages.push(out);
                }
            }
        }
        packages.retain(|p| listed.as_ref().is_none_or(|l| l.contains(p.version)));
        packages.sort_by(|a, b| a.version.cmp(b.version));
        packages.dedup_by(|a, b| a.version == b.version);
        record::encode(&path_bytes(root), family, listing, &mut packages)
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
    /// Without the search: the family's positions are the winners'.
    fn load_at(&self, position: usize, version: &Version) -> Result<Package, ProviderError> {
        match self.winners.get(position) {
            Some((v, _)) if v == version => self.load_winner(position, version),
            _ => self.load(version),
        }
    }

    fn load(&self, version: &Version) -> Result<Package, ProviderError> {
        let Ok(at) = self.winners.binary_search_by(|(v, _)| v.cmp(version)) else {
            self.context.reads.unvouched();
            return Err(ProviderError::Other {
                family: self.state.name.to_string(),
                message: format!("version {version} was not listed"),
            });
        };
        self.load_winner(at, version)
    }
}

impl IndexedLoader {
    /// The package of winner `at`, whose version is `version`.
    fn load_winner(&self, at: usize, version: &Version) -> Result<Package, ProviderError> {
        let r = self.winners[at].1;
        let root_state = &self.state.roots[r];
        let text = version.as_str();
        if let Some(stored) = &root_state.stored {
            if let Some(at) = stored.find(text) {
                if let Some(package) = self.recorded(r, stored, at, version) {
                    self.context.counters.package_reused();
                    return Ok(package);
                }
                let mut fresh = root_state
                    .fresh
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                fresh.stale.push(text.to_string());
                root_state.dirty.store(true, Ordering::Relaxed);
            }
        }
        self.read(r, version)
    }

    /// Package `at` of root `r`'s stored record, when every file it was
    /// read from is still in its recorded state.
    fn recorded(
        &self,
        r: usize,
        stored: &StoredRecord,
        at: usize,
        version: &Version,
    ) -> Option<Package> {
        let root = &self.roots[r].root;
        let body = stored.body(at)?;
        let base = &self.state.roots[r].base;
        let mut paths = SpotPaths::new(&self.state.name, version.as_str());
        let holds = body
            .probes
            .iter()
            .all(|(spot, probe)| probe.holds(base, paths.get(*spot)));
        if !holds {
            return None;
        }
        let parsed = self.state.roots[r].parsed.get_or_init(|| {
            (0..stored.requirement_count())
                .map(|_| OnceLock::new())
                .collect()
        });
        let requirement = |i: u32| -> Option<Requirement> {
            parsed
                .get(i as usize)?
                .get_or_init(|| Requirement::parse_request(stored.requirement(i as usize)?).ok())
                .clone()
        };
        let package = convert::from_body(&self.state.name, version, &body, root, requirement)?;
        self.context
            .reads
            .used(&self.state.roots[r], version.as_str(), &body.probes);
        Some(package)
    }

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
        // Whatever is not recorded below cannot be vouched for by `stat`s.
        let mut vouched = false;
        let probes = (root_state.layout == Layout::Dir)
            .then(|| probes_before(&root_state.base, &self.state.name, version))
            .flatten();
        self.context.counters.package_read();
        let package = match family.package(position) {
            Ok(package) => package,
            Err(ProviderError::NeedsEvaluation { .. } | ProviderError::RequestDependent { .. }) => {
                return self.evaluated(version);
            }
            Err(other) => {
                self.context.reads.unvouched();
                return Err(other);
            }
        };
        if let Some(probes) = probes {
            vouched = self.record(root_state, version, package, probes);
        }
        if !vouched {
            self.context.reads.unvouched();
        }
        Ok(Package::clone(package))
    }

    /// Keeps `package`, read in the state `probes` describe, if it can be
    /// recorded exactly and its files' stamps are old enough to vouch for;
    /// whether it was.
    fn record(
        &self,
        root_state: &RootState,
        version: &Version,
        package: &Package,
        probes: Vec<ProbeBefore>,
    ) -> bool {
        let Some(definition) = definition_spot(
            root_state.base.root(),
            &self.state.name,
            version.as_str(),
            &package.uri,
        ) else {
            // A definition outside the version directory: nothing probed
            // covers it.
            return false;
        };
        let now = SystemTime::now();
        // The directory's stamps matter for old-release files that may
        // appear (rez reads them for a definition without a timestamp: a
        // timestamp that came from `.metadata` is one, and a `release.yaml`
        // created beside it takes over; so whenever one is there), and
        // for a hashed-variant package, whose roots name the `_v/` shortlinks
        // found when it was read: the directory's stamps cover `_v`
        // appearing or going, `_v`'s own a link added, removed or replaced.
        let hashed = package
            .location
            .as_ref()
            .is_some_and(|l| l.variant_subpaths.is_some());
        let old_release = probes
            .iter()
            .any(|p| matches!(p.spot, Spot::ReleaseYaml | Spot::Metadata));
        let dir_matters = package.timestamp.is_none() || old_release || hashed;
        let kept: Vec<&ProbeBefore> = probes
            .iter()
            .filter(|p| {
                p.keep
                    || p.spot == definition
                    || (dir_matters && p.spot == Spot::Dir)
                    || (hashed && p.spot == Spot::Shortlinks)
            })
            .collect();
        let covered = kept.iter().any(|p| p.spot == definition)
            && (!dir_matters || kept.iter().any(|p| p.spot == Spot::Dir));
        if !covered
            || kept
                .iter()
                .any(|p| p.probe.is_racy(now, self.context.racy_margin))
        {
            return false;
        }
        let Some(data) = convert::to_data(package, &self.context.exact) else {
            return false;
        };
        let probes: Vec<(Spot, Probe)> = kept.iter().map(|p| (p.spot, p.probe)).collect();
        self.context
            .reads
            .used(root_state, version.as_str(), &probes);
        let mut fresh = root_state
            .fresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        fresh.packages.push(FreshPackage {
            version: version.as_str().to_string(),
            probes,
            data,
        });
        root_state.dirty.store(true, Ordering::Relaxed);
        true
    }

    /// The package from the caller's provider (which evaluates what the
    /// static reader refuses); never recorded.
    fn evaluated(&self, version: &Version) -> Result<Package, ProviderError> {
        self.context.reads.unvouched();
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

/// A probe taken before a read, the spot it is of, and whether it is kept
/// whatever the read found (the old-release files, when present).
pub(crate) struct ProbeBefore {
    probe: Probe,
    spot: Spot,
    keep: bool,
}

/// The spot of `family`'s `version` in `root` that the definition file
/// `uri` is, if it is one (`package.py` or `package.yaml` in the version
/// directory).
fn definition_spot(root: &Path, family: &str, version: &str, uri: &str) -> Option<Spot> {
    let rest = Path::new(uri).strip_prefix(root).ok()?;
    let rest = rest.strip_prefix(family).ok()?;
    let rest = if version.is_empty() {
        rest
    } else {
        rest.strip_prefix(version).ok()?
    };
    [Spot::PackagePy, Spot::PackageYaml]
        .into_iter()
        .find(|spot| rest == Path::new(spot.name()))
}

/// The paths a package of a family directory may be read from, probed
/// before reading it: its directory (whose stamps cover old-release files
/// appearing, kept for a package without a timestamp, the only kind rez
/// reads them for), `package.py` (always kept: it is the definition, or
/// its absence chose the other), `package.yaml` (kept when it is the
/// definition, so not probed when `package.py` is a file, which rez then
/// reads), and `release.yaml`, `.metadata` and
/// `.metadata/release_time.txt` when they are there (an edit inside them
/// changes no directory stamp; the last is not looked for without the
/// second), and `_v` when it is there (kept for a package with hashed
/// variants, whose roots name the shortlinks in it).
fn probes_before(base: &Base, family: &str, version: &Version) -> Option<Vec<ProbeBefore>> {
    let mut paths = SpotPaths::new(family, version.as_str());
    let mut probes = Vec::with_capacity(3);
    for spot in Spot::ALL {
        let needless = match spot {
            Spot::PackageYaml => probes
                .iter()
                .any(|p: &ProbeBefore| p.spot == Spot::PackagePy && p.probe.kind() == Kind::File),
            Spot::ReleaseTime => !probes.iter().any(|p| p.spot == Spot::Metadata),
            _ => false,
        };
        if needless {
            continue;
        }
        let path = paths.get(spot);
        let probe = if matches!(spot, Spot::Dir | Spot::PackagePy) {
            Probe::take(base, path)?
        } else {
            // Optional: probed only when there is an entry, a symlink too
            // (whose target's state is what is recorded). An entry that is
            // not a symlink is what the `stat` not following said.
            match base.stat(path, false) {
                Err(_) => continue,
                Ok(stat) if is_symlink(&stat) => Probe::take(base, path)?,
                Ok(stat) => Probe::of(Ok(stat))?,
            }
        };
        probes.push(ProbeBefore {
            probe,
            spot,
            // `package.py` counts whenever the definition is another file:
            // its absence (or not being a file) is what chose that file.
            keep: matches!(
                spot,
                Spot::PackagePy | Spot::ReleaseYaml | Spot::Metadata | Spot::ReleaseTime
            ),
        });
    }
    Some(probes)
}

#[cfg(unix)]
fn is_symlink(stat: &crate::base::Stat) -> bool {
    #[allow(clippy::unnecessary_cast)]
    let mode = stat.st_mode as _;
    rustix::fs::FileType::from_raw_mode(mode) == rustix::fs::FileType::Symlink
}

#[cfg(not(unix))]
fn is_symlink(stat: &crate::base::Stat) -> bool {
    stat.file_type().is_symlink()
}
