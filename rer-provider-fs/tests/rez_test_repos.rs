//! rez's own test repositories (copied in `tests/data/rez`) read to what rez
//! 3.4.0 reads from them, in every root order recorded.

use std::path::{Path, PathBuf};

use rer_provider_fs::FsProvider;

fn data() -> PathBuf {
    std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rez")).unwrap()
}

mod dump;

/// What rer reads, in the format of the expected files.
fn dump(roots: &[PathBuf], families: &[&str], base: &Path) -> Vec<String> {
    let provider = FsProvider::new(roots).unwrap();
    dump::lines(&provider, families, &format!("{}/", base.display()), false)
}

#[test]
fn rez_test_repositories_read_as_rez_reads_them() {
    let base = data();
    let mut checked = 0;
    for entry in std::fs::read_dir(&base).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(roots) = file
            .strip_prefix("expected_")
            .and_then(|f| f.strip_suffix(".txt"))
        else {
            continue;
        };
        let roots: Vec<PathBuf> = roots.split('+').map(|r| base.join(r)).collect();
        let expected = std::fs::read_to_string(&path).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        let mut families: Vec<&str> = expected
            .iter()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        families.dedup();
        let got = dump(&roots, &families, &base);
        assert_eq!(got, expected, "{file}");
        checked += expected.len();
    }
    assert!(checked > 100, "only {checked} lines checked");
}
