//! [`Prefetching`]: a provider decorator that reads the packages a solve is
//! about to need on a small pool of threads, so that a solve over a slow
//! file system (a network share, where every file open is a round trip)
//! waits for about the slowest of a batch of reads rather than their sum.
//!
//! The solver tells its provider which packages it is about to read with
//! [`FamilyProvider::prefetch`]: the versions within a range it has just
//! intersected, for each family it is about to add to a phase (uv's batch
//! prefetch is the model). Every other provider ignores the hint (or, for
//! decorators, passes it on); this one hands each package not read yet to
//! its pool, whose threads read it through [`Family::package`]. A family
//! reads each package once, whoever asks first: a solve that reaches a
//! package a pool thread is reading waits for that read instead of making
//! its own, and a package the solve reaches first is read by the solve.
//!
//! What is read is exactly what the hints name, which the solver names only
//! for packages it goes on to read, so answers and the set of packages read
//! are those of a plain solve (the tests check both on rez's benchmark).
//!
//! The pool is a [`rayon`] thread pool of its own (a well-kept pool with a
//! FIFO queue for work spawned from outside it; rayon's global pool is left
//! alone): its threads mostly wait on the file system, so a few more than
//! the machine's cores pay. Several providers may share one pool
//! ([`Prefetching::with_pool`]).

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use rer_repo::{Derived, Family, FamilyProvider, ProviderError};

/// The threads of a pool made by [`Prefetching::new`].
pub const DEFAULT_THREADS: usize = 8;

/// A pool of threads that read packages ahead of a solve, with a count of
/// the reads it has not finished.
pub struct PrefetchPool {
    pool: rayon::ThreadPool,
    threads: usize,
    pending: Mutex<usize>,
    idle: Condvar,
}

impl std::fmt::Debug for PrefetchPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrefetchPool")
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

impl PrefetchPool {
    /// A pool of `threads` threads (at least one).
    ///
    /// # Errors
    /// When the operating system refuses to start the threads.
    pub fn new(threads: usize) -> Result<PrefetchPool, ProviderError> {
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("rer-prefetch-{i}"))
            .build()
            .map_err(|e| ProviderError::Other {
                family: String::new(),
                message: format!("cannot start the prefetch threads: {e}"),
            })?;
        Ok(PrefetchPool {
            pool,
            threads,
            pending: Mutex::new(0),
            idle: Condvar::new(),
        })
    }

    /// The number of threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Reads the packages at `positions` of `family` that are not read yet,
    /// on the pool, in the order given. Returns at once.
    pub fn read_ahead(self: &Arc<Self>, family: &Arc<Family>, positions: &[usize]) {
        for &index in positions {
            if index >= family.len() || family.is_loaded(index) {
                continue;
            }
            *self.pending.lock().unwrap_or_else(PoisonError::into_inner) += 1;
            let family = Arc::clone(family);
            let pool = Arc::clone(self);
            self.pool.spawn(move || {
                // the answer (an error included) stays in the family, where
                // the solve finds it
                let _ = family.package(index);
                let mut pending = pool.pending.lock().unwrap_or_else(PoisonError::into_inner);
                *pending -= 1;
                if *pending == 0 {
                    pool.idle.notify_all();
                }
            });
        }
    }

    /// Waits until every read handed to the pool so far has finished.
    pub fn wait_idle(&self) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        while *pending > 0 {
            pending = self
                .idle
                .wait(pending)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Wraps a provider and reads the packages the solver names in its
/// [`FamilyProvider::prefetch`] hints on a pool of threads.
///
/// Everything else is the inner provider's: its families (the same
/// objects), its errors, its [`Derived`] store. Put it outermost, over
/// [`Cached`](rer_repo::Cached) or whatever the solver should see:
/// `Prefetching::new(Cached::new(fs))`.
#[derive(Debug)]
pub struct Prefetching<P> {
    inner: P,
    pool: Arc<PrefetchPool>,
}

impl<P: FamilyProvider> Prefetching<P> {
    /// Wraps `inner` with a pool of [`DEFAULT_THREADS`] threads.
    ///
    /// # Errors
    /// When the threads cannot be started.
    pub fn new(inner: P) -> Result<Self, ProviderError> {
        Self::with_threads(inner, DEFAULT_THREADS)
    }

    /// Wraps `inner` with a pool of `threads` threads (at least one).
    ///
    /// # Errors
    /// When the threads cannot be started.
    pub fn with_threads(inner: P, threads: usize) -> Result<Self, ProviderError> {
        Ok(Self::with_pool(
            inner,
            Arc::new(PrefetchPool::new(threads)?),
        ))
    }

    /// Wraps `inner`, reading ahead on `pool` (which other providers may
    /// share).
    pub fn with_pool(inner: P, pool: Arc<PrefetchPool>) -> Self {
        Prefetching { inner, pool }
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// The pool.
    pub fn pool(&self) -> &Arc<PrefetchPool> {
        &self.pool
    }
}

impl<P: FamilyProvider> FamilyProvider for Prefetching<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        self.inner.family(name)
    }

    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        self.pool.read_ahead(family, positions);
        true
    }

    fn derived(&self) -> Option<&Derived> {
        self.inner.derived()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use rer_repo::{FnProvider, Package};
    use rer_version::Version;

    use super::*;

    /// A family of versions 1..=n whose loader counts its calls and fails
    /// for version 3.
    fn counted(n: usize) -> (Arc<Family>, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        let versions = (1..=n)
            .map(|i| Version::parse(&i.to_string()).unwrap_or_default())
            .collect();
        let loader = move |v: &Version| {
            seen.fetch_add(1, Ordering::Relaxed);
            if v.to_string() == "3" {
                return Err(ProviderError::Other {
                    family: "foo".into(),
                    message: "unreadable".into(),
                });
            }
            Ok(Package::new("foo", v.clone()))
        };
        let family =
            Family::lazy("foo", versions, Arc::new(loader)).unwrap_or_else(|e| panic!("{e}"));
        (Arc::new(family), calls)
    }

    #[test]
    fn reads_what_is_hinted_once_and_keeps_errors_for_the_solve() {
        let (family, calls) = counted(6);
        let provider = Prefetching::with_threads(FnProvider::new(|_: &str| Ok(None)), 3)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(provider.pool().threads(), 3);
        assert!(provider.prefetch(&family, &[0, 2, 4, 99]));
        provider.pool().wait_idle();
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert!(family.is_loaded(0) && family.is_loaded(2) && family.is_loaded(4));
        assert!(!family.is_loaded(1) && !family.is_loaded(3) && !family.is_loaded(5));
        // the failed read is the family's answer, once
        assert!(family.package(2).is_err());
        // hinting again reads nothing more
        provider.prefetch(&family, &[0, 2, 4]);
        provider.pool().wait_idle();
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert!(family.package(1).is_ok());
        assert_eq!(calls.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn families_and_stores_are_the_inner_providers() {
        let provider = Prefetching::with_threads(
            rer_repo::Cached::new(FnProvider::new(|name: &str| {
                Ok(Some(vec![Package::new(name, Version::default())]))
            })),
            1,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let a = provider.family("foo").ok().flatten();
        let b = provider.inner().family("foo").ok().flatten();
        assert!(matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(&a, &b)));
        assert!(std::ptr::eq(
            provider
                .derived()
                .map_or(std::ptr::null(), |d| d as *const Derived),
            provider
                .inner()
                .derived()
                .map_or(std::ptr::null(), |d| d as *const Derived),
        ));
        assert!(provider.derived().is_some());
    }
}
