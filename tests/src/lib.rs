//! Workspace-level tests of rer, and the support code they share with
//! `xtask`: finding, unpacking and reading rez's benchmark.

pub mod benchmark;
pub mod checker;
pub mod repo_gen;
