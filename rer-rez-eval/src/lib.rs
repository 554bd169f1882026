//! Reads the rez packages rer's static reader refuses (`@early`
//! functions, top-level `if`/`import`, `@late` `requires`) with rez's own
//! package loader: [`RezEvaluator`], a
//! [`PackageEvaluator`] for
//! [`FsProvider::with_evaluator`](rer_provider_fs::FsProvider::with_evaluator).
//!
//! rez 3.4.0 is the specification, so rez itself evaluates: one helper
//! process, `python -c <script>` with a Python that has rez, started when
//! the first package needs it and shared by every solve and thread of the
//! provider (queries are serialised). The script ships inside this crate
//! (`src/helper.py`, compiled in with `include_str!`) and speaks
//! one JSON document a line over the process's stdin and stdout.
//!
//! # What is bound for `@late` `requires`
//! As during a `rez env` of the same request: rez evaluates a package's
//! late-bound `requires` when its solver first reads them, with the
//! resolve's `ResolvedContext` set on the package. So `in_context()` is
//! `True`; `context` is a `ResolvedContext` of the request, in the state it
//! has mid-resolve (`package_paths` the provider's roots, no implicit
//! packages, not building, not testing, nothing resolved yet); `request`,
//! `implicits` (empty), `ephemerals` (empty), `building` (`False`),
//! `testing` (`False`), `system` and `intersects` are rez's own bindings;
//! `this` is the package. A function whose code names `request`,
//! `context`, `implicits`, `ephemerals` (or `globals`, `eval`, ... through
//! which it could reach them) is evaluated once per request
//! ([`Evaluation::NeedsRequest`]
//! for a provider not bound to one); any other is evaluated once.
//!
//! # Bounds
//! A package is untrusted code: each evaluation has a time limit (30 s by
//! default) and each answer a size limit (1 MiB); past either the helper
//! is killed, that package is an error, and the next package starts a new
//! helper. The helper caps its address space (`RLIMIT_AS`, 4 GiB, or
//! `RER_REZ_HELPER_MEMORY` bytes), discards everything a package prints,
//! and hides the protocol's pipes from it. After 8 helpers in a row die or
//! are killed, the evaluator stops starting new ones.

mod locate;
mod process;
mod protocol;

use std::sync::Mutex;
use std::time::Duration;

use rer_provider_fs::{EvalQuery, Evaluation, PackageEvaluator};
use rer_repo::ProviderError;

pub use locate::{PythonSource, REZ_PYTHON_VAR};

use process::{HelperProcess, LineError};

/// Limits and the interpreter of a [`RezEvaluator`].
#[derive(Debug, Clone)]
pub struct RezOptions {
    /// Where the Python with rez comes from.
    pub python: PythonSource,
    /// The longest one package's evaluation may take.
    pub timeout: Duration,
    /// The longest the helper may take to start (importing rez).
    pub startup_timeout: Duration,
    /// The most bytes one answer may hold.
    pub max_answer: usize,
    /// How many helpers in a row may die or be killed before the evaluator
    /// stops starting new ones.
    pub max_restarts: u32,
}

impl RezOptions {
    /// The defaults (30 s a package, 120 s to start, 1 MiB an answer, 8
    /// restarts) with the given interpreter.
    pub fn new(python: PythonSource) -> RezOptions {
        RezOptions {
            python,
            timeout: Duration::from_secs(30),
            startup_timeout: Duration::from_secs(120),
            max_answer: 1 << 20,
            max_restarts: 8,
        }
    }
}

/// Evaluates packages with rez's own loader in one long-lived helper
/// process (see the crate docs). `Send + Sync`: one evaluator serves a
/// whole batch.
#[derive(Debug)]
pub struct RezEvaluator {
    options: RezOptions,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    helper: Option<HelperProcess>,
    /// Why no helper can be started, once that is known.
    unusable: Option<String>,
    /// Helpers that died or were killed since the last good answer.
    deaths: u32,
    next_id: u64,
    /// The rez version the helper reported.
    rez_version: Option<String>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("running", &self.helper.is_some())
            .field("unusable", &self.unusable)
            .field("deaths", &self.deaths)
            .finish()
    }
}

