//! The provider stacks rer is checked and timed on, and one solve through them.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_index::{IndexOptions, Indexed};
use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, Derived, Family, FamilyProvider, ProviderError};
use rer_solver::{Resolve, SolveError, Solver};
use rer_tests::benchmark::{Expected, ExpectedVariant};

/// Which providers a stack is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// Eager: every package of `packages.json` in a `MemoryProvider`, built
    /// once, and one `Solver` serving every request (what it derives from
    /// package data is kept across solves, as in a batch).
    Memory,
    /// The same provider with a fresh `Solver` for every request; what the
    /// solvers learn of packages is kept by the provider (its `Derived`
    /// store, new for each round), so each new solver starts from it.
    MemoryFresh,
    /// A fresh `Solver` for every request over a provider that keeps no
    /// derived store: nothing carried from one solve to the next.
    MemoryFreshUnshared,
    /// Lazy and cold: a fresh `Cached<FsProvider>` over the package.py tree
    /// for every request, so each solve reads exactly what it touches.
    FsCold,
    /// Lazy and shared: one `Cached<FsProvider>` serving every request.
    FsShared,
    /// A fresh `Cached<Indexed<FsProvider>>` per request over an empty
    /// repository index, persisted after the solve: a first-ever solve.
    FsIndexCold,
    /// A fresh `Cached<Indexed<FsProvider>>` per request over an index that
    /// every request has been solved through once already (untimed): what
    /// a fresh `rer solve` process gets from a warm index.
    FsIndexWarm,
}

impl Stack {
    /// All stacks, in report order.
    pub const ALL: [Stack; 7] = [
        Stack::Memory,
        Stack::MemoryFresh,
        Stack::MemoryFreshUnshared,
        Stack::FsCold,
        Stack::FsShared,
        Stack::FsIndexCold,
        Stack::FsIndexWarm,
    ];

    /// The stack's name in reports.
    pub fn label(self) -> &'static str {
        match self {
            Stack::Memory => "memory (eager, packages.json)",
            Stack::MemoryFresh => "memory, fresh Solver per request",
            Stack::MemoryFreshUnshared => "memory, fresh Solver, nothing shared",
            Stack::FsCold => "fs cold (Cached<FsProvider>, fresh per request)",
            Stack::FsShared => "fs shared (one Cached<FsProvider>)",
            Stack::FsIndexCold => "fs index cold (fresh Indexed, empty index)",
            Stack::FsIndexWarm => "fs index warm (fresh Indexed, warm index)",
        }
    }
}

/// The memory provider as one round of a stack sees it: its families, and
/// a `Derived` store of the round's own (or none), so that what solvers
/// keep there is not carried from one round or stack to the next.
pub struct Round<'a> {
    inner: &'a MemoryProvider,
    store: Option<Derived>,
}

impl<'a> Round<'a> {
    /// `inner`, with a new store when `keeps` and none otherwise.
    pub fn new(inner: &'a MemoryProvider, keeps: bool) -> Self {
        Round {
            inner,
            store: keeps.then(Derived::new),
        }
    }
}

impl FamilyProvider for Round<'_> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        self.inner.family(name)
    }

    fn derived(&self) -> Option<&Derived> {
        self.store.as_ref()
    }
}

/// What one solve gave, reduced to what is compared and reported.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `Ok(Some(variants))` solved, `Ok(None)` failed, `Err(kind: message)` error.
    pub answer: Result<Option<Vec<ExpectedVariant>>, String>,
    /// Time inside the solve call.
    pub time: Duration,
    /// Solver steps.
    pub iterations: usize,
    /// Families the solve asked for.
    pub families: usize,
    /// Packages the solve materialised.
    pub packages: usize,
    /// For the cold fs stack: package files read, and versions listed in the
    /// families the solve looked up (what a whole-family loader would read).
    /// For the index stacks: packages read from files, and packages
    /// answered from the index.
    pub fs_reads: Option<(u64, usize)>,
}

impl Outcome {
    /// True when the answer is exactly rez's.
    pub fn matches(&self, expected: &Expected) -> bool {
        match (&self.answer, expected) {
            (Ok(Some(got)), Expected::Solved(want)) => got == want,
            (Ok(None), Expected::Failed) => true,
            _ => false,
        }
    }

    /// A short rendering of the answer for difference reports.
    pub fn describe(&self) -> String {
        match &self.answer {
            Ok(Some(vs)) => vs
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            Ok(None) => "failed".into(),
            Err(e) => format!("error: {e}"),
        }
    }
}

