//! A differential check of rer's static reading of the solver fields
//! against rez 3.4.0's loader: `tests/data/static_read/generate.py`
//! writes about 1,300 small definitions (Python and YAML) mixing constructs a
//! static reader can get wrong, loads each with rez and records every
//! field (`rez_static_read.json`). This test builds the same files and
//! reads them with [`FsProvider`], without rez.
//!
//! Every field rer reads must be rez's value: `requires`, `variants`,
//! `build_requires`, `private_build_requires`, `timestamp`, and the
//! package's name and version. rer may refuse a definition it cannot read
//! without running it ([`ProviderError::NeedsEvaluation`]), or (for the
//! build requirements) keep the field as an error; where rez raises on
//! loading the file or on reading `requires` / `variants`, rer must fail
//! too. `timestamp` rer reads only as an integer: where rez's schema
//! rejects it, rer keeps `None` (a solve never reads it).
//!
//! With `RER_REZ_PYTHON` set, [`recording_is_rez_answer`] runs the script
//! again and checks the recording is still rez's answer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rer_provider_fs::FsProvider;
use rer_repo::{FamilyProvider, ProviderError};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Recording {
    rez: String,
    cases: Vec<Case>,
}

/// One case: the file at `path` (relative to the root) holding `text`,
/// and what rez made of family `family`.
#[derive(Deserialize)]
struct Case {
    name: String,
    family: String,
    path: String,
    text: String,
    rez: Value,
}

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/static_read")
}

fn recording() -> Recording {
    let text = std::fs::read_to_string(data().join("rez_static_read.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// How rer did on one case, or what it got wrong.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Verdict {
    /// Every field rez reads, read identically.
    Identical,
    /// Read identically, except build requirements rer keeps as an error.
    BuildRefused,
    /// rer refused to read the definition statically; rez read it.
    Refused,
    /// Both failed (rer refusing or raising where rez raises).
    BothFail,
}

/// rez's value of `field` in one recorded package: `Ok(value)` (`null`
/// when not set) or `Err(error type)`.
fn rez_field<'a>(package: &'a Value, field: &str) -> Result<&'a Value, String> {
    let f = &package[field];
    match f.get("error") {
        Some(e) => Err(e.as_str().unwrap_or("?").to_string()),
        None => Ok(&f["value"]),
    }
}

/// A list of requests as JSON (rez's `None` counts as empty).
fn list(v: &Value) -> Value {
    if v.is_null() {
        Value::Array(Vec::new())
    } else {
        v.clone()
    }
}

fn requests(rs: &[rer_version::Requirement]) -> Value {
    rs.iter().map(|r| Value::String(r.to_string())).collect()
}

/// Compares rer's reading of one family with rez's outcome.
fn compare(provider: &FsProvider, case: &Case) -> Result<Verdict, String> {
    let rer = read(provider, &case.family);
    let Some(rez_packages) = case.rez.get("packages").and_then(Value::as_array) else {
        return match rer {
            Ok(got) => Err(format!("rez raises {}, rer reads {got:?}", case.rez)),
            Err(_) => Ok(Verdict::BothFail),
        };
    };
    let rez_fails = rez_packages
        .iter()
        .any(|p| rez_field(p, "requires").is_err() || rez_field(p, "variants").is_err());
    let got = match rer {
        Err(_) if rez_fails => return Ok(Verdict::BothFail),
        Err(ProviderError::NeedsEvaluation { .. }) => return Ok(Verdict::Refused),
        Err(e) => return Err(format!("rer raises where rez reads: {e}")),
        Ok(got) => got,
    };
    if got.len() != rez_packages.len() {
        return Err(format!("rer reads {got:?}, rez {rez_packages:?}"));
    }
    let mut verdict = Verdict::Identical;
    for (p, rez) in got.iter().zip(rez_packages) {
        for (field, value) in [
            ("name", Value::String(p.name.to_string())),
            ("version", Value::String(p.version.to_string())),
            ("requires", requests(&p.requires)),
            (
                "variants",
                p.variants.iter().map(|v| requests(v)).collect::<Value>(),
            ),
        ] {
            match rez_field(rez, field) {
                Ok(want) if (field == "name" || field == "version") && *want == value => {}
                Ok(want) if list(want) == value => {}
                want => return Err(format!("{field}: rer reads {value}, rez {want:?}")),
            }
        }
        for (field, value) in [
            ("build_requires", &p.build_requires),
            ("private_build_requires", &p.private_build_requires),
        ] {
            match (value, rez_field(rez, field)) {
                (Ok(value), Ok(want)) if list(want) == requests(value) => {}
                (Ok(value), want) => {
                    return Err(format!("{field}: rer reads {value:?}, rez {want:?}"));
                }
                (Err(_), Ok(want)) if !want.is_null() => verdict = Verdict::BuildRefused,
                (Err(_), _) => {}
            }
        }
        let timestamp = rez_field(rez, "timestamp");
        // rer saturates an integer beyond i64 (documented: a solve only
        // compares it with a time and with 0).
        let rez_int = match timestamp {
            Ok(Value::Bool(b)) => Some(i64::from(*b)),
            Ok(Value::Number(n)) if n.is_i64() => n.as_i64(),
            Ok(Value::Number(n)) if n.is_u64() || n.as_f64().is_some_and(|f| f > 0.0) => {
                Some(i64::MAX)
            }
            Ok(Value::Number(n)) if n.as_f64().is_some_and(|f| f < 0.0) => Some(i64::MIN),
            _ => None,
        };
        let rez_reads = matches!(timestamp, Ok(v) if !v.is_null());
        if p.timestamp.is_some() && p.timestamp != rez_int || p.timestamp.is_none() && rez_reads {
            return Err(format!(
                "timestamp: rer reads {:?}, rez {timestamp:?}",
                p.timestamp
            ));
        }
    }
    Ok(verdict)
}

