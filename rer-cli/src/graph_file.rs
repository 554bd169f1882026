//! Writing rez's resolve graph to a file: its dot text as is, or rendered
//! to an image by graphviz's `dot` program.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use clap::ValueEnum;

use crate::error::CliError;

/// The format a graph file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// The dot text, exactly as rez writes it.
    Dot,
    /// An SVG image, rendered by graphviz's `dot`.
    Svg,
    /// A PNG image, rendered by graphviz's `dot`.
    Png,
}

impl GraphFormat {
    /// The format a file name implies: `.svg` and `.png` their own, any
    /// other name dot text.
    pub fn for_path(path: &Path) -> GraphFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(e) if e == "svg" => GraphFormat::Svg,
            Some(e) if e == "png" => GraphFormat::Png,
            _ => GraphFormat::Dot,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
            GraphFormat::Png => "png",
        }
    }
}

/// Writes `dot` (a graph in the dot language) to `path` in `format`.
///
/// # Errors
/// `graph_file` when the file cannot be written; `graphviz_missing` when an
/// image is asked for and graphviz's `dot` is not on `PATH`; `graphviz_failed`
/// when `dot` fails.
pub fn write(dot: &str, path: &Path, format: GraphFormat) -> Result<(), CliError> {
    let shown = path.display();
    if format == GraphFormat::Dot {
        let mut text = dot.to_string();
        text.push('\n');
        return std::fs::write(path, text)
            .map_err(|e| CliError::new("graph_file", format!("cannot write {shown}: {e}")));
    }
    let child = Command::new("dot")
        .arg(format!("-T{}", format.as_str()))
        .arg("-o")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CliError::new(
                "graphviz_missing",
                format!(
                    "cannot write {shown} as {}: graphviz's `dot` program is not on PATH \
                     (install graphviz, or use --graph-format dot for the dot text)",
                    format.as_str()
                ),
            ));
        }
        Err(e) => {
            return Err(CliError::new(
                "graphviz_failed",
                format!("cannot run graphviz's `dot`: {e}"),
            ));
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|e| CliError::new("graphviz_failed", format!("cannot feed `dot`: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| CliError::new("graphviz_failed", format!("`dot` did not finish: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(CliError::new(
            "graphviz_failed",
            format!(
                "graphviz's `dot` failed writing {shown}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(GraphFormat::for_path(Path::new("a.svg")), GraphFormat::Svg);
        assert_eq!(GraphFormat::for_path(Path::new("a.PNG")), GraphFormat::Png);
        assert_eq!(GraphFormat::for_path(Path::new("a.dot")), GraphFormat::Dot);
        assert_eq!(GraphFormat::for_path(Path::new("graph")), GraphFormat::Dot);
    }

    #[test]
    fn dot_text_is_written_as_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("g.dot");
        write("digraph g {\n}", &path, GraphFormat::Dot).expect("writes");
        assert_eq!(
            std::fs::read_to_string(&path).expect("reads"),
            "digraph g {\n}\n"
        );
    }
}
