//! A persistent index of rez filesystem repositories: what solves read
//! from the files (family listings, parsed packages), kept across processes
//! in a cache directory and validated against the files before each use.
//!
//! ```no_run
//! use std::sync::Arc;
//! use rer_index::{IndexOptions, Indexed};
//! use rer_provider_fs::FsProvider;
//! use rer_repo::Cached;
//!
//! let fs = Arc::new(FsProvider::new(["/packages"])?);
//! let options = IndexOptions::from_env().expect("a cache directory");
//! let index = Arc::new(Indexed::new(fs, &options)?);
//! let provider = Cached::new(Arc::clone(&index));
//! // ... solve through `provider` ...
//! index.persist().ok(); // write back what was learnt
//! # Ok::<(), rer_repo::ProviderError>(())
//! ```
//!
//! [`Indexed`] is a provider decorator over an [`FsProvider`](rer_provider_fs::FsProvider):
//! it gives exactly the families, versions, packages and errors the
//! provider gives, and the solver never knows it is there.
//!
//! # Where it lives
//! `$RER_INDEX_DIR`, else `rer` under the platform's cache directory
//! (`~/.cache/rer` on Linux), in a directory per reader build
//! ([`IndexOptions::reader`]) and one per repository root (the resolved
//! root and rez's `allow_unversioned_packages`), holding one record file
//! per family. A solve opens only the records of the families it asks for.
//! Deleting the directory at any time is safe.
//!
//! # What is checked, and why it is enough
//! Every check is a `stat` (following symlinks) compared with the state
//! recorded when the files were read; see [`probe`](crate) for the fields
//! (device, inode, type and mode, size, modification and status-change
//! times in nanoseconds). The state is taken *before* the files are read,
//! so a change made during the read leaves a record that fails its check.
//!
//! On Unix each root is held open as a directory handle and every `stat`
//! (recording and checking alike) names its path relative to it
//! (`<family>/<version>/package.py`), so the kernel does not walk the
//! root's own components again for every file. Everything below the root
//! is walked afresh by every `stat`: a family or version directory
//! replaced (renamed over, removed, turned into a symlink) is seen at once.
//! The handle itself is compared (device and inode) with what the root's
//! path leads to when a process asks for a family and the last comparison
//! began at least [`IndexOptions::root_check_interval`] ago (1 ms by
//! default, [`DEFAULT_ROOT_CHECK_INTERVAL`]), and opened again if the root
//! directory was replaced: a root replaced at time `t` is seen by every
//! family asked for at `t` plus the interval or later, whether between
//! two families of one solve or between solves of a long-lived process; a
//! family asked for sooner may be checked in the replaced directory, as if
//! it had been asked for just before the replacement. (The comparison
//! walks the whole of the root's path; one per family cost a heavy solve
//! hundreds of walks.) A family's listing and packages are checked in the
//! root directory that was there when the family was asked for. Off Unix,
//! and for a root that cannot be opened, the root's path is joined to each
//! relative path instead.
//!
//! - **A family's listing in a root** holds while `<root>/<family>` is in
//!   its recorded state: adding, removing or renaming a version directory,
//!   an `.ignore<version>` or `.building<version>` marker, or an unversioned
//!   `package.py` changes the directory's modification time. What no stamp
//!   of that directory covers is checked on its own: the kind of every
//!   symlinked entry's target (a version directory replaced by a symlink
//!   changes the directory; a symlink whose target goes or becomes a file
//!   does not), and the definition files of a version beside a
//!   `.building` marker. A family that a root does not have is recorded as
//!   the absence of `<family>`, `<family>.py` and `<family>.yaml`.
//!   Families in combined files (`<root>/<family>.py`) are read in full
//!   whenever listed, so they are never recorded.
//! - **A package** holds while its definition file is in its recorded
//!   state (one `stat`; `package.py` too when the definition is
//!   `package.yaml`, since its absence chose that), and, where present,
//!   `release.yaml`, `.metadata` and `.metadata/release_time.txt`. For a
//!   package without a timestamp in its definition (none at all, or one
//!   from `release.yaml` or `.metadata`) its version directory is probed
//!   too: rez then reads old-release files, and creating one (a
//!   `release.yaml` beside a `.metadata`, which then wins) changes the
//!   directory.
//!   For a package with `hashed_variants` the version directory and, where
//!   present, its `_v` are probed too: its variants' roots name the `_v/`
//!   shortlinks pointing at them, and adding, removing or replacing a link
//!   (or `_v` itself) changes one of the two. An edit
//!   of `package.py` that keeps its size and restores its modification
//!   time still changes its status-change time; `chmod` too. Package
//!   records outlive a listing that changed: adding a release does not
//!   make the other versions be read again.
//! - **Timestamps too recent to vouch for** are not recorded: a file or
//!   directory whose modification or status-change time is within
//!   [`DEFAULT_RACY_MARGIN`] (2 s) of now, or in the future, is read from
//!   the files on every solve until it is older. Without this, an edit made
//!   within the file system's timestamp granularity (1 s on some network
//!   shares) of the moment it was recorded would keep the same stamps. The
//!   margin is measured against this machine's clock: a file server whose
//!   clock runs more than the margin behind can defeat it.
//! - Off Unix, the inode and status-change time are not available to the
//!   standard library; the size, modification and creation times are
//!   compared instead, which an edit keeping size and modification time
//!   defeats.
//!
//! Packages the static reader refuses (read by evaluating them, with the
//! caller's provider's evaluator), listings only the evaluator can make (a
//! combined file's computed `versions`), packages whose build requirements
//! are an error, packages with a requirement that does not read back from
//! its printed text, and anything read with an error are never recorded:
//! they are read from the files every time, as without the index.
//!
//! A listing with two directories rez takes for one version (`1.0` and
//! `1-0`) is recorded like any other (its record keeps every directory
//! name); whether it was read now or answered from its record, the warning
//! the caller's provider gives on listing it is added to that provider's
//! [`FsProvider::warnings`](rer_provider_fs::FsProvider::warnings), made
//! from the listing by the same code, so a warm index warns as a cold one.
//!
//! # Whole resolves
//! A caller that asks the index to keep its reads ([`Indexed::keep_reads`])
//! gets, after its solves, [`Reads`]: the recorded state of every listing
//! and package the index answered, or `None` when one of them was not
//! vouched for by a record (evaluated, read with an error, too recent).
//! [`ResolveCache`] keeps a caller's answer with those reads, by the
//! caller's key, and hands it back only while [`Indexed::reads_hold`]: the
//! same `stat`s, compared the same way, as trusting each record would
//! take (below each root's handle, compared with the root's path as for a
//! family: a root replaced at `t` is seen by every check at `t` plus
//! [`IndexOptions::root_check_interval`] or later). A solve's outcome is
//! decided by its settings (the key) and by what it was given; while every
//! listing and package it was given would be given again, it would end the
//! same. A check of [`PARALLEL_CHECK_MIN_STATS`] `stat`s or more is spread
//! over [`IndexOptions::check_threads`] threads (on a network share each
//! `stat` is a round trip), and stops at the first state that fails.
//!
//! # Many processes at once
//! Each record file is written whole to a temporary file and renamed over
//! the old one: readers see an old file or a new one, never a mix, and of
//! concurrent writers the last rename wins. A record file that is damaged,
//! truncated, of another format, or names another root or family is
//! ignored (and counted in [`IndexStats::records_refused`]) and replaced by
//! the next write. A record is only ever a shortcut to what the files say.

mod base;
mod codes;
mod convert;
mod counters;
mod frame;
mod indexed;
mod listing;
mod options;
mod order;
mod probe;
mod reads;
mod record;
mod resolves;
mod state;

pub use counters::IndexStats;
pub use indexed::Indexed;
pub use options::{
    DEFAULT_CHECK_THREADS, DEFAULT_RACY_MARGIN, DEFAULT_ROOT_CHECK_INTERVAL, INDEX_DIR_VAR,
    IndexOptions, NO_INDEX_VAR, PARALLEL_CHECK_MIN_STATS, default_dir,
};
pub use reads::Reads;
pub use resolves::{MAX_KEPT, ResolveCache};
