//! The index answers exactly what the files answer, after every kind of
//! change to a repository, in the next process already.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

#[cfg(unix)]
use support::chmod;
use support::{indexed, next_tick, plain, requiring, write_package};

const NAMES: &[&str] = &["foo", "bar", "baz", "unver", "qux", "gone"];

/// After a change: the next process through the index sees what the files
/// say, and so does the one after it (answering from the index it wrote).
/// Returns the second process's counters.
fn check(roots: &[&Path], cache: &Path, what: &str) -> rer_index::IndexStats {
    let expected = plain(roots, NAMES);
    let (first, _) = indexed(roots, NAMES, cache, Duration::ZERO);
    assert_eq!(first, expected, "first process after: {what}");
    let (second, stats) = indexed(roots, NAMES, cache, Duration::ZERO);
    assert_eq!(second, expected, "second process after: {what}");
    next_tick();
    stats
}

fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("set mtime");
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn every_kind_of_change_is_seen_by_the_next_process() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let elsewhere = tmp.path().join("elsewhere");
    let cache = tmp.path().join("cache");
    fs::create_dir_all(&elsewhere).expect("mkdir");
    write_package(&root, "foo", "1.0", &requiring(&["bar-1"]));
    write_package(&root, "foo", "2.0", &requiring(&["bar-1", "baz"]));
    write_package(&root, "bar", "1.0", &requiring(&[]));
    write_package(
        &root,
        "baz",
        "1",
        "requires = ['~foo-2+']\nvariants = [['bar']]\n",
    );
    fs::create_dir_all(root.join("unver")).expect("mkdir");
    fs::write(root.join("unver/package.py"), requiring(&["foo"])).expect("write");
    fs::create_dir_all(root.join("gone")).expect("mkdir");
    let roots = [root.as_path()];
    next_tick();

    let stats = check(&roots, &cache, "nothing");
    assert_eq!(stats.packages_read, 0, "{stats:?}");
    assert_eq!(stats.listings_read, 0, "{stats:?}");
    assert!(stats.packages_reused >= 5, "{stats:?}");

    write_package(&root, "foo", "3.0", &requiring(&[]));
    let stats = check(&roots, &cache, "a version added");
    assert_eq!(stats.packages_read, 0, "{stats:?}");

    fs::remove_dir_all(root.join("foo/1.0")).expect("rm");
    check(&roots, &cache, "a version removed");

    // Same size, same modification time: only the status-change time moves.
    let file = root.join("foo/2.0/package.py");
    let before = fs::read_to_string(&file).expect("read");
    let was = mtime(&file);
    let edited = before.replace("bar-1", "bar-2");
    assert_eq!(edited.len(), before.len());
    fs::write(&file, &edited).expect("write");
    set_mtime(&file, was);
    assert_eq!(mtime(&file), was);
    let expected = plain(&roots, NAMES);
    assert!(expected.contains("bar-2"), "{expected}");
    check(&roots, &cache, "package.py edited, size and mtime kept");

    set_mtime(&root.join("bar/1.0/package.py"), SystemTime::now());
    check(&roots, &cache, "package.py touched");

    fs::rename(root.join("foo/2.0"), root.join("foo/2.5")).expect("rename");
    check(&roots, &cache, "a version directory renamed");

    #[cfg(unix)]
    {
        chmod(&root.join("baz/1/package.py"), 0o000);
        check(&roots, &cache, "package.py made unreadable");
        chmod(&root.join("baz/1/package.py"), 0o644);
        chmod(&root.join("bar/1.0"), 0o000);
        check(&roots, &cache, "a version directory made unreadable");
        chmod(&root.join("bar/1.0"), 0o755);
        check(&roots, &cache, "permissions restored");

        write_package(&elsewhere, "foo", "3.0", &requiring(&["baz-1"]));
        fs::remove_dir_all(root.join("foo/3.0")).expect("rm");
        std::os::unix::fs::symlink(elsewhere.join("foo/3.0"), root.join("foo/3.0"))
            .expect("symlink");
        check(&roots, &cache, "a version directory replaced by a symlink");

        fs::write(elsewhere.join("foo/3.0/package.py"), requiring(&["bar"])).expect("write");
        check(&roots, &cache, "the package behind a symlink edited");

        fs::remove_dir_all(elsewhere.join("foo/3.0")).expect("rm");
        check(&roots, &cache, "a symlinked version's target removed");
        fs::write(elsewhere.join("foo/3.0"), "not a directory").expect("write");
        check(&roots, &cache, "a symlinked version's target made a file");
        fs::remove_file(elsewhere.join("foo/3.0")).expect("rm");
        write_package(&elsewhere, "foo", "3.0", &requiring(&[]));
        check(&roots, &cache, "a symlinked version's target back");
    }

    fs::remove_dir_all(root.join("bar")).expect("rm");
    check(&roots, &cache, "a family removed");
    write_package(&root, "qux", "1", &requiring(&[]));
    check(&roots, &cache, "a family added");
    write_package(&root, "gone", "0.1", &requiring(&[]));
    check(&roots, &cache, "an empty family given a version");

    fs::write(root.join("qux/1/package.py"), "requires = [\n").expect("write");
    check(&roots, &cache, "package.py broken");
    fs::write(root.join("qux/1/package.py"), requiring(&["foo-3"])).expect("write");
    check(&roots, &cache, "package.py fixed");

    fs::write(root.join("qux/1/package.yaml"), "requires: [baz]\n").expect("write");
    check(&roots, &cache, "package.yaml beside package.py");
    fs::remove_file(root.join("qux/1/package.py")).expect("rm");
    check(&roots, &cache, "package.py removed, package.yaml left");
    fs::create_dir(root.join("qux/1/package.py")).expect("mkdir");
    check(&roots, &cache, "package.py made a directory");

    fs::write(root.join("foo/.ignore2.5"), "").expect("write");
    check(&roots, &cache, "a version ignored");
    fs::remove_file(root.join("foo/.ignore2.5")).expect("rm");
    check(&roots, &cache, "a version no longer ignored");
    fs::create_dir_all(root.join("foo/4.0")).expect("mkdir");
    fs::write(root.join("foo/.building4.0"), "").expect("write");
    check(&roots, &cache, "a version being built");
    fs::write(root.join("foo/4.0/package.py"), requiring(&[])).expect("write");
    check(&roots, &cache, "a built version");

    fs::write(root.join("foo/2.5/release.yaml"), "timestamp: 1500000000\n").expect("write");
    check(&roots, &cache, "an old release's release.yaml added");
    fs::write(root.join("foo/2.5/release.yaml"), "timestamp: 1600000000\n").expect("write");
    check(&roots, &cache, "release.yaml edited");

    fs::write(root.join("unver/package.py"), requiring(&["qux"])).expect("write");
    check(&roots, &cache, "an unversioned package edited");
    fs::write(root.join("gone/package.py"), requiring(&[])).expect("write");
    check(
        &roots,
        &cache,
        "a family directory given its own package.py",
    );
}

