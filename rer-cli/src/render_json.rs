//! The `--json` output form: one object for `solve`, an array for `batch`.

use std::io::{self, Write};

use crate::report::Report;

/// Writes one report as a pretty-printed JSON object and a newline.
///
/// # Errors
/// When writing to `out` fails (a closed pipe, say).
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes the reports as a pretty-printed JSON array, in the order given,
/// and a newline.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_reports(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, reports).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ResolvedEntry, Stats};

    fn sample(name: &str) -> Report {
        Report::solved(
            vec![name.into()],
            vec![ResolvedEntry::new(name, "1", None, "u")],
            vec![],
            Stats::default(),
        )
    }

    #[test]
    fn one_report_is_one_object() {
        let mut out = Vec::new();
        write_report(&mut out, &sample("a")).expect("writes");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.ends_with("}\n"));
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(value["request"][0], "a");
    }

    #[test]
    fn many_reports_are_an_array_in_order() {
        let mut out = Vec::new();
        write_reports(&mut out, &[sample("a"), sample("b"), sample("c")]).expect("writes");
        let back: Vec<Report> = serde_json::from_slice(&out).expect("json");
        let names: Vec<_> = back.iter().map(|r| r.request[0].as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn no_reports_is_an_empty_array() {
        let mut out = Vec::new();
        write_reports(&mut out, &[]).expect("writes");
        assert_eq!(String::from_utf8(out).expect("utf8"), "[]\n");
    }
}
