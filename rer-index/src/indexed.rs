//! [`Indexed`]: a filesystem provider answering from a persistent index.

use std::hash::Hasher;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

use rer_provider_fs::FsProvider;
use rer_repo::{Family, FamilyProvider, ListingOrder, ProviderError, RootListing};
use rer_version::{Version, is_valid_package_name};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::base::BaseCell;
use crate::counters::IndexStats;
use crate::listing::{Layout, fingerprint};
use crate::options::IndexOptions;
use crate::order::{self, StoredOrder};
use crate::probe::path_bytes;
use crate::reads::{self, Reads, Tracer};
use crate::record::{self, OwnedListing};
use crate::state::{
    Context, FamilyState, Fresh, IndexedLoader, ListingToWrite, RootIndex, RootState,
};

/// A rez filesystem repository provider that keeps what it read in a
/// persistent index and answers from it while the files are unchanged.
///
/// It decorates the caller's [`FsProvider`]: the same roots, the same
/// answers (families, versions, packages, errors), with every listing and
/// package validated against the files before it is used (see the crate
/// docs for what is checked). Packages the static reader refuses are read
/// with the caller's provider's evaluator, and never recorded; what the
/// caller's provider warns of on listing a family (two directories of one
/// version) is added to its [`FsProvider::warnings`], whether the listing
/// was read or answered from the index.
///
/// What a process learns is written back by [`Indexed::persist`]: call it
/// when the solves are done (the `rer` command does, after printing).
/// Nothing is written before that, and a process that never persists leaves
/// the index as it found it.
pub struct Indexed {
    context: Arc<Context>,
    roots: Arc<[RootIndex]>,
    touched: Mutex<Vec<Arc<FamilyState>>>,
}

impl Indexed {
    /// `inner`, answered through the index `options` describe. Nothing is
    /// read or written until a family is asked for.
    ///
    /// # Errors
    /// What [`FsProvider::new`] answers for one of `inner`'s roots (none at
    /// present).
    pub fn new(inner: Arc<FsProvider>, options: &IndexOptions) -> Result<Indexed, ProviderError> {
        let allow = inner.allows_unversioned_packages();
        let reader = hex(&hash(&[options.reader.as_bytes()]));
        let roots = inner
            .roots()
            .iter()
            .map(|root| {
                let key = hash(&[&path_bytes(root), &[u8::from(allow)]]);
                let name = root
                    .file_name()
                    .map(|n| {
                        n.to_string_lossy()
                            .chars()
                            .filter(char::is_ascii_alphanumeric)
                            .take(24)
                            .collect::<String>()
                    })
                    .unwrap_or_default();
                Ok(RootIndex {
                    root: root.clone(),
                    base: BaseCell::new(root, options.root_check_interval),
                    plain: FsProvider::new([root])?.allow_unversioned_packages(allow),
                    records: options
                        .dir
                        .join(format!("index-v1-{reader}"))
                        .join(format!("{name}-{}", hex(&key))),
                })
            })
            .collect::<Result<_, ProviderError>>()?;
        Ok(Indexed {
            context: Arc::new(Context {
                inner,
                counters: Arc::default(),
                racy_margin: options.racy_margin,
                check_threads: options.check_threads,
                exact: Default::default(),
                reads: Tracer::default(),
            }),
            roots,
            touched: Mutex::default(),
        })
    }

    /// The caller's provider.
    pub fn inner(&self) -> &Arc<FsProvider> {
        &self.context.inner
    }

    /// The directories holding each root's records, in root order.
    pub fn record_dirs(&self) -> Vec<PathBuf> {
        self.roots.iter().map(|r| r.records.clone()).collect()
    }

    /// The counters so far.
    pub fn stats(&self) -> IndexStats {
        self.context.counters.snapshot()
    }

