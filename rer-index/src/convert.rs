//! A [`Package`] to a record's data and back, exactly or not at all.
//!
//! Requirements are kept as their text. A package is recorded only when
//! every requirement's text reads back to the same requirement (equal, the
//! same text, the same weak flag and separator), so what a record gives
//! back is what reading the file gave: a requirement rez prints in a way
//! that reads back otherwise (rez's union can print `><=n|>n`) keeps its
//! package out of the index, read from its file every time.

use std::sync::Arc;

use rer_repo::{Package, PackageLocation};
use rer_version::{Requirement, Version};

use crate::record::PackageData;

/// The record data of `package`, or `None` when it cannot be recorded
/// exactly (a requirement that does not read back, build requirements that
/// are an error).
pub(crate) fn to_data(package: &Package) -> Option<PackageData> {
    let texts = |list: &[Requirement]| list.iter().map(exact_text).collect::<Option<Vec<_>>>();
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

/// The package `name`-`version` from its record data; `None` if a
/// requirement does not parse (a record this build did not write).
pub(crate) fn to_package(
    name: &Arc<str>,
    version: &Version,
    data: &PackageData,
) -> Option<Package> {
    let parse = |list: &[String]| {
        list.iter()
            .map(|t| Requirement::parse_request(t).ok())
            .collect::<Option<Vec<_>>>()
    };
    Some(Package {
        name: Arc::clone(name),
        version: version.clone(),
        requires: parse(&data.requires)?,
        variants: data
            .variants
            .iter()
            .map(|v| parse(v))
            .collect::<Option<Vec<_>>>()?,
        timestamp: data.timestamp,
        build_requires: Ok(parse(&data.build_requires)?),
        private_build_requires: Ok(parse(&data.private_build_requires)?),
        uri: data.uri.as_str().into(),
        location: data.location.as_ref().map(|(base, subpaths)| {
            Arc::new(PackageLocation {
                base: base.clone(),
                variant_subpaths: subpaths.clone(),
            })
        }),
    })
}

/// The text of `requirement` if it reads back to exactly `requirement`.
fn exact_text(requirement: &Requirement) -> Option<String> {
    let text = requirement.to_string();
    let back = Requirement::parse_request(&text).ok()?;
    let same = back == *requirement
        && back.is_weak() == requirement.is_weak()
        && back.separator() == requirement.separator()
        && back.range() == requirement.range()
        && back.to_string() == text;
    same.then_some(text)
}

/// `text` as a version that prints as `text`, or `None`.
pub(crate) fn exact_version(text: &str) -> Option<Version> {
    let version = Version::parse(text).ok()?;
    (version.as_str() == text).then_some(version)
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

    #[test]
    fn requirements_of_every_form_read_back() {
        let p = package(&[
            "bar", "bar-1", "~baz-2+", "!qux<3", "a==1.0", "b@1", "c#2", ".eph-1",
        ]);
        let data = to_data(&p).expect("recordable");
        let back = to_package(&p.name, &p.version, &data).expect("reads back");
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
        let data = to_data(&p).expect("recordable");
        let back = to_package(&p.name, &p.version, &data).expect("reads back");
        assert_eq!(
            back.variant_root(Some(0)).as_deref(),
            Some("/r/foo/1.0/_v/a")
        );
        assert_eq!(back, p);
    }

    #[test]
    fn build_requirements_that_are_an_error_are_not_recorded() {
        let mut p = package(&[]);
        p.build_requires = Err(rer_repo::ProviderError::Other {
            family: "foo".into(),
            message: "bad".into(),
        });
        assert_eq!(to_data(&p), None);
    }
}
