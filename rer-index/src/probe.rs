//! What the index checks against the file system: one `stat` per probed
//! path (relative to its root's [`Base`]), compared field by field with
//! what was recorded.
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

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::base::{Base, Stat};

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
    /// The kind of `rel` below `base`, following symlinks; [`Kind::Nothing`]
    /// on any error, as Python's `os.path.isdir` / `isfile` answer false.
    pub(crate) fn at(base: &Base, rel: &Path) -> Kind {
        match base.stat(rel, true) {
            Ok(stat) => kind_of(&stat),
            Err(_) => Kind::Nothing,
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
    /// Stats `rel` below `base`, following symlinks. `None` when `stat`
    /// failed for another reason than absence (permissions, I/O): such a
    /// path cannot be vouched for, so nothing depending on it is recorded
    /// or trusted.
    pub(crate) fn take(base: &Base, rel: &Path) -> Option<Probe> {
        Probe::of(base.stat(rel, true))
    }

    /// The probe a `stat`'s answer makes.
    pub(crate) fn of(stat: io::Result<Stat>) -> Option<Probe> {
        match stat {
            Ok(stat) => Some(Probe::Present(stamp(&stat))),
            Err(e) if is_absence(&e) => Some(Probe::Absent),
            Err(_) => None,
        }
    }

    /// Whether `rel` below `base` is still in the recorded state.
    pub(crate) fn holds(&self, base: &Base, rel: &Path) -> bool {
        Probe::take(base, rel).as_ref() == Some(self)
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

/// A path (relative to its root) and its state, as taken before reading
/// what depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Probed {
    /// The path, relative to the root.
    pub(crate) path: PathBuf,
    /// Its state when taken.
    pub(crate) probe: Probe,
}

impl Probed {
    /// Probes `rel` below `base`; `None` when it cannot be vouched for.
    pub(crate) fn take(base: &Base, rel: PathBuf) -> Option<Probed> {
        let probe = Probe::take(base, &rel)?;
        Some(Probed { path: rel, probe })
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
fn kind_of(stat: &Stat) -> Kind {
    use rustix::fs::FileType;
    #[allow(clippy::unnecessary_cast)]
    match FileType::from_raw_mode(stat.st_mode as _) {
        FileType::Directory => Kind::Dir,
        FileType::RegularFile => Kind::File,
        _ => Kind::Other,
    }
}

#[cfg(unix)]
#[allow(clippy::unnecessary_cast, clippy::cast_sign_loss)]
fn stamp(stat: &Stat) -> Stamp {
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Stamp {
        kind: kind_of(stat),
        dev: stat.st_dev as u64,
        ino: stat.st_ino as u64,
        mode: stat.st_mode as u32,
        size: stat.st_size as u64,
        mtime: ns(stat.st_mtime as i64, stat.st_mtime_nsec as i64),
        ctime: ns(stat.st_ctime as i64, stat.st_ctime_nsec as i64),
    }
}

#[cfg(not(unix))]
fn kind_of(meta: &Stat) -> Kind {
    if meta.is_dir() {
        Kind::Dir
    } else if meta.is_file() {
        Kind::File
    } else {
        Kind::Other
    }
}

#[cfg(not(unix))]
fn stamp(meta: &Stat) -> Stamp {
    let time = |t: io::Result<SystemTime>| t.map_or(0, nanos);
    Stamp {
        kind: kind_of(meta),
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
pub(crate) fn path_from_bytes(bytes: &[u8]) -> Option<&Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(Path::new(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(Path::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_probe_sees_an_edit_that_restores_size_and_mtime() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = Base::open(dir.path());
        let rel = Path::new("package.py");
        let file = dir.path().join(rel);
        fs::write(&file, "requires = ['a']\n").expect("write");
        let before = Probe::take(&base, rel).expect("probe");
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
        assert!(!before.holds(&base, rel), "the status-change time moved");
    }

    #[test]
    fn absence_is_a_state_and_other_errors_are_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = Base::open(dir.path());
        assert_eq!(Probe::take(&base, Path::new("none")), Some(Probe::Absent));
        fs::write(dir.path().join("f"), "x").expect("write");
        assert_eq!(
            Probe::take(&base, Path::new("f/below")),
            Some(Probe::Absent)
        );
        assert_eq!(Probe::take(&base, dir.path()), None, "not relative");
    }

    #[test]
    fn a_fresh_stamp_is_racy_and_an_old_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("d")).expect("mkdir");
        let probe = Probe::take(&Base::open(dir.path()), Path::new("d")).expect("probe");
        let now = SystemTime::now();
        assert!(probe.is_racy(now, Duration::from_secs(2)));
        assert!(!probe.is_racy(now + Duration::from_secs(10), Duration::from_secs(2)));
        assert!(!Probe::Absent.is_racy(now, Duration::from_secs(2)));
    }

    #[cfg(unix)]
    #[test]
    fn a_stamp_holds_what_the_standard_library_sees() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("f"), "four").expect("write");
        std::os::unix::fs::symlink("f", dir.path().join("link")).expect("symlink");
        let base = Base::open(dir.path());
        for name in ["f", "link", ""] {
            let path = dir.path().join(name);
            let meta = fs::metadata(&path).expect("metadata");
            let rel = if name.is_empty() {
                Path::new(".")
            } else {
                Path::new(name)
            };
            let Some(Probe::Present(stamp)) = Probe::take(&base, rel) else {
                panic!("{name}: not present");
            };
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            assert_eq!(
                stamp,
                Stamp {
                    kind: if meta.is_dir() { Kind::Dir } else { Kind::File },
                    dev: meta.dev(),
                    ino: meta.ino(),
                    mode: meta.mode(),
                    size: meta.size(),
                    mtime: ns(meta.mtime(), meta.mtime_nsec()),
                    ctime: ns(meta.ctime(), meta.ctime_nsec()),
                },
                "{name}"
            );
        }
    }
}
