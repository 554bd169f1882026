//! [`SolveOptions`]: every setting of a [`Solver`](crate::Solver) in one
//! value.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rer_order::PackageOrderList;

use crate::VariantSelectMode;
use crate::control::{CancelToken, SolveCallback};

/// The settings of a [`Solver`](crate::Solver); the defaults are rez's.
///
/// Set them builder-style on the solver (`Solver::new(p).max_fails(10)`) or
/// all at once with [`Solver::with_options`](crate::Solver::with_options).
/// Options left unset cost nothing: a solve with none of the limits set runs
/// the same loop as before they existed.
///
/// The limits (`max_fails`, `time_limit`, `callback`, `cancel`) are checked
/// after each solver step, in rez's order: the fail limit, then the time
/// limit, then the callback (rez's `ResolvedContext.Callback`); the cancel
/// token before every step and inside long ones.
#[derive(Clone)]
#[non_exhaustive]
pub struct SolveOptions {
    /// rez's `variant_select_mode` (default `version_priority`).
    pub variant_select_mode: VariantSelectMode,
    /// rez's `error_on_missing_variant_requires` (default `true`).
    pub error_on_missing_variant_requires: bool,
    /// rez's `package_orderers` (`None`, or an empty list: versions highest
    /// first). They decide which version of a family is tried first and
    /// how a package's variants rank by what they require.
    pub package_orderers: Option<Arc<PackageOrderList>>,
    /// rez-env's `--max-fails N`: once `N` phases have failed, stop and
    /// report the most recent failure, prefixed
    /// `fail limit reached: aborted after N failures:` (status failed). As
    /// in rez, `0` behaves as `1`. `None` (the default) sets no limit.
    pub max_fails: Option<usize>,
    /// rez-env's `--time-limit SECS`: once a step ends more than this long
    /// after the solve started, stop with
    /// [`Resolve::Aborted`](crate::Resolve::Aborted), reason
    /// `time limit exceeded`. `None` (the default) sets no limit.
    pub time_limit: Option<Duration>,
    /// A callback run after each step that leaves the solve unfinished,
    /// after the two limits above (rez's `callback`).
    pub callback: Option<SolveCallback>,
    /// A token another thread can fire to stop the solve.
    pub cancel: Option<CancelToken>,
    /// rez's `building` (`rez env -b`, default `false`): every variant's
    /// requirements get its package's `build_requires` appended, for every
    /// package the solve reads (see [`Solver::building`](crate::Solver::building)).
    pub building: bool,
    /// The `PYTHONHASHSEED` of the rez process whose answer a dependency
    /// cycle follows (default 0, rez with hash randomisation off; rez run
    /// without the variable picks a random seed per process). It decides
    /// only which cycle is reported and the member it starts at, and costs
    /// nothing unless the resolve has a cycle.
    pub python_hash_seed: u32,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            variant_select_mode: VariantSelectMode::default(),
            error_on_missing_variant_requires: true,
            package_orderers: None,
            max_fails: None,
            time_limit: None,
            callback: None,
            cancel: None,
            building: false,
            python_hash_seed: 0,
        }
    }
}

impl SolveOptions {
    /// Every setting that decides a solve's outcome for a given request
    /// and given packages, as text, but for the package orderers (which
    /// the caller names, from what it made them of): two solves with equal
    /// texts and equal orderers reach the same outcome. `None` when the
    /// outcome may depend on more than the data: a time limit, a callback
    /// or a cancel token is set. For keys of caches of whole resolves.
    pub fn outcome_settings(&self) -> Option<String> {
        // Every field named, so that a new one must be considered here.
        let SolveOptions {
            variant_select_mode,
            error_on_missing_variant_requires,
            package_orderers: _,
            max_fails,
            time_limit,
            callback,
            cancel,
            building,
            python_hash_seed,
        } = self;
        if time_limit.is_some() || callback.is_some() || cancel.is_some() {
            return None;
        }
        Some(format!(
            "variant_select_mode={variant_select_mode:?} \
             error_on_missing_variant_requires={error_on_missing_variant_requires} \
             max_fails={max_fails:?} building={building} python_hash_seed={python_hash_seed}"
        ))
    }

    /// Whether any limit, callback or cancel token is set (the solve loop
    /// then stops to consult them after each step).
    pub(crate) fn has_controls(&self) -> bool {
        self.max_fails.is_some()
            || self.time_limit.is_some()
            || self.callback.is_some()
            || self.cancel.is_some()
    }
}

impl fmt::Debug for SolveOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SolveOptions")
            .field("variant_select_mode", &self.variant_select_mode)
            .field(
                "error_on_missing_variant_requires",
                &self.error_on_missing_variant_requires,
            )
            .field("package_orderers", &self.package_orderers)
            .field("max_fails", &self.max_fails)
            .field("time_limit", &self.time_limit)
            .field("callback", &self.callback.as_ref().map(|_| "Fn"))
            .field("cancel", &self.cancel)
            .field("building", &self.building)
            .field("python_hash_seed", &self.python_hash_seed)
            .finish()
    }
}