/// rer's reading of every package of `family`, in version order.
fn read(
    provider: &FsProvider,
    family: &str,
) -> Result<Vec<std::sync::Arc<rer_repo::Package>>, ProviderError> {
    let Some(family) = provider.family(family)? else {
        return Ok(Vec::new());
    };
    let mut packages = Vec::new();
    for i in 0..family.versions().len() {
        packages.push(std::sync::Arc::clone(family.package(i)?));
    }
    packages.sort_by_key(|p| p.version.to_string());
    Ok(packages)
}

#[test]
fn rer_reads_what_rez_reads_or_refuses() {
    let recording = recording();
    assert_eq!(recording.rez, "3.4.0");
    let dir = tempfile::tempdir().unwrap();
    for case in &recording.cases {
        let path = dir.path().join(&case.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &case.text).unwrap();
    }
    let provider = FsProvider::new([dir.path().to_path_buf()]).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for case in &recording.cases {
        match compare(&provider, case) {
            Ok(verdict) => *counts.entry(format!("{verdict:?}")).or_default() += 1,
            Err(e) => {
                *counts.entry("Wrong".to_string()).or_default() += 1;
                wrong.push(format!("{}: {:?}\n    {e}", case.name, case.text));
            }
        }
    }
    eprintln!("{} cases: {counts:?}", recording.cases.len());
    assert!(recording.cases.len() > 1000);
    assert!(
        wrong.is_empty(),
        "{} cases where rer's reading is not rez's:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The recording is still rez's answer: with `RER_REZ_PYTHON` naming a
/// Python with rez 3.4.0, the script is run again into a temporary file,
/// which must equal the recording. Without one this prints `SKIPPED` and
/// passes, unless `RER_REQUIRE_REZ` is set.
#[test]
fn recording_is_rez_answer() {
    let Some(python) = std::env::var_os("RER_REZ_PYTHON").filter(|v| !v.is_empty()) else {
        assert!(
            std::env::var_os("RER_REQUIRE_REZ").is_none_or(|v| v.is_empty()),
            "RER_REQUIRE_REZ is set but RER_REZ_PYTHON is not"
        );
        eprintln!("SKIPPED the static-read recording against rez: RER_REZ_PYTHON is not set");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rez.json");
    let status = std::process::Command::new(python)
        .arg(data().join("generate.py"))
        .arg("--out")
        .arg(&out)
        .env("REZ_DISABLE_HOME_CONFIG", "1")
        .status()
        .unwrap();
    assert!(status.success());
    let live: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let recorded: Value = serde_json::from_str(
        &std::fs::read_to_string(data().join("rez_static_read.json")).unwrap(),
    )
    .unwrap();
    assert!(live == recorded, "rez's answer is no longer the recording");
}
