//! The memory provider: built in code or from packages.json, validated up front.

use rer_provider_memory::{JsonError, MemoryProvider};
use rer_repo::{FamilyProvider, Package, ProviderError};
use rer_version::Version;

fn version(s: &str) -> Version {
    s.parse().expect("test version")
}

const DOC: &str = r#"{"families": {
  "foo": [
    {"name": "foo", "version": "2.0", "requires": ["bar-1+", "~baz<3"], "variants": [["python-2.7"], ["python-3"]], "timestamp": 12},
    {"name": "foo", "version": "1.0"}
  ],
  "bar": [{"version": "1.5", "requires": ["!foo-1"]}]
}}"#;

#[test]
fn json_in_same_packages_out() {
    let provider = MemoryProvider::from_json_str(DOC, "doc.json").unwrap();
    assert_eq!(provider.family_count(), 2);
    assert_eq!(provider.package_count(), 3);
    let foo = provider.family("foo").unwrap().unwrap();
    assert_eq!(foo.versions(), &[version("1.0"), version("2.0")]);
    let two = foo.package(1).unwrap();
    let shown =
        |r: &[rer_version::Requirement]| r.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    assert_eq!(shown(&two.requires), ["bar-1+", "~baz<3"]);
    assert_eq!(two.variants.len(), 2);
    assert_eq!(shown(&two.variants[1]), ["python-3"]);
    assert_eq!(two.timestamp, Some(12));
    assert_eq!(&*two.uri, "doc.json:foo/2.0");
    let one = foo.package(0).unwrap();
    assert!(one.requires.is_empty() && one.variants.is_empty() && one.timestamp.is_none());
    let bar = provider.family("bar").unwrap().unwrap();
    assert_eq!(shown(&bar.package(0).unwrap().requires), ["!foo-1"]);
    assert!(provider.family("baz").unwrap().is_none());
}

#[test]
fn same_packages_from_code_as_from_json() {
    let from_json = MemoryProvider::from_json_str(DOC, "doc.json").unwrap();
    let mut packages = Vec::new();
    for name in ["foo", "bar"] {
        let family = from_json.family(name).unwrap().unwrap();
        for i in (0..family.len()).rev() {
            packages.push(Package::clone(family.package(i).unwrap()));
        }
    }
    let from_code = MemoryProvider::from_packages(packages).unwrap();
    for name in ["foo", "bar"] {
        assert_eq!(
            from_code.family(name).unwrap(),
            from_json.family(name).unwrap()
        );
    }
}

fn package_error(doc: &str) -> ProviderError {
    match MemoryProvider::from_json_str(doc, "bad.json") {
        Err(JsonError::Package(e)) => e,
        other => panic!("expected a package error, got {other:?}"),
    }
}

#[test]
fn bad_version_names_the_package_and_string() {
    let e = package_error(r#"{"families": {"foo": [{"version": "1..2"}]}}"#);
    assert!(
        matches!(&e, ProviderError::InvalidPackage { field: "version", value, .. } if value == "1..2"),
        "{e:?}"
    );
    assert!(e.to_string().contains("foo-1..2"), "{e}");
}

#[test]
fn bad_requirement_names_the_package_and_string() {
    let e = package_error(r#"{"families": {"foo": [{"version": "1", "requires": ["bar-3+<2"]}]}}"#);
    assert!(
        matches!(&e, ProviderError::InvalidPackage { field: "requires", value, .. } if value == "bar-3+<2"),
        "{e:?}"
    );
    assert!(e.to_string().contains("foo-1"), "{e}");
    let e = package_error(r#"{"families": {"foo": [{"version": "1", "variants": [["py-!!"]]}]}}"#);
    assert!(
        matches!(
            &e,
            ProviderError::InvalidPackage {
                field: "variants",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn name_differing_from_family_is_an_error() {
    let e = package_error(r#"{"families": {"foo": [{"name": "bar", "version": "1"}]}}"#);
    assert!(
        matches!(&e, ProviderError::InvalidPackage { field: "name", .. }),
        "{e:?}"
    );
}

#[test]
fn duplicate_versions_are_an_error() {
    let e = package_error(r#"{"families": {"foo": [{"version": "1.0"}, {"version": "1.0"}]}}"#);
    assert!(
        matches!(&e, ProviderError::DuplicateVersion { .. }),
        "{e:?}"
    );
}

#[test]
fn malformed_documents_are_syntax_errors_with_a_place() {
    for doc in [
        "",
        "{",
        r#"{"families": []}"#,
        r#"{"families": {"foo": [{"requires": []}]}}"#,
        r#"{"fam": {}}"#,
    ] {
        match MemoryProvider::from_json_str(doc, "bad.json") {
            Err(e @ JsonError::Syntax { .. }) => {
                assert!(e.to_string().starts_with("bad.json: "), "{e}")
            }
            other => panic!("{doc:?}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    match MemoryProvider::from_json_file("/no/such/packages.json") {
        Err(JsonError::Io(e)) => assert!(e.to_string().contains("/no/such/packages.json"), "{e}"),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn whole_benchmark_loads() {
    let unpacked = rer_tests::benchmark::unpack_once().unwrap_or_else(|e| panic!("{e}"));
    let provider = MemoryProvider::from_json_file(&unpacked.packages_json).unwrap();
    assert_eq!(provider.family_count(), 1266);
    assert_eq!(provider.package_count(), 18226);
}
