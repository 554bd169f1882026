//! Finding a Python that has rez: `--rez-python`, `RER_REZ_PYTHON`, or the
//! interpreter named by the shebang of the `rez` on `PATH`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The environment variable naming a Python that has rez.
pub const REZ_PYTHON_VAR: &str = "RER_REZ_PYTHON";

/// Where the Python to evaluate with comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PythonSource {
    /// This interpreter (`--rez-python PATH` or `RER_REZ_PYTHON`).
    Given(PathBuf),
    /// The interpreter of the `rez` command found on this `PATH` value.
    RezOnPath(Option<std::ffi::OsString>),
}

impl PythonSource {
    /// `explicit` when given, else `RER_REZ_PYTHON` when set and not
    /// empty, else the `rez` on the process's `PATH`.
    pub fn from_env(explicit: Option<PathBuf>) -> PythonSource {
        if let Some(path) = explicit {
            return PythonSource::Given(path);
        }
        match std::env::var_os(REZ_PYTHON_VAR) {
            Some(v) if !v.is_empty() => PythonSource::Given(v.into()),
            _ => PythonSource::RezOnPath(std::env::var_os("PATH")),
        }
    }

    /// The interpreter to run.
    ///
    /// # Errors
    /// A sentence saying what was looked for and not found.
    pub fn locate(&self) -> Result<PathBuf, String> {
        match self {
            PythonSource::Given(path) => Ok(path.clone()),
            PythonSource::RezOnPath(path_var) => {
                let Some(rez) = find_on_path(OsStr::new("rez"), path_var.as_deref()) else {
                    return Err("no `rez` command is on PATH".to_string());
                };
                interpreter_of(&rez, path_var.as_deref())
            }
        }
    }
}

/// The first executable file called `name` in the directories of
/// `path_var`.
fn find_on_path(name: &OsStr, path_var: Option<&OsStr>) -> Option<PathBuf> {
    let path_var = path_var?;
    std::env::split_paths(path_var)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable_file(candidate))
}

fn is_executable_file(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The interpreter a script's `#!` line names (`#!/usr/bin/env python3`
/// looks `python3` up on `path_var`).
fn interpreter_of(script: &Path, path_var: Option<&OsStr>) -> Result<PathBuf, String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(script)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .map_err(|e| format!("cannot read {}: {e}", script.display()))?;
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(first);
    let Some(command) = line.strip_prefix("#!") else {
        return Err(format!(
            "{} (the `rez` on PATH) has no #! line naming its Python",
            script.display()
        ));
    };
    let mut words = command.split_whitespace();
    let Some(program) = words.next() else {
        return Err(format!("{} has an empty #! line", script.display()));
    };
    let program = PathBuf::from(program);
    if program.file_name() == Some(OsStr::new("env")) {
        let Some(name) = words.find(|w| !w.starts_with('-')) else {
            return Err(format!("{}'s #! line names no program", script.display()));
        };
        return find_on_path(OsStr::new(name), path_var).ok_or_else(|| {
            format!(
                "{}'s #! line runs `{name}`, which is not on PATH",
                script.display()
            )
        });
    }
    Ok(program)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        path
    }

    #[test]
    fn the_rez_on_path_names_its_python_in_its_shebang() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        script(dir.path(), "rez", "#!/opt/rez/bin/python3.11\nimport sys\n");
        let source = PythonSource::RezOnPath(Some(dir.path().as_os_str().to_owned()));
        assert_eq!(
            source.locate(),
            Ok(PathBuf::from("/opt/rez/bin/python3.11"))
        );
    }

    #[test]
    fn an_env_shebang_is_looked_up_on_path() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        script(dir.path(), "rez", "#!/usr/bin/env -S python9\n");
        let python = script(dir.path(), "python9", "");
        let source = PythonSource::RezOnPath(Some(dir.path().as_os_str().to_owned()));
        assert_eq!(source.locate(), Ok(python));
    }

    #[test]
    fn no_rez_on_path_says_so() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let source = PythonSource::RezOnPath(Some(dir.path().as_os_str().to_owned()));
        let error = source.locate().expect_err("no rez");
        assert!(error.contains("no `rez` command is on PATH"), "{error}");
        let none = PythonSource::RezOnPath(None);
        assert!(none.locate().is_err());
    }

    #[test]
    fn a_rez_without_a_shebang_is_named() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        script(dir.path(), "rez", "\x7fELF binary");
        let source = PythonSource::RezOnPath(Some(dir.path().as_os_str().to_owned()));
        let error = source.locate().expect_err("no shebang");
        assert!(error.contains("no #! line"), "{error}");
    }
}
