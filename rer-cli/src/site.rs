//! What a resolve takes from the site's rez configuration once the flags
//! have had their say, as `rez env` takes it.

use std::sync::Arc;

use rer_config::{Config, ConfigError, Environment};
use rer_filter::PackageFilterList;
use rer_rez_eval::RezEvaluator;
use rer_solver::{PackageOrderList, VariantSelectMode};

use crate::args::SourceArgs;
use crate::error::CliError;
use crate::{filters, providers, solve};

/// The resolve settings of one command.
#[derive(Debug, Clone)]
pub struct Site {
    /// The implicit packages appended to every request (none with `--ni`).
    pub implicit: Vec<String>,
    /// `variant_select_mode`, or `--variant-select-mode`.
    pub mode: VariantSelectMode,
    /// `error_on_missing_variant_requires`.
    pub error_on_missing_variant_requires: bool,
    /// `allow_unversioned_packages`.
    pub allow_unversioned_packages: bool,
    /// `package_filter` with `--no-filters`, `--exclude`, `--include` and
    /// `--time` applied; `None` when it excludes nothing.
    pub filters: Option<PackageFilterList>,
    /// `package_orderers` (rezconfig, or `REZ_PACKAGE_ORDERERS_JSON`).
    pub orderers: PackageOrderList,
}

/// This process's rez configuration.
///
/// # Errors
/// `config` when a configuration file cannot be read.
pub fn load() -> Result<Config, CliError> {
    Config::load(&Environment::from_process()).map_err(config_error)
}

/// A configuration error as a command-level error.
pub fn config_error(error: ConfigError) -> CliError {
    CliError::new("config", error.to_string())
}

/// The search path `rez env` would use: `packages_path`, without
/// `local_packages_path` for `--nl`.
///
/// # Errors
/// `config` when a setting involved cannot be used.
pub fn packages_path(args: &SourceArgs, config: &Config) -> Result<Vec<String>, CliError> {
    if args.no_local {
        config.nonlocal_packages_path()
    } else {
        config.packages_path()
    }
    .map_err(config_error)
}

/// The resolve settings: each from its flag when given, else from the
/// configuration.
///
/// `package_filter` is applied with rez env's filter flags
/// ([`filters::filter_list`]); `package_orderers` is applied as configured.
///
/// # Errors
/// `config` when a setting involved cannot be used; `filter` or `time` for
/// a bad filter rule or time.
pub fn settings(
    args: &SourceArgs,
    config: &Config,
    evaluator: &Arc<RezEvaluator>,
) -> Result<Site, CliError> {
    let implicit = if args.no_implicit {
        Vec::new()
    } else {
        config.implicit_packages().map_err(config_error)?
    };
    let mode = match args.variant_select_mode {
        Some(mode) => solve::select_mode(mode),
        None => solve::configured_mode(config.variant_select_mode().map_err(config_error)?),
    };
    let configured = config.package_filter().map_err(config_error)?;
    let filters = filters::filter_list(&args.filters, configured)?;
    Ok(Site {
        implicit,
        mode,
        error_on_missing_variant_requires: config
            .error_on_missing_variant_requires()
            .map_err(config_error)?,
        allow_unversioned_packages: config.allow_unversioned_packages().map_err(config_error)?,
        filters,
        orderers: orderers(config, evaluator)?,
    })
}

/// `package_orderers`, whose `soft_timestamp` orderers read timestamps from
/// the configured `packages_path` as rez's do (not from `--repo`,
/// `--paths` or the `--nl` search path, and unfiltered).
fn orderers(config: &Config, evaluator: &Arc<RezEvaluator>) -> Result<PackageOrderList, CliError> {
    let pod = config.package_orderers().map_err(config_error)?;
    if !pod.to_string().contains("\"soft_timestamp\"") {
        return PackageOrderList::from_pod(pod).map_err(order_error);
    }
    let paths = config.packages_path().map_err(config_error)?;
    let timestamps = providers::configured_packages(
        paths,
        config.allow_unversioned_packages().map_err(config_error)?,
        evaluator,
    )?;
    PackageOrderList::from_pod_reading_timestamps(pod, timestamps).map_err(order_error)
}

fn order_error(error: impl std::fmt::Display) -> CliError {
    CliError::new("config", error.to_string())
}
