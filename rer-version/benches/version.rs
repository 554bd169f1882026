//! Parse, compare and contains: the operations the solver does most.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rer_version::{Requirement, Version, VersionRange};

fn bench(c: &mut Criterion) {
    let texts = [
        "1.2.3",
        "2024.1",
        "10.0.1-beta2",
        "3.9.18",
        "1.0.0rc1",
        "0.52.0.dev3",
    ];
    c.bench_function("version_parse", |b| {
        b.iter(|| {
            for t in texts {
                black_box(Version::parse(black_box(t)).ok());
            }
        })
    });
    let versions: Vec<Version> = texts
        .iter()
        .filter_map(|t| Version::parse(t).ok())
        .collect();
    c.bench_function("version_compare", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in &versions {
                for x in &versions {
                    n += usize::from(black_box(a) < black_box(x));
                }
            }
            n
        })
    });
    c.bench_function("range_parse", |b| {
        b.iter(|| black_box(VersionRange::parse(black_box("1.2+<2|3.1..3.5|>=4.0.1")).ok()))
    });
    c.bench_function("requirement_parse", |b| {
        b.iter(|| black_box(Requirement::parse(black_box("~maya-2023+<2025")).ok()))
    });
    let range = VersionRange::parse("1.2+<2|3.1..3.5|>=4.0.1").ok();
    c.bench_function("range_contains", |b| {
        b.iter(|| {
            let mut n = 0usize;
            if let Some(r) = &range {
                for v in &versions {
                    n += usize::from(r.contains(black_box(v)));
                }
            }
            n
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
