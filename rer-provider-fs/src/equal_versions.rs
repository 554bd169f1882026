//! Version directories rez takes for one version (`1.0` and `1-0` in one
//! family of one root): rez 3.4.0 uses whichever its set of directory
//! names yields first, silently; rer uses the first by name and says so.
//! The message is made here, for a listing read now or one kept elsewhere
//! (an index), so that both say the same.

use std::path::Path;

use rer_repo::RootListing;
use rer_version::Version;

/// What rer says of `other`, a version directory that rez takes for the
/// same version as `used`, the one rer uses (the first by name).
pub(crate) fn message(family: &str, used: &Path, other: &Path) -> String {
    format!(
        "family {family}: {} and {} are the same version to rez, which uses either \
         (whichever Python's set order yields first); rer uses {}",
        used.display(),
        other.display(),
        used.display()
    )
}

/// The messages for one root's listing of `family` (positions into
/// `versions`, that root's versions alone, sorted): one for each
/// directory name that gives no version because an earlier one by name
/// gives the same, in the order of versions, then names, as the provider
/// reports them on listing. Nothing for a listing that is not of
/// directories (a combined file repeating a version is silent, as in rez).
pub(crate) fn of_listing(
    root: &Path,
    family: &str,
    versions: &[Version],
    listing: &RootListing,
) -> Vec<String> {
    let RootListing::DirectoryNames(entries) = listing else {
        return Vec::new();
    };
    // A root's own listing names each of its versions once: only equal
    // directories have no position.
    if entries.iter().all(|(_, p)| p.is_some()) {
        return Vec::new();
    }
    let mut found: Vec<(u32, &str, &str)> = Vec::new();
    for (name, position) in entries {
        if position.is_some() {
            continue;
        }
        let Ok(version) = Version::parse(name) else {
            continue;
        };
        let Ok(at) = versions.binary_search(&version) else {
            continue;
        };
        let at = at as u32;
        let Some((used, _)) = entries.iter().find(|(_, p)| *p == Some(at)) else {
            continue;
        };
        found.push((at, name, used));
    }
    found.sort_unstable();
    let dir = root.join(family);
    found
        .into_iter()
        .map(|(_, other, used)| message(family, &dir.join(used), &dir.join(other)))
        .collect()
}
