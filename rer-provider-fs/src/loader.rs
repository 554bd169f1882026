//! Reading one version's package when the solver first asks for it.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_repo::{Package, PackageLoader, ProviderError};
use rer_version::Version;

use crate::combined::yaml_text;
use crate::definition::{PackageDefinition, definition, read_py_fields, read_yaml_fields};
use crate::evaluate::{EvalSetup, evaluate_refused};
use crate::fields::{self, Field, Fields};
use crate::files::{is_dir, read_regular};
use crate::layout::Source;
use crate::stats::Stats;
use rer_pyread::Value;

/// The [`PackageLoader`] of one family: where each version is defined.
pub(crate) struct FsLoader {
    family: Arc<str>,
    /// Sorted by version, one entry per version.
    sources: Vec<(Version, Source)>,
    stats: Arc<Stats>,
    eval: Arc<EvalSetup>,
}

impl FsLoader {
    /// A loader for `family`; `sources` must be sorted by version without
    /// duplicates.
    pub(crate) fn new(
        family: Arc<str>,
        sources: Vec<(Version, Source)>,
        stats: Arc<Stats>,
        eval: Arc<EvalSetup>,
    ) -> Self {
        FsLoader {
            family,
            sources,
            stats,
            eval,
        }
    }
}

impl PackageLoader for FsLoader {
    fn load(&self, version: &Version) -> Result<Package, ProviderError> {
        let Ok(at) = self.sources.binary_search_by(|(v, _)| v.cmp(version)) else {
            return Err(ProviderError::Other {
                family: self.family.to_string(),
                message: format!("version {version} was not listed"),
            });
        };
        match &self.sources[at].1 {
            Source::VersionDir(dir) => {
                self.load_dir(dir, version, dir.parent().and_then(Path::parent))
            }
            Source::Unversioned(dir) => self.load_dir(dir, version, dir.parent()),
            Source::Combined(file) => file.package(version, &self.eval, &self.stats),
        }
    }
}

impl FsLoader {
    /// Reads the package in `dir` (of the repository `root`) statically, or
    /// by evaluation when the static reader refuses it and an evaluator was
    /// given.
    fn load_dir(
        &self,
        dir: &Path,
        version: &Version,
        root: Option<&Path>,
    ) -> Result<Package, ProviderError> {
        let (path, definition) = match (read_static(dir, &self.stats), root) {
            (Err(refused @ ProviderError::NeedsEvaluation { .. }), Some(root)) => evaluate_refused(
                &self.eval,
                &self.stats,
                &self.family,
                refused,
                version,
                root,
            )?,
            (read, _) => read?,
        };
        let uri: Arc<str> = path.display().to_string().into();
        crate::package::build(
            &self.family,
            version.clone(),
            definition,
            uri,
            &path,
            Some(dir),
        )
    }
}

/// Reads the definition in `dir` without running anything, with rez's
/// support for old releases' `release.yaml` / `release_time.txt`.
fn read_static(dir: &Path, stats: &Stats) -> Result<(PathBuf, PackageDefinition), ProviderError> {
    let (path, mut fields) = read_definition_file(dir, stats)?;
    if !fields.contains_key("timestamp") {
        old_formats(dir, &mut fields, stats)?;
    }
    let definition = definition(&fields, &path)?;
    Ok((path, definition))
}

/// Reads `<dir>/package.py`, or else `<dir>/package.yaml`: the first that is
/// a file, as rez's `_get_file` picks it.
pub(crate) fn read_definition_file(
    dir: &Path,
    stats: &Stats,
) -> Result<(PathBuf, Fields), ProviderError> {
    for name in ["package.py", "package.yaml"] {
        let path = dir.join(name);
        let Some(bytes) = read_regular(&path)? else {
            continue;
        };
        stats.file_read();
        let fields = if name == "package.py" {
            read_py_fields(&bytes, &path)?
        } else {
            read_yaml_fields(&yaml_text(&bytes, &path)?, &path)?
        };
        return Ok((path, fields));
    }
    Err(ProviderError::Io {
        path: dir.join("package.py"),
        kind: io::ErrorKind::NotFound,
        message: "missing package definition file: neither package.py nor package.yaml is a file in the version directory \
                  (rez: PackageDefinitionFileMissing)"
            .to_string(),
    })
}

/// rez's support for packages released by rez 1 and early rez 2, applied
/// when the definition has no `timestamp`: a `release.yaml` beside it is
/// merged over its data, or else `.metadata/release_time.txt` gives the
/// timestamp.
fn old_formats(dir: &Path, fields: &mut Fields, stats: &Stats) -> Result<(), ProviderError> {
    let release = dir.join("release.yaml");
    if let Some(bytes) = read_regular(&release)? {
        stats.file_read();
        let data = read_yaml_fields(&yaml_text(&bytes, &release)?, &release)?;
        fields::update(fields, data);
        return Ok(());
    }
    let metadata = dir.join(".metadata");
    if !is_dir(&metadata) {
        return Ok(());
    }
    let release_time = metadata.join("release_time.txt");
    if let Some(text) = read_regular(&release_time)? {
        stats.file_read();
        if let Ok(seconds) = String::from_utf8_lossy(&text).trim().parse::<i128>() {
            fields.insert(
                "timestamp".to_string(),
                Field {
                    line: Some(1),
                    value: Ok(Value::Int(seconds)),
                },
            );
        }
    }
    Ok(())
}
