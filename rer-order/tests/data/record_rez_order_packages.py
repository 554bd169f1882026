"""Dumps the packages rez 3.4.0's test_packages_order.py and the orderer
cases of test_context.py use (rez's `solver/packages` and
`packages/py_packages/timestamped` test data) into `order_packages.json`,
in the packages.json format, as rez reads them.

    REZ_DISABLE_HOME_CONFIG=1 python record_rez_order_packages.py
"""
import json
import os

import rez
from rez.packages import iter_package_families, iter_packages

DATA = os.path.join(os.path.dirname(rez.__file__), "data", "tests")
PATHS = [os.path.join(DATA, "solver", "packages"), os.path.join(DATA, "packages", "py_packages")]
FAMILIES = ["nada", "pydad", "pymum", "pysplit", "python", "pyvariants", "timestamped"]

families = {}
for name in FAMILIES:
    out = []
    for p in iter_packages(name, paths=PATHS):
        out.append({
            "name": p.name,
            "version": str(p.version),
            "requires": [str(r) for r in (p.requires or [])],
            "variants": [[str(r) for r in v] for v in (p.variants or [])],
            "timestamp": p.timestamp or 0,
        })
    out.sort(key=lambda d: d["version"])
    families[name] = out

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "order_packages.json")
with open(path, "w") as f:
    json.dump({"families": families}, f, indent=1, sort_keys=True)
    f.write("\n")
