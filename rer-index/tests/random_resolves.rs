//! Property: over random repositories (two roots), random sequences of
//! changes and random requests, a fresh process that answers from the
//! resolve cache when the kept answer holds (and else solves through the
//! index, keeps the answer and persists) answers exactly what solving the
//! files with a plain `FsProvider` answers, variant roots included.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use rer_index::{IndexOptions, Indexed, ResolveCache};
use rer_provider_fs::FsProvider;
use rer_repo::{Cached, FamilyProvider};
use rer_solver::{Resolve, Solver};
use support::next_tick;

const FAMILIES: &[&str] = &["a", "b", "c", "d"];
const VERSIONS: &[&str] = &["1", "1.0", "2", "2.1"];
const BODIES: &[&str] = &[
    "requires = ['a']\n",
    "requires = ['b-1+']\n",
    "requires = ['~c-2']\nvariants = [['a-1'], ['a-2']]\n",
    "requires = ['!a<2']\n",
    "requires = [\n",
    "timestamp = 1600000000\nrequires = ['c']\n",
    "hashed_variants = True\ntimestamp = 1600000000\nvariants = [['b'], ['c-1']]\n",
    "hashed_variants = True\nvariants = [['d']]\n",
    "requires = ['d-2+', '~b<2']\n",
    "requires = ['c', 'a-1']\n",
];
const REQUESTS: &[&[&str]] = &[
    &["a"],
    &["b"],
    &["a", "b"],
    &["c", "~a-2"],
    &["d", "!a"],
    &["b-1+", "c"],
    &["a-1", "d"],
    &["~d-1", "a", "b", "c"],
];

#[derive(Debug, Clone)]
enum Change {
    Write(usize, usize, usize, usize),
    WriteYaml(usize, usize, usize, usize),
    Remove(usize, usize, usize),
    EditKeepingSizeAndMtime(usize, usize, usize),
    Touch(usize, usize, usize),
    Chmod(usize, usize, usize),
    Rename(usize, usize, usize, usize),
    Symlink(usize, usize, usize, usize),
    RemoveFamily(usize, usize),
    Ignore(usize, usize, usize),
    Building(usize, usize, usize),
    Unversioned(usize, usize, usize),
    Combined(usize, usize, usize),
    ReleaseYaml(usize, usize, usize),
    ReleaseTime(usize, usize, usize),
    Shortlinks(usize),
}

fn change() -> impl Strategy<Value = Change> {
    let r = 0..2usize;
    let f = 0..FAMILIES.len();
    let v = 0..VERSIONS.len();
    let b = 0..BODIES.len();
    prop_oneof![
        4 => (r.clone(), f.clone(), v.clone(), b.clone()).prop_map(|(r, f, v, b)| Change::Write(r, f, v, b)),
        1 => (r.clone(), f.clone(), v.clone(), b.clone()).prop_map(|(r, f, v, b)| Change::WriteYaml(r, f, v, b)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::Remove(r, f, v)),
        2 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::EditKeepingSizeAndMtime(r, f, v)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::Touch(r, f, v)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::Chmod(r, f, v)),
        1 => (r.clone(), f.clone(), v.clone(), v.clone()).prop_map(|(r, f, v, w)| Change::Rename(r, f, v, w)),
        1 => (r.clone(), f.clone(), v.clone(), b.clone()).prop_map(|(r, f, v, b)| Change::Symlink(r, f, v, b)),
        1 => (r.clone(), f.clone()).prop_map(|(r, f)| Change::RemoveFamily(r, f)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::Ignore(r, f, v)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::Building(r, f, v)),
        1 => (r.clone(), f.clone(), b.clone()).prop_map(|(r, f, b)| Change::Unversioned(r, f, b)),
        1 => (r.clone(), f.clone(), b.clone()).prop_map(|(r, f, b)| Change::Combined(r, f, b)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::ReleaseYaml(r, f, v)),
        1 => (r.clone(), f.clone(), v.clone()).prop_map(|(r, f, v)| Change::ReleaseTime(r, f, v)),
        2 => f.prop_map(Change::Shortlinks),
    ]
}

