//! The outcome of one request as plain data: what both output forms render.
//!
//! These types are the `--json` schema (version [`SCHEMA_VERSION`]). One
//! [`Report`] serialises to
//!
//! ```json
//! {"schema_version": 1,
//!  "request": ["foo-1", "bar"],
//!  "implicit_packages": ["~platform==linux"],
//!  "status": "solved",
//!  "resolved": [{"name": "foo", "version": "1.2", "variant_index": 0,
//!                "uri": "/repo/foo/1.2/package.py[0]",
//!                "root": "/repo/foo/1.2/python-3.9"}],
//!  "resolved_ephemerals": [".eph-1"],
//!  "failure": null,
//!  "error": null,
//!  "stats": {"iterations": 3, "families_loaded": 2, "packages_loaded": 4, "solve_ms": 0.4}}
//! ```

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::failure_detail::FailureDetail;

/// The version of the `--json` schema, the `schema_version` of every
/// report. It changes when a field is removed or changes meaning; new
/// fields may be added within a version.
pub const SCHEMA_VERSION: u32 = 1;

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A resolve was found.
    Solved,
    /// rez would report a failed resolve (a conflict, no variant fits, ...).
    Failed,
    /// A limit stopped the solve before an answer (`--time-limit`; rez's
    /// `aborted`); `failure` holds rez's abort reason.
    Aborted,
    /// The request could not be resolved at all: a bad request string, an
    /// unknown family, a broken package file, an unusable repository.
    Error,
}

impl Status {
    /// The word used in both output forms: `solved`, `failed`, `aborted`
    /// or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Solved => "solved",
            Status::Failed => "failed",
            Status::Aborted => "aborted",
            Status::Error => "error",
        }
    }
}

/// One resolved variant, in rez's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedEntry {
    /// The family, e.g. `maya`.
    pub name: String,
    /// The version, as rez prints it.
    pub version: String,
    /// The variant index; `None` (JSON `null`) when the package has no variants.
    pub variant_index: Option<usize>,
    /// The variant's uri as rez writes it: the package's uri followed by
    /// `[index]` (`[]` without variants), e.g. `/repo/foo/1.2/package.py[0]`.
    pub uri: String,
    /// The variant's directory, rez's `variant.root`
    /// (`/repo/foo/1.2/python-3.9`; the version directory for a package
    /// without variants); `null` where rez's is `None` (`--packages-json`
    /// packages, several versions defined in one family-level file).
    #[serde(default)]
    pub root: Option<String>,
}

impl ResolvedEntry {
    /// An entry whose `uri` is made the rez way from the package's uri and
    /// the variant index.
    pub fn new(
        name: impl Into<String>,
        version: impl Into<String>,
        variant_index: Option<usize>,
        package_uri: &str,
    ) -> Self {
        // built in one allocation: one entry per resolved variant
        let mut uri = String::with_capacity(package_uri.len() + 8);
        uri.push_str(package_uri);
        uri.push('[');
        if let Some(i) = variant_index {
            let _ = write!(uri, "{i}");
        }
        uri.push(']');
        ResolvedEntry {
            name: name.into(),
            version: version.into(),
            variant_index,
            uri,
            root: None,
        }
    }

    /// The entry with `root` as its variant's directory.
    pub fn with_root(mut self, root: Option<String>) -> Self {
        self.root = root;
        self
    }

    /// `name-version`, rez's qualified package name (`name` alone for an
    /// unversioned package).
    pub fn qualified_name(&self) -> String {
        if self.version.is_empty() {
            self.name.clone()
        } else {
            format!("{}-{}", self.name, self.version)
        }
    }
}

/// Why a request could not be resolved at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A stable snake_case name for the kind of error, e.g. `unknown_family`.
    pub kind: String,
    /// One line telling what is wrong and where: the request, the family,
    /// the file and line.
    pub message: String,
}

/// The solver's counters for one request.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// Solver steps, counted as rez counts them.
    pub iterations: usize,
    /// Distinct families asked of the provider by this solve.
    pub families_loaded: usize,
    /// Package definitions materialised by this solve.
    pub packages_loaded: usize,
    /// Wall time of the solve, in milliseconds.
    pub solve_ms: f64,
}

/// The outcome of one request, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`]: the first field of every report, so a reader
    /// can check it before reading the rest.
    #[serde(default)]
    pub schema_version: u32,
    /// The requirement strings, as given.
    pub request: Vec<String>,
    /// The configured implicit packages solved after the request, as
    /// `rez env` adds them (empty with `--ni`).
    #[serde(default)]
    pub implicit_packages: Vec<String>,
    /// How the request ended.
    pub status: Status,
    /// The resolved variants in rez's order; empty unless solved.
    pub resolved: Vec<ResolvedEntry>,
    /// The resolved ephemerals (e.g. `.foo-1`); empty unless solved.
    pub resolved_ephemerals: Vec<String>,
    /// rez's failure description when the resolve failed, or its abort
    /// reason (e.g. `time limit exceeded`) when it was aborted.
    pub failure: Option<String>,
    /// More about a failure: rez's printout and resolve paths, each
    /// conflicting requirement with its chain of requirers, rer's
    /// explanation (see [`FailureDetail`]). Left out unless failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_detail: Option<FailureDetail>,
    /// What went wrong when the status is `error`.
    pub error: Option<ErrorInfo>,
    /// The solver's counters (zero where the solver never ran).
    pub stats: Stats,
    /// Whether the answer was kept from an earlier solve of the same
    /// request and handed back because nothing it depends on changed
    /// (rez's `ResolvedContext.from_cache`); `stats` are then the earlier
    /// solve's, but for `solve_ms`, the time taken to check the kept
    /// answer. Left out of the JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_cache: bool,
}

