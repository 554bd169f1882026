//! [`OrderKey`]: the sort keys rez's orderers make, compared as Python
//! compares them.
//!
//! rez sorts versions and variants by keys built of Python values: ints,
//! versions, reversed versions, tuples, lists of version tokens, and
//! `FallbackComparable` (compare the main key; if Python raises, compare
//! the versions instead). Keys made by different orderers can meet (two
//! variants requiring different families at the same place), and Python
//! then raises or answers by its reflected-operator rules; [`py_lt`]
//! follows those rules exactly, including `Version.inf`'s habit of
//! answering instead of raising.

use std::cmp::Ordering;
use std::sync::Arc;

use rer_version::Version;

/// A version as an orderer sees it: a package's version, a range bound's
/// version, or the infinite upper end of an unbounded range (rez's
/// `Version.inf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// A finite version (possibly the empty version, a range's lowest end).
    Finite(Version),
    /// rez's `Version.inf`.
    Infinity,
}

impl Point {
    /// rez's `Version.__lt__`, where infinity is above everything and
    /// never below itself.
    pub fn lt(&self, other: &Point) -> bool {
        match (self, other) {
            (Point::Infinity, _) => false,
            (_, Point::Infinity) => true,
            (Point::Finite(a), Point::Finite(b)) => a < b,
        }
    }

    /// rez's `<=` on versions.
    pub fn le(&self, other: &Point) -> bool {
        self.lt(other) || self == other
    }

    /// The version, unless infinite.
    pub fn finite(&self) -> Option<&Version> {
        match self {
            Point::Finite(v) => Some(v),
            Point::Infinity => None,
        }
    }

    fn is_infinite(&self) -> bool {
        matches!(self, Point::Infinity)
    }
}

/// A sort key, as the Python value rez's orderer would build.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderKey {
    /// A Python `int` (or `bool`).
    Int(i64),
    /// A Python `str` (compared by code point).
    Str(Arc<str>),
    /// A rez `Version` (possibly `Version.inf`).
    Version(Point),
    /// rez's `_ReversedComparable` of a version.
    Reversed(Point),
    /// A list of version tokens (`version.tokens[i:]`), held as the version
    /// those tokens make.
    Tokens(Version),
    /// A Python tuple or list (rez's keys never compare a tuple with a list).
    Tuple(Vec<OrderKey>),
    /// rez's `FallbackComparable(main, version)`.
    Fallback(Box<OrderKey>, Point),
}

/// A Python comparison raised (`TypeError`, or `AttributeError` from rez's
/// `Version.__lt__`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incomparable;

/// Python's `a == b` on two keys (which never raises for these types).
pub fn py_eq(a: &OrderKey, b: &OrderKey) -> bool {
    use OrderKey::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (Version(x), Version(y)) | (Reversed(x), Reversed(y)) => x == y,
        (Tokens(x), Tokens(y)) => x == y,
        (Tuple(x), Tuple(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q)),
        (Fallback(x, _), Fallback(y, _)) => py_eq(x, y),
        _ => false,
    }
}

/// Python's `a < b` on two keys: `Err` where Python raises.
///
/// # Errors
/// [`Incomparable`] where Python raises.
pub fn py_lt(a: &OrderKey, b: &OrderKey) -> Result<bool, Incomparable> {
    use OrderKey::*;
    match (a, b) {
        (Int(x), Int(y)) => Ok(x < y),
        (Str(x), Str(y)) => Ok(x < y),
        (Version(x), Version(y)) => Ok(x.lt(y)),
        // Version.__lt__ answers False for inf before touching `other`
        (Version(x), _) if x.is_infinite() => Ok(false),
        (Version(_), _) => Err(Incomparable),
        (Reversed(x), Reversed(y)) => Ok(y.lt(x)),
        (Tokens(x), Tokens(y)) => Ok(x < y),
        (Tuple(x), Tuple(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return py_lt(p, q);
                }
            }
            Ok(x.len() < y.len())
        }
        (Fallback(x, vx), Fallback(y, vy)) => match py_lt(x, y) {
            Ok(answer) => Ok(answer),
            Err(Incomparable) => Ok(vx.lt(vy)),
        },
        // the left side declines; Python tries Version.__gt__(a), which is
        // `not (v < a or v == a)`: an answer only when v is inf
        (Int(_) | Str(_) | Reversed(_) | Tokens(_) | Tuple(_), Version(y)) if y.is_infinite() => {
            Ok(true)
        }
        _ => Err(Incomparable),
    }
}

