//! Reading the benchmark tree: parsing all 18,226 package.py files, reading
//! and parsing them from disk (one thread and rayon), and listing families.
//!
//! The tree is the repository's copy of rez's benchmark, unpacked once by
//! `rer_tests::benchmark`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use rer_provider_fs::{FsProvider, load_all_in_parallel, parse_package_py_bytes};
use rer_repo::FamilyProvider;
use rer_tests::benchmark;

/// The unpacked benchmark tree.
fn unpack() -> PathBuf {
    benchmark::unpack_once()
        .unwrap_or_else(|e| panic!("{e}"))
        .packages_dir
}

fn definition_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for family in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for version in std::fs::read_dir(family.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let file = version.path().join("package.py");
            if file.is_file() {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

fn family_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

fn bench(c: &mut Criterion) {
    let root = unpack();
    let files = definition_files(&root);
    let texts: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap_or_default()))
        .collect();
    let names = family_names(&root);
    eprintln!(
        "{} package.py files in {} families",
        files.len(),
        names.len()
    );

    let mut group = c.benchmark_group("benchmark_tree");
    group.sample_size(10);
    group.bench_function("parse all package.py (in memory, one thread)", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(path, text)| parse_package_py_bytes(text, path).is_ok())
                .count()
        })
    });
    group.bench_function("read + parse all package.py (one thread)", |b| {
        b.iter(|| {
            files
                .iter()
                .filter(|path| {
                    std::fs::read(path)
                        .is_ok_and(|text| parse_package_py_bytes(&text, path).is_ok())
                })
                .count()
        })
    });
    group.bench_function("read + parse all package.py (rayon)", |b| {
        b.iter(|| {
            files
                .par_iter()
                .filter(|path| {
                    std::fs::read(path)
                        .is_ok_and(|text| parse_package_py_bytes(&text, path).is_ok())
                })
                .count()
        })
    });
    group.bench_function("FsProvider: list all 1266 families", |b| {
        b.iter(|| {
            let provider = FsProvider::new([&root]).unwrap_or_else(|e| panic!("{e}"));
            names
                .iter()
                .filter(|n| provider.family(n).ok().flatten().is_some())
                .count()
        })
    });
    group.bench_function(
        "FsProvider: list all, read the newest version of each",
        |b| {
            b.iter(|| {
                let provider = FsProvider::new([&root]).unwrap_or_else(|e| panic!("{e}"));
                for name in &names {
                    if let Ok(Some(family)) = provider.family(name) {
                        let _ = black_box(family.package(family.len() - 1));
                    }
                }
                black_box(provider.files_read())
            })
        },
    );
    group.bench_function(
        "FsProvider: list and load every package (one thread)",
        |b| {
            b.iter(|| {
                let provider = FsProvider::new([&root]).unwrap_or_else(|e| panic!("{e}"));
                for name in &names {
                    if let Ok(Some(family)) = provider.family(name) {
                        for i in 0..family.len() {
                            let _ = black_box(family.package(i));
                        }
                    }
                }
                black_box(provider.files_read())
            })
        },
    );
    group.bench_function(
        "FsProvider: list and load every package (rayon per family)",
        |b| {
            b.iter(|| {
                let provider = FsProvider::new([&root]).unwrap_or_else(|e| panic!("{e}"));
                for name in &names {
                    if let Ok(Some(family)) = provider.family(name) {
                        load_all_in_parallel(&family);
                    }
                }
                black_box(provider.files_read())
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
