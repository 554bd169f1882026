//! A `rer solve --json` / `rer batch --json` report as the tests compare
//! it: its answer in the terms of rez's recorded answers, and the report
//! without what differs between two runs of the same solve.

use serde_json::Value;

use crate::benchmark::{Expected, ExpectedVariant};

/// The report's answer in rez's terms: the resolved variants in order, or
/// a failure; `Err` naming the status (and the error's text) for an error
/// or any other status, or what is missing from a malformed report.
///
/// # Errors
/// A report that is not solved or failed, or a solved one without a
/// `resolved` list of named, versioned variants.
pub fn expected_of(report: &Value) -> Result<Expected, String> {
    match report["status"].as_str() {
        Some("solved") => report["resolved"]
            .as_array()
            .ok_or("a solved report without a resolved list")?
            .iter()
            .map(variant)
            .collect::<Result<_, String>>()
            .map(Expected::Solved),
        Some("failed") => Ok(Expected::Failed),
        Some("error") => Err(format!("error: {}", report["error"])),
        other => Err(format!("status {other:?}")),
    }
}

/// One entry of a report's `resolved` list.
fn variant(entry: &Value) -> Result<ExpectedVariant, String> {
    let index = match &entry["variant_index"] {
        Value::Null => None,
        v => Some(
            v.as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .ok_or_else(|| format!("a bad variant_index {v}"))?,
        ),
    };
    let name = entry["name"].as_str().ok_or("an entry without a name")?;
    let version = entry["version"]
        .as_str()
        .ok_or("an entry without a version")?;
    Ok(ExpectedVariant::new(name, version, index))
}

/// The report without the solve's time (`stats.solve_ms`) and without
/// `from_cache`: what two runs of the same solve, one of them answered from
/// the resolve cache, must print alike.
pub fn untimed(report: &Value) -> Value {
    let mut report = report.clone();
    if let Some(object) = report.as_object_mut() {
        object.remove("from_cache");
        if let Some(stats) = object.get_mut("stats").and_then(Value::as_object_mut) {
            stats.remove("solve_ms");
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_solved_report_reads_as_its_variants_in_order() {
        let report = json!({"status": "solved", "resolved": [
            {"name": "b", "version": "2", "variant_index": 1},
            {"name": "a", "version": "1.0", "variant_index": null},
        ]});
        assert_eq!(
            expected_of(&report),
            Ok(Expected::Solved(vec![
                ExpectedVariant::new("b", "2", Some(1)),
                ExpectedVariant::new("a", "1.0", None),
            ]))
        );
    }

    #[test]
    fn errors_and_malformed_reports_are_not_answers() {
        assert_eq!(
            expected_of(&json!({"status": "failed"})),
            Ok(Expected::Failed)
        );
        assert!(expected_of(&json!({"status": "error", "error": "x"})).is_err());
        assert!(expected_of(&json!({"status": "aborted"})).is_err());
        assert!(expected_of(&json!({"status": "solved"})).is_err());
        let negative = json!({"status": "solved", "resolved": [
            {"name": "a", "version": "1", "variant_index": -1},
        ]});
        assert!(expected_of(&negative).is_err());
    }

    #[test]
    fn untimed_drops_the_time_and_the_cache_mark_only() {
        let report = json!({"status": "solved", "from_cache": true,
            "stats": {"solve_ms": 1.5, "iterations": 3}});
        assert_eq!(
            untimed(&report),
            json!({"status": "solved", "stats": {"iterations": 3}})
        );
    }
}