fn version_dir(roots: &[PathBuf], r: usize, f: usize, v: usize) -> PathBuf {
    roots[r].join(FAMILIES[f]).join(VERSIONS[v])
}

fn remove(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path).ok(),
        Ok(_) => fs::remove_file(path).ok(),
        Err(_) => None,
    };
}

fn apply(roots: &[PathBuf], outside: &Path, change: &Change, step: usize) {
    match *change {
        Change::Write(r, f, v, b) => {
            let dir = version_dir(roots, r, f, v);
            remove(&dir.join("package.py"));
            fs::create_dir_all(&dir).ok();
            fs::write(dir.join("package.py"), BODIES[b]).ok();
        }
        Change::WriteYaml(r, f, v, b) => {
            let dir = version_dir(roots, r, f, v);
            fs::create_dir_all(&dir).ok();
            let yaml = BODIES[b]
                .replace(" = ", ": ")
                .replace("True", "true")
                .replace('(', "[")
                .replace(')', "]");
            fs::write(dir.join("package.yaml"), yaml).ok();
        }
        Change::Remove(r, f, v) => remove(&version_dir(roots, r, f, v)),
        Change::EditKeepingSizeAndMtime(r, f, v) => {
            let file = version_dir(roots, r, f, v).join("package.py");
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
        Change::Touch(r, f, v) => {
            let file = version_dir(roots, r, f, v).join("package.py");
            if let Ok(f) = fs::File::options().write(true).open(&file) {
                f.set_modified(SystemTime::now()).ok();
            }
        }
        Change::Chmod(r, f, v) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let file = version_dir(roots, r, f, v).join("package.py");
                if let Ok(m) = fs::metadata(&file) {
                    let mode = m.permissions().mode() ^ 0o011;
                    fs::set_permissions(&file, fs::Permissions::from_mode(mode)).ok();
                }
            }
        }
        Change::Rename(r, f, v, w) => {
            let (from, to) = (version_dir(roots, r, f, v), version_dir(roots, r, f, w));
            if from.exists() && !to.exists() {
                fs::rename(from, to).ok();
            }
        }
        Change::Symlink(r, f, v, b) => {
            let dir = version_dir(roots, r, f, v);
            remove(&dir);
            fs::create_dir_all(roots[r].join(FAMILIES[f])).ok();
            let target = outside.join(format!("t{step}"));
            fs::create_dir_all(&target).ok();
            fs::write(target.join("package.py"), BODIES[b]).ok();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&target, &dir).ok();
        }
        Change::RemoveFamily(r, f) => remove(&roots[r].join(FAMILIES[f])),
        Change::Ignore(r, f, v) => {
            let family = roots[r].join(FAMILIES[f]);
            fs::create_dir_all(&family).ok();
            fs::write(family.join(format!(".ignore{}", VERSIONS[v])), "").ok();
        }
        Change::Building(r, f, v) => {
            let family = roots[r].join(FAMILIES[f]);
            fs::create_dir_all(&family).ok();
            fs::write(family.join(format!(".building{}", VERSIONS[v])), "").ok();
        }
        Change::Unversioned(r, f, b) => {
            let family = roots[r].join(FAMILIES[f]);
            fs::create_dir_all(&family).ok();
            fs::write(family.join("package.py"), BODIES[b]).ok();
        }
        Change::Combined(r, f, b) => {
            let body = format!("versions = ['1', '2.1']\n{}", BODIES[b]);
            fs::write(roots[r].join(format!("{}.py", FAMILIES[f])), body).ok();
        }
        Change::ReleaseYaml(r, f, v) => {
            let dir = version_dir(roots, r, f, v);
            if dir.is_dir() {
                let stamp = 1_500_000_000 + step;
                // merged over a definition without a timestamp, as rez 1 did
                let text = format!("timestamp: {stamp}\nrequires: [d]\n");
                fs::write(dir.join("release.yaml"), text).ok();
            }
        }
        Change::ReleaseTime(r, f, v) => {
            let dir = version_dir(roots, r, f, v);
            if dir.is_dir() {
                fs::create_dir_all(dir.join(".metadata")).ok();
                let stamp = 1_400_000_000 + step;
                fs::write(dir.join(".metadata/release_time.txt"), format!("{stamp}\n")).ok();
            }
        }
        Change::Shortlinks(f) => {
            // in every version directory of the family: a `_v/` of
            // shortlinks to the variants' hashed directories (the names rez
            // gives them), or the links removed when there
            for (r, v) in (0..roots.len()).flat_map(|r| (0..VERSIONS.len()).map(move |v| (r, v))) {
                let dir = version_dir(roots, r, f, v);
                let links = dir.join("_v");
                if links.exists() {
                    remove(&links);
                } else if dir.is_dir() {
                    fs::create_dir_all(&links).ok();
                    for (i, hash) in HASHES.iter().enumerate() {
                        #[cfg(unix)]
                        std::os::unix::fs::symlink(
                            format!("../{hash}"),
                            links.join(format!("{i}")),
                        )
                        .ok();
                    }
                }
            }
        }
    }
}

