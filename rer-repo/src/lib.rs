//! The package model of rer and the [`FamilyProvider`] trait its solver is
//! generic over.
//!
//! - [`Package`]: one version of one family, with its requirements and
//!   variants.
//! - [`Family`]: every version of one family, ascending. Its versions are
//!   known up front; each package's data may be read lazily, once, through a
//!   [`PackageLoader`].
//! - [`FamilyProvider`]: looks a family up by name. Implementations live in
//!   their own crates (`rer-provider-memory`, `rer-provider-fs`); this crate
//!   adds the decorator [`Cached`] and the closure adapter [`FnProvider`].
//!
//! # Two-level laziness, and why
//! A rez solve touches a small part of a repository: of the benchmark's 1,266
//! families a request needs a couple of hundred, and within a family only the
//! versions inside the requested ranges. On a filesystem repository, listing a
//! family's version directories is one `readdir`; reading a version is an
//! `open` and a parse of its `package.py`. So a [`Family`] knows its versions
//! from the listing (enough to intersect ranges and pick candidates) and
//! reads a package only when the solver looks at that version's
//! requirements. rez itself behaves the same way, which is what "reads only
//! what the solve touches" means here.
//!
//! Measured on rez's benchmark (`cargo xtask differential`, fresh
//! `Cached<FsProvider>` per request): a request looks up 196 families on
//! average, which list 3,360 versions, and reads 2,059 package files —
//! 39% fewer than loading whole families would, and 11% of the
//! repository's 18,226. Listing a family costs about as much as reading one
//! package (21 µs against 23-27 µs, `rer-provider-fs` crate docs), so the
//! second level pays.
//!
//! # Composition
//! Providers compose by wrapping: `Cached<FsProvider>` is a lazy, memoised
//! repository; `Arc<P>`, `&P` and `Box<P>` are providers whenever `P` is, so
//! one provider can serve many solves on many threads.

mod cached;
mod closure;
mod derived;
mod error;
mod family;
mod listing_order;
mod location;
mod package;
mod provider;

pub use cached::{CacheStats, Cached};
pub use closure::FnProvider;
pub use derived::Derived;
pub use error::ProviderError;
pub use family::{ExclusionRule, Family, PackageLoader};
pub use listing_order::{ListingOrder, RootListing};
pub use location::PackageLocation;
pub use package::Package;
pub use provider::FamilyProvider;
