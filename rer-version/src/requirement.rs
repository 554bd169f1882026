//! [`Requirement`]: a family name with a version range, possibly weak or a conflict.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use crate::error::RequirementError;
use crate::memo::Memo;
use crate::name::is_valid_package_name;
use crate::{Version, VersionRange};

/// A rez requirement: `foo`, `foo-1.2`, `foo==1.2`, `foo>=1`, `foo-1+<2`,
/// the conflict `!foo-1`, the weak `~foo-1`, or the ephemeral `.foo-1`.
///
/// Stored as rez stores it: a weak requirement `~foo-R` is a conflict with the
/// inverse of `R` (so its [`range`](Requirement::range) is that inverse), and
/// a weak requirement without a range (`~foo`) has no range at all.
///
/// Promises:
/// - [`Requirement::parse`] reads exactly what rez's `Requirement(str)` reads
///   and [`Display`](fmt::Display) gives back rez's `str()`.
/// - `Eq` and `Hash` follow rez's `==`: name, range and the conflict flag.
/// - [`conflicts_with`](Requirement::conflicts_with) and
///   [`merged`](Requirement::merged) give rez's answers.
#[derive(Clone)]
pub struct Requirement {
    name: Arc<str>,
    range: Option<VersionRange>,
    conflict: bool,
    weak: bool,
    sep: char,
}

/// The characters that end a requirement's name (rez's `[-@#=<>]`).
fn is_name_end(c: char) -> bool {
    matches!(c, '-' | '@' | '#' | '=' | '<' | '>')
}

impl Requirement {
    /// Parses a requirement the way rez's `Requirement(str)` does: the name is
    /// everything before the first `-`, `@`, `#`, `=`, `<` or `>` (no name
    /// rules are checked; see [`Requirement::parse_request`]), the rest is a
    /// [`VersionRange`]. Never panics.
    pub fn parse(input: &str) -> Result<Requirement, RequirementError> {
        static MEMO: Memo<Requirement> = Memo::new();
        MEMO.get_or_parse(input, Requirement::parse_uncached)
    }

