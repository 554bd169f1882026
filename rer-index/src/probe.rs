//! What the index checks against the file system: one `stat` per probed
//! path, compared field by field with what was recorded.
//!
//! A [`Probe`] is the state of one path as `stat` (following symlinks)
//! sees it: absent, or present with its identity and change stamps. On
//! Unix that is the device, the inode, the file type and permission bits,
//! the size, and the modification and status-change times to the
//! nanosecond. The status-change time (`ctime`) cannot be set by a user
//! program: an edit that restores the size and the modification time
//! (`touch -d`, `utimensat`) still moves it, as does a `chmod`, a `chown`,
//! a rename onto the path or a new hard link. Elsewhere the size, the file
//! type, read-only flag and the modification and creation times are
//! compared (a weaker check; see the crate docs).
//!
//! A listing also records the [`Kind`] of what some paths lead to (a
//! symlink's target), which no timestamp of the family directory covers,
//! and asks again on every use.

use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// The kind of file a path leads to, following symlinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Kind {
    /// Absent, or a link that dangles or loops, or not statable.
    Nothing,
    /// A directory.
    Dir,
    /// A regular file.
    File,
    /// Anything else (a FIFO, a device, a socket).
    Other,
}

impl Kind {
    /// The kind of `path`, following symlinks; [`Kind::Nothing`] on any error,
    /// as Python's `os.path.isdir` / `isfile` answer false.
    pub(crate) fn of(path: &Path) -> Kind {
        match fs::metadata(path) {
            Ok(meta) => Kind::of_meta(&meta),
            Err(_) => Kind::Nothing,
        }
    }

    fn of_meta(meta: &Metadata) -> Kind {
        if meta.is_dir() {
            Kind::Dir
        } else if meta.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }
}

/// Identity and change stamps of one present path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    kind: Kind,
    dev: u64,
    ino: u64,
    mode: u32,
    size: u64,
    /// Modification time, nanoseconds since the epoch.
    mtime: i128,
    /// Status-change time (Unix) or creation time (elsewhere), nanoseconds.
    ctime: i128,
}

/// The state of one path, as the index records and re-checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Probe {
    /// `stat` said the path does not exist (`ENOENT`, `ENOTDIR`).
    Absent,
    /// `stat` succeeded.
    Present(Stamp),
}

impl Probe {
    /// Stats `path`, following symlinks. `None` when `stat` failed for
    /// another reason than absence (permissions, I/O): such a path cannot be
    /// vouched for, so nothing depending on it is recorded or trusted.
    pub(crate) fn take(path: &Path) -> Option<Probe> {
        match fs::metadata(path) {
            Ok(meta) => Some(Probe::Present(stamp(&meta))),
            Err(e) if is_absence(&e) => Some(Probe::Absent),
            Err(_) => None,
        }
    }

    /// Whether `path` is still in the recorded state.
    pub(crate) fn holds(&self, path: &Path) -> bool {
        Probe::take(path).as_ref() == Some(self)
    }

    /// Whether a change made now could leave this state's stamps as they
    /// are: a modification or status-change time later than `now - margin`
    /// (or in the future), within the file system's timestamp granularity
    /// of the moment it was taken. Such a state is not recorded.
    pub(crate) fn is_racy(&self, now: SystemTime, margin: Duration) -> bool {
        let Probe::Present(stamp) = self else {
            return false;
        };
        let limit = nanos(now) - i128::try_from(margin.as_nanos()).unwrap_or(i128::MAX);
        stamp.mtime >= limit || stamp.ctime >= limit
    }

    /// The kind of file recorded.
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Probe::Absent => Kind::Nothing,
            Probe::Present(stamp) => stamp.kind,
        }
    }
}

/// A path and its state, as taken before reading what depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Probed {
    /// The path.
    pub(crate) path: PathBuf,
    /// Its state when taken.
    pub(crate) probe: Probe,
}

impl Probed {
    /// Probes `path`; `None` when it cannot be vouched for.
    pub(crate) fn take(path: &Path) -> Option<Probed> {
        Some(Probed {
            path: path.to_path_buf(),
            probe: Probe::take(path)?,
        })
    }
}

fn is_absence(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

#[cfg(unix)]
fn stamp(meta: &Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Stamp {
        kind: Kind::of_meta(meta),
        dev: meta.dev(),
        ino: meta.ino(),
        mode: meta.mode(),
        size: meta.size(),
        mtime: ns(meta.mtime(), meta.mtime_nsec()),
        ctime: ns(meta.ctime(), meta.ctime_nsec()),
    }
}

#[cfg(not(unix))]
fn stamp(meta: &Metadata) -> Stamp {
    let time = |t: io::Result<SystemTime>| t.map_or(0, nanos);
    Stamp {
        kind: Kind::of_meta(meta),
        dev: 0,
        ino: 0,
        mode: u32::from(meta.permissions().readonly()),
        size: meta.len(),
        mtime: time(meta.modified()),
        ctime: time(meta.created()),
    }
}

/// A path as bytes, to be stored.
pub(crate) fn path_bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// A stored path back; `None` for bytes that are not one (a damaged record).
pub(crate) fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_sees_an_edit_that_restores_size_and_mtime() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("package.py");
        fs::write(&file, "requires = ['a']\n").expect("write");
        let before = Probe::take(&file).expect("probe");
        let mtime = fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime");
        std::thread::sleep(Duration::from_millis(30));
        fs::write(&file, "requires = ['b']\n").expect("write");
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(mtime))
            .expect("set mtime");
        assert_eq!(
            fs::metadata(&file).and_then(|m| m.modified()).ok(),
            Some(mtime)
        );
        assert!(!before.holds(&file), "the status-change time moved");
    }

    #[test]
    fn absence_is_a_state_and_other_errors_are_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(Probe::take(&dir.path().join("none")), Some(Probe::Absent));
        let file = dir.path().join("f");
        fs::write(&file, "x").expect("write");
        assert_eq!(Probe::take(&file.join("below")), Some(Probe::Absent));
    }

    #[test]
    fn a_fresh_stamp_is_racy_and_an_old_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let probe = Probe::take(dir.path()).expect("probe");
        let now = SystemTime::now();
        assert!(probe.is_racy(now, Duration::from_secs(2)));
        assert!(!probe.is_racy(now + Duration::from_secs(10), Duration::from_secs(2)));
        assert!(!Probe::Absent.is_racy(now, Duration::from_secs(2)));
    }
}
