//! A provider decorator that hands the packages a static reader refuses to a
//! Python function, the way a rez user's `package.py` with `@early` code is
//! read by rez itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::prelude::*;
use rer_repo::{Family, FamilyProvider, Package, ProviderError};
use rer_version::Version;

use crate::package_data::PackageData;

/// `evaluate(name, version, path) -> PackageData`, called with the GIL for a
/// package whose definition file the static reader could not read.
#[derive(Clone)]
pub struct Evaluator {
    callback: Arc<Py<PyAny>>,
}

impl Evaluator {
    /// Wraps a Python callable.
    pub fn new(callback: Py<PyAny>) -> Evaluator {
        Evaluator {
            callback: Arc::new(callback),
        }
    }

    fn evaluate(
        &self,
        name: &str,
        version: &Version,
        path: &Path,
        refusal: &ProviderError,
    ) -> Result<Package, ProviderError> {
        let failed = |message: String| ProviderError::Parse {
            path: path.to_path_buf(),
            line: None,
            message,
        };
        let data = Python::attach(|py| {
            let answer = self
                .callback
                .bind(py)
                .call1((name, version.to_string(), path.display().to_string()))
                .map_err(|e| {
                    failed(format!(
                        "{e} (read by rez, as rer's reader refused it: {refusal})"
                    ))
                })?;
            let data = answer
                .cast::<PackageData>()
                .map_err(|_| failed("the evaluator did not return a PackageData".to_string()))?;
            data.get().package()
        })?;
        let mut package = Package::clone(&data);
        // The repository's layout names the package, as rez's does.
        package.name = Arc::from(name);
        package.version = version.clone();
        package.uri = path.display().to_string().into();
        Ok(package)
    }
}

/// Wraps a provider: a package whose reading fails with
/// [`ProviderError::NeedsEvaluation`] or [`ProviderError::Parse`] on a `package.py` is read by the [`Evaluator`]
/// instead; everything else is the inner provider's answer.
pub struct Evaluating<P> {
    inner: P,
    evaluator: Evaluator,
}

impl<P> Evaluating<P> {
    /// `inner`, with `evaluator` for the packages it cannot read.
    pub fn new(inner: P, evaluator: Evaluator) -> Self {
        Evaluating { inner, evaluator }
    }
}

fn refused_python_file(error: &ProviderError) -> Option<PathBuf> {
    match error {
        ProviderError::NeedsEvaluation { path, .. } | ProviderError::Parse { path, .. }
            if path.file_name().is_some_and(|f| f == "package.py") =>
        {
            Some(path.clone())
        }
        _ => None,
    }
}

impl<P: FamilyProvider> FamilyProvider for Evaluating<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(inner) = self.inner.family(name)? else {
            return Ok(None);
        };
        let versions = inner.versions().to_vec();
        let evaluator = self.evaluator.clone();
        let family_name = name.to_string();
        let loader = move |version: &Version| {
            let index = inner
                .position(version)
                .ok_or_else(|| ProviderError::Other {
                    family: family_name.clone(),
                    message: format!("version {version} is not listed"),
                })?;
            match inner.package(index) {
                Ok(package) => Ok(Package::clone(package)),
                Err(error) => match refused_python_file(&error) {
                    Some(path) => evaluator.evaluate(&family_name, version, &path, &error),
                    None => Err(error),
                },
            }
        };
        Family::lazy(name, versions, Arc::new(loader)).map(|f| Some(Arc::new(f)))
    }

    /// Passed on, with this provider's family: a prefetching layer below
    /// reads through it, evaluating where it must, as the solve would.
    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        self.inner.prefetch(family, positions)
    }
}
