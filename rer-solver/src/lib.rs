//! rer-solver
