//! Limits on a solve: rez's per-step callback, `--max-fails`,
//! `--time-limit`, and a cancel token fired from another thread.
//!
//! rez's own answers for the pigeonhole repository (below) with
//! `--max-fails` are recorded in `tests/data/rez_limits.json` by
//! `tests/data/record_rez_limits.py`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rer_provider_memory::MemoryProvider;
use rer_repo::Package;
use rer_solver::{CallbackAnswer, CancelToken, Resolve, Solver};
use rer_version::{Requirement, Version};
use serde::Deserialize;

/// `pigeons` families `p0..`, each with versions `1..=holes`; `pI-v`
/// requires `hv==I`, so two pigeons in the same hole conflict, which the
/// solve learns only once both have been chosen. With more pigeons than
/// holes nothing solves, after a search that grows factorially.
fn pigeonhole(pigeons: usize, holes: usize) -> MemoryProvider {
    let mut packages = Vec::new();
    for i in 0..pigeons {
        for v in 1..=holes {
            let mut p = Package::new(format!("p{i}"), Version::parse(&v.to_string()).unwrap());
            p.requires = vec![Requirement::parse(&format!("h{v}=={i}")).unwrap()];
            packages.push(p);
        }
    }
    for v in 1..=holes {
        for i in 0..pigeons {
            packages.push(Package::new(
                format!("h{v}"),
                Version::parse(&i.to_string()).unwrap(),
            ));
        }
    }
    MemoryProvider::from_packages(packages).expect("the repository builds")
}

fn request(pigeons: usize) -> Vec<String> {
    (0..pigeons).map(|i| format!("p{i}")).collect()
}

#[derive(Deserialize)]
struct Recorded {
    cases: Vec<RecordedCase>,
}

#[derive(Deserialize)]
struct RecordedCase {
    pigeons: usize,
    holes: usize,
    max_fails: i64,
    time_limit: i64,
    status: String,
    description: String,
    num_solves: Option<usize>,
    /// rez's `Solver.num_fails` once the solve ended (`None` under a time
    /// limit, which stops after a machine-dependent number of steps).
    num_fails: Option<usize>,
}

fn recorded() -> Recorded {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rez_limits.json");
    let text = std::fs::read_to_string(path).expect("the recording is in the repository");
    serde_json::from_str(&text).expect("the recording parses")
}

#[test]
fn max_fails_ends_as_rez_ends() {
    let cases = recorded().cases;
    assert!(cases.len() >= 4, "{} recorded cases", cases.len());
    for case in cases {
        let provider = pigeonhole(case.pigeons, case.holes);
        let mut solver = Solver::new(provider);
        if case.max_fails != -1 {
            solver = solver.max_fails(usize::try_from(case.max_fails).unwrap_or(0));
        }
        if case.time_limit != -1 {
            let secs = u64::try_from(case.time_limit).unwrap_or(0);
            solver = solver.time_limit(Duration::from_secs(secs));
        }
        let outcome = solver.solve_strs(&request(case.pigeons)).expect("no error");
        let label = format!(
            "{}x{} max_fails {}",
            case.pigeons, case.holes, case.max_fails
        );
        if let Some(n) = case.num_solves {
            assert_eq!(outcome.stats().iterations, n, "{label}: solver steps");
        }
        if let Some(n) = case.num_fails {
            assert_eq!(outcome.stats().num_fails, n, "{label}: failed phases");
        }
        match (&outcome, case.status.as_str()) {
            (Resolve::Failed(f), "failed") => {
                assert_eq!(f.description, case.description, "{label}");
            }
            (Resolve::Solved(_), "solved") => {}
            (Resolve::Aborted(a), "aborted") => assert_eq!(a.reason, case.description, "{label}"),
            (other, status) => panic!("{label}: rez {status}, rer {other:?}"),
        }
    }
}

#[test]
fn the_eleven_pigeon_case_stops_at_the_fail_limit() {
    // The case: 11 families of 10 versions, --max-fails 100.
    let solver = Solver::new(pigeonhole(11, 10)).max_fails(100);
    let Resolve::Failed(f) = solver.solve_strs(&request(11)).expect("no error") else {
        panic!("a fail limit ends in failure");
    };
    assert!(
        f.description
            .starts_with("fail limit reached: aborted after 100 failures:\n"),
        "{}",
        f.description
    );
}

