//! Times the static reader on every `package.py` under a repository root:
//! `cargo run --release -p rer-provider-fs --example parse_tree -- ROOT [ROUNDS]`.
//!
//! Files are read into memory first, so the figure is parsing alone.

use std::path::PathBuf;
use std::time::Instant;

use rer_provider_fs::parse_package_py_bytes;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: parse_tree ROOT [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut files = Vec::new();
    for family in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for version in std::fs::read_dir(family.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = version.path().join("package.py");
            if let Ok(bytes) = std::fs::read(&path) {
                files.push((path, bytes));
            }
        }
    }
    let start = Instant::now();
    let mut errors = 0;
    for _ in 0..rounds {
        errors = files
            .iter()
            .filter(|(p, b)| parse_package_py_bytes(b, p).is_err())
            .count();
    }
    let per_round = start.elapsed() / rounds.max(1);
    println!(
        "{} files, {errors} errors: {per_round:?} per round, {:.2} µs per file",
        files.len(),
        per_round.as_secs_f64() * 1e6 / files.len().max(1) as f64
    );
}
