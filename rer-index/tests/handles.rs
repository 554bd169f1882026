//! Probes are taken relative to a handle on each root: a directory
//! replaced below the root is seen as it is now, never through a handle on
//! the old one; the root itself replaced between families is seen by every
//! family asked for the root check interval after it or later.

mod support;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rer_index::{DEFAULT_ROOT_CHECK_INTERVAL, IndexOptions, Indexed};
use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;
use support::{indexed, next_tick, render, requiring, write_package};

/// A fresh index provider over `root` with the index in `cache`.
fn provider(root: &Path, cache: &Path) -> Indexed {
    provider_with(root, cache, DEFAULT_ROOT_CHECK_INTERVAL)
}

/// [`provider`], comparing the root's handle with its path at most once
/// per `interval`.
fn provider_with(root: &Path, cache: &Path, interval: Duration) -> Indexed {
    let fs = Arc::new(FsProvider::new([root]).expect("provider"));
    let options = IndexOptions::new(cache)
        .racy_margin(Duration::ZERO)
        .root_check_interval(interval);
    Indexed::new(fs, &options).expect("index")
}

/// `name`'s only package through `provider`, as text.
fn only_package(provider: &dyn FamilyProvider, name: &str) -> String {
    let family = provider.family(name).expect("family").expect("listed");
    format!("{:?}", family.package(0).expect("package"))
}

/// `root` with `foo-1.0` requiring `bar-1` and `bar-1.0`, recorded in
/// `cache` (and checked to be answered from it).
fn recorded_repo(root: &Path, cache: &Path) {
    write_package(root, "foo", "1.0", &requiring(&["bar-1"]));
    write_package(root, "bar", "1.0", &requiring(&[]));
    next_tick();
    indexed(&[root], &["foo", "bar"], cache, Duration::ZERO);
    let (_, stats) = indexed(&[root], &["foo", "bar"], cache, Duration::ZERO);
    assert_eq!(stats.packages_reused, 2, "{stats:?}");
}

#[test]
fn a_family_directory_replaced_after_listing_is_read_as_it_is_now() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    recorded_repo(&root, &cache);

    let index = provider(&root, &cache);
    let family = index.family("foo").expect("family").expect("listed");
    // Between the listing and the package: `foo` moves away and a new
    // `foo` with the same version but other contents takes its place.
    fs::rename(root.join("foo"), tmp.path().join("old-foo")).expect("rename");
    write_package(&root, "foo", "1.0", &requiring(&["baz-2"]));
    let package = format!("{:?}", family.package(0).expect("package"));
    let now = only_package(&FsProvider::new([&root]).expect("provider"), "foo");
    assert_eq!(package, now);
    assert!(package.contains("baz"), "{package}");
    assert_eq!(index.stats().packages_reused, 0, "{:?}", index.stats());
}

#[cfg(unix)]
#[test]
fn a_family_directory_replaced_by_a_symlink_after_listing_is_read_as_it_is_now() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let elsewhere = tmp.path().join("elsewhere");
    let cache = tmp.path().join("cache");
    recorded_repo(&root, &cache);
    write_package(&elsewhere, "foo", "1.0", &requiring(&["qux"]));

    let index = provider(&root, &cache);
    let family = index.family("foo").expect("family").expect("listed");
    fs::remove_dir_all(root.join("foo")).expect("remove");
    std::os::unix::fs::symlink(elsewhere.join("foo"), root.join("foo")).expect("symlink");
    let package = format!("{:?}", family.package(0).expect("package"));
    let now = only_package(&FsProvider::new([&root]).expect("provider"), "foo");
    assert_eq!(package, now);
    assert!(package.contains("qux"), "{package}");
}

/// `bar` of a root swapped, between two families, for a tree whose `bar`
/// is edited, through an index over the root comparing its handle at most
/// once per `interval`, asked for `wait` after the swap; and `bar` as the
/// files say now.
fn root_swapped_between_families(interval: Duration, wait: Duration) -> (String, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    recorded_repo(&root, &cache);
    // The same tree elsewhere, `bar` edited: its record (kept under the
    // root's path) does not describe it.
    let new_root = tmp.path().join("new-repo");
    write_package(&new_root, "foo", "1.0", &requiring(&["bar-1"]));
    write_package(&new_root, "bar", "1.0", &requiring(&["edited"]));

    let index = provider_with(&root, &cache, interval);
    only_package(&index, "foo");
    // The root is swapped for the new tree between two families.
    fs::rename(&root, tmp.path().join("old-repo")).expect("rename");
    fs::rename(&new_root, &root).expect("rename");
    std::thread::sleep(wait);
    let through_index = render(&index, &["bar"]);
    let now = render(&FsProvider::new([&root]).expect("provider"), &["bar"]);
    (through_index, now)
}

#[test]
fn a_root_replaced_between_families_is_opened_again() {
    // Compared for every family: seen at once.
    let (through_index, now) = root_swapped_between_families(Duration::ZERO, Duration::ZERO);
    assert_eq!(through_index, now);
    assert!(through_index.contains("edited"), "{through_index}");
}

#[test]
fn a_root_replaced_is_seen_by_a_family_asked_for_the_interval_after() {
    let (through_index, now) =
        root_swapped_between_families(DEFAULT_ROOT_CHECK_INTERVAL, DEFAULT_ROOT_CHECK_INTERVAL);
    assert_eq!(through_index, now);
    assert!(through_index.contains("edited"), "{through_index}");
}
