//! The command line, parsed with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod source;

pub use source::{
    DEFAULT_PREFETCH_THREADS, FilterArgs, MAX_PREFETCH_THREADS, PREFETCH_THREADS_VAR, SourceArgs,
};

/// Resolve rez package requests, with rez's answers, many times faster.
#[derive(Debug, Parser)]
#[command(
    name = "rer",
    version,
    about = "Resolve rez package requests, giving exactly rez's answers",
    long_about = "Resolve rez package requests against rez package repositories, giving \
exactly the answer rez gives: the same solved / failed / error outcome, the same variants \
in the same order.\n\n\
Exit codes: `solve` exits 0 when solved, 1 when the resolve failed, 2 on an error (bad \
request, bad package file, unknown family, missing repository, bad usage), 3 when a limit \
(--time-limit) aborted it. `batch` exits 0 \
when every request got an answer, whatever it was, and 2 on bad input to the batch itself.",
    after_help = "Examples:\n  \
rer solve --repo /studio/packages 'maya-2024' 'python-3.9' '~arnold'\n  \
REZ_PACKAGES_PATH=/studio/packages rer solve --json maya-2024\n  \
rer batch --repo /studio/packages --requests requests.json --json > resolves.json"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Resolve one request and print the resolved packages.
    #[command(
        long_about = "Resolve one request (one or more rez requirement strings) and print \
the resolved packages, one a line with their version, variant index and location, or rez's \
description of why the resolve failed.\n\n\
Exit codes: 0 solved, 1 failed (also when --max-fails stopped it), 2 error (bad request, \
bad package file, unknown family, missing repository, bad usage), 3 aborted (--time-limit).",
        after_help = "Examples:\n  \
rer solve --repo /studio/packages maya-2024 python-3.9 '~arnold'\n  \
rer solve --repo ./local --repo /studio/packages --json foo-1.2+\n  \
rer solve --packages-json packages.json '.ephemeral-1' bar\n  \
REZ_PACKAGES_PATH=/a:/b rer solve foo"
    )]
    Solve(SolveArgs),
    /// Resolve many requests from a JSON file, in parallel.
    #[command(
        long_about = "Resolve many requests read from a JSON file, in parallel, sharing one \
cached view of the repositories. Answers are printed in the order of the requests file. A \
progress bar is shown on stderr when it is a terminal.\n\n\
Exit codes: 0 when every request got an answer (solved, failed or error alike), 2 on bad \
input to the batch itself (an unreadable or invalid requests file, a bad repository).",
        after_help = "Examples:\n  \
rer batch --repo /studio/packages --requests requests.json\n  \
rer batch --packages-json packages.json --requests requests.json --jobs 4 --json\n\n\
The requests file is a JSON array of requests, each an array of requirement strings:\n  \
[[\"maya-2024\", \"python-3.9\"], [\"foo\", \"~bar-1\"]]"
    )]
    Batch(BatchArgs),
    /// Print the settings rer reads from rez's configuration, with where each came from.
    #[command(
        long_about = "Print the effective value of each rez setting that changes a resolve \
(packages_path, local_packages_path, implicit_packages, package_filter, package_orderers, \
variant_select_mode, error_on_missing_variant_requires, allow_unversioned_packages, \
platform_map), read as rez 3.4.0 reads it: its defaults, the files in REZ_CONFIG_FILE, \
~/.rezconfig (unless REZ_DISABLE_HOME_CONFIG), then REZ_<SETTING> and REZ_<SETTING>_JSON. \
Each value is followed by where it came from: a file and line, a variable, or the default. \
The system values (platform, arch, os) rez fills in are printed too.\n\n\
Exit codes: 0 printed, 2 when the configuration (or the setting asked for) cannot be read.",
        after_help = "Examples:\n  \
rer config\n  \
rer config packages_path\n  \
rer config --json implicit_packages"
    )]
    Config(ConfigArgs),
}

/// `rer config`.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// One setting to print (its value alone, as `rez config SETTING`
    /// prints it); without it every setting rer reads is listed.
    /// Example: rer config packages_path
    #[arg(value_name = "SETTING")]
    pub setting: Option<String>,

    /// Print JSON: with SETTING its value (as `rez config --json SETTING`),
    /// else an object {"settings": {name: {"value", "origins"}}, "system":
    /// {"platform", "arch", "os"}, "searched_files", "sourced_files"}.
    #[arg(long)]
    pub json: bool,

    /// List the configuration files looked for, in order (as `rez config
    /// --search-list`, without rez's own rezconfig.py).
    #[arg(long, conflicts_with_all = ["setting", "source_list"])]
    pub search_list: bool,

    /// List the configuration files read, in order (as `rez config
    /// --source-list`, without rez's own rezconfig.py).
    #[arg(long, conflicts_with_all = ["setting", "search_list"])]
    pub source_list: bool,
}

