//! The `rer` command: rez-compatible resolves from the shell.
//!
//! - `rer solve [--repo DIR]... [--packages-json FILE] [--json] REQUEST...`
//! - `rer batch [--repo DIR]... [--packages-json FILE] --requests FILE [--jobs N] [--json]`
//! - `rer config [SETTING] [--json]`
//!
//! Without flags, `solve` and `batch` resolve as `rez env` on this site:
//! [`site`] takes packages_path, implicit_packages, variant_select_mode and
//! the rest from rez's configuration ([`rer_config`]); [`show_config`]
//! prints it.
//!
//! The modules each do one job: [`args`] parses the command line,
//! [`providers`] turns `--repo` / `REZ_PACKAGES_PATH` / `--packages-json`
//! into one cached provider, [`solve`] answers one request with the solver,
//! [`report`] is that answer as plain data (the `--json` schema),
//! [`failure_detail`] what it says about a failure beyond rez's description,
//! [`graph_file`] writes rez's resolve graph,
//! [`render_text`] and [`render_json`] print it, [`batch`] runs many
//! requests on a local thread pool, [`progress`] draws the progress bar,
//! [`exit`] names the exit codes, [`resolve_cache`] keeps `rer solve`'s
//! answers beside the repository index, [`commands`] ties them together;
//! [`allocator`] is the binary's global allocator.

pub mod allocator;
pub mod args;
pub mod batch;
pub mod commands;
pub mod error;
pub mod exit;
pub mod failure_detail;
pub mod filters;
pub mod graph_file;
pub mod progress;
pub mod providers;
pub mod render_json;
pub mod render_text;
pub mod report;
pub mod resolve_cache;
pub mod show_config;
pub mod site;
pub mod solve;

/// Replaces Rust's panic message and backtrace with one line that says a
/// bug in rer was hit: users never see a backtrace, whatever
/// `RUST_BACKTRACE` says.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = solve::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("rer: internal error: {message}{place} (this is a bug in rer; please report it)");
    }));
}
