//! Writes generated repositories and requests as JSON, for rez to answer.
//!
//! `cargo run -p rer-tests --example gen_random_repos -- COUNT > repos.json`
//! then `python tests/data/record_rez_random.py repos.json > tests/data/rez_random.json`
//! under rez 3.4.0. The generator is seeded, so the same COUNT gives the
//! same repositories.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rer_tests::repo_gen::repo;
use serde_json::json;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = repo();
    let mut cases = Vec::with_capacity(count);
    for _ in 0..count {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let generated = tree.current();
        let families: serde_json::Map<String, serde_json::Value> = generated
            .families
            .iter()
            .map(|(name, packages)| {
                let list: Vec<serde_json::Value> = packages
                    .iter()
                    .map(|p| json!({"version": p.version, "requires": p.requires, "variants": p.variants}))
                    .collect();
                (name.clone(), serde_json::Value::Array(list))
            })
            .collect();
        cases.push(json!({"families": families, "request": generated.request}));
    }
    println!(
        "{}",
        serde_json::to_string(&json!({ "cases": cases })).unwrap_or_default()
    );
}
