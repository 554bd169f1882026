//! Where a filesystem package's variants lie: rez's `package.base` and,
//! for a package that sets `hashed_variants`, each variant's hashed
//! directory or its `_v/` shortlink (rez's `variant.subpath`).

use std::path::{Component, Path, PathBuf};

use rer_repo::PackageLocation;
use rer_version::Requirement;

/// rez's `variant_shortlinks_dirname` (its default; rez's
/// `use_variant_shortlinks` is on by default too).
const SHORTLINKS_DIR: &str = "_v";

/// The location of a package whose directory is `base`. With `hashed`,
/// each variant's subpath is the SHA-1 of its requirement list as rez
/// computes it (`sha1(str(list(map(str, variant_requires))))`), or the name
/// under `base/_v/` of a symlink to that directory when there is one.
pub(crate) fn location(
    base: &Path,
    hashed: bool,
    variants: &[Vec<Requirement>],
) -> PackageLocation {
    let mut location = PackageLocation::new(base.display().to_string());
    if hashed {
        let links = shortlinks(base);
        let subpaths = variants
            .iter()
            .map(|requires| {
                let hash = variant_hash(requires);
                let target = base.join(&hash);
                match links.iter().find(|(_, to)| *to == target) {
                    Some((name, _)) => format!("{SHORTLINKS_DIR}/{name}"),
                    None => hash,
                }
            })
            .collect();
        location.variant_subpaths = Some(subpaths);
    }
    location
}

/// The hex SHA-1 of Python's `str()` of the variant's requirement strings
/// as a list, the name rez gives a hashed variant's directory.
pub(crate) fn variant_hash(requires: &[Requirement]) -> String {
    let items: Vec<String> = requires
        .iter()
        .map(|r| python_str_repr(&r.to_string()))
        .collect();
    let text = format!("[{}]", items.join(", "));
    sha1_smol::Sha1::from(text.as_bytes()).digest().to_string()
}

/// The symlinks in `base/_v/`, each with its target made absolute and
/// normalised (relative targets are relative to `_v/`), as rez's
/// `find_matching_symlink` compares them. Empty when there is no `_v/`.
fn shortlinks(base: &Path) -> Vec<(String, PathBuf)> {
    let dir = base.join(SHORTLINKS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let target = std::fs::read_link(entry.path()).ok()?;
            let name = entry.file_name().into_string().ok()?;
            Some((name, normalise(&dir.join(target))))
        })
        .collect()
}

/// `path` with `.` and `..` components folded away, as Python's
/// `os.path.normpath` folds them (without reading links).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Python's `repr()` of a string: single quotes unless the text holds a
/// single quote and no double quote; backslashes, the quote, and control
/// characters escaped.
fn python_str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_repr_of_strings() {
        assert_eq!(python_str_repr("python-2.7"), "'python-2.7'");
        assert_eq!(python_str_repr("a'b"), "\"a'b\"");
        assert_eq!(python_str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(python_str_repr("a\\b\n"), "'a\\\\b\\n'");
    }

    #[test]
    fn hashes_are_rez_s() {
        // hashlib.sha1(str(list(map(str, reqs))).encode()).hexdigest()
        let reqs = |texts: &[&str]| -> Vec<Requirement> {
            texts
                .iter()
                .map(|t| Requirement::parse(t).expect("requirement"))
                .collect()
        };
        assert_eq!(
            variant_hash(&reqs(&["python-2.7", "!foo"])),
            "69542015a23b332a54fc680ccfab93ac6fe3c568"
        );
        assert_eq!(
            variant_hash(&[]),
            "97d170e1550eee4afc0af065b78cda302a97674c"
        );
        assert_eq!(
            variant_hash(&reqs(&["foo-1+<2"])),
            "0d68ff4e3136d624d765f03966273cf3b95723c9"
        );
    }

    #[test]
    fn normalise_folds_dots() {
        assert_eq!(
            normalise(Path::new("/r/foo/1/_v/../abc")),
            PathBuf::from("/r/foo/1/abc")
        );
    }
}