/// The hashed directories of the variants the bodies list (`['b']`,
/// `['c-1']`, `['d']`), as rez names them: Python's
/// `sha1(str(['b']).encode())` and so on.
const HASHES: &[&str] = &[
    "aaf3f256bedabb9adfec9331a0ac36955c9aba35",
    "2a274fcd23c04d27e63d3fffc7c6f3909cd31770",
    "24776f8787b7f694eacb0bf61ca6c95ebf0dc0d2",
];

/// The outcome of solving `request` through `provider`, as text: every
/// resolved variant with its uri and root, or the failure, or the error.
fn solve(provider: impl FamilyProvider, request: &[&str]) -> String {
    match Solver::new(provider).solve_strs(request) {
        Ok(Resolve::Solved(s)) => s
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{}-{}[{:?}] {} {:?}\n",
                    v.name, v.version, v.index, v.uri, v.root
                )
            })
            .collect(),
        Ok(Resolve::Failed(f)) => format!("failed: {}\n", f.description),
        Ok(other) => format!("other: {other:?}\n"),
        Err(e) => format!("error: {e}\n"),
    }
}

/// One process: the kept answer when it holds (and `true`), else the
/// answer solved through the index, kept when it can be, and the index
/// persisted.
fn process(roots: &[PathBuf], cache: &Path, request: &[&str]) -> (String, bool) {
    let options = IndexOptions::new(cache).racy_margin(Duration::ZERO);
    let fs = Arc::new(FsProvider::new(roots.to_vec()).expect("provider"));
    let index = Arc::new(Indexed::new(fs, &options).expect("index"));
    let kept = ResolveCache::new(&options);
    let key = request.join(" ");
    if let Some(answer) = kept.lookup(&key, &index) {
        return (String::from_utf8(answer).expect("utf-8"), true);
    }
    index.keep_reads();
    let answer = solve(Cached::new(Arc::clone(&index)), request);
    if let Some(reads) = index.reads() {
        kept.store(&key, answer.as_bytes(), &reads).expect("store");
    }
    index.persist().expect("persist");
    (answer, false)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_kept_resolve_answers_what_solving_the_files_answers(
        initial in proptest::collection::vec((0..2usize, 0..FAMILIES.len(), 0..VERSIONS.len(), 0..BODIES.len()), 1..10),
        steps in proptest::collection::vec((change(), proptest::collection::vec(0..REQUESTS.len(), 1..4)), 1..8),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let roots = vec![tmp.path().join("repo0"), tmp.path().join("repo1")];
        let outside = tmp.path().join("outside");
        let cache = tmp.path().join("cache");
        for root in &roots {
            fs::create_dir_all(root).expect("mkdir");
        }
        fs::create_dir_all(&outside).expect("mkdir");
        for (i, (r, f, v, b)) in initial.iter().enumerate() {
            apply(&roots, &outside, &Change::Write(*r, *f, *v, *b), i);
        }
        let mut hits = 0;
        // an answer that is not an error, from files the index records
        // (a combined family file never is)
        let mut keepable = false;
        let combined = steps.iter().any(|(c, _)| matches!(c, Change::Combined(..)));
        for (step, (change, requests)) in steps.iter().enumerate() {
            next_tick();
            for &q in requests {
                let request = REQUESTS[q];
                let expected = solve(FsProvider::new(roots.clone()).expect("provider"), request);
                keepable |= !expected.starts_with("error") && !combined;
                for round in 0..2 {
                    let (answer, kept) = process(&roots, &cache, request);
                    prop_assert_eq!(
                        &answer, &expected,
                        "{:?} (round {}, from the cache: {}) before change {} ({:?})",
                        request, round, kept, step, change
                    );
                    hits += usize::from(kept);
                }
            }
            next_tick();
            apply(&roots, &outside, change, step + 100);
        }
        // The cache answered, not only stood aside.
        prop_assert!(hits > 0 || !keepable);
    }
}

