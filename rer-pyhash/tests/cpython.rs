//! rer-pyhash against CPython 3.11 itself: the hashes and set orders
//! `data/record_cpython_sets.py` recorded under four `PYTHONHASHSEED`s.

use rer_pyhash::{HashSecret, PySet, hash_tuple};
use serde_json::Value;

fn recording() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cpython_sets.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("recording")).expect("json")
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|x| x.as_i64().expect("int"))
        .collect()
}

#[test]
fn hashes_and_set_orders_are_cpythons() {
    let doc = recording();
    let inputs: Vec<Vec<String>> = doc["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| {
            i.as_array()
                .expect("names")
                .iter()
                .map(|n| n.as_str().expect("name").to_string())
                .collect()
        })
        .collect();
    let seeds = doc["seeds"].as_object().expect("seeds");
    assert_eq!(seeds.len(), 4);
    let mut checked = 0;
    for (seed, run) in seeds {
        assert!(
            run["version"]
                .as_str()
                .expect("version")
                .starts_with("3.11.")
        );
        let secret = HashSecret::from_seed(seed.parse().expect("seed"));
        for (i, names) in inputs.iter().enumerate() {
            let rec = &run["strings"][i];
            let hashes: Vec<i64> = names.iter().map(|n| secret.hash_str(n)).collect();
            assert_eq!(hashes, ints(&rec["hashes"]), "seed {seed}, input {i}");
            let mut set = PySet::new();
            for (k, &h) in hashes.iter().enumerate() {
                set.insert(names[k].as_str(), h);
            }
            let order: Vec<i64> = set
                .iter()
                .map(|n| names.iter().position(|m| m == n).expect("member") as i64)
                .collect();
            assert_eq!(order, ints(&rec["order"]), "seed {seed}, input {i}");

            let first: Vec<&String> = names.iter().take(8).collect();
            let pairs: Vec<(&String, &String)> = first
                .iter()
                .flat_map(|&a| first.iter().map(move |&b| (a, b)))
                .collect();
            let rec = &run["tuples"][i];
            let hashes: Vec<i64> = pairs
                .iter()
                .map(|(a, b)| hash_tuple(&[secret.hash_str(a), secret.hash_str(b)]))
                .collect();
            assert_eq!(hashes, ints(&rec["hashes"]), "seed {seed}, pairs of {i}");
            let mut set = PySet::new();
            for (k, &h) in hashes.iter().enumerate() {
                set.insert(pairs[k], h);
            }
            let order: Vec<i64> = set
                .iter()
                .map(|p| pairs.iter().position(|q| q == p).expect("member") as i64)
                .collect();
            assert_eq!(order, ints(&rec["order"]), "seed {seed}, pairs of {i}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * inputs.len());
}
