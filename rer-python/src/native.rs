//! `rer.Solver`: a reusable solver over rez repositories read natively, or
//! over Python-supplied packages.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use rer_filter::Filtered;
use rer_index::Indexed;
use rer_provider_fs::FsProvider;
use rer_repo::{Cached, FamilyProvider};

use crate::combined_eval::CombinedEvaluator;
use crate::control::Controls;
use crate::evaluating::{Evaluating, Evaluator};
use crate::provider::{LoadFamily, PythonPackages};
use crate::result::{SolveResult, UriStyle};
use crate::run;
use crate::settings::{Given, Settings};

type Inner = rer_solver::Solver<Cached<Box<dyn FamilyProvider>>>;

/// A solver kept across calls, so that what it derives from the packages
/// (and the families it has read) serve every later solve. Thread-safe:
/// `solve` and `solve_many` release the GIL and may run from many threads.
///
/// - `Solver(paths=[...])` reads rez filesystem repositories in Rust
///   (`package.py` read statically, `package.yaml`), highest priority first;
///   `paths=None` uses `REZ_PACKAGES_PATH` (rez's `packages_path` with
///   `config=True`). A root that does not exist is skipped, as rez skips it
///   (`skipped_paths` lists them).
/// - `Solver(packages=[PackageData...], load_family=cb)` solves over Python
///   data as `rer.solve` does.
///
/// rez's resolve settings: `variant_select_mode` (`"version_priority"` or
/// `"intersection_priority"`), `error_on_missing_variant_requires` (default
/// `True`), `allow_unversioned_packages` (default `True`), `building`
/// (rez's `building`: each package's `build_requires` join its variants'
/// requirements), `package_filter` (rez's `package_filter` format: `None`,
/// a dict of `excludes`/`includes` rules or a list of them, or rez's
/// `PackageFilterList`) and `package_orderers` (rez's `package_orderers`
/// format: a list of `{"type": ..., ...}` dicts, rez orderer objects, or
/// rez's `PackageOrderList`) and `timestamp` (rez's resolve time, `rez env
/// -t`: packages released after it are left out; `0` is none). With
/// `config=True`, each of these left unset
/// (and `paths`) is read from the site's rez configuration, as rez reads it
/// (rezconfig files, `REZ_*` variables).
///
/// `evaluate(name, version, path) -> PackageData` is called for a
/// package the static reader refuses (rer's rez backend passes rez's own
/// loader): a `package.py`, or one version of a combined family file
/// `<root>/<name>.py` (then `path` is that file);
/// `evaluate_versions(name, path) -> [str]` lists the versions of a
/// combined family file whose `versions` the static reader refuses (an
/// empty list: one unversioned package; without it such a family stays
/// an error). Packages read statically never reach either. rez's limits `max_fails`, `time_limit`, `callback` and
/// `cancel`, as for `rer.solve`, apply to every solve of this solver.
///
/// Families are read once and kept: a repository changed on disk needs a new
/// `Solver`.
///
/// `index=True` (the default) keeps what a filesystem solver reads (each
/// root's family listings and the packages read statically) in the
/// persistent repository index the `rer` command keeps, so that a new
/// `Solver` (in this process or the next) answers from it instead of
/// reading and parsing `package.py` files again; it is checked against the
/// files before each use, so a release, a removed version or an edited
/// package is seen by the next `Solver`. It lives where the command keeps
/// it: `RER_INDEX_DIR`, else `rer` in the platform's cache directory
/// (`~/.cache/rer` on Linux). `index=False`, or `RER_NO_INDEX=1` in the
/// environment, turns it off; `index="/some/dir"` keeps it in that
/// directory. What was read is written back after each `solve` and
/// `solve_many`; an index that cannot be written is skipped without a word.
#[pyclass(module = "rer", frozen)]
pub struct Solver {
    inner: Inner,
    controls: Controls,
    style: UriStyle,
    roots: Vec<String>,
    skipped: Vec<String>,
    index: Option<Arc<Indexed>>,
}

