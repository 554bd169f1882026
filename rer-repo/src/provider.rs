//! The trait the solver is generic over.

use std::sync::Arc;

use crate::{Family, ProviderError};

/// A source of package families: a repository on disk, a JSON document, a
/// host program's own loader, or a decorator around any of these.
///
/// The solver knows packages only through this trait, so lazy and eager
/// loading are a choice of provider, not of solver: `Cached<FsProvider>`
/// reads a family's directory the first time a solve asks for it, while a
/// `MemoryProvider` holds everything from the start.
///
/// # Contract
/// - [`family`](FamilyProvider::family) answers one of three things:
///   `Ok(Some(family))` — here it is; `Ok(None)` — no such family exists
///   (the solver reports this as rez does, as an error naming the request);
///   `Err(_)` — the provider could not tell (an unreadable directory, a broken
///   document). The solver never retries an `Err` within a solve.
/// - The solver asks for a family only when the solve needs it: when a
///   request or a chosen package's requirement names it. It may ask for the
///   same family more than once within one solve and across solves; a
///   provider that is slow to answer should be wrapped in
///   [`Cached`](crate::Cached), which answers repeats from memory.
/// - Answers must be stable: asking again for the same name gives the same
///   versions. The solver assumes nothing about the order in which a provider
///   found them; [`Family`] sorts its versions.
/// - Package data inside a family may be read lazily; see [`Family`].
/// - Providers are `Send + Sync`: one provider, behind an [`Arc`] or a
///   reference, serves many solves on many threads at once.
pub trait FamilyProvider: Send + Sync {
    /// Looks up the family called `name`.
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError>;
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for &P {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for Arc<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for Box<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }
}
