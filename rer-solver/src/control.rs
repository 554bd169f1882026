//! Stopping a solve early: rez's per-step callback ([`SolverState`],
//! [`CallbackAnswer`]), and a [`CancelToken`] another thread can fire.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rer_version::Requirement;

/// A flag an embedder sets, from any thread, to stop a solve.
///
/// Clones share the flag. A solve given the token (see
/// [`Solver::cancel_token`](crate::Solver::cancel_token)) checks it before
/// every step and inside long steps, and ends with
/// [`Resolve::Aborted`](crate::Resolve::Aborted) (reason
/// [`CancelToken::REASON`]) soon after it is set. Setting it again, or
/// after the solve ended, does nothing.
#[derive(Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// The abort reason of a cancelled solve.
    pub const REASON: &'static str = "cancelled";

    /// A token not yet fired.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every solve holding this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`CancelToken::cancel`] has been called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CancelToken")
            .field(&self.is_cancelled())
            .finish()
    }
}

/// What a per-step callback answers: rez's `SolverCallbackReturn` with its
/// reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackAnswer {
    /// Go on solving (`keep_going`).
    KeepGoing,
    /// Stop now; the solve ends [`Resolve::Aborted`](crate::Resolve::Aborted)
    /// with this reason (`abort`).
    Abort(String),
    /// Stop now and report the most recent failure, its description
    /// prefixed with `"<reason>:\n"` (`fail`). As in rez, this is ignored
    /// (the solve goes on) while no phase has failed yet.
    Fail(String),
}

/// What a per-step callback sees: rez's `SolverState`.
///
/// Made after every solver step that leaves the solve unfinished.
pub struct SolverState<'a> {
    /// Solver steps taken so far (rez's `num_solves`), failed ones included.
    pub num_solves: usize,
    /// Failed phases so far (rez's `num_fails`).
    pub num_fails: usize,
    /// Computes the current phase's request, only when asked.
    pub(crate) request: &'a dyn Fn() -> Vec<Requirement>,
}

impl SolverState<'_> {
    /// The request of each scope of the current phase (rez's `phase`: the
    /// latest phase that has not failed), in scope order, as rez prints a
    /// scope's package request (`foo-1.2|1.3`, `~bar`, `!baz-1`).
    pub fn phase_request(&self) -> Vec<Requirement> {
        (self.request)()
    }
}

impl fmt::Debug for SolverState<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SolverState")
            .field("num_solves", &self.num_solves)
            .field("num_fails", &self.num_fails)
            .finish_non_exhaustive()
    }
}

/// A per-step callback (rez's `callback` argument of `Solver`).
pub type SolveCallback = Arc<dyn Fn(&SolverState<'_>) -> CallbackAnswer + Send + Sync>;
