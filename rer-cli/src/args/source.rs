//! The options `solve` and `batch` share about where packages come from and
//! how they are read.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Args;

use super::SelectMode;

/// Where packages come from, and how the solver chooses variants: the
/// options `solve` and `batch` share. Without them every setting comes from
/// rez's configuration (see `rer config`), as `rez env` takes it.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// A rez package repository (a directory of `<family>/<version>/package.py`).
    /// Repeat it to search several, in priority order; without it, the
    /// configured packages_path is searched (REZ_PACKAGES_PATH, rezconfig
    /// files, or rez's default). Example: --repo ./local --repo /studio/packages
    #[arg(long = "repo", value_name = "DIR")]
    pub repos: Vec<PathBuf>,

    /// The package search path, as rez env's --paths: directories separated
    /// by the platform's path separator, replacing packages_path.
    /// Example: --paths /studio/packages:/studio/ext
    #[arg(long, value_name = "PATHS", conflicts_with_all = ["repos", "packages_json"])]
    pub paths: Option<OsString>,

    /// Leave local_packages_path out of the configured packages_path, as
    /// rez env's --no-local. Example: rer solve --nl foo
    #[arg(long = "no-local", visible_alias = "nl")]
    pub no_local: bool,

    /// Do not add the configured implicit_packages to the request, as rez
    /// env's --no-implicit. Example: rer solve --ni foo
    #[arg(long = "no-implicit", visible_alias = "ni")]
    pub no_implicit: bool,

    /// Read every package from one JSON file in the packages.json format
    /// ({"families": {"foo": [{"name": "foo", "version": "1.0", "requires": [...],
    /// "variants": [[...]]}]}}) instead of repositories.
    /// Example: --packages-json packages.json
    #[arg(long, value_name = "FILE", conflicts_with = "repos")]
    pub packages_json: Option<PathBuf>,

    /// How a variant is chosen among a package's variants, overriding rez's
    /// variant_select_mode setting (default: the configured one, rez's
    /// default version_priority). Example: --variant-select-mode intersection_priority
    #[arg(long, value_enum, value_name = "MODE")]
    pub variant_select_mode: Option<SelectMode>,

    /// A Python that has rez 3.4.0, to read the packages rer cannot read
    /// without running them (`@early` functions, top-level `if`/`import`,
    /// `@late` requires) with rez's own loader. Started only when a solve
    /// first needs such a package, and shared by the whole batch. Without
    /// it, RER_REZ_PYTHON, else the Python named by the `#!` line of the
    /// `rez` on PATH. Example: --rez-python ~/rez/bin/python
    #[arg(long, value_name = "PATH", conflicts_with = "packages_json")]
    pub rez_python: Option<PathBuf>,

    /// The longest rez may take to evaluate one package, in seconds; past
    /// it the package is an error and the helper process is restarted.
    /// Example: --rez-timeout 60
    #[arg(long, value_name = "SECS", default_value_t = 30.0,
          value_parser = parse_timeout)]
    pub rez_timeout: f64,

    /// rez-env's -b/--build: resolve for a build, adding every package's
    /// build_requires to its requirements (not private_build_requires, as
    /// rez). Example: rer solve -b foo
    #[arg(short = 'b', long = "build")]
    pub build: bool,

    /// Report a dependency cycle as rez does in a Python started with
    /// PYTHONHASHSEED=N: rez's cycle check walks Python sets, so which of
    /// several cycles rez prints, and from which member, depends on the
    /// seed (nothing else does). Default: $PYTHONHASHSEED, else 0; "random"
    /// (rez then differs from run to run) is taken as 0.
    /// Example: --python-hash-seed 3
    #[arg(long, value_name = "N", env = "PYTHONHASHSEED", value_parser = parse_hash_seed)]
    pub python_hash_seed: Option<u32>,

    /// Which packages the solve may use.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Read every listing and package file from the repositories, without
    /// the persistent repository index (which is on by default for
    /// filesystem repositories and checked against the files on every use).
    /// RER_NO_INDEX=1 does the same. Example: rer solve --no-index foo
    #[arg(long = "no-index")]
    pub no_index: bool,

    /// Where the repository index is kept (default: RER_INDEX_DIR, else rer
    /// in the platform's cache directory, ~/.cache/rer on Linux).
    /// Example: --index-dir /tmp/rer-index
    #[arg(long = "index-dir", value_name = "DIR")]
    pub index_dir: Option<PathBuf>,

    /// How many threads read package files ahead of the solve (0: none):
    /// while the solver works they read the versions it is about to look
    /// at, so that on a slow file system (a network share, where every file
    /// open is a round trip) a solve waits for about the slowest of a batch
    /// of reads rather than their sum. Answers, errors and the files read
    /// are the same at any setting. Default: RER_PREFETCH_THREADS, else 0
    /// (off): on a local disk reading is not waiting, and the threads cost
    /// 10-18% more CPU per process for no measured gain; where every read
    /// waits (a network share; `cargo xtask bench-latency` injects a delay
    /// per file) 8 threads cut a cold solve several times over.
    /// Example: --prefetch-threads 8
    #[arg(
        long = "prefetch-threads",
        value_name = "N",
        env = PREFETCH_THREADS_VAR,
        default_value_t = DEFAULT_PREFETCH_THREADS,
        value_parser = clap::value_parser!(u8).range(0..=MAX_PREFETCH_THREADS),
    )]
    pub prefetch_threads: u8,
}

