//! `rer config` and bad site configuration, from the user's side: every
//! error names the file, line or variable and the setting, exits 2, and
//! never panics.

mod common;

use common::{bare_site, run};
use serde_json::Value;

fn site_with(file: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let path = dir.path().join(file);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

#[test]
fn config_lists_every_setting_with_its_origin() {
    let (_dir, file) = site_with("site.py", "implicit_packages = ModifyList(append=['~x'])\n");
    let out = run(bare_site()
        .env("REZ_CONFIG_FILE", &file)
        .env("REZ_VARIANT_SELECT_MODE", "intersection_priority")
        .arg("config"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for setting in [
        "packages_path",
        "local_packages_path",
        "implicit_packages",
        "package_filter",
        "package_orderers",
        "variant_select_mode",
        "error_on_missing_variant_requires",
        "allow_unversioned_packages",
        "system.platform",
        "system.os",
    ] {
        assert!(
            out.stdout.contains(&format!("{setting}: ")),
            "{setting}: {}",
            out.stdout
        );
    }
    assert!(
        out.stdout
            .contains(&format!("    from default, then {}:1\n", file.display())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("    from $REZ_VARIANT_SELECT_MODE\n"),
        "{}",
        out.stdout
    );

    let out = run(bare_site()
        .env("REZ_CONFIG_FILE", &file)
        .args(["config", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let implicit = &v["settings"]["implicit_packages"];
    assert_eq!(
        implicit["value"].as_array().expect("list").last(),
        Some(&"~x".into())
    );
    assert_eq!(implicit["origins"][0]["kind"], "default");
    assert_eq!(implicit["origins"][1]["line"], 1);
    assert_eq!(v["sourced_files"][0], file.display().to_string());
}

#[test]
fn one_setting_prints_as_rez_config_prints_it() {
    let out = run(bare_site()
        .env("REZ_PACKAGES_PATH", "/a:/b")
        .args(["config", "packages_path"]));
    assert_eq!((out.code, out.stdout.as_str()), (0, "- /a\n- /b\n"));
    let out = run(bare_site().args(["config", "allow_unversioned_packages"]));
    assert_eq!((out.code, out.stdout.as_str()), (0, "True\n"));
    let out = run(bare_site().args(["config", "release_packages_path"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("does not read"), "{}", out.stderr);
}

#[test]
fn a_yaml_syntax_error_stops_every_command_naming_file_and_line() {
    let (_dir, file) = site_with("site.yaml", "packages_path:\n  - /a\n - /b\n");
    for args in [
        &["solve", "foo"][..],
        &["config"],
        &["config", "packages_path"],
    ] {
        let out = run(bare_site().env("REZ_CONFIG_FILE", &file).args(args));
        assert_eq!(out.code, 2, "{args:?}");
        let expected = format!("{}:3", file.display());
        assert!(out.stderr.contains(&expected), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn a_setting_of_the_wrong_type_is_named_with_file_and_line() {
    let (_dir, file) = site_with("site.yaml", "packages_path: [/a]\nimplicit_packages: 3\n");
    let out = run(bare_site()
        .env("REZ_CONFIG_FILE", &file)
        .args(["solve", "--json", "foo"]));
    assert_eq!(out.code, 2);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["error"]["kind"], "config");
    let message = v["error"]["message"].as_str().expect("message");
    assert!(
        message.contains(&format!("{}:2", file.display())) && message.contains("implicit_packages"),
        "{message}"
    );
    // --ni does not read implicit_packages, so the bad value does not matter.
    let out = run(bare_site()
        .env("REZ_CONFIG_FILE", &file)
        .args(["solve", "--ni", "--json", "foo"]));
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_ne!(v["error"]["kind"], "config", "{v}");
}

#[test]
fn python_that_must_run_is_named_with_file_line_and_setting() {
    let (_dir, file) = site_with(
        "site.py",
        "import os\n\npackages_path = [os.environ['SITE']]\n",
    );
    let out = run(bare_site()
        .env("REZ_CONFIG_FILE", &file)
        .args(["config", "packages_path"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(&format!("{}:3", file.display()))
            && out.stderr.contains("packages_path"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_variable_is_named() {
    let out = run(bare_site()
        .env("REZ_PACKAGES_PATH", "/a")
        .env("REZ_ERROR_ON_MISSING_VARIANT_REQUIRES", "sometimes")
        .args(["solve", "foo"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("REZ_ERROR_ON_MISSING_VARIANT_REQUIRES"),
        "{}",
        out.stderr
    );
}
