//! The `--json` output form: one object for `solve`, an array for `batch`.

use std::io::{self, Write};

use crate::report::Report;

/// serde_json's error as an I/O error of the same kind, so that a closed
/// pipe stays a [`io::ErrorKind::BrokenPipe`] the caller can recognise.
fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// Writes one report as a pretty-printed JSON object and a newline.
///
/// # Errors
/// When writing to `out` fails (a closed pipe, say).
pub fn write_report<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io_error)?;
    writeln!(out)
}

/// Writes the reports as a pretty-printed JSON array, in the order given,
/// and a newline.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_reports<W: Write>(out: &mut W, reports: &[Report]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, reports).map_err(io_error)?;
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

    /// A writer whose reader has gone, as `rer batch --json | head -c 10`.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        let e = write_reports(&mut ClosedPipe, &[sample("a")]).expect_err("closed");
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let e = write_report(&mut ClosedPipe, &sample("a")).expect_err("closed");
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn no_reports_is_an_empty_array() {
        let mut out = Vec::new();
        write_reports(&mut out, &[]).expect("writes");
        assert_eq!(String::from_utf8(out).expect("utf8"), "[]\n");
    }
}