#[test]
fn several_roots_merge_as_they_do_without_the_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    let cache = tmp.path().join("cache");
    write_package(&a, "foo", "1.0", &requiring(&["bar"]));
    write_package(&b, "foo", "1-0", &requiring(&["baz"]));
    write_package(&b, "foo", "2", &requiring(&[]));
    write_package(&b, "bar", "1", &requiring(&[]));
    let roots = [a.as_path(), b.as_path()];
    next_tick();
    let stats = check(&roots, &cache, "nothing");
    assert_eq!(stats.packages_read, 0, "{stats:?}");
    write_package(&a, "bar", "1", &requiring(&["foo-2"]));
    check(&roots, &cache, "a version shadowing another root's");
    fs::remove_dir_all(a.join("foo")).expect("rm");
    check(&roots, &cache, "a family removed from the first root");
}

#[test]
fn an_edit_within_the_timestamp_granularity_is_seen_with_the_default_margin() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    let file = write_package(&root, "foo", "1", &requiring(&["bar-1"]));
    let roots = [root.as_path()];
    let margin = rer_index::DEFAULT_RACY_MARGIN;
    let (first, stats) = indexed(&roots, &["foo"], &cache, margin);
    assert_eq!(first, plain(&roots, &["foo"]));
    assert_eq!(stats.records_written, 0, "too recent to record: {stats:?}");
    // At once, in the same tick: same size, same mtime.
    let was = mtime(&file);
    fs::write(&file, requiring(&["bar-2"])).expect("write");
    set_mtime(&file, was);
    let (second, _) = indexed(&roots, &["foo"], &cache, margin);
    assert_eq!(second, plain(&roots, &["foo"]));
    assert!(second.contains("bar-2"), "{second}");
}
