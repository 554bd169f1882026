//! The record of one family in one repository root, and its file.
//!
//! A record file is `RERIDX` + format byte + reserved byte, a CRC-32 of the
//! payload, the payload's length, then the payload (postcard). A file that
//! is short, has another header, a wrong checksum or a payload that does not
//! decode, or that names another root or family, is treated as absent: it is
//! never trusted and is replaced by the next write. Files are written to a
//! unique temporary name in the same directory and renamed over the old
//! one, so a reader sees a whole old file or a whole new one, and of two
//! processes writing at once the last rename wins with a whole file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::probe::{Check, Probed};

const MAGIC: &[u8; 6] = b"RERIDX";
/// Bumped whenever the payload's shape changes.
const FORMAT: u8 = 2;
const HEADER: usize = 6 + 2 + 4 + 8;

/// What one root holds of one family, and how to tell it still does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FamilyRecord {
    /// The root, resolved, as bytes.
    pub(crate) root: Vec<u8>,
    /// The family name.
    pub(crate) family: String,
    /// The root's listing of the family, when one was recorded.
    pub(crate) listing: Option<ListingRecord>,
    /// Packages read from this root, by version text; each checked on its
    /// own, so they outlive a listing that changed (a release added beside
    /// them).
    pub(crate) packages: Vec<PackageRecord>,
}

/// A root's listing of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ListingRecord {
    /// Paths whose state the listing was read in.
    pub(crate) probes: Vec<Probed>,
    /// Facts it depended on beyond those states.
    pub(crate) checks: Vec<Check>,
    /// The versions, as their directory (or file) spells them, sorted; `None`
    /// when the root does not have the family.
    pub(crate) versions: Option<Vec<String>>,
}

impl ListingRecord {
    /// Whether every probe and check still holds.
    pub(crate) fn holds(&self) -> bool {
        self.probes.iter().all(Probed::holds) && self.checks.iter().all(Check::holds)
    }
}

/// One package as read from the files, with the paths it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PackageRecord {
    /// The version's text.
    pub(crate) version: String,
    /// Paths whose state the package was read in.
    pub(crate) probes: Vec<Probed>,
    /// The package's data.
    pub(crate) data: PackageData,
}

impl PackageRecord {
    /// Whether every probe still holds.
    pub(crate) fn holds(&self) -> bool {
        self.probes.iter().all(Probed::holds)
    }
}

/// The fields of a [`rer_repo::Package`] a solve reads, requirements as
/// text (each checked to read back to the same requirement when recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PackageData {
    pub(crate) requires: Vec<String>,
    pub(crate) variants: Vec<Vec<String>>,
    pub(crate) timestamp: Option<i64>,
    pub(crate) build_requires: Vec<String>,
    pub(crate) private_build_requires: Vec<String>,
    pub(crate) uri: String,
    /// The package's directory and its hashed variants' subpaths
    /// ([`rer_repo::PackageLocation`]), when it has one.
    pub(crate) location: Option<(String, Option<Vec<String>>)>,
}

/// Encodes `record` as a record file's bytes.
pub(crate) fn encode(record: &FamilyRecord) -> Option<Vec<u8>> {
    let payload = postcard::to_stdvec(record).ok()?;
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&[FORMAT, 0]);
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Some(bytes)
}

/// Decodes a record file's bytes; `None` for anything that is not a whole,
/// undamaged record of this format.
pub(crate) fn decode(bytes: &[u8]) -> Option<FamilyRecord> {
    if bytes.len() < HEADER || &bytes[..6] != MAGIC || bytes[6] != FORMAT || bytes[7] != 0 {
        return None;
    }
    let crc = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
    let len = u64::from_le_bytes(bytes[12..20].try_into().ok()?);
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != len || crc32fast::hash(payload) != crc {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Reads the record at `path`: `Some(Some(record))` for a valid one,
/// `Some(None)` when there is no file (or it cannot be read), `None` for a
/// file that is not a valid record.
pub(crate) fn read_or_absent(path: &Path) -> Option<Option<FamilyRecord>> {
    match fs::read(path) {
        Ok(bytes) => decode(&bytes).map(Some),
        Err(_) => Some(None),
    }
}

/// Writes `record` to `path` atomically: a temporary file in the same
/// directory, then a rename over `path`.
pub(crate) fn write(path: &Path, record: &FamilyRecord) -> io::Result<()> {
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let bytes = encode(record).ok_or_else(|| io::Error::other("record does not encode"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        SEQUENCE.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        file.flush()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> FamilyRecord {
        FamilyRecord {
            root: b"/repo".to_vec(),
            family: "foo".into(),
            listing: Some(ListingRecord {
                probes: vec![],
                checks: vec![],
                versions: Some(vec!["1.0".into(), "2".into()]),
            }),
            packages: vec![],
        }
    }

    #[test]
    fn a_record_reads_back_whole() {
        let bytes = encode(&sample()).expect("encodes");
        assert_eq!(decode(&bytes), Some(sample()));
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let bytes = encode(&sample()).expect("encodes");
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len]), None, "truncated to {len}");
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x41;
            assert_eq!(decode(&bad), None, "byte {at} flipped");
        }
    }
}
