//! The record of one family in one repository root, and its file.
//!
//! A record file is `RERIDX` + format byte + reserved byte, a CRC-32 of the
//! payload, the payload's length, then the payload: a [`Head`] (postcard)
//! followed by one [`Body`] (postcard) per package, in the head's order. A
//! file that is short, has another header, a wrong checksum or a head that
//! does not decode, that names another root or family, or whose versions'
//! sort keys are of another encoding ([`rer_version::SORT_KEY_FORMAT`]), is
//! treated as absent: it is never trusted and is replaced by the next
//! write.
//!
//! The head holds what every use of the family needs (the listing, the
//! family's requirement texts once each, and each package's version and
//! body length); a package's body is decoded only when a solve asks for
//! that package ([`StoredRecord::body`]), borrowing its texts from the
//! file's bytes. Paths are kept relative to the root (a package's files as
//! a [`Spot`] in its version directory), so a record is small and decoding
//! it allocates little.
//!
//! Files are written to a unique temporary name in the same directory and
//! renamed over the old one, so a reader sees a whole old file or a whole
//! new one, and of two processes writing at once the last rename wins with
//! a whole file.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use rer_repo::RootListing;
use rer_version::{SORT_KEY_FORMAT, Version};

use crate::base::Base;
use crate::codes::Codes;
use crate::frame;
use crate::order::StoredOrder;
use crate::probe::{Kind, Probe};

const MAGIC: &[u8; 6] = b"RERIDX";
/// Bumped whenever the payload's shape, or what its probes must cover,
/// changes (7: `_v` and the version directory of hashed-variant and
/// old-release packages).
const FORMAT: u8 = 7;
/// The most of a record file that is read (1 GiB; records are kilobytes).
const MAX_RECORD_BYTES: u64 = 1 << 30;

/// Bytes that postcard writes as one length-prefixed run and reads back
/// borrowed (a path, which need not be UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bytes<'a>(pub(crate) &'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(deserializer).map(Bytes)
    }
}

/// The first part of a record's payload.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Head<'a> {
    /// The encoding of the listing's version sort keys
    /// ([`rer_version::SORT_KEY_FORMAT`]): a record of another is refused
    /// as a whole, so a build encoding keys otherwise rebuilds it.
    pub(crate) key_format: u8,
    /// The root, resolved, as bytes.
    #[serde(borrow)]
    pub(crate) root: Bytes<'a>,
    /// The family name.
    pub(crate) family: &'a str,
    /// The root's listing of the family, when one was recorded.
    #[serde(borrow)]
    pub(crate) listing: Option<Listing<'a>>,
    /// Every requirement text of the family's packages, once each; bodies
    /// name them by position. Kept as bytes (the same bytes on the wire as a
    /// text): a text is checked to be UTF-8 when a package uses it
    /// ([`StoredRecord::requirement`]), not each time a head is read.
    #[serde(borrow)]
    pub(crate) requirements: Vec<Bytes<'a>>,
    /// Each package's version text and body length, sorted by version text;
    /// the text as bytes, like the requirements (checked where it is used
    /// as text, [`StoredRecord::version`]).
    #[serde(borrow)]
    pub(crate) packages: Vec<(Bytes<'a>, u32)>,
}

/// A root's listing of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Listing<'a> {
    /// Paths (relative to the root) whose state the listing was read in.
    #[serde(borrow)]
    pub(crate) probes: Vec<(Bytes<'a>, Probe)>,
    /// Paths (relative to the root) whose kind it depended on beyond those
    /// states (symlinked entries, definitions beside a `.building` marker).
    #[serde(borrow)]
    pub(crate) checks: Vec<(Bytes<'a>, Kind)>,
    /// The versions, sorted, each as its directory (or file) spells it and
    /// its sort key ([`Version::sort_key`], in the encoding the header
    /// names), so that reading a listing back parses nothing; `None` when
    /// the root does not have the family.
    #[serde(borrow)]
    pub(crate) versions: Option<Vec<(&'a str, Bytes<'a>)>>,
    /// The order rez iterates those versions in (positions into
    /// `versions`); `None` when the root does not have the family.
    #[serde(borrow)]
    pub(crate) order: Option<StoredOrder<'a>>,
}

impl Listing<'_> {
    /// Whether every probe and check still holds below `base`.
    pub(crate) fn holds(&self, base: &Base) -> bool {
        self.probes
            .iter()
            .all(|(path, probe)| rel_path(path.0).is_some_and(|p| probe.holds(base, p)))
            && self
                .checks
                .iter()
                .all(|(path, kind)| rel_path(path.0).is_some_and(|p| Kind::at(base, p) == *kind))
    }
}

