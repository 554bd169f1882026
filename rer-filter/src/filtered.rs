//! The provider decorator that applies a filter list to every family.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use rer_repo::{ExclusionRule, Family, FamilyProvider, ProviderError};

use crate::PackageFilterList;
use crate::filter::FamilyFilter;
use crate::rule::Candidate;

/// Wraps a provider so that solves see only the packages a
/// [`PackageFilterList`] lets through, as rez applies its `package_filter`.
///
/// Filtering is lazy, as in rez: a family keeps all its versions, and the
/// solver asks [`Family::excludes`] only for versions inside the ranges it
/// intersects, just before it would read them. A rule on names and versions
/// (`glob`, `regex`, `range`) decides from the listing without reading the
/// package; a timestamp rule (`before`, `after`, `--time`) reads the
/// package, which the solve was about to read anyway. Each answer is
/// remembered in the family.
///
/// - A family none of whose rules can exclude anything (no exclusion filed
///   under it and no global one) is handed through untouched, as is every
///   family when the list is inactive: no cost where nothing is filtered.
/// - The inner provider's answers for a name are wrapped once and the
///   wrapped family handed out again while the inner provider keeps
///   answering with the same family object, so a solver's memory of it
///   lasts: `Filtered<Cached<P>>` and `Cached<Filtered<P>>` both work.
/// - A request whose range has nothing left after filtering is the
///   solver's "no matching version" error, rez's `PackageNotFoundError`.
#[derive(Debug)]
pub struct Filtered<P> {
    inner: P,
    filters: PackageFilterList,
    views: RwLock<HashMap<Arc<str>, View>>,
}

/// A family as the inner provider gave it, and as this decorator shows it.
#[derive(Debug)]
struct View {
    inner: Arc<Family>,
    shown: Arc<Family>,
}

impl<P: FamilyProvider> Filtered<P> {
    /// Wraps `inner`, filtering with `filters`.
    pub fn new(inner: P, filters: PackageFilterList) -> Self {
        Filtered {
            inner,
            filters,
            views: RwLock::new(HashMap::new()),
        }
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// The filter list applied.
    pub fn filters(&self) -> &PackageFilterList {
        &self.filters
    }

    fn view(&self, name: &str, family: Arc<Family>) -> Arc<Family> {
        let views = self.views.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(view) = views.get(name) {
            if Arc::ptr_eq(&view.inner, &family) {
                return Arc::clone(&view.shown);
            }
        }
        drop(views);
        let rules = self.filters.for_family(name);
        let shown = if rules.is_empty() {
            Arc::clone(&family)
        } else {
            Arc::new(family.gated(Arc::new(Gate { filters: rules })))
        };
        let mut views = self.views.write().unwrap_or_else(PoisonError::into_inner);
        views.insert(
            Arc::from(name),
            View {
                inner: family,
                shown: Arc::clone(&shown),
            },
        );
        shown
    }
}

impl<P: FamilyProvider> FamilyProvider for Filtered<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(family) = self.inner.family(name)? else {
            return Ok(None);
        };
        if !self.filters.is_active() {
            return Ok(Some(family));
        }
        Ok(Some(self.view(name, family)))
    }

    /// Passed on: the filtered view shares its packages with the family it
    /// shows, so reading through it reads them once for both.
    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        self.inner.prefetch(family, positions)
    }
}

/// The filter list's rules for one family, as a family's exclusion rule.
struct Gate {
    filters: Vec<FamilyFilter>,
}

impl ExclusionRule for Gate {
    fn excludes(&self, family: &Family, index: usize) -> Result<bool, ProviderError> {
        let timestamp = || family.package(index).map(|p| p.timestamp);
        let candidate = Candidate {
            name: family.name(),
            version: &family.versions()[index],
            timestamp: &timestamp,
        };
        for filter in &self.filters {
            if filter.excluding(&candidate)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
