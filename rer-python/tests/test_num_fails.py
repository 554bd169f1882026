"""``Solver.num_fails`` on rer: rez 3.4.0's count of failed phases, as
recorded from rez itself (``data/record_rez_num_fails.py``), given by rer's
own solve (no run of rez's solver after it, which ``RER_REZ_LOG`` would
show)."""
import json
import os

import pytest

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ["REZ_RESOLVE_CACHING"] = "false"

import rer.rez  # noqa: E402

rer.rez.install()

import rez  # noqa: E402
import rez.solver  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.version import Requirement  # noqa: E402

RerSolver = rez.solver.Solver
SOLVER_PACKAGES = os.path.join(os.path.dirname(rez.__file__), "data", "tests", "solver", "packages")
with open(os.path.join(os.path.dirname(__file__), "data", "rez_num_fails.json")) as f:
    RECORDED = json.load(f)


def write_pigeons(root, pigeons, holes):
    """The recorder's repository: pI-v requires hv==I."""
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


def solved_by_rer(request, paths, case, log):
    max_fails, time_limit = case.get("max_fails", -1), case.get("time_limit", -1)
    callback = None
    if max_fails != -1 or time_limit != -1:
        callback = ResolvedContext.Callback(max_fails, time_limit, None)
    solver = RerSolver([Requirement(r) for r in request], paths, callback=callback)
    solver.solve()
    backends = [json.loads(line)["backend"] for line in log.read_text().splitlines()]
    assert backends == ["rer"], (request, backends)
    status = {rez.solver.SolverStatus.solved: "solved",
              rez.solver.SolverStatus.failed: "failed"}.get(solver.status, "aborted")
    return {"status": status, "num_solves": solver.num_solves, "num_fails": solver.num_fails}


def expected(case):
    return {k: case[k] for k in ("status", "num_solves", "num_fails")}


@pytest.mark.parametrize("case", [c for c in RECORDED["rez_tests"] if "raised" not in c],
                         ids=lambda c: " ".join(c["request"]) or "(empty)")
def test_num_fails_on_rez_test_requests_is_rez(case, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    assert solved_by_rer(case["request"], [SOLVER_PACKAGES], case, log) == expected(case)


@pytest.mark.parametrize("case", RECORDED["pigeons"],
                         ids=lambda c: "%(pigeons)dx%(holes)d max_fails=%(max_fails)d "
                                       "time_limit=%(time_limit)d" % c)
def test_num_fails_on_pigeonholes_is_rez(case, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    root = tmp_path / "repo"
    write_pigeons(str(root), case["pigeons"], case["holes"])
    request = ["p%d" % i for i in range(case["pigeons"])]
    assert solved_by_rer(request, [str(root)], case, log) == expected(case)


def test_the_recording_has_failures_to_count():
    counts = [c["num_fails"] for c in RECORDED["rez_tests"] + RECORDED["pigeons"] if "num_fails" in c]
    assert sum(1 for n in counts if n > 1) >= 5, counts
