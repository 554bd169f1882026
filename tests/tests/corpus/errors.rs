//! rez's recorded error (`Class: first line of the message`, paths under
//! `<corpus>/`) against rer's, for a package load or a resolve both refuse.
//!
//! What is compared depends on what rez's message names:
//! - an error rer got from rez's own loader (`... rez 3.4.0 cannot load it:
//!   Class: message`): the class and first line exactly;
//! - the solver's errors (`PackageFamilyNotFoundError`,
//!   `PackageNotFoundError`, `ResolveError`): rer's kind and message exactly,
//!   rez's ` (searched: ...)` suffix checked to name the roots searched and
//!   then set aside (rer's solver error does not carry the paths; its callers
//!   add them, as `rer.rez` does);
//! - the reader's errors: the class against rer's kind, and the file, line,
//!   key or value rez's message names against rer's.

/// `Ok` when rer's error (`kind`, `message` its `Display`, paths already
/// written `<corpus>/`) says what rez's `recorded` does; else why not.
/// `searched` is the roots of the resolve as rez names them.
pub fn same_error(recorded: &str, kind: &str, message: &str, searched: &str) -> Result<(), String> {
    const EVALUATED: &str = "rez 3.4.0 cannot load it: ";
    if let Some(i) = message.find(EVALUATED) {
        let ours = message[i + EVALUATED.len()..]
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        return expect(ours == recorded, "rez's loader raised something else");
    }
    let (class, text) = recorded.split_once(": ").unwrap_or((recorded, ""));
    match class {
        "PackageFamilyNotFoundError" => {
            let (text, paths) = match text.rsplit_once(" (searched: ") {
                Some((text, paths)) => (text, paths.strip_suffix(')').unwrap_or(paths)),
                None => (text, ""),
            };
            expect(kind == "unknown_family", "not unknown_family")?;
            expect(paths == searched, "rez searched other roots")?;
            expect(text == message, "another message")
        }
        "PackageNotFoundError" => {
            expect(kind == "no_matching_version", "not no_matching_version")?;
            expect(text == message, "another message")
        }
        "ResolveError" => {
            expect(kind == "conflicting_package_requires", "not a conflict")?;
            expect(text == message, "another message")
        }
        "PackageDefinitionFileMissing" => {
            expect(kind == "unreadable_file", "not unreadable_file")?;
            expect(
                message.contains("(rez: PackageDefinitionFileMissing)"),
                "not rez's missing definition",
            )?;
            let field = |key: &str| {
                let start = format!("'{key}': '");
                let from = text.find(&start)? + start.len();
                Some(&text[from..from + text[from..].find('\'')?])
            };
            let (Some(location), Some(name), Some(version)) =
                (field("location"), field("name"), field("version"))
            else {
                return Err("rez's message names no resource".into());
            };
            let dir = format!("{location}/{name}/{version}/");
            expect(message.contains(&dir), "another directory")
        }
        "PackageMetadataError" => {
            let key = text
                .strip_prefix("Validation of key '")
                .and_then(|t| t.split_once('\''))
                .map(|(key, _)| key)
                .ok_or("rez names no key")?;
            match kind {
                "invalid_requirement" => {
                    expect(
                        message.contains(&format!(": invalid {key} ")),
                        "another field",
                    )?;
                    let value = message
                        .split_once(&format!(": invalid {key} \""))
                        .and_then(|(_, v)| v.split_once('"'))
                        .map(|(v, _)| v)
                        .ok_or("rer names no value")?;
                    expect(
                        text.contains(&format!("'{value}'")),
                        "rer's value is not among rez's",
                    )
                }
                "package_parse" => expect(
                    message.contains(&format!("'{key}"))
                        && message.contains("rez's package schema"),
                    "another field",
                ),
                _ => Err(format!("{kind} for a {class}")),
            }
        }
        "ResourceError" => {
            let rest = text
                .strip_prefix("Problem loading ")
                .ok_or("rez names no file")?;
            let (path, rest) = rest.split_once(": ").ok_or("rez names no file")?;
            expect(kind == "package_parse", "not package_parse")?;
            let line = rest
                .rsplit_once(", line ")
                .and_then(|(_, l)| l.strip_suffix(')'))
                .map(str::to_string);
            let place = match &line {
                Some(line) => format!("{path}:{line}: "),
                None => format!("{path}:"),
            };
            expect(message.starts_with(&place), "another file or line")
        }
        "VersionError" => {
            let value = text
                .strip_prefix("Invalid version syntax: ")
                .ok_or("rez names no version")?;
            expect(kind == "invalid_version", "not invalid_version")?;
            expect(
                message.contains(&format!("invalid version syntax {value}")),
                "another version",
            )
        }
        _ => Err(format!("no comparison for rez's {class}")),
    }
}

fn expect(ok: bool, why: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(why.to_string()) }
}
