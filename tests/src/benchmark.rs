//! rez's benchmark as data: its package repository, its 188 requests and
//! rez 3.4.0's answers.
//!
//! The data is looked for, in order:
//! 1. in the directory named by `RER_BENCHMARK_DIR`;
//! 2. in `../shared/rez-benchmark` beside the repository;
//! 3. in `.rer-data/rez-benchmark` inside the repository, where
//!    `cargo xtask fetch-data` puts it on a clone without `../shared`
//!    (taken from the rez 3.4.0 wheel, with rez's answers from the recording
//!    the project keeps in `xtask/data/`).
//!
//! Such a directory holds `packages.tar.gz`, `packages.json`,
//! `requests.json` and `resolves.json`; see [`Benchmark`].

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The repository's root directory (the workspace root).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where `cargo xtask fetch-data` puts the benchmark on a clone without
/// `../shared`.
pub fn fetched_dir() -> PathBuf {
    workspace_root().join(".rer-data").join("rez-benchmark")
}

/// The files a benchmark directory must hold.
pub const FILES: [&str; 4] = [
    "packages.tar.gz",
    "packages.json",
    "requests.json",
    "resolves.json",
];

/// The first benchmark directory found (see the module docs), if any.
pub fn locate() -> Option<PathBuf> {
    let complete = |dir: &Path| FILES.iter().all(|f| dir.join(f).is_file());
    let candidates = std::env::var_os("RER_BENCHMARK_DIR")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            workspace_root().join("../shared/rez-benchmark"),
            fetched_dir(),
        ]);
    candidates.into_iter().find(|d| complete(d))
}

/// Whether a test must fail, rather than skip, when the benchmark is
/// missing: `RER_REQUIRE_BENCHMARK` is set to a non-empty value (CI sets
/// `RER_REQUIRE_BENCHMARK=1`).
pub fn required() -> bool {
    std::env::var_os("RER_REQUIRE_BENCHMARK").is_some_and(|v| !v.is_empty())
}

/// The benchmark directory for the test named `test`, as [`locate`] finds
/// it. When there is none, panics if the benchmark is [`required`], else
/// prints `SKIPPED <test>: …` and returns `None`.
pub fn locate_or_skip(test: &str) -> Option<PathBuf> {
    if let Some(dir) = locate() {
        return Some(dir);
    }
    assert!(
        !required(),
        "RER_REQUIRE_BENCHMARK is set but {}",
        BenchmarkError::NotFound
    );
    println!("SKIPPED {test}: {}", BenchmarkError::NotFound);
    None
}

/// As [`locate_or_skip`], then [`Benchmark::load_from`] the directory found;
/// panics when the data is there but cannot be read.
pub fn load_or_skip(test: &str) -> Option<Benchmark> {
    let dir = locate_or_skip(test)?;
    Some(Benchmark::load_from(&dir).unwrap_or_else(|e| panic!("{e}")))
}

/// What went wrong reading the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarkError {
    /// No benchmark directory was found.
    #[error(
        "rez's benchmark data was not found: set RER_BENCHMARK_DIR, put it in ../shared/rez-benchmark, or run `cargo xtask fetch-data`"
    )]
    NotFound,
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
    /// The directory the data came from.
    pub dir: PathBuf,
    /// `packages.json`: every package, for the memory provider.
    pub packages_json: PathBuf,
    /// The unpacked repository: `<family>/<version>/package.py`.
    pub packages_dir: PathBuf,
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
    /// Finds the benchmark (see [`locate`]), unpacks its repository once
    /// under `target/rer-benchmark/`, and reads requests and answers.
    pub fn load() -> Result<Benchmark, BenchmarkError> {
        let dir = locate().ok_or(BenchmarkError::NotFound)?;
        Self::load_from(&dir)
    }

    /// As [`Benchmark::load`], from the given directory.
    pub fn load_from(dir: &Path) -> Result<Benchmark, BenchmarkError> {
        let packages_dir = unpack_once(&dir.join("packages.tar.gz"))?;
        let requests_path = dir.join("requests.json");
        let requests: Vec<Vec<String>> = read_json(&requests_path)?;
        let resolves_path = dir.join("resolves.json");
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
            dir: dir.to_path_buf(),
            packages_json: dir.join("packages.json"),
            packages_dir,
            requests,
            expected,
        })
    }
}

fn format_error(path: &Path, message: String) -> BenchmarkError {
    BenchmarkError::Format {
        path: path.to_path_buf(),
        message,
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BenchmarkError> {
    let text = fs::read_to_string(path).map_err(|e| BenchmarkError::Io {
        path: path.into(),
        message: e.to_string(),
    })?;
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

/// Unpacks `tarball` under `target/rer-benchmark/<size>-<mtime>/` unless it
/// is there already, and returns the `packages` directory inside.
///
/// Unpacks into a temporary directory first and renames it into place, so
/// concurrent callers (processes or threads) never see half a repository.
pub fn unpack_once(tarball: &Path) -> Result<PathBuf, BenchmarkError> {
    let io = |path: &Path, e: std::io::Error| BenchmarkError::Io {
        path: path.into(),
        message: e.to_string(),
    };
    let meta = fs::metadata(tarball).map_err(|e| io(tarball, e))?;
    let stamp = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("rer-benchmark");
    let dest = base.join(format!("{}-{stamp}", meta.len()));
    let packages = dest.join("packages");
    if packages.is_dir() {
        return Ok(packages);
    }
    fs::create_dir_all(&base).map_err(|e| io(&base, e))?;
    // One staging directory per call: threads of one process may unpack at
    // the same time too (the tests of one test binary run in parallel).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let staging = base.join(format!("unpacking-{}-{call}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let file = fs::File::open(tarball).map_err(|e| io(tarball, e))?;
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(&staging)
        .map_err(|e| io(tarball, e))?;
    if !staging.join("packages").is_dir() {
        return Err(format_error(tarball, "has no packages/ directory".into()));
    }
    match fs::rename(&staging, &dest) {
        Ok(()) => Ok(packages),
        // Another process got there first: use its copy.
        Err(_) if packages.is_dir() => {
            let _ = fs::remove_dir_all(&staging);
            Ok(packages)
        }
        Err(e) => Err(io(&dest, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
