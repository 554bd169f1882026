"""Time rez 3.4.0 itself (and pyrer, when importable) on a subset of rez's
benchmark requests, for `cargo xtask bench --rez-requests N`.

usage: python rez_times.py PACKAGES_DIR PACKAGES_JSON REQUESTS_JSON INDEXES
INDEXES is a comma-separated list of request indexes (0-based).

rez is timed as its own `rez-benchmark` times it: every package is loaded
first (so loading does not count against the solves), then each request is
one `ResolvedContext(..., add_implicit_packages=False)`, timed around the
call. pyrer 1.0.0rc3, if this Python has it, solves the same requests in
the same process right after rez's solve of each request (its lazy mode,
over pre-built `PackageData`, timed around the solve call). Prints one JSON
object: {"rez_version", "load_s", "rez": [seconds per request],
"rez_resolved": [[uri, ...] or null], "pyrer_version" (or null),
"pyrer_lazy": [seconds per request]}.
"""
import json
import os
import sys
import time

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ.setdefault("REZ_RESOLVE_CACHING", "false")

from rez import __version__ as rez_version  # noqa: E402
from rez.packages import iter_package_families  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402

packages_dir, packages_json, requests_json, indexes = sys.argv[1:5]
requests = json.load(open(requests_json))
subset = [requests[int(i)] for i in indexes.split(",")]

try:
    import importlib.metadata
    import pyrer
    pyrer_version = importlib.metadata.version("pyrer")
    families = json.load(open(packages_json))["families"]
    prebuilt = {
        name: [pyrer.PackageData(e["name"], e["version"], e["requires"], e["variants"])
               for e in entries]
        for name, entries in families.items()
    }
except ImportError:
    pyrer, pyrer_version = None, None

start = time.perf_counter()
for family in iter_package_families(paths=[packages_dir]):
    for package in family.iter_packages():
        package.validate_data()
        for _ in package.iter_variants():
            pass
load_s = time.perf_counter() - start

out = {"rez_version": rez_version, "load_s": load_s, "rez": [], "rez_resolved": [],
       "pyrer_version": pyrer_version, "pyrer_lazy": []}
for i, request in enumerate(subset):
    start = time.perf_counter()
    context = ResolvedContext(package_requests=request, package_paths=[packages_dir],
                              add_implicit_packages=False)
    out["rez"].append(time.perf_counter() - start)
    if context.status.name == "solved":
        out["rez_resolved"].append([
            os.path.relpath(v.uri, packages_dir) for v in context.resolved_packages])
    else:
        out["rez_resolved"].append(None)
    if pyrer is not None:
        start = time.perf_counter()
        pyrer.solve(request, load_family=lambda n: prebuilt.get(n, []))
        out["pyrer_lazy"].append(time.perf_counter() - start)
    print("rez: %d/%d" % (i + 1, len(subset)), file=sys.stderr)
json.dump(out, sys.stdout)
