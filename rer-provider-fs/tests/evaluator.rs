//! The evaluator hook: packages read statically never reach it, a refused
//! package reaches it once, when it is first read, with the query rez's
//! loader needs; its answer becomes the package.

mod common;

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{canonical, family, repo};
use rer_provider_fs::{EvalQuery, EvaluatedPackage, Evaluation, FsProvider, PackageEvaluator};
use rer_repo::ProviderError;

/// What a query asked: family, version, root, request.
type Seen = (String, String, String, Option<Vec<String>>);

/// Answers every query with fixed fields, recording the queries.
#[derive(Debug, Default)]
struct Recording {
    calls: AtomicUsize,
    seen: Mutex<Vec<Seen>>,
    needs_request: bool,
}

impl PackageEvaluator for Recording {
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.seen.lock().unwrap().push((
            query.family.to_string(),
            query.version.to_string(),
            query.root.display().to_string(),
            query.request.map(<[String]>::to_vec),
        ));
        if self.needs_request && query.request.is_none() {
            return Ok(Evaluation::NeedsRequest);
        }
        Ok(Evaluation::Read(EvaluatedPackage {
            requires: vec!["bar-1".into()],
            variants: vec![vec!["baz".into()]],
            timestamp: Some(7),
            ..EvaluatedPackage::default()
        }))
    }
}

const EARLY: &str = "@early()\ndef requires():\n    return ['bar-1']\n";

#[test]
fn static_packages_never_reach_the_evaluator() {
    let dir = repo(&[
        ("foo/1/package.py", "requires = ['bar']\n"),
        ("foo/2/package.yaml", "requires: [bar]\n"),
    ]);
    let evaluator = Arc::new(Recording::default());
    let provider = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(evaluator.clone());
    let foo = family(&provider, "foo");
    for i in 0..foo.len() {
        foo.package(i).unwrap();
    }
    assert_eq!(evaluator.calls.load(Ordering::SeqCst), 0);
    assert_eq!(provider.packages_evaluated(), 0);
}

#[test]
fn a_refused_package_is_evaluated_once_when_first_read() {
    let dir = repo(&[
        ("foo/1/package.py", "requires = ['bar']\n"),
        ("foo/2/package.py", EARLY),
    ]);
    let evaluator = Arc::new(Recording::default());
    let provider = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(evaluator.clone());
    let foo = family(&provider, "foo");
    assert_eq!(
        evaluator.calls.load(Ordering::SeqCst),
        0,
        "listing evaluates nothing"
    );
    foo.package(0).unwrap();
    assert_eq!(evaluator.calls.load(Ordering::SeqCst), 0);
    let package = foo.package(1).unwrap();
    let again = foo.package(1).unwrap();
    assert_eq!(package, again);
    assert_eq!(evaluator.calls.load(Ordering::SeqCst), 1);
    assert_eq!(provider.packages_evaluated(), 1);
    let requires: Vec<String> = package.requires.iter().map(ToString::to_string).collect();
    assert_eq!(requires, ["bar-1"]);
    assert_eq!(package.variants.len(), 1);
    assert_eq!(package.timestamp, Some(7));
    assert!(package.uri.ends_with("foo/2/package.py"), "{}", package.uri);
    let seen = evaluator.seen.lock().unwrap().clone();
    let root = canonical(dir.path()).display().to_string();
    assert_eq!(seen, [("foo".to_string(), "2".to_string(), root, None)]);
}

#[test]
fn without_an_evaluator_the_refusal_says_what_it_needs() {
    let dir = repo(&[("foo/1/package.py", EARLY)]);
    let provider = FsProvider::new([dir.path()]).unwrap();
    let e = family(&provider, "foo").package(0).unwrap_err();
    let ProviderError::NeedsEvaluation { field, line, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!((*field, *line), ("requires", Some(2)));
    let text = e.to_string();
    assert!(
        text.contains("PackageEvaluator") && text.contains("--rez-python"),
        "{text}"
    );
}

#[test]
fn a_request_dependent_package_needs_a_provider_bound_to_the_request() {
    let dir = repo(&[(
        "foo/1/package.py",
        "@late()\ndef requires():\n    return [request]\n",
    )]);
    let evaluator = Arc::new(Recording {
        needs_request: true,
        ..Recording::default()
    });
    let provider = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(evaluator.clone());
    let e = family(&provider, "foo").package(0).unwrap_err();
    assert!(
        matches!(&e, ProviderError::RequestDependent { package, .. } if package == "foo-1"),
        "{e:?}"
    );
    let request = vec!["foo".to_string(), "bar".to_string()];
    let bound = provider.bound_to_request(&request);
    family(&bound, "foo").package(0).unwrap();
    let seen = evaluator.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].3.as_deref(), Some(&request[..]));
}

#[test]
fn an_evaluation_error_is_the_package_s_error() {
    #[derive(Debug)]
    struct Failing;
    impl PackageEvaluator for Failing {
        fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
            Err(ProviderError::Parse {
                path: query.path.to_path_buf(),
                line: None,
                message: "rez 3.4.0 cannot load it: NameError".into(),
            })
        }
    }
    let dir = repo(&[("foo/1/package.py", EARLY)]);
    let provider = FsProvider::new([dir.path()])
        .unwrap()
        .with_evaluator(Arc::new(Failing));
    let e = family(&provider, "foo").package(0).unwrap_err();
    assert!(e.to_string().contains("NameError"), "{e}");
}
