//! `rer batch`: reading the requests file and answering every request on a
//! local rayon pool, in input order.

use std::path::Path;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::error::CliError;
use crate::report::{Report, Status};

/// Reads a requests file: a JSON array of requests, each an array of
/// requirement strings (the format of rez's benchmark `requests.json`);
/// `-` reads them from standard input.
///
/// # Errors
/// `requests_file` when the file cannot be read or is not such an array;
/// the message names the file (`standard input` for `-`) and, for bad
/// JSON, the line and column.
pub fn read_requests(path: &Path) -> Result<Vec<Vec<String>>, CliError> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map_err(|e| {
            CliError::new(
                "requests_file",
                format!("cannot read the requests from standard input: {e}"),
            )
        })?;
        return parse_requests(&text).map_err(|e| {
            CliError::new("requests_file", format!("requests on standard input: {e}"))
        });
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::new(
            "requests_file",
            format!("cannot read requests file {}: {e}", path.display()),
        )
    })?;
    parse_requests(&text).map_err(|e| {
        CliError::new(
            "requests_file",
            format!("requests file {}: {e}", path.display()),
        )
    })
}

/// Parses the text of a requests file.
///
/// # Errors
/// A message saying what the text should be, with serde's line and column.
pub fn parse_requests(text: &str) -> Result<Vec<Vec<String>>, String> {
    serde_json::from_str::<Vec<Vec<String>>>(text).map_err(|e| {
        format!(
            "not a JSON array of requests, each an array of requirement strings \
             (e.g. [[\"foo-1\", \"bar\"]]): {e}"
        )
    })
}

/// The most worker threads a batch starts, whatever `--jobs` asks: far
/// more than any machine has cores, far fewer than would exhaust memory
/// with thread stacks.
pub const MAX_JOBS: usize = 256;

/// Answers every request with `solve`, on a local pool of `jobs` threads
/// (all cores when `None`), and returns the reports in input order. The
/// pool has no more threads than there are requests, nor more than
/// [`MAX_JOBS`].
///
/// With one job the requests are solved one after another on a single
/// worker thread. `progress` is advanced once per answered request and
/// finished at the end.
///
/// # Errors
/// `thread_pool` if the pool cannot be built.
pub fn run<F>(
    requests: &[Vec<String>],
    jobs: Option<usize>,
    progress: &ProgressBar,
    solve: F,
) -> Result<Vec<Report>, CliError>
where
    F: Fn(&[String]) -> Report + Sync,
{
    let threads = jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1)
        })
        .min(requests.len())
        .clamp(1, MAX_JOBS);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("rer-batch-{i}"))
        .build()
        .map_err(|e| {
            CliError::new(
                "thread_pool",
                format!("cannot start {threads} worker threads: {e}"),
            )
        })?;
    let answer = |request: &Vec<String>| {
        let report = solve(request);
        progress.inc(1);
        report
    };
    let reports = pool.install(|| {
        if threads == 1 {
            requests.iter().map(answer).collect()
        } else {
            requests.par_iter().map(answer).collect()
        }
    });
    progress.finish_and_clear();
    Ok(reports)
}

/// One line summing a batch up, e.g. `188 requests in 2.41 s: 187 solved,
/// 1 failed, 0 aborted, 0 errors; 1266 families read`.
pub fn summary(reports: &[Report], elapsed: std::time::Duration, families_read: u64) -> String {
    let count = |status| reports.iter().filter(|r| r.status == status).count();
    format!(
        "{} requests in {:.2} s: {} solved, {} failed, {} aborted, {} errors; \
         {families_read} families read",
        reports.len(),
        elapsed.as_secs_f64(),
        count(Status::Solved),
        count(Status::Failed),
        count(Status::Aborted),
        count(Status::Error),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Stats;
    use std::collections::HashSet;
    use std::sync::Mutex;

    fn fake(request: &[String]) -> Report {
        Report::failed(request.to_vec(), request.join(","), Stats::default())
    }

    #[test]
    fn summary_counts_statuses() {
        let reports = [
            fake(&["a".to_string()]),
            Report::error(vec![], "x", "y".into(), Stats::default()),
            Report::solved(vec![], vec![], vec![], Stats::default()),
            Report::solved(vec![], vec![], vec![], Stats::default()),
        ];
        assert_eq!(
            summary(&reports, std::time::Duration::from_millis(1500), 7),
            "4 requests in 1.50 s: 2 solved, 1 failed, 0 aborted, 1 errors; 7 families read"
        );
    }

    #[test]
    fn parses_the_benchmark_format() {
        let requests = parse_requests(r#"[["a", "b-1"], [], ["~c"]]"#).expect("parses");
        assert_eq!(
            requests,
            vec![
                vec!["a".to_string(), "b-1".into()],
                vec![],
                vec!["~c".into()]
            ]
        );
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [r#"{"a": 1}"#, r#"["a"]"#, r#"[[1]]"#, "[[", ""] {
            let e = parse_requests(bad).expect_err(bad);
            assert!(e.contains("JSON array of requests"), "{e}");
        }
    }

    #[test]
    fn missing_file_names_it() {
        let e = read_requests(Path::new("/no/such/requests.json")).expect_err("missing");
        assert_eq!(e.kind, "requests_file");
        assert!(
            e.message.contains("/no/such/requests.json"),
            "{}",
            e.message
        );
    }

    #[test]
    fn threads_are_capped_at_the_requests_and_max_jobs() {
        let bar = ProgressBar::hidden();
        let threads = |requests: usize, jobs: usize| {
            let requests = vec![vec!["a".to_string()]; requests];
            let seen = std::sync::Mutex::new(std::collections::HashSet::new());
            run(&requests, Some(jobs), &bar, |r| {
                let name = std::thread::current().name().map(String::from);
                seen.lock().unwrap().insert(name);
                std::thread::sleep(std::time::Duration::from_millis(20));
                fake(r)
            })
            .unwrap();
            seen.into_inner().unwrap().len()
        };
        assert!(threads(3, 100_000) <= 3);
        assert!(threads(1_000, 100_000) <= MAX_JOBS);
    }

    #[test]
    fn answers_keep_input_order_whatever_the_jobs() {
        let requests: Vec<Vec<String>> = (0..50).map(|i| vec![format!("r{i}")]).collect();
        for jobs in [Some(1), Some(2), Some(7), None] {
            let bar = ProgressBar::hidden();
            let reports = run(&requests, jobs, &bar, |r| {
                // Uneven work, so that parallel answers finish out of order.
                let n: u64 = r[0][1..].parse().unwrap_or(0);
                std::thread::sleep(std::time::Duration::from_micros((50 - n) * 20));
                fake(r)
            })
            .expect("runs");
            let got: Vec<_> = reports.iter().map(|r| r.request[0].clone()).collect();
            let want: Vec<_> = requests.iter().map(|r| r[0].clone()).collect();
            assert_eq!(got, want, "jobs {jobs:?}");
            assert_eq!(bar.position(), 50);
        }
    }

    #[test]
    fn one_job_uses_one_thread() {
        let requests: Vec<Vec<String>> = (0..20).map(|i| vec![format!("r{i}")]).collect();
        let threads = Mutex::new(HashSet::new());
        run(&requests, Some(1), &ProgressBar::hidden(), |r| {
            if let Ok(mut t) = threads.lock() {
                t.insert(std::thread::current().id());
            }
            fake(r)
        })
        .expect("runs");
        assert_eq!(threads.lock().map(|t| t.len()).unwrap_or(0), 1);
    }
}
