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

use std::sync::atomic::{AtomicBool, Ordering};
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
    stopped: AtomicBool,
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
            stopped: AtomicBool::new(false),
        })
    }

    /// The number of threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Reads the packages at `positions` of `family` that are not read yet,
    /// on the pool, in the order given. Returns at once. Nothing once the
    /// pool is [stopped](PrefetchPool::stop).
    pub fn read_ahead(self: &Arc<Self>, family: &Arc<Family>, positions: &[usize]) {
        if self.is_stopped() {
            return;
        }
        for &index in positions {
            if index >= family.len() || family.is_loaded(index) {
                continue;
            }
            *self.pending.lock().unwrap_or_else(PoisonError::into_inner) += 1;
            let family = Arc::clone(family);
            let pool = Arc::clone(self);
            self.pool.spawn(move || {
                // the answer (an error included) stays in the family, where
                // the solve finds it; a stopped pool drops the reads it has
                // not started
                if !pool.is_stopped() {
                    let _ = family.package(index);
                }
                let mut pending = pool.pending.lock().unwrap_or_else(PoisonError::into_inner);
                *pending -= 1;
                if *pending == 0 {
                    pool.idle.notify_all();
                }
            });
        }
    }

    /// Stops reading ahead: the reads handed to the pool that have not
    /// started are dropped (their packages are read when a solve asks for
    /// them, as without prefetching), later hints are ignored, and this
    /// waits for the reads under way, at most one per thread. A program
    /// calls it when its solves are done, so that it neither reads what no
    /// solve will use nor exits (or writes what it learnt) while a thread
    /// is in the middle of a read.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
        self.wait_idle();
    }

    /// Whether [`PrefetchPool::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
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
    fn a_stopped_pool_drops_the_reads_not_started_and_ignores_new_hints() {
        let calls = Arc::new(AtomicUsize::new(0));
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let wait = Mutex::new(wait);
        let seen = Arc::clone(&calls);
        let loader = move |v: &Version| {
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                // the first read is under way until the test lets it finish
                let _ = wait.lock().map(|w| w.recv());
            }
            Ok(Package::new("foo", v.clone()))
        };
        let versions = (1..=5)
            .map(|i| Version::parse(&i.to_string()).unwrap_or_default())
            .collect();
        let family = Arc::new(
            Family::lazy("foo", versions, Arc::new(loader)).unwrap_or_else(|e| panic!("{e}")),
        );
        let provider = Prefetching::with_threads(FnProvider::new(|_: &str| Ok(None)), 1)
            .unwrap_or_else(|e| panic!("{e}"));
        provider.prefetch(&family, &[0, 1, 2, 3, 4]);
        while calls.load(Ordering::SeqCst) == 0 {
            std::thread::yield_now();
        }
        let pool = Arc::clone(provider.pool());
        let stopping = std::thread::spawn(move || pool.stop());
        while !provider.pool().is_stopped() {
            std::thread::yield_now();
        }
        let _ = release.send(());
        stopping.join().unwrap_or_else(|_| panic!("stop panicked"));
        // the read under way finished; the four queued were dropped
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(family.is_loaded(0));
        assert!((1..5).all(|i| !family.is_loaded(i)));
        provider.prefetch(&family, &[1, 2]);
        provider.pool().wait_idle();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // the solve still reads what it needs
        assert!(family.package(3).is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
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
