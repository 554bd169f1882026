//! The exceptions rer raises for misuse, defined in Python (`rer/errors.py`)
//! so that each can derive from both `rer.RerError` and the builtin it
//! refines. Resolves never raise: their outcome, errors included, is a
//! `SolveResult`.

use pyo3::prelude::*;
use pyo3::types::PyType;

/// A `PyErr` of the class `name` of `rer.errors`, with `message`.
fn error(py: Python<'_>, name: &str, message: String) -> PyErr {
    match py
        .import("rer.errors")
        .and_then(|m| m.getattr(name))
        .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from))
    {
        Ok(class) => PyErr::from_type(class, message),
        Err(e) => e,
    }
}

/// `rer.InvalidOptionError` (a `ValueError`): an option with a value rer
/// does not accept.
pub fn invalid_option(py: Python<'_>, message: String) -> PyErr {
    error(py, "InvalidOptionError", message)
}

/// `rer.UnsupportedOptionError` (a `NotImplementedError`): an option this
/// build of rer does not implement.
pub fn unsupported_option(py: Python<'_>, message: String) -> PyErr {
    error(py, "UnsupportedOptionError", message)
}
