//! [`VersionRange`]: a set of versions made of sorted, disjoint [`Bound`]s.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::Version;
use crate::bound::Bound;
use crate::error::VersionRangeError;
use crate::memo::Memo;
use crate::range_parse::parse_bounds;

/// A rez version range: one or more contiguous [`Bound`]s, kept the way rez
/// keeps them, so that [`Display`](fmt::Display) gives rez's `str()`.
///
/// Promises:
/// - [`VersionRange::parse`] accepts exactly the strings rez 3.4.0's
///   `VersionRange(str)` accepts, merges the parts as rez does (`3+<6|4+<8`
///   becomes `3+<8`), and rejects the rest with an error naming the part.
/// - [`contains`](VersionRange::contains), [`intersection`](VersionRange::intersection),
///   [`union`](VersionRange::union), [`inverse`](VersionRange::inverse),
///   [`intersects`](VersionRange::intersects) and the subset tests give rez's
///   answers, and the ranges they build print as rez prints them.
/// - `Eq`/`Hash` compare the bounds, as rez's `==` does. Cloning is a
///   reference-count increment.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VersionRange {
    bounds: Arc<[Bound]>,
}

impl Default for VersionRange {
    /// The range containing every version (rez's `VersionRange()`).
    fn default() -> Self {
        VersionRange::any()
    }
}

impl VersionRange {
    /// Parses a range the way rez's `VersionRange(str)` does. The empty string
    /// is the "any" range. Never panics.
    pub fn parse(input: &str) -> Result<VersionRange, VersionRangeError> {
        static MEMO: Memo<VersionRange> = Memo::new();
        MEMO.get_or_parse(input, VersionRange::parse_uncached)
    }

    /// [`VersionRange::parse`] without the memo.
    fn parse_uncached(input: &str) -> Result<VersionRange, VersionRangeError> {
        let bounds = parse_bounds(input)?;
        if bounds.is_empty() {
            return Ok(VersionRange::any());
        }
        Ok(VersionRange::from_vec(union_bounds(bounds)))
    }

    /// The range containing every version (printed as the empty string).
    pub fn any() -> VersionRange {
        VersionRange::from_vec(vec![Bound::any()])
    }

    fn from_vec(bounds: Vec<Bound>) -> VersionRange {
        VersionRange {
            bounds: bounds.into(),
        }
    }

    /// The range `V` (rez's "superset" form): `V` and every version it
    /// prefixes, i.e. `[V, V.next())`. `None` for the empty version, whose
    /// superset range rez cannot build.
    pub fn from_version(version: &Version) -> Option<VersionRange> {
        let next = version.next()?;
        Some(VersionRange::from_vec(vec![Bound::raw(
            (version.clone(), true),
            (Some(next), false),
        )]))
    }

    /// The range `==V`: exactly `version`.
    pub fn exact(version: &Version) -> VersionRange {
        VersionRange::from_vec(vec![Bound::raw(
            (version.clone(), true),
            (Some(version.clone()), true),
        )])
    }

    /// rez's `VersionRange.from_version(version, op)`: `op` is one of `eq`/`==`,
    /// `gt`/`>`, `gte`/`>=`, `lt`/`<`, `lte`/`<=`.
    pub fn from_version_op(version: &Version, op: &str) -> Result<VersionRange, VersionRangeError> {
        let v = version.clone();
        let (lower, upper) = match op {
            "eq" | "==" => ((v.clone(), true), (Some(v), true)),
            "gt" | ">" => ((v, false), (None, true)),
            "gte" | ">=" => ((v, true), (None, true)),
            "lt" | "<" => {
                if v.is_empty() {
                    return Err(VersionRangeError::InvalidUpperBound {
                        input: String::new(),
                        part: "<".into(),
                    });
                }
                ((Version::default(), true), (Some(v), false))
            }
            "lte" | "<=" => ((Version::default(), true), (Some(v), true)),
            _ => return Err(VersionRangeError::UnknownOperation { op: op.to_owned() }),
        };
        let bound =
            Bound::checked(lower, upper).ok_or_else(|| VersionRangeError::InvalidBound {
                input: format!("{op}{version}"),
                part: format!("{op}{version}"),
            })?;
        Ok(VersionRange::from_vec(vec![bound]))
    }

