//! Why a filter could not be built.

/// A rule or a filter configuration that rez would refuse (rez raises a
/// `ConfigurationError`, or fails reading the setting).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterError {
    /// `label(...)` with a label that is not a rule kind.
    #[error("'{label}' is not a valid package filter type")]
    UnknownRuleType {
        /// The rule text.
        rule: String,
        /// Its label.
        label: String,
    },
    /// A rule whose body does not parse as its kind requires.
    #[error("Error parsing package filter '{rule}': {message}")]
    BadRule {
        /// The rule, labelled as rez labels it (`range(foo-1+)`).
        rule: String,
        /// What was wrong.
        message: String,
    },
    /// A `package_filter` value that is not rez's format: `null`, a dict,
    /// or a list of dicts whose `excludes` / `includes` are a string or a
    /// list of strings.
    #[error("package_filter: {message}")]
    Config {
        /// What was wrong, and where.
        message: String,
    },
}
