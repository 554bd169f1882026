//! rez's resolve settings handed in from Python: `building`, package
//! filters and package orderers (rez's configuration format, or rez's own
//! objects through their `to_pod()`), and the site configuration
//! (`config=True`: rez's rezconfig files and `REZ_*` variables, read by
//! `rer-config`) for the settings left unset.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rer_config::{Config, Environment, VariantSelectMode as ConfiguredMode};
use rer_filter::{PackageFilterList, Rule};
use rer_order::PackageOrderList;
use rer_solver::VariantSelectMode;
use serde_json::Value;

use crate::errors::invalid_option;

/// The settings of one `rer.Solver` that come from rez's configuration
/// when not given.
pub struct Settings {
    /// The repositories searched; `None`: `REZ_PACKAGES_PATH`.
    pub paths: Option<Vec<PathBuf>>,
    /// rez's `variant_select_mode`.
    pub mode: VariantSelectMode,
    /// rez's `error_on_missing_variant_requires`.
    pub error_on_missing_variant_requires: bool,
    /// rez's `allow_unversioned_packages`.
    pub allow_unversioned_packages: bool,
    /// rez's `package_filter`; `None` when it excludes nothing.
    pub filters: Option<PackageFilterList>,
    /// rez's `package_orderers` (empty: versions highest first).
    pub orderers: PackageOrderList,
}

/// The Python arguments the settings are made from (`None`: not given).
pub struct Given<'a, 'py> {
    /// `paths`.
    pub paths: Option<Vec<PathBuf>>,
    /// `variant_select_mode`.
    pub mode: Option<&'a str>,
    /// `error_on_missing_variant_requires`.
    pub error_on_missing_variant_requires: Option<bool>,
    /// `allow_unversioned_packages`.
    pub allow_unversioned_packages: Option<bool>,
    /// `package_filter`.
    pub package_filter: Option<&'a Bound<'py, PyAny>>,
    /// `package_orderers`.
    pub package_orderers: Option<&'a Bound<'py, PyAny>>,
    /// `timestamp`: rez's resolve time (`rez env -t`), epoch seconds.
    pub timestamp: Option<i64>,
}

