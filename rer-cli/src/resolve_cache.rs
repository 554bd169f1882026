//! `rer solve`'s resolve cache: the report of a request solved before,
//! handed back while nothing it depends on has changed.
//!
//! A report depends on the request, on the settings of the solve and on
//! what the repositories gave the solve. The key names the first two
//! (everything [`settings`] lists, with the request and what is worked
//! out beyond the answer); the index vouches for the third: a kept report
//! is used only while every listing and package the solve was given is in
//! the state it was read in ([`rer_index::ResolveCache`]). Only outcomes
//! that depend on nothing else are kept: solved and failed resolves,
//! without a time limit, and a failure's suggestions only when their
//! search was not cut short by its budget (which has a time limit). Errors,
//! aborted solves, and solves given anything the index does not vouch for
//! (a package evaluated by rez, read with an error, or too recently
//! changed) are never kept.

use std::sync::Arc;
use std::time::Instant;

use rer_index::{IndexOptions, Indexed, ResolveCache};
use serde::{Deserialize, Serialize};

use crate::report::{Report, Status};
use crate::solve::Extras;

/// The environment variable that turns the resolve cache off: any value
/// but empty or `0`.
pub const NO_RESOLVE_CACHE_VAR: &str = "RER_NO_RESOLVE_CACHE";

/// What is kept for one request.
#[derive(Serialize, Deserialize)]
struct Kept {
    report: Report,
    /// The warnings the solve printed (two directories of one version).
    warnings: Vec<String>,
}

/// The resolve cache of one `rer solve`, for its request.
pub struct KeptResolves {
    cache: ResolveCache,
    index: Arc<Indexed>,
    key: String,
}

/// A kept report found for the request, ready to print.
pub struct Found {
    /// The report, marked as from the cache, with the time of the check.
    pub report: Report,
    /// The warnings the solve that made it printed.
    pub warnings: Vec<String>,
}

impl KeptResolves {
    /// The cache kept beside the index `index` (opened with `options`) for
    /// `request` solved with `settings` ([`settings`]) and `extras`.
    pub fn new(
        index: &Arc<Indexed>,
        options: &IndexOptions,
        settings: &str,
        request: &[String],
        extras: Extras,
    ) -> KeptResolves {
        let key = serde_json::json!({
            "settings": settings,
            "request": request,
            "explain": extras.explain,
            "suggest": extras.suggest.map(|b| format!("{b:?}")),
            "solved_graph": extras.solved_graph,
        })
        .to_string();
        KeptResolves {
            cache: ResolveCache::new(options),
            index: Arc::clone(index),
            key,
        }
    }

    /// The report kept for this request, if it still holds; otherwise
    /// the index starts keeping what vouches for this solve's reads (call
    /// it before solving).
    pub fn lookup(&self) -> Option<Found> {
        let start = Instant::now();
        let found = self
            .cache
            .lookup(&self.key, &self.index)
            .and_then(|bytes| serde_json::from_slice::<Kept>(&bytes).ok());
        let Some(Kept {
            mut report,
            warnings,
        }) = found
        else {
            self.index.keep_reads();
            return None;
        };
        report.from_cache = true;
        report.stats.solve_ms = (start.elapsed().as_secs_f64() * 1e6).round() / 1e3;
        Some(Found { report, warnings })
    }

    /// Keeps `report` (with the `warnings` printed with it) when its
    /// outcome depends on nothing but the key and what the index vouches
    /// for; call it after the solve, once nothing reads through the index
    /// any more, and before the index is persisted. Whether it was kept.
    pub fn keep(&self, report: &Report, warnings: &[String]) -> bool {
        if !keepable(report) {
            return false;
        }
        let Some(reads) = self.index.reads() else {
            return false;
        };
        let kept = Kept {
            report: report.clone(),
            warnings: warnings.to_vec(),
        };
        let Ok(bytes) = serde_json::to_vec(&kept) else {
            return false;
        };
        self.cache.store(&self.key, &bytes, &reads).is_ok()
    }
}

/// Whether the resolve cache is turned off by `$RER_NO_RESOLVE_CACHE`.
pub fn disabled_by_env() -> bool {
    std::env::var_os(NO_RESOLVE_CACHE_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether `report`'s outcome is one the files and the key decide alone.
fn keepable(report: &Report) -> bool {
    match report.status {
        Status::Solved => true,
        Status::Failed => {
            let suggestions = report
                .failure_detail
                .as_ref()
                .and_then(|d| d.explanation.as_ref())
                .and_then(|e| e.get("suggestions"))
                .filter(|s| !s.is_null());
            suggestions.is_none_or(|s| s.get("exhausted") == Some(&serde_json::Value::Bool(false)))
        }
        Status::Aborted | Status::Error => false,
    }
}

/// The settings a resolve depends on besides its request and the files:
/// the roots searched (resolved), the implicit packages, every solver
/// setting ([`rer_solver::SolveOptions::outcome_settings`]), the configured
/// `package_filter` and `package_orderers`, and the filter flags. `None`
/// when the resolve depends on more than these: a time limit (a solve may
/// end differently on a busier machine), a `--time` relative to now, or a
/// `soft_timestamp` orderer (it reads timestamps from the configured
/// repositories, outside the index).
pub fn settings(
    roots: &[std::path::PathBuf],
    allow_unversioned_packages: bool,
    implicit: &[String],
    solver: &rer_solver::SolveOptions,
    configured: [&serde_json::Value; 2],
    filter_flags: &crate::args::FilterArgs,
) -> Option<String> {
    let [package_filter, package_orderers] = configured;
    if package_orderers.to_string().contains("\"soft_timestamp\"") {
        return None;
    }
    let time: Option<i64> = match &filter_flags.time {
        None => None,
        Some(text) => Some(text.trim().parse().ok()?),
    };
    let key = serde_json::json!({
        "rer": env!("CARGO_PKG_VERSION"),
        "roots": roots.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>(),
        "allow_unversioned_packages": allow_unversioned_packages,
        "implicit": implicit,
        "solver": solver.outcome_settings()?,
        "package_filter": package_filter,
        "package_orderers": package_orderers,
        "no_filters": filter_flags.no_filters,
        "exclude": filter_flags.exclude,
        "include": filter_flags.include,
        "time": time,
    });
    Some(key.to_string())
}
