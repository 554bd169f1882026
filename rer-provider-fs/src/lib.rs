//! A lazy [`FamilyProvider`](rer_repo::FamilyProvider) over rez filesystem
//! package repositories, reading exactly what rez 3.4.0's `filesystem`
//! repository plugin reads.
//!
//! ```no_run
//! use rer_provider_fs::FsProvider;
//! use rer_repo::{Cached, FamilyProvider};
//!
//! let provider = Cached::new(FsProvider::new(["/packages", "/other/packages"])?);
//! if let Some(family) = provider.family("python")? {
//!     println!("{} versions", family.len());
//!     let newest = family.package(family.len() - 1)?; // reads one package.py
//!     println!("{}", newest.uri);
//! }
//! # Ok::<(), rer_repo::ProviderError>(())
//! ```
//!
//! # Layouts
//! See [`layout`] for the rules; in short, a family `foo` in a
//! root is `foo/<version>/package.py` (or `package.yaml`), an unversioned
//! `foo/package.py`, or a combined `foo.py` / `foo.yaml`; hidden entries,
//! versions with an `.ignore<version>` file and half-built versions (a
//! `.building<version>` marker and no definition file) are skipped. Several
//! roots merge, the earlier root winning a version both hold.
//!
//! # Laziness, and why per version
//! Nothing is read when the provider is made. Asking for a family lists its
//! directory in each root (one `readdir`); each package's definition is read
//! and parsed the first time the solver asks for that version, then kept by
//! the [`Family`](rer_repo::Family). Reading per version rather than per
//! family was measured on the benchmark tree (1,266 families, 18,226
//! packages; see `benches/parse.rs`): reading and parsing one `package.py`
//! costs about the same as listing a directory, so a family read whole costs
//! its size in files, while a solve needs the versions inside its ranges,
//! usually a few per family. Where a caller knows it needs many versions at
//! once, [`load_in_parallel`] reads them on rayon's pool.
//!
//! # package.py without Python
//! rez runs `package.py`; rer reads it statically ([`python`]): literal
//! assignments in any quoting, comments, continuations, encoding lines;
//! functions and other statements that cannot change `requires`,
//! `variants` or `timestamp` are passed over. A definition whose
//! `requires`/`variants` can only be known by running it (an `@early`
//! function, an assignment from a call, an `if` block) is an error naming the
//! file, the line and the construct: rer never guesses.
//!
//! # Bad input, and what rez 3.4.0 does
//! Each was checked against rez 3.4.0 itself; rer gives the same outcome,
//! with an error naming the file (and the line where there is one):
//!
//! | input | rez 3.4.0 | rer |
//! | --- | --- | --- |
//! | syntax error in `package.py` | `ResourceError` when that version is loaded | [`ProviderError::Parse`](rer_repo::ProviderError::Parse) from [`Family::package`](rer_repo::Family::package) for that version only |
//! | bytes that are not UTF-8 | error in a string or code; accepted in a comment (CPython 3.11) | the same |
//! | `package.py` is a directory, or missing | `PackageDefinitionFileMissing` when loaded (a `package.yaml` file is used instead if there is one) | `ProviderError::Io` (`NotFound`) when loaded, the same fallback |
//! | version directory not a valid version | `VersionError` for any request touching the family | `ProviderError::InvalidPackage` from [`FamilyProvider::family`](rer_repo::FamilyProvider::family) |
//! | `name` in the file differs from the directory | the directory wins, silently | the same (`name`/`version` in the file are not read) |
//! | empty `package.py` | a package with no requirements | the same |
//! | root that does not exist (or is a file) | skipped silently | skipped; listed by [`FsProvider::skipped_roots`] |
//! | `requires` a tuple / string / `None`, or a non-string item | `PackageMetadataError` when loaded | `ProviderError::Parse` naming the line |
//! | `requires` item not a valid package request | `PackageMetadataError` when loaded | `ProviderError::InvalidPackage` naming file and line |
//! | `timestamp` not an integer | ignored by a solve | read as no timestamp |
//! | two directories of one version in one root (`1.0`, `1-0`) | one of them, by listing order | `ProviderError::DuplicateVersion` naming both |
//! | empty family directory | family not found | `Ok(None)` |
//!
//! [`parse_package_py`] is the fuzzing entry point: it never panics.

mod combined;
mod definition;
mod fields;
pub mod layout;
mod loader;
mod package;
mod provider;
pub mod python;
mod stats;
mod yaml;

pub use definition::{
    PackageDefinition, parse_package_py, parse_package_py_bytes, parse_package_yaml,
};
pub use provider::{FsProvider, load_all_in_parallel, load_in_parallel};