    /// Writes back what this provider learnt: one record file per family and
    /// root whose record changed, each written atomically (a temporary file
    /// renamed over the old one). Returns how many files were written.
    /// It can be called again: what the families asked for before learn
    /// since (more of their packages loaded) is written by the next call.
    ///
    /// # Errors
    /// The first error creating the index directory or writing a file; the
    /// other files are still written. The index stays valid whatever fails.
    pub fn persist(&self) -> io::Result<usize> {
        // The families stay listed: a long-lived caller's family can load
        // more of its packages after this, and the next persist writes them.
        let touched: Vec<Arc<FamilyState>> = self
            .touched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut written = 0;
        let mut first_error = None;
        for state in &touched {
            for (root_state, index) in state.roots.iter().zip(self.roots.iter()) {
                let Some(bytes) = root_state.record_bytes(&index.root, &state.name) else {
                    continue;
                };
                match record::write(&root_state.record_path, &bytes) {
                    Ok(()) => {
                        written += 1;
                        self.context.counters.record_written();
                        root_state.dirty.store(false, Ordering::Relaxed);
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
        }
        drop(touched);
        // A state only this list holds belongs to no family any more, so
        // nothing can change it again: it is forgotten once written.
        self.touched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|state| Arc::strong_count(state) > 1 || state.is_dirty());
        match first_error {
            Some(e) => Err(e),
            None => Ok(written),
        }
    }

    /// Keeps, from now on, what vouches for each listing and package this
    /// provider answers, for [`Indexed::reads`]. Call it before the first
    /// family is asked for: what was answered before is not kept. Costs a
    /// few copied stamps per package; off by default.
    pub fn keep_reads(&self) {
        self.context.reads.start();
    }

    /// The states of the files that vouch for everything this provider
    /// answered since [`Indexed::keep_reads`]: `None` when reads were not
    /// kept, or when something answered is not vouched for by the files'
    /// states alone (a package read with an error or evaluated, a listing
    /// or package too recent to record, a combined file, a name that is not
    /// a package name). Call it before [`Indexed::persist`].
    pub fn reads(&self) -> Option<Reads> {
        let touched = self.touched.lock().unwrap_or_else(PoisonError::into_inner);
        reads::collect(&self.context.reads, &self.roots, &touched)
    }

    /// Whether every state in `reads` still holds: true only when `reads`
    /// was made over the same roots and every listing and package it
    /// vouches for would be answered now from the same files in the same
    /// states (one `stat` per recorded path, as the index checks a record;
    /// spread over [`IndexOptions::check_threads`] threads when there are
    /// at least [`PARALLEL_CHECK_MIN_STATS`](crate::PARALLEL_CHECK_MIN_STATS)).
    pub fn reads_hold(&self, reads: &Reads) -> bool {
        reads::hold(reads, &self.roots, self.context.check_threads)
    }

    /// Root `r`'s state for family `name`: its record's listing when that
    /// still holds, else the listing read now.
    fn root_state(&self, r: usize, name: &str) -> Result<(RootState, Listed), ProviderError> {
        let index = &self.roots[r];
        let root = path_bytes(&index.root);
        let record_path = index.records.join(record_file_name(name));
        let base = index.base.current();
        // The record's listing, when the record is this root's and family's
        // and the listing still holds: the versions (`None` for a listing
        // that is there but does not read back, `Some(None)` for a root
        // without the family).
        let mut refused = false;
        let mut reused: Option<(Option<Vec<Version>>, Layout, Option<RootListing>)> = None;
        let found = record::read_or_absent(&record_path, |head| {
            if head.root.0 != root.as_slice() || head.family != name {
                return false;
            }
            let Some(listing) = head.listing.as_ref().filter(|l| l.holds(&base)) else {
                return true;
            };
            let versions = match &listing.versions {
                None => Some(None),
                Some(stored) => stored
                    .iter()
                    .map(|(text, key)| Version::from_text_and_key(text, key.0))
                    .collect::<Option<Vec<_>>>()
                    .map(|vs| Some(vs).filter(|vs| !vs.is_empty())),
            };
            let order = listing.order.as_ref().map(StoredOrder::to_listing);
            // (a listing of some versions always has their order)
            if let Some(versions) = versions
                .filter(|_| listing.versions.as_ref().is_none_or(Vec::is_empty) || order.is_some())
            {
                let layout = if listing.versions.is_some() {
                    Layout::Dir
                } else {
                    Layout::Absent
                };
                reused = Some((versions, layout, order));
            }
            true
        });
        let stored = match found {
            Some(None) => None,
            Some(Some((stored, true))) => Some(stored),
            Some(Some((_, false))) | None => {
                refused = true;
                None
            }
        };
        if refused {
            self.context.counters.record_refused();
        }
        let mut state = RootState {
            record_path,
            base: Arc::clone(&base),
            stored,
            parsed: OnceLock::new(),
            listing: ListingToWrite::Nothing,
            layout: Layout::Unrecorded,
            plain: OnceLock::new(),
            fresh: Mutex::new(Fresh::default()),
            dirty: AtomicBool::new(false),
            used: Mutex::default(),
        };
        if let Some((versions, layout, order)) = reused {
            self.context.counters.listing_reused();
            state.layout = layout;
            state.listing = ListingToWrite::Stored;
            return Ok((state, Listed { versions, order }));
        }
        // Read the listing, with what it depends on taken first.
        let before = fingerprint(&base, name);
        self.context.counters.listing_read();
        let (listed, evaluated) = match index.plain.family(name) {
            // Only a combined file's listing can need evaluating (its
            // `versions`): list it with the caller's evaluator, over this
            // root. Neither it nor anything read through it is recorded.
            Err(ProviderError::NeedsEvaluation { .. }) => {
                (self.context.inner.over_root(&index.root).family(name), true)
            }
            listed => (listed, false),
        };
        let family = listed.clone()?;
        let _ = state.plain.set(listed);
        let versions = family.as_ref().map(|f| f.versions().to_vec());
        let order = family.as_ref().and_then(|f| match f.listing_order() {
            ListingOrder::Roots(roots) if roots.len() == 1 => Some(roots[0].clone()),
            _ => None,
        });
        if let Some((probes, checks, layout)) = before.filter(|_| !evaluated) {
            state.layout = layout;
            let now = SystemTime::now();
            let recordable = layout != Layout::Unrecorded
                && !probes
                    .iter()
                    .any(|p| p.probe.is_racy(now, self.context.racy_margin));
            // A family directory without versions lists as no family, and
            // is recorded as an empty listing (its directory is probed).
            let listed = match (&versions, layout) {
                (None, Layout::Absent) => None,
                (None, _) => Some(Vec::new()),
                (Some(vs), _) => Some(vs.clone()),
            };
            let absent_agrees = layout != Layout::Absent || versions.is_none();
            let probes: Option<Vec<_>> = probes
                .iter()
                .map(|p| Some((path_bytes(&p.path), p.probe)))
                .collect();
            let checks: Option<Vec<_>> = checks
                .iter()
                .map(|(path, kind)| Some((path_bytes(path), *kind)))
                .collect();
            let ordered = listed.as_ref().is_none_or(Vec::is_empty) || order.is_some();
            if let (true, Some(probes), Some(checks)) =
                (recordable && absent_agrees && ordered, probes, checks)
            {
                state.listing = ListingToWrite::Fresh(OwnedListing {
                    probes,
                    checks,
                    versions: listed,
                    order: order.clone(),
                });
                state.dirty.store(true, Ordering::Relaxed);
            }
        }
        Ok((state, Listed { versions, order }))
    }
}

/// What one root lists of a family: its versions (`None` when the root
/// does not have it) and the order rez iterates them in.
struct Listed {
    versions: Option<Vec<Version>>,
    order: Option<RootListing>,
}

impl FamilyProvider for Indexed {
    /// The family as the caller's provider would answer it, from the index
    /// where it still holds.
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        if !is_valid_package_name(name) {
            self.context.reads.unvouched();
            return self.context.inner.family(name);
        }
        let mut roots = Vec::with_capacity(self.roots.len());
        let mut winners: Vec<(Version, usize)> = Vec::new();
        let mut listings: Vec<(usize, Vec<Version>, RootListing, bool)> = Vec::new();
        for r in 0..self.roots.len() {
            let (state, Listed { versions, order }) = self.root_state(r, name)?;
            roots.push(state);
            // What the caller's provider says of this listing, whether it
            // was read now or kept (so a warm index warns as a cold one).
            if let (Some(versions), Some(order)) = (&versions, &order) {
                self.context
                    .inner
                    .warn_of_listing(name, &self.roots[r].root, versions, order);
            }
            let versions = versions.unwrap_or_default();
            // A root's versions come sorted: each above the last winner is
            // appended (one comparison), the rest found by a search.
            let mut appended = true;
            for version in &versions {
                if winners.last().is_none_or(|(last, _)| last < version) {
                    winners.push((version.clone(), r));
                } else if let Err(at) = winners.binary_search_by(|(v, _)| v.cmp(version)) {
                    appended = false;
                    winners.insert(at, (version.clone(), r));
                } else {
                    appended = false;
                }
            }
            if let Some(order) = order {
                listings.push((r, versions, order, appended));
            }
        }
        let state = Arc::new(FamilyState {
            name: name.into(),
            roots,
            evaluated: OnceLock::new(),
        });
        self.touched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Arc::clone(&state));
        if winners.is_empty() {
            return Ok(None);
        }
        let versions = winners.iter().map(|(v, _)| v.clone()).collect();
        let order = ListingOrder::Roots(
            listings
                .into_iter()
                .map(|(r, own, listing, appended)| {
                    // Every winner this root's, each appended in order:
                    // the root's positions are the family's.
                    let same = appended
                        && own.len() == winners.len()
                        && winners.iter().all(|(_, w)| *w == r);
                    order::remap(&listing, &own, &winners, r, same)
                })
                .collect(),
        );
        let loader = IndexedLoader {
            context: Arc::clone(&self.context),
            roots: Arc::clone(&self.roots),
            state: Arc::clone(&state),
            winners,
        };
        Family::lazy(Arc::clone(&state.name), versions, Arc::new(loader))
            .map(|f| Some(Arc::new(f.with_listing_order(order))))
    }

