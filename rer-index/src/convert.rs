//! A [`Package`] to a record's data and back, exactly or not at all.
//!
//! Requirements are kept as their text. A package is recorded only when
//! every requirement's text reads back to the same requirement (equal, the
//! same text, the same weak flag and separator), so what a record gives
//! back is what reading the file gave: a requirement rez prints in a way
//! that reads back otherwise (rez's union can print `><=n|>n`) keeps its
//! package out of the index, read from its file every time.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rer_repo::{Package, PackageLocation};
use rer_version::{Requirement, Version};

use crate::codes::Codes;
use crate::probe::Probe;
use crate::record::{Body, PackageOut, Place, Spot};

/// The fields of a [`rer_repo::Package`] a solve reads, requirements as
/// text (each checked to read back to the same requirement when recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackageData {
    pub(crate) requires: Vec<String>,
    pub(crate) variants: Vec<Vec<String>>,
    pub(crate) timestamp: Option<i64>,
    pub(crate) build_requires: Vec<String>,
    pub(crate) private_build_requires: Vec<String>,
    pub(crate) uri: String,
    /// The package's directory and its hashed variants' subpaths
    /// ([`rer_repo::PackageLocation`]), when it has one.
    pub(crate) location: Option<(String, Option<Vec<String>>)>,
}

impl PackageData {
    /// The package `version` with this data, read in the states `probes`,
    /// as it is written for the root `root` (its text, when it has one).
    pub(crate) fn out<'a>(
        &'a self,
        version: &'a str,
        probes: &[(Spot, Probe)],
        root: Option<&str>,
    ) -> PackageOut<'a> {
        let strs = |list: &'a [String]| list.iter().map(String::as_str).collect::<Vec<_>>();
        let place = |path: &'a str| match root {
            Some(root) => Place::of(root, path),
            None => Place::Exact(path),
        };
        PackageOut {
            version,
            probes: probes.to_vec(),
            requires: strs(&self.requires),
            variants: self.variants.iter().map(|v| strs(v)).collect(),
            timestamp: self.timestamp,
            build_requires: strs(&self.build_requires),
            private_build_requires: strs(&self.private_build_requires),
            uri: place(&self.uri),
            location: self
                .location
                .as_ref()
                .map(|(base, subpaths)| (place(base), subpaths.as_ref().map(|s| strs(s)))),
        }
    }
}

/// The record data of `package`, or `None` when it cannot be recorded
/// exactly (a requirement that does not read back, build requirements that
/// are an error).
pub(crate) fn to_data(package: &Package, exact: &ExactTexts) -> Option<PackageData> {
    let mut known = exact.known.lock().unwrap_or_else(PoisonError::into_inner);
    let mut texts = |list: &[Requirement]| {
        list.iter()
            .map(|r| exact_text(r, &mut known))
            .collect::<Option<Vec<_>>>()
    };
    Some(PackageData {
        requires: texts(&package.requires)?,
        variants: package
            .variants
            .iter()
            .map(|v| texts(v))
            .collect::<Option<Vec<_>>>()?,
        timestamp: package.timestamp,
        build_requires: texts(package.build_requires.as_ref().ok()?)?,
        private_build_requires: texts(package.private_build_requires.as_ref().ok()?)?,
        uri: package.uri.to_string(),
        location: package
            .location
            .as_ref()
            .map(|l| (l.base.clone(), l.variant_subpaths.clone())),
    })
}

/// The package `name`-`version` from its stored body in root `root`,
/// requirement `i` of the record being `requirement(i)`; `None` if a
/// requirement is missing or does not parse (a record this build did not
/// write).
pub(crate) fn from_body(
    name: &Arc<str>,
    version: &Version,
    body: &Body<'_>,
    root: &Path,
    requirement: impl Fn(u32) -> Option<Requirement>,
) -> Option<Package> {
    let list = |codes: &Codes<'_>| {
        let mut list = Vec::with_capacity(codes.max_len());
        for code in codes.iter() {
            list.push(requirement(code?)?);
        }
        Some(list)
    };
    // (the root's text once, for both paths)
    let root = root.to_str();
    Some(Package {
        name: Arc::clone(name),
        version: version.clone(),
        requires: list(&body.requires)?,
        variants: {
            let mut variants = Vec::with_capacity(body.variants.len());
            for codes in &body.variants {
                variants.push(list(codes)?);
            }
            variants
        },
        timestamp: body.timestamp,
        build_requires: Ok(list(&body.build_requires)?),
        private_build_requires: Ok(list(&body.private_build_requires)?),
        uri: body.uri.resolve(root)?.into(),
        location: match &body.location {
            None => None,
            Some((base, subpaths)) => Some(Arc::new(PackageLocation {
                base: base.resolve(root)?,
                variant_subpaths: subpaths
                    .as_ref()
                    .map(|s| s.iter().map(|p| p.to_string()).collect()),
            })),
        },
    })
}