/// A listing owned by this process (read now), to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OwnedListing {
    pub(crate) probes: Vec<(Vec<u8>, Probe)>,
    pub(crate) checks: Vec<(Vec<u8>, Kind)>,
    pub(crate) versions: Option<Vec<Version>>,
    pub(crate) order: Option<RootListing>,
}

impl OwnedListing {
    /// The listing as it is written.
    pub(crate) fn view(&self) -> Listing<'_> {
        Listing {
            probes: self.probes.iter().map(|(p, s)| (Bytes(p), *s)).collect(),
            checks: self.checks.iter().map(|(p, k)| (Bytes(p), *k)).collect(),
            versions: self.versions.as_ref().map(|vs| {
                vs.iter()
                    .map(|v| (v.as_str(), Bytes(v.sort_key())))
                    .collect()
            }),
            order: self.order.as_ref().map(StoredOrder::of),
        }
    }
}

/// A file of a package's version directory whose state a record depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Spot {
    /// The version directory itself.
    Dir,
    /// `package.py`.
    PackagePy,
    /// `package.yaml`.
    PackageYaml,
    /// `release.yaml`.
    ReleaseYaml,
    /// `.metadata`.
    Metadata,
    /// `.metadata/release_time.txt`.
    ReleaseTime,
    /// `_v`, the directory of a hashed-variant package's shortlinks.
    Shortlinks,
}

impl Spot {
    /// Every spot, in probing order.
    pub(crate) const ALL: [Spot; 7] = [
        Spot::Dir,
        Spot::PackagePy,
        Spot::PackageYaml,
        Spot::ReleaseYaml,
        Spot::Metadata,
        Spot::ReleaseTime,
        Spot::Shortlinks,
    ];

    /// The spot's path below the version directory (`""` for the directory).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Spot::Dir => "",
            Spot::PackagePy => "package.py",
            Spot::PackageYaml => "package.yaml",
            Spot::ReleaseYaml => "release.yaml",
            Spot::Metadata => ".metadata",
            Spot::ReleaseTime => ".metadata/release_time.txt",
            Spot::Shortlinks => "_v",
        }
    }
}

/// The paths of a package's [`Spot`]s relative to the root,
/// `<family>/<version>/<name>` (`<family>/<name>` for the empty version:
/// an unversioned package), built in one buffer.
pub(crate) struct SpotPaths {
    buf: String,
    dir_len: usize,
}

impl SpotPaths {
    /// The spots of `family`'s `version`.
    pub(crate) fn new(family: &str, version: &str) -> SpotPaths {
        let mut buf = String::with_capacity(family.len() + version.len() + 30);
        buf.push_str(family);
        if !version.is_empty() {
            buf.push('/');
            buf.push_str(version);
        }
        let dir_len = buf.len();
        SpotPaths { buf, dir_len }
    }

    /// The relative path of `spot`.
    pub(crate) fn get(&mut self, spot: Spot) -> &Path {
        self.buf.truncate(self.dir_len);
        if spot != Spot::Dir {
            self.buf.push('/');
            self.buf.push_str(spot.name());
        }
        Path::new(&self.buf)
    }
}

