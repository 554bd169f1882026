//! Turning `--repo`, `--packages-json` and `REZ_PACKAGES_PATH` into one
//! cached package provider.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_filter::{Filtered, PackageFilterList};
use rer_index::{IndexOptions, Indexed};
use rer_prefetch::{PrefetchPool, Prefetching};
use rer_provider_fs::{FsProvider, PackageEvaluator};
use rer_provider_memory::{JsonError, MemoryProvider};
use rer_repo::{Cached, FamilyProvider, ProviderError};
use rer_rez_eval::{PythonSource, RezEvaluator, RezOptions};

use crate::args::SourceArgs;
use crate::error::CliError;

/// The environment variable listing rez package repositories.
pub const PACKAGES_PATH_VAR: &str = "REZ_PACKAGES_PATH";

/// The provider every command solves against: a filesystem or in-memory
/// provider behind one cache, shared by all the requests of a batch.
pub type Provider = Cached<Box<dyn FamilyProvider>>;

/// Where the packages come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Filesystem repositories, in priority order.
    Repos {
        /// The repositories to search.
        roots: Vec<PathBuf>,
        /// Listed repositories that are not directories and are skipped, as
        /// rez skips a missing path (the commands warn about each).
        skipped: Vec<PathBuf>,
    },
    /// One `packages.json` document, loaded into memory.
    PackagesJson(PathBuf),
}

/// Decides the source: `--packages-json`, else the `--repo` options, else
/// `--paths`, else the configured search path (`configured`, called only
/// then: `packages_path`, or without `local_packages_path` for `--nl`).
///
/// Paths are deduplicated, keeping the first, as rez does. Those that are
/// not directories are skipped, as rez skips them (the user's `~/packages`
/// often does not exist yet), and listed in [`Source::Repos`]'s `skipped`;
/// `--repo` directories are treated alike.
///
/// # Errors
/// `no_repository` when the search path is empty; `missing_repository`
/// when none of the directories listed exists; `configured`'s error.
pub fn source(
    args: &SourceArgs,
    configured: impl FnOnce() -> Result<Vec<String>, CliError>,
) -> Result<Source, CliError> {
    if let Some(file) = &args.packages_json {
        return Ok(Source::PackagesJson(file.clone()));
    }
    // paths as given, not made UTF-8: a lossy copy of `r\xff` names `r\u{fffd}`,
    // another directory
    let (listed, what): (Vec<PathBuf>, &str) = match &args.paths {
        _ if !args.repos.is_empty() => (args.repos.clone(), "--repo"),
        Some(paths) => (
            std::env::split_paths(paths)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| expand_home(&p))
                .collect(),
            "--paths",
        ),
        None => (
            configured()?.into_iter().map(PathBuf::from).collect(),
            "packages_path",
        ),
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in listed {
        if !roots.contains(&path) {
            roots.push(path);
        }
    }
    if roots.is_empty() {
        return Err(CliError::new(
            "no_repository",
            format!(
                "no package repository given: {what} is empty; pass --repo DIR (repeatable), \
                 set {PACKAGES_PATH_VAR} or packages_path in a rezconfig, or pass \
                 --packages-json FILE"
            ),
        ));
    }
    let (roots, skipped): (Vec<PathBuf>, Vec<PathBuf>) =
        roots.into_iter().partition(|r| r.is_dir());
    if roots.is_empty() {
        let listed: Vec<String> = skipped.iter().map(|p| p.display().to_string()).collect();
        return Err(CliError::new(
            "missing_repository",
            format!(
                "no package repository listed in {what} is a directory: {}{}",
                listed.join(", "),
                if what == "packages_path" {
                    format!(
                        "; pass --repo DIR (repeatable), set {PACKAGES_PATH_VAR} or \
                         packages_path in a rezconfig, or pass --packages-json FILE"
                    )
                } else {
                    String::new()
                }
            ),
        ));
    }
    Ok(Source::Repos { roots, skipped })
}

/// `~/x` made absolute with `$HOME`, as rez expands its package paths.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// An opened source: the cached provider every request solves against,
/// the filesystem provider inside it, if any, from which a provider bound
/// to one request is made for packages whose `@late` `requires` read the
/// request, and what to finish when the solves are done.
pub struct Opened {
    /// The shared, cached provider.
    pub provider: Provider,
    /// The filesystem provider inside `provider` and the filters over it,
    /// for `--repo` and `REZ_PACKAGES_PATH` sources.
    pub fs: Option<FsStack>,
    /// What runs beside the solves and is finished after them: the index
    /// and the prefetch threads.
    pub finisher: Finisher,
}

