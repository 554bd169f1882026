//! `SolveResult` and `ResolvedVariant`: what a solve hands back to Python.

use pyo3::prelude::*;
use rer_solver::{Resolve, SolveError};

use crate::graph::ResolveGraph;

/// The source a resolved variant's `uri` is written for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum UriStyle {
    /// pyrer's label for packages handed in as `PackageData`:
    /// `name/version/package.py`, with `[index]` only for a variant.
    Pyrer,
    /// rez's `Variant.uri`: the definition's path and `[index]`, `[]` for a
    /// package without variants.
    Rez,
}

/// One resolved variant: pyrer's `ResolvedVariant`, with the attributes of
/// rez's `Variant` that identify it.
#[pyclass(module = "rer", frozen, get_all)]
pub struct ResolvedVariant {
    /// The family name.
    pub name: String,
    /// The version, as rez prints it.
    pub version: String,
    /// The variant index, `None` for a package without variants.
    pub variant_index: Option<usize>,
    /// The package's requires followed by the variant's own.
    pub requires: Vec<String>,
    /// The variant's uri (see the README: pyrer's label for `PackageData`,
    /// rez's `Variant.uri` for packages read from a repository).
    pub uri: String,
}

#[pymethods]
impl ResolvedVariant {
    /// `name-version[index]`, rez's `str()` of a variant.
    fn qualified_name(&self) -> String {
        let index = self
            .variant_index
            .map(|i| i.to_string())
            .unwrap_or_default();
        if self.version.is_empty() {
            format!("{}[{index}]", self.name)
        } else {
            format!("{}-{}[{index}]", self.name, self.version)
        }
    }

    fn __repr__(&self) -> String {
        format!("ResolvedVariant({})", self.qualified_name())
    }
}

/// The answer to one resolve: pyrer's `SolveResult`, with a few more fields.
///
/// `status` is `"solved"`, `"failed"` or `"error"`, as pyrer gives them (and
/// `"aborted"`, which pyrer has not, for a solve a limit stopped): a
/// conflict, a cycle, a family that does not exist and a requirement no
/// version matches are `"failed"` (rez raises for the last two: `error_kind`
/// tells them apart); a bad request or package string, a package whose own
/// requirements conflict, a provider's error or a raising `load_family` are
/// `"error"`.
#[pyclass(module = "rer", frozen, get_all)]
pub struct SolveResult {
    /// `"solved"`, `"failed"` or `"error"`; `"aborted"` when a limit stopped it: the time limit, a callback's abort, a cancel.
    pub status: &'static str,
    /// Why an aborted solve stopped (rez's `abort_reason`): `"time limit
    /// exceeded"`, the callback's reason, or `"cancelled"`; else `None`.
    pub abort_reason: Option<String>,
    /// The resolved variants in rez's order; empty unless solved.
    pub resolved_packages: Vec<Py<ResolvedVariant>>,
    /// rez's failure description, or the error's message; `None` when solved.
    pub failure_description: Option<String>,
    /// Wall time of the solve in milliseconds.
    pub solve_time_ms: f64,
    /// Solver steps, as rez counts them (`num_solves`).
    pub num_iterations: usize,
    /// Failed phases, as rez's `Solver.num_fails` counts them once the
    /// solve ended (1 for a request that conflicts with itself); 0 for an
    /// error.
    pub num_fails: usize,
    /// The resolved ephemerals as rez prints them (`.foo-1`); empty unless solved.
    pub resolved_ephemerals: Vec<String>,
    /// `None`, or the kind of the error in rez's terms when rez would have
    /// raised: `"unknown_family"`, `"no_matching_version"`,
    /// `"invalid_request"`, `"conflicting_package_requires"`, `"provider"`,
    /// `"internal"`.
    pub error_kind: Option<&'static str>,
    /// For `"unknown_family"` and `"no_matching_version"`: the families
    /// whose packages required it (comma separated), or `None` when the
    /// request itself names it.
    pub error_required_by: Option<String>,
    /// The requirements involved in the failure, rez's `failure_packages()`;
    /// empty unless failed by a conflict or cycle.
    pub failure_packages: Vec<String>,
    /// Distinct families this solve looked up.
    pub families_loaded: usize,
    /// Package definitions this solve read.
    pub packages_loaded: usize,
    /// rez's resolve graph (`Solver.get_graph()`): always for a failed
    /// resolve; for a solved one when asked for (`graph=True`); else `None`.
    pub graph: Option<Py<ResolveGraph>>,
}

