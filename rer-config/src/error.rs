//! What can go wrong reading rez's configuration.

use crate::node::Origin;

/// A configuration rer cannot use, naming the file and line (or the
/// variable) and the setting at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A whole configuration file cannot be read: it cannot be opened, is
    /// not valid YAML or Python, or its top level is not a mapping. rez
    /// refuses every command in this case, whatever the setting.
    #[error("error loading configuration from {origin}: {message}")]
    Unreadable {
        /// The file (and line, when known).
        origin: Origin,
        /// What is wrong.
        message: String,
    },
    /// One setting's value cannot be used: it has the wrong type, names
    /// something rez does not know, or cannot be read without running
    /// Python.
    #[error("{origin}: setting '{setting}': {message}")]
    Setting {
        /// The setting, e.g. `packages_path`.
        setting: String,
        /// Where the value came from.
        origin: Origin,
        /// What is wrong.
        message: String,
    },
}

impl ConfigError {
    /// A setting error.
    pub(crate) fn setting(setting: &str, origin: Origin, message: impl Into<String>) -> Self {
        ConfigError::Setting {
            setting: setting.to_string(),
            origin,
            message: message.into(),
        }
    }
}
