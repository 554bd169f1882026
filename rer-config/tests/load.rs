//! Loading configurations from files and variables: precedence, merging,
//! and bad input named by file, line and setting.

use std::path::{Path, PathBuf};

use rer_config::{Config, ConfigError, Environment, Origin};
use serde_json::json;

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::TempDir::new().expect("tempdir"))
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

fn env(vars: &[(&str, &str)]) -> Environment {
    let mut all = vec![("HOME", "/nonexistent-home"), ("USER", "me")];
    all.extend_from_slice(vars);
    Environment::from_vars(all)
}

fn load(files: &[&Path], vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_files(files.iter().map(|p| p.to_path_buf()).collect(), &env(vars))
}

#[test]
fn defaults_are_rez_s() {
    let config = load(&[], &[]).expect("loads");
    assert_eq!(
        config.packages_path().expect("set"),
        [
            "/nonexistent-home/packages",
            "/nonexistent-home/.rez/packages/int",
            "/nonexistent-home/.rez/packages/ext"
        ]
    );
    let system = config.system();
    let implicit = config.implicit_packages().expect("set");
    assert_eq!(implicit[0], format!("~platform=={}", system.platform()));
    assert_eq!(
        implicit[1],
        format!("~arch=={}", system.arch().expect("arch"))
    );
    assert_eq!(config.package_filter().expect("set"), &json!([]));
    assert!(config.error_on_missing_variant_requires().expect("set"));
    assert!(config.allow_unversioned_packages().expect("set"));
    let setting = config.setting("packages_path").expect("read").expect("ok");
    assert_eq!(setting.origins, [Origin::Default]);
}

#[test]
fn files_merge_in_order_and_variables_win() {
    let dir = Dir::new();
    let a = dir.write("a.yaml", "packages_path: [/a]\nimplicit_packages: [x]\n");
    let b = dir.write(
        "b.py",
        "packages_path = ModifyList(prepend=['/p'], append=['/q'])\nimplicit_packages = ['y']\n",
    );
    let config = load(&[&a, &b], &[]).expect("loads");
    assert_eq!(config.packages_path().expect("set"), ["/p", "/a", "/q"]);
    let setting = config.setting("packages_path").expect("read").expect("ok");
    assert_eq!(
        setting.origins,
        [
            Origin::File {
                path: a.clone(),
                line: Some(1)
            },
            Origin::File {
                path: b.clone(),
                line: Some(1)
            }
        ]
    );
    assert_eq!(config.implicit_packages().expect("set"), ["y"]);

    let config = load(
        &[&a, &b],
        &[
            ("REZ_PACKAGES_PATH", "/v1:/v2"),
            ("REZ_IMPLICIT_PACKAGES_JSON", "[\"j\"]"),
            ("REZ_VARIANT_SELECT_MODE_JSON", "\"intersection_priority\""),
            ("REZ_VARIANT_SELECT_MODE", "version_priority"),
        ],
    )
    .expect("loads");
    assert_eq!(config.packages_path().expect("set"), ["/v1", "/v2"]);
    assert_eq!(config.implicit_packages().expect("set"), ["j"]);
    assert_eq!(
        config.variant_select_mode().expect("set"),
        rer_config::VariantSelectMode::VersionPriority
    );
}

#[test]
fn a_py_twin_is_read_instead_of_the_yaml_listed() {
    let dir = Dir::new();
    let yaml = dir.write("site.yaml", "packages_path: [/yaml]\n");
    dir.write("site.py", "packages_path = ['/py']\n");
    let config = load(&[&yaml], &[]).expect("loads");
    assert_eq!(config.packages_path().expect("set"), ["/py"]);
    assert_eq!(config.sourced_files(), [dir.path().join("site.py")]);
}

#[test]
fn a_yaml_syntax_error_names_the_file_and_line() {
    let dir = Dir::new();
    let bad = dir.write("bad.yaml", "packages_path:\n  - /a\n - /b\n");
    let e = load(&[&bad], &[]).expect_err("refused");
    let text = e.to_string();
    assert!(matches!(e, ConfigError::Unreadable { .. }), "{e:?}");
    assert!(text.contains("bad.yaml:3"), "{text}");
}