/// rez's `variant_select_mode`: how a variant of a package is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SelectMode {
    /// Prefer the variant whose requirements have the highest versions (rez's default).
    #[default]
    #[value(name = "version_priority")]
    VersionPriority,
    /// Prefer the variant that shares the most families with the request.
    #[value(name = "intersection_priority")]
    IntersectionPriority,
}

impl SelectMode {
    /// The name rez gives the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            SelectMode::VersionPriority => "version_priority",
            SelectMode::IntersectionPriority => "intersection_priority",
        }
    }
}

/// rez-env's limits on one solve: the options `solve` and `batch` share
/// (in `batch`, each request gets its own).
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct LimitArgs {
    /// Stop once N phases of the solve have failed and report the most
    /// recent failure, as rez-env's --max-fails does (0 behaves as 1; -1, the
    /// default, sets no limit). Example: --max-fails 100
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_fails: Option<i64>,

    /// Abort a solve still running after SECS seconds (checked after each
    /// solver step, as rez-env's --time-limit; -1, the default, sets no
    /// limit). The status is then `aborted`. Example: --time-limit 2
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
}

impl LimitArgs {
    /// `--max-fails` as the solver takes it: `None` for no limit (-1, as in
    /// rez), and any other negative number as 0 (rez's test
    /// `num_fails >= N` then always holds).
    pub fn max_fails(&self) -> Option<usize> {
        match self.max_fails {
            None | Some(-1) => None,
            Some(n) => Some(usize::try_from(n).unwrap_or(0)),
        }
    }

    /// `--time-limit` as the solver takes it: `None` for no limit (-1, as in
    /// rez), and any other negative number (or NaN) as zero.
    pub fn time_limit(&self) -> Option<std::time::Duration> {
        match self.time_limit {
            None | Some(-1.0) => None,
            Some(s) => Some(
                std::time::Duration::try_from_secs_f64(s).unwrap_or(if s > 0.0 {
                    std::time::Duration::MAX
                } else {
                    std::time::Duration::ZERO
                }),
            ),
        }
    }
}

/// `rer solve`.
#[derive(Debug, Clone, Args)]
pub struct SolveArgs {
    /// Where packages come from.
    #[command(flatten)]
    pub source: SourceArgs,

    /// Limits on the solve.
    #[command(flatten)]
    pub limits: LimitArgs,

    /// Print one JSON object instead of the listing: {"schema_version" (1),
    /// "request", "implicit_packages", "status" ("solved" | "failed" |
    /// "aborted" | "error"), "resolved": [{"name", "version", "variant_index",
    /// "uri", "root"}], "resolved_ephemerals", "failure", "error": {"kind",
    /// "message"}, "stats"}, and for a failure "failure_detail":
    /// {"rez_printout", "resolve_paths", "conflicts": [{"requirement",
    /// "family", "chain"}], "explanation", "explanation_text"}.
    /// Example: rer solve --json foo
    #[arg(long)]
    pub json: bool,

    /// After rez's failure printout, explain the failure (a short proof from
    /// each request to the conflict) and list request changes that resolve,
    /// each checked by a solve. On by default, in the text and the --json
    /// output alike.
    #[arg(long, overrides_with = "no_explain")]
    pub explain: bool,

    /// Print rez's failure printout only: no explanation, no search for
    /// changes that resolve.
    #[arg(long = "no-explain", overrides_with = "explain")]
    pub no_explain: bool,

    /// The budget of the search for request changes that resolve.
    #[command(flatten)]
    pub budget: BudgetArgs,

    /// When the resolve fails, write rez's graph of the failure to FILE
    /// (as `rez env --fail-graph` draws it): dot text, or an image with
    /// --graph-format svg|png (or a .svg / .png FILE), which needs graphviz's
    /// `dot`. Example: --fail-graph failure.svg
    #[arg(long, value_name = "FILE")]
    pub fail_graph: Option<PathBuf>,

