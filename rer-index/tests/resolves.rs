//! A kept resolve is handed back only while it is what solving the files
//! gives: after every kind of change to a repository, the next process's
//! answer equals a fresh solve of the files, and a change to any family
//! the solve asked for makes the kept answer miss.

mod support;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rer_index::{IndexOptions, Indexed, ResolveCache};
use rer_provider_fs::FsProvider;
use rer_repo::{Cached, FamilyProvider};
use rer_solver::{Resolve, Solver};
#[cfg(unix)]
use support::chmod;
use support::{next_tick, requiring, run_workers, worker_paths, write_package};

const REQUEST: &[&str] = &["foo", "~qux"];

/// The outcome of solving `REQUEST` through `provider`, as text.
fn solve(provider: impl FamilyProvider) -> String {
    match Solver::new(provider).solve_strs(REQUEST) {
        Ok(Resolve::Solved(s)) => s
            .variants
            .iter()
            .map(|v| format!("{}-{}[{:?}] {}\n", v.name, v.version, v.index, v.uri))
            .collect(),
        Ok(Resolve::Failed(f)) => format!("failed: {}\n", f.description),
        Ok(other) => format!("other: {other:?}\n"),
        Err(e) => format!("error: {e}\n"),
    }
}

/// What solving the files gives.
fn fresh(root: &Path) -> String {
    solve(FsProvider::new([root]).expect("provider"))
}

/// One process: the kept answer when it holds (and `true`), else the
/// answer solved through the index, kept when it can be, and the index
/// persisted.
fn process(root: &Path, cache: &Path) -> (String, bool) {
    let options = IndexOptions::new(cache).racy_margin(Duration::ZERO);
    let fs = Arc::new(FsProvider::new([root]).expect("provider"));
    let index = Arc::new(Indexed::new(fs, &options).expect("index"));
    let kept = ResolveCache::new(&options);
    if let Some(answer) = kept.lookup("the request", &index) {
        assert_eq!(
            index.stats().listings_read + index.stats().listings_reused,
            0
        );
        return (String::from_utf8(answer).expect("utf-8"), true);
    }
    index.keep_reads();
    let answer = solve(Cached::new(Arc::clone(&index)));
    if let Some(reads) = index.reads() {
        kept.store("the request", answer.as_bytes(), &reads)
            .expect("store");
    }
    index.persist().expect("persist");
    (answer, false)
}

/// After a change: the next two processes answer what the files give;
/// the second from the kept resolve. Returns the files' answer and whether
/// the first process was answered from the kept resolve too.
fn check(root: &Path, cache: &Path, what: &str) -> (String, bool) {
    let expected = fresh(root);
    let (first, first_kept) = process(root, cache);
    assert_eq!(first, expected, "first process after: {what}");
    let (second, second_kept) = process(root, cache);
    assert_eq!(second, expected, "second process after: {what}");
    assert!(
        second_kept,
        "the second process after {what} uses the kept resolve"
    );
    next_tick();
    (expected, first_kept)
}

/// A repository of foo-1 in a temporary directory, an index of it with
/// `margin` and the options it was opened with.
fn one_package(margin: Duration) -> (tempfile::TempDir, IndexOptions, Arc<Indexed>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    write_package(&root, "foo", "1", &requiring(&[]));
    next_tick();
    let options = IndexOptions::new(tmp.path().join("cache")).racy_margin(margin);
    let fs = Arc::new(FsProvider::new([root.as_path()]).expect("provider"));
    let index = Arc::new(Indexed::new(fs, &options).expect("index"));
    (tmp, options, index)
}

