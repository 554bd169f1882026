//! [`SolveError`]: the cases where rez raises instead of failing.

use rer_order::OrderError;
use rer_repo::ProviderError;

/// Why a solve produced no answer at all.
///
/// A solve that runs to the end answers [`Resolve`](crate::Resolve), solved or
/// failed. These are the cases where rez 3.4.0 raises an exception instead,
/// plus the provider's own errors. [`SolveError::kind`] names each case with a
/// stable snake_case word; `Display` gives a one-line message in rez's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    /// A request string that is not a valid requirement, or names an invalid
    /// package (rez's `PackageRequest` rules).
    #[error("invalid request {request:?}: {message}")]
    InvalidRequest {
        /// The request string as given.
        request: String,
        /// What is wrong with it.
        message: String,
    },
    /// A family that no repository has: named by the request, or required by
    /// a package (rez's `PackageFamilyNotFoundError`).
    #[error("package family not found: {family}{}", by_suffix(required_by))]
    UnknownFamily {
        /// The missing family.
        family: String,
        /// The families whose packages required it (comma separated, rez's
        /// order), or `None` when the request itself names it.
        required_by: Option<String>,
    },
    /// A requirement no version of its family satisfies, in the request or
    /// deep in the graph (rez's `PackageNotFoundError`).
    #[error("Package could not be found: {requirement}")]
    NoMatchingVersion {
        /// The requirement, as rez prints it (e.g. `foo-5`).
        requirement: String,
        /// The families whose packages required it (comma separated), or
        /// `None` when the request itself names it. (rez's message does not
        /// name them; `Display` follows rez.)
        required_by: Option<String>,
    },
    /// A package variant whose own requirements conflict with each other
    /// (rez's `ResolveError: ... has an internal requirements conflict`).
    #[error("{message}")]
    ConflictingPackageRequires {
        /// The variant, as rez prints it (`foo-1.0[0]`, `bar-2[]`).
        package: String,
        /// rez's message, naming the two requirements.
        message: String,
    },
    /// A package orderer could not order a family's versions or a
    /// package's variants, where rez raises (e.g. `soft_timestamp` with a
    /// `rank` and an unbounded variant requirement).
    #[error("package orderer: {0}")]
    PackageOrder(OrderError),
    /// The provider could not answer for a family or a package.
    #[error(transparent)]
    Provider(#[from] ProviderError),
    /// A state rez itself treats as a solver bug (rez raises
    /// `RezSystemError` or fails an assertion).
    #[error("internal solver error: {0}")]
    Internal(String),
}

fn by_suffix(required_by: &Option<String>) -> String {
    match required_by {
        Some(by) => format!(", was required by: {by}"),
        None => String::new(),
    }
}

impl SolveError {
    /// A stable snake_case name of the case: `invalid_request`,
    /// `unknown_family`, `no_matching_version`,
    /// `conflicting_package_requires`, `package_order`, `provider` or
    /// `internal`. [`SolveError::detailed_kind`] names a provider's error
    /// by its own case instead of `provider`.
    pub fn kind(&self) -> &'static str {
        match self {
            SolveError::InvalidRequest { .. } => "invalid_request",
            SolveError::UnknownFamily { .. } => "unknown_family",
            SolveError::NoMatchingVersion { .. } => "no_matching_version",
            SolveError::ConflictingPackageRequires { .. } => "conflicting_package_requires",
            SolveError::PackageOrder(_) => "package_order",
            SolveError::Provider(_) => "provider",
            SolveError::Internal(_) => "internal",
        }
    }

    /// As [`SolveError::kind`], but a provider's error is named by its own
    /// case ([`ProviderError::kind`]: `package_parse`, `unreadable_file`,
    /// `duplicate_version`, ...), as the `rer` command reports it.
    pub fn detailed_kind(&self) -> &'static str {
        match self {
            SolveError::Provider(e) => e.kind(),
            other => other.kind(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let e = SolveError::UnknownFamily {
            family: "foo".into(),
            required_by: Some("bar, baz".into()),
        };
        assert_eq!(
            e.to_string(),
            "package family not found: foo, was required by: bar, baz"
        );
        assert_eq!(e.kind(), "unknown_family");
        let e = SolveError::NoMatchingVersion {
            requirement: "foo-5".into(),
            required_by: None,
        };
        assert_eq!(e.to_string(), "Package could not be found: foo-5");
        assert_eq!(e.kind(), "no_matching_version");
    }
}