/// A path of a package's data: below the root (the usual case: the root,
/// `/`, then this text), or given whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Place<'a> {
    /// `<root>/<text>`.
    #[serde(borrow)]
    UnderRoot(&'a str),
    /// The text itself.
    #[serde(borrow)]
    Exact(&'a str),
}

impl<'a> Place<'a> {
    /// `path` relative to `root` (`root` followed by `/`) where it lies below.
    pub(crate) fn of(root: &str, path: &'a str) -> Place<'a> {
        match path.strip_prefix(root).and_then(|p| p.strip_prefix('/')) {
            Some(rel) if !root.is_empty() => Place::UnderRoot(rel),
            _ => Place::Exact(path),
        }
    }

    /// The whole path, below `root` (the root's text, `None` for a root
    /// that is not UTF-8); `None` for a place below a root that is not
    /// UTF-8 (which no record holds).
    pub(crate) fn resolve(self, root: Option<&str>) -> Option<String> {
        match self {
            Place::Exact(text) => Some(text.to_string()),
            Place::UnderRoot(rel) => {
                let root = root?;
                let mut s = String::with_capacity(root.len() + 1 + rel.len());
                s.push_str(root);
                s.push('/');
                s.push_str(rel);
                Some(s)
            }
        }
    }
}

/// One package as stored: what it was read in, and its data, requirements
/// by their position in the family's [`Head::requirements`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Body<'a> {
    /// The states of the version directory's files it was read in.
    pub(crate) probes: Vec<(Spot, Probe)>,
    #[serde(borrow)]
    pub(crate) requires: Codes<'a>,
    #[serde(borrow)]
    pub(crate) variants: Vec<Codes<'a>>,
    pub(crate) timestamp: Option<i64>,
    #[serde(borrow)]
    pub(crate) build_requires: Codes<'a>,
    #[serde(borrow)]
    pub(crate) private_build_requires: Codes<'a>,
    /// The definition file's path (rez's uri).
    #[serde(borrow)]
    pub(crate) uri: Place<'a>,
    /// The package's directory and its hashed variants' subpaths
    /// ([`rer_repo::PackageLocation`]), when it has one.
    #[serde(borrow)]
    pub(crate) location: Option<(Place<'a>, Option<Vec<&'a str>>)>,
}

/// One package to be written, its requirements as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackageOut<'a> {
    pub(crate) version: &'a str,
    pub(crate) probes: Vec<(Spot, Probe)>,
    pub(crate) requires: Vec<&'a str>,
    pub(crate) variants: Vec<Vec<&'a str>>,
    pub(crate) timestamp: Option<i64>,
    pub(crate) build_requires: Vec<&'a str>,
    pub(crate) private_build_requires: Vec<&'a str>,
    pub(crate) uri: Place<'a>,
    pub(crate) location: Option<(Place<'a>, Option<Vec<&'a str>>)>,
}

