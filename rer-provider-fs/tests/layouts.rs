//! Every repository layout rez 3.4.0's filesystem plugin reads, on
//! repositories written to temporary folders. Each expectation was checked
//! against rez 3.4.0 itself.

mod common;

use common::{canonical, family, packages, repo, requirement_strings, write_tree};
use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;

fn versions(provider: &FsProvider, name: &str) -> Vec<String> {
    match provider.family(name).unwrap() {
        Some(f) => f.versions().iter().map(ToString::to_string).collect(),
        None => Vec::new(),
    }
}

#[test]
fn version_directories_and_uris() {
    let dir = repo(&[
        (
            "foo/1.0/package.py",
            "name = 'foo'\nrequires = ['bar-1+']\n",
        ),
        (
            "foo/2.0/package.py",
            "name = 'foo'\nvariants = [['bar-1'], ['bar-2']]\ntimestamp = 7\n",
        ),
        ("bar/1/package.yaml", "name: bar\nrequires: [baz]\n"),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let fam = family(&provider, "foo");
    assert_eq!(versions(&provider, "foo"), ["1.0", "2.0"]);
    assert_eq!(provider.files_read(), 0, "listing reads no package file");
    let p = fam.package(1).unwrap();
    assert_eq!(provider.files_read(), 1);
    let root = canonical(dir.path());
    assert_eq!(&*p.uri, root.join("foo/2.0/package.py").to_str().unwrap());
    assert_eq!(
        requirement_strings(p),
        (vec![], vec![vec!["bar-1".into()], vec!["bar-2".into()]])
    );
    assert_eq!(p.timestamp, Some(7));
    let bar = family(&provider, "bar");
    let p = bar.package(0).unwrap();
    assert_eq!(&*p.uri, root.join("bar/1/package.yaml").to_str().unwrap());
    assert_eq!(requirement_strings(p).0, ["baz"]);
    assert!(provider.family("nope").unwrap().is_none());
}

#[test]
fn each_file_is_parsed_once() {
    let dir = repo(&[("foo/1/package.py", ""), ("foo/2/package.py", "")]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let fam = family(&provider, "foo");
    for _ in 0..3 {
        fam.package(0).unwrap();
    }
    assert_eq!(provider.files_read(), 1);
    rer_provider_fs::load_all_in_parallel(&fam);
    assert_eq!(provider.files_read(), 2);
}

#[test]
fn hidden_ignored_building_and_non_directory_entries_are_skipped() {
    let ok = "requires = []\n";
    let dir = repo(&[
        ("foo/1/package.py", ok),
        ("foo/2/package.py", ok),
        ("foo/.ignore2", ""),
        ("foo/3/package.py", ok),
        ("foo/.ignore3/x", ""), // a directory, not a file: no effect
        ("foo/4/README", ""),
        ("foo/.building4", ""), // half-built: no package.py
        ("foo/5/package.py", ok),
        ("foo/.building5", ""), // finished building: kept
        ("foo/.6/package.py", ok),
        ("foo/7", "a file, not a directory"),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    assert_eq!(versions(&provider, "foo"), ["1", "3", "5"]);
}

#[test]
fn package_py_wins_over_package_yaml() {
    let dir = repo(&[
        ("foo/1/package.yaml", "requires: [bar-1]\n"),
        ("foo/1/package.py", "requires = ['baz']\n"),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let fam = family(&provider, "foo");
    assert_eq!(requirement_strings(fam.package(0).unwrap()).0, ["baz"]);
}

#[test]
fn unversioned_package_hides_version_directories() {
    let dir = repo(&[
        ("foo/package.py", "requires = ['bar']\n"),
        ("foo/2/package.py", ""),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let fam = family(&provider, "foo");
    assert_eq!(versions(&provider, "foo"), [""]);
    let p = fam.package(0).unwrap();
    assert_eq!(requirement_strings(p).0, ["bar"]);
    assert_eq!(
        &*p.uri,
        canonical(dir.path())
            .join("foo/package.py")
            .to_str()
            .unwrap()
    );
}

#[test]
fn combined_family_files() {
    let dir = repo(&[
        (
            "foo.py",
            "name = 'foo'\nversions = ['1.0', '2.0']\nrequires = ['bar']\n",
        ),
        (
            "baz.yaml",
            "name: baz\nversions: ['1.0', '2.0', '3']\nrequires: [bar]\nversion_overrides:\n  '2':\n    requires: [qux]\n  '3+':\n    variants: [[a], [b]]\n",
        ),
        ("solo.py", "requires = ['bar']\n"),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let root = canonical(dir.path());
    let fam = family(&provider, "foo");
    assert_eq!(versions(&provider, "foo"), ["1.0", "2.0"]);
    let p = fam.package(1).unwrap();
    assert_eq!(requirement_strings(p).0, ["bar"]);
    assert_eq!(&*p.uri, format!("{}<2.0>", root.join("foo.py").display()));
    let baz = family(&provider, "baz");
    let all = packages(&baz).unwrap();
    assert_eq!(requirement_strings(&all[0]), (vec!["bar".into()], vec![]));
    assert_eq!(requirement_strings(&all[1]), (vec!["qux".into()], vec![]));
    assert_eq!(
        requirement_strings(&all[2]),
        (vec!["bar".into()], vec![vec!["a".into()], vec!["b".into()]])
    );
    let solo = family(&provider, "solo");
    let p = solo.package(0).unwrap();
    assert!(p.version.is_empty());
    assert_eq!(&*p.uri, format!("{}<>", root.join("solo.py").display()));
}

#[test]
fn a_family_directory_wins_over_a_combined_file() {
    let dir = repo(&[("foo.py", "versions = ['1']\n")]);
    write_tree(dir.path(), &[("foo", None)]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    assert!(
        provider.family("foo").unwrap().is_none(),
        "rez: package family not found"
    );
}

#[test]
fn roots_merge_and_the_earlier_root_wins() {
    let dir = repo(&[
        ("r1/foo/1/package.py", "requires = ['bar-1']\n"),
        ("r2/foo/1/package.py", "requires = ['bar-2']\n"),
        ("r2/foo/3/package.py", ""),
        ("r2/bar/1/package.py", ""),
        ("r1/empty", ""),
    ]);
    write_tree(dir.path(), &[("r1/empty_family", None)]);
    let r1 = dir.path().join("r1");
    let r2 = dir.path().join("r2");
    let provider = FsProvider::new([&r1, &r2]).unwrap();
    assert_eq!(versions(&provider, "foo"), ["1", "3"]);
    let fam = family(&provider, "foo");
    assert_eq!(requirement_strings(fam.package(0).unwrap()).0, ["bar-1"]);
    assert!(fam.package(1).unwrap().uri.contains("/r2/"));
    let reversed = FsProvider::new([&r2, &r1]).unwrap();
    assert_eq!(
        requirement_strings(family(&reversed, "foo").package(0).unwrap()).0,
        ["bar-2"]
    );
    // A family only in the second root; a file named like a family is not one.
    assert_eq!(versions(&provider, "bar"), ["1"]);
    assert!(provider.family("empty").unwrap().is_none());
    assert!(provider.family("empty_family").unwrap().is_none());
}

#[test]
fn unversioned_in_one_root_merges_with_versions_in_another() {
    let dir = repo(&[("r1/foo/package.py", ""), ("r2/foo/2/package.py", "")]);
    let provider = FsProvider::new([dir.path().join("r1"), dir.path().join("r2")]).unwrap();
    assert_eq!(versions(&provider, "foo"), ["", "2"]);
}

#[test]
fn missing_roots_are_skipped_like_rez() {
    let dir = repo(&[("foo/1/package.py", ""), ("file", "")]);
    let missing = dir.path().join("nowhere");
    let file = dir.path().join("file");
    let provider = FsProvider::new([&missing, &file, &dir.path().to_path_buf()]).unwrap();
    assert_eq!(provider.roots(), [canonical(dir.path())]);
    assert_eq!(provider.skipped_roots(), [missing, file]);
    assert_eq!(versions(&provider, "foo"), ["1"]);
}

#[test]
fn from_env_splits_rez_packages_path() {
    let a = repo(&[("foo/1/package.py", "")]);
    let b = repo(&[("foo/2/package.py", "")]);
    let value = std::env::join_paths([a.path(), b.path()]).unwrap();
    // SAFETY: this is the only test that touches this variable.
    unsafe { std::env::set_var("REZ_PACKAGES_PATH", &value) };
    let provider = FsProvider::from_env().unwrap();
    assert_eq!(provider.roots(), [canonical(a.path()), canonical(b.path())]);
    assert_eq!(versions(&provider, "foo"), ["1", "2"]);
}

#[test]
fn directory_name_wins_over_name_and_version_in_the_file() {
    let dir = repo(&[(
        "foo/1/package.py",
        "name = 'bar'\nversion = '5'\nrequires = ['baz']\n",
    )]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let p = family(&provider, "foo").package(0).unwrap().clone();
    assert_eq!((&*p.name, p.version.to_string().as_str()), ("foo", "1"));
    assert_eq!(requirement_strings(&p).0, ["baz"]);
}

#[test]
fn release_yaml_of_old_releases_is_merged_when_there_is_no_timestamp() {
    let dir = repo(&[
        ("foo/1/package.py", "requires = ['bar']\n"),
        ("foo/1/release.yaml", "timestamp: 5\nrequires: [baz]\n"),
        ("foo/2/package.py", "requires = ['bar']\n"),
        ("foo/2/.metadata/release_time.txt", " 42\n"),
        ("foo/3/package.py", "requires = ['bar']\ntimestamp = 1\n"),
        ("foo/3/release.yaml", "requires: [baz]\n"),
    ]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let all = packages(&family(&provider, "foo")).unwrap();
    assert_eq!(
        (requirement_strings(&all[0]).0, all[0].timestamp),
        (vec!["baz".into()], Some(5))
    );
    assert_eq!(
        (requirement_strings(&all[1]).0, all[1].timestamp),
        (vec!["bar".into()], Some(42))
    );
    assert_eq!(
        (requirement_strings(&all[2]).0, all[2].timestamp),
        (vec!["bar".into()], Some(1))
    );
}

#[test]
fn symlinked_versions_and_families_are_followed() {
    let dir = repo(&[
        ("real/foo/1/package.py", "requires = ['x']\n"),
        ("repo/bar/1/package.py", ""),
    ]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("real/foo"), dir.path().join("repo/foo"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("repo/bar/1"), dir.path().join("repo/bar/2"))
            .unwrap();
        let provider = FsProvider::new([dir.path().join("repo")]).unwrap();
        assert_eq!(versions(&provider, "foo"), ["1"]);
        assert_eq!(versions(&provider, "bar"), ["1", "2"]);
    }
}

#[test]
fn invalid_family_names_are_no_family() {
    let dir = repo(&[("foo-x/1/package.py", "")]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    for name in ["foo-x", "../foo", "", "a/b", "."] {
        assert!(provider.family(name).unwrap().is_none(), "{name}");
    }
}
