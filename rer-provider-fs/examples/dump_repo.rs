//! Prints every package of the given families as rer reads them from
//! repository roots, one tab-separated line per package (family, version,
//! uri, requires, variants, timestamp) or per failure, for comparison with
//! what rez reads:
//! `cargo run -p rer-provider-fs --example dump_repo -- ROOT[:ROOT...] FAMILY...`.

use rer_provider_fs::FsProvider;

#[path = "../tests/dump/mod.rs"]
mod dump;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(roots) = args.next() else {
        eprintln!("usage: dump_repo ROOT[:ROOT...] FAMILY...");
        std::process::exit(2);
    };
    let provider = match FsProvider::new(std::env::split_paths(&roots)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let families: Vec<String> = args.collect();
    let families: Vec<&str> = families.iter().map(String::as_str).collect();
    for line in dump::lines(&provider, &families, "", true) {
        println!("{line}");
    }
}
