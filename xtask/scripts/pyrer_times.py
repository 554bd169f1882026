"""Time pyrer on rez's benchmark requests, for `cargo xtask bench`.

usage: python pyrer_times.py PACKAGES_JSON REQUESTS_JSON
Solves every request
once per mode (one round; `cargo xtask bench` runs it once per round).
Prints one JSON object:
{"pyrer_version": str, "lazy": total seconds, "eager": total seconds,
 "lazy_statuses": [...], "resolved": [[[name, version, index], ...] or null per request]}
pyrer is timed the way its own benchmark script does: the lazy mode loads a
family through a callback over pre-built PackageData, the eager mode hands it
every package up front; only the solve call is timed.
"""
import importlib.metadata
import json
import sys
import time

import pyrer

families = json.load(open(sys.argv[1]))["families"]
requests = json.load(open(sys.argv[2]))


def package_data(entry):
    return pyrer.PackageData(entry["name"], entry["version"], entry["requires"], entry["variants"])


prebuilt = {name: [package_data(e) for e in entries] for name, entries in families.items()}
everything = [p for ps in prebuilt.values() for p in ps]
out = {"pyrer_version": importlib.metadata.version("pyrer"), "resolved": []}
for mode in ("lazy", "eager"):
    total, statuses = 0.0, []
    for request in requests:
        start = time.perf_counter()
        if mode == "eager":
            result = pyrer.solve(request, everything)
        else:
            result = pyrer.solve(request, load_family=lambda n: prebuilt.get(n, []))
        total += time.perf_counter() - start
        statuses.append(result.status)
        if mode == "lazy":
            out["resolved"].append([list(x) for x in result.resolved] if result.status == "solved" else None)
    out[mode] = total
    out[mode + "_statuses"] = statuses
json.dump(out, sys.stdout)
