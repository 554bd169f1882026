//! Which configuration files rez reads, and reading one.

use std::path::{Path, PathBuf};

use crate::env::Environment;
use crate::error::ConfigError;
use crate::node::Origin;
use crate::python_file::{self, Entries};

/// The files rez 3.4.0 searches after its own `rezconfig.py`: each entry
/// of `REZ_CONFIG_FILE` (split on `:`), then `~/.rezconfig` unless
/// `REZ_DISABLE_HOME_CONFIG` is `1`, `t` or `true` (any case).
///
/// # Errors
/// [`ConfigError::Unreadable`] when a variable deciding the list is set
/// to a value that is not valid Unicode: rez would search the files it
/// names, rer cannot be sure which, and refuses rather than skip them.
pub(crate) fn search_list(env: &Environment) -> Result<Vec<PathBuf>, ConfigError> {
    let refuse = |name: &str| ConfigError::Unreadable {
        origin: Origin::Variable(name.to_string()),
        message: "the value is not valid Unicode, which rer cannot read as text".to_string(),
    };
    for name in ["REZ_CONFIG_FILE", "REZ_DISABLE_HOME_CONFIG"] {
        if env.is_not_unicode(name) {
            return Err(refuse(name));
        }
    }
    let mut files = Vec::new();
    if let Some(list) = env.var("REZ_CONFIG_FILE").filter(|v| !v.is_empty()) {
        files.extend(list.split(':').map(PathBuf::from));
    }
    let disabled = env
        .var("REZ_DISABLE_HOME_CONFIG")
        .is_some_and(|v| ["1", "t", "true"].contains(&v.to_lowercase().as_str()));
    if !disabled {
        if env.is_not_unicode("HOME") {
            return Err(refuse("HOME"));
        }
        let home = env.home().unwrap_or("~");
        files.push(Path::new(home).join(".rezconfig"));
    }
    Ok(files)
}

/// Reads the configuration file rez takes for the searched path `path`:
/// `<path without its extension>.py` as Python if that is a file, else
/// `path` itself as YAML if it is a file, else nothing (`Ok(None)`).
/// Returns the file read and what it sets of `settings`.
///
/// So `~/.rezconfig` is read as `~/.rezconfig.py` when that exists, and
/// `site.yaml` in `REZ_CONFIG_FILE` is read as `site.py` when that exists,
/// as rez reads them; `~/.rezconfig.yaml` is not looked at.
///
/// # Errors
/// [`ConfigError::Unreadable`] when the file cannot be read or parsed.
pub(crate) fn load(
    path: &Path,
    settings: &[&str],
) -> Result<Option<(PathBuf, Entries)>, ConfigError> {
    let py = python_path(path);
    if py.is_file() {
        let bytes = read(&py)?;
        let entries = python_file::read(&bytes, &py, settings)?;
        return Ok(Some((py, entries)));
    }
    if path.is_file() {
        let bytes = read(path)?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Unreadable {
            origin: file_origin(path, None),
            message: "not valid UTF-8".to_string(),
        })?;
        let mapping =
            rer_provider_fs::read_yaml_mapping(&text).map_err(|e| ConfigError::Unreadable {
                origin: file_origin(path, (e.line > 0).then_some(e.line)),
                message: e.message,
            })?;
        let entries = mapping
            .into_iter()
            .filter(|(key, _, _)| settings.contains(&key.as_str()))
            .map(|(key, line, value)| (key, Ok((line, python_file::node(value)))))
            .collect();
        return Ok(Some((path.to_path_buf(), entries)));
    }
    Ok(None)
}

/// Python's `os.path.splitext(path)[0] + ".py"`: a leading dot of the file
/// name does not start an extension (`.rezconfig` has none).
fn python_path(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    let name_start = text.rfind('/').map_or(0, |i| i + 1);
    let name = &text[name_start..];
    let stem_len = name.trim_start_matches('.').len();
    let leading_dots = name.len() - stem_len;
    let cut = match name[leading_dots..].rfind('.') {
        Some(i) => name_start + leading_dots + i,
        None => text.len(),
    };
    PathBuf::from(format!("{}.py", &text[..cut]))
}

fn read(path: &Path) -> Result<Vec<u8>, ConfigError> {
    std::fs::read(path).map_err(|e| ConfigError::Unreadable {
        origin: file_origin(path, None),
        message: e.to_string(),
    })
}

fn file_origin(path: &Path, line: Option<usize>) -> Origin {
    Origin::File {
        path: path.to_path_buf(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_python_twin_is_found_as_splitext_finds_it() {
        for (given, py) in [
            ("/h/.rezconfig", "/h/.rezconfig.py"),
            ("/h/.rezconfig.yaml", "/h/.rezconfig.py"),
            ("/c/site.yaml", "/c/site.py"),
            ("/c/site.py", "/c/site.py"),
            ("/c.d/site", "/c.d/site.py"),
            ("rel/a.b.c", "rel/a.b.py"),
        ] {
            assert_eq!(python_path(Path::new(given)), PathBuf::from(py), "{given}");
        }
    }

    #[test]
    fn the_search_list_follows_the_variables() {
        let env = Environment::from_vars([("HOME", "/h"), ("REZ_CONFIG_FILE", "/a.py:/b.yaml")]);
        assert_eq!(
            search_list(&env).unwrap(),
            ["/a.py", "/b.yaml", "/h/.rezconfig"].map(PathBuf::from)
        );
        let env = Environment::from_vars([("HOME", "/h"), ("REZ_DISABLE_HOME_CONFIG", "True")]);
        assert!(search_list(&env).unwrap().is_empty());
        let env = Environment::from_vars([("HOME", "/h"), ("REZ_DISABLE_HOME_CONFIG", "yes")]);
        assert_eq!(search_list(&env).unwrap(), [PathBuf::from("/h/.rezconfig")]);
    }
}