    /// rez's `as_span`: one bound from `lower` to `upper` (`None` = unbounded
    /// on that side). Errors when the bound would be empty.
    pub fn span_of(
        lower: Option<(Version, bool)>,
        upper: Option<(Version, bool)>,
    ) -> Result<VersionRange, VersionRangeError> {
        let description = format!("{lower:?}..{upper:?}");
        let text = || description.clone();
        if let Some((v, false)) = &upper {
            if v.is_empty() {
                return Err(VersionRangeError::InvalidUpperBound {
                    input: text(),
                    part: "<".into(),
                });
            }
        }
        let lower = lower.unwrap_or((Version::default(), true));
        let upper = match upper {
            Some((v, inclusive)) => (Some(v), inclusive),
            None => (None, true),
        };
        let bound =
            Bound::checked(lower, upper).ok_or_else(|| VersionRangeError::InvalidBound {
                input: text(),
                part: text(),
            })?;
        Ok(VersionRange::from_vec(vec![bound]))
    }

    /// The range holding exactly the given versions (`==1|==2|...`), sorted
    /// and without duplicates (rez's `from_versions`). `None` when there are
    /// no versions (rez builds a range with no bounds, which nothing else accepts).
    pub fn from_versions<'a>(
        versions: impl IntoIterator<Item = &'a Version>,
    ) -> Option<VersionRange> {
        let mut vs: Vec<&Version> = versions.into_iter().collect();
        vs.sort();
        vs.dedup();
        if vs.is_empty() {
            return None;
        }
        Some(VersionRange::from_vec(
            vs.into_iter()
                .map(|v| Bound::raw((v.clone(), true), (Some(v.clone()), true)))
                .collect(),
        ))
    }

    /// The bounds, in ascending order.
    pub fn bounds(&self) -> &[Bound] {
        &self.bounds
    }

    /// True for the range containing every version.
    pub fn is_any(&self) -> bool {
        self.bounds.len() == 1 && self.bounds[0] == Bound::any()
    }

    /// True when the range has a lower limit (rez's `lower_bounded`).
    pub fn is_lower_bounded(&self) -> bool {
        self.bounds.first().is_some_and(Bound::is_lower_bounded)
    }

    /// True when the range has an upper limit (rez's `upper_bounded`).
    pub fn is_upper_bounded(&self) -> bool {
        self.bounds.last().is_some_and(Bound::is_upper_bounded)
    }

    /// True when the range is bounded on both sides (rez's `bounded`).
    pub fn is_bounded(&self) -> bool {
        self.is_lower_bounded() && self.is_upper_bounded()
    }

    /// True when `version` lies in the range.
    pub fn contains(&self, version: &Version) -> bool {
        if self.bounds.len() < 5 {
            for bound in self.bounds.iter() {
                match bound.containment(version) {
                    Ordering::Equal => return true,
                    Ordering::Less => return false,
                    Ordering::Greater => {}
                }
            }
            return false;
        }
        let i = self.bounds.partition_point(|b| {
            Bound::cmp_lower(b.lower_pair(), (version, true)) == Ordering::Less
        });
        (i > 0 && self.bounds[i - 1].contains(version))
            || self.bounds.get(i).is_some_and(|b| b.contains(version))
    }

    /// The versions in both ranges, or `None` when they share none.
    pub fn intersection(&self, other: &VersionRange) -> Option<VersionRange> {
        let mut out = Vec::new();
        for a in self.bounds.iter() {
            for b in other.bounds.iter() {
                if let Some(x) = a.intersection(b) {
                    out.push(x);
                }
            }
        }
        (!out.is_empty()).then(|| VersionRange::from_vec(out))
    }

    /// The versions in either range, merged as rez merges them.
    pub fn union(&self, other: &VersionRange) -> VersionRange {
        let mut all: Vec<Bound> = Vec::with_capacity(self.bounds.len() + other.bounds.len());
        all.extend(self.bounds.iter().cloned());
        all.extend(other.bounds.iter().cloned());
        VersionRange::from_vec(union_bounds(all))
    }

    /// The versions in any of `ranges`, merged in one pass as rez's
    /// `ranges[0].union(ranges[1:])` merges them (every bound sorted and
    /// merged at once; not the same as folding [`union`](VersionRange::union)
    /// pairwise, whose intermediate merges rez's merge rule can tell apart:
    /// `1..3`, `2+<2.5` and `>3<=4` give `1..3|>3<=4` here, as in rez, and
    /// `1..4` folded). Bounds that compare equal keep the order of `ranges`.
    /// Takes time `O(b log b)` in the `b` bounds given. `None` when `ranges`
    /// is empty.
    pub fn union_all<'a>(
        ranges: impl IntoIterator<Item = &'a VersionRange>,
    ) -> Option<VersionRange> {
        let mut ranges = ranges.into_iter().peekable();
        let first = ranges.next()?;
        if ranges.peek().is_none() {
            return Some(first.clone());
        }
        let mut all: Vec<Bound> = first.bounds.to_vec();
        for range in ranges {
            all.extend(range.bounds.iter().cloned());
        }
        Some(VersionRange::from_vec(union_bounds(all)))
    }

    /// Every version not in the range, or `None` for the "any" range.
    pub fn inverse(&self) -> Option<VersionRange> {
        if self.is_any() {
            return None;
        }
        let mut lowers: Vec<Option<(Version, bool)>> = vec![None];
        let mut uppers: Vec<Option<(Version, bool)>> = Vec::with_capacity(self.bounds.len() + 1);
        for bound in self.bounds.iter() {
            if bound.lower.is_empty() && bound.lower_inclusive {
                uppers.push(None);
            } else {
                uppers.push(Some((bound.lower.clone(), !bound.lower_inclusive)));
            }
            lowers.push(
                bound
                    .upper
                    .as_ref()
                    .map(|u| (u.clone(), !bound.upper_inclusive)),
            );
        }
        uppers.push(None);
        let out: Vec<Bound> = lowers
            .into_iter()
            .zip(uppers)
            .filter(|(l, u)| l.is_some() || u.is_some())
            .map(|(l, u)| {
                let lower = l.unwrap_or((Version::default(), true));
                let upper = match u {
                    Some((v, inclusive)) => (Some(v), inclusive),
                    None => (None, true),
                };
                Bound::raw(lower, upper)
            })
            .collect();
        (!out.is_empty()).then(|| VersionRange::from_vec(out))
    }

    /// The versions in `self` but not in `other` (rez's `self - other`), or
    /// `None` when there are none.
    pub fn difference(&self, other: &VersionRange) -> Option<VersionRange> {
        other.inverse().and_then(|inv| self.intersection(&inv))
    }

    /// True when the ranges share at least one version.
    pub fn intersects(&self, other: &VersionRange) -> bool {
        let (small, large) = if self.bounds.len() <= other.bounds.len() {
            (&self.bounds, &other.bounds)
        } else {
            (&other.bounds, &self.bounds)
        };
        small.iter().any(|a| large.iter().any(|b| a.intersects(b)))
    }

    /// True when every version of `other` is in `self` (rez's `issuperset`).
    pub fn is_superset_of(&self, other: &VersionRange) -> bool {
        let mut lo = 0;
        for b2 in other.bounds.iter() {
            let i = lo + self.bounds[lo..].partition_point(|b1| b1 < b2);
            if i > 0 && self.bounds[i - 1].contains_bound(b2) {
                lo = i - 1;
                continue;
            }
            if self.bounds.get(i).is_some_and(|b1| b1.contains_bound(b2)) {
                lo = i;
                continue;
            }
            return false;
        }
        true
    }

    /// True when every version of `self` is in `other` (rez's `issubset`).
    pub fn is_subset_of(&self, other: &VersionRange) -> bool {
        other.is_superset_of(self)
    }

    /// One contiguous range covering this one: `2+<4|6+<8` gives `2+<8`.
    pub fn span(&self) -> VersionRange {
        match (self.bounds.first(), self.bounds.last()) {
            (Some(first), Some(last)) => VersionRange::from_vec(vec![Bound::raw(
                (first.lower.clone(), first.lower_inclusive),
                (last.upper.clone(), last.upper_inclusive),
            )]),
            _ => self.clone(),
        }
    }

    /// Each bound as a range of its own: `3|5+` gives `3` and `5+`.
    pub fn split(&self) -> Vec<VersionRange> {
        self.bounds
            .iter()
            .map(|b| VersionRange::from_vec(vec![b.clone()]))
            .collect()
    }

    /// The exact versions (`==V` bounds) in the range, or `None` when it has
    /// none (rez's `to_versions`).
    pub fn to_versions(&self) -> Option<Vec<Version>> {
        let out: Vec<Version> = self
            .bounds
            .iter()
            .filter(|b| {
                b.lower_inclusive && b.upper_inclusive && b.upper.as_ref() == Some(&b.lower)
            })
            .map(|b| b.lower.clone())
            .collect();
        (!out.is_empty()).then_some(out)
    }
}