/// The filesystem provider behind a command's solver and the package
/// filters its stack applies over it: what a solve that meets a
/// request-dependent package ([`ProviderError::RequestDependent`]) is solved
/// again through, so that the second solve sees the packages the first one
/// saw, less those the filters exclude.
#[derive(Debug)]
pub struct FsStack {
    /// The filesystem provider.
    pub fs: Arc<FsProvider>,
    /// The filters over it, when they exclude anything.
    pub filters: Option<PackageFilterList>,
}

impl FsStack {
    /// A fresh cached provider over the files bound to `request` (and the
    /// `implicit` packages solved with it), under the same filters. It
    /// reads the files again: neither the index nor the prefetch threads
    /// are in it.
    pub fn bound_to_request(
        &self,
        request: &[String],
        implicit: &[String],
    ) -> Cached<Box<dyn FamilyProvider>> {
        let bound = Box::new(self.fs.bound_to_request_with_implicits(request, implicit));
        Cached::new(with_filters(bound, self.filters.clone()))
    }
}

/// `inner` under a [`Filtered`] layer when there are `filters` (the active
/// ones only: [`open`] drops a list that excludes nothing, so an unfiltered
/// solve pays nothing for them); `inner` itself otherwise.
fn with_filters(
    inner: Box<dyn FamilyProvider>,
    filters: Option<PackageFilterList>,
) -> Box<dyn FamilyProvider> {
    match filters {
        Some(filters) => Box::new(Filtered::new(inner, filters)),
        None => inner,
    }
}

/// What a command finishes once its solves are done
/// ([`Finisher::finish`]).
#[derive(Debug, Default)]
pub struct Finisher {
    /// The repository index over the filesystem provider, when it is on.
    pub index: Option<Arc<Indexed>>,
    /// The threads reading packages ahead of the solves, when they are on.
    pub prefetch: Option<Arc<PrefetchPool>>,
    /// The evaluator of packages that need rez's loader, whose helper
    /// process is stopped.
    pub evaluator: Option<Arc<RezEvaluator>>,
}

impl Finisher {
    /// Stops the prefetch threads (dropping the reads they have not started
    /// and waiting for those under way, so that the process neither reads
    /// what no solve uses nor records a read half done), then writes what
    /// was learnt to the index, then stops the rez helper process if one
    /// runs. An index that cannot be written is skipped without a word: the
    /// next command reads the files. After it nothing the command holds
    /// needs dropping.
    pub fn finish(&self) {
        self.stop_reading();
        if let Some(index) = &self.index {
            let _ = index.persist();
        }
        if let Some(evaluator) = &self.evaluator {
            evaluator.stop();
        }
    }
}

impl Finisher {
    /// Stops the prefetch threads, as [`Finisher::finish`] does first:
    /// after it nothing reads through the index until the next solve.
    pub fn stop_reading(&self) {
        if let Some(pool) = &self.prefetch {
            pool.stop();
        }
    }
}

/// The repository index a command uses: `None` with `--no-index` or
/// `RER_NO_INDEX`, else in `--index-dir`, `RER_INDEX_DIR` or the platform's
/// cache directory (`None` when there is none), named for this executable
/// so that another build of `rer` keeps its own.
pub fn index_options(args: &SourceArgs) -> Option<IndexOptions> {
    if args.no_index || IndexOptions::disabled_by_env() {
        return None;
    }
    let options = match &args.index_dir {
        Some(dir) => IndexOptions::new(dir),
        None => IndexOptions::from_env()?,
    };
    Some(
        options
            .reader(reader_identity())
            .check_threads(check_threads(args.prefetch_threads)),
    )
}

/// The threads that check a kept resolve's reads: as many as read ahead
/// when `--prefetch-threads` asks for some (the file system is one where
/// reads wait), else the index's default.
fn check_threads(prefetch_threads: u8) -> usize {
    match prefetch_threads {
        0 => rer_index::DEFAULT_CHECK_THREADS,
        n => usize::from(n),
    }
}

/// This executable's version, path, size and modification time.
fn reader_identity() -> String {
    let exe = std::env::current_exe().ok();
    let stamp = exe
        .as_ref()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| (m.len(), m.modified().ok()));
    format!("rer {} {exe:?} {stamp:?}", env!("CARGO_PKG_VERSION"))
}

/// How the packages the static reader refuses are evaluated: with rez's
/// own loader in a helper Python (`--rez-python`, `RER_REZ_PYTHON`, the
/// `rez` on `PATH`), started only when a solve first needs it.
pub fn rez_options(args: &SourceArgs) -> RezOptions {
    let mut options = RezOptions::new(PythonSource::from_env(args.rez_python.clone()));
    options.timeout = std::time::Duration::from_secs_f64(args.rez_timeout);
    options
}

/// The one evaluator of a command ([`rez_options`]), shared by every
/// provider that reads packages (the searched repositories and the
/// configured `packages_path` of `soft_timestamp` orderers), so that at
/// most one helper process runs.
pub fn rez_evaluator(args: &SourceArgs) -> Arc<RezEvaluator> {
    Arc::new(RezEvaluator::new(rez_options(args)))
}

