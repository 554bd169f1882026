//! Errors that stop a command before any request is answered: no usable
//! package source, an unreadable requests file, a broken output pipe.

use std::fmt;

/// A command-level error, with a stable kind (as in the `--json` error
/// object) and one line telling the user what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// Stable snake_case name, e.g. `missing_repository`.
    pub kind: &'static str,
    /// What is wrong and where.
    pub message: String,
}

impl CliError {
    /// An error of kind `kind`.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        CliError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}
