//! Reading the packages the static reader refuses by running them: the
//! [`PackageEvaluator`] strategy an [`FsProvider`](crate::FsProvider) can be
//! given.
//!
//! The static reader reads literal definitions; a definition whose solver
//! fields can only be known by running it (an `@early` function, a
//! top-level `if`/`import`, a `@late` `requires`) makes it answer
//! [`ProviderError::NeedsEvaluation`]. A provider given an evaluator then
//! asks it for the package instead, once per package, when the solve first
//! looks at that version: packages read statically never reach it.
//!
//! rer ships one evaluator, the `rer-rez-eval` crate's `RezEvaluator` (rez's
//! own loader in a helper Python process); a host that embeds rez can
//! implement the trait to evaluate in its own interpreter.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rer_repo::ProviderError;
use rer_version::Version;

use crate::definition::PackageDefinition;
use crate::stats::Stats;

/// One package to evaluate: where it is and, for `@late` `requires` that
/// read it, the request being resolved.
#[derive(Debug, Clone, Copy)]
pub struct EvalQuery<'a> {
    /// The family name (the directory's, which wins over the file's).
    pub family: &'a str,
    /// The version as its directory spells it (empty for an unversioned
    /// package).
    pub version: &'a str,
    /// The repository root that holds the package, resolved.
    pub root: &'a Path,
    /// The definition file the static reader refused (rez's uri for it).
    pub path: &'a Path,
    /// Every root of the provider, highest priority first: rez's
    /// `package_paths` for the request's context.
    pub roots: &'a [PathBuf],
    /// The request being resolved, when the provider is bound to one.
    pub request: Option<&'a [String]>,
    /// The implicit packages added to that request (rez's `implicits`
    /// binding: `implicit_packages` in a `rez env`, none with `--ni`);
    /// empty when the provider is not bound to a request.
    pub implicits: &'a [String],
}

/// A package's fields as rez's loader produced them, each requirement as
/// rez prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluatedPackage {
    /// `requires`, late-bound functions evaluated.
    pub requires: Vec<String>,
    /// `variants`.
    pub variants: Vec<Vec<String>>,
    /// `build_requires` (not used by a solve that is not a build).
    pub build_requires: Vec<String>,
    /// `private_build_requires` (likewise).
    pub private_build_requires: Vec<String>,
    /// `timestamp`, when the package has an integer one.
    pub timestamp: Option<i64>,
    /// `hashed_variants`: the variants' payloads are in directories named
    /// by a hash of their requirements.
    pub hashed_variants: bool,
}

/// What an evaluator answers for one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evaluation {
    /// The package's fields.
    Read(EvaluatedPackage),
    /// The package's `@late` `requires` read the request, and the query
    /// carried none: ask again with the request.
    NeedsRequest,
}

/// Reads a package definition by running it, as rez's loader does.
///
/// # Contract
/// - `evaluate` is called at most once per package a provider hands out
///   (the [`Family`](rer_repo::Family) remembers the answer), possibly from
///   several threads at once; an implementation serialises what it must.
/// - An evaluation that fails the way rez fails (an exception in the file,
///   a bad `requires` item) answers an error naming the file; an evaluator
///   that cannot run at all (no Python with rez) answers
///   [`ProviderError::NeedsEvaluation`] with a `remedy` saying what to
///   provide.
/// - Evaluation must be bounded: an implementation that runs untrusted
///   files limits their time and output and answers an error past them.
pub trait PackageEvaluator: Send + Sync + fmt::Debug {
    /// Evaluates one package.
    ///
    /// # Errors
    /// As the contract says.
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError>;

    /// The versions a combined family file (`<root>/<family>.py`, the
    /// query's `path`) defines, as rez's loader lists them, asked when the
    /// static reader refuses the file's `versions`; `query.version` is
    /// empty. An empty list is one unversioned package, as in rez.
    ///
    /// The default answers `Ok(None)`: this evaluator cannot list them, and
    /// the family stays refused.
    ///
    /// # Errors
    /// As [`PackageEvaluator::evaluate`].
    fn combined_versions(
        &self,
        query: &EvalQuery<'_>,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        let _ = query;
        Ok(None)
    }
}

impl<E: PackageEvaluator + ?Sized> PackageEvaluator for Arc<E> {
    fn evaluate(&self, query: &EvalQuery<'_>) -> Result<Evaluation, ProviderError> {
        (**self).evaluate(query)
    }

    fn combined_versions(
        &self,
        query: &EvalQuery<'_>,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        (**self).combined_versions(query)
    }
}

/// What a provider without an evaluator says a refused package needs.
pub(crate) const NO_EVALUATOR: &str = "reading it needs rez's own loader: give the provider a \
     PackageEvaluator (the rer command evaluates with a Python that has rez 3.4.0: \
     --rez-python PATH, RER_REZ_PYTHON, or a `rez` on PATH)";

/// What a provider hands its loaders for evaluation: the evaluator, the
/// roots (rez's package paths) and the request it is bound to.
#[derive(Debug, Clone, Default)]
pub(crate) struct EvalSetup {
    pub evaluator: Option<Arc<dyn PackageEvaluator>>,
    pub roots: Arc<[PathBuf]>,
    pub request: Option<Arc<[String]>>,
    pub implicits: Arc<[String]>,
}

/// `refused` (a [`ProviderError::NeedsEvaluation`]) saying `remedy`
/// instead of what it said; any other error unchanged.
pub(crate) fn with_remedy(refused: ProviderError, remedy: String) -> ProviderError {
    match refused {
        ProviderError::NeedsEvaluation {
            path,
            line,
            field,
            construct,
            ..
        } => ProviderError::NeedsEvaluation {
            path,
            line,
            field,
            construct,
            remedy,
        },
        other => other,
    }
}

/// Reads through `setup`'s evaluator the package `family`-`version` of
/// `root` that the static reader refused with `refused` (a
/// [`ProviderError::NeedsEvaluation`] naming the definition file), or
/// answers `refused` when there is no evaluator.
pub(crate) fn evaluate_refused(
    setup: &EvalSetup,
    stats: &Stats,
    family: &str,
    refused: ProviderError,
    version: &Version,
    root: &Path,
) -> Result<(PathBuf, PackageDefinition), ProviderError> {
    let (Some(evaluator), ProviderError::NeedsEvaluation { path, .. }) =
        (&setup.evaluator, &refused)
    else {
        return Err(refused);
    };
    let version_text = version.to_string();
    let query = EvalQuery {
        family,
        version: &version_text,
        root,
        path,
        roots: &setup.roots,
        request: setup.request.as_deref(),
        implicits: &setup.implicits,
    };
    let evaluated = evaluator.evaluate(&query).map_err(|e| match e {
        ProviderError::NeedsEvaluation { remedy, .. } => with_remedy(refused.clone(), remedy),
        other => other,
    })?;
    stats.package_evaluated();
    match evaluated {
        Evaluation::Read(package) => Ok((
            path.clone(),
            PackageDefinition {
                requires: package.requires,
                variants: package.variants,
                timestamp: package.timestamp,
                build_requires: Ok((package.build_requires, None)),
                private_build_requires: Ok((package.private_build_requires, None)),
                requires_line: None,
                variants_line: None,
                hashed_variants: package.hashed_variants,
            },
        )),
        Evaluation::NeedsRequest => Err(ProviderError::RequestDependent {
            package: if version.is_empty() {
                family.to_string()
            } else {
                format!("{family}-{version}")
            },
            path: path.clone(),
        }),
    }
}
