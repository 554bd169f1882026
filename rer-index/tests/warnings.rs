//! Two version directories rez takes for one version (`1.0` and `1-0`):
//! through the index, cold or warm, the caller's provider warns exactly as
//! it does reading the files, and the warm listing comes from the record.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rer_index::{IndexOptions, IndexStats, Indexed};
use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;
use support::{next_tick, render, requiring, write_package};

const NAMES: &[&str] = &["zoo", "foo", "bar"];

/// What the files give, and the warnings of reading them.
fn direct(roots: &[&Path]) -> (String, Vec<String>) {
    let fs = FsProvider::new(roots.to_vec()).expect("provider");
    (render(&fs, NAMES), fs.warnings())
}

/// What a process through the index in `cache` gives, its caller's
/// provider's warnings and its counters; the families asked for in `order`.
fn through_index(
    roots: &[&Path],
    cache: &Path,
    order: &[&str],
) -> (String, Vec<String>, IndexStats) {
    let fs = Arc::new(FsProvider::new(roots.to_vec()).expect("provider"));
    let options = IndexOptions::new(cache).racy_margin(Duration::ZERO);
    let index = Indexed::new(Arc::clone(&fs), &options).expect("index");
    for name in order {
        index.family(name).expect("listed");
    }
    let text = render(&index, NAMES);
    index.persist().expect("persist");
    (text, fs.warnings(), index.stats())
}

#[test]
fn a_warm_index_warns_of_equal_version_directories_as_reading_the_files_does() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let cache = tmp.path().join("cache");
    for version in ["1.0", "1-0", "2"] {
        write_package(&a, "foo", version, &requiring(&[]));
        write_package(&b, "foo", version, &requiring(&[]));
    }
    for version in ["3.0", "3-0", "3-0-0", "3.0.0"] {
        write_package(&a, "zoo", version, &requiring(&[]));
    }
    write_package(&b, "bar", "1", &requiring(&[]));
    let roots = [a.as_path(), b.as_path()];
    next_tick();

    let (files, warnings) = direct(&roots);
    // rer uses the first by name of each version's directories: `-` sorts
    // before `.`.
    let a_foo = a.canonicalize().expect("root").join("foo");
    let b_foo = b.canonicalize().expect("root").join("foo");
    let a_zoo = a.canonicalize().expect("root").join("zoo");
    let expected_pairs = [
        (&a_foo, "1-0", "1.0"),
        (&b_foo, "1-0", "1.0"),
        (&a_zoo, "3-0", "3.0"),
        (&a_zoo, "3-0-0", "3.0.0"),
    ];
    assert_eq!(warnings.len(), expected_pairs.len(), "{warnings:#?}");
    for (dir, used, other) in expected_pairs {
        let (used, other) = (dir.join(used), dir.join(other));
        let wanted = format!(
            "{} and {} are the same version to rez",
            used.display(),
            other.display()
        );
        let found = warnings
            .iter()
            .find(|w| w.contains(&wanted))
            .unwrap_or_else(|| panic!("{wanted:?} not in {warnings:#?}"));
        assert!(
            found.ends_with(&format!("rer uses {}", used.display())),
            "{found}"
        );
    }
    let mut sorted = warnings.clone();
    sorted.sort();
    assert_eq!(warnings, sorted, "sorted, so by family");

    let (cold, cold_warnings, stats) = through_index(&roots, &cache, NAMES);
    assert_eq!(cold, files);
    assert_eq!(cold_warnings, warnings);
    assert_eq!(stats.listings_reused, 0, "{stats:?}");
    assert!(stats.records_written >= 6, "{stats:?}");

    // Warm, and the families asked for in another order: the listings come
    // from the records, the warnings are the same.
    let (warm, warm_warnings, stats) = through_index(&roots, &cache, &["bar", "foo", "zoo"]);
    assert_eq!(warm, files);
    assert_eq!(warm_warnings, warnings);
    assert_eq!(stats.listings_read, 0, "{stats:?}");
    // three families in two roots, each family asked for twice (in
    // `order`, then rendered)
    assert_eq!(stats.listings_reused, 12, "{stats:?}");
    assert_eq!(stats.packages_read, 0, "{stats:?}");
}

#[test]
fn a_family_without_equal_directories_warns_of_nothing_cold_or_warm() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("a");
    let cache = tmp.path().join("cache");
    for version in ["1.0", "1.0.0", "1-1"] {
        write_package(&root, "foo", version, &requiring(&[]));
    }
    let roots = [root.as_path()];
    next_tick();
    for _ in 0..2 {
        let (_, warnings, _) = through_index(&roots, &cache, &["foo"]);
        assert!(warnings.is_empty(), "{warnings:#?}");
    }
}
