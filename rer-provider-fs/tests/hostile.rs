//! Hostile and edge-case repositories, checked against what rez 3.4.0 did
//! with the same inputs (`tests/data/hostile/record_rez_hostile.py` builds
//! them and records rez's outcomes in `rez_hostile.json`; `cases.json`
//! describes the inputs).
//!
//! For every case: rer never reads a value rez does not load; where rer
//! reads the family, it reads one of rez's answers exactly; a case marked
//! `must_read` must be read, not refused; and no case takes rer more than
//! a few seconds (a hang or a crash fails the test, as the whole test
//! binary would die of a stack overflow). Where rez fails, rer fails the
//! same way: the class of rer's typed error is the one rez's failure maps
//! to ([`classes_for`]), its file is the one rez's error names and its line
//! the one rez names. rer may instead refuse to read the file without
//! running it ([`ProviderError::NeedsEvaluation`]) only where rez failed
//! while running it (or on its result), or read it; a syntax or YAML error
//! rez finds without running anything rer must find too. Where rez reads
//! what rer refuses, the case is one of rer's documented bounds, listed in
//! [`BOUNDS`] with rer's error and the reason. No message of rer's holds
//! Rust `Debug` output.

use std::collections::BTreeMap;
use std::path::Path;

mod hostile_cases;

use hostile_cases::{Case, Outcome, Package};
use rer_repo::ProviderError;

/// The cases rez 3.4.0 reads and rer deliberately refuses: rer's bounds
/// (the README's "Bounds"), each with the class of rer's error and why.
const BOUNDS: &[(&str, &str, &str)] = &[
    (
        "fs_definition_over_16_mib",
        "unreadable_file(FileTooLarge)",
        "rer reads at most MAX_DEFINITION_BYTES (16 MiB) of one definition file; \
         rez has no limit and reads this one, a byte over",
    ),
    (
        "yaml_alias_variants_1000x1001",
        "package_parse",
        "the fields rer reads may expand through YAML aliases to at most 1,000,000 \
         values; these 5 KB expand to 1,002,001, which rez reads (1,000 variants \
         of 1,001 requests)",
    ),
];

/// The class of a rer error: [`ProviderError::kind`], and for an I/O
/// error the OS's kind of failure.
fn class(e: &ProviderError) -> String {
    match e {
        ProviderError::Io { kind, .. } => format!("unreadable_file({kind:?})"),
        other => other.kind().to_string(),
    }
}

/// The classes of rer error that rez's failure at `stage` (the recording's
/// `stage`) maps to.
fn classes_for(stage: &str) -> &'static [&'static str] {
    match stage {
        // A syntax error, an exception while running the file, a YAML error.
        "python_compile" | "python_run" | "yaml" => &["package_parse"],
        // rez's package schema: a field of the wrong type, or a request
        // that is not one.
        "schema" => &["package_parse", "invalid_requirement"],
        "missing_definition" => &["unreadable_file(NotFound)"],
        "version" => &["invalid_version"],
        _ => &[],
    }
}

/// Where rez failed while running the file or on what running it gave:
/// only running the file shows that failure, so rer may refuse to read it
/// without running it.
fn rez_ran_the_file(stage: &str) -> bool {
    matches!(stage, "python_run" | "schema")
}

/// The file and line a rer error names.
fn place(e: &ProviderError) -> (Option<&Path>, Option<usize>) {
    match e {
        ProviderError::Io { path, .. } => (Some(path), None),
        ProviderError::Parse { path, line, .. }
        | ProviderError::NeedsEvaluation { path, line, .. } => (Some(path), *line),
        _ => (None, None),
    }
}

