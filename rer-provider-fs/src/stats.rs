//! Counters of the work a provider has done.

use std::sync::atomic::{AtomicU64, Ordering};

/// What an [`FsProvider`](crate::FsProvider) has read so far.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    files: AtomicU64,
    dirs: AtomicU64,
    evaluated: AtomicU64,
}

impl Stats {
    pub(crate) fn file_read(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn dir_listed(&self) {
        self.dirs.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn package_evaluated(&self) {
        self.evaluated.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn evaluated(&self) -> u64 {
        self.evaluated.load(Ordering::Relaxed)
    }

    pub(crate) fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    pub(crate) fn dirs(&self) -> u64 {
        self.dirs.load(Ordering::Relaxed)
    }
}
