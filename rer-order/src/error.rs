//! The errors of orderers: building them from rez's config, and using them.

use rer_repo::ProviderError;

/// Why an orderer could not key a version (the solve then ends in an
/// error, where rez raises).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrderError {
    /// rez raises this exception here (e.g. `soft_timestamp` with a `rank`
    /// asked to key the infinite end of an unbounded range: `RuntimeError:
    /// Version.inf cannot be trimmed`).
    #[error("{exception}: {message}")]
    Raised {
        /// The Python exception rez raises.
        exception: &'static str,
        /// Its message.
        message: String,
    },
    /// Keys made by different orderers that Python cannot compare (rez
    /// raises `TypeError`).
    #[error("TypeError: '<' not supported between the sort keys of {0}")]
    Incomparable(String),
    /// The provider could not read the family or a package.
    #[error(transparent)]
    Provider(#[from] ProviderError),
    /// A state that cannot happen.
    #[error("internal orderer error")]
    Internal,
}

/// A `package_orderers` setting that rez would refuse, naming the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("package_orderers{path}: {message}")]
pub struct OrderConfigError {
    /// Where in the setting: `[1]`, `[0].orderers[2]`, ...
    pub path: String,
    /// What is wrong, as rez would complain (a missing key, an unknown
    /// orderer type, a bad version).
    pub message: String,
}
