//! What the filesystem provider meets that rez answers by chance (two
//! version directories rez takes for one version, `1.0` and `1-0`; rez
//! 3.4.0 says nothing of them and uses either) is printed on stderr, once
//! per process and sorted by family, after the answer, whether the files
//! were read directly (`--no-index`), through a cold index or answered by
//! a warm one; stdout, and so `--json`, is unchanged.

use std::fs;
use std::path::Path;
use std::time::Duration;

use tempfile::TempDir;

mod common;

use common::{batch, json_of, run, solve};

/// `foo` and `zoo` each with two directories of one version, `bar`
/// without; old enough for the index to record them.
fn repo() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (family, versions) in [("foo", ["1.0", "1-0"]), ("zoo", ["2.0", "2-0"])] {
        for version in versions {
            let full = dir.path().join("repo").join(family).join(version);
            fs::create_dir_all(&full).expect("mkdir");
            fs::write(full.join("package.py"), format!("name = '{family}'\n")).expect("write");
        }
    }
    let bar = dir.path().join("repo/bar/1");
    fs::create_dir_all(&bar).expect("mkdir");
    fs::write(bar.join("package.py"), "name = 'bar'\n").expect("write");
    // The index does not record what changed within its 2 s margin of
    // doubt; wait it out so that the second indexed run is a warm one.
    std::thread::sleep(Duration::from_millis(2_500));
    dir
}

/// The warning lines of `stderr`.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("rer: warning:"))
        .collect()
}

/// Whether the index in `dir` holds a record of `family`.
fn recorded(dir: &Path, family: &str) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        (name.starts_with(&format!("{family}.")) && name.ends_with(".rec"))
            || recorded(&e.path(), family)
    })
}

/// The three ways of reading: directly, a cold index, the same index warm.
fn modes(index: &Path) -> [(&'static str, Vec<String>); 3] {
    let index = index.display().to_string();
    [
        ("--no-index", vec!["--no-index".to_string()]),
        ("cold", vec!["--index-dir".to_string(), index.clone()]),
        ("warm", vec!["--index-dir".to_string(), index]),
    ]
}

#[test]
fn solve_prints_each_warning_once_on_stderr_with_or_without_the_index() {
    let dir = repo();
    let (repo, index) = (dir.path().join("repo"), dir.path().join("index"));
    let root = repo.canonicalize().expect("root");
    let mut seen: Vec<Vec<String>> = Vec::new();
    for json in [false, true] {
        for (mode, flags) in modes(&index) {
            if mode == "cold" {
                let _ = fs::remove_dir_all(&index);
            }
            let mut cmd = solve("--repo", &repo);
            cmd.args(&flags).args(["zoo", "foo"]);
            if json {
                cmd.arg("--json");
            }
            let out = run(&mut cmd);
            assert_eq!(out.code, 0, "{mode}: {}", out.stderr);
            let found = warnings(&out.stderr);
            assert_eq!(found.len(), 2, "{mode}: {}", out.stderr);
            // foo's before zoo's, whatever the request's order; rer uses the
            // first by name (`-` sorts before `.`).
            for (line, family, used, other) in [
                (found[0], "foo", "1-0", "1.0"),
                (found[1], "zoo", "2-0", "2.0"),
            ] {
                let (used, other) = (root.join(family).join(used), root.join(family).join(other));
                let wanted = format!(
                    "rer: warning: family {family}: {} and {} are the same version to rez",
                    used.display(),
                    other.display()
                );
                assert!(
                    line.starts_with(&wanted),
                    "{mode}: {wanted:?} is not {line}"
                );
                assert!(
                    line.ends_with(&format!("rer uses {}", used.display())),
                    "{mode}: {line}"
                );
            }
            // Printed after the answer.
            let last = out.stderr.lines().last().unwrap_or_default();
            assert_eq!(last, found[1], "{mode}: {}", out.stderr);
            assert!(!out.stdout.contains("warning"), "{mode}: {}", out.stdout);
            if json {
                assert_eq!(json_of(&out)["status"], "solved", "{mode}");
            } else {
                assert!(out.stdout.contains("foo-1-0"), "{mode}: {}", out.stdout);
            }
            if mode == "cold" {
                assert!(recorded(&index, "foo"), "{mode}: foo's listing recorded");
            }
            seen.push(found.iter().map(|l| l.to_string()).collect());
        }
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:#?}");
    // A family without equal directories warns of nothing.
    let out = run(solve("--repo", &repo)
        .args(["--index-dir"])
        .arg(&index)
        .arg("bar"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(warnings(&out.stderr).is_empty(), "{}", out.stderr);
}

#[test]
fn batch_prints_each_warning_once_for_all_its_requests() {
    let dir = repo();
    let (repo, index) = (dir.path().join("repo"), dir.path().join("index"));
    let requests = dir.path().join("requests.json");
    fs::write(
        &requests,
        r#"[["zoo"], ["foo", "bar"], ["bar"], ["foo", "zoo"]]"#,
    )
    .expect("write");
    let mut seen: Vec<Vec<String>> = Vec::new();
    for jobs in ["1", "2"] {
        for (mode, flags) in modes(&index) {
            if mode == "cold" {
                let _ = fs::remove_dir_all(&index);
            }
            let out = run(batch("--repo", &repo, &requests)
                .args(&flags)
                .args(["--json", "--jobs", jobs]));
            assert_eq!(out.code, 0, "{mode}: {}", out.stderr);
            let found = warnings(&out.stderr);
            assert_eq!(found.len(), 2, "{mode} --jobs {jobs}: {}", out.stderr);
            assert!(found[0].contains("family foo:"), "{}", found[0]);
            assert!(found[1].contains("family zoo:"), "{}", found[1]);
            assert!(!out.stdout.contains("warning"), "{mode}: {}", out.stdout);
            let answers = json_of(&out);
            assert_eq!(answers.as_array().map(Vec::len), Some(4), "{answers}");
            seen.push(found.iter().map(|l| l.to_string()).collect());
        }
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:#?}");
}
