//! [`Solver`]: the public entry point.

use std::sync::Arc;
use std::time::Duration;

use rer_repo::FamilyProvider;
use rer_version::Requirement;

use rer_order::PackageOrderList;

use crate::VariantSelectMode;
use crate::cache::Cache;
use crate::control::{CallbackAnswer, CancelToken, SolverState};
use crate::engine::{RunOptions, run};
use crate::error::SolveError;
use crate::options::SolveOptions;
use crate::outcome::Resolve;
use crate::phase::PhaseOptions;

/// A rez-compatible solver over a package provider.
///
/// One `Solver` serves any number of solves, one after the other or at once
/// from several threads (it is `Send + Sync` when the provider is). Each
/// solve gives exactly rez 3.4.0's answer for the same request and packages:
/// the same status, the same variants in the same order, the same failure
/// description. Options are set builder-style; the defaults are rez's.
///
/// The solver remembers what it learnt about packages (their merged
/// requirements, which versions each requirement admits) across solves, for
/// the family objects the provider hands out; a provider answering with a
/// new family object for a name gets that family re-learnt.
///
/// When the provider keeps a [`Derived`](rer_repo::Derived) store
/// ([`Cached`](rer_repo::Cached) and the memory provider do), that memory
/// lives there rather than in the solver: solvers made one after another
/// over the same provider (one per request, say) share it, and a new one
/// starts from what earlier ones learnt. Everything kept is a function of
/// the package data alone (and of [`Solver::building`], which keys it), so
/// sharing changes no answer. A solver with package orderers keeps a memory
/// of its own, as its rankings depend on them.
#[derive(Debug, Clone)]
pub struct Solver<P> {
    provider: P,
    cache: Arc<Cache>,
    options: SolveOptions,
}

impl<P: FamilyProvider> Solver<P> {
    /// A solver over `provider` with rez's default settings.
    pub fn new(provider: P) -> Self {
        Self::with_options(provider, SolveOptions::default())
    }

    /// A solver over `provider` with `options`.
    pub fn with_options(provider: P, options: SolveOptions) -> Self {
        let cache = memory(&provider, &options);
        Solver {
            provider,
            cache,
            options,
        }
    }

    /// The settings in use.
    pub fn options(&self) -> &SolveOptions {
        &self.options
    }

    /// Sets rez's `variant_select_mode`.
    pub fn variant_select_mode(mut self, mode: VariantSelectMode) -> Self {
        self.options.variant_select_mode = mode;
        self
    }

    /// Sets rez's `package_orderers` (build the list from rez's config
    /// format with [`PackageOrderList::from_pod`]). What the solver
    /// remembers about variant rankings is kept per orderer list, so this
    /// starts the solver's memory afresh (one of its own, not shared through
    /// the provider).
    pub fn package_orderers(mut self, orderers: PackageOrderList) -> Self {
        self.options.package_orderers = (!orderers.is_empty()).then(|| Arc::new(orderers));
        self.cache = memory(&self.provider, &self.options);
        self
    }

    /// Sets rez-env's `--max-fails`: see [`SolveOptions::max_fails`].
    pub fn max_fails(mut self, max_fails: usize) -> Self {
        self.options.max_fails = Some(max_fails);
        self
    }