impl Report {
    /// The report with `implicit` as the implicit packages solved after
    /// the request.
    pub fn with_implicit(mut self, implicit: &[String]) -> Self {
        self.implicit_packages = implicit.to_vec();
        self
    }

    /// A solved request.
    pub fn solved(
        request: Vec<String>,
        resolved: Vec<ResolvedEntry>,
        resolved_ephemerals: Vec<String>,
        stats: Stats,
    ) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            request,
            implicit_packages: Vec::new(),
            status: Status::Solved,
            resolved,
            resolved_ephemerals,
            failure: None,
            failure_detail: None,
            error: None,
            stats,
            from_cache: false,
        }
    }

    /// A failed resolve, with rez's failure description.
    pub fn failed(request: Vec<String>, description: String, stats: Stats) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            request,
            implicit_packages: Vec::new(),
            status: Status::Failed,
            resolved: Vec::new(),
            resolved_ephemerals: Vec::new(),
            failure: Some(description),
            failure_detail: None,
            error: None,
            stats,
            from_cache: false,
        }
    }

    /// A solve stopped by a limit, with rez's abort reason.
    pub fn aborted(request: Vec<String>, reason: String, stats: Stats) -> Self {
        Report {
            status: Status::Aborted,
            ..Report::failed(request, reason, stats)
        }
    }

    /// The report with `detail` on its failure.
    pub fn with_failure_detail(mut self, detail: FailureDetail) -> Self {
        self.failure_detail = Some(detail);
        self
    }

    /// A request that ended in an error of kind `kind`.
    pub fn error(request: Vec<String>, kind: &str, message: String, stats: Stats) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            request,
            implicit_packages: Vec::new(),
            status: Status::Error,
            resolved: Vec::new(),
            resolved_ephemerals: Vec::new(),
            failure: None,
            failure_detail: None,
            error: Some(ErrorInfo {
                kind: kind.to_string(),
                message,
            }),
            stats,
            from_cache: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn solved_report_has_the_documented_shape() {
        let report = Report::solved(
            vec!["foo".into(), ".eph-1".into()],
            vec![
                ResolvedEntry::new("bar", "2.1", None, "/r/bar/2.1/package.py"),
                ResolvedEntry::new("foo", "1.0", Some(1), "/r/foo/1.0/package.py")
                    .with_root(Some("/r/foo/1.0/python-3".into())),
            ],
            vec![".eph-1".into()],
            Stats {
                iterations: 3,
                families_loaded: 2,
                packages_loaded: 3,
                solve_ms: 0.5,
            },
        );
        let value = serde_json::to_value(&report).expect("serialises");
        assert_eq!(
            value,
            json!({
                "schema_version": SCHEMA_VERSION,
                "request": ["foo", ".eph-1"],
                "implicit_packages": [],
                "status": "solved",
                "resolved": [
                    {"name": "bar", "version": "2.1", "variant_index": null,
                     "uri": "/r/bar/2.1/package.py[]", "root": null},
                    {"name": "foo", "version": "1.0", "variant_index": 1,
                     "uri": "/r/foo/1.0/package.py[1]", "root": "/r/foo/1.0/python-3"},
                ],
                "resolved_ephemerals": [".eph-1"],
                "failure": null,
                "error": null,
                "stats": {"iterations": 3, "families_loaded": 2, "packages_loaded": 3,
                          "solve_ms": 0.5},
            })
        );
    }

    #[test]
    fn failed_and_error_reports_fill_their_own_field() {
        let failed = serde_json::to_value(Report::failed(
            vec!["a".into()],
            "conflict".into(),
            Stats::default(),
        ))
        .expect("serialises");
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["failure"], "conflict");
        assert_eq!(failed["error"], serde_json::Value::Null);

        let error = serde_json::to_value(Report::error(
            vec!["a".into()],
            "unknown_family",
            "no family a".into(),
            Stats::default(),
        ))
        .expect("serialises");
        assert_eq!(error["status"], "error");
        assert_eq!(error["failure"], serde_json::Value::Null);
        assert_eq!(
            error["error"],
            json!({"kind": "unknown_family", "message": "no family a"})
        );
        assert_eq!(error["resolved"], json!([]));
    }

    #[test]
    fn qualified_name_is_rez_style() {
        let e = ResolvedEntry::new("foo", "1.0", Some(0), "x");
        assert_eq!(e.qualified_name(), "foo-1.0");
        let e = ResolvedEntry::new("loose", "", None, "x");
        assert_eq!(e.qualified_name(), "loose");
    }
}
