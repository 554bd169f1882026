//! Hostile and edge-case repositories, checked against what rez 3.4.0 did
//! with the same inputs (`tests/data/hostile/record_rez_hostile.py` builds
//! them and records rez's outcomes in `rez_hostile.json`; `cases.json`
//! describes the inputs).
//!
//! For every case: rer never reads a value rez does not load; where rer
//! reads the family, it reads one of rez's answers exactly; where rez fails,
//! rer fails; a case marked `must_read` must be read, not refused; and no
//! case takes rer more than a few seconds (a hang or a crash fails the
//! test, as the whole test binary would die of a stack overflow).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

mod common;

use rer_provider_fs::FsProvider;
use rer_repo::{FamilyProvider, ProviderError};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    family: String,
    files: BTreeMap<String, Vec<serde_json::Value>>,
    special: Vec<(String, String, String)>,
    must_read: bool,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
struct Package {
    version: String,
    requires: Vec<String>,
    variants: Vec<Vec<String>>,
}

type Outcome = common::RezOutcome<Package>;

#[derive(Deserialize)]
struct Recording {
    outcomes: BTreeMap<String, Vec<Outcome>>,
}

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile")
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

fn build(root: &Path, case: &Case) {
    for (rel, pieces) in &case.files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text: String = pieces.iter().map(expand).collect();
        std::fs::write(path, text).unwrap();
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
fn read(root: PathBuf, family: String) -> Result<Vec<Package>, ProviderError> {
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

#[test]
fn hostile_inputs_get_what_rez_gives() {
    let cases: BTreeMap<String, Case> =
        serde_json::from_str(&std::fs::read_to_string(data().join("cases.json")).unwrap()).unwrap();
    let recording: Recording =
        serde_json::from_str(&std::fs::read_to_string(data().join("rez_hostile.json")).unwrap())
            .unwrap();
    assert_eq!(cases.len(), recording.outcomes.len());
    let mut failures = Vec::new();
    let (mut read_count, mut refused, mut errors) = (0, 0, 0);
    for (name, case) in &cases {
        let rez = &recording.outcomes[name];
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), case);
        let (send, receive) = mpsc::channel();
        let (root, family) = (dir.path().to_path_buf(), case.family.clone());
        std::thread::spawn(move || {
            let _ = send.send(read(root, family));
        });
        let Ok(got) = receive.recv_timeout(Duration::from_secs(20)) else {
            failures.push(format!("{name}: rer did not answer in 20 s"));
            continue;
        };
        let rez_read: Vec<&Vec<Package>> = rez
            .iter()
            .filter_map(|o| match o {
                Outcome::Packages { packages } => Some(packages),
                Outcome::Error { .. } => None,
            })
            .collect();
        let rez_failed = rez.iter().any(|o| matches!(o, Outcome::Error { .. }));
        match got {
            Ok(packages) => {
                read_count += 1;
                if !rez_read.contains(&&packages) {
                    failures.push(format!("{name}: rer read {packages:?}, rez: {rez:?}"));
                }
            }
            Err(ProviderError::NeedsEvaluation { .. }) if !case.must_read => refused += 1,
            Err(e) if rez_failed && !case.must_read => {
                errors += 1;
                assert!(
                    !e.to_string().contains("Source") && e.to_string().len() < 2_000,
                    "{name}: {e}"
                );
            }
            Err(e) => failures.push(format!("{name}: rer failed ({e}), rez: {rez:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{read_count} read as rez, {refused} refused for evaluation, {errors} failed as rez");
    assert!(read_count > 20 && refused > 10 && errors > 20);
}
