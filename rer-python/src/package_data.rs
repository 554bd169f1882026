//! `PackageData`: one package version handed in from Python (pyrer's class).

use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rer_repo::{Package, ProviderError};
use rer_version::{Requirement, Version};

/// One package version as plain strings: `name`, `version`, `requires` and
/// `variants` (a list of requirement lists), pyrer's `PackageData`.
///
/// The strings are kept as given and parsed when a solve reads the package,
/// so a bad version or requirement makes that solve's status `"error"`
/// (naming the package and the string), as in pyrer. Wrong types (a version
/// that is not a `str`) raise `TypeError` here.
#[pyclass(module = "rer", frozen)]
pub struct PackageData {
    /// The family name.
    #[pyo3(get)]
    pub name: String,
    /// The version string (`""` is the empty version).
    #[pyo3(get)]
    pub version: String,
    /// Requirements every variant shares.
    #[pyo3(get)]
    pub requires: Vec<String>,
    /// The variants, each a list of requirements added to `requires`.
    #[pyo3(get)]
    pub variants: Vec<Vec<String>>,
    /// The release time (epoch seconds), read by timestamp filters and
    /// orderers; `None` when unknown.
    #[pyo3(get)]
    pub timestamp: Option<i64>,
    /// rez's `build_requires`: added to every variant's requirements when
    /// a solve is `building`.
    #[pyo3(get)]
    pub build_requires: Vec<String>,
    /// rez's `private_build_requires` (kept with the package; a solve adds
    /// them only to the request of the package being built, as rez does).
    #[pyo3(get)]
    pub private_build_requires: Vec<String>,
    /// The package parsed from the strings, once: a list of `PackageData`
    /// handed to many solves is parsed by the first that reads it.
    parsed: OnceLock<Result<Arc<Package>, ProviderError>>,
}

#[pymethods]
impl PackageData {
    /// pyrer's arguments, and rez's `timestamp`, `build_requires` and
    /// `private_build_requires` (keyword only).
    #[new]
    #[pyo3(signature = (name, version, requires=None, variants=None, *, timestamp=None,
        build_requires=None, private_build_requires=None))]
    fn new(
        name: String,
        version: String,
        requires: Option<Vec<String>>,
        variants: Option<Vec<Vec<String>>>,
        timestamp: Option<i64>,
        build_requires: Option<Vec<String>>,
        private_build_requires: Option<Vec<String>>,
    ) -> Self {
        PackageData {
            name,
            version,
            requires: requires.unwrap_or_default(),
            variants: variants.unwrap_or_default(),
            timestamp,
            build_requires: build_requires.unwrap_or_default(),
            private_build_requires: private_build_requires.unwrap_or_default(),
            parsed: OnceLock::new(),
        }
    }

    /// The same as the constructor: raw strings, `None` for an empty list
    /// (the shape of `pkg.resource.data` on a rez package).
    #[classmethod]
    #[pyo3(signature = (name, version, requires=None, variants=None))]
    fn from_strings(
        _cls: &Bound<'_, pyo3::types::PyType>,
        name: String,
        version: String,
        requires: Option<Vec<String>>,
        variants: Option<Vec<Vec<String>>>,
    ) -> Self {
        Self::new(name, version, requires, variants, None, None, None)
    }

    /// A `PackageData` from a rez `Package` or anything with the attributes
    /// `name`, `version`, `requires` and `variants`: each is turned into text
    /// with `str()` (a rez `Version` or `Requirement` prints as rez writes
    /// it); `None` for `requires` or `variants` is an empty list. rez's
    /// `timestamp`, `build_requires` and `private_build_requires` are read
    /// too when the object has them.
    #[classmethod]
    fn from_rez(_cls: &Bound<'_, pyo3::types::PyType>, pkg: &Bound<'_, PyAny>) -> PyResult<Self> {
        let name = pkg.getattr("name")?.str()?.to_string();
        let version = pkg.getattr("version")?.str()?.to_string();
        let requires = strings(&pkg.getattr("requires")?)?;
        let variants_attr = pkg.getattr("variants")?;
        let mut variants = Vec::new();
        if !variants_attr.is_none() {
            for variant in variants_attr.try_iter()? {
                variants.push(strings(&variant?)?);
            }
        }
        let optional = |attr: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            Ok(pkg.getattr(attr).ok().filter(|v| !v.is_none()))
        };
        let timestamp = match optional("timestamp")? {
            Some(t) => t.extract::<i64>().ok(),
            None => None,
        };
        let build_requires = match optional("build_requires")? {
            Some(list) => strings(&list)?,
            None => Vec::new(),
        };
        let private_build_requires = match optional("private_build_requires")? {
            Some(list) => strings(&list)?,
            None => Vec::new(),
        };
        Ok(PackageData {
            name,
            version,
            requires,
            variants,
            timestamp,
            build_requires,
            private_build_requires,
            parsed: OnceLock::new(),
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "PackageData(name={:?}, version={:?}, requires={:?}, variants={:?})",
            self.name, self.version, self.requires, self.variants
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PackageData>() {
            Ok(other) => {
                let other = other.get();
                self.name == other.name
                    && self.version == other.version
                    && self.requires == other.requires
                    && self.variants == other.variants
                    && self.timestamp == other.timestamp
                    && self.build_requires == other.build_requires
                    && self.private_build_requires == other.private_build_requires
            }
            Err(_) => false,
        }
    }
}

