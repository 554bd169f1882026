//! Packages as rer reads them, one tab-separated line per package (family,
//! version, uri, requires, variants, timestamp) or per failure: the format
//! of the recordings of what rez reads (`tests/data/rez/expected_*.txt`).
//! Shared by the `rez_test_repos` test and the `dump_repo` example.

use rer_provider_fs::FsProvider;
use rer_repo::FamilyProvider;

/// The lines for `families` as `provider` reads them, with `uri_prefix`
/// cut from each uri; errors carry their message when `messages` is set.
pub fn lines(
    provider: &FsProvider,
    families: &[&str],
    uri_prefix: &str,
    messages: bool,
) -> Vec<String> {
    let error = |e: &dyn std::fmt::Display| {
        if messages {
            format!("ERR\t{e}")
        } else {
            "ERR".to_string()
        }
    };
    let mut lines = Vec::new();
    for name in families {
        let family = match provider.family(name) {
            Ok(Some(f)) => f,
            Ok(None) => {
                lines.push(format!("{name}\tNOT FOUND"));
                continue;
            }
            Err(e) => {
                lines.push(format!("{name}\t{}", error(&e)));
                continue;
            }
        };
        for (i, version) in family.versions().iter().enumerate() {
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
                    let uri = p.uri.replace(uri_prefix, "");
                    lines.push(format!(
                        "{name}\t{version}\t{uri}\t{requires:?}\t{variants:?}\t{timestamp}"
                    ));
                }
                Err(e) => lines.push(format!("{name}\t{version}\t{}", error(&e))),
            }
        }
    }
    lines
}
