//! The trait the solver is generic over.

use std::sync::Arc;

use crate::{Derived, Family, ProviderError};

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

    /// A hint: a solve is about to read the packages at `positions`
    /// (indexes into [`Family::versions`], ascending) of `family`, a family
    /// this provider, or a decorator over it, answered. A provider may
    /// start reading them in the background (`rer_prefetch::Prefetching`
    /// does, on a small pool), so that the solve's own reads wait less; it
    /// must read them only through [`Family::package`], so that each is
    /// still read once and the solve sees the same answers.
    ///
    /// Returns whether the hint is taken (some layer reads ahead): the
    /// solver sends hints that cost it work to make (looking families up
    /// ahead of their turn) only to a provider that takes them. The default
    /// does nothing and returns `false`. A decorator passes the hint on to
    /// the provider it wraps, and its answer back, so that a prefetching
    /// layer anywhere in a stack hears it.
    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        let _ = (family, positions);
        false
    }

    /// Where consumers may keep what they derive from this provider's
    /// families, for as long as the provider lives (see [`Derived`]): a
    /// solver keeps there what it learns of packages, so that a new solver
    /// over the same provider starts from it. `None` (the default) when the
    /// provider keeps no such store.
    ///
    /// A provider should offer one when it answers the same family object
    /// for a name from one call to the next ([`Cached`](crate::Cached), an
    /// in-memory provider): what consumers keep is tied to family objects,
    /// and is relearnt for a new object. A decorator that hands out the
    /// families of the provider it wraps passes the inner store on; one
    /// that makes families of its own offers its own store or none.
    fn derived(&self) -> Option<&Derived> {
        None
    }
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for &P {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }

    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        (**self).prefetch(family, positions)
    }

    fn derived(&self) -> Option<&Derived> {
        (**self).derived()
    }
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for Arc<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }

    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        (**self).prefetch(family, positions)
    }

    fn derived(&self) -> Option<&Derived> {
        (**self).derived()
    }
}

impl<P: FamilyProvider + ?Sized> FamilyProvider for Box<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        (**self).family(name)
    }

    fn prefetch(&self, family: &Arc<Family>, positions: &[usize]) -> bool {
        (**self).prefetch(family, positions)
    }

    fn derived(&self) -> Option<&Derived> {
        (**self).derived()
    }
}
