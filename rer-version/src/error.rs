//! Error types of the crate: one enum per parsed type, each naming the offending input.

use thiserror::Error;

/// Why a string is not a valid rez version.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VersionError {
    /// The string is non-empty but contains no version token (no `[A-Za-z0-9_]` character).
    #[error(
        "invalid version '{input}': it contains no version token (tokens are made of A-Z, a-z, 0-9 and _)"
    )]
    NoTokens {
        /// The rejected input.
        input: String,
    },
    /// The string starts or ends with a separator, or two tokens are separated by more than
    /// one character.
    #[error(
        "invalid version syntax '{input}': tokens must be separated by exactly one character, with no leading or trailing separator"
    )]
    Syntax {
        /// The rejected input.
        input: String,
    },
}

/// Why a string is not a valid rez version range, or why a range cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VersionRangeError {
    /// One `|`-separated part of the input does not match rez's range grammar.
    #[error("syntax error in version range '{input}': part '{part}' is not a valid range")]
    Syntax {
        /// The whole rejected input.
        input: String,
        /// The `|`-separated part that does not parse.
        part: String,
    },
    /// A part describes an empty bound (its lower bound lies above its upper bound, e.g. `3+<2`).
    #[error(
        "invalid version range '{input}': bound '{part}' has its lower bound above its upper bound"
    )]
    InvalidBound {
        /// The whole rejected input.
        input: String,
        /// The `|`-separated part holding the empty bound.
        part: String,
    },
    /// A part has an exclusive upper bound on the empty version (`<` with nothing after it),
    /// which rez rejects.
    #[error("invalid version range '{input}': invalid upper bound '<' in part '{part}'")]
    InvalidUpperBound {
        /// The whole rejected input.
        input: String,
        /// The `|`-separated part holding the bad upper bound.
        part: String,
    },
    /// A version inside the range is invalid (never produced for grammar-valid input; kept for
    /// completeness).
    #[error("invalid version range '{input}': {source}")]
    Version {
        /// The whole rejected input.
        input: String,
        /// The version error.
        source: VersionError,
    },
    /// [`crate::VersionRange::from_version_op`] got an operation it does not know.
    #[error(
        "unknown bound operation '{op}' (expected one of eq, ==, gt, >, gte, >=, lt, <, lte, <=)"
    )]
    UnknownOperation {
        /// The rejected operation string.
        op: String,
    },
    /// [`crate::VersionRange::from_version_op`] was asked for the superset range of the empty
    /// version (rez raises `Invalid upper bound` there).
    #[error("cannot build the superset range of the empty version: invalid upper bound")]
    EmptyVersionSuperset,
}

/// Why a string is not a valid rez requirement.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RequirementError {
    /// The version range part of the requirement does not parse.
    #[error("invalid requirement '{input}': {source}")]
    Range {
        /// The whole rejected input.
        input: String,
        /// Why the range part was rejected.
        source: VersionRangeError,
    },
    /// The name is not a valid package name (only checked by
    /// [`crate::Requirement::parse_request`]).
    #[error("invalid package request '{input}': '{name}' is not a valid package name")]
    InvalidName {
        /// The whole rejected input.
        input: String,
        /// The rejected name.
        name: String,
    },
}