/// A three-way comparison from [`py_lt`] both ways (equal when neither is
/// less), as a stable sort sees it.
///
/// # Errors
/// [`Incomparable`] where Python raises.
pub fn py_cmp(a: &OrderKey, b: &OrderKey) -> Result<Ordering, Incomparable> {
    if py_lt(a, b)? {
        Ok(Ordering::Less)
    } else if py_lt(b, a)? {
        Ok(Ordering::Greater)
    } else {
        Ok(Ordering::Equal)
    }
}

/// Sorts `items` by their keys as Python's `list.sort(key=..., reverse=True)`
/// does: the list is reversed, sorted stably ascending with `<` alone by
/// binary insertion (CPython's algorithm for lists under 64 items, which
/// every stable sort matches when the keys are totally ordered), and
/// reversed again, so equal keys keep their order.
///
/// # Errors
/// [`Incomparable`] where a comparison raises in Python (rez's solve then
/// raises `TypeError`); `items` is left in some order.
pub fn sort_descending<T>(items: &mut [(OrderKey, T)]) -> Result<(), Incomparable> {
    items.reverse();
    binary_insertion_sort(items)?;
    items.reverse();
    Ok(())
}

/// CPython's `binarysort` over the whole list, after `count_run` (a
/// leading strictly descending run is reversed in place first).
fn binary_insertion_sort<T>(items: &mut [(OrderKey, T)]) -> Result<(), Incomparable> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // count_run
    let mut run = 2;
    if py_lt(&items[1].0, &items[0].0)? {
        while run < n && py_lt(&items[run].0, &items[run - 1].0)? {
            run += 1;
        }
        items[..run].reverse();
    } else {
        while run < n && !py_lt(&items[run].0, &items[run - 1].0)? {
            run += 1;
        }
    }
    for start in run..n {
        let (mut lo, mut hi) = (0, start);
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            if py_lt(&items[start].0, &items[mid].0)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        items[lo..=start].rotate_right(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Point {
        Point::Finite(rer_version::Version::parse(s).expect("version"))
    }

    fn fb(main: OrderKey, at: Point) -> OrderKey {
        OrderKey::Fallback(Box::new(main), at)
    }

    #[test]
    fn versions_and_infinity() {
        let inf = OrderKey::Version(Point::Infinity);
        assert_eq!(py_lt(&OrderKey::Version(v("1")), &inf), Ok(true));
        assert_eq!(py_lt(&inf, &inf), Ok(false));
        // inf answers instead of raising; a finite version raises
        assert_eq!(py_lt(&inf, &OrderKey::Int(0)), Ok(false));
        assert_eq!(py_lt(&OrderKey::Int(0), &inf), Ok(true));
        assert_eq!(
            py_lt(&OrderKey::Version(v("1")), &OrderKey::Int(0)),
            Err(Incomparable)
        );
        assert_eq!(
            py_lt(&OrderKey::Reversed(v("1")), &OrderKey::Reversed(v("2"))),
            Ok(false)
        );
    }

    #[test]
    fn fallback_compares_versions_when_the_main_keys_raise() {
        let a = fb(OrderKey::Version(v("3")), v("3"));
        let b = fb(
            OrderKey::Tuple(vec![OrderKey::Int(1), OrderKey::Version(v("2"))]),
            v("2"),
        );
        assert_eq!(py_lt(&b, &a), Ok(true));
        assert_eq!(py_lt(&a, &b), Ok(false));
    }

    #[test]
    fn tuples_decide_on_the_first_unequal_item() {
        // the first items are unequal but neither is less (a raise caught by
        // the fallback): Python's tuple stops there, equal both ways
        let odd = fb(OrderKey::Version(v("1")), v("1"));
        let other = fb(OrderKey::Int(0), v("1"));
        let a = OrderKey::Tuple(vec![odd, OrderKey::Int(1)]);
        let b = OrderKey::Tuple(vec![other, OrderKey::Int(2)]);
        assert_eq!(py_lt(&a, &b), Ok(false));
        assert_eq!(py_lt(&b, &a), Ok(false));
    }

    #[test]
    fn descending_sort_is_stable() {
        let mut items: Vec<(OrderKey, usize)> = [2, 1, 3, 1, 2]
            .iter()
            .enumerate()
            .map(|(i, &k)| (OrderKey::Int(k), i))
            .collect();
        sort_descending(&mut items).expect("comparable");
        let order: Vec<usize> = items.iter().map(|x| x.1).collect();
        assert_eq!(order, [2, 0, 4, 1, 3]);
        let mut bad = vec![(OrderKey::Int(1), 0), (OrderKey::Str("a".into()), 1)];
        assert_eq!(sort_descending(&mut bad), Err(Incomparable));
    }
}