    /// Print rez's resolve graph (of the solved resolve, or of the failure)
    /// as dot text instead of the listing. Example: rer solve --print-graph foo | dot -Tsvg
    #[arg(long, conflicts_with = "json")]
    pub print_graph: bool,

    /// The format of --fail-graph's file: dot (rez's dot text), svg or png
    /// (rendered by graphviz's `dot`). Default: from FILE's extension,
    /// else dot.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub graph_format: Option<crate::graph_file::GraphFormat>,

    /// Solve even when the repository index kept this request's answer
    /// from an earlier solve (the resolve cache: on with the index, used
    /// only while every listing and package file that solve was given is
    /// unchanged; the answer says "from cache"). RER_NO_RESOLVE_CACHE=1
    /// does the same. Example: rer solve --no-resolve-cache foo
    #[arg(long = "no-resolve-cache")]
    pub no_resolve_cache: bool,

    /// The request: rez requirement strings, e.g. `foo-1.2+`, `~bar-2`,
    /// `!baz`, `.ephemeral-1`. Example: rer solve maya-2024 'python-3.9+<3.11'
    #[arg(value_name = "REQUEST", required = true, num_args = 1..)]
    pub request: Vec<String>,
}

/// The budget of the search for request changes that resolve a failure
/// (`solve` and `batch`; for each failed request of a batch its own).
#[derive(Debug, Clone, Copy, Args)]
pub struct BudgetArgs {
    /// At most this many extra solves when searching for request changes
    /// that resolve a failure. Example: --suggestion-solves 20
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub suggestion_solves: usize,

    /// At most this many milliseconds searching for request changes that
    /// resolve a failure (0: no time limit). Example: --suggestion-ms 500
    #[arg(long, value_name = "MS", default_value_t = 200)]
    pub suggestion_ms: u64,
}

impl BudgetArgs {
    /// The search budget these flags give.
    pub fn budget(&self) -> rer_explain::Budget {
        rer_explain::Budget {
            max_solves: self.suggestion_solves,
            max_time: (self.suggestion_ms > 0)
                .then(|| std::time::Duration::from_millis(self.suggestion_ms)),
            ..rer_explain::Budget::default()
        }
    }
}

