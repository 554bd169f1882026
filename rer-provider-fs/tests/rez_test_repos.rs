//! rez's own test repositories (copied in `tests/data/rez`) read to what rez
//! 3.4.0 reads from them, in every root order recorded.

use std::path::{Path, PathBuf};

use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;

fn data() -> PathBuf {
    std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rez")).unwrap()
}

/// What rer reads, in the format of the expected files.
fn dump(roots: &[PathBuf], families: &[&str], base: &Path) -> Vec<String> {
    let provider = FsProvider::new(roots).unwrap();
    let prefix = format!("{}/", base.display());
    let mut lines = Vec::new();
    for name in families {
        let family = match provider.family(name) {
            Ok(Some(f)) => f,
            Ok(None) => {
                lines.push(format!("{name}\tNOT FOUND"));
                continue;
            }
            Err(_) => {
                lines.push(format!("{name}\tERR"));
                continue;
            }
        };
        for i in 0..family.len() {
            let version = &family.versions()[i];
            match family.package(i) {
                Ok(p) => {
                    let requires: Vec<String> =
                        p.requires.iter().map(ToString::to_string).collect();
                    let variants: Vec<Vec<String>> = p
                        .variants
                        .iter()
                        .map(|v| v.iter().map(ToString::to_string).collect())
                        .collect();
                    let timestamp = p.timestamp.map_or("None".to_string(), |t| t.to_string());
                    let uri = p.uri.replace(&prefix, "");
                    lines.push(format!(
                        "{name}\t{version}\t{uri}\t{requires:?}\t{variants:?}\t{timestamp}"
                    ));
                }
                Err(_) => lines.push(format!("{name}\t{version}\tERR")),
            }
        }
    }
    lines
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