/// The environment variable giving `--prefetch-threads`' default.
pub const PREFETCH_THREADS_VAR: &str = "RER_PREFETCH_THREADS";

/// `--prefetch-threads` when neither it nor [`PREFETCH_THREADS_VAR`] is
/// given: off. Measured on a local disk (the benchmark's tree, fresh `rer
/// solve` processes) 8 threads cost 10% more CPU without the index, 14%
/// with a warm one and 18% with a cold one, and gave no wall-clock gain
/// that stood out of a shared machine's noise; they pay where reads wait
/// (`cargo xtask bench-latency`).
pub const DEFAULT_PREFETCH_THREADS: u8 = 0;

/// The most `--prefetch-threads` takes.
pub const MAX_PREFETCH_THREADS: i64 = 64;

/// rez-env's package filter options. Filters start from rez's configured
/// `package_filter` (rezconfig, or REZ_PACKAGE_FILTER_JSON: a dict or a
/// list of dicts of "excludes" / "includes" rule lists).
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Ignore packages released after this time: epoch seconds, or a time
    /// ago such as -12s, -5.4m, -2h, -1d. Packages without a timestamp are
    /// never ignored; 0 means no limit (as rez). Example: --time 1700000000
    #[arg(
        short = 't',
        long = "time",
        value_name = "T",
        allow_hyphen_values = true
    )]
    pub time: Option<String>,

    /// Add package exclusion rules (rez's rule syntax: glob(*.beta) or
    /// *.beta, regex(...), range(foo-2+) or foo-2+, before(T), after(T),
    /// before(family:T)). Like rez-env, takes every following word up to
    /// the next option, and a repeated --exclude keeps only the last list.
    /// Example: rer solve foo --exclude '*.beta' 'bar-2+'
    #[arg(long, value_name = "RULE", num_args = 1.., overrides_with = "exclude")]
    pub exclude: Vec<String>,

    /// Add package inclusion rules, which rescue packages from every
    /// filter's exclusions (--time's included); they do nothing when
    /// nothing is excluded. Takes words as --exclude does.
    /// Example: rer solve foo --exclude '*.beta' --include 'foo-*'
    #[arg(long, value_name = "RULE", num_args = 1.., overrides_with = "include")]
    pub include: Vec<String>,

    /// Start from no filters instead of the configured package_filter;
    /// --exclude, --include and --time still apply.
    #[arg(long)]
    pub no_filters: bool,
}

/// A positive, finite number of seconds.
fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 => Ok(secs),
        _ => Err(format!(
            "{text:?} is not a number of seconds between 0 and 86400"
        )),
    }
}

/// A `PYTHONHASHSEED` value, as Python reads it ("random" is taken as 0).
fn parse_hash_seed(text: &str) -> Result<u32, String> {
    if text == "random" {
        return Ok(0);
    }
    text.parse::<u32>()
        .map_err(|_| format!("{text:?}: must be \"random\" or an integer in range [0; 4294967295]"))
}
