"""Records rez 3.4.0's answers for the pigeonhole repositories of
`tests/limits.rs` under `--max-fails` and `--time-limit`, into
`rez_limits.json`.

Run with rez 3.4.0's Python:

    REZ_DISABLE_HOME_CONFIG=1 python record_rez_limits.py

The repository: families p0..p{P-1}, each with versions 1..H; pI-v
requires hv==I; families h1..hH with versions 0..P-1. The limits go through
rez's own `ResolvedContext.Callback` (what `rez env --max-fails N
--time-limit S` builds), driving `rez.solver.Solver`.
"""
import json
import os
import sys
import tempfile

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ["REZ_RESOLVE_CACHING"] = "false"

from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.solver import Solver, SolverStatus  # noqa: E402
from rez.version import Requirement  # noqa: E402

CASES = [
    # (pigeons, holes, max_fails, time_limit)
    (3, 3, -1, -1),
    (3, 3, 0, -1),
    (3, 2, -1, -1),
    (3, 2, 0, -1),
    (3, 2, 1, -1),
    (4, 3, -1, -1),
    (4, 3, 0, -1),
    (4, 3, 1, -1),
    (4, 3, 2, -1),
    (4, 3, 5, -1),
    (5, 4, 3, -1),
    (5, 4, 10, -1),
    (5, 4, 1000, -1),
    (6, 5, 50, -1),
    (11, 10, 1, -1),
    (11, 10, 100, -1),
    (11, 10, -1, 2),
]


def write_repo(root, pigeons, holes):
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


def main():
    out = []
    for pigeons, holes, max_fails, time_limit in CASES:
        with tempfile.TemporaryDirectory() as root:
            write_repo(root, pigeons, holes)
            callback = ResolvedContext.Callback(max_fails, time_limit, None)
            request = [Requirement("p%d" % i) for i in range(pigeons)]
            solver = Solver(request, [root], callback=callback)
            solver.solve()
            st = solver.status
            if st == SolverStatus.solved:
                status, description = "solved", ""
            elif st == SolverStatus.failed:
                status, description = "failed", solver.failure_description()
            else:
                status, description = "aborted", solver.abort_reason
            case = {
                "pigeons": pigeons,
                "holes": holes,
                "max_fails": max_fails,
                "time_limit": time_limit,
                "status": status,
                "description": description,
                # a time limit stops after a machine-dependent number of steps
                "num_solves": solver.num_solves if time_limit == -1 else None,
                # rez's Solver.num_fails once the solve ended
                "num_fails": solver.num_fails if time_limit == -1 else None,
            }
            print(pigeons, holes, max_fails, time_limit, status, solver.num_solves,
                  file=sys.stderr)
            out.append(case)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rez_limits.json")
    with open(path, "w") as f:
        json.dump({"rez": "3.4.0", "cases": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
