//! Options shared by `rer.solve`, `rer.solve_many` and `rer.Solver`.

use pyo3::prelude::*;
use rer_solver::VariantSelectMode;

use crate::errors::{invalid_option, unsupported_option};

/// rez's `variant_select_mode` from its name.
///
/// # Errors
/// `rer.InvalidOptionError` (a `ValueError`) naming the value.
pub fn variant_select_mode(py: Python<'_>, text: &str) -> PyResult<VariantSelectMode> {
    text.parse().map_err(|_| {
        invalid_option(
            py,
            format!(
                "variant_select_mode must be 'version_priority' or 'intersection_priority' (got {text:?})"
            ),
        )
    })
}

/// Refuses an option this build does not implement yet, rather than
/// ignoring it: `None` is accepted, anything else raises.
///
/// # Errors
/// `rer.UnsupportedOptionError` (a `NotImplementedError`) naming the option.
pub fn refuse_unsupported(
    py: Python<'_>,
    name: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    match value {
        Some(value) if !value.is_none() => Err(unsupported_option(
            py,
            format!("the option {name} is not supported by this build of rer"),
        )),
        _ => Ok(()),
    }
}
