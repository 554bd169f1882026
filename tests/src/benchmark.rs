//! rez's benchmark as data: its package repository, its 188 requests and
//! rez 3.4.0's answers, all kept in the repository under
//! `tests/data/rez-benchmark/` (see the `NOTICE` there for their origin and
//! licence), so that every test needs nothing beside the clone.
//!
//! [`Benchmark::load`] unpacks `packages.tar.gz` and `packages.json.gz` once
//! into a cache under the target directory (`$CARGO_TARGET_DIR`, else
//! `<workspace>/target`), keyed by the archives' contents, and reads the
//! requests and rez's answers. Unpacking goes to a private staging
//! directory that is renamed into place, so test processes and threads
//! running at the same time never see half a repository.

use std::fs;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The repository's root directory (the workspace root).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The directory holding the vendored benchmark: `packages.tar.gz`,
/// `packages.json.gz`, `requests.json` and `rez-3.4.0-resolves.json`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("rez-benchmark")
}

/// The recording of rez 3.4.0's answers to the requests (written by
/// `cargo xtask record-rez`).
pub fn resolves_json() -> PathBuf {
    data_dir().join("rez-3.4.0-resolves.json")
}

/// The requests, each a list of requirement strings.
pub fn requests_json() -> PathBuf {
    data_dir().join("requests.json")
}

/// The cache directory benchmark data is unpacked into.
pub fn cache_root() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("rer-benchmark")
}

/// What went wrong reading the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarkError {
    /// A file could not be read or unpacked.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// A JSON file is not in the expected format.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// One variant of rez's answer: `family/version/package.py[index]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedVariant {
    /// The family.
    pub name: String,
    /// The version, as rez prints it.
    pub version: String,
    /// The variant index; `None` for a package without variants.
    pub index: Option<usize>,
}

impl ExpectedVariant {
    /// The variant `index` of `name`'s `version`, each as it displays: how a
    /// solver's answer is put beside rez's.
    pub fn new(name: impl ToString, version: impl ToString, index: Option<usize>) -> Self {
        ExpectedVariant {
            name: name.to_string(),
            version: version.to_string(),
            index,
        }
    }
}

impl std::fmt::Display for ExpectedVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}-{}[{i}]", self.name, self.version),
            None => write!(f, "{}-{}[]", self.name, self.version),
        }
    }
}

/// rez's answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Solved, with the variants in rez's order.
    Solved(Vec<ExpectedVariant>),
    /// The resolve failed (rez's status `failed`).
    Failed,
}

/// The benchmark, read and ready.
#[derive(Debug, Clone)]
pub struct Benchmark {
    /// `packages.json`: every package as rez reads it, for the memory
    /// provider (unpacked in the cache).
    pub packages_json: PathBuf,
    /// The unpacked repository: `<family>/<version>/package.py` (in the
    /// cache).
    pub packages_dir: PathBuf,
    /// `requests.json`, the file the requests were read from.
    pub requests_json: PathBuf,
    /// The requests, each a list of requirement strings.
    pub requests: Vec<Vec<String>>,
    /// rez's answer to each request, in the same order.
    pub expected: Vec<Expected>,
}

#[derive(Deserialize)]
struct Record {
    request: Vec<String>,
    status: String,
    #[serde(default)]
    resolved_packages: Vec<String>,
}

impl Benchmark {
    /// Unpacks the vendored benchmark once (see the module docs) and reads
    /// its requests and rez's answers. An error names the file that could
    /// not be read or is not as expected.
    pub fn load() -> Result<Benchmark, BenchmarkError> {
        let unpacked = unpack_once()?;
        let requests_path = requests_json();
        let requests: Vec<Vec<String>> = read_json(&requests_path)?;
        let resolves_path = resolves_json();
        let records: Vec<Record> = read_json(&resolves_path)?;
        if records.len() != requests.len() {
            return Err(format_error(
                &resolves_path,
                format!("{} answers for {} requests", records.len(), requests.len()),
            ));
        }
        let mut expected = Vec::with_capacity(records.len());
        for (i, (record, request)) in records.iter().zip(&requests).enumerate() {
            if &record.request != request {
                return Err(format_error(
                    &resolves_path,
                    format!("answer {i} is for another request"),
                ));
            }
            expected.push(
                parse_record(record)
                    .map_err(|m| format_error(&resolves_path, format!("answer {i}: {m}")))?,
            );
        }
        Ok(Benchmark {
            packages_json: unpacked.packages_json,
            packages_dir: unpacked.packages_dir,
            requests_json: requests_path,
            requests,
            expected,
        })
    }
}

