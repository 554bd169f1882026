//! The `rer` command: rez-compatible resolves from the shell.
//!
//! - `rer solve [--repo DIR]... [--packages-json FILE] [--json] REQUEST...`
//! - `rer batch [--repo DIR]... [--packages-json FILE] --requests FILE [--jobs N] [--json]`
//!
//! The modules each do one job: [`args`] parses the command line,
//! [`report`] is the outcome of one request as plain data (the `--json`
//! schema), [`render_text`] and [`render_json`] print it, [`batch`] runs
//! many requests on a local thread pool, [`progress`] draws the progress
//! bar, [`exit`] names the exit codes.

pub mod args;
pub mod batch;
pub mod error;
pub mod exit;
pub mod progress;
pub mod render_json;
pub mod render_text;
pub mod report;
