//! The progress bar `batch` shows on stderr, when stderr is a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over `total` requests on stderr if stderr is a terminal,
/// else a hidden one (piped output stays clean).
pub fn for_requests(total: usize) -> ProgressBar {
    if std::io::stderr().is_terminal() {
        visible(total)
    } else {
        ProgressBar::hidden()
    }
}

/// A progress bar over `total` requests drawn on stderr.
pub fn visible(total: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} requests (eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
