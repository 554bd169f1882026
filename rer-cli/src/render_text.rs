//! The human output form, in the style of rez's own resolve listing
//! (`ResolvedContext.print_info`): a status line, the requested packages,
//! then the resolved packages one a line with their location, or rez's
//! failure description.
//!
//! ```text
//! resolved by rer v0.1.0, in 1.25 ms (5 solver steps)
//!
//! requested packages:
//! foo
//! .eph-1  (ephemeral)
//!
//! resolved packages:
//! bar-2.1  /repo/bar/2.1
//! foo-1.0  /repo/foo/1.0/python-3.9
//! .eph-1                             (ephemeral)
//! ```
//!
//! As in rez, the location is the variant's root (rez's `variant.root`),
//! followed by `(NOT FOUND)` when that directory does not exist; a package
//! without a root (`--packages-json`) shows its variant's uri instead,
//! whose `[index]` suffix is the variant index (`[]` for a package without
//! variants). The resolved packages are listed by name (`--json` keeps
//! rez's resolve order).

use crate::report::{Report, ResolvedEntry, Status};

/// The version printed in status lines.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Lays rows out in aligned columns two spaces apart, as rez's `columnise`
/// does, without trailing spaces.
pub fn columnise(rows: &[Vec<String>]) -> Vec<String> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let n = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(n),
                None => widths.push(n),
            }
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    push_spaces(&mut line, widths[i] + 2 - cell.chars().count());
                }
            }
            line.truncate(line.trim_end().len());
            line
        })
        .collect()
}

/// Appends `n` spaces a run at a time, not a character at a time (a
/// resolve of hundreds of packages pads thousands of cells).
fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let run = n.min(SPACES.len());
        line.push_str(&SPACES[..run]);
        n -= run;
    }
}

/// The status line: what happened, how long the solve took and how many
/// steps it made.
fn status_line(report: &Report) -> String {
    let head = match report.status {
        Status::Solved => "resolved by",
        Status::Failed => "resolve failed, by",
        Status::Aborted => "resolve aborted, by",
        Status::Error => "resolve error, by",
    };
    match report.status {
        Status::Error => format!("{head} rer v{VERSION}"),
        _ => {
            let steps = report.stats.iterations;
            let plural = if steps == 1 { "" } else { "s" };
            // a kept answer: the steps are those of the solve that made it
            let cached = if report.from_cache {
                ", from cache"
            } else {
                ""
            };
            format!(
                "{head} rer v{VERSION}, in {:.2} ms ({steps} solver step{plural}{cached})",
                report.stats.solve_ms
            )
        }
    }
}

fn push_lines(out: &mut String, lines: impl IntoIterator<Item = String>) {
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
}

/// Renders one report as a block of lines ending in a newline.
pub fn render_report(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&status_line(report));
    out.push_str("\n\nrequested packages:\n");
    let requested: Vec<Vec<String>> = report
        .request
        .iter()
        .map(|r| {
            let tag = if r.starts_with('.') {
                "(ephemeral)"
            } else {
                ""
            };
            vec![r.clone(), tag.to_string()]
        })
        .chain(
            report
                .implicit_packages
                .iter()
                .map(|r| vec![r.clone(), "(implicit)".to_string()]),
        )
        .collect();
    push_lines(&mut out, columnise(&requested));
    out.push('\n');
    match report.status {
        Status::Solved => {
            out.push_str("resolved packages:\n");
            let mut resolved: Vec<_> = report.resolved.iter().collect();
            resolved.sort_by(|a, b| a.name.cmp(&b.name));
            let mut ephemerals: Vec<_> = report.resolved_ephemerals.iter().collect();
            ephemerals.sort_by_key(|e| ephemeral_name(e));
            let rows: Vec<Vec<String>> = resolved
                .into_iter()
                .map(resolved_row)
                .chain(
                    ephemerals
                        .into_iter()
                        .map(|e| vec![e.clone(), String::new(), "(ephemeral)".to_string()]),
                )
                .collect();
            push_lines(&mut out, columnise(&rows));
        }
        Status::Failed => match &report.failure_detail {
            Some(detail) => {
                // rez's printout, line for line, then rer's explanation
                push_lines(&mut out, detail.rez_printout.iter().cloned());
                if let Some(text) = &detail.explanation_text {
                    out.push_str(text);
                }
            }
            None => {
                out.push_str("The context failed to resolve:\n");
                out.push_str(report.failure.as_deref().unwrap_or("(no description)"));
                out.push('\n');
            }
        },
        Status::Aborted => {
            out.push_str("The resolve was stopped:\n");
            out.push_str(report.failure.as_deref().unwrap_or("(no reason)"));
            out.push('\n');
        }
        Status::Error => {
            out.push_str("The request could not be resolved:\n");
            out.push_str(&error_message(report));
            out.push('\n');
        }
    }
    out
}

/// One resolved package's row as rez-env lists it: the qualified name, the
/// variant's root (its uri when it has none, as for `--packages-json`
/// packages), and `(NOT FOUND)` when the root is not on disk. A root
/// holding U+FFFD is the lossy text of a path that is not valid UTF-8 (the
/// repository was named by bytes): the text names no path to check, and it
/// is printed without the tag rather than marked missing.
fn resolved_row(entry: &ResolvedEntry) -> Vec<String> {
    let (location, tag) = match &entry.root {
        Some(root) if root.contains('\u{FFFD}') || std::path::Path::new(root).exists() => {
            (root.clone(), "")
        }
        Some(root) => (root.clone(), "(NOT FOUND)"),
        None => (entry.uri.clone(), ""),
    };
    vec![entry.qualified_name(), location, tag.to_string()]
}

