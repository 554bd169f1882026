//! `rer._rer`, the compiled half of the Python package `rer`: pyrer's API
//! (`solve`, `PackageData`, `SolveResult`, `ResolvedVariant`) and rer's own
//! (`Solver`, `solve_many`). The Python half (`python/rer/`) re-exports these
//! and adds the rez backend.

mod combined_eval;
mod control;
mod errors;
mod evaluating;
mod graph;
mod index;
mod native;
mod options;
mod package_data;
mod provider;
mod result;
mod run;
mod settings;
mod solve;

use pyo3::prelude::*;

#[pymodule]
fn _rer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<package_data::PackageData>()?;
    m.add_class::<result::ResolvedVariant>()?;
    m.add_class::<result::SolveResult>()?;
    m.add_class::<graph::ResolveGraph>()?;
    m.add_class::<native::Solver>()?;
    m.add_class::<control::CancelToken>()?;
    m.add_class::<control::SolverState>()?;
    m.add_function(wrap_pyfunction!(solve::solve, m)?)?;
    m.add_function(wrap_pyfunction!(solve::solve_many, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