/// Encodes the record of `family` in `root` as a record file's bytes.
/// `packages` are sorted by version text and must not repeat a version.
pub(crate) fn encode<'a>(
    root: &[u8],
    family: &str,
    listing: Option<Listing<'_>>,
    packages: &mut [PackageOut<'a>],
) -> Option<Vec<u8>> {
    /// The family's requirement texts, once each, and their positions.
    #[derive(Default)]
    struct Table<'a> {
        texts: Vec<&'a str>,
        positions: HashMap<&'a str, u32>,
    }
    impl<'a> Table<'a> {
        fn code(&mut self, list: &[&'a str]) -> Option<Codes<'static>> {
            let positions = list
                .iter()
                .map(|&text| {
                    if let Some(&at) = self.positions.get(text) {
                        return Some(at);
                    }
                    let at = u32::try_from(self.texts.len()).ok()?;
                    self.texts.push(text);
                    self.positions.insert(text, at);
                    Some(at)
                })
                .collect::<Option<Vec<u32>>>()?;
            Some(Codes::of(&positions))
        }
    }
    packages.sort_by(|a, b| a.version.cmp(b.version));
    let mut table = Table::default();
    let mut bodies: Vec<Vec<u8>> = Vec::with_capacity(packages.len());
    for p in packages.iter() {
        let mut code = |list: &[&'a str]| table.code(list);
        let body = Body {
            probes: p.probes.clone(),
            requires: code(&p.requires)?,
            variants: p.variants.iter().map(|v| code(v)).collect::<Option<_>>()?,
            timestamp: p.timestamp,
            build_requires: code(&p.build_requires)?,
            private_build_requires: code(&p.private_build_requires)?,
            uri: p.uri,
            location: p.location.clone(),
        };
        bodies.push(postcard::to_stdvec(&body).ok()?);
    }
    let head = Head {
        key_format: SORT_KEY_FORMAT,
        root: Bytes(root),
        family,
        listing,
        requirements: table.texts.iter().map(|t| Bytes(t.as_bytes())).collect(),
        packages: packages
            .iter()
            .zip(&bodies)
            .map(|(p, b)| Some((Bytes(p.version.as_bytes()), u32::try_from(b.len()).ok()?)))
            .collect::<Option<_>>()?,
    };
    let mut payload = postcard::to_stdvec(&head).ok()?;
    for body in &bodies {
        payload.extend_from_slice(body);
    }
    Some(frame::seal(MAGIC, FORMAT, &payload))
}

/// A record file as read: its bytes, and where in them each package's
/// version and body lie. Decoding a package's body is left to the use.
#[derive(Debug)]
pub(crate) struct StoredRecord {
    bytes: Vec<u8>,
    /// Each requirement text's span in `bytes`.
    requirements: Vec<Range<usize>>,
    /// Each package's version text's span and body's span, sorted by
    /// version text.
    packages: Vec<(Range<usize>, Range<usize>)>,
}

impl StoredRecord {
    /// The record in `bytes` and what `inspect` makes of its head; `None`
    /// for anything that is not a whole, undamaged record of this format.
    pub(crate) fn decode_with<T>(
        bytes: Vec<u8>,
        inspect: impl FnOnce(&Head<'_>) -> T,
    ) -> Option<(StoredRecord, T)> {
        let (requirements, packages, inspected) = {
            let payload = payload(&bytes)?;
            let (head, rest): (Head<'_>, &[u8]) = postcard::take_from_bytes(payload).ok()?;
            if head.key_format != SORT_KEY_FORMAT {
                return None;
            }
            let requirements = head
                .requirements
                .iter()
                .map(|t| span(&bytes, t.0))
                .collect();
            let mut packages = Vec::with_capacity(head.packages.len());
            let mut at = bytes.len() - rest.len();
            for (version, len) in &head.packages {
                let end = at.checked_add(*len as usize)?;
                packages.push((span(&bytes, version.0), at..end));
                at = end;
            }
            if at != bytes.len() {
                return None;
            }
            (requirements, packages, inspect(&head))
        };
        let stored = StoredRecord {
            bytes,
            requirements,
            packages,
        };
        Some((stored, inspected))
    }

    /// The record in `bytes`; `None` for anything that is not a whole,
    /// undamaged record of this format.
    #[cfg(test)]
    pub(crate) fn decode(bytes: Vec<u8>) -> Option<StoredRecord> {
        StoredRecord::decode_with(bytes, |_| ()).map(|(stored, ())| stored)
    }

    /// The head, decoded again (it decoded when the record was read).
    pub(crate) fn head(&self) -> Option<Head<'_>> {
        let payload = payload(&self.bytes)?;
        postcard::take_from_bytes(payload)
            .ok()
            .map(|(head, _)| head)
    }

    /// The number of requirement texts.
    pub(crate) fn requirement_count(&self) -> usize {
        self.requirements.len()
    }

    /// Requirement text `at`.
    pub(crate) fn requirement(&self, at: usize) -> Option<&str> {
        let span = self.requirements.get(at)?;
        std::str::from_utf8(self.bytes.get(span.clone())?).ok()
    }

    /// The position of the package of version text `version`.
    pub(crate) fn find(&self, version: &str) -> Option<usize> {
        self.packages
            .binary_search_by(|(v, _)| self.bytes[v.clone()].cmp(version.as_bytes()))
            .ok()
    }

    /// The number of packages.
    pub(crate) fn len(&self) -> usize {
        self.packages.len()
    }

    /// The version text of package `at`.
    pub(crate) fn version(&self, at: usize) -> Option<&str> {
        let (v, _) = self.packages.get(at)?;
        std::str::from_utf8(&self.bytes[v.clone()]).ok()
    }

    /// The body of package `at`, decoded; `None` when it does not decode.
    pub(crate) fn body(&self, at: usize) -> Option<Body<'_>> {
        let (_, b) = self.packages.get(at)?;
        postcard::from_bytes(&self.bytes[b.clone()]).ok()
    }

    /// Package `at` as it is written again; `None` when its body does not
    /// decode or names a requirement the record does not hold.
    pub(crate) fn package_out(&self, at: usize) -> Option<PackageOut<'_>> {
        let body = self.body(at)?;
        let texts = |list: &Codes<'_>| {
            list.iter()
                .map(|i| self.requirement(i? as usize))
                .collect::<Option<Vec<_>>>()
        };
        Some(PackageOut {
            version: self.version(at)?,
            requires: texts(&body.requires)?,
            variants: body.variants.iter().map(&texts).collect::<Option<_>>()?,
            timestamp: body.timestamp,
            build_requires: texts(&body.build_requires)?,
            private_build_requires: texts(&body.private_build_requires)?,
            probes: body.probes,
            uri: body.uri,
            location: body.location,
        })
    }
}

/// The payload of a record file's bytes, checked.
fn payload(bytes: &[u8]) -> Option<&[u8]> {
    frame::unseal(bytes, MAGIC, FORMAT)
}

/// Where `part` (a slice of `whole`) lies in `whole`.
fn span(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    start..start + part.len()
}

/// The relative path `rel` is; `None` for bytes that are not a relative
/// path of this platform.
pub(crate) fn rel_path(rel: &[u8]) -> Option<&Path> {
    let rel = crate::probe::path_from_bytes(rel)?;
    (!rel.is_absolute()).then_some(rel)
}