#[test]
fn the_time_limit_aborts_with_rez_reason() {
    let solver = Solver::new(pigeonhole(11, 10)).time_limit(Duration::from_millis(300));
    let start = Instant::now();
    let Resolve::Aborted(a) = solver.solve_strs(&request(11)).expect("no error") else {
        panic!("the time limit aborts");
    };
    assert_eq!(a.reason, "time limit exceeded");
    assert!(a.stats.iterations > 0);
    // checked after each step: the solve ends soon after the limit
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_cancel_token_fired_from_another_thread_stops_the_solve() {
    let token = CancelToken::new();
    let solver = Solver::new(pigeonhole(11, 10)).cancel_token(token.clone());
    let fired_at = Arc::new(Mutex::new(None::<Instant>));
    let stopper = {
        let token = token.clone();
        let fired_at = Arc::clone(&fired_at);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            *fired_at.lock().unwrap() = Some(Instant::now());
            token.cancel();
        })
    };
    let outcome = solver.solve_strs(&request(11)).expect("no error");
    let ended = Instant::now();
    stopper.join().expect("the stopper thread ends");
    let Resolve::Aborted(a) = outcome else {
        panic!("a cancelled solve aborts, got {outcome:?}");
    };
    assert_eq!(a.reason, CancelToken::REASON);
    let fired = fired_at.lock().unwrap().expect("the token was fired");
    // a generous bound: the promise is milliseconds
    assert!(
        ended.duration_since(fired) < Duration::from_secs(2),
        "{:?}",
        ended.duration_since(fired)
    );
}

#[test]
fn a_token_fired_before_the_solve_stops_it_at_once() {
    let token = CancelToken::new();
    token.cancel();
    let solver = Solver::new(pigeonhole(3, 2)).cancel_token(token);
    let Resolve::Aborted(a) = solver.solve_strs(&request(3)).expect("no error") else {
        panic!("aborted");
    };
    assert_eq!(a.stats.iterations, 0);
}

#[test]
fn the_callback_sees_rez_solver_state_after_each_unfinished_step() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let solver = {
        let seen = Arc::clone(&seen);
        Solver::new(pigeonhole(3, 2)).callback(move |state| {
            let request: Vec<String> = state
                .phase_request()
                .iter()
                .map(ToString::to_string)
                .collect();
            seen.lock()
                .unwrap()
                .push((state.num_solves, state.num_fails, request));
            CallbackAnswer::KeepGoing
        })
    };
    let Resolve::Failed(plain) = Solver::new(pigeonhole(3, 2))
        .solve_strs(&request(3))
        .expect("no error")
    else {
        panic!("3 pigeons do not fit 2 holes");
    };
    let Resolve::Failed(f) = solver.solve_strs(&request(3)).expect("no error") else {
        panic!("keep_going changes nothing");
    };
    assert_eq!(f.description, plain.description);
    let seen = seen.lock().unwrap();
    // called after every step but the last (which ended the solve)
    assert_eq!(seen.len(), f.stats.iterations - 1);
    for (k, (solves, fails, request)) in seen.iter().enumerate() {
        assert_eq!(*solves, k + 1);
        assert!(*fails <= *solves);
        assert!(request.iter().any(|r| r.starts_with("p0")), "{request:?}");
    }
    assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1));
}

#[test]
fn a_callback_fail_is_ignored_until_something_failed() {
    let calls = Arc::new(AtomicUsize::new(0));
    let solver = {
        let calls = Arc::clone(&calls);
        Solver::new(pigeonhole(4, 3)).callback(move |state| {
            calls.fetch_add(1, Ordering::Relaxed);
            if state.num_fails == 0 {
                CallbackAnswer::Fail("too early".into())
            } else {
                CallbackAnswer::Fail("enough".into())
            }
        })
    };
    let Resolve::Failed(f) = solver.solve_strs(&request(4)).expect("no error") else {
        panic!("failed");
    };
    assert!(f.description.starts_with("enough:\n"), "{}", f.description);
    assert!(calls.load(Ordering::Relaxed) >= 2);
}

#[test]
fn a_callback_abort_aborts_with_its_reason() {
    let solver = Solver::new(pigeonhole(4, 3)).callback(|state| {
        if state.num_solves >= 3 {
            CallbackAnswer::Abort("enough steps".into())
        } else {
            CallbackAnswer::KeepGoing
        }
    });
    let Resolve::Aborted(a) = solver.solve_strs(&request(4)).expect("no error") else {
        panic!("aborted");
    };
    assert_eq!(a.reason, "enough steps");
    assert_eq!(a.stats.iterations, 3);
}

#[test]
fn a_solve_that_succeeds_is_not_stopped_by_a_limit_it_does_not_reach() {
    let solver = Solver::new(pigeonhole(3, 3)).max_fails(1000);
    assert!(
        solver
            .solve_strs(&request(3))
            .expect("no error")
            .is_solved()
    );
}
