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
//! Nothing is read when the provider is made (each root is resolved once).
//! Asking for a family lists its directory in each root (one `readdir`);
//! each package's definition is read and parsed the first time the solver
//! asks for that version, then kept by the [`Family`](rer_repo::Family), so
//! no file is parsed twice. [`FsProvider::files_read`] counts the files.
//!
//! Per version rather than per family was decided by measuring on the
//! benchmark tree (1,266 families, 18,226 packages; `benches/parse.rs`,
//! release build, this project's 2-core machine, warm page cache):
//!
//! | work | time |
//! | --- | --- |
//! | list all 1,266 families | 27 ms (21 µs a family) |
//! | list all, read the newest version of each | 56 ms (≈ 23 µs a package) |
//! | list all, read every package, one thread | 520 ms (≈ 27 µs a package) |
//! | list all, read every package, rayon within each family | 416 ms |
//! | read + parse all 18,226 `package.py`, one thread / rayon | 234 ms / 117 ms |
//! | parse all 18,226 `package.py` from memory | 115–155 ms (6–8 µs a file) |
//!
//! Reading a package costs about as much as listing its family, and a family
//! holds 14 versions on average: reading a whole family when one version is
//! wanted costs 14 times the work, and even on rayon's pool (2 cores here)
//! it stays several times dearer than the versions a solve looks at. So the
//! default is per version; where a caller knows it needs many versions of a
//! family at once (all those in a requested range), [`load_in_parallel`]
//! reads them on rayon's pool, which halves the time on two cores.
//!
//! # package.py without Python
//! rez runs `package.py`; rer reads it statically ([`rer_pyread`]): literal
//! assignments in any quoting, comments, continuations, encoding lines,
//! `with scope(...)` blocks of literals; functions and other statements that
//! cannot change `requires`, `variants` or `timestamp` are passed over. A
//! definition whose `requires`/`variants` can only be known by running it
//! (an `@early` or `@late` function, an assignment from a call, an `if`
//! block) is read by the provider's [`PackageEvaluator`] when it has one
//! ([`FsProvider::with_evaluator`]), and is otherwise an error naming the
//! file, the line and the construct: rer never guesses. rez's own test
//! repositories (`tests/data/rez`) and the 18,226 benchmark packages read
//! exactly as rez reads them.
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
//! | two directories of one version in one root (`1.0`, `1-0`) | one of them, by Python's set order (changes with `PYTHONHASHSEED`) | the first by name, and a message in [`FsProvider::warnings`] |
//! | `package.py` a FIFO, a device, a dangling or looping link | not a file: `package.yaml` beside it, else `PackageDefinitionFileMissing` | the same (never opened) |
//! | a definition file over 16 MiB | read | `ProviderError::Io` (`FileTooLarge`), see [`MAX_DEFINITION_BYTES`] |
//! | empty family directory | family not found | `Ok(None)` |
//! | `raise` at the top level of `package.py` | `ResourceError` when loaded | `ProviderError::Parse` when loaded |
//! | `requires` set by `@early`/`@late` functions, `if` blocks, calls, or any top-level statement that runs code | evaluated by running the file | read by the provider's [`PackageEvaluator`] (rez's own loader, in the `rer` command); without one, [`ProviderError::NeedsEvaluation`](rer_repo::ProviderError::NeedsEvaluation) naming the construct |
//! | a failing `import` of a module (no other statement running code) | `ResourceError` when loaded | not seen: the import binds its names |
//!
//! [`parse_package_py`] is the fuzzing entry point: it never panics.

mod combined;
mod definition;
mod equal_versions;
pub mod evaluate;
mod fields;
mod files;
pub mod layout;
mod loader;
mod package;
mod provider;
mod stats;
mod variant_dirs;
mod yaml;
mod yaml_mapping;

pub use definition::{
    PackageDefinition, parse_package_py, parse_package_py_bytes, parse_package_yaml,
};
pub use evaluate::{EvalQuery, EvaluatedPackage, Evaluation, PackageEvaluator};
pub use files::MAX_DEFINITION_BYTES;
pub use provider::{FsProvider, load_all_in_parallel, load_in_parallel};
pub use yaml_mapping::read_yaml_mapping;
