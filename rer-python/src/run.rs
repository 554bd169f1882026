//! Running solves with the GIL released, one or many.

use std::time::Instant;

use pyo3::prelude::*;
use rayon::prelude::*;
use rer_repo::FamilyProvider;
use rer_solver::{Resolve, SolveError, Solver};
use rer_version::Requirement;

use crate::result::{SolveResult, UriStyle};

/// One answer and the wall time it took, in milliseconds.
type Timed = (Result<Resolve, SolveError>, f64);

/// How request strings are read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RequestSyntax {
    /// rez's `PackageRequest`: valid package names only (what `rez env` and
    /// pyrer take).
    PackageRequest,
    /// rez's `Requirement`: what `rez.solver.Solver` is handed (rez's own
    /// tests request `!.foo`, which `PackageRequest` refuses).
    Requirement,
}

impl RequestSyntax {
    /// `PackageRequest` when package names are to be checked.
    pub fn from_flag(package_names: bool) -> RequestSyntax {
        if package_names {
            RequestSyntax::PackageRequest
        } else {
            RequestSyntax::Requirement
        }
    }
}

/// What a solve hands back beyond its answer.
#[derive(Clone, Copy, Default)]
pub struct Want {
    /// rez's graph of a solved resolve too (a failed one always has its
    /// graph).
    pub solved_graph: bool,
}

fn timed<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[String],
    syntax: RequestSyntax,
    want: Want,
) -> Timed {
    let start = Instant::now();
    let parse: fn(&str) -> Result<Requirement, _> = match syntax {
        RequestSyntax::PackageRequest => Requirement::parse_request,
        RequestSyntax::Requirement => Requirement::parse,
    };
    let parsed = request
        .iter()
        .map(|s| {
            parse(s).map_err(|e| SolveError::InvalidRequest {
                request: s.clone(),
                message: e.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>();
    let answer = parsed.and_then(|reqs| {
        if want.solved_graph {
            solver.solve_with_graph(&reqs)
        } else {
            solver.solve(&reqs)
        }
    });
    (answer, start.elapsed().as_secs_f64() * 1e3)
}

/// Solves `request` with the GIL released (a callback into Python takes it
/// back for the call).
pub fn solve_one<P: FamilyProvider>(
    py: Python<'_>,
    solver: &Solver<P>,
    request: Vec<String>,
    syntax: RequestSyntax,
    want: Want,
    style: UriStyle,
) -> PyResult<SolveResult> {
    let (answer, ms) = py.detach(|| timed(solver, &request, syntax, want));
    SolveResult::build(py, answer, ms, style)
}

/// Solves every request with the GIL released, on `jobs` threads (rayon's
/// default, one per core, when `None`); answers in request order.
///
/// # Errors
/// `ValueError` for `jobs == 0`; a thread pool that cannot start.
pub fn solve_many<P: FamilyProvider>(
    py: Python<'_>,
    solver: &Solver<P>,
    requests: Vec<Vec<String>>,
    jobs: Option<usize>,
    syntax: RequestSyntax,
    want: Want,
    style: UriStyle,
) -> PyResult<Vec<SolveResult>> {
    if jobs == Some(0) {
        return Err(crate::errors::invalid_option(
            py,
            "jobs must be at least 1".to_string(),
        ));
    }
    let answers: Result<Vec<Timed>, String> = py.detach(|| {
        let run = || {
            requests
                .par_iter()
                .map(|r| timed(solver, r, syntax, want))
                .collect()
        };
        match jobs {
            Some(1) => Ok(requests
                .iter()
                .map(|r| timed(solver, r, syntax, want))
                .collect()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(run))
                .map_err(|e| e.to_string()),
            None => Ok(run()),
        }
    });
    let answers = answers.map_err(pyo3::exceptions::PyRuntimeError::new_err)?;
    answers
        .into_iter()
        .map(|(answer, ms)| SolveResult::build(py, answer, ms, style))
        .collect()
}
