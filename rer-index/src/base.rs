//! Where the index's `stat`s start from: a repository root, held open as a
//! directory handle, and paths below it named relative to it.
//!
//! A probe of `<root>/<family>/<version>/package.py` by its absolute path
//! makes the kernel walk every component of the root again (a dozen
//! dentry lookups and permission checks per `stat`); relative to a handle
//! on the root it walks only `<family>/<version>/package.py`. Recording
//! and checking both go through [`Base::stat`], so the stamps compared
//! always come from the same call.
//!
//! A handle names the directory it was opened on, not the path: if the
//! root directory is replaced (renamed over, or removed and made again),
//! the handle still leads into the old one. So a [`Base`] is only used
//! while it is the root: [`BaseCell::current`] compares the handle's
//! device and inode with what the root's path leads to now, and opens the
//! root again when they differ. It is called for every family a process
//! asks for, before any of that family's listing or packages is checked,
//! and compares when the last comparison (or the opening) began at least
//! the cell's interval ago ([`DEFAULT_ROOT_CHECK_INTERVAL`], 1 ms, by
//! default): the comparison walks every component of the root's path,
//! which 386 families of one solve paid for 386 times. So a root replaced
//! at time `t` is seen by every family asked for at `t` plus the interval
//! or later; a family asked for sooner may be checked in the replaced
//! directory, as if it had been asked for just before the replacement.
//! What lies below the root (a family or version directory replaced) is
//! walked afresh by every `stat`, so no handle can hide its change.
//!
//! [`DEFAULT_ROOT_CHECK_INTERVAL`]: crate::DEFAULT_ROOT_CHECK_INTERVAL
//!
//! Off Unix, and on Unix when the root cannot be opened, `stat` takes the
//! root joined with the relative path instead.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// One root as probes are taken below it.
#[derive(Debug)]
pub(crate) struct Base {
    root: PathBuf,
    /// The root, opened as a directory (`O_PATH`), and the device and
    /// inode it leads to; `None` when it could not be opened (then paths
    /// are joined to the root).
    #[cfg(unix)]
    fd: Option<(rustix::fd::OwnedFd, u64, u64)>,
}

/// What `stat` says of a path.
#[cfg(unix)]
pub(crate) type Stat = rustix::fs::Stat;
/// What `stat` says of a path.
#[cfg(not(unix))]
pub(crate) type Stat = std::fs::Metadata;

impl Base {
    /// `root`, opened now.
    pub(crate) fn open(root: &Path) -> Base {
        Base {
            root: root.to_path_buf(),
            #[cfg(unix)]
            fd: open_dir(root).ok(),
        }
    }

    /// The root's path.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// `stat` of `rel` (a relative path below the root), following
    /// symlinks when `follow`.
    pub(crate) fn stat(&self, rel: &Path, follow: bool) -> io::Result<Stat> {
        if rel.is_absolute() {
            return Err(io::Error::from(io::ErrorKind::InvalidInput));
        }
        #[cfg(unix)]
        {
            use rustix::fs::{AtFlags, statat};
            let flags = if follow {
                AtFlags::empty()
            } else {
                AtFlags::SYMLINK_NOFOLLOW
            };
            match &self.fd {
                Some((fd, _, _)) => statat(fd, rel, flags).map_err(io::Error::from),
                None => {
                    statat(rustix::fs::CWD, self.root.join(rel), flags).map_err(io::Error::from)
                }
            }
        }
        #[cfg(not(unix))]
        {
            let path = self.root.join(rel);
            if follow {
                std::fs::metadata(path)
            } else {
                std::fs::symlink_metadata(path)
            }
        }
    }

    /// Whether the handle still leads to the directory the root's path
    /// names (the same device and inode); always true off Unix and without
    /// a handle, where every `stat` takes the path.
    fn is_current(&self) -> bool {
        #[cfg(unix)]
        {
            let Some((_, dev, ino)) = &self.fd else {
                return true;
            };
            rustix::fs::stat(&self.root).is_ok_and(|named| identity(&named) == (*dev, *ino))
        }
        #[cfg(not(unix))]
        true
    }
}

