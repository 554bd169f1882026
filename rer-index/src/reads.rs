//! What vouches for everything an [`Indexed`](crate::Indexed) provider
//! answered: the recorded states of the files each listing and package
//! came from, kept while solves run and checked again later.
//!
//! A solve's outcome is a function of its inputs and of what the provider
//! answered it: the families it asked for and the packages it loaded. The
//! index answers each only while the files it was read from are in a
//! recorded state, so while every one of those states still holds, every
//! answer the solve was given would be given again, and the same solve
//! would reach the same outcome. [`Reads`] lists those states; it exists
//! only when every answer was vouched for this way (nothing read with an
//! error, evaluated, or too recent to record).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::base::Base;
use crate::options::PARALLEL_CHECK_MIN_STATS;
use crate::probe::{Kind, Probe, path_bytes};
use crate::record::{Spot, SpotPaths, rel_path};
use crate::state::{FamilyState, ListingToWrite, RootIndex, RootState, UsedPackage};

/// Whether reads are kept, and whether one could not be vouched for.
#[derive(Debug, Default)]
pub(crate) struct Tracer {
    on: AtomicBool,
    unvouched: AtomicBool,
}

impl Tracer {
    /// Keeps reads from now on.
    pub(crate) fn start(&self) {
        self.on.store(true, Ordering::Relaxed);
    }

    fn is_on(&self) -> bool {
        self.on.load(Ordering::Relaxed)
    }

    /// Notes that `version` was loaded from `root`, vouched for by `probes`.
    pub(crate) fn used(&self, root: &RootState, version: &str, probes: &[(Spot, Probe)]) {
        if self.is_on() {
            root.used
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(UsedPackage {
                    version: version.into(),
                    probes: probes.to_vec(),
                });
        }
    }

    /// Notes that something was answered that no recorded state vouches
    /// for: no [`Reads`] can be made any more.
    pub(crate) fn unvouched(&self) {
        self.unvouched.store(true, Ordering::Relaxed);
    }
}

/// The states of the files that vouch for everything an
/// [`Indexed`](crate::Indexed) provider answered since it was asked to keep
/// its reads ([`Indexed::keep_reads`](crate::Indexed::keep_reads)): for
/// each family asked for in each root, the states its listing was read in
/// (or recorded in), and for each package loaded, those of its files.
///
/// [`Indexed::reads_hold`](crate::Indexed::reads_hold) checks them all
/// again, with the same `stat`s the index uses to trust a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reads {
    /// The roots, resolved, in the provider's order.
    roots: Vec<Vec<u8>>,
    families: Vec<FamilyReads>,
}

/// One family in one root, as [`Reads`] keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FamilyReads {
    root: u32,
    family: String,
    /// The listing's probes (paths relative to the root) and checks.
    probes: Vec<(Vec<u8>, Probe)>,
    checks: Vec<(Vec<u8>, Kind)>,
    /// Each package loaded: its version text and its files' states.
    packages: Vec<(String, Vec<(Spot, Probe)>)>,
}

impl Reads {
    /// How many families (counted once per root) and packages it vouches for.
    pub fn len(&self) -> (usize, usize) {
        let packages = self.families.iter().map(|f| f.packages.len()).sum();
        (self.families.len(), packages)
    }

    /// Whether it vouches for nothing (no family was asked for).
    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// How many `stat`s checking it takes, when every state holds.
    pub fn stat_count(&self) -> usize {
        self.families
            .iter()
            .map(|f| {
                let packages: usize = f.packages.iter().map(|(_, probes)| probes.len()).sum();
                f.probes.len() + f.checks.len() + packages
            })
            .sum()
    }
}

/// The reads of `touched` over `roots`; `None` when they were not kept or
/// one of them is not vouched for.
pub(crate) fn collect(
    tracer: &Tracer,
    roots: &[RootIndex],
    touched: &[Arc<FamilyState>],
) -> Option<Reads> {
    if !tracer.is_on() || tracer.unvouched.load(Ordering::Relaxed) {
        return None;
    }
    let mut families = Vec::new();
    for state in touched {
        for (r, root_state) in state.roots.iter().enumerate() {
            let (probes, checks) = match (&root_state.listing, &root_state.stored) {
                (ListingToWrite::Fresh(listing), _) => {
                    (listing.probes.clone(), listing.checks.clone())
                }
                (ListingToWrite::Stored, Some(stored)) => {
                    let head = stored.head()?;
                    let listing = head.listing?;
                    (
                        listing
                            .probes
                            .iter()
                            .map(|(p, s)| (p.0.to_vec(), *s))
                            .collect(),
                        listing
                            .checks
                            .iter()
                            .map(|(p, k)| (p.0.to_vec(), *k))
                            .collect(),
                    )
                }
                _ => return None,
            };
            let packages = root_state
                .used
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .map(|u| (u.version.to_string(), u.probes.clone()))
                .collect();
            families.push(FamilyReads {
                root: u32::try_from(r).ok()?,
                family: state.name.to_string(),
                probes,
                checks,
                packages,
            });
        }
    }
    Some(Reads {
        roots: roots.iter().map(|r| path_bytes(&r.root)).collect(),
        families,
    })
}

/// Whether every state in `reads` still holds below `roots` (which must be
/// the roots it was made over, in order). A check of at least
/// [`PARALLEL_CHECK_MIN_STATS`] `stat`s is spread over `threads` threads;
/// either way it stops at the first state that fails.
pub(crate) fn hold(reads: &Reads, roots: &[RootIndex], threads: usize) -> bool {
    if reads.roots.len() != roots.len()
        || reads
            .roots
            .iter()
            .zip(roots)
            .any(|(kept, root)| *kept != path_bytes(&root.root))
    {
        return false;
    }
    // Each root's handle, taken once for the whole check (as a family's
    // own check takes it once), before any family is checked.
    let mut bases: Vec<Option<Arc<Base>>> = vec![None; roots.len()];
    for family in &reads.families {
        match bases.get_mut(family.root as usize) {
            Some(slot @ None) => *slot = Some(roots[family.root as usize].base.current()),
            Some(Some(_)) => {}
            None => return false,
        }
    }
    let holds = |family: &FamilyReads| {
        bases[family.root as usize]
            .as_deref()
            .is_some_and(|base| family_holds(family, base))
    };
    if threads <= 1 || reads.stat_count() < PARALLEL_CHECK_MIN_STATS {
        return reads.families.iter().all(holds);
    }
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("rer-check-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| reads.families.par_iter().all(holds)),
        // no threads to be had: the same check, on this one
        Err(_) => reads.families.iter().all(holds),
    }
}

fn family_holds(family: &FamilyReads, base: &Base) -> bool {
    let listing = family
        .probes
        .iter()
        .all(|(path, probe)| rel_path(path).is_some_and(|p| probe.holds(base, p)))
        && family
            .checks
            .iter()
            .all(|(path, kind)| rel_path(path).is_some_and(|p| Kind::at(base, p) == *kind));
    listing
        && family.packages.iter().all(|(version, probes)| {
            let mut paths = SpotPaths::new(&family.family, version);
            probes.iter().all(|(spot, probe)| {
                let path: &Path = paths.get(*spot);
                probe.holds(base, path)
            })
        })
}
