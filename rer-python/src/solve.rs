//! `rer.solve` and `rer.solve_many`: pyrer's function, and its batch form.

use pyo3::prelude::*;
use rer_repo::Cached;
use rer_solver::Solver;

use crate::control::Controls;
use crate::options::{refuse_unsupported, variant_select_mode};
use crate::provider::{LoadFamily, PythonPackages};
use crate::result::{SolveResult, UriStyle};
use crate::run;

fn solver_over(
    py: Python<'_>,
    packages: Option<&Bound<'_, PyAny>>,
    load_family: Option<&Bound<'_, PyAny>>,
    mode: &str,
    controls: &Controls,
) -> PyResult<Solver<Cached<PythonPackages>>> {
    let mode = variant_select_mode(py, mode)?;
    let load_family = match load_family.filter(|f| !f.is_none()) {
        Some(callback) => Some(LoadFamily::new(callback)?),
        None => None,
    };
    let provider = PythonPackages::new(packages, load_family)?;
    Ok(controls.apply(Solver::new(Cached::new(provider)).variant_select_mode(mode)))
}

/// Resolves `package_requests` (rez requirement strings) against `packages`
/// (a list of `PackageData`) and, for families not in it, `load_family`,
/// called at most once per family. pyrer's `solve`: the outcome, errors
/// included, is a `SolveResult`; the GIL is released while solving.
///
/// The requests are read as rez's `Requirement` (as pyrer and
/// `rez.solver.Solver` read them); `package_names=True` also checks package
/// names, as rez's `PackageRequest` (and `rez env`) does.
///
/// `filters`, `max_iterations` and `package_orderer` are accepted for
/// pyrer's signature; anything but `None` raises
/// `rer.UnsupportedOptionError` rather than being ignored.
///
/// rez's limits: `max_fails` (stop, failed, after that many failed
/// phases), `time_limit` (seconds; stop, aborted), `callback(state)` after
/// each step (returns `None`, or `("abort" | "fail", reason)`; an exception
/// it raises stops the solve and is raised again here), and `cancel`, a
/// `rer.CancelToken` another thread may cancel.
#[pyfunction]
#[pyo3(signature = (package_requests, packages=None, /, *, load_family=None,
    variant_select_mode="version_priority", package_orderer=None, filters=None,
    max_iterations=None, package_names=false, max_fails=None, time_limit=None, callback=None,
    cancel=None))]
#[allow(clippy::too_many_arguments)]
pub fn solve(
    py: Python<'_>,
    package_requests: Vec<String>,
    packages: Option<&Bound<'_, PyAny>>,
    load_family: Option<&Bound<'_, PyAny>>,
    variant_select_mode: &str,
    package_orderer: Option<&Bound<'_, PyAny>>,
    filters: Option<&Bound<'_, PyAny>>,
    max_iterations: Option<&Bound<'_, PyAny>>,
    package_names: bool,
    max_fails: Option<usize>,
    time_limit: Option<f64>,
    callback: Option<&Bound<'_, PyAny>>,
    cancel: Option<&Bound<'_, PyAny>>,
) -> PyResult<SolveResult> {
    refuse_unsupported(py, "package_orderer", package_orderer)?;
    refuse_unsupported(py, "filters", filters)?;
    refuse_unsupported(py, "max_iterations", max_iterations)?;
    let controls = Controls::new(py, max_fails, time_limit, callback, cancel)?;
    let solver = solver_over(py, packages, load_family, variant_select_mode, &controls)?;
    let result = run::solve_one(
        py,
        &solver,
        package_requests,
        run::RequestSyntax::from_flag(package_names),
        run::Want::default(),
        UriStyle::Pyrer,
    )?;
    controls.raise_pending()?;
    Ok(result)
}

/// Resolves each request of `requests` as [`solve`] does, in parallel on
/// `jobs` threads (one per core when `None`), sharing one provider: each
/// family is built, and `load_family` called, at most once for the whole
/// batch. Answers come in request order.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (requests, packages=None, /, *, load_family=None,
    variant_select_mode="version_priority", jobs=None, package_names=false, max_fails=None,
    time_limit=None, cancel=None))]
pub fn solve_many(
    py: Python<'_>,
    requests: Vec<Vec<String>>,
    packages: Option<&Bound<'_, PyAny>>,
    load_family: Option<&Bound<'_, PyAny>>,
    variant_select_mode: &str,
    jobs: Option<usize>,
    package_names: bool,
    max_fails: Option<usize>,
    time_limit: Option<f64>,
    cancel: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<SolveResult>> {
    let controls = Controls::new(py, max_fails, time_limit, None, cancel)?;
    let solver = solver_over(py, packages, load_family, variant_select_mode, &controls)?;
    let syntax = run::RequestSyntax::from_flag(package_names);
    run::solve_many(
        py,
        &solver,
        requests,
        jobs,
        syntax,
        run::Want::default(),
        UriStyle::Pyrer,
    )
}