/// `str()` of every item of `value`, or nothing when it is `None`.
fn strings(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if value.is_none() {
        return Ok(Vec::new());
    }
    if value.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "expected a list of requirements, got a str",
        ));
    }
    if let Ok(list) = value.cast::<PyList>() {
        return list
            .iter()
            .map(|item| Ok(item.str()?.to_string()))
            .collect();
    }
    value
        .try_iter()?
        .map(|item| Ok(item?.str()?.to_string()))
        .collect()
}

impl PackageData {
    /// The package the solver reads, parsed on first use and kept.
    ///
    /// # Errors
    /// As [`PackageData::parse`], remembered.
    pub fn package(&self) -> Result<Arc<Package>, ProviderError> {
        self.parsed
            .get_or_init(|| self.parse().map(Arc::new))
            .clone()
    }

    /// The package the solver reads, with the uri `name/version/package.py`
    /// (pyrer's label: these packages come from no file).
    ///
    /// # Errors
    /// [`ProviderError::InvalidPackage`] naming the package, the field and
    /// the string that does not parse.
    fn parse(&self) -> Result<Package, ProviderError> {
        let invalid =
            |field: &'static str, value: &str, message: String| ProviderError::InvalidPackage {
                package: format!("{}-{}", self.name, self.version),
                origin: "PackageData".to_string(),
                field,
                value: value.to_string(),
                message,
            };
        let version = Version::parse(&self.version)
            .map_err(|e| invalid("version", &self.version, e.to_string()))?;
        let parse = |field: &'static str, text: &String| {
            Requirement::parse_request(text).map_err(|e| invalid(field, text, e.to_string()))
        };
        let requires = self
            .requires
            .iter()
            .map(|r| parse("requires", r))
            .collect::<Result<Vec<_>, _>>()?;
        let variants = self
            .variants
            .iter()
            .map(|v| v.iter().map(|r| parse("variants", r)).collect())
            .collect::<Result<Vec<Vec<_>>, _>>()?;
        let build = |field: &'static str, list: &[String]| {
            list.iter()
                .map(|r| parse(field, r))
                .collect::<Result<Vec<_>, _>>()
        };
        let build_requires = build("build_requires", &self.build_requires)?;
        let private_build_requires = build("private_build_requires", &self.private_build_requires)?;
        let name: Arc<str> = Arc::from(self.name.as_str());
        Ok(Package {
            uri: format!("{}/{}/package.py", self.name, self.version).into(),
            name,
            version,
            requires,
            variants,
            timestamp: self.timestamp,
            build_requires: Ok(build_requires),
            private_build_requires: Ok(private_build_requires),
            location: None,
        })
    }
}