/// `rer batch`.
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// Where packages come from.
    #[command(flatten)]
    pub source: SourceArgs,

    /// Limits on each request's solve.
    #[command(flatten)]
    pub limits: LimitArgs,

    /// The requests: a JSON file holding an array of requests, each an array
    /// of requirement strings (`-` reads them from standard input).
    /// Example: --requests requests.json
    #[arg(long, value_name = "FILE")]
    pub requests: PathBuf,

    /// How many requests to solve at once (default: one per core); 1 solves
    /// them one after another on one thread. Example: --jobs 4
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,

    /// Print a JSON array with one object per request, in the order of the
    /// requests file (each as `rer solve --json` prints it).
    /// Example: rer batch --requests r.json --json
    #[arg(long)]
    pub json: bool,

    /// Leave out the explanation of each failed request (rez's printout is
    /// kept): a little faster on batches with many failures.
    #[arg(long = "no-explain")]
    pub no_explain: bool,

    /// Also search, for each failed request, for request changes that
    /// resolve, within the budget (--suggestion-solves, --suggestion-ms:
    /// per failed request). Off by default in a batch: the search can cost
    /// up to that many extra solves per failure. Example: rer batch
    /// --requests r.json --json --suggest --suggestion-solves 20
    #[arg(long, conflicts_with = "no_explain")]
    pub suggest: bool,

    /// The budget of --suggest's search.
    #[command(flatten)]
    pub budget: BudgetArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn solve_takes_repeated_repos_in_order() {
        let cli = Cli::try_parse_from([
            "rer", "solve", "--repo", "a", "--repo", "b", "--json", "foo", "~bar-1",
        ])
        .expect("parses");
        let Command::Solve(args) = cli.command else {
            panic!("not solve")
        };
        assert_eq!(args.source.repos, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(args.json);
        assert_eq!(args.request, ["foo", "~bar-1"]);
        assert_eq!(args.source.variant_select_mode, None);
        assert!(!args.source.no_implicit && !args.source.no_local);
    }

    #[test]
    fn limits_follow_rez_env() {
        let parse = |extra: &[&str]| {
            let mut argv = vec!["rer", "solve"];
            argv.extend_from_slice(extra);
            argv.push("foo");
            let Command::Solve(args) = Cli::try_parse_from(argv).expect("parses").command else {
                panic!("not solve")
            };
            (args.limits.max_fails(), args.limits.time_limit())
        };
        assert_eq!(parse(&[]), (None, None));
        assert_eq!(
            parse(&["--max-fails", "-1", "--time-limit", "-1"]),
            (None, None)
        );
        assert_eq!(parse(&["--max-fails", "0"]).0, Some(0));
        assert_eq!(parse(&["--max-fails", "-5"]).0, Some(0));
        assert_eq!(parse(&["--max-fails", "100"]).0, Some(100));
        assert_eq!(
            parse(&["--time-limit", "2"]).1,
            Some(std::time::Duration::from_secs(2))
        );
        assert_eq!(
            parse(&["--time-limit", "-3"]).1,
            Some(std::time::Duration::ZERO)
        );
        assert!(Cli::try_parse_from(["rer", "solve", "--max-fails", "x", "foo"]).is_err());
    }

    #[test]
    fn solve_needs_a_request() {
        assert!(Cli::try_parse_from(["rer", "solve", "--repo", "a"]).is_err());
    }

    #[test]
    fn repo_and_packages_json_exclude_each_other() {
        assert!(
            Cli::try_parse_from(["rer", "solve", "--repo", "a", "--packages-json", "p", "x"])
                .is_err()
        );
    }

    #[test]
    fn batch_options() {
        let cli = Cli::try_parse_from([
            "rer",
            "batch",
            "--packages-json",
            "p.json",
            "--requests",
            "r.json",
            "--jobs",
            "3",
            "--variant-select-mode",
            "intersection_priority",
        ])
        .expect("parses");
        let Command::Batch(args) = cli.command else {
            panic!("not batch")
        };
        assert_eq!(args.jobs, Some(3));
        assert_eq!(args.source.packages_json, Some(PathBuf::from("p.json")));
        assert_eq!(
            args.source.variant_select_mode,
            Some(SelectMode::IntersectionPriority)
        );
        assert!(!args.json);
    }

    #[test]
    fn rez_env_flags_are_taken_in_both_spellings() {
        for (ni, nl) in [("--ni", "--nl"), ("--no-implicit", "--no-local")] {
            let cli = Cli::try_parse_from(["rer", "solve", ni, nl, "--paths", "/a:/b", "foo"])
                .expect("parses");
            let Command::Solve(args) = cli.command else {
                panic!("not solve")
            };
            assert!(args.source.no_implicit && args.source.no_local);
            assert_eq!(
                args.source.paths.as_deref(),
                Some(std::ffi::OsStr::new("/a:/b"))
            );
        }
        assert!(
            Cli::try_parse_from(["rer", "solve", "--paths", "/a", "--repo", "b", "x"]).is_err()
        );
    }

    #[test]
    fn config_takes_an_optional_setting() {
        let cli =
            Cli::try_parse_from(["rer", "config", "--json", "packages_path"]).expect("parses");
        let Command::Config(args) = cli.command else {
            panic!("not config")
        };
        assert_eq!(args.setting.as_deref(), Some("packages_path"));
        assert!(args.json);
        assert!(Cli::try_parse_from(["rer", "config"]).is_ok());
    }

    #[test]
    fn zero_jobs_and_unknown_modes_are_refused() {
        assert!(Cli::try_parse_from(["rer", "batch", "--requests", "r", "--jobs", "0"]).is_err());
        assert!(
            Cli::try_parse_from(["rer", "solve", "--variant-select-mode", "fastest", "x"]).is_err()
        );
        assert!(Cli::try_parse_from(["rer", "batch"]).is_err());
    }

    #[test]
    fn filter_options_take_words_as_rez_env_does() {
        let cli = Cli::try_parse_from([
            "rer",
            "solve",
            "foo",
            "-b",
            "-t",
            "-5m",
            "--exclude",
            "a",
            "b",
            "--exclude",
            "c",
            "--include",
            "d",
            "e",
            "--no-filters",
        ])
        .expect("parses");
        let Command::Solve(args) = cli.command else {
            panic!("not solve")
        };
        assert_eq!(args.request, ["foo"]);
        assert!(args.source.build);
        let filters = &args.source.filters;
        assert_eq!(filters.time.as_deref(), Some("-5m"));
        assert_eq!(filters.exclude, ["c"]);
        assert_eq!(filters.include, ["d", "e"]);
        assert!(filters.no_filters);
    }
}
