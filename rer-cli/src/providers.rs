//! Turning `--repo`, `--packages-json` and `REZ_PACKAGES_PATH` into one
//! cached package provider.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rer_provider_fs::FsProvider;
use rer_provider_memory::{JsonError, MemoryProvider};
use rer_repo::{Cached, FamilyProvider, ProviderError};

use crate::args::SourceArgs;
use crate::error::CliError;

/// The environment variable listing rez package repositories.
pub const PACKAGES_PATH_VAR: &str = "REZ_PACKAGES_PATH";

/// The provider every command solves against: a filesystem or in-memory
/// provider behind one cache, shared by all the requests of a batch.
pub type Provider = Cached<Box<dyn FamilyProvider>>;

/// Where the packages come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Filesystem repositories, in priority order.
    Repos {
        /// The repositories to search.
        roots: Vec<PathBuf>,
        /// Entries of `REZ_PACKAGES_PATH` that are not directories and are
        /// skipped, as rez skips them (a `--repo` that is missing is an error
        /// instead).
        skipped: Vec<PathBuf>,
    },
    /// One `packages.json` document, loaded into memory.
    PackagesJson(PathBuf),
}

/// Decides the source: `--packages-json`, else the `--repo` options, else
/// the directories of `REZ_PACKAGES_PATH` (`env_value`).
///
/// Entries of `REZ_PACKAGES_PATH` that are not directories are skipped, as
/// rez skips them (the user's `~/packages` often does not exist yet), and
/// listed in [`Source::Repos`]'s `skipped`.
///
/// # Errors
/// `no_repository` when none of them names anything;
/// `missing_repository` when no entry of `REZ_PACKAGES_PATH` is a directory.
pub fn source(args: &SourceArgs, env_value: Option<OsString>) -> Result<Source, CliError> {
    if let Some(file) = &args.packages_json {
        return Ok(Source::PackagesJson(file.clone()));
    }
    if !args.repos.is_empty() {
        return Ok(Source::Repos {
            roots: args.repos.clone(),
            skipped: Vec::new(),
        });
    }
    let roots: Vec<PathBuf> = env_value
        .as_deref()
        .map(|v| {
            std::env::split_paths(v)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| expand_home(&p))
                .collect()
        })
        .unwrap_or_default();
    if roots.is_empty() {
        return Err(CliError::new(
            "no_repository",
            format!(
                "no package repository given: pass --repo DIR (repeatable), set \
                 {PACKAGES_PATH_VAR}, or pass --packages-json FILE"
            ),
        ));
    }
    let (roots, skipped): (Vec<PathBuf>, Vec<PathBuf>) =
        roots.into_iter().partition(|r| r.is_dir());
    if roots.is_empty() {
        let listed: Vec<String> = skipped.iter().map(|p| p.display().to_string()).collect();
        return Err(CliError::new(
            "missing_repository",
            format!(
                "no package repository listed in {PACKAGES_PATH_VAR} is a directory: {}",
                listed.join(", ")
            ),
        ));
    }
    Ok(Source::Repos { roots, skipped })
}

/// `~/x` made absolute with `$HOME`, as rez expands its package paths.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// Opens the source as a cached provider.
///
/// # Errors
/// `missing_repository` for a repository that is not a directory,
/// `packages_json` for an unreadable or invalid packages.json (naming the
/// file, and the package or line at fault), `provider` for anything else.
pub fn open(source: &Source) -> Result<Provider, CliError> {
    let inner: Box<dyn FamilyProvider> = match source {
        Source::Repos { roots, .. } => {
            for root in roots {
                if !root.is_dir() {
                    return Err(CliError::new(
                        "missing_repository",
                        format!(
                            "package repository {} does not exist or is not a directory",
                            root.display()
                        ),
                    ));
                }
            }
            // FsProvider resolves each root as rez does (realpath).
            Box::new(FsProvider::new(roots.clone()).map_err(provider_error)?)
        }
        Source::PackagesJson(file) => {
            Box::new(MemoryProvider::from_json_file(file).map_err(json_error)?)
        }
    };
    Ok(Cached::new(inner))
}

/// A provider error that stops a command, with its kind.
pub fn provider_error(error: ProviderError) -> CliError {
    let kind = match &error {
        ProviderError::MissingRepository { .. } => "missing_repository",
        ProviderError::Io { .. } => "io",
        ProviderError::Parse { .. } => "package_parse",
        ProviderError::InvalidPackage { .. } => "invalid_package",
        ProviderError::DuplicateVersion { .. } => "duplicate_version",
        _ => "provider",
    };
    CliError::new(kind, error.to_string())
}

fn json_error(error: JsonError) -> CliError {
    let message = match &error {
        JsonError::Io(_) => format!("cannot read --packages-json file: {error}"),
        _ => error.to_string(),
    };
    CliError::new("packages_json", message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::SelectMode;

    fn args(repos: &[&str], json: Option<&str>) -> SourceArgs {
        SourceArgs {
            repos: repos.iter().map(PathBuf::from).collect(),
            packages_json: json.map(PathBuf::from),
            variant_select_mode: SelectMode::VersionPriority,
        }
    }

    #[test]
    fn repo_options_win_over_the_environment() {
        let s = source(&args(&["a", "b"], None), Some("c:d".into())).expect("source");
        assert_eq!(
            s,
            Source::Repos {
                roots: vec!["a".into(), "b".into()],
                skipped: vec![]
            }
        );
    }

    #[test]
    fn the_environment_is_split_on_the_path_separator() {
        let a = tempfile::TempDir::new().expect("tempdir");
        let b = tempfile::TempDir::new().expect("tempdir");
        let missing = a.path().join("missing");
        let value = std::env::join_paths([a.path(), &missing, b.path()]).expect("joins");
        let s = source(&args(&[], None), Some(value)).expect("source");
        assert_eq!(
            s,
            Source::Repos {
                roots: vec![a.path().into(), b.path().into()],
                skipped: vec![missing.clone()]
            }
        );
        let e = source(&args(&[], None), Some(missing.clone().into())).expect_err("none");
        assert_eq!(e.kind, "missing_repository");
        assert!(
            e.message.contains(&*missing.to_string_lossy()),
            "{}",
            e.message
        );
    }

    #[test]
    fn packages_json_is_its_own_source() {
        let s = source(&args(&[], Some("p.json")), Some("/x".into())).expect("source");
        assert_eq!(s, Source::PackagesJson("p.json".into()));
    }

    #[test]
    fn nothing_given_is_an_error_that_says_what_to_do() {
        for env in [None, Some(OsString::new())] {
            let e = source(&args(&[], None), env).expect_err("no source");
            assert_eq!(e.kind, "no_repository");
            assert!(e.message.contains("--repo"), "{}", e.message);
            assert!(e.message.contains(PACKAGES_PATH_VAR), "{}", e.message);
        }
    }

    #[test]
    fn a_missing_repository_is_named() {
        let Err(e) = open(&Source::Repos {
            roots: vec!["/no/such/repo".into()],
            skipped: vec![],
        }) else {
            panic!("a missing repository opened")
        };
        assert_eq!(e.kind, "missing_repository");
        assert!(e.message.contains("/no/such/repo"), "{}", e.message);
    }

    #[test]
    fn a_missing_packages_json_is_named() {
        let Err(e) = open(&Source::PackagesJson("/no/such/p.json".into())) else {
            panic!("a missing packages.json opened")
        };
        assert_eq!(e.kind, "packages_json");
        assert!(e.message.contains("/no/such/p.json"), "{}", e.message);
    }
}