/// The Rust `Debug` output `message` holds, if any: an `Option` or
/// `Result` (`Some(`, `Ok(`, `Err(`), a struct (`Name { field: `), an
/// `io::ErrorKind` field.
fn debug_output(message: &str) -> Option<String> {
    for pattern in ["Some(", "Ok(", "Err(", "kind: "] {
        if message.contains(pattern) {
            return Some(pattern.to_string());
        }
    }
    message.match_indices(" { ").find_map(|(at, _)| {
        let before = message[..at].chars().next_back()?;
        let field: String = message[at + 3..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let struct_like = before.is_alphanumeric()
            && !field.is_empty()
            && message[at + 3 + field.len()..].starts_with(": ");
        struct_like.then(|| message[..at + 3 + field.len() + 1].to_string())
    })
}

/// Whether rer's failure `e` is rez's failure `rez` (a recorded error):
/// its class, and the file and line where rez names them.
fn same_failure(rez: &Outcome, e: &ProviderError, root: &Path) -> Result<(), String> {
    let Outcome::Error {
        error,
        stage,
        file,
        line,
        ..
    } = rez
    else {
        return Err("rez read it".to_string());
    };
    let got = class(e);
    if !classes_for(stage).contains(&got.as_str()) {
        return Err(format!(
            "rez failed at {stage} ({error}), which is {:?} in rer, not {got}",
            classes_for(stage)
        ));
    }
    let (path, rer_line) = place(e);
    if let Some(file) = file
        && !path.is_some_and(|p| p.starts_with(root.join(file)))
    {
        return Err(format!("rez names {file}, rer {path:?}"));
    }
    // PyYAML's errors name no file, but the file is a YAML one.
    let yaml_file = path.is_some_and(|p| p.extension().is_some_and(|x| x == "yaml"));
    if stage == "yaml" && !yaml_file {
        return Err(format!("rez failed in PyYAML, rer names {path:?}"));
    }
    if line.is_some() && rer_line != *line {
        return Err(format!("rez names line {line:?}, rer {rer_line:?}"));
    }
    Ok(())
}

/// How a case came out: `read`, `refused` (for evaluation), `failed` (as
/// rez did) or `bound`; or what is wrong.
fn compare(
    name: &str,
    case: &Case,
    rez: &[Outcome],
    root: &Path,
    got: &Result<Vec<Package>, ProviderError>,
) -> Result<&'static str, String> {
    let rez_read: Vec<Option<&Vec<Package>>> = rez
        .iter()
        .filter_map(|o| match o {
            Outcome::Packages { packages } => Some(Some(packages)),
            Outcome::Digest { .. } => Some(None),
            Outcome::Error { .. } => None,
        })
        .collect();
    let bound = BOUNDS.iter().find(|(n, ..)| *n == name);
    let e = match got {
        Ok(packages) if bound.is_some() => {
            return Err(format!(
                "{name}: listed as a bound of rer, yet read {packages:?}"
            ));
        }
        Ok(packages) if rez_read.contains(&Some(packages)) => return Ok("read"),
        Ok(packages) => return Err(format!("{name}: rer read {packages:?}, rez: {rez:?}")),
        Err(e) => e,
    };
    let message = e.to_string();
    if let Some(debug) = debug_output(&message) {
        return Err(format!(
            "{name}: rer's message holds Debug output `{debug}`: {message}"
        ));
    }
    // Every message, a refusal for evaluation included, is a short plain one.
    if message.len() >= 2_000 || message.contains("Source") {
        return Err(format!(
            "{name}: rer's message is not a plain one ({} bytes): {}",
            message.len(),
            message.chars().take(300).collect::<String>()
        ));
    }
    if let Some((_, bound_class, _)) = bound {
        return if rez_read.is_empty() {
            Err(format!(
                "{name}: listed as a bound of rer, but rez does not read it: {rez:?}"
            ))
        } else if class(e) != *bound_class || !place(e).0.is_some_and(|p| p.starts_with(root)) {
            Err(format!(
                "{name}: rer's bound is {bound_class} naming the file, not: {message}"
            ))
        } else {
            Ok("bound")
        };
    }
    if case.must_read {
        return Err(format!("{name}: must be read; rer: {message}"));
    }
    let stages = rez.iter().filter_map(|o| match o {
        Outcome::Error { stage, .. } => Some(stage.as_str()),
        Outcome::Packages { .. } | Outcome::Digest { .. } => None,
    });
    if matches!(e, ProviderError::NeedsEvaluation { .. }) {
        let rez_ran = !rez_read.is_empty() || stages.clone().any(rez_ran_the_file);
        return if rez_ran {
            Ok("refused")
        } else {
            Err(format!(
                "{name}: rer refused it for evaluation, but rez failed without running it: \
                 {rez:?}; rer: {message}"
            ))
        };
    }
    let verdicts: Vec<String> = rez
        .iter()
        .map(|o| same_failure(o, e, root).err().unwrap_or_default())
        .collect();
    if verdicts.iter().any(String::is_empty) {
        Ok("failed")
    } else {
        Err(format!(
            "{name}: rer failed ({message}) unlike rez: {}",
            verdicts.join("; ")
        ))
    }
}

