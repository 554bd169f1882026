//! The filesystem provider gives the same families and packages as the
//! memory provider for the same packages, whatever way the definitions are
//! written.

mod common;

use std::sync::Arc;

use rer_provider_fs::FsProvider;
use rer_provider_memory::MemoryProvider;
use rer_repo::{FamilyProvider, Package, PackageLocation};
use rer_version::{Requirement, Version};

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const FAMILIES: [&str; 6] = ["alpha", "beta", "gamma_x", "delta.io", "Eps1", "z"];
const RANGES: [&str; 8] = [
    "",
    "-1",
    "-1.2+",
    "-2+<3",
    "==1.0",
    "-1|3",
    "-1.0.0rc1+",
    "<2",
];

fn requirement(rng: &mut Rng) -> String {
    let prefix = ["", "", "", "~", "!"][rng.next(5) as usize];
    let family = FAMILIES[rng.next(FAMILIES.len() as u64) as usize];
    let range = RANGES[rng.next(RANGES.len() as u64) as usize];
    format!("{prefix}{family}{range}")
}

/// A Python string literal for `s`, in one of several quotings.
fn quoted(s: &str, style: u64) -> String {
    match style {
        0 => format!("'{s}'"),
        1 => format!("\"{s}\""),
        2 => format!("'''{s}'''"),
        3 => format!("r\"{s}\""),
        4 => format!("u'{s}'"),
        _ => {
            let (a, b) = s.split_at(s.len() / 2);
            format!("'{a}' \"{b}\"")
        }
    }
}

fn py_list(items: &[String], rng: &mut Rng) -> String {
    let style = rng.next(6);
    let items: Vec<String> = items.iter().map(|s| quoted(s, style)).collect();
    match rng.next(3) {
        0 => format!("[{}]", items.join(", ")),
        1 => format!("[\n    {},\n]", items.join(",\n    # a comment\n    ")),
        _ => format!("\\\n    [{}]", items.join(",\n     ")),
    }
}

fn package_py(p: &(Vec<String>, Vec<Vec<String>>, Option<i64>), rng: &mut Rng) -> String {
    let mut src = String::from("# -*- coding: utf-8 -*-\n\nname = 'ignored'\n\nversion = '0'\n\n");
    if !p.0.is_empty() || rng.next(2) == 0 {
        src += &format!("requires = {}\n\n", py_list(&p.0, rng));
    }
    if !p.1.is_empty() {
        let variants: Vec<String> =
            p.1.iter()
                .map(|v| py_list(v, rng).replace("\\\n", ""))
                .collect();
        src += &format!("variants = [\n    {}\n]\n\n", variants.join(",\n    "));
    }
    if rng.next(2) == 0 {
        src += "def commands():\n    env.PATH.append('{root}/bin')\n\n";
    }
    if let Some(t) = p.2 {
        src += &format!("timestamp = {t}\n");
    }
    src += "format_version = 2\n";
    src
}

fn package_yaml(p: &(Vec<String>, Vec<Vec<String>>, Option<i64>)) -> String {
    let quote = |s: &String| format!("'{s}'");
    let mut src = String::from("name: ignored\n");
    src += &format!(
        "requires: [{}]\n",
        p.0.iter().map(quote).collect::<Vec<_>>().join(", ")
    );
    if !p.1.is_empty() {
        src += "variants:\n";
        for v in &p.1 {
            src += &format!(
                "- [{}]\n",
                v.iter().map(quote).collect::<Vec<_>>().join(", ")
            );
        }
    }
    if let Some(t) = p.2 {
        src += &format!("timestamp: {t}\n");
    }
    src
}

#[test]
fn fs_and_memory_providers_agree() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let dir = tempfile::tempdir().unwrap();
    let root = common::canonical(dir.path());
    let mut expected = Vec::new();
    for family in FAMILIES {
        let count = 1 + rng.next(6);
        for v in 0..count {
            let version = format!("{}.{}", v / 2, v % 3);
            let requires: Vec<String> = (0..rng.next(4)).map(|_| requirement(&mut rng)).collect();
            let variants: Vec<Vec<String>> = (0..rng.next(3))
                .map(|_| {
                    (0..1 + rng.next(2))
                        .map(|_| requirement(&mut rng))
                        .collect()
                })
                .collect();
            let timestamp = (rng.next(3) > 0).then(|| 1_600_000_000 + rng.next(1000) as i64);
            let data = (requires, variants, timestamp);
            let yaml = rng.next(5) == 0;
            let file = root.join(family).join(&version).join(if yaml {
                "package.yaml"
            } else {
                "package.py"
            });
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let text = if yaml {
                package_yaml(&data)
            } else {
                package_py(&data, &mut rng)
            };
            std::fs::write(&file, text).unwrap();
            let parse = |r: &String| Requirement::parse_request(r).unwrap();
            expected.push(Package {
                name: Arc::from(family),
                version: Version::parse(&version).unwrap(),
                requires: data.0.iter().map(parse).collect(),
                variants: data
                    .1
                    .iter()
                    .map(|v| v.iter().map(parse).collect())
                    .collect(),
                timestamp: data.2,
                build_requires: Ok(Vec::new()),
                private_build_requires: Ok(Vec::new()),
                uri: file.to_str().unwrap().into(),
                // the version directory: rez's package.base
                location: Some(Arc::new(PackageLocation::new(
                    file.parent().unwrap().to_str().unwrap(),
                ))),
            });
        }
    }
    let memory = MemoryProvider::from_packages(expected).unwrap();
    let fs = FsProvider::new([&root]).unwrap();
    for family in FAMILIES {
        let want = memory.family(family).unwrap().unwrap();
        let got = fs.family(family).unwrap().unwrap();
        assert_eq!(*got, *want, "family {family}");
    }
    assert!(fs.family("missing").unwrap().is_none());
    assert!(memory.family("missing").unwrap().is_none());
}
