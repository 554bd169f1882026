//! A provider made from a function, for host programs that load families themselves.

use std::sync::Arc;

use crate::{Family, FamilyProvider, Package, ProviderError};

/// A provider built from a function `name -> packages`, the pattern of a host
/// program (a pipeline tool, a Python binding) that has its own way of
/// finding packages.
///
/// The function answers with the packages of the family, in any order:
/// - `Ok(None)` or an empty list: no such family;
/// - entries whose name is not the requested family are dropped (a host may
///   hand back more than was asked for);
/// - two entries with the same version are an error
///   ([`ProviderError::DuplicateVersion`]).
///
/// Nothing is cached: wrap it in [`Cached`](crate::Cached) to call the
/// function once per family.
pub struct FnProvider<F> {
    load: F,
}

impl<F> FnProvider<F>
where
    F: Fn(&str) -> Result<Option<Vec<Package>>, ProviderError> + Send + Sync,
{
    /// A provider that calls `load` for every family it is asked for.
    pub fn new(load: F) -> Self {
        FnProvider { load }
    }
}

impl<F> std::fmt::Debug for FnProvider<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FnProvider")
    }
}

impl<F> FamilyProvider for FnProvider<F>
where
    F: Fn(&str) -> Result<Option<Vec<Package>>, ProviderError> + Send + Sync,
{
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(mut packages) = (self.load)(name)? else {
            return Ok(None);
        };
        packages.retain(|p| &*p.name == name);
        if packages.is_empty() {
            return Ok(None);
        }
        Family::eager(name, packages).map(|f| Some(Arc::new(f)))
    }
}
