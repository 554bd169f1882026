//! [`FsProvider`]: families read from rez filesystem repositories.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rer_repo::{Family, FamilyProvider, ListingOrder, ProviderError, RootListing};
use rer_version::{Version, is_valid_package_name};

use crate::equal_versions;
use crate::evaluate::{EvalSetup, PackageEvaluator};
use crate::layout::{Listed, Scanned, Source, scan_root};
use crate::loader::FsLoader;
use crate::stats::Stats;

/// Package families read lazily from one or more rez filesystem
/// repositories, searched in priority order like `REZ_PACKAGES_PATH`.
///
/// - [`FamilyProvider::family`] lists the family's directory in each root
///   (nothing else is read), and answers a [`Family`] whose packages are read
///   when first asked for, each definition file parsed at most once.
/// - Families merge across roots; where two roots hold the same version the
///   earlier root wins, as in rez's `iter_packages`.
/// - A family with no version in any root is "no such family" (`Ok(None)`),
///   as rez reports it.
///
/// It does not cache families itself: wrap it in
/// [`Cached`](rer_repo::Cached) so that each family is listed once.
#[derive(Debug)]
pub struct FsProvider {
    roots: Vec<PathBuf>,
    skipped: Vec<PathBuf>,
    stats: Arc<Stats>,
    allow_unversioned: bool,
    eval: Arc<EvalSetup>,
    /// Shared with the providers bound from this one, so that what they
    /// meet is reported here too; a set, so that listing a family again
    /// (another provider bound to another request) keeps one message.
    warnings: Arc<Mutex<BTreeSet<String>>>,
}

impl FsProvider {
    /// A provider over `roots`, highest priority first.
    ///
    /// Each root is resolved as rez resolves it (`os.path.realpath`: symlinks
    /// followed, made absolute), which is the prefix of every package uri.
    /// A root that does not exist or is not a directory is skipped, as rez
    /// skips it without a word; [`FsProvider::skipped_roots`] lists them so
    /// a caller can warn. Whether a root exists is decided here, once.
    ///
    /// # Errors
    /// None at present: the `Result` leaves room for checks a future rez
    /// may make.
    pub fn new(
        roots: impl IntoIterator<Item = impl Into<PathBuf>>,
    ) -> Result<FsProvider, ProviderError> {
        let mut kept = Vec::new();
        let mut skipped = Vec::new();
        for root in roots {
            let root: PathBuf = root.into();
            match std::fs::canonicalize(&root) {
                Ok(path) if path.is_dir() => kept.push(path),
                _ => skipped.push(root),
            }
        }
        let eval = Arc::new(EvalSetup {
            roots: kept.clone().into(),
            ..EvalSetup::default()
        });
        Ok(FsProvider {
            roots: kept,
            skipped,
            stats: Arc::default(),
            allow_unversioned: true,
            eval,
            warnings: Arc::default(),
        })
    }

    /// rez's `allow_unversioned_packages` (default true). When false, a
    /// family directory's own `package.py` / `package.yaml` is not an
    /// unversioned package (its version directories are read instead), and
    /// a combined family file without `versions` holds no package, as in
    /// rez's filesystem repository.
    pub fn allow_unversioned_packages(mut self, allow: bool) -> FsProvider {
        self.allow_unversioned = allow;
        self
    }

    /// Whether this provider reads a family directory's own definition as
    /// an unversioned package (rez's `allow_unversioned_packages`, set with
    /// [`FsProvider::allow_unversioned_packages`]).
    pub fn allows_unversioned_packages(&self) -> bool {
        self.allow_unversioned
    }

    /// A provider over the roots in `REZ_PACKAGES_PATH`, split with the
    /// platform's path-list separator (`:` on Unix, `;` on Windows); a
    /// leading `~` is the home directory.
    ///
    /// # Errors
    /// [`ProviderError::Other`] when `REZ_PACKAGES_PATH` is not set.
    pub fn from_env() -> Result<FsProvider, ProviderError> {
        let Some(value) = std::env::var_os("REZ_PACKAGES_PATH") else {
            return Err(ProviderError::Other {
                family: String::new(),
                message: "REZ_PACKAGES_PATH is not set".to_string(),
            });
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let roots = std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| match (p.strip_prefix("~"), &home) {
                (Ok(rest), Some(home)) => home.join(rest),
                _ => p,
            });
        FsProvider::new(roots.collect::<Vec<_>>())
    }

    /// This provider, reading the packages its static reader refuses
    /// ([`ProviderError::NeedsEvaluation`]) through `evaluator`.
    ///
    /// Packages read statically never reach the evaluator; a refused one
    /// reaches it once, when a solve first looks at that version. Without
    /// an evaluator a refused package stays that error.
    #[must_use]
    pub fn with_evaluator(mut self, evaluator: Arc<dyn PackageEvaluator>) -> FsProvider {
        let setup = Arc::make_mut(&mut self.eval);
        setup.evaluator = Some(evaluator);
        self
    }