#[test]
fn a_kept_resolve_holds_exactly_while_the_files_it_was_given_do() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    let elsewhere = tmp.path().join("elsewhere");
    write_package(&root, "foo", "1.0", &requiring(&["bar-1"]));
    write_package(&root, "foo", "2.0", &requiring(&["bar-1", "baz"]));
    write_package(&root, "bar", "1.0", &requiring(&[]));
    write_package(&root, "bar", "1.5", &requiring(&[]));
    write_package(
        &root,
        "baz",
        "1",
        "requires = ['~foo-2+']\nvariants = [['bar']]\n",
    );
    write_package(&root, "unrelated", "1", &requiring(&[]));
    next_tick();

    let (mut before, kept) = check(&root, &cache, "nothing");
    assert!(!kept, "nothing was kept yet");
    assert!(before.contains("foo-2.0"), "{before}");

    // Each change below alters the answer (so a stale answer would fail
    // the equality in `check`), or keeps it while changing a file the solve
    // was given (so the kept answer must still miss).
    // (`None`: it depends on who runs the test: root reads a file whatever
    // its mode.)
    let mut changed = |what: &str, alters: Option<bool>| {
        let (after, kept) = check(&root, &cache, what);
        assert!(!kept, "the kept resolve missed after: {what}");
        if let Some(alters) = alters {
            assert_eq!(
                after != before,
                alters,
                "the answer changed after: {what}\n{after}"
            );
        }
        before = after;
    };

    write_package(&root, "foo", "3.0", &requiring(&[]));
    changed("a version added", Some(true));
    fs::remove_dir_all(root.join("foo/3.0")).expect("rm");
    changed("a version removed", Some(true));
    write_package(&root, "bar", "1.9", &requiring(&[]));
    changed("a version of a required family added", Some(true));

    let file = root.join("foo/2.0/package.py");
    let text = fs::read_to_string(&file).expect("read");
    let was = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let edited = text.replace("bar-1", "bar-1.0");
    fs::write(&file, &edited).expect("write");
    changed("package.py edited", Some(true));
    let keep = edited.replace("bar-1.0", "bar-1.5");
    assert_eq!(keep.len(), edited.len());
    fs::write(&file, &keep).expect("write");
    fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(was))
        .expect("set mtime");
    changed("package.py edited, size and mtime kept", Some(true));

    fs::File::options()
        .write(true)
        .open(root.join("bar/1.5/package.py"))
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .expect("touch");
    changed("package.py of a resolved package touched", Some(false));

    fs::rename(root.join("foo/2.0"), root.join("foo/2.5")).expect("rename");
    changed("a version directory renamed", Some(true));
    fs::write(root.join("foo/.ignore2.5"), "").expect("write");
    changed("a version ignored", Some(true));
    fs::remove_file(root.join("foo/.ignore2.5")).expect("rm");
    changed("a version no longer ignored", Some(true));

    #[cfg(unix)]
    {
        chmod(&root.join("bar/1.5/package.py"), 0o000);
        changed("package.py made unreadable", None);
        chmod(&root.join("bar/1.5/package.py"), 0o644);
        changed("permissions restored", None);

        write_package(&elsewhere, "foo", "3.0", &requiring(&["bar-1.5"]));
        std::os::unix::fs::symlink(elsewhere.join("foo/3.0"), root.join("foo/3.0"))
            .expect("symlink");
        changed("a version added as a symlink", Some(true));
        fs::write(
            elsewhere.join("foo/3.0/package.py"),
            requiring(&["bar-1.0"]),
        )
        .expect("write");
        changed("the package behind a symlink edited", Some(true));
        fs::remove_dir_all(elsewhere.join("foo/3.0")).expect("rm");
        changed("a symlinked version's target removed", Some(true));
    }

    write_package(&root, "unrelated", "2", &requiring(&[]));
    let (after, kept) = check(&root, &cache, "a family the solve never asked for changed");
    assert!(
        kept,
        "a family the solve never asked for does not touch its answer"
    );
    assert_eq!(after, before);
}

#[test]
fn a_family_added_to_a_root_that_did_not_have_it_is_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let first = tmp.path().join("first");
    let second = tmp.path().join("second");
    let cache = tmp.path().join("cache");
    fs::create_dir_all(&first).expect("mkdir");
    write_package(&second, "foo", "1", &requiring(&[]));
    next_tick();
    let both = |cache: &Path| -> (String, bool) {
        let options = IndexOptions::new(cache).racy_margin(Duration::ZERO);
        let fs = Arc::new(FsProvider::new([&first, &second]).expect("provider"));
        let index = Arc::new(Indexed::new(fs, &options).expect("index"));
        let kept = ResolveCache::new(&options);
        if let Some(answer) = kept.lookup("k", &index) {
            return (String::from_utf8(answer).expect("utf-8"), true);
        }
        index.keep_reads();
        let answer = solve(Cached::new(Arc::clone(&index)));
        kept.store("k", answer.as_bytes(), &index.reads().expect("vouched"))
            .expect("store");
        index.persist().expect("persist");
        (answer, false)
    };
    let (answer, kept) = both(&cache);
    assert!(!kept && answer.contains("foo-1"), "{answer}");
    assert_eq!(both(&cache), (answer, true));
    next_tick();
    write_package(&first, "foo", "2", &requiring(&[]));
    let (answer, kept) = both(&cache);
    assert!(
        !kept,
        "the first root's absence of foo was what the solve was given"
    );
    assert!(answer.contains("first/foo/2/"), "{answer}");
}