/// Opens the source as a cached provider; `allow_unversioned_packages` is
/// rez's setting of that name, for filesystem repositories, which read the
/// packages their static reader refuses through `evaluator`. `filters` puts a [`Filtered`] layer under the cache when they
/// exclude anything (none otherwise: an unfiltered solve pays nothing for
/// the option). `prefetch_threads` above 0 puts a [`Prefetching`] layer
/// with a pool of that many threads under the cache, over the index (or
/// the files) and the filters, for filesystem repositories (an in-memory
/// document has nothing to read ahead): its threads read packages through
/// the same family objects the solve reads, so each package is still read
/// once, from the index where it holds.
///
/// # Errors
/// `missing_repository` for a repository that is not a directory,
/// `packages_json` for a packages.json of the wrong shape (naming the file
/// and line), or the provider error's own kind ([`ProviderError::kind`]:
/// an unreadable file, a bad package in the document, ...).
pub fn open(
    source: &Source,
    allow_unversioned_packages: bool,
    evaluator: &Arc<RezEvaluator>,
    filters: Option<PackageFilterList>,
    index: Option<&IndexOptions>,
    prefetch_threads: usize,
) -> Result<Opened, CliError> {
    let filters = filters.filter(PackageFilterList::is_active);
    match source {
        Source::Repos { roots, .. } => {
            for root in roots {
                if !root.is_dir() {
                    return Err(CliError::new(
                        "missing_repository",
                        format!(
                            "package repository {} does not exist or is not a directory",
                            root.display()
                        ),
                    ));
                }
            }
            // FsProvider resolves each root as rez does (realpath).
            let fs = FsProvider::new(roots.clone())
                .map_err(provider_error)?
                .allow_unversioned_packages(allow_unversioned_packages)
                .with_evaluator(Arc::clone(evaluator) as Arc<dyn PackageEvaluator>);
            let fs = Arc::new(fs);
            let index = match index {
                Some(options) => Some(Arc::new(
                    Indexed::new(Arc::clone(&fs), options).map_err(provider_error)?,
                )),
                None => None,
            };
            let inner: Box<dyn FamilyProvider> = match &index {
                Some(index) => Box::new(Arc::clone(index)),
                None => Box::new(Arc::clone(&fs)),
            };
            let mut inner = with_filters(inner, filters.clone());
            let prefetch = match prefetch_threads {
                0 => None,
                threads => Some(Arc::new(
                    PrefetchPool::new(threads).map_err(provider_error)?,
                )),
            };
            if let Some(pool) = &prefetch {
                inner = Box::new(Prefetching::with_pool(inner, Arc::clone(pool)));
            }
            Ok(Opened {
                provider: Cached::new(inner),
                fs: Some(FsStack { fs, filters }),
                finisher: Finisher {
                    index,
                    prefetch,
                    evaluator: Some(Arc::clone(evaluator)),
                },
            })
        }
        Source::PackagesJson(file) => Ok(Opened {
            provider: Cached::new(with_filters(
                Box::new(MemoryProvider::from_json_file(file).map_err(json_error)?),
                filters,
            )),
            fs: None,
            finisher: Finisher::default(),
        }),
    }
}

/// The packages of the configured `packages_path` (the directories among
/// `paths`), unfiltered, for what rez reads there whatever the solve
/// searches (`soft_timestamp`'s timestamps).
///
/// # Errors
/// `provider` when a repository cannot be opened.
pub fn configured_packages(
    paths: Vec<String>,
    allow_unversioned_packages: bool,
    evaluator: &Arc<RezEvaluator>,
) -> Result<Arc<dyn FamilyProvider>, CliError> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in paths.into_iter().map(PathBuf::from) {
        if path.is_dir() && !roots.contains(&path) {
            roots.push(path);
        }
    }
    let fs = FsProvider::new(roots)
        .map_err(provider_error)?
        .allow_unversioned_packages(allow_unversioned_packages)
        .with_evaluator(Arc::clone(evaluator) as Arc<dyn PackageEvaluator>);
    Ok(Arc::new(Cached::new(fs)))
}

/// A provider error that stops a command, with its kind.
pub fn provider_error(error: ProviderError) -> CliError {
    CliError::new(error.kind(), error.to_string())
}

