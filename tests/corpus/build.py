"""Rebuilds the corpus that is not in git and records rez 3.4.0's answers.

    python3 tests/corpus/build.py REZ_PYTHON [--mirrors DIR] [--only NAME] [--copy-only]

- rez-data: rez's own test data (`rez/data/tests` of the installed rez
  3.4.0 wheel), copied into .rer-data/corpus/rez-data/.
- public: each repository of sources.json at its recorded commit, into
  .rer-data/corpus/public/<owner>+<name>/: from `git clone` of GitHub, or
  from DIR/<owner>+<name>/repo when --mirrors names a directory of git
  copies. Nothing of these is committed.
- generated: tests/corpus/generated/{bind,pip,cp} (committed; generate.py
  rewrites them), recorded as those three roots (pip/ over bind/, whose
  python its packages require).

Then (unless --copy-only, which only copies, for a test run against the
committed recordings: `.ci/run` copies rez-data so) record.py runs with REZ_PYTHON over every repository root found and
writes tests/corpus/recorded/{generated,rez-data,public}.json, with
PYTHONHASHSEED=0 so that the order rez prints Python sets in (a variants
conflict's message, which of a resolve's failing packages it names) is the
same on every run, and `<corpus>/` for the corpus directory's path.

A repository root is the directory above a family: for a definition file
P, P's grandparent when P's directory name starts with a digit
(`<root>/<family>/<version>/package.py`), else P's parent (an unversioned
`<root>/<family>/package.py`). The roots found are listed in the
recording, relative to the corpus directory.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKSPACE = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(WORKSPACE, ".rer-data", "corpus")


# The hash seed of the recorder's rez processes (see record()).
PYTHONHASHSEED = "0"


def run(args, **kwargs):
    print("+", " ".join(args), file=sys.stderr, flush=True)
    return subprocess.run(args, check=True, **kwargs)


def rez_data(rez_python):
    out = subprocess.run(
        [rez_python, "-c", "import os, rez; print(os.path.join(os.path.dirname(rez.__file__), 'data', 'tests'))"],
        check=True, capture_output=True, text=True).stdout.strip()
    dest = os.path.join(CORPUS, "rez-data")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(out, dest, ignore=shutil.ignore_patterns("__pycache__"))


def public(mirrors):
    with open(os.path.join(HERE, "sources.json")) as f:
        sources = json.load(f)["repositories"]
    for source in sources:
        key = source["repo"].replace("/", "+")
        dest = os.path.join(CORPUS, "public", key)
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        git_dir = os.path.join(mirrors, key, "repo") if mirrors else None
        if not git_dir or not os.path.isdir(git_dir):
            git_dir = os.path.join(CORPUS, "clones", key)
            if not os.path.isdir(git_dir):
                run(["git", "clone", "--bare", "https://github.com/%s" % source["repo"], git_dir])
        archive = subprocess.run(["git", "--git-dir", git_dir, "archive", source["commit"]],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)


def roots(base, under):
    found = set()
    for dirpath, dirnames, filenames in os.walk(os.path.join(base, under)):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if "package.py" in filenames or "package.yaml" in filenames:
            name = os.path.basename(dirpath)
            root = os.path.dirname(os.path.dirname(dirpath)) if name[:1].isdigit() else os.path.dirname(dirpath)
            found.add(os.path.relpath(root, base))
    return sorted(found)


def record(rez_python, name, base, under, names=None):
    names = names or roots(base, under)
    out = os.path.join(HERE, "recorded", name + ".json")
    # rez iterates Python sets in some error messages (the variants of a
    # conflict), whose order follows string hashing: a fixed hash seed makes
    # every recording of the same corpus the same text.
    env = dict(os.environ, REZ_DISABLE_HOME_CONFIG="1", PYTHONHASHSEED=PYTHONHASHSEED)
    def paths(name):
        return os.pathsep.join(os.path.join(base, n) for n in name.split(","))
    run([rez_python, os.path.join(HERE, "record.py"), out]
        + ["%s=%s" % (n, paths(n)) for n in names], env=env)
    without_checkout_path(out, base)


def without_checkout_path(out, base):
    """rez's error messages name the repositories' absolute paths; the
    recording writes `<corpus>/` for the corpus directory, so that it does
    not depend on where the checkout is (the test compares no error text)."""
    with open(out) as f:
        text = f.read()
    with open(out, "w") as f:
        f.write(text.replace(os.path.join(base, ""), "<corpus>/"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rez_python")
    parser.add_argument("--mirrors")
    parser.add_argument("--only", choices=["generated", "rez-data", "public"])
    parser.add_argument("--copy-only", action="store_true",
                        help="copy the repositories, record nothing")
    args = parser.parse_args()
    os.makedirs(os.path.join(HERE, "recorded"), exist_ok=True)
    recording = not args.copy_only
    if args.only in (None, "generated") and recording:
        record(args.rez_python, "generated", HERE, "generated",
               ["generated/bind", "generated/pip,generated/bind", "generated/cp"])
    if args.only in (None, "rez-data"):
        rez_data(args.rez_python)
        if recording:
            record(args.rez_python, "rez-data", CORPUS, "rez-data")
    if args.only in (None, "public"):
        public(args.mirrors)
        if recording:
            record(args.rez_python, "public", CORPUS, "public")


if __name__ == "__main__":
    main()
