//! The provider behind `rer.solve`: a list of `PackageData` and an optional
//! `load_family` callback, pyrer's two sources of packages.

use std::collections::HashMap;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use rer_repo::{Family, FamilyProvider, Package, ProviderError};

use crate::package_data::PackageData;

/// A Python callable `load_family(name)` or `load_family(name, version_range=...)`.
pub struct LoadFamily {
    callback: Py<PyAny>,
    wants_range: bool,
}

impl LoadFamily {
    /// Wraps `callback`, deciding once whether it takes `version_range`: a
    /// parameter of that name or `**kwargs` in its signature (pyrer's rule).
    ///
    /// # Errors
    /// `TypeError` when `callback` is not callable.
    pub fn new(callback: &Bound<'_, PyAny>) -> PyResult<LoadFamily> {
        if !callback.is_callable() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "load_family must be callable, got {}",
                callback.get_type().name()?
            )));
        }
        let py = callback.py();
        let wants_range = match py.import("inspect")?.call_method1("signature", (callback,)) {
            Ok(signature) => {
                let parameters = signature.getattr("parameters")?;
                let mut wants = parameters.contains("version_range")?;
                let var_keyword = py
                    .import("inspect")?
                    .getattr("Parameter")?
                    .getattr("VAR_KEYWORD")?;
                for parameter in parameters.call_method0("values")?.try_iter()? {
                    if parameter?.getattr("kind")?.eq(&var_keyword)? {
                        wants = true;
                    }
                }
                wants
            }
            // Builtins without a signature are called with the name alone.
            Err(_) => false,
        };
        Ok(LoadFamily {
            callback: callback.clone().unbind(),
            wants_range,
        })
    }

    /// Calls the callback for `name`, holding the GIL only for the call, and
    /// returns the packages of that family it answered with (`None`: no such
    /// family). rer asks for a family once and keeps every version, so the
    /// range passed is `""`, the whole family.
    fn load(&self, name: &str) -> Result<Option<Vec<Arc<Package>>>, ProviderError> {
        let failed = |message: String| ProviderError::Other {
            family: name.to_string(),
            message: format!("load_family({name:?}) {message}"),
        };
        Python::attach(|py| {
            let callback = self.callback.bind(py);
            let answer = if self.wants_range {
                let kwargs = PyDict::new(py);
                kwargs
                    .set_item("version_range", "")
                    .map_err(|e| failed(format!("raised: {e}")))?;
                callback.call((name,), Some(&kwargs))
            } else {
                callback.call1((name,))
            }
            .map_err(|e| failed(format!("raised: {e}")))?;
            if answer.is_none() {
                return Ok(None);
            }
            let items = answer
                .try_iter()
                .map_err(|_| failed(format!("returned a {}, not a list", type_name(&answer))))?;
            let mut packages = Vec::new();
            for item in items {
                let item = item.map_err(|e| failed(format!("raised: {e}")))?;
                let data = item.cast::<PackageData>().map_err(|_| {
                    failed(format!(
                        "returned a {} in its list, not a PackageData",
                        type_name(&item)
                    ))
                })?;
                let data = data.get();
                // Entries of another family are dropped, as in pyrer.
                if data.name == name {
                    packages.push(data.package()?);
                }
            }
            Ok(Some(packages))
        })
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// Packages from Python: the `packages` list, grouped by family, and then
/// `load_family` for families the list does not have.
///
/// It caches nothing itself; wrap it in [`rer_repo::Cached`] so each family
/// is built (and `load_family` called) once.
pub struct PythonPackages {
    given: HashMap<String, Vec<Py<PackageData>>>,
    load_family: Option<LoadFamily>,
}

impl PythonPackages {
    /// Groups `packages` by family name (nothing is parsed yet).
    ///
    /// # Errors
    /// `TypeError` when an item is not a `PackageData`.
    pub fn new(
        packages: Option<&Bound<'_, PyAny>>,
        load_family: Option<LoadFamily>,
    ) -> PyResult<PythonPackages> {
        let mut given: HashMap<String, Vec<Py<PackageData>>> = HashMap::new();
        if let Some(packages) = packages.filter(|p| !p.is_none()) {
            for item in packages.try_iter()? {
                let item = item?;
                let data = item.cast::<PackageData>().map_err(|_| {
                    pyo3::exceptions::PyTypeError::new_err(format!(
                        "packages must hold PackageData, got a {}",
                        type_name(&item)
                    ))
                })?;
                given
                    .entry(data.get().name.clone())
                    .or_default()
                    .push(data.clone().unbind());
            }
        }
        Ok(PythonPackages { given, load_family })
    }
}

fn family_of(
    name: &str,
    packages: Vec<Arc<Package>>,
) -> Result<Option<Arc<Family>>, ProviderError> {
    if packages.is_empty() {
        return Ok(None);
    }
    let packages = packages.iter().map(|p| Package::clone(p)).collect();
    Family::eager(name, packages).map(|f| Some(Arc::new(f)))
}

impl FamilyProvider for PythonPackages {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        if let Some(entries) = self.given.get(name) {
            let packages = entries
                .iter()
                .map(|data| data.get().package())
                .collect::<Result<Vec<_>, _>>()?;
            return family_of(name, packages);
        }
        match &self.load_family {
            Some(load_family) => match load_family.load(name)? {
                Some(packages) => family_of(name, packages),
                None => Ok(None),
            },
            None => Ok(None),
        }
    }
}
