//! The filesystem provider's evaluator for combined family files
//! (`<root>/<family>.py`, every version in one file): the Python callbacks
//! `evaluate(name, version, path)` and `evaluate_versions(name, path)`
//! called in this process, the way rez's own loader reads such a file.
//!
//! Packages in version directories are not read here: their refusals reach
//! the [`Evaluating`](crate::evaluating::Evaluating) layer above the
//! provider, which also takes the files the static reader cannot parse.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use pyo3::prelude::*;
use rer_provider_fs::{EvalQuery, EvaluatedPackage, Evaluation, PackageEvaluator};
use rer_repo::ProviderError;

use crate::package_data::PackageData;

/// What this evaluator answers for a package outside a combined file: the
/// layer above the provider evaluates it.
const NOT_COMBINED: &str =
    "not a combined family file: read by the binding's evaluating layer instead";

/// Calls Python for the packages and `versions` of combined family files
/// the static reader refuses; statically read packages never reach it.
pub struct CombinedEvaluator {
    evaluate: Arc<Py<PyAny>>,
    versions: Option<Arc<Py<PyAny>>>,
}

impl fmt::Debug for CombinedEvaluator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CombinedEvaluator")
            .field("lists_versions", &self.versions.is_some())
            .finish()
    }
}

impl CombinedEvaluator {
    /// `evaluate(name, version, path) -> PackageData` for one version of a
    /// combined file (`path` is the file), and, when given,
    /// `versions(name, path) -> [str]` for the file's `versions`.
    pub fn new(evaluate: Py<PyAny>, versions: Option<Py<PyAny>>) -> CombinedEvaluator {
        CombinedEvaluator {
            evaluate: Arc::new(evaluate),
            versions: versions.map(Arc::new),
        }
    }
}

/// Whether `query` is about a combined family file: `<root>/<family>.py`
/// or `.yaml`, directly in its root.
fn is_combined(query: &EvalQuery<'_>) -> bool {
    let path = query.path;
    path.parent() == Some(query.root)
        && path.file_stem().is_some_and(|s| s == query.family)
        && path.extension().is_some_and(|e| e == "py" || e == "yaml")
}

fn failed(path: &Path, message: String) -> ProviderError {
    ProviderError::Parse {
        path: path.to_path_buf(),
        line: None,
        message: format!("{message} (read by rez, as rer's reader refused it)"),
    }
}

/// The answer for a package this evaluator leaves to the layer above: the
/// provider keeps its own refusal (file, line, construct) with this remedy.
fn declined(path: &Path) -> ProviderError {
    ProviderError::NeedsEvaluation {
        path: path.to_path_buf(),
        line: None,
        field: "",
        construct: String::new(),
        remedy: NOT_COMBINED.to_string(),
    }
}

impl PackageEvaluator for CombinedEvaluator {
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
        if !is_combined(query) {
            return Err(declined(query.path));
        }
        let path = query.path;
        Python::attach(|py| {
            let answer = self
                .evaluate
                .bind(py)
                .call1((query.family, query.version, path.display().to_string()))
                .map_err(|e| failed(path, e.to_string()))?;
            let data = answer.cast::<PackageData>().map_err(|_| {
                failed(
                    path,
                    "the evaluator did not return a PackageData".to_string(),
                )
            })?;
            let data = data.get();
            Ok(Evaluation::Read(EvaluatedPackage {
                requires: data.requires.clone(),
                variants: data.variants.clone(),
                build_requires: data.build_requires.clone(),
                private_build_requires: data.private_build_requires.clone(),
                timestamp: data.timestamp,
                // A combined package's variants have no directories, hashed
                // or not (rez gives them no root).
                hashed_variants: false,
            }))
        })
    }

    fn combined_versions(
        &self,
        query: &EvalQuery<'_>,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        let Some(versions) = &self.versions else {
            return Ok(None);
        };
        let path = query.path;
        Python::attach(|py| {
            let answer = versions
                .bind(py)
                .call1((query.family, path.display().to_string()))
                .map_err(|e| failed(path, e.to_string()))?;
            answer.extract::<Vec<String>>().map(Some).map_err(|_| {
                failed(
                    path,
                    "evaluate_versions did not return a list of str".into(),
                )
            })
        })
    }
}
