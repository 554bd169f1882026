//! The one error type every provider answers with.

use std::fmt;
use std::path::PathBuf;

/// Why a provider could not answer for a family or one of its packages.
///
/// Every variant names what went wrong and where: the family, the package, the
/// file and, when known, the line. It is `Clone` because a lazily loaded
/// package remembers its failure and hands the same error to every caller
/// (see [`Family::package`](crate::Family::package)).
///
/// "No such family" is not an error: providers answer `Ok(None)` for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProviderError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file or directory that failed.
        path: PathBuf,
        /// The kind of I/O failure, as the OS reported it.
        kind: std::io::ErrorKind,
        /// The OS's message.
        message: String,
    },
    /// A package definition file could not be read as a package definition.
    #[error("{}: {message}", Location { path, line: *line })]
    Parse {
        /// The definition file.
        path: PathBuf,
        /// The 1-based line of the fault, when it can be pinned to one.
        line: Option<usize>,
        /// What is wrong, naming the construct.
        message: String,
    },
    /// A package's data was read but a field is not valid (a bad version or
    /// requirement string, a name that does not match its family, ...).
    #[error("package {package} ({origin}): invalid {field} {value:?}: {message}")]
    InvalidPackage {
        /// `family-version`, or the family alone when the version is the fault.
        package: String,
        /// Where the package came from (a file path, a JSON document, "code").
        origin: String,
        /// The field at fault (`version`, `requires`, `variants`, `name`, ...).
        field: &'static str,
        /// The offending value, as given.
        value: String,
        /// Why it is rejected.
        message: String,
    },
    /// Two entries of one family carry the same version.
    #[error("family {family}: version {version} is defined twice, by {first} and by {second}")]
    DuplicateVersion {
        /// The family.
        family: String,
        /// The version both entries carry.
        version: String,
        /// Where the first entry came from.
        first: String,
        /// Where the second entry came from.
        second: String,
    },
    /// A package repository root that does not exist or is not a directory.
    #[error("package repository {path} does not exist or is not a directory")]
    MissingRepository {
        /// The root as given.
        path: PathBuf,
    },
    /// A package definition whose solver fields can only be known by
    /// running it (an `@early` function, a top-level `if` or `import`, a
    /// `@late` `requires`...), and which no evaluator could read.
    #[error("{}: cannot read '{field}' without running the file: it is {construct}; {remedy}", Location { path, line: *line })]
    NeedsEvaluation {
        /// The definition file.
        path: PathBuf,
        /// The 1-based line of the construct, when known.
        line: Option<usize>,
        /// The field that cannot be read (`requires`, `variants`, ...).
        field: &'static str,
        /// What the construct is, e.g. `a function decorated with @early()`.
        construct: String,
        /// What would let it be read, or why the evaluation that was tried
        /// could not be done.
        remedy: String,
    },
    /// A package whose `@late` `requires` read the request being resolved
    /// (`request`, `context`, ...), asked for by a provider that is not
    /// bound to a request: it must be read once per request, through a
    /// provider bound to that request.
    #[error("{}: the @late requires of {package} depend on the request being resolved; \
             read it through a provider bound to the request", path.display())]
    RequestDependent {
        /// `family-version`.
        package: String,
        /// The definition file.
        path: PathBuf,
    },
    /// Any other failure of a provider, in its own words.
    #[error("family {family}: {message}")]
    Other {
        /// The family being looked up.
        family: String,
        /// What went wrong.
        message: String,
    },
}

impl ProviderError {
    /// A stable snake_case name of the case, for programs that sort errors:
    ///
    /// | kind | case |
    /// | --- | --- |
    /// | `unreadable_file` | [`Io`](Self::Io): a file or directory could not be read |
    /// | `package_parse` | [`Parse`](Self::Parse): a definition file is not valid Python or YAML, or breaks rez's package schema |
    /// | `invalid_version` | [`InvalidPackage`](Self::InvalidPackage) whose field is a version (`version`, `versions`, `version_overrides`) |
    /// | `invalid_requirement` | [`InvalidPackage`](Self::InvalidPackage) whose field is a requirement list (`requires`, `variants`, `build_requires`, `private_build_requires`) |
    /// | `invalid_package` | any other [`InvalidPackage`](Self::InvalidPackage) (a name that is not its family's, ...) |
    /// | `duplicate_version` | [`DuplicateVersion`](Self::DuplicateVersion) |
    /// | `missing_repository` | [`MissingRepository`](Self::MissingRepository) |
    /// | `needs_evaluation` | [`NeedsEvaluation`](Self::NeedsEvaluation) |
    /// | `request_dependent` | [`RequestDependent`](Self::RequestDependent) |
    /// | `provider` | [`Other`](Self::Other) |
    pub fn kind(&self) -> &'static str {
        match self {
            ProviderError::Io { .. } => "unreadable_file",
            ProviderError::Parse { .. } => "package_parse",
            ProviderError::InvalidPackage { field, .. } => match *field {
                "version" | "versions" | "version_overrides" => "invalid_version",
                "requires" | "variants" | "build_requires" | "private_build_requires" => {
                    "invalid_requirement"
                }
                _ => "invalid_package",
            },
            ProviderError::DuplicateVersion { .. } => "duplicate_version",
            ProviderError::MissingRepository { .. } => "missing_repository",
            ProviderError::NeedsEvaluation { .. } => "needs_evaluation",
            ProviderError::RequestDependent { .. } => "request_dependent",
            ProviderError::Other { .. } => "provider",
        }
    }

    /// Builds an [`ProviderError::Io`] from an [`std::io::Error`] on `path`.
    pub fn io(path: impl Into<PathBuf>, error: &std::io::Error) -> Self {
        ProviderError::Io {
            path: path.into(),
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}

/// `path` or `path:line`, the way compilers name a place in a file.
struct Location<'a> {
    path: &'a PathBuf,
    line: Option<usize>,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}
