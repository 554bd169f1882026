//! Time to build a MemoryProvider from the benchmark's packages.json (the
//! repository's copy, unpacked once by `rer_tests::benchmark`).

use criterion::{Criterion, criterion_group, criterion_main};
use rer_provider_memory::MemoryProvider;

fn load(c: &mut Criterion) {
    let path = rer_tests::benchmark::unpack_once()
        .unwrap_or_else(|e| panic!("{e}"))
        .packages_json;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut group = c.benchmark_group("memory_provider");
    group.sample_size(20);
    group.bench_function("from_json_str(packages.json)", |b| {
        b.iter(|| MemoryProvider::from_json_str(&text, "packages.json").map(|p| p.package_count()))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