/// Where [`unpack_once`] put the benchmark's archives.
#[derive(Debug, Clone)]
pub struct Unpacked {
    /// The repository: `<family>/<version>/package.py`.
    pub packages_dir: PathBuf,
    /// `packages.json`.
    pub packages_json: PathBuf,
}

fn format_error(path: &Path, message: String) -> BenchmarkError {
    BenchmarkError::Format {
        path: path.to_path_buf(),
        message,
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BenchmarkError> {
    let text = fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    serde_json::from_str(&text).map_err(|e| format_error(path, e.to_string()))
}

fn parse_record(record: &Record) -> Result<Expected, String> {
    match record.status.as_str() {
        "failed" => Ok(Expected::Failed),
        "success" => record
            .resolved_packages
            .iter()
            .map(|s| parse_variant(s))
            .collect::<Result<_, _>>()
            .map(Expected::Solved),
        other => Err(format!("unknown status {other:?}")),
    }
}

/// Reads `family/version/package.py[index]`.
fn parse_variant(text: &str) -> Result<ExpectedVariant, String> {
    let bad = || format!("not a `family/version/package.py[index]` entry: {text:?}");
    let (path, index) = text
        .strip_suffix(']')
        .and_then(|t| t.rsplit_once('['))
        .ok_or_else(bad)?;
    let path = path.strip_suffix("/package.py").ok_or_else(bad)?;
    let (name, version) = path.split_once('/').ok_or_else(bad)?;
    let index = if index.is_empty() {
        None
    } else {
        Some(index.parse().map_err(|_| bad())?)
    };
    Ok(ExpectedVariant {
        name: name.into(),
        version: version.into(),
        index,
    })
}

fn io_error(path: &Path, e: std::io::Error) -> BenchmarkError {
    BenchmarkError::Io {
        path: path.into(),
        message: e.to_string(),
    }
}

/// A name for the archives' contents: the cache directory is keyed by it, so
/// a changed archive is unpacked afresh and never mixed with an old copy.
fn content_key(files: &[PathBuf]) -> Result<String, BenchmarkError> {
    // FNV-1a over the bytes: stable across Rust releases, unlike std's
    // default hasher.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for file in files {
        hash.write(&fs::read(file).map_err(|e| io_error(file, e))?);
    }
    Ok(format!("{:016x}", hash.finish()))
}

/// Unpacks the vendored `packages.tar.gz` (to `packages/`) and
/// `packages.json.gz` (to `packages.json`) under [`cache_root`] unless a
/// copy of these very archives is there already.
///
/// Unpacks into a staging directory of its own first and renames it into
/// place, so concurrent callers (processes or threads) never see half a
/// repository; a caller that loses the race uses the winner's copy.
pub fn unpack_once() -> Result<Unpacked, BenchmarkError> {
    unpack_once_in(
        &cache_root(),
        data_dir().join("packages.tar.gz"),
        data_dir().join("packages.json.gz"),
    )
}

/// As [`unpack_once`], for the given archives and cache directory `base`.
fn unpack_once_in(
    base: &Path,
    tarball: PathBuf,
    json_gz: PathBuf,
) -> Result<Unpacked, BenchmarkError> {
    let dest = base.join(content_key(&[tarball.clone(), json_gz.clone()])?);
    let unpacked = Unpacked {
        packages_dir: dest.join("packages"),
        packages_json: dest.join("packages.json"),
    };
    if dest.is_dir() {
        return Ok(unpacked);
    }
    fs::create_dir_all(base).map_err(|e| io_error(base, e))?;
    // One staging directory per call: threads of one process may unpack at
    // the same time too (the tests of one test binary run in parallel).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let staging = base.join(format!("unpacking-{}-{call}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = unpack_into(&staging, &tarball, &json_gz);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    match fs::rename(&staging, &dest) {
        Ok(()) => Ok(unpacked),
        // Another caller got there first: use its copy.
        Err(_) if dest.is_dir() => {
            let _ = fs::remove_dir_all(&staging);
            Ok(unpacked)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(io_error(&dest, e))
        }
    }
}

