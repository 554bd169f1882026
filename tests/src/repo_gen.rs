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
use rer_repo::Package;
use rer_version::{Requirement, Version};

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

/// A version range in one of rez's syntaxes, over generated versions. Some
/// are empty (`2+<1`, `3..1`), which rez rejects: they exercise the error paths.
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
        1 => v().prop_map(|a| format!(">{a}")),
        1 => (v(), v()).prop_map(|(a, b)| format!("{a}..{b}")),
    ]
}

/// A requirement string on any of the generator's names: plain, ranged,
/// weak or conflict. Used where no repository is at hand (requests for
/// batch tests); [`repo`] draws requirements from its own families instead.
pub fn requirement() -> impl Strategy<Value = String> {
    let name = prop::sample::select(NAMES.to_vec());
    (name, prop::option::weighted(0.6, range()), 0u8..10)
        .prop_map(|(name, range, kind)| join(kind, name, range))
}

/// Writes a requirement: `kind` 0 weak, 1 conflict, else plain.
fn join(kind: u8, name: &str, range: Option<String>) -> String {
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
}

/// A range built around the versions a family has, so that requirements
/// usually match something: `V`, `V+`, `<V`, `==V`, `V+<W`, `V|W`, or (rarely)
/// a range over arbitrary versions.
fn range_over(versions: Vec<String>) -> BoxedStrategy<String> {
    let pick = prop::sample::select(versions);
    prop_oneof![
        4 => pick.clone(),
        2 => pick.clone().prop_map(|a| format!("{a}+")),
        1 => pick.clone().prop_map(|a| format!("<{a}")),
        1 => pick.clone().prop_map(|a| format!("=={a}")),
        1 => (pick.clone(), pick.clone()).prop_map(|(a, b)| format!("{a}+<{b}")),
        1 => (pick.clone(), pick).prop_map(|(a, b)| format!("{a}|{b}")),
        1 => range(),
    ]
    .boxed()
}

/// A requirement drawn from `families` (name to versions): mostly on an
/// existing family with a range over its versions; sometimes on the missing
/// family `zmissing`.
fn requirement_in(families: &BTreeMap<String, Vec<String>>) -> BoxedStrategy<String> {
    let choices: Vec<BoxedStrategy<(String, Option<String>)>> = families
        .iter()
        .map(|(name, versions)| {
            let name = name.clone();
            prop::option::weighted(0.6, range_over(versions.clone()))
                .prop_map(move |r| (name.clone(), r))
                .boxed()
        })
        .collect();
    let existing = prop::strategy::Union::new(choices);
    prop_oneof![
        30 => existing,
        1 => Just(("zmissing".to_string(), None)),
    ]
    .prop_flat_map(|(name, range)| (Just(name), Just(range), 0u8..12))
    .prop_map(|(name, range, kind)| join(kind, &name, range))
    .boxed()
}

/// A repository of one to six families (never `zmissing`) with one to five
/// versions each, whose requirements mostly name its own families and
/// versions, and a request of one to three requirements.
pub fn repo() -> impl Strategy<Value = GenRepo> {
    let versions = prop::collection::btree_set(version(), 1..6).prop_map(|set| {
        // Versions within a family must be distinct as rez sees them; `1.0`
        // and `1-0` are the same version to rez, so compare dotted forms.
        let mut seen = std::collections::HashSet::new();
        set.into_iter()
            .filter(|v| seen.insert(v.replace('-', ".")))
            .collect::<Vec<_>>()
    });
    prop::collection::btree_map(
        prop::sample::select(NAMES[..6].to_vec()).prop_map(str::to_string),
        versions,
        1..7,
    )
    .prop_flat_map(|families| {
        let req = requirement_in(&families);
        let packages: Vec<BoxedStrategy<(String, GenPackage)>> = families
            .iter()
            .flat_map(|(name, versions)| versions.iter().map(move |v| (name.clone(), v.clone())))
            .map(|(name, version)| {
                (
                    prop::collection::vec(req.clone(), 0..3),
                    prop::collection::vec(prop::collection::vec(req.clone(), 0..2), 0..3),
                )
                    .prop_map(move |(requires, variants)| {
                        (
                            name.clone(),
                            GenPackage {
                                version: version.clone(),
                                requires,
                                variants,
                            },
                        )
                    })
                    .boxed()
            })
            .collect();
        (packages, prop::collection::vec(req, 1..4))
    })
    .prop_map(|(packages, request)| {
        let mut families: BTreeMap<String, Vec<GenPackage>> = BTreeMap::new();
        for (name, package) in packages {
            families.entry(name).or_default().push(package);
        }
        GenRepo { families, request }
    })
}

/// The text of a `package.py` defining `package` of family `name`.
pub fn package_py(name: &str, package: &GenPackage) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!("name = {name:?}\nversion = {:?}\n", package.version);
    if !package.requires.is_empty() {
        let _ = writeln!(text, "requires = [{}]", list(&package.requires));
    }
    if !package.variants.is_empty() {
        let variants: Vec<String> = package
            .variants
            .iter()
            .map(|v| format!("[{}]", list(v)))
            .collect();
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

/// One generated package, parsed; `None` if any of its strings is invalid.
pub fn parse_package(name: &str, p: &GenPackage) -> Option<Package> {
    let mut package = Package::new(name, Version::parse(&p.version).ok()?);
    package.requires = p
        .requires
        .iter()
        .map(|r| Requirement::parse_request(r).ok())
        .collect::<Option<_>>()?;
    package.variants = p
        .variants
        .iter()
        .map(|v| {
            v.iter()
                .map(|r| Requirement::parse_request(r).ok())
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<_>>()?;
    Some(package)
}