    /// Passed on to the filesystem provider (which reads nothing ahead): a
    /// prefetching layer goes above this one, where it reads through the
    /// index's families.
    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        self.context.inner.prefetch(family, positions)
    }
}

impl std::fmt::Debug for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexed")
            .field(
                "roots",
                &self.roots.iter().map(|r| &r.root).collect::<Vec<_>>(),
            )
            .field("stats", &self.stats())
            .finish()
    }
}

/// The record file of family `name`: the name (a valid package name is a
/// safe file name) and a hash of it, so that names differing only in case
/// stay apart on case-insensitive file systems.
fn record_file_name(name: &str) -> String {
    let key = hash(&[name.as_bytes()]);
    format!("{name}.{}.rec", hex(&key[..4]))
}

pub(crate) fn hash(parts: &[&[u8]]) -> [u8; 16] {
    let mut hasher = SipHasher13::new();
    for part in parts {
        hasher.write_usize(part.len());
        hasher.write(part);
    }
    hasher.finish128().as_bytes()
}

/// `bytes` in lower-case hexadecimal. (Formatting each byte with `{:02x}`
/// cost 8,400 instructions per 16-byte hash, once per family asked for.)
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_spells_each_byte_as_two_lower_case_digits() {
        let bytes: Vec<u8> = (0..=255).collect();
        let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), formatted);
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn a_record_file_is_named_by_the_family_and_its_hash() {
        let key = hash(&[b"foo"]);
        let digits: String = key[..4].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(record_file_name("foo"), format!("foo.{digits}.rec"));
    }
}
