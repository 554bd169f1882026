//! Turning a [`PackageDefinition`] into a [`Package`]: every requirement
//! string parsed as rez's `PackageRequest` parses it.

use std::path::Path;
use std::sync::Arc;

use rer_repo::{Package, ProviderError};
use rer_version::{Requirement, Version};

use crate::definition::PackageDefinition;

/// Builds the package `name`-`version` from its definition read at `path`,
/// with `uri` as its uri; `base` is the package's directory (rez's
/// `package.base`), `None` for a combined package, which has none.
///
/// # Errors
/// [`ProviderError::InvalidPackage`] for the first requirement that is not a
/// valid rez package request, naming the file and line that set it.
pub(crate) fn build(
    name: &Arc<str>,
    version: Version,
    definition: PackageDefinition,
    uri: Arc<str>,
    path: &Path,
    base: Option<&Path>,
) -> Result<Package, ProviderError> {
    let qualified = || {
        if version.is_empty() {
            name.to_string()
        } else {
            format!("{name}-{version}")
        }
    };
    let origin = |line: Option<usize>| match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    };
    let parse = |text: &String, field: &'static str, line: Option<usize>| {
        Requirement::parse_request(text).map_err(|e| ProviderError::InvalidPackage {
            package: qualified(),
            origin: origin(line),
            field,
            value: text.clone(),
            message: e.to_string(),
        })
    };
    let requires = definition
        .requires
        .iter()
        .map(|r| parse(r, "requires", definition.requires_line))
        .collect::<Result<Vec<_>, _>>()?;
    let variants = definition
        .variants
        .iter()
        .map(|v| {
            v.iter()
                .map(|r| parse(r, "variants", definition.variants_line))
                .collect()
        })
        .collect::<Result<Vec<Vec<_>>, _>>()?;
    let build_list = |list: Result<(Vec<String>, Option<usize>), ProviderError>,
                      field: &'static str| {
        let (texts, line) = list?;
        texts.iter().map(|r| parse(r, field, line)).collect()
    };
    let build_requires = build_list(definition.build_requires, "build_requires");
    let private_build_requires =
        build_list(definition.private_build_requires, "private_build_requires");
    let location = base.map(|base| {
        Arc::new(crate::variant_dirs::location(
            base,
            definition.hashed_variants,
            &variants,
        ))
    });
    Ok(Package {
        location,
        name: Arc::clone(name),
        version,
        requires,
        variants,
        timestamp: definition.timestamp,
        build_requires,
        private_build_requires,
        uri,
    })
}
