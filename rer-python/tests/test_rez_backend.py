"""rez on rer: ``rez.solver.Solver`` replaced in-process, compared with rez
3.4.0's own solver on rez's test repository and on repositories written
here."""

import json
import os
import re
import subprocess
import sys

import pytest

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ["REZ_RESOLVE_CACHING"] = "false"

import rer  # noqa: E402
import rer.rez  # noqa: E402

rer.rez.install()

import rez  # noqa: E402
import rez.resolver  # noqa: E402
import rez.solver  # noqa: E402
from rez.exceptions import PackageFamilyNotFoundError, PackageNotFoundError  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.version import Requirement  # noqa: E402

RerSolver = rez.solver.Solver
RezSolver = RerSolver.__mro__[1]
SOLVER_PACKAGES = os.path.join(os.path.dirname(rez.__file__), "data", "tests", "solver", "packages")

# The requests of rez 3.4.0's own tests/test_solver.py, over its test repository.
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


def order_free(description):
    """A failure text with the parts whose order rez takes from Python's hash
    seed (the reductions of a completely reduced package) sorted."""
    head = "A package was completely reduced: "
    if description.startswith(head):
        parts = re.findall(r"\(\S+\[\d*\] \(dep\(.+?\) <--!--> .+?\)\)", description)
        return head + " ".join(sorted(parts))
    return description


def outcome(cls, request, paths):
    """Everything rez reads from a solver, as comparable text."""
    try:
        solver = cls([Requirement(r) for r in request], paths)
        solver.solve()
    except Exception as e:  # rez raises for missing families and versions
        return ("raised", type(e).__name__, str(e))
    status = solver.status
    if status == rez.solver.SolverStatus.solved:
        return ("solved", [str(v) for v in solver.resolved_packages],
                [v.handle for v in solver.resolved_packages],
                sorted(str(e) for e in solver.resolved_ephemerals))
    packages = [str(r) for r in solver.failure_packages()]
    if solver.failure_description().startswith("A package was completely reduced"):
        packages = sorted(tuple(packages[i:i + 3]) for i in range(0, len(packages), 3))
    return ("failed", str(status), order_free(solver.failure_description()),
            order_free("A package was completely reduced: " + str(solver.failure_reason()))
            if solver.failure_description().startswith("A package was completely reduced")
            else str(solver.failure_reason()),
            packages, solver.resolved_packages)


def test_install_replaces_rez_solver_everywhere():
    assert RerSolver is not RezSolver
    assert issubclass(RerSolver, RezSolver)
    assert rez.resolver.Solver is RerSolver


@pytest.mark.parametrize("request_", REZ_TEST_REQUESTS, ids=lambda r: " ".join(r) or "empty")
def test_rez_test_suite_requests_match_rez(request_):
    assert outcome(RerSolver, request_, [SOLVER_PACKAGES]) == \
        outcome(RezSolver, request_, [SOLVER_PACKAGES])


