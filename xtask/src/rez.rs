//! Getting rez's benchmark, and rez's own answers, onto any machine.
//!
//! On a clone with `../shared/rez-benchmark` beside it there is nothing to
//! do. Elsewhere `fetch-data` makes a Python venv in `.rer-data/venv`,
//! installs rez 3.4.0 from PyPI into it, and assembles
//! `.rer-data/rez-benchmark/`: the repository and requests from the wheel's
//! `rez/data/benchmarking/`, `packages.json` written by rez reading that
//! repository, and `resolves.json` from the recording kept in
//! `xtask/data/` (made by `record-rez`, which runs rez's solver on every
//! request: minutes of work, so it is recorded once, not run each time).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rer_tests::benchmark;

/// The rez release whose answers rer must match.
pub const REZ_VERSION: &str = "3.4.0";

/// The recording of rez's answers that the project keeps.
fn recording() -> PathBuf {
    benchmark::workspace_root().join("xtask/data/rez-3.4.0-resolves.json")
}

fn script() -> PathBuf {
    benchmark::workspace_root().join("xtask/scripts/rez_benchmark.py")
}

fn venv() -> PathBuf {
    benchmark::workspace_root().join(".rer-data/venv")
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed: {status}"))
    }
}

/// The venv's Python, with rez installed (making both on first use).
pub fn rez_python() -> Result<PathBuf, String> {
    let python = venv().join("bin/python");
    let has_rez = python.exists()
        && Command::new(&python)
            .args([
                "-c",
                &format!("import rez, sys; sys.exit(rez.__version__ != '{REZ_VERSION}')"),
            ])
            .status()
            .is_ok_and(|s| s.success());
    if !has_rez {
        eprintln!("installing rez {REZ_VERSION} into {}", venv().display());
        run(Command::new("python3").arg("-m").arg("venv").arg(venv()))?;
        run(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            &format!("rez=={REZ_VERSION}"),
        ]))?;
    }
    Ok(python)
}

/// The directory holding the installed rez's `data/benchmarking/`.
fn wheel_benchmark(python: &Path) -> Result<PathBuf, String> {
    let output = Command::new(python)
        .args(["-c", "import os, rez; print(os.path.join(os.path.dirname(rez.__file__), 'data', 'benchmarking'))"])
        .output()
        .map_err(|e| format!("cannot ask rez where its data is: {e}"))?;
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if dir.join("packages.tar.gz").is_file() {
        Ok(dir)
    } else {
        Err(format!("rez's benchmark data is not in {}", dir.display()))
    }
}

/// Makes sure a benchmark directory exists (see the module docs) and
/// returns it.
pub fn fetch_data() -> Result<PathBuf, String> {
    if let Some(dir) = benchmark::locate() {
        return Ok(dir);
    }
    let python = rez_python()?;
    let source = wheel_benchmark(&python)?;
    let dest = benchmark::fetched_dir();
    fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    for file in ["packages.tar.gz", "requests.json"] {
        fs::copy(source.join(file), dest.join(file)).map_err(|e| format!("copying {file}: {e}"))?;
    }
    fs::copy(recording(), dest.join("resolves.json"))
        .map_err(|e| format!("{}: {e}", recording().display()))?;
    let packages_dir =
        benchmark::unpack_once(&dest.join("packages.tar.gz")).map_err(|e| e.to_string())?;
    run(Command::new(&python)
        .arg(script())
        .arg("packages")
        .arg(&packages_dir)
        .arg(dest.join("packages.json")))?;
    benchmark::locate().ok_or_else(|| format!("{} is still incomplete", dest.display()))
}

/// Runs rez on every benchmark request and records its answers.
pub fn record() -> Result<(), String> {
    let python = rez_python()?;
    let dir = benchmark::locate().map_or_else(|| wheel_benchmark(&python), Ok)?;
    let packages_dir =
        benchmark::unpack_once(&dir.join("packages.tar.gz")).map_err(|e| e.to_string())?;
    run(Command::new(&python)
        .arg(script())
        .arg("resolves")
        .arg(&packages_dir)
        .arg(dir.join("requests.json"))
        .arg(recording()))?;
    println!(
        "recorded rez {REZ_VERSION}'s answers in {}",
        recording().display()
    );
    Ok(())
}
