//! [`Config`]: every setting rer reads, merged from rez's default, the
//! configuration files and the environment as rez 3.4.0 merges them.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::Environment;
use crate::error::ConfigError;
use crate::expand::Expander;
use crate::files;
use crate::node::{Layered, Node, Origin, last_file, merge};
use crate::platform_map::PlatformMap;
use crate::settings::{self, Kind, SPECS, Spec};
use crate::system::System;

/// rez's `variant_select_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantSelectMode {
    /// `version_priority` (rez's default).
    VersionPriority,
    /// `intersection_priority`.
    IntersectionPriority,
}

/// One setting's effective value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The setting's name, e.g. `packages_path`.
    pub name: &'static str,
    /// The value after rez's validation and expansions, as JSON (what
    /// `rez config --json <name>` prints).
    pub value: Value,
    /// Where it came from: a variable alone, or the default or file that
    /// set it followed by each file that modified it (`ModifyList`, a dict
    /// merged into a dict).
    pub origins: Vec<Origin>,
}

/// rez 3.4.0's configuration, for the settings that change a resolve.
///
/// Read as rez reads it: rez's built-in defaults, then each file of
/// `REZ_CONFIG_FILE` (a path list, in order), then `~/.rezconfig` unless
/// `REZ_DISABLE_HOME_CONFIG` is `1`, `t` or `true`; each merged over the
/// data so far (`ModifyList` adding to lists, dicts merged key by key).
/// A setting's `REZ_<SETTING>` variable, else its `REZ_<SETTING>_JSON`,
/// overrides the files. Values are then validated with rez's schema and
/// their strings expanded (`$VAR`, `~`, `{system.platform}`).
///
/// Each setting is validated on its own, as rez validates each when it is
/// first used: a bad `local_packages_path` is an error only for the
/// commands that use it ([`Config::setting`] returns it). Like rez, a
/// setting's value is worked out when it is first asked for, so what a
/// command never reads costs nothing (`implicit_packages`' default reads
/// `system.os`, which may run `lsb_release`).
#[derive(Debug)]
pub struct Config {
    /// Each setting's merged layers, or why they cannot be merged, in
    /// [`SPECS`] order; `platform_map` (the last) is worked out at once.
    pending: Vec<Result<Option<Layered>, ConfigError>>,
    settings: Vec<OnceCell<Result<Setting, ConfigError>>>,
    env: Environment,
    searched: Vec<PathBuf>,
    sourced: Vec<PathBuf>,
    system: System,
}

/// The rez version whose configuration rer reads.
pub const REZ_VERSION: &str = "3.4.0";

impl Config {
    /// The configuration the environment `env` gives (use
    /// [`Environment::from_process`] for this process's).
    ///
    /// # Errors
    /// [`ConfigError::Unreadable`] when a configuration file that exists
    /// cannot be read (I/O, YAML or Python syntax, a top level that is not
    /// a mapping), or a `ModifyList` is applied to a value that is not a
    /// list: rez refuses every command then. The same when
    /// `$REZ_CONFIG_FILE`, `$REZ_DISABLE_HOME_CONFIG` or (when the home
    /// configuration is read) `$HOME` is not valid Unicode: rer cannot
    /// know which files rez would read.
    pub fn load(env: &Environment) -> Result<Config, ConfigError> {
        Config::from_files(files::search_list(env)?, env)
    }

