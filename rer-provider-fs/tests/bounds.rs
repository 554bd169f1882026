//! rer's bounds on what it reads of one definition file, which rez 3.4.0
//! does not have (the README's "Bounds"): a file over
//! [`MAX_DEFINITION_BYTES`] (16 MiB) is refused before it is read, and the
//! fields rer reads may expand through YAML aliases to at most 1,000,000
//! values. Each refusal is a typed error naming the file. The inputs are
//! built here (nothing large is committed) and kept small enough that an
//! implementation without the bound would not take the machine down but
//! would visibly read a value, or fail otherwise. What rez does with the
//! same inputs is recorded with the hostile cases
//! (`tests/data/hostile/rez_hostile.json`, checked by `tests/hostile.rs`).

use std::io::Write;
use std::path::Path;

mod hostile_cases;

use rer_provider_fs::MAX_DEFINITION_BYTES;
use rer_repo::ProviderError;

const BUDGET_MESSAGE: &str = "the value expands through aliases to more than 1000000 values";

/// A `package.py` of exactly `MAX_DEFINITION_BYTES`: `requires = ['a']`
/// and comment lines.
fn largest_package_py() -> Vec<u8> {
    let mut text = b"requires = ['a']\n".to_vec();
    let line = [&[b'#'; 63][..], b"\n"].concat();
    while text.len() + line.len() <= MAX_DEFINITION_BYTES as usize {
        text.extend_from_slice(&line);
    }
    let rest = MAX_DEFINITION_BYTES as usize - text.len();
    text.extend(std::iter::repeat_n(b'#', rest - 1));
    text.push(b'\n');
    assert_eq!(text.len() as u64, MAX_DEFINITION_BYTES);
    text
}

fn read(root: &Path, family: &str) -> Result<Vec<hostile_cases::Package>, ProviderError> {
    hostile_cases::read(root.to_path_buf(), family.to_string())
}

fn assert_too_large(got: Result<Vec<hostile_cases::Package>, ProviderError>, file: &Path) {
    match got {
        Err(ProviderError::Io {
            ref path,
            kind: std::io::ErrorKind::FileTooLarge,
            ref message,
        }) if path == file => {
            let shown = got.as_ref().unwrap_err().to_string();
            assert!(shown.contains(&file.display().to_string()), "{shown}");
            assert!(
                message.contains(&MAX_DEFINITION_BYTES.to_string()),
                "{message}"
            );
        }
        other => panic!("{}: not FileTooLarge: {other:?}", file.display()),
    }
}

#[test]
fn a_definition_of_16_mib_is_read_and_one_byte_more_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fam/1.0/package.py");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, largest_package_py()).unwrap();
    let packages = read(dir.path(), "fam").unwrap();
    assert_eq!(packages.len(), 1);
    assert_eq!(packages[0].requires, ["a"]);

    std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap()
        .write_all(b"\n")
        .unwrap();
    assert_too_large(read(dir.path(), "fam"), &file);
}

/// A sparse file (a hole, no data on disk) over the bound is refused from
/// its size, whatever the kind of definition: a wrong implementation
/// would read 16 MiB of NULs and fail otherwise.
#[test]
fn sparse_definitions_over_16_mib_are_refused_by_size() {
    for rel in [
        "fam/1.0/package.yaml",
        "fam/1.0/package.py",
        "fam.yaml",
        "fam.py",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::File::create(&file)
            .unwrap()
            .set_len(MAX_DEFINITION_BYTES + 1)
            .unwrap();
        assert_too_large(read(dir.path(), "fam"), &file);
    }
}

/// The alias bombs of the hostile cases under a field rer reads: refused at
/// the budget, naming the file and a line of it.
#[test]
fn alias_bombs_under_fields_rer_reads_are_refused_at_the_value_budget() {
    let cases = hostile_cases::cases();
    for name in [
        "yaml_alias_bomb_requires",
        "yaml_alias_bomb_variants",
        "yaml_alias_variants_1000x1001",
    ] {
        let case = &cases[name];
        let dir = tempfile::tempdir().unwrap();
        hostile_cases::build(dir.path(), case);
        let file = dir.path().join("fam/1.0/package.yaml");
        let lines = hostile_cases::text(case, "fam/1.0/package.yaml")
            .lines()
            .count();
        match hostile_cases::read_bounded(dir.path(), case) {
            Some(Err(ProviderError::Parse {
                path,
                line: Some(line),
                message,
            })) => {
                assert_eq!(path, file, "{name}");
                assert!((1..=lines).contains(&line), "{name}: line {line}");
                assert_eq!(message, BUDGET_MESSAGE, "{name}");
            }
            other => panic!("{name}: not refused at the budget: {other:?}"),
        }
    }
}

/// Just under the budget, the same kind of input is read: 999 variants of
/// 999 requests, 999,001 values with the lists.
#[test]
fn an_alias_expansion_within_the_budget_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "v: &v [x{}]\nvariants: [*v{}]\n",
        ",x".repeat(998),
        ",*v".repeat(998)
    );
    let file = dir.path().join("fam/1.0/package.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    let packages = read(dir.path(), "fam").unwrap();
    assert_eq!(packages[0].variants.len(), 999);
    assert!(
        packages[0]
            .variants
            .iter()
            .all(|v| v.len() == 999 && v[0] == "x")
    );
}
