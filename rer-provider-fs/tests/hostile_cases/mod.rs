//! The hostile cases of `tests/data/hostile/cases.json` and rez 3.4.0's
//! outcomes on them (`rez_hostile.json`), both written by
//! `tests/data/hostile/record_rez_hostile.py`: how a case is built on disk,
//! what rez did with it, and what rer reads of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use rer_provider_fs::FsProvider;
use rer_repo::{FamilyProvider, ProviderError};
use serde::Deserialize;

/// One case: a repository root holding `family`.
#[derive(Deserialize)]
pub struct Case {
    pub family: String,
    pub files: BTreeMap<String, Vec<serde_json::Value>>,
    pub special: Vec<(String, String, String)>,
    pub must_read: bool,
}

/// The fields of a package that rez's outcome records.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Package {
    pub version: String,
    pub requires: Vec<String>,
    pub variants: Vec<Vec<String>>,
}

/// What rez 3.4.0 made of a case: the packages it loaded (or, when they
/// hold over 10,000 requests, only their digest: a case rer refuses at a
/// bound), or the error it raised, with where it failed (`stage`) and the
/// file (relative to the root) and line its error names, if any (see the
/// recording script's `located`).
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum Outcome {
    Packages {
        packages: Vec<Package>,
    },
    Digest {
        digest: serde_json::Value,
    },
    Error {
        error: String,
        message: String,
        stage: String,
        file: Option<String>,
        line: Option<usize>,
    },
}

#[derive(Deserialize)]
struct Recording {
    rez: String,
    outcomes: BTreeMap<String, Vec<serde_json::Value>>,
}

/// The directory of the recording and its script.
pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile")
}

/// Every case, by name.
pub fn cases() -> BTreeMap<String, Case> {
    serde_json::from_str(&std::fs::read_to_string(data().join("cases.json")).unwrap()).unwrap()
}

/// rez's outcomes of every case, as recorded (JSON, for comparing with a
/// live run of the script).
pub fn recorded_json() -> BTreeMap<String, Vec<serde_json::Value>> {
    let recording: Recording =
        serde_json::from_str(&std::fs::read_to_string(data().join("rez_hostile.json")).unwrap())
            .unwrap();
    assert_eq!(recording.rez, "3.4.0");
    recording.outcomes
}

/// rez's outcomes of every case, as recorded.
pub fn recorded() -> BTreeMap<String, Vec<Outcome>> {
    recorded_json()
        .into_iter()
        .map(|(name, outcomes)| {
            let outcomes = outcomes
                .into_iter()
                .map(|o| serde_json::from_value(o).unwrap_or_else(|e| panic!("{name}: {e}")))
                .collect();
            (name, outcomes)
        })
        .collect()
}

/// A path of `cases.json`, where `\xff` stands for the byte.
fn raw_path(root: &Path, rel: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = Vec::new();
    let mut rest = rel.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'\\' && tail.first() == Some(&b'x') && tail.len() >= 3 {
            let hex = std::str::from_utf8(&tail[1..3]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[3..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    root.join(std::ffi::OsString::from_vec(bytes))
}

/// One piece of a file: `[text, count]`, the text repeated, or `[text,
/// count, indent]`, the text `count` times, indented one space more each
/// time from `indent`.
fn expand(piece: &serde_json::Value) -> String {
    let text = piece[0].as_str().unwrap();
    let count = piece[1].as_u64().unwrap() as usize;
    match piece.get(2).and_then(serde_json::Value::as_u64) {
        None => text.repeat(count),
        Some(indent) => (0..count)
            .map(|i| format!("{}{text}", " ".repeat(indent as usize + i)))
            .collect(),
    }
}

/// The text of the file `rel` of `case`.
pub fn text(case: &Case, rel: &str) -> String {
    case.files[rel].iter().map(expand).collect()
}

/// Makes the files of `case` under `root`.
pub fn build(root: &Path, case: &Case) {
    for rel in case.files.keys() {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text(case, rel)).unwrap();
    }
    for (rel, kind, arg) in &case.special {
        let path = raw_path(root, rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        match kind.as_str() {
            "symlink" => std::os::unix::fs::symlink(arg, &path).unwrap(),
            "fifo" => {
                let status = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(status.success());
            }
            "dir" => std::fs::create_dir_all(&path).unwrap(),
            "file" => std::fs::write(&path, arg).unwrap(),
            other => panic!("unknown special entry {other}"),
        }
    }
}

/// What rer reads: every package of the family, or the first error.
pub fn read(root: PathBuf, family: String) -> Result<Vec<Package>, ProviderError> {
    let provider = FsProvider::new([root])?;
    let Some(family) = provider.family(&family)? else {
        return Ok(Vec::new());
    };
    let mut packages = Vec::new();
    for (i, version) in family.versions().iter().enumerate() {
        let p = family.package(i)?;
        packages.push(Package {
            version: version.to_string(),
            requires: p.requires.iter().map(ToString::to_string).collect(),
            variants: p
                .variants
                .iter()
                .map(|v| v.iter().map(ToString::to_string).collect())
                .collect(),
        });
    }
    packages.sort_by(|a, b| a.version.cmp(&b.version));
    Ok(packages)
}

/// rer's reading of `case` built under `root`, or `None` when it did not
/// answer within 20 s (a hang; a crash takes the test binary with it).
pub fn read_bounded(root: &Path, case: &Case) -> Option<Result<Vec<Package>, ProviderError>> {
    let (send, receive) = mpsc::channel();
    let (root, family) = (root.to_path_buf(), case.family.clone());
    std::thread::spawn(move || {
        let _ = send.send(read(root, family));
    });
    receive.recv_timeout(Duration::from_secs(20)).ok()
}