def test_a_served_solve_is_served_by_rer_and_logged(tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    solver = RerSolver([Requirement("pyfoo")], [SOLVER_PACKAGES])
    solver.solve()
    assert solver.backend == "rer"
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert lines == [{"backend": "rer", "reason": None, "request": ["pyfoo"]}]


def test_filters_and_building_are_served_by_rer(tmp_path, monkeypatch):
    from rez.package_filter import PackageFilterList

    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    filters = PackageFilterList.from_pod([{"excludes": ["python-2.7+"]}])
    solver = RerSolver([Requirement("python")], [SOLVER_PACKAGES], package_filter=filters)
    solver.solve()
    building = RerSolver([Requirement("python")], [SOLVER_PACKAGES], building=True)
    building.solve()
    assert solver.backend == building.backend == "rer"
    assert [json.loads(line)["backend"] for line in log.read_text().splitlines()] == ["rer"] * 2
    assert [str(v) for v in solver.resolved_packages] == ["python-2.6.8[]"]
    assert [str(v) for v in building.resolved_packages] == ["python-2.7.0[]"]


def test_request_level_errors_raise_in_the_constructor_as_rez_does():
    for cls in (RerSolver, RezSolver):
        with pytest.raises(PackageFamilyNotFoundError) as missing:
            cls([Requirement("nothing_here")], [SOLVER_PACKAGES])
        with pytest.raises(PackageNotFoundError):
            cls([Requirement("python-9")], [SOLVER_PACKAGES])
        assert "searched: %s" % SOLVER_PACKAGES in str(missing.value)


def test_failed_resolves_give_rez_graph():
    from rez.utils.graph_utils import write_dot

    request = [Requirement(r) for r in ("pybah", "!python")]
    ours = RerSolver(request, [SOLVER_PACKAGES])
    theirs = RezSolver(request, [SOLVER_PACKAGES])
    ours.solve()
    theirs.solve()
    assert write_dot(ours.get_graph()) == write_dot(theirs.get_graph())
    assert ours.num_fails == theirs.num_fails


def test_resolved_context_matches_rez_and_round_trips(tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    request = ["pyvariants", "python", "nada"]
    ours = ResolvedContext(request, package_paths=[SOLVER_PACKAGES], add_implicit_packages=False)
    assert json.loads(log.read_text().splitlines()[-1])["backend"] == "rer"
    monkeypatch.setattr(rez.resolver, "Solver", RezSolver)
    theirs = ResolvedContext(request, package_paths=[SOLVER_PACKAGES], add_implicit_packages=False)
    assert ours.status == theirs.status
    assert [v.qualified_name for v in ours.resolved_packages] == \
        [v.qualified_name for v in theirs.resolved_packages]
    assert [v.handle.to_dict() for v in ours.resolved_packages] == \
        [v.handle.to_dict() for v in theirs.resolved_packages]
    path = str(tmp_path / "ctx.rxt")
    ours.save(path)
    loaded = ResolvedContext.load(path)
    assert [v.qualified_name for v in loaded.resolved_packages] == \
        [v.qualified_name for v in ours.resolved_packages]
    assert ours.num_loaded_packages > 0


def test_packages_that_need_python_are_read_by_rez(repo):
    root = repo({
        "python-3.9": {},
        "python-3.10": {},
        "dyn-1": ("name = 'dyn'\nversion = '1'\n@early()\ndef requires():\n"
                  "    return ['python-3.9']\n"),
    })
    ours = outcome(RerSolver, ["dyn"], [root])
    assert ours == outcome(RezSolver, ["dyn"], [root])
    assert ours[1] == ["python-3.9[]", "dyn-1[]"]


def test_the_pth_hook_switches_with_rer_rez(tmp_path):
    code = "import rez.resolver, rez.solver; print(rez.solver.Solver.backend, rez.resolver.Solver is rez.solver.Solver)"
    env = dict(os.environ, RER_REZ="1")
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert on.stdout.split() == ["rer", "True"], on.stderr
    env.pop("RER_REZ")
    off = subprocess.run([sys.executable, "-c", "import rez.solver; print(hasattr(rez.solver.Solver, 'backend'))"],
                         env=env, capture_output=True, text=True)
    assert off.stdout.split() == ["False"], off.stderr


@pytest.mark.parametrize("max_fails", [1, 2])
def test_max_fails_matches_rez_env(max_fails):
    # rez 3.4.0's ResolvedContext(max_fails=N) (rez env --max-fails N), on a
    # request of rez's tests that fails twice before it solves.
    monkey = rez.resolver.Solver
    rez.resolver.Solver = RezSolver
    try:
        context = ResolvedContext(["python", "pyodd"], package_paths=[SOLVER_PACKAGES],
                                  add_implicit_packages=False, max_fails=max_fails)
    finally:
        rez.resolver.Solver = monkey
    result = rer.Solver([SOLVER_PACKAGES], max_fails=max_fails).solve(["python", "pyodd"])
    assert context.status.name == result.status == "failed"
    assert context.failure_description == result.failure_description
    assert result.failure_description.startswith(
        "fail limit reached: aborted after %d failures:\n" % max_fails)
    assert rer.Solver([SOLVER_PACKAGES]).solve(["python", "pyodd"]).status == "solved"


def contexts(request, **kwargs):
    """The same ResolvedContext made on rer and on rez's own solver."""
    ours = ResolvedContext(request, package_paths=[SOLVER_PACKAGES],
                           add_implicit_packages=False, **kwargs)
    saved = rez.resolver.Solver
    rez.resolver.Solver = RezSolver
    try:
        theirs = ResolvedContext(request, package_paths=[SOLVER_PACKAGES],
                                 add_implicit_packages=False, **kwargs)
    finally:
        rez.resolver.Solver = saved
    return ours, theirs


@pytest.mark.parametrize("kwargs", [{"max_fails": 1}, {"max_fails": 2}, {"time_limit": 0}],
                         ids=["max_fails=1", "max_fails=2", "time_limit=0"])
def test_resolved_context_limits_are_served_by_rer(kwargs, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    ours, theirs = contexts(["python", "pyodd"], **kwargs)
    assert json.loads(log.read_text().splitlines()[0])["backend"] == "rer"
    assert ours.status == theirs.status
    assert ours.failure_description == theirs.failure_description


def test_a_callers_callback_is_called_per_step(tmp_path, monkeypatch):
    from rez.solver import SolverCallbackReturn

    states = {"rer": [], "rez": []}

    def make(name):
        def callback(state):
            states[name].append((state.num_solves, state.num_fails))
            if state.num_solves >= 2:
                return SolverCallbackReturn.abort, "two steps are enough"
            return SolverCallbackReturn.keep_going, ""
        return callback
    ours = ResolvedContext(["python", "pyodd"], package_paths=[SOLVER_PACKAGES],
                           add_implicit_packages=False, callback=make("rer"))
    saved = rez.resolver.Solver
    rez.resolver.Solver = RezSolver
    try:
        theirs = ResolvedContext(["python", "pyodd"], package_paths=[SOLVER_PACKAGES],
                                 add_implicit_packages=False, callback=make("rez"))
    finally:
        rez.resolver.Solver = saved
    assert states["rer"] == states["rez"]
    assert ours.status == theirs.status
    assert ours.failure_description == theirs.failure_description == "two steps are enough"
