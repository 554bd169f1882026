"""Records rez 3.4.0's variant roots and its resolved-packages listing.

usage: python record_rez_roots.py > rez-3.4.0-roots.json
(with the Python that has rez 3.4.0: ~/rez-venv/bin/python).

Builds one small repository in a temporary directory: packages without
variants, with variants (weak, conflict and ranged requirements among them),
with `hashed_variants` (one of whose variants has a `_v/` shortlink, as
rez's install makes), an unversioned package and a file `<repo>/<family>.py` that defines
several versions (rez's combined package). Some variant directories
exist and some do not. For each request it resolves a `ResolvedContext`
and records every resolved variant's `root` (None as null) and the
"resolved packages:" rows of `print_info()`. Paths under the repository
are written as `{repo}`, so the test can rebuild it anywhere and compare.
"""
import hashlib
import io
import json
import os
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
os.environ["REZ_IMPLICIT_PACKAGES"] = ""

from rez.config import config  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402

FILES = {
    "bar/1.0/package.py": "name = 'bar'\nversion = '1.0'\n",
    "bar/2.1/package.py": "name = 'bar'\nversion = '2.1'\n",
    "baz/1.0/package.py": "name = 'baz'\nversion = '1.0'\n",
    "baz/2.0/package.py": "name = 'baz'\nversion = '2.0'\n",
    "foo/1.0/package.py": (
        "name = 'foo'\nversion = '1.0'\nrequires = ['bar-2']\n"
        "variants = [['baz-1'], ['baz-2', '~qux-1+<2', '!ghost']]\n"
    ),
    "hashy/3/package.py": (
        "name = 'hashy'\nversion = '3'\nhashed_variants = True\n"
        "variants = [['bar-2'], ['baz-1', '!ghost']]\n"
    ),
    "hashy/4/package.py": (
        "name = 'hashy'\nversion = '4'\nhashed_variants = True\n"
        "variants = [['bar-2'], ['baz-2']]\n"
    ),
    "loose/package.py": "name = 'loose'\nrequires = ['bar']\n",
    "combo.py": "name = 'combo'\nversions = ['1.0', '2.0']\n",
}

REQUESTS = [
    ["foo"],
    ["foo", "baz-1"],
    ["bar"],
    ["hashy-3"],
    ["hashy-3", "baz-1"],
    ["hashy-4"],
    ["loose"],
    ["combo"],
]


# an existing variant directory, and a shortlink to a hashed one
HASH = hashlib.sha1(str(["bar-2"]).encode()).hexdigest()
DIRS = ["foo/1.0/baz-1", "hashy/3/" + HASH, "hashy/3/_v"]
LINKS = {"hashy/3/_v/a": "../" + HASH}


def build(repo):
    for rel, text in FILES.items():
        path = os.path.join(repo, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    for rel in DIRS:
        os.makedirs(os.path.join(repo, rel))
    for rel, target in LINKS.items():
        os.symlink(target, os.path.join(repo, rel))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.realpath(os.path.join(tmp, "repo"))
        build(repo)
        config.override("packages_path", [repo])

        def rel(text):
            return None if text is None else text.replace(repo, "{repo}")

        cases = []
        for request in REQUESTS:
            context = ResolvedContext(request)
            status = context.status.name
            case = {"request": request, "status": status}
            if status == "solved":
                case["roots"] = [
                    {"name": v.name, "version": str(v.version),
                     "index": v.index, "root": rel(v.root)}
                    for v in context.resolved_packages
                ]
                buf = io.StringIO()
                context.print_info(buf=buf)
                text = buf.getvalue().split("resolved packages:\n", 1)[1]
                case["listing"] = [rel(line) for line in text.splitlines()
                                   if line.strip()]
            cases.append(case)
        json.dump({"rez": "3.4.0", "files": FILES, "dirs": DIRS,
                   "links": LINKS, "cases": cases},
                  sys.stdout, indent=1)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
