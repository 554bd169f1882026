//! Random rez repositories and requests, for property tests.
//!
//! A [`GenRepo`] is plain strings — family names, version strings,
//! requirement strings — so that every provider stack can be built from the
//! same data: in memory, as `package.py` files on disk, or through a closure.
//! The strategies aim at the shapes that make rez's solver work: versions of
//! every form rez allows, ranges of every syntax, weak (`~`) and conflict
//! (`!`) requirements, variants, cycles, and families that do not exist.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;

/// One package of a generated repository, as strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenPackage {
    /// The version string.
    pub version: String,
    /// Requirement strings shared by every variant.
    pub requires: Vec<String>,
    /// Variants, each a list of requirement strings.
    pub variants: Vec<Vec<String>>,
}

/// A generated repository: family name to its packages (distinct versions),
/// plus a request to solve against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenRepo {
    /// Families by name, each with its packages in generation order.
    pub families: BTreeMap<String, Vec<GenPackage>>,
    /// The request: requirement strings.
    pub request: Vec<String>,
}

/// Family names: a small alphabet so that requirements often hit existing
/// families, plus `zmissing`, which no repository defines.
const NAMES: [&str; 7] = ["app", "base", "core", "lib", "py", "tool", "zmissing"];

/// Versions of the shapes rez allows: numeric, dotted, dashed, alphanumeric,
/// with underscores and leading zeros.
pub fn version() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u8..4).prop_map(|a| a.to_string()),
        4 => (0u8..4, 0u8..3).prop_map(|(a, b)| format!("{a}.{b}")),
        2 => (0u8..3, 0u8..3, 0u8..2).prop_map(|(a, b, c)| format!("{a}.{b}.{c}")),
        1 => (0u8..3, 0u8..2).prop_map(|(a, b)| format!("{a}-{b}")),
        1 => (0u8..3, prop::sample::select(vec!["a", "b", "rc1", "A", "_x", "alpha2"])).prop_map(|(a, s)| format!("{a}.0{s}")),
        1 => (0u8..3).prop_map(|a| format!("0{a}")),
    ]
}

/// A version range in one of rez's syntaxes, over generated versions.
pub fn range() -> impl Strategy<Value = String> {
    let v = version;
    prop_oneof![
        3 => v().prop_map(|a| a),
        2 => v().prop_map(|a| format!("{a}+")),
        1 => v().prop_map(|a| format!("=={a}")),
        1 => v().prop_map(|a| format!("<{a}")),
        1 => v().prop_map(|a| format!(">={a}")),
        1 => (v(), v()).prop_map(|(a, b)| format!("{a}+<{b}")),
        1 => (v(), v()).prop_map(|(a, b)| format!("{a}|{b}")),
        1 => v().prop_map(|a| format!("~{a}")),
    ]
}

/// A requirement string: plain, ranged, weak or conflict.
pub fn requirement() -> impl Strategy<Value = String> {
    let name = prop::sample::select(NAMES.to_vec());
    (name, prop::option::weighted(0.6, range()), 0u8..10).prop_map(|(name, range, kind)| {
        let prefix = match kind {
            0 => "~",
            1 => "!",
            _ => "",
        };
        match range {
            // `<`, `>` and `=` separate a name from its range by themselves;
            // anything else needs rez's `-`.
            Some(r) if r.starts_with(['<', '>', '=']) => format!("{prefix}{name}{r}"),
            Some(r) => format!("{prefix}{name}-{r}"),
            None => format!("{prefix}{name}"),
        }
    })
}

fn package() -> impl Strategy<Value = GenPackage> {
    (
        version(),
        prop::collection::vec(requirement(), 0..3),
        prop::collection::vec(prop::collection::vec(requirement(), 0..2), 0..3),
    )
        .prop_map(|(version, requires, variants)| GenPackage { version, requires, variants })
}

/// A repository of up to six families (never `zmissing`) with up to five
/// versions each, and a request of one to three requirements.
pub fn repo() -> impl Strategy<Value = GenRepo> {
    let family = prop::collection::vec(package(), 1..6);
    (
        prop::collection::btree_map(prop::sample::select(NAMES[..6].to_vec()), family, 1..7),
        prop::collection::vec(requirement(), 1..4),
    )
        .prop_map(|(families, request)| GenRepo {
            families: families
                .into_iter()
                .map(|(name, mut packages)| {
                    // Versions within a family must be distinct as rez sees
                    // them; `1.0` and `1-0` are the same version to rez, so
                    // compare the dotted forms.
                    let mut seen = std::collections::HashSet::new();
                    packages.retain(|p| seen.insert(p.version.replace('-', ".")));
                    (name.to_string(), packages)
                })
                .collect(),
            request,
        })
}

/// The text of a `package.py` defining `package` of family `name`.
pub fn package_py(name: &str, package: &GenPackage) -> String {
    let list = |items: &[String]| items.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
    let mut text = format!("name = {name:?}\nversion = {:?}\n", package.version);
    if !package.requires.is_empty() {
        let _ = writeln!(text, "requires = [{}]", list(&package.requires));
    }
    if !package.variants.is_empty() {
        let variants: Vec<String> = package.variants.iter().map(|v| format!("[{}]", list(v))).collect();
        let _ = writeln!(text, "variants = [{}]", variants.join(", "));
    }
    text
}

/// Writes `repo` as a rez filesystem repository under `root`:
/// `<root>/<family>/<version>/package.py`.
pub fn write_repo(repo: &GenRepo, root: &Path) -> std::io::Result<()> {
    for (name, packages) in &repo.families {
        for package in packages {
            let dir = root.join(name).join(&package.version);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("package.py"), package_py(name, package))?;
        }
    }
    Ok(())
}