/// A case the random changes reach rarely, kept on its own: a `_v/`
/// shortlink added to a hashed-variant package with a timestamp (whose
/// version directory the index once left unprobed) changes the variant's
/// root, and the kept answer must not outlive it.
#[test]
fn a_shortlink_added_to_a_hashed_variant_is_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let roots = vec![tmp.path().join("repo0"), tmp.path().join("repo1")];
    let outside = tmp.path().join("outside");
    let cache = tmp.path().join("cache");
    for root in &roots {
        fs::create_dir_all(root).expect("mkdir");
    }
    // a-1 with body 6 (hashed variants on b and c-1), b-1 and c-1
    apply(&roots, &outside, &Change::Write(0, 0, 0, 6), 0);
    support::write_package(&roots[0], "b", "1", "timestamp = 1600000000\n");
    support::write_package(&roots[1], "c", "1", "\n");
    let request: &[&str] = &["a"];
    let check = |what: &str| {
        next_tick();
        let expected = solve(FsProvider::new(roots.clone()).expect("provider"), request);
        for round in 0..2 {
            let (answer, kept) = process(&roots, &cache, request);
            assert_eq!(answer, expected, "{what}, round {round} (kept: {kept})");
        }
        expected
    };
    let before = check("first");
    assert!(before.contains(HASHES[1]), "{before}");
    next_tick();
    apply(&roots, &outside, &Change::Shortlinks(0), 3);
    let after = check("after the shortlinks were added");
    assert!(after.contains("_v/1"), "{after}");
    next_tick();
    // replaced by a link of another name, in the same `_v`
    let links = roots[0].join("a/1/_v");
    fs::remove_file(links.join("1")).expect("rm");
    #[cfg(unix)]
    std::os::unix::fs::symlink(format!("../{}", HASHES[1]), links.join("x")).expect("ln");
    let renamed = check("after a shortlink was renamed");
    assert!(renamed.contains("_v/x"), "{renamed}");
}

/// A case the random changes reach rarely, kept on its own: a
/// `release.yaml` created beside the `.metadata` that gave a package its
/// timestamp takes over (rez reads it first), requirements and all; the
/// version directory, which the index once left unprobed for a package
/// with a timestamp, is what changed.
#[test]
fn a_release_yaml_beside_a_metadata_timestamp_is_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let roots = vec![tmp.path().join("repo0"), tmp.path().join("repo1")];
    let cache = tmp.path().join("cache");
    for root in &roots {
        fs::create_dir_all(root).expect("mkdir");
    }
    support::write_package(&roots[0], "a", "1", "name = 'a'\n");
    support::write_package(&roots[1], "d", "1", "name = 'd'\n");
    apply(&roots, tmp.path(), &Change::ReleaseTime(0, 0, 0), 0);
    let request: &[&str] = &["a"];
    let check = |what: &str| {
        next_tick();
        let expected = solve(FsProvider::new(roots.clone()).expect("provider"), request);
        for round in 0..2 {
            let (answer, kept) = process(&roots, &cache, request);
            assert_eq!(answer, expected, "{what}, round {round} (kept: {kept})");
        }
        expected
    };
    let before = check("first");
    assert!(!before.contains("d-1"), "{before}");
    next_tick();
    apply(&roots, tmp.path(), &Change::ReleaseYaml(0, 0, 0), 1);
    let after = check("after release.yaml was added");
    assert!(after.contains("d-1"), "{after}");
}