/// The name part of an ephemeral requirement string such as `.foo-1`.
fn ephemeral_name(text: &str) -> &str {
    let end = text[1.min(text.len())..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(text.len(), |i| i + 1);
    &text[..end]
}

/// The error message of an `error` report (or a stand-in if it has none).
pub fn error_message(report: &Report) -> String {
    report
        .error
        .as_ref()
        .map_or_else(|| "unknown error".to_string(), |e| e.message.clone())
}

/// Renders a batch: each report's block under a `=== request N of M ===`
/// heading, separated by blank lines, in input order.
pub fn render_batch(reports: &[Report]) -> String {
    let mut out = String::new();
    for (i, report) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "=== request {} of {}: {} ===\n",
            i + 1,
            reports.len(),
            report.request.join(" ")
        ));
        out.push_str(&render_report(report));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ResolvedEntry, Stats};

    fn stats() -> Stats {
        Stats {
            iterations: 5,
            families_loaded: 2,
            packages_loaded: 3,
            solve_ms: 1.25,
        }
    }

    #[test]
    fn columns_align_like_rez() {
        let rows = vec![
            vec!["bar-2.1".to_string(), "/r/bar".to_string(), String::new()],
            vec!["foo-10.0".to_string(), "/r/foo".to_string(), String::new()],
            vec![".e-1".to_string(), String::new(), "(ephemeral)".to_string()],
        ];
        assert_eq!(
            columnise(&rows),
            [
                "bar-2.1   /r/bar",
                "foo-10.0  /r/foo",
                ".e-1              (ephemeral)"
            ]
        );
    }

    #[test]
    fn columns_wider_than_one_run_of_spaces_pad_exactly() {
        let long = "x".repeat(70);
        let rows = vec![
            vec![long.clone(), "a".to_string()],
            vec!["é".to_string(), "b".to_string()],
        ];
        let lines = columnise(&rows);
        assert_eq!(lines[0], format!("{long}  a"));
        // 'é' is one character: 71 spaces bring it to the second column
        assert_eq!(lines[1], format!("é{}b", " ".repeat(71)));
    }

    #[test]
    fn solved_lists_packages_by_name_with_locations() {
        let report = Report::solved(
            vec!["foo".into(), ".eph-1".into()],
            vec![
                ResolvedEntry::new("foo", "1.0", Some(1), "/repo/foo/1.0/package.py")
                    .with_root(Some("/nonexistent-rer/foo/1.0/python-3".into())),
                ResolvedEntry::new("bar", "2.1", None, "/repo/bar/2.1/package.py")
                    .with_root(Some("/".into())),
                ResolvedEntry::new("baz", "1", None, "packages.json:baz/1"),
            ],
            vec![".eph-1".into()],
            stats(),
        );
        let text = render_report(&report);
        let expected = format!(
            "resolved by rer v{VERSION}, in 1.25 ms (5 solver steps)\n\
             \n\
             requested packages:\n\
             foo\n\
             .eph-1  (ephemeral)\n\
             \n\
             resolved packages:\n\
             bar-2.1  /\n\
             baz-1    packages.json:baz/1[]\n\
             foo-1.0  /nonexistent-rer/foo/1.0/python-3  (NOT FOUND)\n\
             .eph-1                                      (ephemeral)\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn failed_prints_the_failure_description() {
        let report = Report::failed(
            vec!["foo".into(), "bar-1".into()],
            "The following package conflicts occurred: (bar-2 <--!--> bar-1)".into(),
            stats(),
        );
        let text = render_report(&report);
        assert!(text.starts_with("resolve failed, by rer v"), "{text}");
        assert!(text.contains(
            "The context failed to resolve:\n\
             The following package conflicts occurred: (bar-2 <--!--> bar-1)\n"
        ));
    }

    #[test]
    fn error_block_names_the_error() {
        let report = Report::error(
            vec!["nope".into()],
            "unknown_family",
            "package family not found: nope".into(),
            Stats::default(),
        );
        let text = render_report(&report);
        assert!(text.starts_with("resolve error, by rer v"));
        assert!(text.ends_with("package family not found: nope\n"));
        assert_eq!(error_message(&report), "package family not found: nope");
    }

    #[test]
    fn batch_blocks_keep_input_order() {
        let a = Report::failed(vec!["a".into()], "x".into(), stats());
        let b = Report::failed(vec!["b".into(), "c".into()], "y".into(), stats());
        let text = render_batch(&[a, b]);
        let first = text
            .find("=== request 1 of 2: a ===")
            .expect("first heading");
        let second = text
            .find("=== request 2 of 2: b c ===")
            .expect("second heading");
        assert!(first < second);
    }

    #[test]
    fn ephemeral_names() {
        assert_eq!(ephemeral_name(".foo-1"), ".foo");
        assert_eq!(ephemeral_name(".foo.bar==2"), ".foo.bar");
        assert_eq!(ephemeral_name("."), ".");
        assert_eq!(ephemeral_name(""), "");
    }
}
