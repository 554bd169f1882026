//! What a root's listing of a family depends on, taken before it is read.
//!
//! rez's filesystem layout (see `rer_provider_fs::layout`) decides a
//! family in a root from:
//! - `<root>/<family>`: whether it is a directory (following a symlink),
//!   and then the names and kinds of its entries. Adding, removing or
//!   renaming an entry changes the directory's modification and
//!   status-change times, so one [`Probe`](crate::probe::Probe) of the
//!   directory covers them, except for what lies behind symlinks: the kind
//!   of each symlinked entry's target is a [`Check`] of its own, as are the
//!   definition files of a version next to a `.building<version>` marker
//!   (a half-built version is skipped only while it has no definition).
//! - otherwise the combined files `<root>/<family>.py` and `.yaml`: a
//!   family in a combined file is read in full whenever it is listed, so
//!   it is not recorded (nothing would be saved); their absence is probed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::base::Base;
use crate::probe::{Kind, Probe, Probed};

/// A path (relative to the root) whose kind a listing depended on, and
/// that kind.
pub(crate) type Check = (PathBuf, Kind);

/// The layout a root's family was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A family directory.
    Dir,
    /// No family here: no directory, no combined file.
    Absent,
    /// A combined file, or anything the index does not record.
    Unrecorded,
}

/// The probes and checks of `<root>/<family>`'s listing, and its layout;
/// `None` when a path cannot be vouched for (a `stat` failing otherwise than
/// by absence, a directory that cannot be listed).
pub(crate) fn fingerprint(base: &Base, family: &str) -> Option<(Vec<Probed>, Vec<Check>, Layout)> {
    let probed = Probed::take(base, PathBuf::from(family))?;
    if probed.probe.kind() == Kind::Dir {
        let checks = entry_checks(base, family)?;
        return Some((vec![probed], checks, Layout::Dir));
    }
    let mut probes = vec![probed];
    let mut layout = Layout::Absent;
    for ext in ["py", "yaml"] {
        let file = Probed::take(base, PathBuf::from(format!("{family}.{ext}")))?;
        if file.probe != Probe::Absent {
            layout = Layout::Unrecorded;
        }
        probes.push(file);
    }
    if probes[0].probe != Probe::Absent {
        // `<root>/<family>` is there but not a directory: not a family
        // directory, and the combined files decide; record nothing odd.
        layout = Layout::Unrecorded;
    }
    Some((probes, Vec::new(), layout))
}

/// The checks a family directory's listing needs beyond the directory's own
/// stamps: the kind behind each symlinked entry, and the definition files
/// of versions marked as being built.
fn entry_checks(base: &Base, family: &str) -> Option<Vec<Check>> {
    let rel = Path::new(family);
    let mut checks = Vec::new();
    let mut names = Vec::new();
    let mut building = Vec::new();
    for entry in fs::read_dir(base.root().join(rel)).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name();
        if entry.file_type().ok()?.is_symlink() {
            let path = rel.join(&name);
            let kind = Kind::at(base, &path);
            checks.push((path, kind));
        }
        if let Some(version) = name.to_str().and_then(|n| n.strip_prefix(".building")) {
            building.push(version.to_string());
        }
        names.push(name);
    }
    for version in building {
        if names.iter().any(|n| n.to_str() == Some(version.as_str())) {
            for file in ["package.py", "package.yaml"] {
                let path = rel.join(&version).join(file);
                let kind = Kind::at(base, &path);
                checks.push((path, kind));
            }
        }
    }
    Some(checks)
}
