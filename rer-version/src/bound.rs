//! [`Bound`]: one contiguous interval of versions, rez's `_Bound`.

use std::cmp::Ordering;
use std::fmt;

use crate::Version;

/// One contiguous interval of versions: a lower bound (a version, inclusive or
/// not) and an upper bound (a version, inclusive or not, or infinity).
///
/// A [`VersionRange`](crate::VersionRange) is a sorted list of bounds. Bounds
/// order the way rez orders them: by lower bound (smaller version first, and
/// for equal versions inclusive before exclusive), then by upper bound
/// (smaller first, exclusive before inclusive, infinity last).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bound {
    pub(crate) lower: Version,
    pub(crate) lower_inclusive: bool,
    /// `None` is infinity (always "inclusive", as in rez).
    pub(crate) upper: Option<Version>,
    pub(crate) upper_inclusive: bool,
}

impl Bound {
    /// The bound containing every version: `[empty version, infinity]`.
    pub fn any() -> Bound {
        Bound {
            lower: Version::default(),
            lower_inclusive: true,
            upper: None,
            upper_inclusive: true,
        }
    }

    /// The lower bound's version (the empty version when unbounded below).
    pub fn lower(&self) -> &Version {
        &self.lower
    }

    /// Whether the lower bound's version itself is in the bound.
    pub fn lower_inclusive(&self) -> bool {
        self.lower_inclusive
    }

    /// The upper bound's version, or `None` for infinity.
    pub fn upper(&self) -> Option<&Version> {
        self.upper.as_ref()
    }

    /// Whether the upper bound's version itself is in the bound (true for infinity).
    pub fn upper_inclusive(&self) -> bool {
        self.upper_inclusive
    }

    /// True when the bound has a lower limit other than "everything from the
    /// empty version up" (rez's `lower_bounded`).
    pub fn is_lower_bounded(&self) -> bool {
        !(self.lower.is_empty() && self.lower_inclusive)
    }

    /// True when the bound has a finite upper limit (rez's `upper_bounded`).
    pub fn is_upper_bounded(&self) -> bool {
        self.upper.is_some()
    }

    /// True when `version` lies in the bound.
    #[inline]
    pub fn contains(&self, version: &Version) -> bool {
        self.containment(version) == Ordering::Equal
    }

    /// Where `version` lies relative to the bound: `Less` below it, `Greater`
    /// above it, `Equal` inside (rez's `version_containment`).
    #[inline]
    pub(crate) fn containment(&self, version: &Version) -> Ordering {
        let above_lower = match version.cmp(&self.lower) {
            Ordering::Greater => true,
            Ordering::Equal => self.lower_inclusive,
            Ordering::Less => false,
        };
        if !above_lower {
            return Ordering::Less;
        }
        let below_upper = match &self.upper {
            None => true,
            Some(upper) => match version.cmp(upper) {
                Ordering::Less => true,
                Ordering::Equal => self.upper_inclusive,
                Ordering::Greater => false,
            },
        };
        if below_upper {
            Ordering::Equal
        } else {
            Ordering::Greater
        }
    }

    /// Compares two lower bounds the rez way.
    pub(crate) fn cmp_lower(a: (&Version, bool), b: (&Version, bool)) -> Ordering {
        a.0.cmp(b.0).then_with(|| b.1.cmp(&a.1))
    }

    /// Compares two upper bounds the rez way (`None` is infinity).
    pub(crate) fn cmp_upper(a: (Option<&Version>, bool), b: (Option<&Version>, bool)) -> Ordering {
        cmp_upper_version(a.0, b.0).then_with(|| a.1.cmp(&b.1))
    }

    /// True when `lower..upper` is a non-empty interval (rez's `intersects` test
    /// on a candidate lower and upper bound).
    pub(crate) fn is_nonempty(lower: (&Version, bool), upper: (Option<&Version>, bool)) -> bool {
        match upper.0 {
            None => true,
            Some(u) => match lower.0.cmp(u) {
                Ordering::Less => true,
                Ordering::Equal => lower.1 && upper.1,
                Ordering::Greater => false,
            },
        }
    }

