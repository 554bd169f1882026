"""rez's 188 benchmark requests through ``ResolvedContext``, served by rer
(``RER_REZ``'s solver class) and by rez's own solver in the same run: checks
that both resolve every request to the variants in ``resolves.json`` and
prints the end-to-end time per request of each. A benchmark, not a test:
its times depend on the machine's load.

usage: python bench_rez_contexts.py [DATA_DIR]
(DATA_DIR holds requests.json, resolves.json or rez-3.4.0-resolves.json, and
packages/ or packages.tar.gz; default: the repository's tests/data/rez-benchmark)
"""

import json
import os
import re
import sys
import tarfile
import tempfile
import time

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
os.environ["REZ_RESOLVE_CACHING"] = "false"

import rer.rez  # noqa: E402

rer.rez.install()

import rez.resolver  # noqa: E402
import rez.solver  # noqa: E402
from rez.package_repository import package_repository_manager  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402

RER = rez.solver.Solver
REZ = RER.__mro__[1]


def expected(record):
    if record["status"] != "success":
        return None
    out = []
    for item in record["resolved_packages"]:
        m = re.match(r"(.+?)/(.*)/package\.py\[(\d*)\]$", item)
        out.append((m.group(1), m.group(2), int(m.group(3)) if m.group(3) else None))
    return out


def resolve(solver_class, request, root):
    rez.resolver.Solver = solver_class
    package_repository_manager.clear_caches()
    start = time.perf_counter()
    context = ResolvedContext(request, package_paths=[root], add_implicit_packages=False)
    seconds = time.perf_counter() - start
    if context.status.name != "solved":
        return None, seconds
    return [(v.name, str(v.version), v.index) for v in context.resolved_packages], seconds


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(here, "..", "..", "tests", "data", "rez-benchmark")
    requests = json.load(open(os.path.join(data, "requests.json")))
    answers = os.path.join(data, "resolves.json")
    if not os.path.exists(answers):
        answers = os.path.join(data, "rez-3.4.0-resolves.json")
    records = json.load(open(answers))
    root = os.path.join(data, "packages")
    if not os.path.isdir(root):
        scratch = tempfile.mkdtemp()
        with tarfile.open(os.path.join(data, "packages.tar.gz")) as tar:
            tar.extractall(scratch)
        root = os.path.join(scratch, "packages")
    times = {"rer": [], "rez": []}
    same = {"rer": 0, "rez": 0}
    agree = 0
    for request, record in zip(requests, records):
        want = expected(record)
        answers = {}
        for name, cls in (("rer", RER), ("rez", REZ)):
            got, seconds = resolve(cls, request, root)
            answers[name] = got
            times[name].append(seconds)
            same[name] += got == want
        agree += answers["rer"] == answers["rez"]
    n = len(requests)
    for name in ("rer", "rez"):
        t = sorted(times[name])
        print("ResolvedContext on %s: %d/%d identical to resolves.json; total %.1f s, "
              "median %.0f ms, max %.0f ms"
              % (name, same[name], n, sum(t), 1000 * t[n // 2], 1000 * t[-1]))
    print("rer and rez agree on %d/%d; rez/rer total time: %.1fx"
          % (agree, n, sum(times["rez"]) / sum(times["rer"])))
    return 0 if agree == n and same["rer"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