/// What each requirement text reads back to, worked out once per text:
/// the requirement it parses to, if it parses and prints as the same text.
#[derive(Debug, Default)]
pub(crate) struct ExactTexts {
    known: Mutex<HashMap<String, Option<Requirement>>>,
}

/// The text of `requirement` if it reads back to exactly `requirement`;
/// `known` holds what texts seen before read back to.
fn exact_text(
    requirement: &Requirement,
    known: &mut HashMap<String, Option<Requirement>>,
) -> Option<String> {
    let text = requirement.to_string();
    let back = match known.get(&text) {
        Some(back) => back.as_ref(),
        None => {
            let back = Requirement::parse_request(&text)
                .ok()
                .filter(|back| back.to_string() == text);
            known.entry(text.clone()).or_insert(back).as_ref()
        }
    }?;
    let same = *back == *requirement
        && back.is_weak() == requirement.is_weak()
        && back.separator() == requirement.separator()
        && back.range() == requirement.range();
    same.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(requires: &[&str]) -> Package {
        let mut p = Package::new("foo", Version::parse("1.0").expect("version"));
        p.requires = requires
            .iter()
            .map(|r| Requirement::parse_request(r).expect("requirement"))
            .collect();
        p
    }

    /// `p` recorded in root `/r`, and read back from its record.
    fn round_trip(p: &Package) -> Package {
        let data = to_data(p, &ExactTexts::default()).expect("recordable");
        let mut out = [data.out("1.0", &[], Some("/r"))];
        let bytes = crate::record::encode(b"/r", "foo", None, &mut out).expect("encodes");
        let stored = crate::record::StoredRecord::decode(bytes).expect("decodes");
        let body = stored.body(0).expect("body");
        let requirement = |i: u32| Requirement::parse_request(stored.requirement(i as usize)?).ok();
        from_body(&p.name, &p.version, &body, Path::new("/r"), requirement).expect("reads back")
    }

    #[test]
    fn requirements_of_every_form_read_back() {
        let mut p = package(&[
            "bar", "bar-1", "~baz-2+", "!qux<3", "a==1.0", "b@1", "c#2", ".eph-1",
        ]);
        p.uri = "/r/foo/1.0/package.py".into();
        let back = round_trip(&p);
        assert_eq!(back, p);
        let text = |p: &Package| p.requires.iter().map(|r| r.to_string()).collect::<Vec<_>>();
        assert_eq!(text(&back), text(&p));
    }

    #[test]
    fn the_location_reads_back() {
        let mut p = package(&[]);
        p.variants = vec![vec![
            Requirement::parse_request("bar").expect("requirement"),
        ]];
        p.location = Some(Arc::new(PackageLocation {
            base: "/r/foo/1.0".into(),
            variant_subpaths: Some(vec!["_v/a".into()]),
        }));
        let back = round_trip(&p);
        assert_eq!(
            back.variant_root(Some(0)).as_deref(),
            Some("/r/foo/1.0/_v/a")
        );
        assert_eq!(back, p);
    }

    #[test]
    fn texts_seen_before_give_what_they_gave_the_first_time() {
        let exact = ExactTexts::default();
        let a = package(&["bar-1", "~baz-2+", "!qux<3"]);
        let b = package(&["!qux<3", "bar-1", "c#2"]);
        let first = (to_data(&a, &exact), to_data(&b, &exact));
        let again = (to_data(&a, &exact), to_data(&b, &exact));
        let alone = (
            to_data(&a, &ExactTexts::default()),
            to_data(&b, &ExactTexts::default()),
        );
        assert!(first.0.is_some() && first.1.is_some());
        assert_eq!(first, again);
        assert_eq!(first, alone);
    }

    #[test]
    fn build_requirements_that_are_an_error_are_not_recorded() {
        let mut p = package(&[]);
        p.build_requires = Err(rer_repo::ProviderError::Other {
            family: "foo".into(),
            message: "bad".into(),
        });
        assert_eq!(to_data(&p, &ExactTexts::default()), None);
    }
}
