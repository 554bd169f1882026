//! One running helper process: started, asked one line at a time with a
//! time limit and a size limit on what it answers, stopped.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

/// The helper script, shipped inside the binary and run with `python -c`.
pub(crate) const HELPER_SCRIPT: &str = include_str!("helper.py");

/// Why a line could not be had from the helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineError {
    /// No answer within the time limit.
    Timeout(Duration),
    /// An answer longer than the limit, in bytes.
    TooLong(usize),
    /// The helper closed its output or could not be written to: it exited.
    Exited(String),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::Timeout(limit) => write!(
                f,
                "rez's loader did not answer within {:.1} s (the helper process was stopped)",
                limit.as_secs_f64()
            ),
            LineError::TooLong(limit) => write!(
                f,
                "rez's loader answered more than {limit} bytes (the helper process was stopped)"
            ),
            LineError::Exited(why) => write!(f, "the rez helper process exited: {why}"),
        }
    }
}

/// A running helper.
pub(crate) struct HelperProcess {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Result<String, LineError>>,
    reader: Option<JoinHandle<()>>,
}

impl HelperProcess {
    /// Starts `python -c <helper>`, its stderr discarded (what a package
    /// prints never reaches rer's output).
    pub(crate) fn start(python: &Path, max_line: usize) -> Result<HelperProcess, String> {
        let mut child = Command::new(python)
            .arg("-c")
            .arg(HELPER_SCRIPT)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the helper process has no pipes".to_string());
        };
        let (send, lines) = mpsc::sync_channel(1);
        let reader = std::thread::Builder::new()
            .name("rer-rez-helper".to_string())
            .spawn(move || read_lines(stdout, max_line, &send))
            .map_err(|e| format!("cannot start a thread to read the helper: {e}"))?;
        Ok(HelperProcess {
            child,
            stdin,
            lines,
            reader: Some(reader),
        })
    }

    /// Sends `line` (without its newline) and waits up to `timeout` for
    /// one line back.
    pub(crate) fn ask(&mut self, line: &str, timeout: Duration) -> Result<String, LineError> {
        let written = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.write_all(b"\n"))
            .and_then(|()| self.stdin.flush());
        if let Err(e) = written {
            return Err(LineError::Exited(format!("cannot write to it: {e}")));
        }
        self.next_line(timeout)
    }

    /// Waits up to `timeout` for the next line.
    pub(crate) fn next_line(&mut self, timeout: Duration) -> Result<String, LineError> {
        match self.lines.recv_timeout(timeout) {
            Ok(answer) => answer,
            Err(RecvTimeoutError::Timeout) => Err(LineError::Timeout(timeout)),
            Err(RecvTimeoutError::Disconnected) => Err(LineError::Exited(self.exit_status())),
        }
    }

    fn exit_status(&mut self) -> String {
        match self.child.try_wait() {
            Ok(Some(status)) => status.to_string(),
            _ => "its output closed".to_string(),
        }
    }
}

impl Drop for HelperProcess {
    /// Kills the process and reaps it. The reader thread is not waited
    /// for: it ends when the pipe closes, which a process the package
    /// started may delay.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop(self.reader.take());
    }
}

/// Forwards the helper's lines, each at most `max_line` bytes, until its
/// output closes, a line is too long, or nobody listens.
fn read_lines(
    stdout: impl Read,
    max_line: usize,
    send: &mpsc::SyncSender<Result<String, LineError>>,
) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut buffer = Vec::new();
        let limit = u64::try_from(max_line)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = (&mut reader).take(limit).read_until(b'\n', &mut buffer);
        let message = match read {
            Ok(0) => return,
            Ok(_) if buffer.last() == Some(&b'\n') => {
                buffer.pop();
                Ok(String::from_utf8_lossy(&buffer).into_owned())
            }
            Ok(_) if buffer.len() > max_line => Err(LineError::TooLong(max_line)),
            Ok(_) => Err(LineError::Exited(
                "it closed its output mid-line".to_string(),
            )),
            Err(e) => Err(LineError::Exited(format!("cannot read its output: {e}"))),
        };
        let stop = message.is_err();
        if send.send(message).is_err() || stop {
            return;
        }
    }
}