fn unpack_into(staging: &Path, tarball: &Path, json_gz: &Path) -> Result<(), BenchmarkError> {
    let file = fs::File::open(tarball).map_err(|e| io_error(tarball, e))?;
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(staging)
        .map_err(|e| io_error(tarball, e))?;
    if !staging.join("packages").is_dir() {
        return Err(format_error(tarball, "has no packages/ directory".into()));
    }
    let file = fs::File::open(json_gz).map_err(|e| io_error(json_gz, e))?;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut json)
        .map_err(|e| io_error(json_gz, e))?;
    let out = staging.join("packages.json");
    fs::write(&out, json).map_err(|e| io_error(&out, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small archives shaped like the benchmark's, in `dir`.
    fn small_archives(dir: &Path, families: usize) -> (PathBuf, PathBuf) {
        use flate2::{Compression, write::GzEncoder};
        let tarball = dir.join("packages.tar.gz");
        let gz = GzEncoder::new(fs::File::create(&tarball).unwrap(), Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for i in 0..families {
            let text = format!("name = 'f{i}'\nversion = '1'\n");
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(
                &mut header,
                format!("packages/f{i}/1/package.py"),
                text.as_bytes(),
            )
            .unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        let json_gz = dir.join("packages.json.gz");
        let mut gz = GzEncoder::new(fs::File::create(&json_gz).unwrap(), Compression::fast());
        std::io::Write::write_all(&mut gz, b"{\"families\": {}}").unwrap();
        gz.finish().unwrap();
        (tarball, json_gz)
    }

    #[test]
    fn concurrent_unpacks_share_one_complete_copy() {
        let archives = tempfile::tempdir().unwrap();
        let (tarball, json_gz) = small_archives(archives.path(), 200);
        let base = tempfile::tempdir().unwrap();
        let copies: Vec<Unpacked> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..4)
                .map(|_| s.spawn(|| unpack_once_in(base.path(), tarball.clone(), json_gz.clone())))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap().unwrap())
                .collect()
        });
        for copy in &copies {
            assert_eq!(copy.packages_dir, copies[0].packages_dir);
            assert_eq!(fs::read_dir(&copy.packages_dir).unwrap().count(), 200);
            assert_eq!(
                fs::read_to_string(&copy.packages_json).unwrap(),
                "{\"families\": {}}"
            );
        }
        // one copy, no staging directory left behind
        let entries: Vec<_> = fs::read_dir(base.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "{entries:?}");

        // other archives get a copy of their own
        let (tarball, json_gz) = small_archives(archives.path(), 3);
        let other = unpack_once_in(base.path(), tarball, json_gz).unwrap();
        assert_ne!(other.packages_dir, copies[0].packages_dir);
        assert_eq!(fs::read_dir(&other.packages_dir).unwrap().count(), 3);
    }

    #[test]
    fn the_vendored_benchmark_loads_whole() {
        let bench = Benchmark::load().unwrap();
        assert_eq!(bench.requests.len(), 188);
        let failed = bench
            .expected
            .iter()
            .filter(|e| matches!(e, Expected::Failed))
            .count();
        assert_eq!(failed, 1);
    }

    #[test]
    fn variant_entries_parse() {
        assert_eq!(
            parse_variant("wave/2.7.13/package.py[0]").unwrap(),
            ExpectedVariant {
                name: "wave".into(),
                version: "2.7.13".into(),
                index: Some(0)
            }
        );
        assert_eq!(
            parse_variant("diam/linux/package.py[]").unwrap().index,
            None
        );
        for bad in [
            "wave/2.7.13/package.py",
            "wave/package.py[0]",
            "wave/1/package.py[x]",
        ] {
            assert!(parse_variant(bad).is_err(), "{bad}");
        }
    }
}