impl Settings {
    /// Each setting from its argument when given, else from the site's rez
    /// configuration when `config` is true, else rez's default; a
    /// `timestamp` joins the filters as rez's resolver adds it.
    ///
    /// # Errors
    /// `rer.InvalidOptionError` naming the setting for a value rez's format
    /// does not allow (or a filter rule or orderer rer cannot read), or a
    /// configuration that cannot be read; `TypeError` for a value that is
    /// not rez's plain data.
    pub fn new(py: Python<'_>, given: Given<'_, '_>, config: bool) -> PyResult<Settings> {
        let site = if config {
            Some(
                Config::load(&Environment::from_process())
                    .map_err(|e| invalid_option(py, format!("rez configuration: {e}")))?,
            )
        } else {
            None
        };
        let setting = |name: &str, e: rer_config::ConfigError| {
            invalid_option(py, format!("rez configuration, {name}: {e}"))
        };
        let paths = match (given.paths, &site) {
            (Some(paths), _) => Some(paths),
            (None, Some(site)) => Some(
                site.packages_path()
                    .map_err(|e| setting("packages_path", e))?
                    .into_iter()
                    .map(PathBuf::from)
                    .collect(),
            ),
            (None, None) => None,
        };
        let mode = match (given.mode, &site) {
            (Some(text), _) => crate::options::variant_select_mode(py, text)?,
            (None, Some(site)) => match site
                .variant_select_mode()
                .map_err(|e| setting("variant_select_mode", e))?
            {
                ConfiguredMode::VersionPriority => VariantSelectMode::VersionPriority,
                ConfiguredMode::IntersectionPriority => VariantSelectMode::IntersectionPriority,
            },
            (None, None) => VariantSelectMode::default(),
        };
        let error_on_missing_variant_requires =
            match (given.error_on_missing_variant_requires, &site) {
                (Some(flag), _) => flag,
                (None, Some(site)) => site
                    .error_on_missing_variant_requires()
                    .map_err(|e| setting("error_on_missing_variant_requires", e))?,
                (None, None) => true,
            };
        let allow_unversioned_packages = match (given.allow_unversioned_packages, &site) {
            (Some(flag), _) => flag,
            (None, Some(site)) => site
                .allow_unversioned_packages()
                .map_err(|e| setting("allow_unversioned_packages", e))?,
            (None, None) => true,
        };
        let filter_pod = match (given.package_filter.filter(|v| !v.is_none()), &site) {
            (Some(value), _) => pod(py, value, "package_filter")?,
            (None, Some(site)) => site
                .package_filter()
                .map_err(|e| setting("package_filter", e))?
                .clone(),
            (None, None) => Value::Null,
        };
        let mut filters = PackageFilterList::from_pod(&filter_pod)
            .map_err(|e| invalid_option(py, format!("package_filter: {e}")))?;
        // rez's resolver adds the resolve time to the filters as `after(T)`
        // (0: no time)
        if let Some(time) = given.timestamp.filter(|&t| t != 0) {
            filters.add_exclusion(Rule::after(time, None));
        }
        let order_pod = match (given.package_orderers.filter(|v| !v.is_none()), &site) {
            (Some(value), _) => orderers_pod(py, value)?,
            (None, Some(site)) => site
                .package_orderers()
                .map_err(|e| setting("package_orderers", e))?
                .clone(),
            (None, None) => Value::Null,
        };
        let orderers = match order_pod {
            Value::Null => PackageOrderList::new(),
            pod => PackageOrderList::from_pod(&pod)
                .map_err(|e| invalid_option(py, format!("package_orderers: {e}")))?,
        };
        Ok(Settings {
            paths,
            mode,
            error_on_missing_variant_requires,
            allow_unversioned_packages,
            filters: filters.is_active().then_some(filters),
            orderers,
        })
    }
}

/// `value` as JSON: rez's plain data (`dict`, `list`, `str`, numbers,
/// `None`), or an object with `to_pod()` (rez's `PackageFilterList`,
/// `PackageOrderList`), whose pod is taken.
fn pod(py: Python<'_>, value: &Bound<'_, PyAny>, setting: &str) -> PyResult<Value> {
    let plain = if value.hasattr("to_pod")? && !value.is_instance_of::<PyDict>() {
        value.call_method0("to_pod")?
    } else {
        value.clone()
    };
    let text: String = py
        .import("json")?
        .call_method1("dumps", (plain,))
        .map_err(|e| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{setting} must be rez's configuration data or have to_pod(): {e}"
            ))
        })?
        .extract()?;
    serde_json::from_str(&text).map_err(|e| invalid_option(py, format!("{setting}: {e}")))
}

/// rez's `package_orderers` as JSON: a `PackageOrderList` (its `to_pod()`),
/// or a list whose items are pods (`{"type": ..., ...}`) or rez orderer
/// objects (`{"type": orderer.name, **orderer.to_pod()}`, rez's
/// `package_order.to_pod`).
fn orderers_pod(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.hasattr("to_pod")? {
        return pod(py, value, "package_orderers");
    }
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = value.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return pod(py, value, "package_orderers");
    };
    let mut pods = Vec::with_capacity(items.len());
    for item in items {
        if item.is_instance_of::<PyDict>() || !item.hasattr("to_pod")? {
            pods.push(pod(py, &item, "package_orderers")?);
            continue;
        }
        let name: String = item.getattr("name")?.extract()?;
        let mut data = match pod(py, &item, "package_orderers")? {
            Value::Object(map) => map,
            other => {
                return Err(invalid_option(
                    py,
                    format!("package_orderers: {name}'s to_pod() gave {other}, not a dict"),
                ));
            }
        };
        data.insert("type".to_string(), Value::String(name));
        pods.push(Value::Object(data));
    }
    Ok(Value::Array(pods))
}