    /// Sets rez-env's `--time-limit`: see [`SolveOptions::time_limit`].
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.options.time_limit = Some(limit);
        self
    }

    /// Sets a callback run after each unfinished step, as rez's solver
    /// `callback`: see [`SolveOptions::callback`].
    pub fn callback<F>(mut self, callback: F) -> Self
    where
        F: Fn(&SolverState<'_>) -> CallbackAnswer + Send + Sync + 'static,
    {
        self.options.callback = Some(Arc::new(callback));
        self
    }

    /// Gives the solves a token that stops them when fired (from any
    /// thread): see [`CancelToken`].
    pub fn cancel_token(mut self, token: CancelToken) -> Self {
        self.options.cancel = Some(token);
        self
    }

    /// Sets rez's `error_on_missing_variant_requires` (default `true`): when
    /// `false`, a family required by a package but missing from the
    /// repositories fails that branch of the solve instead of raising
    /// [`SolveError::UnknownFamily`].
    pub fn error_on_missing_variant_requires(mut self, error: bool) -> Self {
        self.options.error_on_missing_variant_requires = error;
        self
    }

    /// Sets rez's `building` (default `false`; `rez env -b`): every variant's
    /// requirements get its package's `build_requires` appended, for every
    /// package the solve reads, as rez 3.4.0 does. `private_build_requires`
    /// are not added (rez's solver does not add them either). A package
    /// whose `build_requires` cannot be read is then an error
    /// ([`SolveError::Provider`]); a build requirement that clashes with the
    /// package's own is rez's internal-conflict error
    /// ([`SolveError::ConflictingPackageRequires`]).
    ///
    /// What the solver remembers of packages depends on this setting, so
    /// changing it starts this solver's memory afresh.
    pub fn building(mut self, building: bool) -> Self {
        if building != self.options.building {
            self.options.building = building;
            self.cache = memory(&self.provider, &self.options);
        }
        self
    }

    /// Whether solves are for a build (see [`Solver::building`]).
    pub fn is_building(&self) -> bool {
        self.options.building
    }

    /// Report a dependency cycle as rez does in a Python process started
    /// with `PYTHONHASHSEED=seed` (default 0). rez's cycle check walks
    /// Python sets, so when a resolve has several cycles, or a cycle could
    /// be told from several members, which one rez prints depends on the
    /// seed; every other answer is the same under every seed. See
    /// [`SolveOptions::python_hash_seed`].
    pub fn python_hash_seed(mut self, seed: u32) -> Self {
        self.options.python_hash_seed = seed;
        self
    }

    /// The provider.
    pub fn provider(&self) -> &P {
        &self.provider
    }

    /// The variant select mode in use.
    pub fn mode(&self) -> VariantSelectMode {
        self.options.variant_select_mode
    }

    /// Solves requirement strings, parsed with rez's `PackageRequest` rules.
    ///
    /// # Errors
    /// [`SolveError::InvalidRequest`] naming the first string that does not
    /// parse; otherwise as [`Solver::solve`].
    pub fn solve_strs<S: AsRef<str>>(&self, request: &[S]) -> Result<Resolve, SolveError> {
        let mut reqs = Vec::with_capacity(request.len());
        for s in request {
            let s = s.as_ref();
            let req = Requirement::parse_request(s).map_err(|e| SolveError::InvalidRequest {
                request: s.to_owned(),
                message: e.to_string(),
            })?;
            reqs.push(req);
        }
        self.solve(&reqs)
    }

    /// Solves already-parsed requirements.
    ///
    /// # Errors
    /// The cases where rez raises rather than fails: an unknown family, a
    /// requirement no version matches, a package whose own requirements
    /// conflict (see [`SolveError`]); and the provider's errors.
    pub fn solve(&self, request: &[Requirement]) -> Result<Resolve, SolveError> {
        run(
            &self.cache,
            &self.provider,
            self.run_options(false),
            request,
        )
    }

    /// Solves as [`Solver::solve`] does, and gives a solved resolve rez's
    /// graph of its solved phase too ([`Solution::graph`]; a failed resolve
    /// always has its graph, [`Failure::graph`]). The answer is the same.
    ///
    /// [`Solution::graph`]: crate::Solution::graph
    /// [`Failure::graph`]: crate::Failure::graph
    ///
    /// # Errors
    /// As [`Solver::solve`].
    pub fn solve_with_graph(&self, request: &[Requirement]) -> Result<Resolve, SolveError> {
        run(&self.cache, &self.provider, self.run_options(true), request)
    }

    /// [`Solver::solve_strs`] with collections of the solve's store due once
    /// it holds `min_budget` items; also how much the store held.
    #[cfg(test)]
    pub(crate) fn solve_holding(
        &self,
        request: &[&str],
        min_budget: usize,
    ) -> (Result<Resolve, SolveError>, crate::store::Holding) {
        let reqs: Vec<Requirement> = request
            .iter()
            .map(|s| Requirement::parse_request(s).expect("a valid request"))
            .collect();
        crate::engine::run_holding(
            &self.cache,
            &self.provider,
            self.run_options(true),
            &reqs,
            min_budget,
        )
    }

    fn run_options(&self, solved_graph: bool) -> RunOptions<'_> {
        RunOptions {
            mode: self.options.variant_select_mode,
            phase: PhaseOptions {
                error_on_missing_variant_requires: self.options.error_on_missing_variant_requires,
                keep_failed_extractions: true,
            },
            controls: self.options.has_controls().then_some(&self.options),
            orderers: self.options.package_orderers.as_deref(),
            solved_graph,
            hash_seed: self.options.python_hash_seed,
        }
    }
}

/// The memory a solver over `provider` with `options` starts from: the one
/// the provider keeps for solvers of the same `building`, when it keeps a
/// store and no package orderer is set; else a new one of its own.
fn memory<P: FamilyProvider>(provider: &P, options: &SolveOptions) -> Arc<Cache> {
    match (provider.derived(), &options.package_orderers) {
        (Some(store), None) => {
            store.get_or_insert_with(u64::from(options.building), || Cache::new(options.building))
        }
        _ => Arc::new(Cache::new(options.building)),
    }
}