#[test]
fn a_setting_of_the_wrong_type_names_file_line_and_setting() {
    let dir = Dir::new();
    let bad = dir.write(
        "bad.yaml",
        "x: 1\nimplicit_packages: ~foo\nallow_unversioned_packages: 3\n",
    );
    let config = load(&[&bad], &[]).expect("loads");
    for (setting, line) in [("implicit_packages", 2), ("allow_unversioned_packages", 3)] {
        let Some(Err(e)) = config.setting(setting) else {
            panic!("{setting} accepted")
        };
        let text = e.to_string();
        assert!(text.contains(&format!("bad.yaml:{line}")), "{text}");
        assert!(text.contains(setting), "{text}");
    }
    // The other settings stay usable, as in rez, which checks each on use.
    assert!(config.packages_path().is_ok());
}

#[test]
fn bad_variables_are_named() {
    for (var, value) in [
        ("REZ_ALLOW_UNVERSIONED_PACKAGES", "maybe"),
        ("REZ_PACKAGES_PATH_JSON", "[not json"),
        ("REZ_PACKAGE_FILTER", "foo"),
        ("REZ_VARIANT_SELECT_MODE", "fastest"),
    ] {
        let config = load(&[], &[(var, value)]).expect("loads");
        let errors: Vec<String> = Config::setting_names()
            .filter_map(|n| config.setting(n)?.err().map(|e| e.to_string()))
            .collect();
        assert_eq!(errors.len(), 1, "{var}: {errors:?}");
        assert!(errors[0].contains(var), "{}", errors[0]);
    }
}

#[test]
fn modify_list_over_a_string_refuses_the_configuration() {
    let dir = Dir::new();
    let bad = dir.write(
        "bad.py",
        "\nlocal_packages_path = ModifyList(append=['x'])\n",
    );
    let e = load(&[&bad], &[]).expect_err("refused");
    assert!(e.to_string().contains("bad.py:2"), "{e}");
    assert!(e.to_string().contains("local_packages_path"), "{e}");
}

#[test]
fn what_cannot_be_read_statically_is_named() {
    let dir = Dir::new();
    let bad = dir.write(
        "bad.py",
        "import os\npackages_path = [os.path.join('/a', 'b')]\nother = os.getcwd()\n",
    );
    let config = load(&[&bad], &[]).expect("loads");
    let Some(Err(e)) = config.setting("packages_path") else {
        panic!("read a call statically")
    };
    let text = e.to_string();
    assert!(
        text.contains("bad.py:2") && text.contains("packages_path"),
        "{text}"
    );
    // The call on line 2 could have set any other setting too (through
    // globals(), say): none is read from the file after it.
    assert!(config.implicit_packages().is_err());
}

#[test]
fn strings_expand_variables_home_and_system_values() {
    let dir = Dir::new();
    let site = dir.write(
        "site.yaml",
        "packages_path: ['$ROOT/a', '~/b', '{system.user}/c']\nimplicit_packages: ['{nope}']\n",
    );
    let config = load(&[&site], &[("ROOT", "/r")]).expect("loads");
    assert_eq!(
        config.packages_path().expect("set"),
        ["/r/a", "/nonexistent-home/b", "me/c"]
    );
    assert_eq!(config.implicit_packages().expect("set"), ["{nope}"]);
}

#[test]
fn platform_map_rewrites_arch_and_os_in_order() {
    let dir = Dir::new();
    let site = dir.write(
        "site.py",
        "platform_map = {'arch': {'^(x86_64|aarch64|arm64)$': r'cpu_\\1'}, 'os': {'.*': 'any'}}\n\
         implicit_packages = ['~arch=={system.arch}', '~os=={system.os}']\n",
    );
    let config = load(&[&site], &[]).expect("loads");
    let implicit = config.implicit_packages().expect("set");
    assert!(implicit[0].starts_with("~arch==cpu_"), "{implicit:?}");
    assert_eq!(implicit[1], "~os==any");
}
