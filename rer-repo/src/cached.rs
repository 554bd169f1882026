//! The memoising decorator: each family is loaded at most once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::{Derived, Family, FamilyProvider, ProviderError};

/// What a cache knows of one family name: nothing yet, or the inner
/// provider's answer (a family, or "no such family").
type Entry = Arc<Mutex<Option<Option<Arc<Family>>>>>;

/// Wraps any provider and remembers its answers, so that each family is
/// loaded from the inner provider at most once, however many solves and
/// threads ask for it.
///
/// - Both answers are remembered: a family, and "no such family".
/// - Errors are not: the next request asks the inner provider again (an I/O
///   error on a network share may be gone by then). A package that fails to
///   load inside a family is remembered by the [`Family`] itself.
/// - Threads asking for the same family at the same time wait for the one
///   that loads it; threads asking for different families do not wait for
///   each other.
///
/// [`Cached::stats`] counts loads and hits, for tests and benchmarks.
///
/// It keeps a [`Derived`] store (see [`FamilyProvider::derived`]), so that
/// solvers made one after another over one `Cached` share what they learn
/// of its packages; it passes [`FamilyProvider::prefetch`] hints on.
#[derive(Debug)]
pub struct Cached<P> {
    inner: P,
    entries: RwLock<HashMap<Arc<str>, Entry>>,
    loads: AtomicU64,
    hits: AtomicU64,
    derived: Derived,
}

/// Counters of a [`Cached`] provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Calls made to the inner provider (each name once, unless it failed).
    pub loads: u64,
    /// Answers given from memory.
    pub hits: u64,
}

impl<P: FamilyProvider> Cached<P> {
    /// Wraps `inner` with an empty cache.
    pub fn new(inner: P) -> Self {
        Cached {
            inner,
            entries: RwLock::new(HashMap::new()),
            loads: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            derived: Derived::new(),
        }
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// The counters so far.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            loads: self.loads.load(Ordering::Relaxed),
            hits: self.hits.load(Ordering::Relaxed),
        }
    }

    /// The families loaded so far and found (not the "no such family"
    /// answers), in no particular order.
    pub fn loaded_families(&self) -> Vec<Arc<Family>> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        entries
            .values()
            .filter_map(|e| {
                e.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
                    .flatten()
            })
            .collect()
    }

    fn entry(&self, name: &str) -> Entry {
        if let Some(entry) = self
            .entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
        {
            return Arc::clone(entry);
        }
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(entries.entry(Arc::from(name)).or_default())
    }
}

impl<P: FamilyProvider> FamilyProvider for Cached<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let entry = self.entry(name);
        let mut slot = entry.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(answer) = slot.as_ref() {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(answer.clone());
        }
        self.loads.fetch_add(1, Ordering::Relaxed);
        let answer = self.inner.family(name)?;
        *slot = Some(answer.clone());
        Ok(answer)
    }

    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        self.inner.prefetch(family, positions)
    }

    /// A store of the cache's own: it answers the same family object for a
    /// name every time, which is what what consumers keep is tied to.
    fn derived(&self) -> Option<&Derived> {
        Some(&self.derived)
    }
}
