//! The exit codes of `rer`.

use std::process::ExitCode;

use crate::report::Status;

/// `solve` found a resolve; `batch` answered every request.
pub const SUCCESS: u8 = 0;
/// `solve`: the resolve failed (rez's "resolve failed").
pub const FAILED: u8 = 1;
/// An error: bad request, bad package file, unknown family, missing
/// repository, bad usage, or bad input to `batch`.
pub const ERROR: u8 = 2;
/// `solve`: a limit (`--time-limit`) stopped the solve before an answer
/// (rez's "aborted").
pub const ABORTED: u8 = 3;

/// The exit code of `rer solve` for a request that ended in `status`.
pub fn for_solve(status: Status) -> u8 {
    match status {
        Status::Solved => SUCCESS,
        Status::Failed => FAILED,
        Status::Error => ERROR,
        Status::Aborted => ABORTED,
    }
}

/// Turns a code into the process's [`ExitCode`].
pub fn to_exit_code(code: u8) -> ExitCode {
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_codes() {
        assert_eq!(for_solve(Status::Solved), 0);
        assert_eq!(for_solve(Status::Failed), 1);
        assert_eq!(for_solve(Status::Error), 2);
        assert_eq!(for_solve(Status::Aborted), 3);
    }
}
