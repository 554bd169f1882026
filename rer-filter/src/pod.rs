//! rez's configuration format for filters: `PackageFilterList.from_pod`
//! and `to_pod`, over JSON values.

use serde_json::Value;

use crate::{FilterError, PackageFilter, PackageFilterList, Rule};

impl PackageFilterList {
    /// The filter list a rez configuration's `package_filter` setting
    /// describes: the documented way to build filters from a site's
    /// `rezconfig` (or `REZ_PACKAGE_FILTER_JSON`).
    ///
    /// Accepts what rez's setting accepts: `null` (no filters), one dict, or
    /// a list of dicts; in each dict, `excludes` and `includes` are one rule
    /// string or a list of them (other keys are ignored, as rez ignores
    /// them). Filters are added in order and kept sorted by cost, as rez's
    /// `from_pod` does.
    ///
    /// ```
    /// use rer_filter::PackageFilterList;
    /// let value = serde_json::json!([
    ///     {"excludes": ["glob(*.beta)"]},
    ///     {"excludes": ["after(1429830188)"], "includes": ["foo"]},
    /// ]);
    /// let filters = PackageFilterList::from_pod(&value)?;
    /// assert_eq!(filters.filters().len(), 2);
    /// # Ok::<(), rer_filter::FilterError>(())
    /// ```
    ///
    /// # Errors
    /// [`FilterError::Config`] for a value of another shape, and the rule
    /// errors of [`Rule::parse`], naming the rule.
    pub fn from_pod(value: &Value) -> Result<PackageFilterList, FilterError> {
        let dicts: Vec<&Value> = match value {
            Value::Null => Vec::new(),
            Value::Object(_) => vec![value],
            Value::Array(items) => items.iter().collect(),
            other => {
                return Err(config(format!(
                    "expected null, a dict or a list of dicts, got {other}"
                )));
            }
        };
        let mut list = PackageFilterList::new();
        for (i, dict) in dicts.into_iter().enumerate() {
            list.add_filter(PackageFilter::from_pod(dict).map_err(|e| match e {
                FilterError::Config { message } => config(format!("filter {i}: {message}")),
                other => other,
            })?);
        }
        Ok(list)
    }

    /// rez's `to_pod`: a list with one dict per filter, which
    /// [`PackageFilterList::from_pod`] reads back to the same filters.
    pub fn to_pod(&self) -> Value {
        Value::Array(self.filters().iter().map(PackageFilter::to_pod).collect())
    }
}

impl PackageFilter {
    /// rez's `PackageFilter.from_pod`: one dict of `excludes` and
    /// `includes`, each a rule string or a list of them.
    ///
    /// # Errors
    /// As [`PackageFilterList::from_pod`].
    pub fn from_pod(value: &Value) -> Result<PackageFilter, FilterError> {
        let Value::Object(dict) = value else {
            return Err(config(format!("expected a dict, got {value}")));
        };
        let mut filter = PackageFilter::new();
        for key in ["excludes", "includes"] {
            let texts: Vec<&str> = match dict.get(key) {
                None => Vec::new(),
                Some(Value::String(text)) => vec![text],
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|item| {
                        item.as_str().ok_or_else(|| {
                            config(format!("'{key}' must hold rule strings, not {item}"))
                        })
                    })
                    .collect::<Result<_, _>>()?,
                Some(other) => {
                    return Err(config(format!(
                        "'{key}' must be a rule string or a list of them, not {other}"
                    )));
                }
            };
            for text in texts {
                let rule = Rule::parse(text)?;
                if key == "excludes" {
                    filter.add_exclusion(rule);
                } else {
                    filter.add_inclusion(rule);
                }
            }
        }
        Ok(filter)
    }

    /// rez's `to_pod`: `{"excludes": [...], "includes": [...]}`, each key
    /// present only when it has rules.
    pub fn to_pod(&self) -> Value {
        let mut dict = serde_json::Map::new();
        for (key, rules) in [
            ("excludes", self.exclusions().collect::<Vec<_>>()),
            ("includes", self.inclusions().collect()),
        ] {
            if !rules.is_empty() {
                let texts = rules.iter().map(|r| Value::String(r.to_string())).collect();
                dict.insert(key.to_owned(), Value::Array(texts));
            }
        }
        Value::Object(dict)
    }
}

fn config(message: String) -> FilterError {
    FilterError::Config { message }
}