/// Builds `case` in a temporary root, reads it with rer and compares with
/// `rez`.
fn run(name: &str, case: &Case, rez: &[Outcome]) -> Result<&'static str, String> {
    let dir = tempfile::tempdir().unwrap();
    build_and_compare(name, case, rez, dir.path())
}

fn build_and_compare(
    name: &str,
    case: &Case,
    rez: &[Outcome],
    root: &Path,
) -> Result<&'static str, String> {
    hostile_cases::build(root, case);
    let Some(got) = hostile_cases::read_bounded(root, case) else {
        return Err(format!("{name}: rer did not answer in 20 s"));
    };
    compare(name, case, rez, root, &got)
}

#[test]
fn hostile_inputs_get_what_rez_gives() {
    let cases = hostile_cases::cases();
    let recording = hostile_cases::recorded();
    assert_eq!(
        cases.keys().collect::<Vec<_>>(),
        recording.keys().collect::<Vec<_>>()
    );
    for (name, ..) in BOUNDS {
        assert!(cases.contains_key(*name), "bound {name} is not a case");
    }
    let mut failures = Vec::new();
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, case) in &cases {
        match run(name, case, &recording[name]) {
            Ok(how) => *tally.entry(how).or_default() += 1,
            Err(failure) => failures.push(failure),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{} cases: {tally:?}", cases.len());
    assert!(tally["read"] > 20 && tally["refused"] > 10 && tally["failed"] > 20);
    assert_eq!(tally["bound"], BOUNDS.len());
}

/// The comparison is not vacuous: each recorded fact, changed, fails it.
#[test]
fn a_changed_recording_fails_the_comparison() {
    let cases = hostile_cases::cases();
    let recording = hostile_cases::recorded();
    type Change = fn(&mut Outcome);
    let changes: [(&str, Change); 8] = [
        ("py_raise", |o| set_line(o, Some(3))),
        ("py_raise", |o| set_file(o, "fam/2.0/package.py")),
        ("yaml_duplicate_anchor", |o| set_line(o, Some(2))),
        ("py_brackets_201", |o| set_stage(o, "version")),
        ("py_print_statement", |o| set_stage(o, "yaml")),
        ("fs_dev_zero_alone", |o| set_file(o, "fam/2.0")),
        ("py_import_binding", |o| set_stage(o, "python_compile")),
        ("yaml_alias_variants_1000x1001", |o| {
            *o = Outcome::Error {
                error: "ResourceError".into(),
                message: String::new(),
                stage: "yaml".into(),
                file: None,
                line: None,
            }
        }),
    ];
    for (name, change) in changes {
        let case = &cases[name];
        let dir = tempfile::tempdir().unwrap();
        let recorded = &recording[name];
        assert!(build_and_compare(name, case, recorded, dir.path()).is_ok());
        let mut changed = recorded.clone();
        changed.iter_mut().for_each(change);
        assert_ne!(&changed, recorded, "{name}: the change changed nothing");
        let got = hostile_cases::read(dir.path().to_path_buf(), case.family.clone());
        let verdict = compare(name, case, &changed, dir.path(), &got);
        assert!(verdict.is_err(), "{name}: {changed:?} passes: {verdict:?}");
    }
}

fn set_line(o: &mut Outcome, to: Option<usize>) {
    if let Outcome::Error { line, .. } = o {
        *line = to;
    }
}

fn set_file(o: &mut Outcome, to: &str) {
    if let Outcome::Error { file, .. } = o {
        *file = Some(to.to_string());
    }
}

fn set_stage(o: &mut Outcome, to: &str) {
    if let Outcome::Error { stage, .. } = o {
        *stage = to.to_string();
    }
}

#[test]
fn debug_output_is_seen() {
    let e = ProviderError::Parse {
        path: "/r/fam/1.0/package.py".into(),
        line: Some(3),
        message: "bad".into(),
    };
    assert_eq!(debug_output(&e.to_string()), None);
    assert!(debug_output(&format!("{e:?}")).is_some());
    assert!(debug_output(&format!("x: {:?}", Some(1))).is_some());
    assert!(debug_output(&format!("x: {:?}", Err::<(), _>("no"))).is_some());
    assert_eq!(debug_output("if x: { 'a': 1 }"), None);
}
