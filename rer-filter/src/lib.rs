//! rez's package filters for rer: which packages a solve may use.
//!
//! rez 3.4.0 hides packages from its solver through `package_filter`
//! (rezconfig), `rez env --exclude/--include/--no-filters`, and the resolve
//! timestamp (`rez env --time`). This crate reimplements rez's
//! `rez.package_filter` with rez's semantics:
//!
//! - [`Rule`]: `glob(...)`, `regex(...)`, `range(...)` (a requirement such
//!   as `foo-1+`, matching packages that do not conflict with it),
//!   `before(T)`, `after(T)`, `before(family:T)`; unlabelled text is a glob
//!   when it has a `*`, a range otherwise ([`Rule::parse`]).
//! - [`PackageFilter`]: a package is excluded when it matches an exclusion
//!   (the rules filed under its family first, then the global ones) and no
//!   inclusion.
//! - [`PackageFilterList`]: excluded when any filter excludes it. Built
//!   from rez's configuration format with [`PackageFilterList::from_pod`].
//! - [`Filtered`]: a provider decorator that applies a list lazily, so the
//!   solver reads a package's data for a timestamp rule only for versions
//!   inside the ranges it intersects, as rez does.
//!
//! ```
//! use std::sync::Arc;
//! use rer_filter::{Filtered, PackageFilterList, Rule};
//! use rer_repo::{FamilyProvider, Package};
//! use rer_provider_memory::MemoryProvider;
//!
//! let packages = ["1.0", "1.1.beta", "1.1"].map(|v| Package::new("foo", v.parse().unwrap()));
//! let memory = MemoryProvider::from_packages(packages)?;
//! let mut filters = PackageFilterList::from_pod(&serde_json::json!({"excludes": ["*.beta"]}))?;
//! filters.add_exclusion(Rule::after(1_700_000_000, None)); // rez env --time 1700000000
//! let provider = Filtered::new(memory, filters);
//! let foo = provider.family("foo")?.unwrap();
//! let at = |v: &str| foo.position(&v.parse().unwrap()).unwrap();
//! assert!(foo.excludes(at("1.1.beta"))?);
//! assert!(!foo.excludes(at("1.1"))?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! rez's `regex(...)` is Python's `re` syntax; rer compiles it with the
//! `fancy-regex` crate, which accepts Python's look-around and
//! back-references. A pattern either engine rejects is an error naming the
//! rule.

mod error;
mod filter;
mod filtered;
mod glob;
mod pod;
mod rule;

pub use error::FilterError;
pub use filter::{PackageFilter, PackageFilterList};
pub use filtered::Filtered;
pub use rule::Rule;