/// `root` opened as a directory handle, and the device and inode it leads
/// to (which a handle never changes).
#[cfg(unix)]
fn open_dir(root: &Path) -> rustix::io::Result<(rustix::fd::OwnedFd, u64, u64)> {
    use rustix::fs::{Mode, OFlags, fstat, open};
    let fd = open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let (dev, ino) = identity(&fstat(&fd)?);
    Ok((fd, dev, ino))
}

/// The device and inode of a `stat`.
#[cfg(unix)]
#[allow(clippy::unnecessary_cast)]
fn identity(stat: &Stat) -> (u64, u64) {
    (stat.st_dev as u64, stat.st_ino as u64)
}

/// A root's [`Base`], opened on first use and again whenever the root
/// directory was replaced.
#[derive(Debug)]
pub(crate) struct BaseCell {
    root: PathBuf,
    /// How long a comparison of the handle with the root's path vouches
    /// for it.
    interval: Duration,
    /// The handle held, and when its last comparison (or its opening)
    /// began.
    base: Mutex<Option<(Arc<Base>, Instant)>>,
}

impl BaseCell {
    /// The cell of `root`, comparing its handle with the root's path at
    /// most once per `interval`; nothing is opened yet.
    pub(crate) fn new(root: &Path, interval: Duration) -> BaseCell {
        BaseCell {
            root: root.to_path_buf(),
            interval,
            base: Mutex::new(None),
        }
    }

    /// The root as it is now: the handle held, if it was compared with
    /// the root's path less than the interval ago or still leads to the
    /// directory that path names, else the root opened again.
    pub(crate) fn current(&self) -> Arc<Base> {
        let mut held = self.base.lock().unwrap_or_else(PoisonError::into_inner);
        // The instant before the comparison: a replacement after it is
        // then at most the interval before any use this comparison vouches
        // for.
        let now = Instant::now();
        if let Some((base, checked)) = held.as_mut() {
            if now.saturating_duration_since(*checked) < self.interval {
                return Arc::clone(base);
            }
            if base.is_current() {
                *checked = now;
                return Arc::clone(base);
            }
        }
        let base = Arc::new(Base::open(&self.root));
        *held = Some((Arc::clone(&base), now));
        base
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_replaced_root_is_opened_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("old")).expect("mkdir");
        let cell = BaseCell::new(&root, Duration::ZERO);
        let first = cell.current();
        assert!(first.stat(Path::new("old"), true).is_ok());
        assert!(Arc::ptr_eq(&first, &cell.current()), "kept while current");
        fs::rename(&root, dir.path().join("gone")).expect("rename");
        fs::create_dir_all(root.join("new")).expect("mkdir");
        // The old handle still leads into the old directory ...
        assert!(first.stat(Path::new("old"), true).is_ok());
        // ... but the cell hands out the new one.
        let second = cell.current();
        assert!(second.stat(Path::new("new"), true).is_ok());
        assert!(second.stat(Path::new("old"), true).is_err());
    }

    #[test]
    fn a_replaced_root_is_seen_once_the_interval_has_passed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("old")).expect("mkdir");
        let interval = Duration::from_millis(50);
        let cell = BaseCell::new(&root, interval);
        let first = cell.current();
        fs::rename(&root, dir.path().join("gone")).expect("rename");
        fs::create_dir_all(root.join("new")).expect("mkdir");
        let replaced = Instant::now();
        std::thread::sleep(interval);
        assert!(replaced.elapsed() >= interval);
        let second = cell.current();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(second.stat(Path::new("new"), true).is_ok());
    }

    #[test]
    fn within_the_interval_the_held_handle_is_used_uncompared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("old")).expect("mkdir");
        // (an interval no test outlasts)
        let cell = BaseCell::new(&root, Duration::from_secs(3600));
        let first = cell.current();
        fs::rename(&root, dir.path().join("gone")).expect("rename");
        fs::create_dir_all(root.join("new")).expect("mkdir");
        let second = cell.current();
        assert!(Arc::ptr_eq(&first, &second));
        assert!(second.stat(Path::new("old"), true).is_ok());
    }

    #[test]
    fn absolute_paths_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = Base::open(dir.path());
        fs::write(dir.path().join("f"), "x").expect("write");
        assert!(base.stat(Path::new("f"), true).is_ok());
        assert!(base.stat(&dir.path().join("f"), true).is_err());
    }
}
