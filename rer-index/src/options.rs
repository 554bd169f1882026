//! Where the index lives and how cautious it is.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable naming the index's directory, over the
/// platform's cache directory.
pub const INDEX_DIR_VAR: &str = "RER_INDEX_DIR";

/// The environment variable that turns the index off: any value but empty
/// or `0`.
pub const NO_INDEX_VAR: &str = "RER_NO_INDEX";

/// The margin below which a timestamp is too recent to vouch for a file:
/// 2 seconds, above the coarsest timestamps of the file systems packages
/// live on (1 s on ext3, NFSv3 and some SMB servers; 2 s on FAT).
pub const DEFAULT_RACY_MARGIN: Duration = Duration::from_secs(2);

/// How long a comparison of a root's handle with the root's path vouches
/// for the handle: 1 ms. A root directory replaced (renamed over, removed
/// and made again) is seen by every family asked for this long after the
/// replacement or later; see the crate docs, "What is checked".
pub const DEFAULT_ROOT_CHECK_INTERVAL: Duration = Duration::from_millis(1);

/// How many threads check a kept resolve's reads
/// ([`Indexed::reads_hold`](crate::Indexed::reads_hold)) by default: 4.
/// The check is one `stat` per listing and package a solve was given, and
/// each waits on the file system (the kernel's path walk on a local disk,
/// a round trip on a network share), so a few threads pay even on few
/// cores.
pub const DEFAULT_CHECK_THREADS: usize = 4;

/// The fewest `stat`s a check of reads spreads over threads: below it
/// the check is made on the calling thread, where starting threads would
/// cost more than they save (a light request's few hundred `stat`s).
pub const PARALLEL_CHECK_MIN_STATS: usize = 1024;

/// How an [`Indexed`](crate::Indexed) provider keeps its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexOptions {
    pub(crate) dir: PathBuf,
    pub(crate) racy_margin: Duration,
    pub(crate) root_check_interval: Duration,
    pub(crate) check_threads: usize,
    pub(crate) reader: String,
}

impl IndexOptions {
    /// An index kept under `dir` (created when first written), with the
    /// default margin and this library's reader identity.
    pub fn new(dir: impl Into<PathBuf>) -> IndexOptions {
        IndexOptions {
            dir: dir.into(),
            racy_margin: DEFAULT_RACY_MARGIN,
            root_check_interval: DEFAULT_ROOT_CHECK_INTERVAL,
            check_threads: DEFAULT_CHECK_THREADS,
            reader: default_reader(),
        }
    }

    /// The index in `$RER_INDEX_DIR`, else in `rer` under the platform's
    /// cache directory (`$XDG_CACHE_HOME` or `~/.cache` on Linux,
    /// `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows); `None`
    /// when there is neither.
    pub fn from_env() -> Option<IndexOptions> {
        default_dir().map(IndexOptions::new)
    }

    /// Whether `$RER_NO_INDEX` turns the index off.
    pub fn disabled_by_env() -> bool {
        std::env::var_os(NO_INDEX_VAR).is_some_and(|v| !v.is_empty() && v != "0")
    }

    /// Files whose modification or status-change time is within `margin`
    /// of now (or later) are read but not recorded; see
    /// [`DEFAULT_RACY_MARGIN`]. A margin below the file system's timestamp
    /// granularity lets an edit made in the same tick as the recording go
    /// unseen: only tests that wait out the granularity should lower it.
    #[must_use]
    pub fn racy_margin(mut self, margin: Duration) -> IndexOptions {
        self.racy_margin = margin;
        self
    }

    /// A root's handle is compared with what the root's path leads to
    /// when a family is asked for and the last comparison began `interval`
    /// or longer ago (see [`DEFAULT_ROOT_CHECK_INTERVAL`]); zero compares
    /// for every family.
    #[must_use]
    pub fn root_check_interval(mut self, interval: Duration) -> IndexOptions {
        self.root_check_interval = interval;
        self
    }

    /// A kept resolve's reads of at least [`PARALLEL_CHECK_MIN_STATS`]
    /// `stat`s are checked on `threads` threads (see
    /// [`DEFAULT_CHECK_THREADS`]); 0 or 1 checks on the calling thread.
    /// The answer is the same at any count: the check stops at the first
    /// state that no longer holds, on whichever thread finds it.
    #[must_use]
    pub fn check_threads(mut self, threads: usize) -> IndexOptions {
        self.check_threads = threads;
        self
    }

    /// Names the program reading the files: indexes of different readers
    /// are kept apart, so a new build of a reader (which may read a file
    /// differently) starts a new index rather than trusting the old one's
    /// readings. The default is this library's and the package reader's
    /// versions; the `rer` command adds its executable's identity.
    #[must_use]
    pub fn reader(mut self, reader: impl Into<String>) -> IndexOptions {
        self.reader = reader.into();
        self
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// `$RER_INDEX_DIR`, else `<platform cache dir>/rer`.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(INDEX_DIR_VAR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::cache_dir().map(|d| d.join("rer")),
    }
}

fn default_reader() -> String {
    format!("rer-index {}", env!("CARGO_PKG_VERSION"))
}
