//! All 18,226 package.py files of rez's benchmark read to what
//! `packages.json` (the same packages as JSON) holds.
//!
//! The data is the repository's own copy, unpacked once by
//! `rer_tests::benchmark`.

mod common;

use std::time::Instant;

use rer_provider_fs::{FsProvider, load_all_in_parallel};
use rer_provider_memory::MemoryProvider;
use rer_repo::FamilyProvider;
use rer_tests::benchmark;

#[test]
fn every_benchmark_package_reads_as_packages_json_says() {
    let unpacked = benchmark::unpack_once().unwrap_or_else(|e| panic!("{e}"));
    let root = common::canonical(&unpacked.packages_dir);

    let expected = MemoryProvider::from_json_file(&unpacked.packages_json).unwrap();
    let provider = FsProvider::new([&root]).unwrap();
    let mut names: Vec<&str> = expected.family_names().collect();
    names.sort_unstable();
    assert_eq!(names.len(), 1266);

    let start = Instant::now();
    let families: Vec<_> = names
        .iter()
        .map(|name| common::family(&provider, name))
        .collect();
    let listed = start.elapsed();
    for family in &families {
        load_all_in_parallel(family);
    }
    let elapsed = start.elapsed();
    println!(
        "listed 1266 families in {listed:?}; read and parsed {} files in {elapsed:?} in all",
        provider.files_read()
    );

    let mut compared = 0;
    for (name, family) in names.iter().zip(&families) {
        let want = common::family(&expected, name);
        assert_eq!(family.versions(), want.versions(), "versions of {name}");
        for i in 0..family.len() {
            let got = family.package(i).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want = want.package(i).unwrap();
            assert_eq!(got.requires, want.requires, "requires of {}", got.uri);
            assert_eq!(got.variants, want.variants, "variants of {}", got.uri);
            assert_eq!(got.timestamp, want.timestamp, "timestamp of {}", got.uri);
            let uri = root
                .join(&**name)
                .join(got.version.to_string())
                .join("package.py");
            assert_eq!(&*got.uri, uri.to_str().unwrap());
            compared += 1;
        }
    }
    assert_eq!(compared, 18_226);
    assert_eq!(provider.files_read(), 18_226);
    assert!(provider.family("no_such_family").unwrap().is_none());
}