#[pymethods]
impl SolveResult {
    /// The resolved variants as `(name, version, variant_index)` tuples
    /// (pyrer's older form of `resolved_packages`).
    #[getter]
    fn resolved(&self) -> Vec<(String, String, Option<usize>)> {
        self.resolved_packages
            .iter()
            .map(|v| {
                let v = v.get();
                (v.name.clone(), v.version.clone(), v.variant_index)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "SolveResult(status={:?}, resolved_packages={} packages, solve_time_ms={:.2})",
            self.status,
            self.resolved_packages.len(),
            self.solve_time_ms
        )
        .replace('"', "'")
    }
}

/// How rer's answer maps onto pyrer's statuses (see [`SolveResult`]).
fn status_of_error(error: &SolveError) -> &'static str {
    match error {
        SolveError::UnknownFamily { .. } | SolveError::NoMatchingVersion { .. } => "failed",
        _ => "error",
    }
}

impl SolveResult {
    /// The Python form of a solve's answer; `elapsed_ms` times a solve that
    /// ended in an error, which carries no stats of its own.
    pub fn build(
        py: Python<'_>,
        answer: Result<Resolve, SolveError>,
        elapsed_ms: f64,
        style: UriStyle,
    ) -> PyResult<SolveResult> {
        Ok(match answer {
            Ok(Resolve::Solved(solution)) => {
                let mut resolved = Vec::with_capacity(solution.variants.len());
                for v in &solution.variants {
                    let uri = match (style, v.index) {
                        (UriStyle::Pyrer, None) => v.uri.to_string(),
                        (UriStyle::Pyrer, Some(i)) | (UriStyle::Rez, Some(i)) => {
                            format!("{}[{i}]", v.uri)
                        }
                        (UriStyle::Rez, None) => format!("{}[]", v.uri),
                    };
                    let variant = ResolvedVariant {
                        name: v.name.to_string(),
                        version: v.version.to_string(),
                        variant_index: v.index,
                        requires: v.requires.iter().map(|r| r.to_string()).collect(),
                        uri,
                    };
                    resolved.push(Py::new(py, variant)?);
                }
                let stats = solution.stats;
                SolveResult {
                    status: "solved",
                    abort_reason: None,
                    resolved_packages: resolved,
                    failure_description: None,
                    solve_time_ms: stats.solve_time.as_secs_f64() * 1e3,
                    num_iterations: stats.iterations,
                    num_fails: stats.num_fails,
                    resolved_ephemerals: solution
                        .ephemerals
                        .iter()
                        .map(|e| e.to_string())
                        .collect(),
                    error_kind: None,
                    error_required_by: None,
                    failure_packages: Vec::new(),
                    families_loaded: stats.families_loaded,
                    packages_loaded: stats.packages_loaded,
                    graph: match &solution.graph {
                        Some(graph) => Some(Py::new(py, ResolveGraph::from_rer(graph))?),
                        None => None,
                    },
                }
            }
            Ok(Resolve::Failed(failure)) => {
                let stats = failure.stats;
                SolveResult {
                    status: "failed",
                    abort_reason: None,
                    resolved_packages: Vec::new(),
                    failure_description: Some(failure.description),
                    solve_time_ms: stats.solve_time.as_secs_f64() * 1e3,
                    num_iterations: stats.iterations,
                    num_fails: stats.num_fails,
                    resolved_ephemerals: Vec::new(),
                    error_kind: None,
                    error_required_by: None,
                    failure_packages: failure.conflicts,
                    families_loaded: stats.families_loaded,
                    packages_loaded: stats.packages_loaded,
                    graph: Some(Py::new(py, ResolveGraph::from_rer(&failure.graph))?),
                }
            }
            Ok(Resolve::Aborted(aborted)) => {
                let stats = aborted.stats;
                SolveResult {
                    status: "aborted",
                    abort_reason: Some(aborted.reason.clone()),
                    resolved_packages: Vec::new(),
                    failure_description: Some(aborted.reason),
                    solve_time_ms: stats.solve_time.as_secs_f64() * 1e3,
                    num_iterations: stats.iterations,
                    num_fails: stats.num_fails,
                    resolved_ephemerals: Vec::new(),
                    error_kind: None,
                    error_required_by: None,
                    failure_packages: Vec::new(),
                    families_loaded: stats.families_loaded,
                    packages_loaded: stats.packages_loaded,
                    graph: None,
                }
            }
            Err(error) => SolveResult {
                status: status_of_error(&error),
                abort_reason: None,
                error_required_by: match &error {
                    SolveError::UnknownFamily { required_by, .. }
                    | SolveError::NoMatchingVersion { required_by, .. } => required_by.clone(),
                    _ => None,
                },
                resolved_packages: Vec::new(),
                failure_description: Some(error.to_string()),
                solve_time_ms: elapsed_ms,
                num_iterations: 0,
                num_fails: 0,
                resolved_ephemerals: Vec::new(),
                error_kind: Some(error.kind()),
                failure_packages: Vec::new(),
                families_loaded: 0,
                packages_loaded: 0,
                graph: None,
            },
        })
    }
}
