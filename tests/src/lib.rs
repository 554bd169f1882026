//! Workspace-level tests of rer, and the support code they share with
//! `xtask`: rez's benchmark (vendored), a checker of solutions, generated
//! repositories, `rer`'s JSON reports as compared, and the property
//! suites' proptest configuration.

pub mod answer;
pub mod benchmark;
pub mod checker;
pub mod listing;
pub mod prop;
pub mod repo_gen;
pub mod report;
pub mod rez_text;