#[pymethods]
impl Solver {
    #[new]
    #[pyo3(signature = (paths=None, *, packages=None, load_family=None,
        variant_select_mode=None, error_on_missing_variant_requires=None,
        allow_unversioned_packages=None, building=false, package_filter=None,
        package_orderers=None, timestamp=None, config=false, evaluate=None, evaluate_versions=None,
        max_fails=None, time_limit=None, callback=None, cancel=None, index=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        paths: Option<Vec<PathBuf>>,
        packages: Option<&Bound<'_, PyAny>>,
        load_family: Option<&Bound<'_, PyAny>>,
        variant_select_mode: Option<&str>,
        error_on_missing_variant_requires: Option<bool>,
        allow_unversioned_packages: Option<bool>,
        building: bool,
        package_filter: Option<&Bound<'_, PyAny>>,
        package_orderers: Option<&Bound<'_, PyAny>>,
        timestamp: Option<i64>,
        config: bool,
        evaluate: Option<&Bound<'_, PyAny>>,
        evaluate_versions: Option<&Bound<'_, PyAny>>,
        max_fails: Option<usize>,
        time_limit: Option<f64>,
        callback: Option<&Bound<'_, PyAny>>,
        cancel: Option<&Bound<'_, PyAny>>,
        index: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Solver> {
        let controls = Controls::new(py, max_fails, time_limit, callback, cancel)?;
        let python_source =
            packages.is_some_and(|p| !p.is_none()) || load_family.is_some_and(|f| !f.is_none());
        if python_source && paths.is_some() {
            return Err(crate::errors::invalid_option(
                py,
                "give either paths or packages/load_family, not both".to_string(),
            ));
        }
        let settings = Settings::new(
            py,
            Given {
                paths,
                mode: variant_select_mode,
                error_on_missing_variant_requires,
                allow_unversioned_packages,
                package_filter,
                package_orderers,
                timestamp,
            },
            config && !python_source,
        )?;
        let index_options = crate::index::options(py, index)?;
        let evaluate = evaluate.filter(|e| !e.is_none());
        let evaluate_versions = evaluate_versions.filter(|e| !e.is_none());
        for (name, callback) in [
            ("evaluate", evaluate),
            ("evaluate_versions", evaluate_versions),
        ] {
            if callback.is_some_and(|c| !c.is_callable()) {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "{name} must be callable"
                )));
            }
        }
        if evaluate_versions.is_some() && evaluate.is_none() {
            return Err(crate::errors::invalid_option(
                py,
                "evaluate_versions needs evaluate, which reads the versions it lists".to_string(),
            ));
        }
        let mut index = None;
        let (provider, style, roots, skipped): (Box<dyn FamilyProvider>, _, _, _) = if python_source
        {
            let load_family = match load_family.filter(|f| !f.is_none()) {
                Some(callback) => Some(LoadFamily::new(callback)?),
                None => None,
            };
            let provider = PythonPackages::new(packages, load_family)?;
            (Box::new(provider), UriStyle::Pyrer, Vec::new(), Vec::new())
        } else {
            let fs = match settings.paths {
                Some(paths) => FsProvider::new(paths),
                None => FsProvider::from_env(),
            }
            .map_err(|e| crate::errors::invalid_option(py, e.to_string()))?
            .allow_unversioned_packages(settings.allow_unversioned_packages);
            // Combined family files are evaluated inside the provider, which
            // lists their versions; it calls Python for refused ones only.
            let fs = match evaluate {
                Some(callback) => fs.with_evaluator(Arc::new(CombinedEvaluator::new(
                    callback.clone().unbind(),
                    evaluate_versions.map(|c| c.clone().unbind()),
                ))),
                None => fs,
            };
            let show = |p: &[PathBuf]| p.iter().map(|p| p.display().to_string()).collect();
            let roots = show(fs.roots());
            let skipped = show(fs.skipped_roots());
            let fs: Box<dyn FamilyProvider> = match index_options {
                Some(options) => {
                    let indexed = Indexed::new(Arc::new(fs), &options)
                        .map_err(|e| crate::errors::invalid_option(py, e.to_string()))?;
                    let indexed = Arc::new(indexed);
                    index = Some(Arc::clone(&indexed));
                    Box::new(indexed)
                }
                None => Box::new(fs),
            };
            let provider: Box<dyn FamilyProvider> = match evaluate {
                Some(callback) => Box::new(Evaluating::new(
                    fs,
                    Evaluator::new(callback.clone().unbind()),
                )),
                None => Box::new(fs),
            };
            (provider, UriStyle::Rez, roots, skipped)
        };
        // An unfiltered solver has no filter layer, and pays nothing for it.
        let provider: Box<dyn FamilyProvider> = match settings.filters {
            Some(filters) => Box::new(Filtered::new(provider, filters)),
            None => provider,
        };
        let inner = controls.apply(
            rer_solver::Solver::new(Cached::new(provider))
                .variant_select_mode(settings.mode)
                .error_on_missing_variant_requires(settings.error_on_missing_variant_requires)
                .package_orderers(settings.orderers)
                .building(building),
        );
        Ok(Solver {
            inner,
            controls,
            style,
            roots,
            skipped,
            index,
        })
    }

    /// Resolves one request (a list of rez requirement strings), with the GIL
    /// released. The strings are read as rez's `Requirement` (what
    /// `rez.solver.Solver` is handed, and what pyrer accepts), or with
    /// `package_names=True` as rez's `PackageRequest`, which also checks
    /// package names (what `rez env` does to its arguments). A failed
    /// result carries rez's graph of the failure (`SolveResult.graph`);
    /// `graph=True` draws a solved resolve's graph too.
    #[pyo3(signature = (request, *, package_names=false, graph=false))]
    fn solve(
        &self,
        py: Python<'_>,
        request: Vec<String>,
        package_names: bool,
        graph: bool,
    ) -> PyResult<SolveResult> {
        let syntax = run::RequestSyntax::from_flag(package_names);
        let want = run::Want {
            solved_graph: graph,
        };
        let result = run::solve_one(py, &self.inner, request, syntax, want, self.style);
        self.persist(py);
        let result = result?;
        self.controls.raise_pending()?;
        Ok(result)
    }

    /// Resolves many requests in parallel on `jobs` threads (one per core
    /// when `None`); answers in request order. `package_names` and `graph`
    /// as for `solve`.
    #[pyo3(signature = (requests, jobs=None, *, package_names=false, graph=false))]
    fn solve_many(
        &self,
        py: Python<'_>,
        requests: Vec<Vec<String>>,
        jobs: Option<usize>,
        package_names: bool,
        graph: bool,
    ) -> PyResult<Vec<SolveResult>> {
        let syntax = run::RequestSyntax::from_flag(package_names);
        let want = run::Want {
            solved_graph: graph,
        };
        let results = run::solve_many(py, &self.inner, requests, jobs, syntax, want, self.style);
        self.persist(py);
        let results = results?;
        self.controls.raise_pending()?;
        Ok(results)
    }

    /// Whether this solver reads through the persistent repository index.
    #[getter]
    fn indexed(&self) -> bool {
        self.index.is_some()
    }

    /// The repository roots searched, resolved, highest priority first.
    #[getter]
    fn paths(&self) -> Vec<String> {
        self.roots.clone()
    }

    /// The roots given that were skipped: they do not exist or are not
    /// directories.
    #[getter]
    fn skipped_paths(&self) -> Vec<String> {
        self.skipped.clone()
    }

    /// Whether solves are for a build (rez's `building`).
    #[getter]
    fn building(&self) -> bool {
        self.inner.is_building()
    }

    /// The variant select mode in use.
    #[getter]
    fn variant_select_mode(&self) -> &'static str {
        self.inner.mode().as_str()
    }

    /// How many times this solver has looked a family up in its source
    /// (each family once; repeats are answered from memory).
    #[getter]
    fn families_read(&self) -> u64 {
        self.inner.provider().stats().loads
    }
}

impl Solver {
    /// Writes back to the index what the solves read, without the GIL.
    fn persist(&self, py: Python<'_>) {
        if let Some(index) = &self.index {
            py.detach(|| {
                let _ = index.persist();
            });
        }
    }
}
