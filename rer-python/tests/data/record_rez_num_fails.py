"""Records rez 3.4.0's ``Solver.num_fails`` (and ``num_solves`` and the
status) once ``solve()`` has ended, into ``rez_num_fails.json``: for the
requests of rez's own tests/test_solver.py over its test repository, and
for repositories of pigeons and holes (pI-v requires hv==I, so two pigeons
in one hole conflict) that solve or fail after many failed phases, plain and
under ``ResolvedContext.Callback`` (what ``rez env --max-fails N
--time-limit S`` builds; the time limit 0 aborts after the first step).

Run with rez 3.4.0's Python:

    REZ_DISABLE_HOME_CONFIG=1 python record_rez_num_fails.py
"""
import json
import os
import sys
import tempfile

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ["REZ_RESOLVE_CACHING"] = "false"

import rez  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.solver import Solver, SolverStatus  # noqa: E402
from rez.version import Requirement  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# The requests of rez 3.4.0's own tests/test_solver.py over its test
# repository (as in ../test_rez_backend.py, which installs rer: this script
# must run rez's solver alone).
REZ_TEST_REQUESTS = [
    [], ["nada"], ["!nada"], ["~nada"], [".foo-1"], ["!.bah"], ["!.bah-2.5+"], ["python"],
    ["~python-2+"], ["~python"], ["!python-2.5"], ["!python"], ["nada", "~nada"], ["nopy"],
    ["python-2.6"], ["python-2.6", "!python-2.6.8"], ["python-2.6", "python-2.6.5+"],
    ["python", "python-0+<2.6"], ["python", "python-0+<2.6.8"], ["python", "~python-2.7+"],
    ["!python-2.6+", "python"], ["nada", "!nada"], ["python-2.6", "~python-2.7"],
    ["pyfoo", "nada", "!nada"], [".foo-1", ".foo-2"], [".foo-2.5", "!.foo-2"],
    ["pybah", "!python"], ["pyfoo-3.1", "python-2.7+"], ["pyodd<2", "python-2.7"],
    ["nopy", "python-2.5.2"], ["bahish", "pybah<5"], ["pybah-4", "pyfoo-3.0"], ["nada", "nopy"],
    ["pyfoo"], ["pyfoo-3.0"], ["pyfoo-3.0", ".eek-4.5"], ["pybah"], ["nopy", "python"],
    ["pybah", "!python-2.5"], ["pybah", "!python-2.5", "python<2.6.8"], ["python", "pybah"],
    ["python", "pyodd"], ["pybah", "pyodd"], ["pysplit", "python-2.5"], ["~python<2.6", "pysplit"],
    ["python", "bahish", "pybah"], [".foo-2.5+", ".foo-2"], ["pymum-2"], ["pyvariants", "python"],
    ["pyvariants", "python", "nada"], ["test_variant_split_start"], ["missing_variant_requires"],
    ["test_weakly_reference_requires", "test_variant_split_mid2-2"],
    ["test_weakly_reference_variant-2.0", "test_variant_split_mid2-2", "pyfoo"],
    ["nothing_here"], ["python-9"],
]

# (pigeons, holes, max_fails, time_limit)
PIGEONS = [
    (3, 3, -1, -1),
    (4, 4, -1, -1),
    (5, 5, -1, -1),
    (3, 2, -1, -1),
    (4, 3, -1, -1),
    (5, 4, -1, -1),
    (4, 3, 2, -1),
    (5, 4, 7, -1),
    (6, 5, 50, -1),
    (5, 4, -1, 0),
]

# requests of rez's tests under limits: (request, max_fails, time_limit)
LIMITED = [
    (["python", "pyodd"], 1, -1),
    (["python", "pyodd"], 2, -1),
    (["python", "pyodd"], -1, 0),
]


def write_pigeons(root, pigeons, holes):
    def pkg(name, version, requires):
        d = os.path.join(root, name, version)
        os.makedirs(d)
        with open(os.path.join(d, "package.py"), "w") as f:
            f.write("name = %r\nversion = %r\nrequires = %r\n" % (name, version, requires))

    for i in range(pigeons):
        for v in range(1, holes + 1):
            pkg("p%d" % i, str(v), ["h%d==%d" % (v, i)])
    for v in range(1, holes + 1):
        for i in range(pigeons):
            pkg("h%d" % v, str(i), [])


def record(request, paths, max_fails, time_limit):
    callback = None
    if max_fails != -1 or time_limit != -1:
        callback = ResolvedContext.Callback(max_fails, time_limit, None)
    try:
        solver = Solver([Requirement(r) for r in request], paths, callback=callback)
        solver.solve()
    except Exception as e:  # rez raises for missing families and versions
        return {"raised": type(e).__name__}
    status = {SolverStatus.solved: "solved", SolverStatus.failed: "failed"}.get(
        solver.status, "aborted")
    return {"status": status, "num_solves": solver.num_solves, "num_fails": solver.num_fails}


def main():
    packages = os.path.join(os.path.dirname(rez.__file__), "data", "tests", "solver", "packages")
    suite = []
    for request in REZ_TEST_REQUESTS:
        suite.append(dict(request=request, **record(request, [packages], -1, -1)))
    for request, max_fails, time_limit in LIMITED:
        suite.append(dict(request=request, max_fails=max_fails, time_limit=time_limit,
                          **record(request, [packages], max_fails, time_limit)))
    pigeons = []
    for n, holes, max_fails, time_limit in PIGEONS:
        with tempfile.TemporaryDirectory() as root:
            write_pigeons(root, n, holes)
            request = ["p%d" % i for i in range(n)]
            case = dict(pigeons=n, holes=holes, max_fails=max_fails, time_limit=time_limit,
                        **record(request, [root], max_fails, time_limit))
            print(case, file=sys.stderr)
            pigeons.append(case)
    with open(os.path.join(HERE, "rez_num_fails.json"), "w") as f:
        json.dump({"rez": rez.__version__, "rez_tests": suite, "pigeons": pigeons}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
