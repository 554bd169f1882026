//! A root's listing order of a family as a record keeps it: rez's order of
//! the root's versions ([`RootListing`]), with positions into the
//! listing's own sorted versions, and its mapping to the positions of the
//! family all roots make together.

use rer_repo::RootListing;
use rer_version::Version;
use serde::{Deserialize, Serialize};

/// [`RootListing`] as it is written: borrowed names on reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum StoredOrder<'a> {
    /// Version directory names in listing order, each with its position
    /// among the listing's versions.
    #[serde(borrow)]
    Names(Vec<(&'a str, Option<u32>)>),
    /// Positions among the listing's versions, in order.
    Sequence(Vec<Option<u32>>),
}

impl<'a> StoredOrder<'a> {
    /// `listing` as it is written.
    pub(crate) fn of(listing: &'a RootListing) -> StoredOrder<'a> {
        match listing {
            RootListing::DirectoryNames(names) => {
                StoredOrder::Names(names.iter().map(|(n, p)| (&**n, *p)).collect())
            }
            RootListing::Sequence(positions) => StoredOrder::Sequence(positions.clone()),
        }
    }

    /// The listing this stored order is.
    pub(crate) fn to_listing(&self) -> RootListing {
        match self {
            StoredOrder::Names(names) => {
                RootListing::DirectoryNames(names.iter().map(|(n, p)| ((*n).into(), *p)).collect())
            }
            StoredOrder::Sequence(positions) => RootListing::Sequence(positions.clone()),
        }
    }
}

/// `listing` (positions into `own`, one root's sorted versions) with
/// positions into the whole family's `winners` (each version with the root
/// that provides it): an entry of root `r` whose version another root
/// provides has none, as rez skips a version it has seen. `same` tells
/// that `winners` are `own`, in order, each from root `r` (one root has
/// the family): then a position stays what it is, without a search.
pub(crate) fn remap(
    listing: &RootListing,
    own: &[Version],
    winners: &[(Version, usize)],
    r: usize,
    same: bool,
) -> RootListing {
    let map = |p: Option<u32>| -> Option<u32> {
        if same {
            return p.filter(|&p| (p as usize) < own.len());
        }
        let version = own.get(p? as usize)?;
        let at = winners.binary_search_by(|(v, _)| v.cmp(version)).ok()?;
        (winners[at].1 == r).then_some(at as u32)
    };
    match listing {
        RootListing::DirectoryNames(names) => {
            RootListing::DirectoryNames(names.iter().map(|(n, p)| (n.clone(), map(*p))).collect())
        }
        RootListing::Sequence(positions) => {
            RootListing::Sequence(positions.iter().map(|p| map(*p)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(texts: &[&str]) -> Vec<Version> {
        texts
            .iter()
            .map(|t| Version::parse(t).expect("version"))
            .collect()
    }

    #[test]
    fn one_roots_positions_are_kept_as_a_search_would_find_them() {
        let own = versions(&["1", "1.5", "2"]);
        let winners: Vec<(Version, usize)> = own.iter().map(|v| (v.clone(), 0)).collect();
        let listing = RootListing::DirectoryNames(vec![
            ("2".into(), Some(2)),
            ("x".into(), None),
            ("1".into(), Some(0)),
            ("1.5".into(), Some(1)),
            ("bad".into(), Some(7)),
        ]);
        let searched = remap(&listing, &own, &winners, 0, false);
        assert_eq!(remap(&listing, &own, &winners, 0, true), searched);
        let sequence = RootListing::Sequence(vec![Some(1), None, Some(0), Some(3)]);
        let searched = remap(&sequence, &own, &winners, 0, false);
        assert_eq!(
            searched,
            RootListing::Sequence(vec![Some(1), None, Some(0), None])
        );
        assert_eq!(remap(&sequence, &own, &winners, 0, true), searched);
    }

    #[test]
    fn a_version_another_root_provides_has_no_position() {
        let own = versions(&["1", "2"]);
        let winners = vec![
            (own[0].clone(), 0),
            (Version::parse("1.5").expect("version"), 1),
            (own[1].clone(), 1),
        ];
        let listing = RootListing::Sequence(vec![Some(1), Some(0)]);
        assert_eq!(
            remap(&listing, &own, &winners, 0, false),
            RootListing::Sequence(vec![None, Some(0)])
        );
    }
}
