//! The environment variables a configuration is read from.

use std::collections::BTreeMap;

/// A snapshot of environment variables: the process's own
/// ([`Environment::from_process`]) or any set of them (for tests, or a host
/// program that resolves on behalf of another environment).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// The current process's variables (those that are valid Unicode).
    pub fn from_process() -> Self {
        Environment::from_vars(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    /// Exactly the variables given.
    pub fn from_vars<K: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Environment {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The value of `name`, if set.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The home directory, `$HOME`, as Python's `os.path.expanduser("~")`
    /// finds it on Unix.
    pub fn home(&self) -> Option<&str> {
        self.var("HOME")
    }
}