impl RezEvaluator {
    /// An evaluator that starts nothing until the first package needs it.
    pub fn new(options: RezOptions) -> RezEvaluator {
        RezEvaluator {
            options,
            state: Mutex::new(State::default()),
        }
    }

    /// Stops the helper process if one is running (killed and reaped, as
    /// dropping the evaluator does), for a program that ends without
    /// dropping the evaluator. A later evaluation starts a new helper.
    pub fn stop(&self) {
        let helper = self.lock().helper.take();
        drop(helper);
    }

    /// Whether a helper process is running now.
    pub fn is_running(&self) -> bool {
        self.lock().helper.is_some()
    }

    /// The rez version the helper reported, once one has started.
    pub fn rez_version(&self) -> Option<String> {
        self.lock().rez_version.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A running helper, started if need be.
    fn helper<'s>(&self, state: &'s mut State) -> Result<&'s mut HelperProcess, String> {
        if let Some(why) = &state.unusable {
            return Err(why.clone());
        }
        if state.helper.is_none() {
            match self.start() {
                Ok((helper, version)) => {
                    state.rez_version = Some(version);
                    state.helper = Some(helper);
                }
                Err(why) => {
                    state.unusable = Some(why.clone());
                    return Err(why);
                }
            }
        }
        state
            .helper
            .as_mut()
            .ok_or_else(|| "the helper process is not running".to_string())
    }

    fn start(&self) -> Result<(HelperProcess, String), String> {
        let python = self.options.python.locate()?;
        let mut helper = HelperProcess::start(&python, self.options.max_answer)?;
        let line = helper
            .next_line(self.options.startup_timeout)
            .map_err(|e| format!("{} did not start the rez helper: {e}", python.display()))?;
        match protocol::parse_greeting(&line) {
            Ok(version) => Ok((helper, version)),
            Err(why) => Err(why),
        }
    }
}

impl RezEvaluator {
    /// Sends `query` (with `op`) to the helper and returns its answer
    /// line; a helper that dies or stops answering is dropped, and after
    /// `max_restarts` in a row none is started again.
    fn ask(
        &self,
        query: &EvalQuery<'_>,
        op: Option<&'static str>,
    ) -> Result<(u64, String), ProviderError> {
        let mut state = self.lock();
        state.next_id += 1;
        let id = state.next_id;
        let line = protocol::query_line(id, query, op);
        let timeout = self.options.timeout;
        let answer = match self.helper(&mut state) {
            Ok(helper) => helper.ask(&line, timeout),
            Err(why) => return Err(unusable(query, &why)),
        };
        match answer {
            Ok(text) => {
                state.deaths = 0;
                Ok((id, text))
            }
            Err(error) => {
                state.helper = None;
                state.deaths += 1;
                if state.deaths >= self.options.max_restarts {
                    state.unusable = Some(format!(
                        "{} rez helper processes in a row died or were stopped; the last: {error}",
                        state.deaths
                    ));
                }
                Err(failed(query, &error))
            }
        }
    }
}

impl PackageEvaluator for RezEvaluator {
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
        let (id, text) = self.ask(query, None)?;
        protocol::parse_answer(&text, id, query)
    }

    /// Lists the versions through rez's own loader (`iter_packages` of the
    /// family in the file's repository).
    fn combined_versions(
        &self,
        query: &EvalQuery<'_>,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        let (id, text) = self.ask(query, Some("versions"))?;
        protocol::parse_versions(&text, id, query).map(Some)
    }
}

/// The error for a package when no helper can run.
fn unusable(query: &EvalQuery<'_>, why: &str) -> ProviderError {
    ProviderError::NeedsEvaluation {
        path: query.path.to_path_buf(),
        line: None,
        field: "",
        construct: String::new(),
        remedy: format!(
            "reading it needs rez's own loader, which rer runs in a Python that has rez 3.4.0, \
             and {why}: pass --rez-python PATH or set {REZ_PYTHON_VAR} to such a Python, \
             or put rez's `rez` command on PATH"
        ),
    }
}

/// The error for a package whose evaluation was stopped.
fn failed(query: &EvalQuery<'_>, error: &LineError) -> ProviderError {
    ProviderError::Parse {
        path: query.path.to_path_buf(),
        line: None,
        message: error.to_string(),
    }
}