    /// The larger of the two lower bounds and the smaller of the two upper bounds.
    fn meet<'a>(&'a self, other: &'a Bound) -> ((&'a Version, bool), (Option<&'a Version>, bool)) {
        let lower = if Bound::cmp_lower(self.lower_pair(), other.lower_pair()) == Ordering::Less {
            other.lower_pair()
        } else {
            self.lower_pair()
        };
        let upper = if Bound::cmp_upper(other.upper_pair(), self.upper_pair()) == Ordering::Less {
            other.upper_pair()
        } else {
            self.upper_pair()
        };
        (lower, upper)
    }

    /// True when the two bounds share at least one version.
    pub fn intersects(&self, other: &Bound) -> bool {
        let (lower, upper) = self.meet(other);
        Bound::is_nonempty(lower, upper)
    }

    /// The versions the two bounds share, or `None` when they share none.
    pub fn intersection(&self, other: &Bound) -> Option<Bound> {
        let (lower, upper) = self.meet(other);
        Bound::is_nonempty(lower, upper).then(|| Bound {
            lower: lower.0.clone(),
            lower_inclusive: lower.1,
            upper: upper.0.cloned(),
            upper_inclusive: upper.1,
        })
    }

    /// True when every version of `other` lies in `self` (rez's `contains_bound`).
    pub fn contains_bound(&self, other: &Bound) -> bool {
        Bound::cmp_lower(self.lower_pair(), other.lower_pair()) != Ordering::Greater
            && Bound::cmp_upper(self.upper_pair(), other.upper_pair()) != Ordering::Less
    }

    pub(crate) fn lower_pair(&self) -> (&Version, bool) {
        (&self.lower, self.lower_inclusive)
    }

    pub(crate) fn upper_pair(&self) -> (Option<&Version>, bool) {
        (self.upper.as_ref(), self.upper_inclusive)
    }

    /// Builds a bound without checking that it is non-empty.
    pub(crate) fn raw(lower: (Version, bool), upper: (Option<Version>, bool)) -> Bound {
        Bound {
            lower: lower.0,
            lower_inclusive: lower.1,
            upper_inclusive: upper.1 || upper.0.is_none(),
            upper: upper.0,
        }
    }

    /// Builds a bound, or `None` when it would be empty (rez raises
    /// "Invalid bound" there).
    pub(crate) fn checked(lower: (Version, bool), upper: (Option<Version>, bool)) -> Option<Bound> {
        let ok = match &upper.0 {
            None => true,
            Some(u) => match lower.0.cmp(u) {
                Ordering::Less => true,
                Ordering::Equal => lower.1 && upper.1,
                Ordering::Greater => false,
            },
        };
        ok.then(|| Bound::raw(lower, upper))
    }
}

/// Compares upper versions where `None` is infinity.
fn cmp_upper_version(a: Option<&Version>, b: Option<&Version>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => a.cmp(b),
    }
}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bound {
    fn cmp(&self, other: &Self) -> Ordering {
        Bound::cmp_lower(self.lower_pair(), other.lower_pair())
            .then_with(|| Bound::cmp_upper(self.upper_pair(), other.upper_pair()))
    }
}

/// Writes a lower bound as rez does: `V+`, `>V`, `` or `>`.
fn fmt_lower(f: &mut fmt::Formatter<'_>, version: &Version, inclusive: bool) -> fmt::Result {
    match (version.is_empty(), inclusive) {
        (false, true) => write!(f, "{version}+"),
        (false, false) => write!(f, ">{version}"),
        (true, true) => Ok(()),
        (true, false) => f.write_str(">"),
    }
}

impl fmt::Display for Bound {
    /// rez's `str()` of a bound: `1+`, `>1`, `==1`, `1..2`, `<=2`, `1` (for
    /// `[1, 1_)`), `1+<2`, `>1<=2`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(upper) = &self.upper else {
            return fmt_lower(f, &self.lower, self.lower_inclusive);
        };
        if self.lower == *upper {
            return write!(f, "=={}", self.lower);
        }
        if self.lower_inclusive && self.upper_inclusive {
            return if self.lower.is_empty() {
                write!(f, "<={upper}")
            } else {
                write!(f, "{}..{upper}", self.lower)
            };
        }
        if self.lower_inclusive
            && !self.upper_inclusive
            && self.lower.next().as_ref() == Some(upper)
        {
            return write!(f, "{}", self.lower);
        }
        fmt_lower(f, &self.lower, self.lower_inclusive)?;
        if self.upper_inclusive {
            write!(f, "<={upper}")
        } else {
            write!(f, "<{upper}")
        }
    }
}

impl fmt::Debug for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bound({self})")
    }
}
