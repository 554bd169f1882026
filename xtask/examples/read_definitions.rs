//! Reads every `package.py` and `package.yaml` under the directories given
//! with the static reader, once, and prints how many read and how many were
//! errors: for instruction counts (`valgrind --tool=callgrind`) of the
//! reader alone over a corpus (`tests/corpus`, `.rer-data/corpus`).

use std::path::{Path, PathBuf};

use rer_provider_fs::{parse_package_py_bytes, parse_package_yaml};

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && !path.is_symlink() {
            walk(&path, found);
        } else if matches!(
            path.file_name().and_then(|n| n.to_str()),
            Some("package.py" | "package.yaml")
        ) {
            found.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        walk(Path::new(&dir), &mut files);
    }
    let texts: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?)))
        .collect();
    let (mut read, mut errors) = (0, 0);
    for (path, bytes) in &texts {
        let ok = if path.extension().is_some_and(|e| e == "py") {
            parse_package_py_bytes(bytes, path).is_ok()
        } else {
            std::str::from_utf8(bytes).is_ok_and(|t| parse_package_yaml(t, path).is_ok())
        };
        if ok {
            read += 1;
        } else {
            errors += 1;
        }
    }
    println!("{} files: {read} read, {errors} errors", texts.len());
}
