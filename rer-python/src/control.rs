//! rez's solve controls from Python: `max_fails`, `time_limit`, a per-step
//! `callback`, and `rer.CancelToken` to stop a solve from another thread.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rer_repo::FamilyProvider;
use rer_solver::{CallbackAnswer, Solver};

use crate::errors::invalid_option;

/// A handle that stops the solves given it, from any thread: `cancel()`
/// makes each such solve end, at its next step, with status `"aborted"`
/// and the reason `"cancelled"`.
#[pyclass(module = "rer", frozen)]
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: rer_solver::CancelToken,
}

#[pymethods]
impl CancelToken {
    #[new]
    fn new() -> Self {
        CancelToken::default()
    }

    /// Stops every solve holding this token (now, or when it starts).
    fn cancel(&self) {
        self.inner.cancel();
    }

    /// Whether `cancel()` has been called.
    #[getter]
    fn is_cancelled(&self) -> bool {
        self.inner.is_cancelled()
    }
}

/// What the callback sees after each solver step: rez's `SolverState`
/// counters, and the current phase's request as rez prints it.
#[pyclass(module = "rer", frozen, get_all)]
pub struct SolverState {
    /// Solver steps so far (rez's `num_solves`).
    pub num_solves: usize,
    /// Failed phases so far (rez's `num_fails`).
    pub num_fails: usize,
    /// The requirements of the phase the solver is working on.
    pub phase_request: Vec<String>,
}

#[pymethods]
impl SolverState {
    fn __repr__(&self) -> String {
        format!(
            "SolverState(num_solves={}, num_fails={})",
            self.num_solves, self.num_fails
        )
    }
}

/// The exception a callback raised, kept to be raised again once the solve
/// has returned.
pub type Pending = Arc<Mutex<Option<PyErr>>>;

/// The controls given to a solve or a `Solver`.
#[derive(Default)]
pub struct Controls {
    max_fails: Option<usize>,
    time_limit: Option<Duration>,
    callback: Option<Arc<Py<PyAny>>>,
    cancel: Option<rer_solver::CancelToken>,
    /// A callback's exception, raised after the solve.
    pub pending: Pending,
}

impl Controls {
    /// Reads the Python arguments.
    ///
    /// # Errors
    /// `rer.InvalidOptionError` for a negative or non-finite `time_limit`;
    /// `TypeError` for a callback that is not callable or a `cancel` that is
    /// not a `rer.CancelToken`.
    pub fn new(
        py: Python<'_>,
        max_fails: Option<usize>,
        time_limit: Option<f64>,
        callback: Option<&Bound<'_, PyAny>>,
        cancel: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Controls> {
        let time_limit = match time_limit {
            Some(s) if !(s.is_finite() && s >= 0.0) => {
                return Err(invalid_option(
                    py,
                    format!("time_limit must be a number of seconds >= 0 (got {s})"),
                ));
            }
            Some(s) => Some(Duration::from_secs_f64(s)),
            None => None,
        };
        let callback = match callback.filter(|c| !c.is_none()) {
            Some(c) if !c.is_callable() => {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "callback must be callable",
                ));
            }
            Some(c) => Some(Arc::new(c.clone().unbind())),
            None => None,
        };
        let cancel = match cancel.filter(|c| !c.is_none()) {
            Some(c) => Some(
                c.cast::<CancelToken>()
                    .map_err(|_| {
                        pyo3::exceptions::PyTypeError::new_err("cancel must be a rer.CancelToken")
                    })?
                    .get()
                    .inner
                    .clone(),
            ),
            None => None,
        };
        Ok(Controls {
            max_fails,
            time_limit,
            callback,
            cancel,
            pending: Pending::default(),
        })
    }

    /// `solver` with these controls.
    pub fn apply<P: FamilyProvider>(&self, mut solver: Solver<P>) -> Solver<P> {
        if let Some(n) = self.max_fails {
            solver = solver.max_fails(n);
        }
        if let Some(limit) = self.time_limit {
            solver = solver.time_limit(limit);
        }
        if let Some(token) = &self.cancel {
            solver = solver.cancel_token(token.clone());
        }
        if let Some(callback) = &self.callback {
            let callback = Arc::clone(callback);
            let pending = Arc::clone(&self.pending);
            solver = solver.callback(move |state| {
                Python::attach(|py| {
                    let view = SolverState {
                        num_solves: state.num_solves,
                        num_fails: state.num_fails,
                        phase_request: state
                            .phase_request()
                            .iter()
                            .map(|r| r.to_string())
                            .collect(),
                    };
                    match callback.bind(py).call1((view,)).and_then(|a| answer(&a)) {
                        Ok(answer) => answer,
                        Err(error) => {
                            let reason = format!("callback raised: {error}");
                            if let Ok(mut slot) = pending.lock() {
                                slot.get_or_insert(error);
                            }
                            CallbackAnswer::Abort(reason)
                        }
                    }
                })
            });
        }
        solver
    }

    /// Raises a callback's exception kept from the last solve, if any.
    ///
    /// # Errors
    /// That exception.
    pub fn raise_pending(&self) -> PyResult<()> {
        let taken = self.pending.lock().ok().and_then(|mut slot| slot.take());
        match taken {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// The callback's answer: `None`/`True` to go on, or `(what, reason)` where
/// `what` is `"keep_going"`, `"abort"` or `"fail"` (or rez's
/// `SolverCallbackReturn` member of that name).
fn answer(value: &Bound<'_, PyAny>) -> PyResult<CallbackAnswer> {
    if value.is_none()
        || value
            .cast::<pyo3::types::PyBool>()
            .is_ok_and(|b| b.is_true())
    {
        return Ok(CallbackAnswer::KeepGoing);
    }
    let bad = || {
        pyo3::exceptions::PyTypeError::new_err(
            "a callback returns None, or (\"keep_going\" | \"abort\" | \"fail\", reason)",
        )
    };
    let tuple = value.cast::<PyTuple>().map_err(|_| bad())?;
    if tuple.len() != 2 {
        return Err(bad());
    }
    let what = tuple.get_item(0)?;
    let what = match what.getattr("name") {
        Ok(name) if !what.is_instance_of::<pyo3::types::PyString>() => name.extract::<String>()?,
        _ => what.extract::<String>().map_err(|_| bad())?,
    };
    let reason = tuple.get_item(1)?.str()?.to_string();
    match what.as_str() {
        "keep_going" => Ok(CallbackAnswer::KeepGoing),
        "abort" => Ok(CallbackAnswer::Abort(reason)),
        "fail" => Ok(CallbackAnswer::Fail(reason)),
        _ => Err(bad()),
    }
}
