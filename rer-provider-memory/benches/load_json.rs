//! Time to build a MemoryProvider from the benchmark's packages.json.

use criterion::{Criterion, criterion_group, criterion_main};
use rer_provider_memory::MemoryProvider;

fn load(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/rez-benchmark/packages.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found; nothing to bench");
        return;
    };
    let mut group = c.benchmark_group("memory_provider");
    group.sample_size(20);
    group.bench_function("from_json_str(packages.json)", |b| {
        b.iter(|| MemoryProvider::from_json_str(&text, "packages.json").map(|p| p.package_count()))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
