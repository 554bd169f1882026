//! The recording of rez's outcomes on the hostile cases
//! (`tests/data/hostile/rez_hostile.json`) against rez itself: every case
//! rer does not read is run again through rez's own loader, by the
//! recording script (`record_rez_hostile.py --one CASE`), and rez's outcome
//! must still be one recorded, so the recording cannot drift from rez.
//!
//! This needs a Python with rez 3.4.0, named by `RER_REZ_PYTHON`. Without
//! one it prints `SKIPPED` and passes, unless `RER_REQUIRE_REZ` is set to a
//! non-empty value.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod hostile_cases;

fn rez_python() -> Option<PathBuf> {
    match std::env::var_os("RER_REZ_PYTHON").filter(|v| !v.is_empty()) {
        Some(python) => Some(PathBuf::from(python)),
        None => {
            assert!(
                std::env::var_os("RER_REQUIRE_REZ").is_none_or(|v| v.is_empty()),
                "RER_REQUIRE_REZ is set but RER_REZ_PYTHON is not"
            );
            eprintln!("SKIPPED rez's outcomes on the hostile cases: RER_REZ_PYTHON is not set");
            None
        }
    }
}

/// rez's outcome of case `name`, from a fresh process, as the recording
/// script prints it; an error message if it did not give one within 300 s.
fn rez_outcome(python: &PathBuf, name: &str) -> Result<serde_json::Value, String> {
    let mut child = Command::new(python)
        .arg(hostile_cases::data().join("record_rez_hostile.py"))
        .args(["--one", name])
        .env("REZ_DISABLE_HOME_CONFIG", "1")
        .env("PYTHONHASHSEED", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{name}: cannot run {}: {e}", python.display()))?;
    let start = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{name}: rez did not finish in 300 s"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).map_err(|e| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        format!("{name}: no outcome from rez ({e}): {stdout}{stderr}")
    })
}

#[test]
fn rez_still_gives_the_recorded_outcome_where_rer_does_not_read() {
    let Some(python) = rez_python() else {
        return;
    };
    let cases = hostile_cases::cases();
    let recording = hostile_cases::recorded_json();
    let refused: Vec<&String> = cases
        .iter()
        .filter(|(_, case)| {
            let dir = tempfile::tempdir().unwrap();
            hostile_cases::build(dir.path(), case);
            !matches!(hostile_cases::read_bounded(dir.path(), case), Some(Ok(_)))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(refused.len() > 30, "only {} cases refused", refused.len());
    let next = Mutex::new(refused.iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(name) = {
                    let mut next = next.lock().unwrap();
                    next.next()
                } {
                    let verdict = rez_outcome(&python, name).and_then(|live| {
                        if recording[*name].contains(&live) {
                            Ok(())
                        } else {
                            Err(format!(
                                "{name}: rez now gives {live}, recorded {}",
                                serde_json::Value::from(recording[*name].clone())
                            ))
                        }
                    });
                    if let Err(failure) = verdict {
                        failures.lock().unwrap().push(failure);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{} cases rer does not read: rez gives the recorded outcome",
        refused.len()
    );
}