/// rez's `_union`: sorts the bounds and merges overlapping or touching ones.
fn union_bounds(mut bounds: Vec<Bound>) -> Vec<Bound> {
    if bounds.len() < 2 {
        return bounds;
    }
    bounds.sort();
    let mut out = Vec::with_capacity(bounds.len());
    let mut start = 0;
    let mut upper: (Option<Version>, bool) = (None, true);
    for i in 0..bounds.len() {
        if i > 0 {
            let bound = &bounds[i];
            let prev_upper_inclusive = bounds[i - 1].upper_inclusive;
            let separate = match &upper.0 {
                None => false,
                Some(u) => match bound.lower.cmp(u) {
                    Ordering::Greater => true,
                    Ordering::Equal => !bound.lower_inclusive && !prev_upper_inclusive,
                    Ordering::Less => false,
                },
            };
            if separate {
                let first = &bounds[start];
                out.push(Bound::raw(
                    (first.lower.clone(), first.lower_inclusive),
                    upper.clone(),
                ));
                start = i;
            }
        }
        let bound = &bounds[i];
        if i == 0
            || Bound::cmp_upper((upper.0.as_ref(), upper.1), bound.upper_pair()) == Ordering::Less
        {
            upper = (bound.upper.clone(), bound.upper_inclusive);
        }
    }
    let first = &bounds[start];
    out.push(Bound::raw(
        (first.lower.clone(), first.lower_inclusive),
        upper,
    ));
    out
}

impl fmt::Display for VersionRange {
    /// rez's `str()`: the bounds joined with `|`; the "any" range prints as
    /// the empty string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, bound) in self.bounds.iter().enumerate() {
            if i > 0 {
                f.write_str("|")?;
            }
            write!(f, "{bound}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for VersionRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VersionRange({:?})", self.to_string())
    }
}

impl FromStr for VersionRange {
    type Err = VersionRangeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        VersionRange::parse(s)
    }
}

impl PartialOrd for VersionRange {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for VersionRange {
    /// rez's `<` on ranges: the bound lists compared lexicographically.
    fn cmp(&self, other: &Self) -> Ordering {
        self.bounds.iter().cmp(other.bounds.iter())
    }
}
