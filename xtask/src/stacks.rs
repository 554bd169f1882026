//! The provider stacks rer is checked and timed on, and one solve through them.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{Cached, FamilyProvider};
use rer_solver::{Resolve, SolveError, Solver};
use rer_tests::benchmark::{Expected, ExpectedVariant};

/// Which providers a stack is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// Eager: every package of `packages.json` in a `MemoryProvider`, built
    /// once, and one `Solver` serving every request (what it derives from
    /// package data is kept across solves, as in a batch).
    Memory,
    /// The same provider with a fresh `Solver` for every request: nothing
    /// carried from one solve to the next.
    MemoryFresh,
    /// Lazy and cold: a fresh `Cached<FsProvider>` over the package.py tree
    /// for every request, so each solve reads exactly what it touches.
    FsCold,
    /// Lazy and shared: one `Cached<FsProvider>` serving every request.
    FsShared,
}

impl Stack {
    /// All stacks, in report order.
    pub const ALL: [Stack; 4] = [
        Stack::Memory,
        Stack::MemoryFresh,
        Stack::FsCold,
        Stack::FsShared,
    ];

    /// The stack's name in reports.
    pub fn label(self) -> &'static str {
        match self {
            Stack::Memory => "memory (eager, packages.json)",
            Stack::MemoryFresh => "memory, fresh Solver per request",
            Stack::FsCold => "fs cold (Cached<FsProvider>, fresh per request)",
            Stack::FsShared => "fs shared (one Cached<FsProvider>)",
        }
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
            let solver = Solver::new(Arc::clone(memory));
            Ok(requests.iter().map(|r| solve(&solver, r)).collect())
        }
        Stack::MemoryFresh => Ok(requests
            .iter()
            .map(|r| solve(&Solver::new(Arc::clone(memory)), r))
            .collect()),
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
    }
}
