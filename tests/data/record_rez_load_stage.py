"""Records which package rez 3.4.0 names when several packages of a family
fail in a resolve, some to load (no definition file, invalid variants) and
some only in their requires.

usage: python record_rez_load_stage.py > rez_load_stage.json

The repository (FILES, one family) is written to a temporary directory; each
request is resolved with ResolvedContext(add_implicit_packages=False) under
each PYTHONHASHSEED of SEEDS (a child process per seed: rez lists a family's
version directories through a Python set). Recorded per seed: the order rez
listed the versions in, and per request the error's class and the version
it names. rez loads every package of the range (file, variants) before it
validates any package's requires, so a load failure is named before an
invalid requires whatever their order in the listing.
"""
import json
import os
import subprocess
import sys
import tempfile

SEEDS = ("0", "1", "2", "3", "4", "5")
FILES = {
    "fam/1/package.py": "name = 'fam'\nversion = '1'\nrequires = ['bad-!!']\n",
    "fam/2/README": "no definition file here\n",
    "fam/3/package.py": "name = 'fam'\nversion = '3'\nrequires = ['x-*']\n",
    "fam/4/package.py": "name = 'fam'\nversion = '4'\nvariants = [['bad-!!']]\n",
    "fam/5/package.py": "name = 'fam'\nversion = '5'\n",
}
REQUESTS = [["fam"], ["fam<4"], ["fam<2"], ["fam-3+<5"], ["fam-1|3"], ["fam<3"]]

CHILD = r"""
import json, re, sys
from rez.packages import iter_packages
from rez.resolved_context import ResolvedContext
root, requests = sys.argv[1], json.loads(sys.argv[2])
listing = [str(p.version) for p in iter_packages("fam", paths=[root])]
answers = []
for request in requests:
    try:
        context = ResolvedContext(request, package_paths=[root], add_implicit_packages=False)
        answers.append({"status": context.status.name})
    except Exception as e:
        text = str(e)
        named = re.search(r"'version': '([^']*)'", text) or re.search(r"/fam/([^/]*)/", text)
        answers.append({"status": "error", "class": type(e).__name__,
                        "key": (re.search(r"Validation of key '(\w+)'", text) or [None, None])[1],
                        "version": named.group(1) if named else None,
                        "message": text.splitlines()[0]})
print(json.dumps({"listing": listing, "answers": answers}))
"""


def main():
    with tempfile.TemporaryDirectory() as root:
        for rel, text in FILES.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        seeds = {}
        for seed in SEEDS:
            env = dict(os.environ, PYTHONHASHSEED=seed, REZ_DISABLE_HOME_CONFIG="1")
            out = subprocess.run([sys.executable, "-c", CHILD, root, json.dumps(REQUESTS)],
                                 env=env, check=True, capture_output=True, text=True).stdout
            seeds[seed] = json.loads(out)
            for answer in seeds[seed]["answers"]:
                if "message" in answer:
                    answer["message"] = answer["message"].replace(root, "ROOT")
    json.dump({"files": FILES, "requests": REQUESTS, "seeds": seeds}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
