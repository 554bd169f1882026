//! A kept resolve's reads checked on several threads answer exactly what
//! the same check on one thread answers: every state holding before a
//! change, and a change anywhere in what the solve was given (the first
//! family checked, one in the middle, the last) seen at every thread
//! count, so stopping early on one thread never lets another's failure go
//! unseen.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rer_index::{IndexOptions, Indexed, PARALLEL_CHECK_MIN_STATS, Reads};
use rer_provider_fs::FsProvider;
use rer_repo::Cached;
use rer_solver::{Resolve, Solver};
#[cfg(unix)]
use support::chmod;
use support::{next_tick, requiring, write_package};

const FAMILIES: usize = 60;
const VERSIONS: usize = 20;
const THREAD_COUNTS: [usize; 4] = [0, 1, 2, 8];

fn family(i: usize) -> String {
    format!("f{i:02}")
}

/// A root of `FAMILIES` families of `VERSIONS` versions each, the latest
/// of each requiring nothing.
fn repository(tmp: &Path) -> PathBuf {
    let root = tmp.join("repo");
    for f in 0..FAMILIES {
        for v in 1..=VERSIONS {
            write_package(&root, &family(f), &v.to_string(), &requiring(&[]));
        }
    }
    next_tick();
    root
}

fn options(tmp: &Path, threads: usize) -> IndexOptions {
    IndexOptions::new(tmp.join("cache"))
        .racy_margin(Duration::ZERO)
        .check_threads(threads)
}

/// The reads of a solve of every family, after checking that it solved
/// and that checking them is large enough to be spread over threads.
fn solve_every_family(tmp: &Path, root: &Path) -> Reads {
    let fs = Arc::new(FsProvider::new([root]).expect("provider"));
    let index = Arc::new(Indexed::new(fs, &options(tmp, 1)).expect("index"));
    index.keep_reads();
    let request: Vec<String> = (0..FAMILIES).map(family).collect();
    let refs: Vec<&str> = request.iter().map(String::as_str).collect();
    match Solver::new(Cached::new(Arc::clone(&index))).solve_strs(&refs) {
        Ok(Resolve::Solved(s)) => assert_eq!(s.variants.len(), FAMILIES),
        other => panic!("every family solves: {other:?}"),
    }
    let reads = index.reads().expect("every read is vouched for");
    assert!(
        reads.stat_count() >= PARALLEL_CHECK_MIN_STATS,
        "the check is large enough to be spread over threads: {} stats",
        reads.stat_count()
    );
    reads
}

/// Whether `reads` holds, checked by a new index on `threads` threads.
fn holds(tmp: &Path, root: &Path, reads: &Reads, threads: usize) -> bool {
    let fs = Arc::new(FsProvider::new([root]).expect("provider"));
    let index = Indexed::new(fs, &options(tmp, threads)).expect("index");
    index.reads_hold(reads)
}

/// Every thread count's answer for `reads`.
fn answers(tmp: &Path, root: &Path, reads: &Reads) -> Vec<bool> {
    THREAD_COUNTS
        .iter()
        .map(|&threads| holds(tmp, root, reads, threads))
        .collect()
}

fn package_py(root: &Path, f: usize, v: usize) -> PathBuf {
    root.join(family(f)).join(v.to_string()).join("package.py")
}

#[test]
fn unchanged_files_hold_at_every_thread_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = repository(tmp.path());
    let reads = solve_every_family(tmp.path(), &root);
    assert_eq!(answers(tmp.path(), &root, &reads), vec![true; 4]);
}

#[test]
fn a_change_anywhere_fails_the_check_at_every_thread_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = repository(tmp.path());
    type Change = Box<dyn Fn(&Path, usize)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "the loaded package edited",
            Box::new(|root, f| {
                fs::write(
                    package_py(root, f, VERSIONS),
                    "name = 'x'\nrequires = ['y']\n",
                )
                .expect("edit")
            }),
        ),
        (
            "a version released",
            Box::new(|root, f| {
                write_package(root, &family(f), &(VERSIONS + 1).to_string(), "");
            }),
        ),
        (
            "an older version removed",
            Box::new(|root, f| fs::remove_dir_all(root.join(family(f)).join("3")).expect("remove")),
        ),
        (
            "the loaded package touched",
            Box::new(|root, f| {
                let file = fs::File::options()
                    .write(true)
                    .open(package_py(root, f, VERSIONS))
                    .expect("open");
                file.set_modified(std::time::SystemTime::now() + Duration::from_secs(60))
                    .expect("touch");
            }),
        ),
        #[cfg(unix)]
        (
            "the loaded package made unreadable",
            Box::new(|root, f| chmod(&package_py(root, f, VERSIONS), 0o000)),
        ),
    ];
    for (what, change) in &changes {
        for f in [0, FAMILIES / 2, FAMILIES - 1] {
            let reads = solve_every_family(tmp.path(), &root);
            assert_eq!(
                answers(tmp.path(), &root, &reads),
                vec![true; 4],
                "before: {what} in {}",
                family(f)
            );
            change(&root, f);
            assert_eq!(
                answers(tmp.path(), &root, &reads),
                vec![false; 4],
                "after: {what} in {}",
                family(f)
            );
            undo(&root, f);
            next_tick();
        }
    }
}

/// Puts family `f` back as [`repository`] wrote it.
fn undo(root: &Path, f: usize) {
    let dir = root.join(family(f));
    #[cfg(unix)]
    chmod(&package_py(root, f, VERSIONS), 0o644);
    fs::remove_dir_all(&dir).expect("remove family");
    for v in 1..=VERSIONS {
        write_package(root, &family(f), &v.to_string(), &requiring(&[]));
    }
}

#[test]
fn reads_over_other_roots_never_hold() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = repository(tmp.path());
    let reads = solve_every_family(tmp.path(), &root);
    let other = tmp.path().join("other");
    fs::create_dir_all(&other).expect("mkdir");
    for threads in THREAD_COUNTS {
        assert!(!holds(tmp.path(), &other, &reads, threads), "{threads}");
    }
}
