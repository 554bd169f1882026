"""Time pyrer on rez's benchmark requests, for `cargo xtask bench`.

usage: python pyrer_times.py BENCHMARK_DIR [ROUNDS]
BENCHMARK_DIR holds packages.json and requests.json. Each mode runs ROUNDS
times (default 1) over every request. Prints one JSON object:
{"pyrer_version": str, "lazy": [total seconds per round], "eager": [...],
 "lazy_statuses": [...], "resolved": [[[name, version, index], ...] or null per request]}
(statuses and answers from the first lazy round).
pyrer is timed the way its own benchmark script does: the lazy mode loads a
family through a callback over pre-built PackageData, the eager mode hands it
every package up front; only the solve call is timed.
"""
import importlib.metadata
import json
import os
import sys
import time

import pyrer

directory = sys.argv[1]
families = json.load(open(os.path.join(directory, "packages.json")))["families"]
requests = json.load(open(os.path.join(directory, "requests.json")))
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1


def package_data(entry):
    return pyrer.PackageData(entry["name"], entry["version"], entry["requires"], entry["variants"])


prebuilt = {name: [package_data(e) for e in entries] for name, entries in families.items()}
everything = [p for ps in prebuilt.values() for p in ps]
out = {"pyrer_version": importlib.metadata.version("pyrer"), "resolved": []}
for mode in ("lazy", "eager"):
    totals, statuses = [], []
    for round in range(rounds):
        total = 0.0
        for request in requests:
            start = time.perf_counter()
            if mode == "eager":
                result = pyrer.solve(request, everything)
            else:
                result = pyrer.solve(request, load_family=lambda n: prebuilt.get(n, []))
            total += time.perf_counter() - start
            if round == 0:
                statuses.append(result.status)
                if mode == "lazy":
                    out["resolved"].append(
                        [list(x) for x in result.resolved] if result.status == "solved" else None
                    )
        totals.append(total)
    out[mode] = totals
    out[mode + "_statuses"] = statuses
json.dump(out, sys.stdout)
