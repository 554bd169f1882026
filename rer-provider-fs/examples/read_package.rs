//! Prints what rer reads from package definition files:
//! `cargo run -p rer-provider-fs --example read_package -- FILE...`.
//!
//! One line per file: the path, then `requires`, `variants` and `timestamp`
//! (or the error), tab-separated.

use std::path::Path;

use rer_provider_fs::{parse_package_py_bytes, parse_package_yaml};

fn main() {
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let result = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if arg.ends_with(".yaml") {
                    parse_package_yaml(&String::from_utf8_lossy(&bytes), path)
                } else {
                    parse_package_py_bytes(&bytes, path)
                }
                .map_err(|e| e.to_string())
            });
        match result {
            Ok(d) => println!(
                "{arg}\tOK\t{:?}\t{:?}\t{:?}",
                d.requires, d.variants, d.timestamp
            ),
            Err(e) => println!("{arg}\tERR\t{e}"),
        }
    }
}
