//! Prints every package of the given families as rer reads them from
//! repository roots, one tab-separated line per package (family, version,
//! uri, requires, variants, timestamp) or per failure, for comparison with
//! what rez reads:
//! `cargo run -p rer-provider-fs --example dump_repo -- ROOT[:ROOT...] FAMILY...`.

use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;

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
    for name in args {
        let family = match provider.family(&name) {
            Ok(Some(f)) => f,
            Ok(None) => {
                println!("{name}\tNOT FOUND");
                continue;
            }
            Err(e) => {
                println!("{name}\tERR\t{e}");
                continue;
            }
        };
        for i in 0..family.len() {
            match family.package(i) {
                Ok(p) => {
                    let requires: Vec<String> =
                        p.requires.iter().map(ToString::to_string).collect();
                    let variants: Vec<Vec<String>> = p
                        .variants
                        .iter()
                        .map(|v| v.iter().map(ToString::to_string).collect())
                        .collect();
                    let timestamp = p.timestamp.map_or("None".to_string(), |t| t.to_string());
                    println!(
                        "{name}\t{}\t{}\t{requires:?}\t{variants:?}\t{timestamp}",
                        p.version, p.uri
                    );
                }
                Err(e) => println!("{name}\t{}\tERR\t{e}", family.versions()[i]),
            }
        }
    }
}
