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
/// provides has none, as rez skips a version it has seen.
pub(crate) fn remap(
    listing: &RootListing,
    own: &[Version],
    winners: &[(Version, usize)],
    r: usize,
) -> RootListing {
    let map = |p: Option<u32>| -> Option<u32> {
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