#[test]
fn a_damaged_kept_resolve_is_ignored_and_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    write_package(&root, "foo", "1", &requiring(&[]));
    next_tick();
    let (expected, _) = check(&root, &cache, "nothing");
    let dir = ResolveCache::new(&IndexOptions::new(&cache))
        .dir()
        .to_path_buf();
    let entries: Vec<_> = fs::read_dir(&dir)
        .expect("kept resolves")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let bytes = fs::read(&entries[0]).expect("read");
    for damaged in [bytes[..bytes.len() / 2].to_vec(), {
        let mut b = bytes.clone();
        let last = b.len() - 1;
        b[last] ^= 0x40;
        b
    }] {
        fs::write(&entries[0], &damaged).expect("write");
        let (answer, kept) = process(&root, &cache);
        assert!(!kept, "a damaged entry is not used");
        assert_eq!(answer, expected);
        assert_eq!(process(&root, &cache), (expected.clone(), true), "replaced");
    }
}

#[test]
fn a_resolve_is_not_kept_when_something_it_was_given_is_too_recent_to_vouch_for() {
    let (_tmp, _, index) = one_package(rer_index::DEFAULT_RACY_MARGIN);
    index.keep_reads();
    let answer = solve(Cached::new(Arc::clone(&index)));
    assert!(answer.contains("foo-1"), "{answer}");
    assert!(index.reads().is_none(), "just written: not vouched for");
}

#[test]
fn reads_are_not_kept_unless_asked_for() {
    let (_tmp, _, index) = one_package(Duration::ZERO);
    solve(Cached::new(Arc::clone(&index)));
    assert!(index.reads().is_none());
}

#[test]
fn the_least_recently_used_answers_go_beyond_the_bound() {
    let (_tmp, options, index) = one_package(Duration::ZERO);
    index.keep_reads();
    solve(Cached::new(Arc::clone(&index)));
    let reads = index.reads().expect("vouched");
    let kept = ResolveCache::new(&options).max_kept(10);
    for i in 0..10 {
        kept.store(&format!("key {i}"), b"answer", &reads)
            .expect("store");
        next_tick();
    }
    // key 0 used now: it is the most recent, key 1 the least
    assert!(kept.lookup("key 0", &index).is_some());
    next_tick();
    kept.store("key 10", b"answer", &reads).expect("store");
    let left: Vec<bool> = (0..=10)
        .map(|i| kept.lookup(&format!("key {i}"), &index).is_some())
        .collect();
    assert_eq!(
        left,
        [
            true, false, false, true, true, true, true, true, true, true, true
        ],
        "10 kept + 1 is over the bound: the two least recently used go"
    );
}

const WORKER_VAR: &str = "RER_RESOLVES_TEST_WORKER";

/// Run as a child process by the test below: answers the request through
/// the resolve cache in a loop and fails if an answer differs from the
/// files'.
#[test]
fn worker_process() {
    let Some((root, cache)) = worker_paths(WORKER_VAR) else {
        return;
    };
    let expected = fresh(&root);
    for _ in 0..8 {
        let (answer, _) = process(&root, &cache);
        assert_eq!(answer, expected);
    }
}

#[test]
fn many_processes_keeping_and_reading_answers_at_once_agree_with_the_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    write_package(&root, "foo", "1", &requiring(&["bar"]));
    write_package(&root, "bar", "1", &requiring(&[]));
    for round in 0..4 {
        next_tick();
        run_workers(WORKER_VAR, &root, &cache, 6, round);
        let (answer, kept) = process(&root, &cache);
        assert_eq!(answer, fresh(&root), "round {round}");
        assert!(kept, "round {round}: the workers left a whole kept answer");
        // A new release for the next round: every worker must see it.
        write_package(&root, "bar", &format!("2.{round}"), &requiring(&[]));
    }
}
