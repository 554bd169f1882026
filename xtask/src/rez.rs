//! Running rez 3.4.0 itself, to record its answers on rez's benchmark.
//!
//! The benchmark (repository and requests, from rez's
//! `src/rez/data/benchmarking/`) is kept in `tests/data/rez-benchmark/`, and
//! so are rez's answers: `record-rez` re-records them with rez's own solver
//! and package reader (minutes of work, so it is done once, not on each
//! run). rez runs in the Python named by `RER_REZ_PYTHON`, else in a venv it
//! makes in `.rer-data/venv` with rez 3.4.0 from PyPI.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use rer_tests::benchmark;

/// The rez release whose answers rer must match.
pub const REZ_VERSION: &str = "3.4.0";

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

/// Whether `python` imports rez at [`REZ_VERSION`].
pub fn has_rez(python: &Path) -> bool {
    Command::new(python)
        .args([
            "-c",
            &format!("import rez, sys; sys.exit(rez.__version__ != '{REZ_VERSION}')"),
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A Python with rez installed: `RER_REZ_PYTHON`, else the project's venv
/// (made, with rez from PyPI, on first use).
pub fn rez_python() -> Result<PathBuf, String> {
    if let Some(python) = std::env::var_os("RER_REZ_PYTHON") {
        let python = PathBuf::from(python);
        return if has_rez(&python) {
            Ok(python)
        } else {
            Err(format!(
                "RER_REZ_PYTHON={} does not import rez {REZ_VERSION}",
                python.display()
            ))
        };
    }
    let python = venv().join("bin/python");
    if !has_rez(&python) {
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

/// Runs rez on every benchmark request and reading every package, and
/// records both in `tests/data/rez-benchmark/`.
pub fn record() -> Result<(), String> {
    let python = rez_python()?;
    let unpacked = benchmark::unpack_once().map_err(|e| e.to_string())?;
    let resolves = benchmark::resolves_json();
    run(Command::new(&python)
        .arg(script())
        .arg("resolves")
        .arg(&unpacked.packages_dir)
        .arg(benchmark::requests_json())
        .arg(&resolves))?;
    println!(
        "recorded rez {REZ_VERSION}'s answers in {}",
        resolves.display()
    );

    let scratch = benchmark::cache_root().join("recorded-packages.json");
    run(Command::new(&python)
        .arg(script())
        .arg("packages")
        .arg(&unpacked.packages_dir)
        .arg(&scratch))?;
    let json = fs::read(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let out = benchmark::data_dir().join("packages.json.gz");
    let file = fs::File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    gz.write_all(&json)
        .and_then(|()| gz.finish().map(drop))
        .map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "recorded rez {REZ_VERSION}'s reading of every package in {}",
        out.display()
    );
    Ok(())
}