/// How many of `outcomes` are exactly rez's answers in `expected`.
pub fn count_exact(outcomes: &[Outcome], expected: &[Expected]) -> usize {
    outcomes
        .iter()
        .zip(expected)
        .filter(|(o, e)| o.matches(e))
        .count()
}

/// Renders rez's answer like [`Outcome::describe`].
pub fn describe_expected(expected: &Expected) -> String {
    match expected {
        Expected::Solved(vs) => vs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        Expected::Failed => "failed".into(),
    }
}

/// Solves one request with `solver`, timing the call.
pub fn solve<P: FamilyProvider>(solver: &Solver<P>, request: &[String]) -> Outcome {
    let start = Instant::now();
    let result = solver.solve_strs(request);
    let time = start.elapsed();
    match result {
        Ok(resolve) => {
            let stats = *resolve.stats();
            let answer = match resolve {
                Resolve::Solved(solution) => Some(
                    solution
                        .variants
                        .iter()
                        .map(|v| ExpectedVariant {
                            name: v.name.to_string(),
                            version: v.version.to_string(),
                            index: v.index,
                        })
                        .collect(),
                ),
                Resolve::Failed(_) | Resolve::Aborted(_) => None,
            };
            Outcome {
                answer: Ok(answer),
                time,
                iterations: stats.iterations,
                families: stats.families_loaded,
                packages: stats.packages_loaded,
                fs_reads: None,
            }
        }
        Err(e) => Outcome {
            answer: Err(error_text(&e)),
            time,
            iterations: 0,
            families: 0,
            packages: 0,
            fs_reads: None,
        },
    }
}

fn error_text(e: &SolveError) -> String {
    format!("{}: {e}", e.kind())
}

/// Runs every request through `stack` one after another.
pub fn run_serial(
    stack: Stack,
    memory: &Arc<MemoryProvider>,
    packages_dir: &Path,
    requests: &[Vec<String>],
) -> Result<Vec<Outcome>, String> {
    match stack {
        Stack::Memory => {
            let solver = Solver::new(Round::new(memory, true));
            Ok(requests.iter().map(|r| solve(&solver, r)).collect())
        }
        Stack::MemoryFresh => {
            let round = Round::new(memory, true);
            Ok(requests
                .iter()
                .map(|r| solve(&Solver::new(&round), r))
                .collect())
        }
        Stack::MemoryFreshUnshared => {
            let round = Round::new(memory, false);
            Ok(requests
                .iter()
                .map(|r| solve(&Solver::new(&round), r))
                .collect())
        }
        Stack::FsCold => requests
            .iter()
            .map(|r| {
                let cached =
                    Cached::new(FsProvider::new([packages_dir]).map_err(|e| e.to_string())?);
                let mut outcome = solve(&Solver::new(&cached), r);
                let listed = cached.loaded_families().iter().map(|f| f.len()).sum();
                outcome.fs_reads = Some((cached.inner().files_read(), listed));
                Ok(outcome)
            })
            .collect(),
        Stack::FsShared => {
            let provider = FsProvider::new([packages_dir]).map_err(|e| e.to_string())?;
            let solver = Solver::new(Cached::new(provider));
            Ok(requests.iter().map(|r| solve(&solver, r)).collect())
        }
        Stack::FsIndexCold | Stack::FsIndexWarm => {
            let dir = std::env::temp_dir().join(format!(
                "rer-xtask-index-{}-{}",
                std::process::id(),
                if stack == Stack::FsIndexCold {
                    "cold"
                } else {
                    "warm"
                }
            ));
            let _ = std::fs::remove_dir_all(&dir);
            let options = IndexOptions::new(&dir);
            let fs = Arc::new(FsProvider::new([packages_dir]).map_err(|e| e.to_string())?);
            let indexed = || Indexed::new(Arc::clone(&fs), &options).map_err(|e| e.to_string());
            if stack == Stack::FsIndexWarm {
                for r in requests {
                    let index = indexed()?;
                    solve(&Solver::new(Cached::new(&index)), r);
                    index.persist().map_err(|e| e.to_string())?;
                }
            }
            let outcomes = requests
                .iter()
                .map(|r| {
                    if stack == Stack::FsIndexCold {
                        let _ = std::fs::remove_dir_all(&dir);
                    }
                    let index = indexed()?;
                    let start = Instant::now();
                    let mut outcome = solve(&Solver::new(Cached::new(&index)), r);
                    index.persist().map_err(|e| e.to_string())?;
                    outcome.time = start.elapsed();
                    let stats = index.stats();
                    outcome.fs_reads = Some((stats.packages_read, stats.packages_reused as usize));
                    Ok(outcome)
                })
                .collect();
            let _ = std::fs::remove_dir_all(&dir);
            outcomes
        }
    }
}
