"""pyrer's whole process for `cargo xtask bench`: import, read the
repository, solve.

usage: python pyrer_process.py PACKAGES_JSON REQUESTS_JSON (INDEX | all)
pyrer has no reader of package.py trees: it is handed package data, here
read from the benchmark's packages.json (the same 18,226 packages) and
built into PackageData family by family as its lazy load_family asks. The
caller times the whole process; one request (by index) or all of them.
Prints the statuses, one per line.
"""
import json
import sys

import pyrer

families = json.load(open(sys.argv[1]))["families"]
requests = json.load(open(sys.argv[2]))
chosen = requests if sys.argv[3] == "all" else [requests[int(sys.argv[3])]]


def load_family(name):
    return [
        pyrer.PackageData(e["name"], e["version"], e["requires"], e["variants"])
        for e in families.get(name, [])
    ]


for request in chosen:
    print(pyrer.solve(request, load_family=load_family).status)