/// Reads the record at `path`, and what `inspect` makes of its head:
/// `Some(Some(..))` for a valid one,
/// `Some(None)` when there is no file (or it cannot be read), `None` for a
/// file that is not a valid record.
pub(crate) fn read_or_absent<T>(
    path: &Path,
    inspect: impl FnOnce(&Head<'_>) -> T,
) -> Option<Option<(StoredRecord, T)>> {
    match read_bounded(path) {
        Ok(bytes) => StoredRecord::decode_with(bytes, inspect).map(Some),
        Err(_) => Some(None),
    }
}

/// The bytes of the index's file at `path`, at most 1 GiB of them (a
/// longer file fails its frame's length check).
pub(crate) fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let file = fs::File::open(path)?;
    // The index's files are small: one read usually takes all of one. Read
    // through `take`, which asks the file for no size hint (a `statx` and
    // an `lseek` per file otherwise) and bounds what a file can make this
    // process hold.
    bytes.reserve(16 * 1024);
    file.take(MAX_RECORD_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes `bytes` (a record file's) to `path` atomically: a temporary file
/// in the same directory, then a rename over `path`. The directory is
/// created when it is not there yet.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    static PID: OnceLock<u32> = OnceLock::new();
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        PID.get_or_init(std::process::id),
        SEQUENCE.fetch_add(1, Ordering::Relaxed)
    ));
    let create = || fs::File::create(&temp);
    let file = match create() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir)?;
            create()
        }
        other => other,
    };
    let written = file.and_then(|mut file| {
        file.write_all(bytes)?;
        drop(file);
        fs::rename(&temp, path)
    });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    fn package(version: &str) -> PackageOut<'_> {
        PackageOut {
            version,
            probes: vec![(Spot::PackagePy, Probe::Absent)],
            requires: vec!["bar-1", "~baz"],
            variants: vec![vec!["bar-1"], vec!["qux"]],
            timestamp: Some(7),
            build_requires: vec![],
            private_build_requires: vec!["qux"],
            uri: Place::UnderRoot("foo/1.0/package.py"),
            location: Some((Place::UnderRoot("foo/1.0"), Some(vec!["_v/a", "_v/b"]))),
        }
    }

    fn sample() -> Vec<u8> {
        let listing = OwnedListing {
            probes: vec![(b"foo".to_vec(), Probe::Absent)],
            checks: vec![(b"foo/2".to_vec(), Kind::Dir)],
            versions: Some(vec![version("1.0"), version("2")]),
            order: Some(RootListing::DirectoryNames(vec![
                ("2".into(), Some(1)),
                ("1.0".into(), Some(0)),
            ])),
        };
        encode(
            b"/repo",
            "foo",
            Some(listing.view()),
            &mut [package("2"), package("1.0")],
        )
        .expect("encodes")
    }

    #[test]
    fn a_record_reads_back_whole() {
        let stored = StoredRecord::decode(sample()).expect("decodes");
        let head = stored.head().expect("head");
        assert_eq!(head.root, Bytes(b"/repo"));
        assert_eq!(head.family, "foo");
        let listing = head.listing.expect("listing");
        let keys = (version("1.0"), version("2"));
        assert_eq!(
            listing.versions,
            Some(vec![
                ("1.0", Bytes(keys.0.sort_key())),
                ("2", Bytes(keys.1.sort_key()))
            ])
        );
        assert_eq!(
            listing.order,
            Some(StoredOrder::Names(vec![("2", Some(1)), ("1.0", Some(0))]))
        );
        assert_eq!(listing.checks, vec![(Bytes(b"foo/2"), Kind::Dir)]);
        assert_eq!(stored.len(), 2);
        assert_eq!(stored.find("1.0"), Some(0));
        assert_eq!(stored.find("2"), Some(1));
        assert_eq!(stored.find("3"), None);
        assert_eq!(stored.requirement_count(), 3, "each text once");
        assert_eq!(stored.package_out(1), Some(package("2")));
        assert_eq!(stored.package_out(0), Some(package("1.0")));
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(
                StoredRecord::decode(bytes[..len].to_vec()).is_none(),
                "truncated to {len}"
            );
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x41;
            assert!(StoredRecord::decode(bad).is_none(), "byte {at} flipped");
        }
    }

    #[test]
    fn places_are_kept_below_the_root_where_they_lie() {
        assert_eq!(Place::of("/r", "/r/foo/1"), Place::UnderRoot("foo/1"));
        assert_eq!(Place::of("/r", "/rx/foo"), Place::Exact("/rx/foo"));
        assert_eq!(Place::of("/r", "/r"), Place::Exact("/r"));
        assert_eq!(
            Place::UnderRoot("foo/1").resolve(Some("/r")).as_deref(),
            Some("/r/foo/1")
        );
    }
}
