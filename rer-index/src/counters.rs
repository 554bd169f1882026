//! Counters of what an index answered and what it read.

use std::sync::atomic::{AtomicU64, Ordering};

/// What an [`Indexed`](crate::Indexed) provider has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexStats {
    /// Root listings answered from a record that still held.
    pub listings_reused: u64,
    /// Root listings read from the files.
    pub listings_read: u64,
    /// Packages answered from a record that still held.
    pub packages_reused: u64,
    /// Packages read from the files (by the index's own reader).
    pub packages_read: u64,
    /// Record files found but not trusted: damaged, truncated, of another
    /// format, root or family.
    pub records_refused: u64,
    /// Record files written by [`Indexed::persist`](crate::Indexed::persist).
    pub records_written: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    listings_reused: AtomicU64,
    listings_read: AtomicU64,
    packages_reused: AtomicU64,
    packages_read: AtomicU64,
    records_refused: AtomicU64,
    records_written: AtomicU64,
}

macro_rules! bump {
    ($($name:ident => $field:ident),*) => {
        impl Counters {
            $(pub(crate) fn $name(&self) {
                self.$field.fetch_add(1, Ordering::Relaxed);
            })*
        }
    };
}

bump!(
    listing_reused => listings_reused,
    listing_read => listings_read,
    package_reused => packages_reused,
    package_read => packages_read,
    record_refused => records_refused,
    record_written => records_written
);

impl Counters {
    pub(crate) fn snapshot(&self) -> IndexStats {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        IndexStats {
            listings_reused: get(&self.listings_reused),
            listings_read: get(&self.listings_read),
            packages_reused: get(&self.packages_reused),
            packages_read: get(&self.packages_read),
            records_refused: get(&self.records_refused),
            records_written: get(&self.records_written),
        }
    }
}
