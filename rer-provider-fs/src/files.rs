//! Reading definition files: only regular files, and only up to a bound.
//!
//! rez picks a definition with `os.path.isfile`, so a FIFO, a device (a
//! `package.py` linked to `/dev/null` or `/dev/zero`), a dangling or
//! self-looping link and a file it may not stat are not definition files:
//! the next candidate (`package.yaml`) is taken, or the version has none.
//! rer does the same, and so never blocks on a FIFO or reads a device
//! forever. A regular file larger than [`MAX_DEFINITION_BYTES`] is an error
//! rather than a read of unbounded size.

use std::fs;
use std::io::Read;
use std::path::Path;

use rer_repo::ProviderError;

/// The largest definition file rer reads: 16 MiB. Real ones are a few KB
/// (the benchmark's 18,226 `package.py` are all under 4 KB); rez itself has
/// no limit.
pub const MAX_DEFINITION_BYTES: u64 = 16 * 1024 * 1024;

/// `os.path.isfile`: a regular file, following symlinks; false on any error
/// (absent, a loop, no permission), as Python's is.
pub(crate) fn is_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// `os.path.isdir`, likewise.
pub(crate) fn is_dir(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// The bytes of `path` if it is a regular file (see the module docs), `None`
/// if it is not one.
///
/// # Errors
/// [`ProviderError::Io`] when the file cannot be read, or is larger than
/// [`MAX_DEFINITION_BYTES`].
pub(crate) fn read_regular(path: &Path) -> Result<Option<Vec<u8>>, ProviderError> {
    if !is_file(path) {
        return Ok(None);
    }
    let file = fs::File::open(path).map_err(|e| ProviderError::io(path, &e))?;
    // The path may have been replaced since it was checked: check the file
    // that was opened.
    let meta = file.metadata().map_err(|e| ProviderError::io(path, &e))?;
    if !meta.is_file() {
        return Ok(None);
    }
    let too_large = || ProviderError::Io {
        path: path.to_path_buf(),
        kind: std::io::ErrorKind::FileTooLarge,
        message: format!(
            "the file is larger than {MAX_DEFINITION_BYTES} bytes, the most rer reads of one definition file"
        ),
    };
    if meta.len() > MAX_DEFINITION_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_DEFINITION_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ProviderError::io(path, &e))?;
    if bytes.len() as u64 > MAX_DEFINITION_BYTES {
        return Err(too_large());
    }
    Ok(Some(bytes))
}
