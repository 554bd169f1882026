//! [`VariantSelectMode`]: how the variants of one package are ranked.

use std::fmt;
use std::str::FromStr;

/// rez's `variant_select_mode` setting: how the solver ranks the variants of
/// one package before trying them.
///
/// Both modes prefer a variant whose requirements overlap the request, an
/// earlier request item outranking a later one; they differ in what comes
/// first. Parses from and prints as rez's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VariantSelectMode {
    /// `version_priority` (rez's default): the highest versions of the
    /// requested packages a variant requires decide first.
    #[default]
    VersionPriority,
    /// `intersection_priority`: the number of requested packages a variant
    /// requires decides first, then as `version_priority`.
    IntersectionPriority,
}

impl VariantSelectMode {
    /// rez's name of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            VariantSelectMode::VersionPriority => "version_priority",
            VariantSelectMode::IntersectionPriority => "intersection_priority",
        }
    }
}

impl fmt::Display for VariantSelectMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`VariantSelectMode`] from a string that is not one
/// of rez's two names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown variant select mode {0:?} (expected version_priority or intersection_priority)")]
pub struct UnknownVariantSelectMode(pub String);

impl FromStr for VariantSelectMode {
    type Err = UnknownVariantSelectMode;

    /// Accepts exactly `version_priority` and `intersection_priority`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "version_priority" => Ok(VariantSelectMode::VersionPriority),
            "intersection_priority" => Ok(VariantSelectMode::IntersectionPriority),
            other => Err(UnknownVariantSelectMode(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for m in [
            VariantSelectMode::VersionPriority,
            VariantSelectMode::IntersectionPriority,
        ] {
            assert_eq!(m.to_string().parse::<VariantSelectMode>(), Ok(m));
        }
        assert!("latest".parse::<VariantSelectMode>().is_err());
        assert_eq!(
            VariantSelectMode::default(),
            VariantSelectMode::VersionPriority
        );
    }
}
