//! A bad `build_requires` under `-b`: rez 3.4.0's `rez env -b` raises
//! `PackageMetadataError` ("Validation of key 'build_requires' failed")
//! for a requirement that does not parse, a string instead of a list, and
//! a list item that is not a string, and resolves without `-b` (the field
//! is read only for a build). rer reports each as an error of the kind of
//! the fault, naming the file and line, and resolves without `-b`.

mod common;

use std::fs;

const PACKAGES: &[(&str, &str, &str)] = &[
    // (package, build_requires as written, rer's error kind)
    ("badreq", "['bar-1+<']", "invalid_requirement"),
    ("notalist", "'bar'", "package_parse"),
    ("notastring", "[1]", "package_parse"),
];

#[test]
fn a_bad_build_requires_is_a_typed_error_under_build_and_ignored_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: String| {
        let path = dir.path().join(name).join("1.0");
        fs::create_dir_all(&path).expect("mkdir");
        fs::write(path.join("package.py"), text).expect("write");
    };
    write("bar", "name = 'bar'\nversion = '1.0'\n".into());
    for (name, build_requires, kind) in PACKAGES {
        write(
            name,
            format!("name = '{name}'\nversion = '1.0'\nbuild_requires = {build_requires}\n"),
        );
        let out = common::run(common::solve("--repo", dir.path()).args(["--json", "-b", name]));
        let got = common::json_of(&out);
        assert_eq!(out.code, 2, "{name}: {}", out.stdout);
        assert_eq!(got["status"], "error", "{name}");
        assert_eq!(got["error"]["kind"], *kind, "{name}: {}", got["error"]);
        let message = got["error"]["message"].as_str().expect("message");
        assert!(
            message.contains(&format!("{name}/1.0/package.py:3")),
            "{name}: {message}"
        );
        let out = common::run(common::solve("--repo", dir.path()).args(["--json", name]));
        assert_eq!(
            common::json_of(&out)["status"],
            "solved",
            "{name} without -b"
        );
    }
}
