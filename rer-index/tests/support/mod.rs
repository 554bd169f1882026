//! Shared by the index's tests: repositories on disk, and everything a
//! provider answers about them rendered as text, read plainly or through
//! the index.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rer_index::{IndexOptions, IndexStats, Indexed};
use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;

/// Writes `<root>/<family>/<version>/package.py` with `body`.
pub fn write_package(root: &Path, family: &str, version: &str, body: &str) -> PathBuf {
    let dir = root.join(family).join(version);
    fs::create_dir_all(&dir).expect("create version dir");
    let file = dir.join("package.py");
    fs::write(&file, body).expect("write package.py");
    file
}

/// Sets the permission bits of `path`.
#[cfg(unix)]
pub fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A `package.py` requiring `requires`.
pub fn requiring(requires: &[&str]) -> String {
    let quoted: Vec<String> = requires.iter().map(|r| format!("'{r}'")).collect();
    format!("name = 'x'\nrequires = [{}]\n", quoted.join(", "))
}

/// Everything `provider` answers about `names`: each family's versions, the
/// order rez iterates them in, and every package (or error), as text.
pub fn render(provider: &dyn FamilyProvider, names: &[&str]) -> String {
    let mut out = String::new();
    for name in names {
        match provider.family(name) {
            Err(e) => writeln!(out, "{name}: error {e:?}").ok(),
            Ok(None) => writeln!(out, "{name}: none").ok(),
            Ok(Some(family)) => {
                let versions: Vec<&str> = family.versions().iter().map(|v| v.as_str()).collect();
                writeln!(out, "{name}: {versions:?}").ok();
                writeln!(out, "  order {:?}", family.listing_order()).ok();
                for i in 0..family.len() {
                    match family.package(i) {
                        Ok(p) => writeln!(out, "  {p:?}").ok(),
                        Err(e) => writeln!(out, "  error {e:?}").ok(),
                    };
                }
                Some(())
            }
        };
    }
    out
}

/// What reading the files gives.
pub fn plain(roots: &[&Path], names: &[&str]) -> String {
    let fs = FsProvider::new(roots.to_vec()).expect("provider");
    render(&fs, names)
}

/// What a fresh process with the index in `cache` gives (with `margin`),
/// after which it persists; and its counters.
pub fn indexed(
    roots: &[&Path],
    names: &[&str],
    cache: &Path,
    margin: Duration,
) -> (String, IndexStats) {
    let fs = Arc::new(FsProvider::new(roots.to_vec()).expect("provider"));
    let options = IndexOptions::new(cache).racy_margin(margin);
    let index = Indexed::new(fs, &options).expect("index");
    let text = render(&index, names);
    index.persist().expect("persist");
    (text, index.stats())
}

/// Waits out the file system's timestamp granularity, so that a change
/// made next has other stamps than those recorded before.
pub fn next_tick() {
    std::thread::sleep(Duration::from_millis(25));
}

/// In a worker process started by [`run_workers`]: the repository root
/// and index directory it was given in `var`; `None` in any other run of
/// the test binary.
pub fn worker_paths(var: &str) -> Option<(PathBuf, PathBuf)> {
    let spec = std::env::var_os(var)?;
    let spec = spec.to_string_lossy().into_owned();
    let (root, cache) = spec.split_once('\n').expect("root and cache");
    Some((PathBuf::from(root), PathBuf::from(cache)))
}

/// Runs `count` copies of this test binary at once (all started before
/// any is waited for), each running only its test `worker_process` with
/// `root` and `cache` in `var` ([`worker_paths`]), and fails naming
/// `round` if any of them failed.
pub fn run_workers(var: &str, root: &Path, cache: &Path, count: usize, round: usize) {
    let exe = std::env::current_exe().expect("test binary");
    let spec = format!("{}\n{}", root.display(), cache.display());
    let children: Vec<_> = (0..count)
        .map(|_| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "worker_process",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(var, &spec)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "round {round}: a worker failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
