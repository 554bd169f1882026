//! Property: over random repositories and random sequences of changes, a
//! fresh process reading through the index (which earlier processes wrote)
//! answers exactly what reading the files answers.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use support::{indexed, next_tick, plain};

const FAMILIES: &[&str] = &["a", "b", "c"];
const VERSIONS: &[&str] = &["1", "1.0", "2", "2.1"];
const BODIES: &[&str] = &[
    "requires = ['a']\n",
    "requires = ['b-1+']\n",
    "requires = ['~c-2']\nvariants = [['a-1'], ['a-2']]\n",
    "requires = ['!a<2']\n",
    "requires = [\n",
    "timestamp = 1600000000\nrequires = ['c']\n",
    "requires: [a]\n",
];
const NAMES: &[&str] = &["a", "b", "c", "d"];

#[derive(Debug, Clone)]
enum Change {
    Write(usize, usize, usize),
    WriteYaml(usize, usize, usize),
    Remove(usize, usize),
    EditKeepingSizeAndMtime(usize, usize),
    Touch(usize, usize),
    Rename(usize, usize, usize),
    Symlink(usize, usize, usize),
    RemoveFamily(usize),
    Ignore(usize, usize),
    Unversioned(usize, usize),
}

fn change() -> impl Strategy<Value = Change> {
    let f = 0..FAMILIES.len();
    let v = 0..VERSIONS.len();
    let b = 0..BODIES.len();
    prop_oneof![
        3 => (f.clone(), v.clone(), b.clone()).prop_map(|(f, v, b)| Change::Write(f, v, b)),
        1 => (f.clone(), v.clone(), b.clone()).prop_map(|(f, v, b)| Change::WriteYaml(f, v, b)),
        1 => (f.clone(), v.clone()).prop_map(|(f, v)| Change::Remove(f, v)),
        2 => (f.clone(), v.clone()).prop_map(|(f, v)| Change::EditKeepingSizeAndMtime(f, v)),
        1 => (f.clone(), v.clone()).prop_map(|(f, v)| Change::Touch(f, v)),
        1 => (f.clone(), v.clone(), v.clone()).prop_map(|(f, v, w)| Change::Rename(f, v, w)),
        1 => (f.clone(), v.clone(), b.clone()).prop_map(|(f, v, b)| Change::Symlink(f, v, b)),
        1 => f.clone().prop_map(Change::RemoveFamily),
        1 => (f.clone(), v.clone()).prop_map(|(f, v)| Change::Ignore(f, v)),
        1 => (f, b).prop_map(|(f, b)| Change::Unversioned(f, b)),
    ]
}

fn version_dir(root: &Path, f: usize, v: usize) -> std::path::PathBuf {
    root.join(FAMILIES[f]).join(VERSIONS[v])
}

fn remove(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path).ok(),
        Ok(_) => fs::remove_file(path).ok(),
        Err(_) => None,
    };
}

fn apply(root: &Path, outside: &Path, change: &Change, step: usize) {
    match *change {
        Change::Write(f, v, b) => {
            let dir = version_dir(root, f, v);
            remove(&dir.join("package.py"));
            fs::create_dir_all(&dir).ok();
            fs::write(dir.join("package.py"), BODIES[b]).ok();
        }
        Change::WriteYaml(f, v, b) => {
            let dir = version_dir(root, f, v);
            fs::create_dir_all(&dir).ok();
            fs::write(dir.join("package.yaml"), BODIES[b].replace(" = ", ": ")).ok();
        }
        Change::Remove(f, v) => remove(&version_dir(root, f, v)),
        Change::EditKeepingSizeAndMtime(f, v) => {
            let file = version_dir(root, f, v).join("package.py");
            let (Ok(text), Ok(was)) = (
                fs::read_to_string(&file),
                fs::metadata(&file).and_then(|m| m.modified()),
            ) else {
                return;
            };
            let edited: String = text
                .chars()
                .map(|c| match c {
                    'a' => 'b',
                    'b' => 'c',
                    'c' => 'a',
                    '1' => '2',
                    '2' => '1',
                    c => c,
                })
                .collect();
            fs::write(&file, edited).ok();
            if let Ok(f) = fs::File::options().write(true).open(&file) {
                f.set_modified(was).ok();
            }
        }
        Change::Touch(f, v) => {
            let file = version_dir(root, f, v).join("package.py");
            if let Ok(f) = fs::File::options().write(true).open(&file) {
                f.set_modified(SystemTime::now()).ok();
            }
        }
        Change::Rename(f, v, w) => {
            let (from, to) = (version_dir(root, f, v), version_dir(root, f, w));
            if from.exists() && !to.exists() {
                fs::rename(from, to).ok();
            }
        }
        Change::Symlink(f, v, b) => {
            let dir = version_dir(root, f, v);
            remove(&dir);
            fs::create_dir_all(root.join(FAMILIES[f])).ok();
            let target = outside.join(format!("t{step}"));
            fs::create_dir_all(&target).ok();
            fs::write(target.join("package.py"), BODIES[b]).ok();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&target, &dir).ok();
        }
        Change::RemoveFamily(f) => remove(&root.join(FAMILIES[f])),
        Change::Ignore(f, v) => {
            let family = root.join(FAMILIES[f]);
            fs::create_dir_all(&family).ok();
            fs::write(family.join(format!(".ignore{}", VERSIONS[v])), "").ok();
        }
        Change::Unversioned(f, b) => {
            let family = root.join(FAMILIES[f]);
            fs::create_dir_all(&family).ok();
            fs::write(family.join("package.py"), BODIES[b]).ok();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_index_answers_what_the_files_answer(
        initial in proptest::collection::vec((0..FAMILIES.len(), 0..VERSIONS.len(), 0..BODIES.len()), 1..8),
        changes in proptest::collection::vec(change(), 1..8),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("repo");
        let outside = tmp.path().join("outside");
        let cache = tmp.path().join("cache");
        fs::create_dir_all(&root).expect("mkdir");
        fs::create_dir_all(&outside).expect("mkdir");
        for (i, (f, v, b)) in initial.iter().enumerate() {
            apply(&root, &outside, &Change::Write(*f, *v, *b), i);
        }
        let roots = [root.as_path()];
        let mut reused = 0;
        for (step, change) in changes.iter().enumerate() {
            next_tick();
            let expected = plain(&roots, NAMES);
            let (text, stats) = indexed(&roots, NAMES, &cache, Duration::ZERO);
            prop_assert_eq!(&text, &expected, "before change {} ({:?})", step, change);
            reused += stats.packages_reused + stats.listings_reused;
            next_tick();
            apply(&root, &outside, change, step + 100);
        }
        next_tick();
        let (text, _) = indexed(&roots, NAMES, &cache, Duration::ZERO);
        prop_assert_eq!(text, plain(&roots, NAMES), "after the last change");
        // The index was used, not only bypassed.
        prop_assert!(reused > 0 || changes.len() < 2);
    }
}