    /// A provider over the same roots and evaluator whose `@late`
    /// `requires` are evaluated for `request`, the request being resolved
    /// (rez binds it as `request`, and the resolve as `context`).
    ///
    /// An unbound provider answers [`ProviderError::RequestDependent`] for a
    /// package whose `@late` `requires` read the request; solve such a
    /// request again through a provider bound to it. The new provider shares
    /// this one's counters, and lists and reads families afresh.
    ///
    /// rez's `implicits` binding is empty: a request solved with implicit
    /// packages is bound with [`FsProvider::bound_to_request_with_implicits`].
    pub fn bound_to_request(&self, request: &[String]) -> FsProvider {
        self.bound_to_request_with_implicits(request, &[])
    }

    /// As [`FsProvider::bound_to_request`], for a request solved with the
    /// implicit packages `implicits` added (rez env's `implicit_packages`):
    /// a `@late` `requires` sees them as `implicits`, and `request` is the
    /// request without them, as in rez.
    pub fn bound_to_request_with_implicits(
        &self,
        request: &[String],
        implicits: &[String],
    ) -> FsProvider {
        let mut setup = (*self.eval).clone();
        setup.request = Some(request.into());
        setup.implicits = implicits.into();
        FsProvider {
            roots: self.roots.clone(),
            skipped: self.skipped.clone(),
            stats: Arc::clone(&self.stats),
            allow_unversioned: self.allow_unversioned,
            eval: Arc::new(setup),
            warnings: Arc::clone(&self.warnings),
        }
    }

    /// A provider over `root` alone (taken as given: pass one of
    /// [`FsProvider::roots`], which are resolved) with this one's
    /// evaluator, request binding and settings: what it evaluates sees
    /// every root of this provider as rez's package paths. It shares this
    /// one's counters and lists and reads families afresh.
    pub fn over_root(&self, root: &Path) -> FsProvider {
        FsProvider {
            roots: vec![root.to_path_buf()],
            skipped: Vec::new(),
            stats: Arc::clone(&self.stats),
            allow_unversioned: self.allow_unversioned,
            eval: Arc::clone(&self.eval),
            warnings: Arc::default(),
        }
    }

    /// How many packages this provider (and those bound from it) has read
    /// through its evaluator.
    pub fn packages_evaluated(&self) -> u64 {
        self.stats.evaluated()
    }

    /// The roots searched, resolved, highest priority first.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The roots given that were skipped because they do not exist or are
    /// not directories.
    pub fn skipped_roots(&self) -> &[PathBuf] {
        &self.skipped
    }

    /// What this provider has met so far that rez answers by chance: two
    /// directories of one family and root that rez takes for the same
    /// version (`1.0` and `1-0`), of which rez uses whichever its set of
    /// names yields first (it changes with `PYTHONHASHSEED`) and rer the
    /// first by name. One message per pair, naming both; each distinct
    /// message once, sorted (so by family), however many times or in
    /// whatever order the families were listed. What the providers bound
    /// from this one ([`FsProvider::bound_to_request`]) meet is here too,
    /// as is what a caller reported with [`FsProvider::warn_of_listing`].
    pub fn warnings(&self) -> Vec<String> {
        let held = self.warnings.lock();
        let set = match &held {
            Ok(set) => &**set,
            Err(poisoned) => &**poisoned.get_ref(),
        };
        set.iter().cloned().collect()
    }

    /// Adds to [`FsProvider::warnings`] what this provider says on listing
    /// `family` in `root` and finding `listing` (its positions index
    /// `versions`, that root's versions alone, sorted, as a provider over
    /// `root` alone answers them): for a caller that answers such a listing
    /// on this provider's behalf without listing the directory (an index
    /// that kept it), so that the warnings are the same either way.
    pub fn warn_of_listing(
        &self,
        family: &str,
        root: &Path,
        versions: &[Version],
        listing: &RootListing,
    ) {
        for message in equal_versions::of_listing(root, family, versions, listing) {
            self.warn(message);
        }
    }

    fn warn(&self, message: String) {
        match self.warnings.lock() {
            Ok(mut w) => w.insert(message),
            Err(e) => e.into_inner().insert(message),
        };
    }

    /// How many files this provider has read and parsed so far: package
    /// definitions (`package.py`, `package.yaml`, combined family files)
    /// and the `release.yaml` / `release_time.txt` of old releases. Each
    /// is read at most once per family the provider handed out.
    pub fn files_read(&self) -> u64 {
        self.stats.files()
    }