/// A `--packages-json` document that cannot be used: `unreadable_file`,
/// `packages_json` for a document of the wrong shape, or the kind of the
/// package error in it (`invalid_requirement`, `duplicate_version`, ...).
fn json_error(error: JsonError) -> CliError {
    match &error {
        JsonError::Io(e) => CliError::new(
            e.kind(),
            format!("cannot read --packages-json file: {error}"),
        ),
        JsonError::Package(e) => CliError::new(e.kind(), error.to_string()),
        _ => CliError::new("packages_json", error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(repos: &[&str], json: Option<&str>) -> SourceArgs {
        SourceArgs {
            repos: repos.iter().map(PathBuf::from).collect(),
            paths: None,
            no_local: false,
            no_implicit: false,
            packages_json: json.map(PathBuf::from),
            variant_select_mode: None,
            rez_python: None,
            rez_timeout: 30.0,
            build: false,
            python_hash_seed: None,
            filters: Default::default(),
            no_index: false,
            index_dir: None,
            prefetch_threads: 0,
        }
    }

    fn configured(paths: &[&Path]) -> impl FnOnce() -> Result<Vec<String>, CliError> {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        move || Ok(paths)
    }

    #[test]
    fn repo_options_win_over_the_environment_and_skip_missing_directories() {
        let a = tempfile::TempDir::new().expect("tempdir");
        let b = tempfile::TempDir::new().expect("tempdir");
        let missing = a.path().join("missing");
        let given = [a.path(), &missing, b.path()].map(|p| p.to_string_lossy().into_owned());
        let given: Vec<&str> = given.iter().map(String::as_str).collect();
        let s = source(&args(&given, None), configured(&[Path::new("c")])).expect("source");
        assert_eq!(
            s,
            Source::Repos {
                roots: vec![a.path().into(), b.path().into()],
                skipped: vec![missing.clone()]
            }
        );
        let only_missing = missing.to_string_lossy().into_owned();
        let e = source(&args(&[&only_missing], None), configured(&[])).expect_err("none");
        assert_eq!(e.kind, "missing_repository");
        assert!(e.message.contains("--repo"), "{}", e.message);
    }

    #[test]
    fn the_configured_path_is_searched_without_missing_directories() {
        let a = tempfile::TempDir::new().expect("tempdir");
        let b = tempfile::TempDir::new().expect("tempdir");
        let missing = a.path().join("missing");
        let listed = [a.path(), &missing, b.path(), a.path()];
        let s = source(&args(&[], None), configured(&listed)).expect("source");
        assert_eq!(
            s,
            Source::Repos {
                roots: vec![a.path().into(), b.path().into()],
                skipped: vec![missing.clone()]
            }
        );
        let e = source(&args(&[], None), configured(&[&missing])).expect_err("none");
        assert_eq!(e.kind, "missing_repository");
        assert!(
            e.message.contains(&*missing.to_string_lossy()),
            "{}",
            e.message
        );
    }

    #[test]
    fn paths_replace_the_configured_path() {
        let a = tempfile::TempDir::new().expect("tempdir");
        let mut given = args(&[], None);
        given.paths = Some(format!("{}::", a.path().display()).into());
        let s = source(&given, || panic!("the configuration is not read")).expect("source");
        assert_eq!(
            s,
            Source::Repos {
                roots: vec![a.path().into()],
                skipped: vec![]
            }
        );
    }

    #[test]
    fn packages_json_is_its_own_source() {
        let s = source(&args(&[], Some("p.json")), configured(&[Path::new("/x")])).expect("source");
        assert_eq!(s, Source::PackagesJson("p.json".into()));
    }

    #[test]
    fn nothing_given_is_an_error_that_says_what_to_do() {
        {
            let e = source(&args(&[], None), configured(&[])).expect_err("no source");
            assert_eq!(e.kind, "no_repository");
            assert!(e.message.contains("--repo"), "{}", e.message);
            assert!(e.message.contains(PACKAGES_PATH_VAR), "{}", e.message);
        }
    }

    #[test]
    fn a_missing_repository_is_named() {
        let rez = Arc::new(RezEvaluator::new(RezOptions::new(PythonSource::Given(
            "/no/python".into(),
        ))));
        let Err(e) = open(
            &Source::Repos {
                roots: vec!["/no/such/repo".into()],
                skipped: vec![],
            },
            true,
            &rez,
            None,
            None,
            0,
        ) else {
            panic!("a missing repository opened")
        };
        assert_eq!(e.kind, "missing_repository");
        assert!(e.message.contains("/no/such/repo"), "{}", e.message);
    }

    #[test]
    fn a_missing_packages_json_is_named() {
        let rez = Arc::new(RezEvaluator::new(RezOptions::new(PythonSource::Given(
            "/no/python".into(),
        ))));
        let Err(e) = open(
            &Source::PackagesJson("/no/such/p.json".into()),
            true,
            &rez,
            None,
            None,
            0,
        ) else {
            panic!("a missing packages.json opened")
        };
        assert_eq!(e.kind, "unreadable_file");
        assert!(e.message.contains("/no/such/p.json"), "{}", e.message);
    }
}
