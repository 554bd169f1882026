//! Combined family files: `<root>/<family>.py` or `<root>/<family>.yaml`
//! holding every version of a family, as rez's
//! `FileSystemCombinedPackageFamilyResource` reads them.
//!
//! ```yaml
//! versions: ['1.0', '1.1']
//! requires: [python-2.7]
//! version_overrides:
//!   '1.1+':
//!     requires: [python-3]
//! ```
//!
//! Each version's data is the file's data with every `version_overrides`
//! entry whose range contains the version applied on top, in file order.
//! Without `versions` (or with an empty list) the file is one unversioned
//! package. Package uris are rez's: `<file><version>` in angle brackets,
//! e.g. `/repo/foo.yaml<1.1>`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_repo::{Package, ProviderError};
use rer_version::{Version, VersionRange};

use crate::definition::{
    PackageDefinition, definition, known, read_py_fields, read_yaml_fields, string_list,
};
use crate::evaluate::{EvalQuery, EvalSetup, evaluate_refused, with_remedy};
use crate::fields::{self, Fields};
use crate::files::read_regular;
use crate::layout::Source;
use crate::stats::Stats;
use rer_pyread::Value;

/// A combined family file, read once when its family is first asked for.
#[derive(Debug)]
pub(crate) struct CombinedFile {
    path: PathBuf,
    family: Arc<str>,
    fields: Fields,
}

impl CombinedFile {
    /// Reads and parses `path` (a `.py` or `.yaml` file).
    pub(crate) fn read(
        path: &Path,
        family: &str,
        stats: &Stats,
    ) -> Result<CombinedFile, ProviderError> {
        let bytes = read_regular(path)?.ok_or_else(|| ProviderError::Io {
            path: path.to_path_buf(),
            kind: std::io::ErrorKind::NotFound,
            message: "the combined family file is no longer a file".to_string(),
        })?;
        stats.file_read();
        let fields = if path.extension().is_some_and(|e| e == "yaml") {
            read_yaml_fields(&yaml_text(&bytes, path)?, path)?
        } else {
            read_py_fields(&bytes, path)?
        };
        Ok(CombinedFile {
            path: path.to_path_buf(),
            family: family.into(),
            fields,
        })
    }

    /// The versions the file defines, each with this file as its source;
    /// when the static reader refuses `versions`, as `eval`'s evaluator
    /// lists them.
    pub(crate) fn versions(
        self: &Arc<Self>,
        eval: &EvalSetup,
    ) -> Result<Vec<(Version, Source)>, ProviderError> {
        let listed = match self.fields.get("versions") {
            None => Vec::new(),
            Some(field) => match known(field, "versions", &self.path) {
                Ok(value) => string_list(value, "versions", field.line, &self.path)?,
                Err(refused @ ProviderError::NeedsEvaluation { .. }) => {
                    self.evaluated_versions(eval, refused)?
                }
                Err(other) => return Err(other),
            },
        };
        if listed.is_empty() {
            return Ok(vec![(
                Version::default(),
                Source::Combined(Arc::clone(self)),
            )]);
        }
        listed
            .iter()
            .map(|text| {
                let version = Version::parse(text).map_err(|e| ProviderError::InvalidPackage {
                    package: self.family.to_string(),
                    origin: self.path.display().to_string(),
                    field: "versions",
                    value: text.clone(),
                    message: e.to_string(),
                })?;
                Ok((version, Source::Combined(Arc::clone(self))))
            })
            .collect()
    }

    /// `versions` as the evaluator lists them, or `refused` without one
    /// that can.
    fn evaluated_versions(
        &self,
        eval: &EvalSetup,
        refused: ProviderError,
    ) -> Result<Vec<String>, ProviderError> {
        let (Some(evaluator), Some(root)) = (&eval.evaluator, self.path.parent()) else {
            return Err(refused);
        };
        let query = EvalQuery {
            family: &self.family,
            version: "",
            root,
            path: &self.path,
            roots: &eval.roots,
            request: eval.request.as_deref(),
            implicits: &eval.implicits,
        };
        // An evaluator that cannot run says why as a NeedsEvaluation of
        // its own with no field or construct; keep what the static reader
        // found (field, line, construct) and give it the evaluator's remedy.
        let listed = evaluator.combined_versions(&query).map_err(|e| match e {
            ProviderError::NeedsEvaluation { remedy, .. } => with_remedy(refused.clone(), remedy),
            other => other,
        })?;
        listed.ok_or(refused)
    }

    /// The package `version` of this file's family: read statically, or,
    /// when the static reader refuses it, through `eval`'s evaluator (rez
    /// loads the file and applies its `version_overrides`).
    pub(crate) fn package(
        &self,
        version: &Version,
        eval: &EvalSetup,
        stats: &Stats,
    ) -> Result<Package, ProviderError> {
        match (self.read_package(version), self.path.parent()) {
            (Err(refused @ ProviderError::NeedsEvaluation { .. }), Some(root)) => {
                let (_, definition) =
                    evaluate_refused(eval, stats, &self.family, refused, version, root)?;
                self.build(version, definition)
            }
            (read, _) => read,
        }
    }

    fn build(
        &self,
        version: &Version,
        definition: PackageDefinition,
    ) -> Result<Package, ProviderError> {
        let uri = format!("{}<{version}>", self.path.display());
        crate::package::build(
            &self.family,
            version.clone(),
            definition,
            uri.into(),
            &self.path,
            None,
        )
    }

    fn read_package(&self, version: &Version) -> Result<Package, ProviderError> {
        let mut data = self.fields.clone();
        if data.remove("versions").is_some() && !version.is_empty() {
            if let Some(field) = data.remove("version_overrides") {
                let Value::Dict(entries) = known(&field, "version_overrides", &self.path)? else {
                    return Err(self.error(
                        field.line,
                        "'version_overrides' must be a mapping of version ranges to mappings",
                    ));
                };
                for (range, overrides) in entries {
                    let Value::Str(range_text) = range else {
                        return Err(
                            self.error(field.line, "a 'version_overrides' key is not a string")
                        );
                    };
                    let range = VersionRange::parse(range_text).map_err(|e| {
                        ProviderError::InvalidPackage {
                            package: self.family.to_string(),
                            origin: self.path.display().to_string(),
                            field: "version_overrides",
                            value: range_text.clone(),
                            message: e.to_string(),
                        }
                    })?;
                    let Value::Dict(overrides) = overrides else {
                        return Err(self.error(
                            field.line,
                            &format!("'version_overrides' entry {range_text:?} is not a mapping"),
                        ));
                    };
                    if range.contains(version) {
                        fields::update(&mut data, fields::from_dict(overrides, field.line));
                    }
                }
            }
        }
        let definition = definition(&data, &self.path)?;
        self.build(version, definition)
    }

    fn error(&self, line: Option<usize>, message: &str) -> ProviderError {
        ProviderError::Parse {
            path: self.path.clone(),
            line,
            message: message.to_string(),
        }
    }
}

/// The text of a YAML file; YAML files must be UTF-8.
pub(crate) fn yaml_text(bytes: &[u8], path: &Path) -> Result<String, ProviderError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = 1 + bytes[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ProviderError::Parse {
            path: path.to_path_buf(),
            line: Some(line),
            message: "the file is not valid UTF-8".to_string(),
        }
    })
}
