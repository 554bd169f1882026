//! [`Relisted`]: a provider whose families list their versions in a
//! recorded directory order, so that a test can give rer the listing rez
//! saw when its answer was recorded.

use std::collections::HashMap;
use std::sync::Arc;

use rer_repo::{Family, FamilyProvider, ListingOrder, ProviderError, RootListing};
use rer_version::Version;

/// `inner`'s families, each with the [`ListingOrder`] of rez's filesystem
/// repository over version directories whose names came from `os.listdir`
/// in the recorded order (one root). A family without a recorded listing
/// keeps its own order.
///
/// Each call hands out a new family object: wrap it in
/// [`Cached`](rer_repo::Cached) for a solve's repeated look-ups.
pub struct Relisted<P> {
    inner: P,
    listings: HashMap<String, Vec<String>>,
}

impl<P> Relisted<P> {
    /// `inner`, with `listings`: per family, its directory names in
    /// listing order.
    pub fn new(inner: P, listings: HashMap<String, Vec<String>>) -> Self {
        Relisted { inner, listings }
    }
}

impl<P: FamilyProvider> FamilyProvider for Relisted<P> {
    fn family(&self, name: &str) -> Result<Option<Arc<Family>>, ProviderError> {
        let Some(family) = self.inner.family(name)? else {
            return Ok(None);
        };
        let Some(names) = self.listings.get(name) else {
            return Ok(Some(family));
        };
        let entries = names
            .iter()
            .map(|dir| {
                let position = Version::parse(dir)
                    .ok()
                    .and_then(|v| family.position(&v))
                    .and_then(|p| u32::try_from(p).ok());
                (dir.as_str().into(), position)
            })
            .collect();
        let roots: Arc<[RootListing]> = Arc::new([RootListing::DirectoryNames(entries)]);
        Ok(Some(Arc::new(family.relisted(ListingOrder::Roots(roots)))))
    }
}
