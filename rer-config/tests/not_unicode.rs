//! Variables set to values that are not valid Unicode: rez (Python) reads
//! them with their stray bytes kept and searches what they name; rer
//! cannot hold them as text, so every setting or file list they decide is
//! refused with an error naming the variable, never taken as unset (which
//! would silently resolve against rez's defaults instead).
#![cfg(unix)]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use rer_config::{Config, ConfigError, Environment, Origin};

fn env(extra: &[(&str, &[u8])]) -> Environment {
    let mut vars: Vec<(OsString, OsString)> = vec![
        ("HOME".into(), "/nonexistent-home".into()),
        ("USER".into(), "me".into()),
        ("REZ_DISABLE_HOME_CONFIG".into(), "1".into()),
    ];
    vars.retain(|(name, _)| !extra.iter().any(|(n, _)| name == n));
    vars.extend(
        extra
            .iter()
            .map(|(n, v)| (OsString::from(n), OsString::from_vec(v.to_vec()))),
    );
    Environment::from_vars_os(vars)
}

#[test]
fn unicode_values_read_as_from_vars() {
    let env = env(&[("REZ_PACKAGES_PATH", b"/a:/b")]);
    assert_eq!(env.var("REZ_PACKAGES_PATH"), Some("/a:/b"));
    assert!(!env.is_not_unicode("REZ_PACKAGES_PATH"));
    let config = Config::load(&env).expect("loads");
    assert_eq!(config.packages_path().expect("valid"), ["/a", "/b"]);
}

#[test]
fn a_packages_path_that_is_not_unicode_is_refused_naming_the_variable() {
    let env = env(&[("REZ_PACKAGES_PATH", b"/tmp/repo\xff")]);
    assert_eq!(env.var("REZ_PACKAGES_PATH"), None);
    assert!(env.is_not_unicode("REZ_PACKAGES_PATH"));
    let config = Config::load(&env).expect("the other settings load");
    match config.packages_path() {
        Err(ConfigError::Setting {
            setting, origin, ..
        }) => {
            assert_eq!(setting, "packages_path");
            assert_eq!(origin, Origin::Variable("REZ_PACKAGES_PATH".into()));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_json_form_is_refused_too() {
    let env = env(&[("REZ_PACKAGES_PATH_JSON", b"[\"/tmp/repo\xff\"]")]);
    let err = Config::load(&env)
        .expect("loads")
        .packages_path()
        .expect_err("refused");
    assert!(err.to_string().contains("$REZ_PACKAGES_PATH_JSON"), "{err}");
}

#[test]
fn a_variable_a_setting_expands_is_refused_when_not_unicode() {
    // rez expands `$SITE` in the value; an unset `$SITE` would stay as
    // written, a set one that rer cannot read must not
    let env = env(&[
        ("REZ_PACKAGES_PATH", b"$SITE/packages"),
        ("SITE", b"/studio\xfe"),
    ]);
    let err = Config::load(&env)
        .expect("loads")
        .packages_path()
        .expect_err("refused");
    assert!(err.to_string().contains("$SITE"), "{err}");
}

#[test]
fn the_file_list_variables_are_refused_when_not_unicode() {
    for name in ["REZ_CONFIG_FILE", "REZ_DISABLE_HOME_CONFIG"] {
        let env = env(&[(name, b"/etc/rez\xff.py")]);
        match Config::load(&env) {
            Err(ConfigError::Unreadable { origin, .. }) => {
                assert_eq!(origin, Origin::Variable(name.into()));
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn home_is_refused_only_when_the_home_configuration_is_read() {
    let disabled = env(&[("HOME", b"/home/\xff")]);
    assert!(Config::load(&disabled).is_ok());
    let read = env(&[("HOME", b"/home/\xff"), ("REZ_DISABLE_HOME_CONFIG", b"0")]);
    match Config::load(&read) {
        Err(ConfigError::Unreadable { origin, .. }) => {
            assert_eq!(origin, Origin::Variable("HOME".into()));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_name_that_is_not_unicode_is_no_variable() {
    let vars = vec![(
        OsString::from_vec(b"REZ_\xff".to_vec()),
        OsString::from("x"),
    )];
    let env = Environment::from_vars_os(vars);
    assert_eq!(env, Environment::default());
}