    /// [`Requirement::parse`] without the memo.
    fn parse_uncached(input: &str) -> Result<Requirement, RequirementError> {
        let (conflict, weak, rest) = if let Some(rest) = input.strip_prefix('!') {
            (true, false, rest)
        } else if let Some(rest) = input.strip_prefix('~') {
            (true, true, rest)
        } else {
            (false, false, input)
        };
        let mut sep = '-';
        let (name, range) = match rest.find(is_name_end) {
            Some(i) => {
                let name = &rest[..i];
                let mut range_text = &rest[i..];
                if let Some(c) = range_text
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '-' | '@' | '#'))
                {
                    sep = c;
                    range_text = &range_text[1..];
                }
                let range =
                    VersionRange::parse(range_text).map_err(|source| RequirementError::Range {
                        input: input.to_owned(),
                        source,
                    })?;
                let range = if weak { range.inverse() } else { Some(range) };
                (name, range)
            }
            None if weak => (rest, None),
            None => (rest, Some(VersionRange::any())),
        };
        Ok(Requirement {
            name: Arc::from(name),
            range,
            conflict,
            weak,
            sep,
        })
    }

    /// Parses a package request the way rez's `PackageRequest(str)` does:
    /// [`Requirement::parse`], then the name must be a valid package name
    /// (`[a-zA-Z_0-9](\.?[a-zA-Z0-9_]+)*`, not `__pycache__`); a request
    /// starting with `.` is ephemeral and its name is checked without the dot.
    pub fn parse_request(input: &str) -> Result<Requirement, RequirementError> {
        let req = Requirement::parse(input)?;
        let checked = if input.starts_with('.') {
            &req.name[1..]
        } else {
            &req.name[..]
        };
        if !is_valid_package_name(checked) {
            return Err(RequirementError::InvalidName {
                input: input.to_owned(),
                name: checked.to_owned(),
            });
        }
        Ok(req)
    }

    /// A plain (not weak, not conflict) requirement on `name` within `range`
    /// (rez's `Requirement.construct`).
    pub fn construct(name: impl Into<Arc<str>>, range: VersionRange) -> Requirement {
        Requirement {
            name: name.into(),
            range: Some(range),
            conflict: false,
            weak: false,
            sep: '-',
        }
    }

    /// A conflict requirement `!name-range`: `name` must not be within `range`.
    pub fn conflict_with(name: impl Into<Arc<str>>, range: VersionRange) -> Requirement {
        Requirement {
            name: name.into(),
            range: Some(range),
            conflict: true,
            weak: false,
            sep: '-',
        }
    }

    /// The family name (with the leading `.` for an ephemeral).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The family name, shared.
    pub fn shared_name(&self) -> &Arc<str> {
        &self.name
    }

    /// The range as rez stores it: for a conflict, the versions excluded (for
    /// a weak requirement, the inverse of the range written); `None` only for
    /// a weak requirement that excludes nothing (`~foo`).
    pub fn range(&self) -> Option<&VersionRange> {
        self.range.as_ref()
    }

    /// True for conflict requirements, weak ones included (`!foo`, `~foo-1`).
    pub fn is_conflict(&self) -> bool {
        self.conflict
    }

    /// True for weak requirements (`~foo`).
    pub fn is_weak(&self) -> bool {
        self.weak
    }

    /// True when the name starts with `.` (an ephemeral, e.g. `.foo-1`).
    pub fn is_ephemeral(&self) -> bool {
        self.name.starts_with('.')
    }

    /// The separator written between name and range (`-`, `@` or `#`).
    pub fn separator(&self) -> char {
        self.sep
    }

    /// rez's `conflicts_with(Requirement)`: true when no version can satisfy
    /// both requirements.
    pub fn conflicts_with(&self, other: &Requirement) -> bool {
        if self.name != other.name {
            return false;
        }
        let (Some(mine), Some(theirs)) = (&self.range, &other.range) else {
            return false;
        };
        match (self.conflict, other.conflict) {
            (true, true) => false,
            (true, false) => mine.is_superset_of(theirs),
            (false, true) => theirs.is_superset_of(mine),
            (false, false) => !mine.intersects(theirs),
        }
    }

    /// rez's `conflicts_with(VersionedObject)`: true when the package
    /// `name-version` violates this requirement.
    pub fn conflicts_with_version(&self, name: &str, version: &Version) -> bool {
        if &*self.name != name {
            return false;
        }
        let Some(range) = &self.range else {
            return false;
        };
        range.contains(version) == self.conflict
    }

    /// True when the package `name-version` satisfies this requirement (the
    /// opposite of [`conflicts_with_version`](Requirement::conflicts_with_version)
    /// for a requirement on `name`).
    pub fn is_satisfied_by(&self, version: &Version) -> bool {
        match &self.range {
            None => true,
            Some(range) => range.contains(version) != self.conflict,
        }
    }

    /// A copy carrying `self`'s name, flags and separator with a new range.
    fn with_range(&self, range: VersionRange) -> Requirement {
        Requirement {
            range: Some(range),
            ..self.clone()
        }
    }

    /// rez's `merged`: one requirement meaning both, or `None` when the two
    /// cannot both hold (or name different families).
    pub fn merged(&self, other: &Requirement) -> Option<Requirement> {
        if self.name != other.name {
            return None;
        }
        let Some(mine) = &self.range else {
            return Some(other.clone());
        };
        let Some(theirs) = &other.range else {
            return Some(self.clone());
        };
        match (self.conflict, other.conflict) {
            (true, true) => {
                let range = mine.union(theirs);
                let weak = self.weak && other.weak && !range.is_any();
                Some(Requirement {
                    weak,
                    ..self.with_range(range)
                })
            }
            (true, false) => theirs.difference(mine).map(|r| other.with_range(r)),
            (false, true) => mine.difference(theirs).map(|r| self.with_range(r)),
            (false, false) => mine.intersection(theirs).map(|r| self.with_range(r)),
        }
    }
}

impl PartialEq for Requirement {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.range == other.range && self.conflict == other.conflict
    }
}

impl Eq for Requirement {}

impl Hash for Requirement {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.range.hash(state);
        self.conflict.hash(state);
    }
}

impl fmt::Display for Requirement {
    /// rez's `str()`: `~foo-1` for a weak requirement (its stored range
    /// inverted back), `!foo-1`, `foo<2`, `foo@1`, `foo`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = if self.weak {
            "~"
        } else if self.conflict {
            "!"
        } else {
            ""
        };
        f.write_str(prefix)?;
        f.write_str(&self.name)?;
        let inverted;
        let shown = if self.weak || self.range.is_none() {
            inverted = self.range.as_ref().and_then(VersionRange::inverse);
            inverted.as_ref()
        } else {
            // borrowed: printing a requirement copies no range
            self.range.as_ref()
        };
        if let Some(range) = shown.filter(|r| !r.is_any()) {
            let text = range.to_string();
            if !text.starts_with(['=', '<', '>']) {
                fmt::Write::write_char(f, self.sep)?;
            }
            f.write_str(&text)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Requirement({:?})", self.to_string())
    }
}

impl FromStr for Requirement {
    type Err = RequirementError;
    /// Same as [`Requirement::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Requirement::parse(s)
    }
}
