//! rez 3.4.0's configuration, read as rez reads it, for the settings that
//! change a resolve.
//!
//! ```no_run
//! use rer_config::{Config, Environment};
//!
//! let config = Config::load(&Environment::from_process())?;
//! println!("search {:?}", config.packages_path()?);
//! println!("add {:?} to every request", config.implicit_packages()?);
//! # Ok::<(), rer_config::ConfigError>(())
//! ```
//!
//! # What is read, and how
//! - rez's own defaults for these settings (its `rezconfig.py` of 3.4.0),
//!   then the files in `REZ_CONFIG_FILE` (a `:`-separated list, in order),
//!   then `~/.rezconfig` unless `REZ_DISABLE_HOME_CONFIG` is `1`/`t`/`true`.
//!   For each listed path rez takes `<path minus extension>.py` as Python
//!   when it exists, else the path itself as YAML; rer does the same
//!   (so `~/.rezconfig.py` or `~/.rezconfig`; `~/.rezconfig.yaml` is not
//!   read, by rez either).
//! - YAML is typed as PyYAML types it (`yes` is true). Python is read
//!   statically, without running it: literal assignments, and
//!   `ModifyList(prepend=[...], append=[...])` of literals. A setting rer
//!   reads that is set any other way is an error naming the file, the line
//!   and the construct; other names in the file are not looked at.
//! - Each file is merged over the data so far as rez's `deep_update`
//!   merges it: a `ModifyList` wraps the current list, a dict merges into a
//!   dict, anything else replaces.
//! - Then `REZ_<SETTING>` (parsed per type: `:`-separated paths,
//!   comma/space-separated lists, `1/true/yes/on` booleans), else
//!   `REZ_<SETTING>_JSON`, overrides the files.
//! - The value is validated with rez's schema, then every string expanded:
//!   `$VAR`, a leading `~`, and `{system.platform}`, `{system.arch}`,
//!   `{system.os}` ([`System`]), `{system.user}`, `{system.home}`,
//!   `{system.rez_version}`; references to other names are left as they are,
//!   as rez leaves them. A `platform_map` rewrites the raw arch and os
//!   values first, as in rez.
//!
//! Nothing else in rezconfig is read: no other setting changes a resolve.

mod config;
mod env;
mod error;
mod expand;
mod files;
mod node;
mod platform_map;
mod python_file;
mod settings;
mod system;

pub use config::{Config, REZ_VERSION, Setting, VariantSelectMode};
pub use env::Environment;
pub use error::ConfigError;
pub use node::Origin;
pub use system::System;