    /// The configuration read from exactly `files` (searched as rez
    /// searches each: `<stem>.py` first, then the file itself as YAML) on top
    /// of rez's defaults, with `env`'s overrides.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn from_files(searched: Vec<PathBuf>, env: &Environment) -> Result<Config, ConfigError> {
        let names = settings::names();
        let mut layers: Vec<Option<Layered>> = SPECS
            .iter()
            .map(|spec| {
                Some(Layered {
                    value: (spec.default)(),
                    origins: vec![Origin::Default],
                })
            })
            .collect();
        let mut failures: Vec<Option<ConfigError>> = SPECS.iter().map(|_| None).collect();
        let mut sourced = Vec::new();
        for searched_path in &searched {
            let Some((path, entries)) = files::load(searched_path, &names)? else {
                continue;
            };
            for (name, entry) in entries {
                let Some(i) = names.iter().position(|n| *n == name) else {
                    continue;
                };
                match entry {
                    Ok((line, node)) => {
                        let origin = Origin::File {
                            path: path.clone(),
                            line: Some(line),
                        };
                        let merged = merge(layers[i].take(), node, origin.clone()).map_err(
                            |e| ConfigError::Unreadable {
                                origin,
                                message: format!(
                                    "setting '{name}': attempted to apply ModifyList to non-list \
                                     (a {})",
                                    e.found
                                ),
                            },
                        )?;
                        layers[i] = Some(merged);
                        failures[i] = None;
                    }
                    Err(e) => failures[i] = Some(e),
                }
            }
            sourced.push(path);
        }
        let map_index = SPECS.len() - 1;
        debug_assert_eq!(SPECS[map_index].name, "platform_map");
        let map_layer = layers[map_index].clone();
        let platform_map = match failures[map_index].take() {
            Some(e) => Err(e),
            None => effective(
                &SPECS[map_index],
                layers[map_index].take(),
                env,
                &System::new(),
            ),
        };
        let system = match (&platform_map, env.var("REZ_PLATFORM_MAP_JSON")) {
            (Ok(setting), Some(text))
                if setting.origins == [Origin::Variable("REZ_PLATFORM_MAP_JSON".into())] =>
            {
                let map = PlatformMap::from_json(text).map_err(|m| {
                    ConfigError::setting("platform_map", setting.origins[0].clone(), m)
                })?;
                System::with_platform_map(map)
            }
            (Ok(_), _) => System::with_platform_map(
                map_layer
                    .map(|l| PlatformMap::from_node(&l.value))
                    .unwrap_or_default(),
            ),
            (Err(_), _) => System::new(),
        };
        let pending: Vec<_> = layers
            .into_iter()
            .zip(failures)
            .map(|(layer, failure)| match failure {
                Some(e) => Err(e),
                None => Ok(layer),
            })
            .collect();
        let settings: Vec<_> = SPECS.iter().map(|_| OnceCell::new()).collect();
        let _ = settings[map_index].set(platform_map);
        Ok(Config {
            pending,
            settings,
            env: env.clone(),
            searched,
            sourced,
            system,
        })
    }

    /// The files rez looks for, in order (`rez config --search-list`).
    pub fn searched_files(&self) -> &[PathBuf] {
        &self.searched
    }

    /// The files actually read, in order (`rez config --source-list`,
    /// without rez's own `rezconfig.py`).
    pub fn sourced_files(&self) -> &[PathBuf] {
        &self.sourced
    }

    /// The names of the settings rer reads, in the order it lists them.
    pub fn setting_names() -> impl Iterator<Item = &'static str> {
        SPECS.iter().map(|s| s.name)
    }

    /// One setting, or why it cannot be used; `None` for a setting rer does
    /// not read.
    pub fn setting(&self, name: &str) -> Option<Result<&Setting, &ConfigError>> {
        let i = SPECS.iter().position(|s| s.name == name)?;
        let setting = self.settings[i].get_or_init(|| match &self.pending[i] {
            Err(e) => Err(e.clone()),
            Ok(layer) => effective(&SPECS[i], layer.clone(), &self.env, &self.system),
        });
        Some(setting.as_ref())
    }

    fn get(&self, name: &str) -> Result<&Value, ConfigError> {
        match self.setting(name) {
            Some(Ok(s)) => Ok(&s.value),
            Some(Err(e)) => Err(e.clone()),
            None => unreachable!("{name} is one of SPECS"),
        }
    }

    /// `packages_path`: the repositories searched, highest priority first.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn packages_path(&self) -> Result<Vec<String>, ConfigError> {
        Ok(strings(self.get("packages_path")?))
    }

    /// `local_packages_path`.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn local_packages_path(&self) -> Result<String, ConfigError> {
        Ok(self
            .get("local_packages_path")?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// `packages_path` without `local_packages_path` (its first occurrence,
    /// compared as text), as `rez env --no-local` searches.
    ///
    /// # Errors
    /// Either setting's [`ConfigError`].
    pub fn nonlocal_packages_path(&self) -> Result<Vec<String>, ConfigError> {
        let mut paths = self.packages_path()?;
        let local = self.local_packages_path()?;
        if let Some(i) = paths.iter().position(|p| *p == local) {
            paths.remove(i);
        }
        Ok(paths)
    }

    /// `implicit_packages`: the requests `rez env` adds after every request.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn implicit_packages(&self) -> Result<Vec<String>, ConfigError> {
        Ok(strings(self.get("implicit_packages")?))
    }

    /// `package_filter`, as the list of filter dicts rez validates it to.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn package_filter(&self) -> Result<&Value, ConfigError> {
        self.get("package_filter")
    }

    /// `package_orderers`, as the list of orderer dicts rez validates it to.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn package_orderers(&self) -> Result<&Value, ConfigError> {
        self.get("package_orderers")
    }

    /// `variant_select_mode`.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn variant_select_mode(&self) -> Result<VariantSelectMode, ConfigError> {
        Ok(match self.get("variant_select_mode")?.as_str() {
            Some("intersection_priority") => VariantSelectMode::IntersectionPriority,
            _ => VariantSelectMode::VersionPriority,
        })
    }

    /// `error_on_missing_variant_requires`.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn error_on_missing_variant_requires(&self) -> Result<bool, ConfigError> {
        Ok(self.get("error_on_missing_variant_requires")?.as_bool() == Some(true))
    }

    /// `resolve_caching`: rez caches resolves in memcached when it is set
    /// (and a server is configured); `rer solve` keeps its resolve cache
    /// beside the repository index unless it is `False`.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn resolve_caching(&self) -> Result<bool, ConfigError> {
        Ok(self.get("resolve_caching")?.as_bool() == Some(true))
    }

    /// `allow_unversioned_packages`.
    ///
    /// # Errors
    /// The setting's [`ConfigError`].
    pub fn allow_unversioned_packages(&self) -> Result<bool, ConfigError> {
        Ok(self.get("allow_unversioned_packages")?.as_bool() == Some(true))
    }

    /// The system values rez fills in: `platform`, `arch`, `os`.
    pub fn system(&self) -> &System {
        &self.system
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// One setting's effective value: rez's `Setting._validate` (variable,
/// then JSON variable, then the merged data), its schema, its expansions.
fn effective(
    spec: &Spec,
    layer: Option<Layered>,
    env: &Environment,
    system: &System,
) -> Result<Setting, ConfigError> {
    let variable = format!("REZ_{}", spec.name.to_uppercase());
    let json_variable = format!("{variable}_JSON");
    if let Some(name) = [&variable, &json_variable]
        .into_iter()
        .find(|name| env.is_not_unicode(name))
    {
        return Err(ConfigError::setting(
            spec.name,
            Origin::Variable(name.clone()),
            "the value is not valid Unicode, which rer cannot read as text",
        ));
    }
    let (value, origins) = if let Some(text) = env.var(&variable) {
        let origin = Origin::Variable(variable.clone());
        let value = spec
            .kind
            .parse_variable(&variable, text)
            .map_err(|m| ConfigError::setting(spec.name, origin.clone(), m))?;
        (value, vec![origin])
    } else if let Some(text) = env.var(&json_variable) {
        let origin = Origin::Variable(json_variable.clone());
        let value = serde_json::from_str(text).map_err(|e| {
            ConfigError::setting(
                spec.name,
                origin.clone(),
                format!("expected ${json_variable} to be JSON-encoded string ({e})"),
            )
        })?;
        (value, vec![origin])
    } else {
        let layer = layer.unwrap_or(Layered {
            value: Node::None,
            origins: vec![Origin::Default],
        });
        let origin = last_origin(&layer.origins);
        let value = settings::to_json(&layer.value, true)
            .map_err(|m| ConfigError::setting(spec.name, origin, m))?;
        (value, layer.origins)
    };
    let origin = last_origin(&origins);
    let value = spec
        .kind
        .validate(value)
        .map_err(|m| ConfigError::setting(spec.name, origin.clone(), m))?;
    let value = if spec.kind == Kind::OptionalDict {
        value
    } else {
        let expander = Expander { env, system };
        expander
            .value(value)
            .map_err(|m| ConfigError::setting(spec.name, origin, m))?
    };
    Ok(Setting {
        name: spec.name,
        value,
        origins,
    })
}

fn last_origin(origins: &[Origin]) -> Origin {
    match last_file(origins) {
        Some((path, line)) => Origin::File {
            path: Path::to_path_buf(path),
            line,
        },
        None => origins.last().cloned().unwrap_or(Origin::Default),
    }
}
