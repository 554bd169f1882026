//! A long-lived provider persists more than once: what its families load
//! after one `persist` is written by the next.

mod support;

use std::fs;
use std::sync::Arc;
use std::time::Duration;

use rer_index::{IndexOptions, Indexed};
use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;
use support::{indexed, next_tick, plain, requiring, write_package};

#[test]
fn packages_loaded_after_a_persist_are_written_by_the_next() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("repo");
    let cache = tmp.path().join("cache");
    write_package(&root, "foo", "1.0", &requiring(&["bar"]));
    write_package(&root, "foo", "2.0", &requiring(&[]));
    fs::create_dir_all(&cache).expect("mkdir");
    let roots = [root.as_path()];
    next_tick();

    let fs = Arc::new(FsProvider::new(roots.to_vec()).expect("provider"));
    let index =
        Indexed::new(fs, &IndexOptions::new(&cache).racy_margin(Duration::ZERO)).expect("index");
    let family = index.family("foo").expect("family").expect("foo");
    assert_eq!(family.len(), 2);
    family.package(0).expect("first package");
    assert!(index.persist().expect("first persist") >= 1);
    family.package(1).expect("second package");
    assert!(
        index.persist().expect("second persist") >= 1,
        "the package loaded after the first persist is written"
    );
    assert_eq!(index.persist().expect("third persist"), 0, "nothing new");
    drop(family);
    assert_eq!(index.persist().expect("after the family is gone"), 0);

    let (text, stats) = indexed(&roots, &["foo"], &cache, Duration::ZERO);
    assert_eq!(text, plain(&roots, &["foo"]));
    assert_eq!(stats.packages_read, 0, "{stats:?}");
    assert_eq!(stats.packages_reused, 2, "{stats:?}");
}
