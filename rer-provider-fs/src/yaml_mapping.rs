//! The public face of the YAML reader, for other rez files read the same
//! way (rezconfig files).

use rer_pyread::{PyError, Value};

/// Reads a YAML document whose top level is a mapping, typing plain scalars
/// as rez's PyYAML `FullLoader` does (YAML 1.1: `yes` is `True`, `1.10` a
/// float): each top-level string key with the 1-based line of the key and
/// its value, in no particular order. An empty document is an empty mapping.
///
/// # Errors
/// A [`PyError`] (line and message) when the text is not YAML, holds more
/// than one document, or its top level is not a mapping.
pub fn read_yaml_mapping(text: &str) -> Result<Vec<(String, usize, Value)>, PyError> {
    let fields = crate::yaml::read_all_fields(text)?;
    Ok(fields
        .into_iter()
        .filter_map(|(key, field)| Some((key, field.line.unwrap_or(1), field.value.ok()?)))
        .collect())
}
