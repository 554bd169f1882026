//! A damaged index is rebuilt, never trusted; many processes writing one
//! index at once leave it whole.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{indexed, next_tick, plain, requiring, run_workers, worker_paths, write_package};

const NAMES: &[&str] = &["foo", "bar", "baz"];

fn repo(root: &Path) {
    write_package(root, "foo", "1.0", &requiring(&["bar-1"]));
    write_package(root, "foo", "2.0", &requiring(&["bar-1", "baz"]));
    write_package(root, "bar", "1.0", &requiring(&[]));
    write_package(
        root,
        "baz",
        "1",
        "requires = ['~foo-2+']\nvariants = [['bar']]\n",
    );
}

fn record_files(cache: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![cache.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rec") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn damaged_records_are_refused_and_rewritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    repo(&root);
    let roots = [root.as_path()];
    next_tick();
    let expected = plain(&roots, NAMES);
    let (text, stats) = indexed(&roots, NAMES, &cache, Duration::ZERO);
    assert_eq!(text, expected);
    assert_eq!(stats.records_written, 3, "{stats:?}");
    let files = record_files(&cache);
    assert_eq!(files.len(), 3, "{files:?}");
    let good: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).expect("read")).collect();

    type Damage = fn(&[u8], &[u8]) -> Vec<u8>;
    let damages: [(&str, Damage); 6] = [
        ("truncated to half", |b, _| b[..b.len() / 2].to_vec()),
        ("truncated by one byte", |b, _| b[..b.len() - 1].to_vec()),
        ("empty", |_, _| Vec::new()),
        ("one byte flipped in the payload", |b, _| {
            let mut b = b.to_vec();
            let at = b.len() - 3;
            b[at] ^= 0x01;
            b
        }),
        ("garbage", |b, _| vec![0xA5; b.len()]),
        ("another family's valid record", |_, other| other.to_vec()),
    ];
    for (what, damage) in damages {
        for (i, file) in files.iter().enumerate() {
            let other = &good[(i + 1) % good.len()];
            fs::write(file, damage(&good[i], other)).expect("damage");
        }
        let (text, stats) = indexed(&roots, NAMES, &cache, Duration::ZERO);
        assert_eq!(text, expected, "{what}");
        assert_eq!(stats.records_refused, 3, "{what}: {stats:?}");
        assert_eq!(stats.packages_reused, 0, "{what}: {stats:?}");
        assert_eq!(stats.records_written, 3, "{what}: rebuilt {stats:?}");
        let (text, stats) = indexed(&roots, NAMES, &cache, Duration::ZERO);
        assert_eq!(text, expected, "{what}, rebuilt");
        assert_eq!(stats.records_refused, 0, "{what}, rebuilt: {stats:?}");
        assert_eq!(stats.packages_read, 0, "{what}, rebuilt: {stats:?}");
    }
}

#[test]
fn an_unwritable_index_leaves_answers_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    repo(&root);
    // The index directory is a file: nothing can be written under it.
    let cache = tmp.path().join("cache");
    fs::write(&cache, "a file").expect("write");
    let roots = [root.as_path()];
    let fs_provider = std::sync::Arc::new(rer_provider_fs::FsProvider::new([&root]).expect("fs"));
    let options = rer_index::IndexOptions::new(&cache).racy_margin(Duration::ZERO);
    let index = rer_index::Indexed::new(fs_provider, &options).expect("index");
    assert_eq!(support::render(&index, NAMES), plain(&roots, NAMES));
    assert!(index.persist().is_err());
}

const WORKER_VAR: &str = "RER_INDEX_TEST_WORKER";

/// Run as a child process by the test below: solves through the index in a
/// loop and fails if an answer differs from the files'.
#[test]
fn worker_process() {
    let Some((root, cache)) = worker_paths(WORKER_VAR) else {
        return;
    };
    let roots = [root.as_path()];
    let expected = plain(&roots, NAMES);
    for _ in 0..8 {
        let (text, _) = indexed(&roots, NAMES, &cache, Duration::ZERO);
        assert_eq!(text, expected);
    }
}

#[test]
fn many_processes_writing_at_once_leave_a_whole_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    repo(&root);
    let roots = [root.as_path()];
    for round in 0..4 {
        next_tick();
        run_workers(WORKER_VAR, &root, &cache, 6, round);
        let (text, stats) = indexed(&roots, NAMES, &cache, Duration::ZERO);
        assert_eq!(text, plain(&roots, NAMES), "round {round}");
        assert_eq!(stats.records_refused, 0, "round {round}: {stats:?}");
        assert_eq!(stats.packages_read, 0, "round {round}: {stats:?}");
        let leftovers: Vec<_> = fs::read_dir(record_files(&cache)[0].parent().expect("dir"))
            .expect("read_dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        // Change every package, so that the next round's processes all
        // write again.
        for (family, version) in [("foo", "1.0"), ("foo", "2.0"), ("bar", "1.0"), ("baz", "1")] {
            let file = root.join(family).join(version).join("package.py");
            let text = fs::read_to_string(&file).expect("read");
            fs::write(&file, format!("{text}# round {round}\n")).expect("write");
        }
        fs::create_dir_all(root.join("foo").join(format!("9.{round}"))).expect("mkdir");
        fs::write(
            root.join("foo")
                .join(format!("9.{round}"))
                .join("package.py"),
            requiring(&["bar"]),
        )
        .expect("write");
    }
}
