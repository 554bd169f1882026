//! Whole resolves kept beside the index: a caller's answer to one request,
//! kept with the [`Reads`] that vouch for what the solve was given, and
//! handed back while every one of those states still holds.
//!
//! The key is the caller's: it must name everything besides the files
//! that decides the answer (the request, the settings, the roots). The
//! files are the index's part: an answer is handed back only when every
//! listing and package the solve was given would be given again from the
//! same files in the same states ([`Indexed::reads_hold`]), so a new
//! release, a removed version, an edited or touched `package.py` in any
//! family the solve asked for makes it miss. A family the solve never
//! asked for cannot change its outcome.
//!
//! Each answer is one file under `resolves-v1-<reader>` in the index's
//! directory, named by a hash of its key (the key is stored whole and
//! compared), framed and checksummed like the records and written
//! atomically; a damaged one is ignored and replaced by the next store.
//!
//! The directory holds at most [`MAX_KEPT`] answers: a store that finds
//! more removes the least recently used tenth (a hit sets its file's
//! modification time to now), so that a farm asking many distinct
//! requests does not fill the disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::frame;
use crate::indexed::{Indexed, hash, hex};
use crate::options::IndexOptions;
use crate::reads::Reads;
use crate::record;

/// The most answers one directory keeps (see the module docs).
pub const MAX_KEPT: usize = 4096;

const MAGIC: &[u8; 6] = b"RERRSV";
/// Bumped whenever an entry's shape, or what its reads must cover, changes
/// (2: as the records' format 7).
const FORMAT: u8 = 2;

/// One kept answer, as written.
#[derive(Serialize)]
struct EntryOut<'a> {
    key: &'a str,
    answer: &'a [u8],
    reads: &'a Reads,
}

/// One kept answer, as read.
#[derive(Deserialize)]
struct Entry {
    key: String,
    answer: Vec<u8>,
    reads: Reads,
}

/// The whole resolves kept in one index directory, by key.
#[derive(Debug, Clone)]
pub struct ResolveCache {
    dir: PathBuf,
    max_kept: usize,
}

impl ResolveCache {
    /// The resolves kept in the index `options` describe, apart for each
    /// reader ([`IndexOptions::reader`]) as the records are. Nothing is
    /// read or written yet.
    pub fn new(options: &IndexOptions) -> ResolveCache {
        let reader = hex(&hash(&[options.reader.as_bytes()]));
        ResolveCache {
            dir: options.dir.join(format!("resolves-v1-{reader}")),
            max_kept: MAX_KEPT,
        }
    }

    /// The cache keeping at most `max_kept` answers (at least one), for
    /// tests of the bound.
    #[must_use]
    pub fn max_kept(mut self, max_kept: usize) -> ResolveCache {
        self.max_kept = max_kept.max(1);
        self
    }

    /// The directory the answers are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The answer kept for `key`, when there is one, it is undamaged, and
    /// every state its [`Reads`] list still holds in `index` (which must be
    /// over the same roots). One file read, then the `stat`s of the check;
    /// `index` answers no family and reads no package for it.
    pub fn lookup(&self, key: &str, index: &Indexed) -> Option<Vec<u8>> {
        let path = self.path(key);
        let bytes = record::read_bounded(&path).ok()?;
        let payload = frame::unseal(&bytes, MAGIC, FORMAT)?;
        let entry: Entry = postcard::from_bytes(payload).ok()?;
        if entry.key != key || !index.reads_hold(&entry.reads) {
            return None;
        }
        // used now: the last to go when the directory is pruned
        let _ = fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now()));
        Some(entry.answer)
    }

    /// Keeps `answer` for `key`, vouched for by `reads` (from
    /// [`Indexed::reads`] after the solve that made it), replacing what was
    /// kept for `key`; written atomically.
    ///
    /// # Errors
    /// Creating the directory or writing the file.
    pub fn store(&self, key: &str, answer: &[u8], reads: &Reads) -> io::Result<()> {
        let entry = EntryOut { key, answer, reads };
        let payload = postcard::to_stdvec(&entry).map_err(io::Error::other)?;
        record::write(&self.path(key), &frame::seal(MAGIC, FORMAT, &payload))?;
        self.prune();
        Ok(())
    }

    /// Removes the least recently used tenth of the answers when there are
    /// more than the bound; what cannot be listed or removed is left.
    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let names: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect();
        if names.len() <= self.max_kept {
            return;
        }
        let mut aged: Vec<(SystemTime, PathBuf)> = names
            .into_iter()
            .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        aged.sort();
        let keep = self.max_kept - self.max_kept / 10;
        let excess = aged.len().saturating_sub(keep);
        for (_, path) in aged.into_iter().take(excess) {
            let _ = fs::remove_file(path);
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(hex(&hash(&[key.as_bytes()])))
    }
}
