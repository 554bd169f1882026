//! Entries a reader may not read inside a family directory (a version
//! directory, a definition file, a symlink's target, the family directory
//! itself, a hidden directory), checked against what rez 3.4.0 did with the
//! same trees as root and as the unprivileged user `nobody`
//! (`tests/data/hostile/record_rez_permissions.py` records
//! `rez_permissions.json`).
//!
//! Root reads everything, so the `nobody` half runs this test binary again
//! in a child process with uid and gid 65534: the child reads each tree and
//! prints what it read; the parent compares. Where the child cannot be
//! started with that uid (the tests do not run as root), the `nobody` half
//! of every case is skipped and the count printed as `SKIPPED`.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Case {
    files: BTreeMap<String, String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
    #[serde(default)]
    modes: BTreeMap<String, u32>,
}

#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
struct Package {
    version: String,
    requires: Vec<String>,
}

type Outcome = common::RezOutcome<Package>;

#[derive(Deserialize)]
struct Recorded {
    case: Case,
    root: Outcome,
    nobody: Outcome,
}

const NOBODY: u32 = 65534;
/// Set in the child: the directory holding one tree per case.
const CHILD_VAR: &str = "RER_PERMISSIONS_CHILD";

fn recordings() -> BTreeMap<String, Recorded> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/rez_permissions.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn build(root: &Path, case: &Case) {
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (rel, text) in &case.files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    for (rel, target) in &case.links {
        let target = match target.strip_prefix('@') {
            Some(inside) => root.join(inside),
            None => PathBuf::from(target),
        };
        std::os::unix::fs::symlink(target, root.join(rel)).unwrap();
    }
    for (rel, mode) in &case.modes {
        std::fs::set_permissions(root.join(rel), std::fs::Permissions::from_mode(*mode)).unwrap();
    }
}

/// What rer reads of family `fam` under `root`: every version's requires,
/// or the first error (as rez's `iter_packages` stops at it).
fn read(root: &Path) -> Result<Vec<Package>, String> {
    let provider = FsProvider::new([root]).map_err(|e| e.to_string())?;
    let Some(family) = provider.family("fam").map_err(|e| e.to_string())? else {
        return Ok(Vec::new());
    };
    let mut packages = Vec::new();
    for (i, version) in family.versions().iter().enumerate() {
        let package = family.package(i).map_err(|e| e.to_string())?;
        packages.push(Package {
            version: version.to_string(),
            requires: package.requires.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(packages)
}

fn same(rez: &Outcome, rer: &Result<Vec<Package>, String>) -> bool {
    match (rez, rer) {
        (Outcome::Packages { packages }, Ok(read)) => packages == read,
        (Outcome::Error { .. }, Err(_)) => true,
        _ => false,
    }
}

/// Runs this test again as `nobody` over the trees in `dir`; `None` when
/// the child cannot take that uid.
fn read_as_nobody(dir: &Path) -> Option<BTreeMap<String, Result<Vec<Package>, String>>> {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "entries_nobody_may_not_read_are_what_rez_makes_of_them",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, dir)
        .uid(NOBODY)
        .gid(NOBODY)
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The harness prints the test's name on the same line.
    let line = stdout
        .lines()
        .find_map(|l| l.find("RESULT ").map(|at| &l[at + "RESULT ".len()..]));
    match line {
        Some(json) => Some(serde_json::from_str(json).unwrap()),
        None => panic!(
            "the child read nothing: {}\n{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

#[test]
fn entries_nobody_may_not_read_are_what_rez_makes_of_them() {
    let recorded = recordings();
    if let Some(dir) = std::env::var_os(CHILD_VAR) {
        let dir = PathBuf::from(dir);
        let read: BTreeMap<String, Result<Vec<Package>, String>> = recorded
            .keys()
            .map(|name| (name.clone(), read(&dir.join(name))))
            .collect();
        println!("RESULT {}", serde_json::to_string(&read).unwrap());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for (name, case) in &recorded {
        let root = dir.path().join(name);
        std::fs::create_dir(&root).unwrap();
        build(&root, &case.case);
    }
    let mut failures = Vec::new();
    for (name, case) in &recorded {
        let rer = read(&dir.path().join(name));
        if !same(&case.root, &rer) {
            failures.push(format!("{name} as root: rer {rer:?}, rez {:?}", case.root));
        }
    }
    match read_as_nobody(dir.path()) {
        Some(as_nobody) => {
            for (name, case) in &recorded {
                let rer = &as_nobody[name];
                if !same(&case.nobody, rer) {
                    failures.push(format!(
                        "{name} as nobody: rer {rer:?}, rez {:?}",
                        case.nobody
                    ));
                }
            }
            eprintln!("{} cases compared as root and as nobody", recorded.len());
        }
        None => eprintln!(
            "SKIPPED the nobody half of {} cases: this test cannot start a process as uid {NOBODY} \
             (it must run as root)",
            recorded.len()
        ),
    }
    // Let the temporary directory be removed.
    for (name, case) in &recorded {
        for rel in case.case.modes.keys() {
            let _ = std::fs::set_permissions(
                dir.path().join(name).join(rel),
                std::fs::Permissions::from_mode(0o755),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
