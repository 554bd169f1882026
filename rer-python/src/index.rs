//! `rer.Solver`'s `index=` option: the persistent repository index
//! (crate `rer-index`) over the filesystem repositories it reads, with the
//! `rer` command's rules for where it lives.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::prelude::*;
use rer_index::IndexOptions;

use crate::errors::invalid_option;

/// The index a `Solver` uses: `index=True` (the default) keeps it where the
/// `rer` command does (`RER_INDEX_DIR`, else `rer` in the platform's cache
/// directory), `index=False` turns it off, and a path (`str` or
/// `os.PathLike`) names its directory. `RER_NO_INDEX` (any value but empty
/// or `0`) turns it off whatever is given, as it does for the command.
/// `None` when it is off, or there is no cache directory.
///
/// # Errors
/// `TypeError` for a value that is neither a bool nor a path.
pub fn options(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<Option<IndexOptions>> {
    let dir: Option<PathBuf> = match given {
        None => None,
        Some(value) if value.is_instance_of::<pyo3::types::PyBool>() => {
            if !value.extract::<bool>()? {
                return Ok(None);
            }
            None
        }
        Some(value) => match value.extract::<PathBuf>() {
            Ok(dir) if !dir.as_os_str().is_empty() => Some(dir),
            Ok(_) => {
                return Err(invalid_option(
                    py,
                    "index must be True, False or a directory, not an empty path".to_string(),
                ));
            }
            Err(_) => {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "index must be True, False or a directory (str or os.PathLike), got {}",
                    value.get_type().name()?
                )));
            }
        },
    };
    if IndexOptions::disabled_by_env() {
        return Ok(None);
    }
    let options = match dir {
        Some(dir) => IndexOptions::new(dir),
        None => match IndexOptions::from_env() {
            Some(options) => options,
            None => return Ok(None),
        },
    };
    Ok(Some(options.reader(reader_identity(py))))
}

/// This build of the extension: its version and its file's path, size and
/// modification time, so that a rebuilt `rer` (which may read a file
/// differently) starts its own index rather than trusting the old one's
/// readings, as the `rer` command names its executable.
fn reader_identity(py: Python<'_>) -> String {
    static IDENTITY: OnceLock<String> = OnceLock::new();
    IDENTITY
        .get_or_init(|| {
            let file = py
                .import("rer._rer")
                .and_then(|m| m.getattr("__file__"))
                .and_then(|f| f.extract::<PathBuf>())
                .ok();
            let stamp = file
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| (m.len(), m.modified().ok()));
            format!(
                "rer-python {} {file:?} {stamp:?}",
                env!("CARGO_PKG_VERSION")
            )
        })
        .clone()
}