    /// How many directories this provider has listed so far (one per family
    /// and root that has the family as a directory).
    pub fn dirs_listed(&self) -> u64 {
        self.stats.dirs()
    }
}

impl FsProvider {
    /// The first of each run of equal versions in `found` (sorted), as
    /// rez's `iter_packages` keeps the first it meets. A combined file's
    /// repeated version is dropped silently, as by rez (its order is the
    /// file's); two directories are reported (rez's order is chance).
    fn one_per_version(
        &self,
        family: &str,
        found: Vec<(Version, Source)>,
    ) -> Vec<(Version, Source)> {
        let mut kept: Vec<(Version, Source)> = Vec::with_capacity(found.len());
        for (version, source) in found {
            if let Some((last, first)) = kept.last() {
                if *last == version {
                    if let (Source::VersionDir(used), Source::VersionDir(other)) = (first, &source)
                    {
                        self.warn(equal_versions::message(family, used, other));
                    }
                    continue;
                }
            }
            kept.push((version, source));
        }
        kept
    }
}

impl FamilyProvider for FsProvider {
    /// Lists the family in every root and merges the versions.
    ///
    /// A name that is not a valid package name is no family (`Ok(None)`):
    /// rez rejects such a request before looking it up.
    ///
    /// # Errors
    /// [`ProviderError::InvalidPackage`] when a version directory's name is
    /// not a valid version (two directories of one version, `1.0` and
    /// `1-0`, are not an error: the first by name is used and
    /// [`FsProvider::warnings`] says so);
    /// [`ProviderError::Io`] when a directory cannot be listed; errors of a
    /// combined family file.
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        if !is_valid_package_name(name) {
            return Ok(None);
        }
        let mut merged: Vec<(Version, Source)> = Vec::new();
        let mut scans: Vec<Scanned> = Vec::new();
        for root in &self.roots {
            let Some(scanned) =
                scan_root(root, name, &self.stats, self.allow_unversioned, &self.eval)?
            else {
                continue;
            };
            // Stable: equal versions stay in listing order (directories by
            // name, a combined file's `versions` as written).
            let mut found = scanned.versions.clone();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            let found = self.one_per_version(name, found);
            scans.push(scanned);
            if merged.is_empty() {
                merged = found;
                continue;
            }
            for (version, source) in found {
                if let Err(at) = merged.binary_search_by(|(v, _)| v.cmp(&version)) {
                    merged.insert(at, (version, source));
                }
            }
        }
        if merged.is_empty() {
            return Ok(None);
        }
        let order = listing_order(&scans, &merged);
        let versions = merged.iter().map(|(v, _)| v.clone()).collect();
        let name: Arc<str> = name.into();
        let loader = FsLoader::new(
            Arc::clone(&name),
            merged,
            Arc::clone(&self.stats),
            Arc::clone(&self.eval),
        );
        Family::lazy(name, versions, Arc::new(loader))
            .map(|f| Some(Arc::new(f.with_listing_order(order))))
    }
}

/// The order rez's filesystem repository iterates the family in: each
/// root's listing, with the position in `merged` of each entry that
/// provides the family's version (another root's, or another directory of
/// an equal version, provides none).
fn listing_order(scans: &[Scanned], merged: &[(Version, Source)]) -> ListingOrder {
    let position = |version: &Version, source: &Source| -> Option<u32> {
        let at = merged.binary_search_by(|(v, _)| v.cmp(version)).ok()?;
        merged[at].1.same_as(source).then_some(at as u32)
    };
    let roots = scans
        .iter()
        .map(|scanned| match &scanned.listed {
            Listed::Directories(order) => RootListing::DirectoryNames(
                order
                    .iter()
                    .filter_map(|&i| scanned.versions.get(i as usize))
                    .map(|(version, source)| (source.dir_name().into(), position(version, source)))
                    .collect(),
            ),
            Listed::AsWritten => RootListing::Sequence(
                scanned
                    .versions
                    .iter()
                    .map(|(version, source)| position(version, source))
                    .collect(),
            ),
        })
        .collect();
    ListingOrder::Roots(roots)
}

/// Reads the packages at `indices` of `family` in parallel (rayon), for a
/// caller that knows it will need many of them at once (a solver about to
/// test every version in a range). Packages already read are not read
/// again; errors stay in the family, as [`Family::package`] reports them.
pub fn load_in_parallel(family: &Family, indices: &[usize]) {
    indices
        .par_iter()
        .filter(|&&i| i < family.len())
        .for_each(|&i| {
            let _ = family.package(i);
        });
}

/// Reads every package of `family` in parallel; see [`load_in_parallel`].
pub fn load_all_in_parallel(family: &Family) {
    let indices: Vec<usize> = (0..family.len()).collect();
    load_in_parallel(family, &indices);
}
