//! The environment variables a configuration is read from.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;

/// A snapshot of environment variables: the process's own
/// ([`Environment::from_process`]) or any set of them (for tests, or a host
/// program that resolves on behalf of another environment).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    /// Variables whose names are text but whose values are not valid
    /// Unicode: rez (Python) reads them with their stray bytes kept, rer
    /// cannot hold them as text, so a setting read from one is refused
    /// rather than taken as unset.
    not_unicode: BTreeSet<String>,
}

impl Environment {
    /// The current process's variables. A value that is not valid Unicode
    /// is kept as such (see [`Environment::from_vars_os`]).
    pub fn from_process() -> Self {
        Environment::from_vars_os(std::env::vars_os())
    }

    /// The variables given, as the operating system holds them: those
    /// whose name and value are valid Unicode are read as text; those
    /// whose name is but whose value is not are known by name only, and
    /// a setting read from one (`$REZ_PACKAGES_PATH`, or a `$VAR` a
    /// setting expands) is refused with an error naming it rather than
    /// taken as unset ([`Environment::is_not_unicode`]). A name that is not
    /// valid Unicode is no variable rez or rer looks up, and is dropped.
    pub fn from_vars_os(vars: impl IntoIterator<Item = (OsString, OsString)>) -> Self {
        let mut env = Environment::default();
        for (name, value) in vars {
            let Ok(name) = name.into_string() else {
                continue;
            };
            match value.into_string() {
                Ok(value) => {
                    env.vars.insert(name, value);
                }
                Err(_) => {
                    env.not_unicode.insert(name);
                }
            }
        }
        env
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
            not_unicode: BTreeSet::new(),
        }
    }

    /// Whether `name` is set to a value that is not valid Unicode, which
    /// [`Environment::var`] does not give.
    pub fn is_not_unicode(&self, name: &str) -> bool {
        self.not_unicode.contains(name)
    }

    /// The value of `name`, if set to valid Unicode.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The home directory, `$HOME`, as Python's `os.path.expanduser("~")`
    /// finds it on Unix.
    pub fn home(&self) -> Option<&str> {
        self.var("HOME")
    }
}
