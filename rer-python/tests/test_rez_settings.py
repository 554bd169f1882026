"""rez on rer with rez's resolve settings: ``building``, package filters,
package orderers, the resolve graph and the ``-v`` trace, each compared
with rez 3.4.0's own solver on the same request."""

import io
import json
import re

import pytest

from test_rez_backend import (
    REZ_TEST_REQUESTS,
    SOLVER_PACKAGES,
    RerSolver,
    RezSolver,
    outcome,
)

import rez.solver  # noqa: E402
from rez.exceptions import ResolveError  # noqa: E402
from rez.package_filter import PackageFilterList  # noqa: E402
from rez.package_order import PackageOrder, PackageOrderList  # noqa: E402
from rez.utils.graph_utils import write_dot  # noqa: E402
from rez.version import Requirement  # noqa: E402


def served(cls, request, paths, **kwargs):
    """``outcome`` with solver arguments, and which backend served it."""
    solver_kwargs = kwargs

    class With(cls):
        def __init__(self, package_requests, package_paths):
            cls.__init__(self, package_requests, package_paths, **solver_kwargs)
    result = outcome(With, request, paths)
    return result


def assert_served_by_rer_as_rez_answers(request, paths, log, **kwargs):
    """rer serves the solve (one log line, ``rer``) and answers as rez."""
    ours = served(RerSolver, request, paths, **kwargs)
    assert [json.loads(line)["backend"] for line in log.read_text().splitlines()] == ["rer"]
    assert ours == served(RezSolver, request, paths, **kwargs)


@pytest.fixture
def timed_repo(repo):
    """Versions released at different times, a beta, and requirements that
    make filters and orderers change the answer."""
    return repo({
        "foo-1.0": {"timestamp": 100},
        "foo-1.1.beta": {"timestamp": 200},
        "foo-1.2": {"timestamp": 300, "requires": ["baz-1"]},
        "foo-2.0": {"timestamp": 400},
        "bar-1": {"timestamp": 150, "requires": ["foo-1"]},
        "bar-2": {"timestamp": 450, "requires": ["foo"]},
        "baz-1": {"timestamp": 50},
        "baz-2": {"timestamp": 60},
        "multi-1": {"variants": [["foo-2"], ["foo-1"]], "timestamp": 10},
    })


FILTERS = [
    [{"excludes": ["glob(*.beta)"]}],
    [{"excludes": ["foo-2+"]}],
    [{"excludes": ["after(350)"]}],
    [{"excludes": ["before(120)"]}],
    [{"excludes": ["regex(foo-1\\..*)"], "includes": ["foo-1.0"]}],
    [{"excludes": ["after(350)"]}, {"excludes": ["foo-1.2"]}],
    [{"excludes": ["foo"]}],
]


@pytest.mark.parametrize("pod", FILTERS, ids=lambda p: json.dumps(p))
@pytest.mark.parametrize("request_", [["bar"], ["foo"], ["multi"], ["bar-1", "foo"]],
                         ids=" ".join)
def test_package_filters_are_served_and_match_rez(pod, request_, timed_repo, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    assert_served_by_rer_as_rez_answers(request_, [timed_repo], log,
                                        package_filter=PackageFilterList.from_pod(pod))


ORDERERS = [
    [{"type": "sorted", "descending": False, "packages": ["foo"]}],
    [{"type": "version_split", "first_version": "1.1", "packages": ["foo"]}],
    [{"type": "per_family", "orderers": [
        {"type": "sorted", "descending": False, "packages": ["baz", "foo"]}]}],
    [{"type": "sorted", "descending": False, "packages": ["*"]}],
    [{"type": "version_split", "first_version": "1.0", "packages": ["foo"]},
     {"type": "sorted", "descending": False, "packages": ["foo", "baz"]}],
]


@pytest.mark.parametrize("pod", ORDERERS, ids=lambda p: json.dumps(p))
@pytest.mark.parametrize("request_", [["bar"], ["foo"], ["multi"], ["foo-1.2"]], ids=" ".join)
def test_package_orderers_are_served_and_match_rez(pod, request_, timed_repo, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    assert_served_by_rer_as_rez_answers(request_, [timed_repo], log,
                                        package_orderers=PackageOrderList.from_pod(pod))


@pytest.fixture
def build_repo(repo):
    return repo({
        "tool-1": {"requires": ["lib-1"], "build_requires": ["cmake-3"],
                   "private_build_requires": ["gcc-9"]},
        "lib-1": {"build_requires": ["cmake"]},
        "lib-2": {},
        "cmake-3": {}, "cmake-4": {},
        "gcc-9": {},
        "clash-1": {"requires": ["lib-1"], "build_requires": ["lib-2"]},
    })


@pytest.mark.parametrize("request_", [["tool"], ["tool", "cmake-4"], ["lib", "gcc"], ["clash"]],
                         ids=" ".join)
@pytest.mark.parametrize("building", [False, True])
def test_building_is_served_and_matches_rez(request_, building, build_repo, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    assert_served_by_rer_as_rez_answers(request_, [build_repo], log, building=building)


def test_build_requires_that_clash_raise_resolve_error_as_rez_does(build_repo):
    for cls in (RerSolver, RezSolver):
        solver = cls([Requirement("clash")], [build_repo], building=True)
        with pytest.raises(ResolveError):
            solver.solve()


class _Reversed(PackageOrder):
    """An orderer class of a caller's own, with no configuration form."""
    name = "caller_reversed"

    def sort_key_implementation(self, package_name, version):
        return version

    def __str__(self):
        return "reversed"


@pytest.mark.parametrize("kwargs, reason", [
    ({"verbosity": 3, "buf": io.StringIO()}, "verbosity 3 (rez's step-by-step trace)"),
    ({"package_orderers": PackageOrderList([_Reversed()])},
     "package_orderers: _Reversed has no configuration form"),
    ({"package_orderers": [{"type": "sorted", "descending": False, "packages": ["foo"]}]},
     "package_orderers: a list, not rez's PackageOrderList"),
    ({"package_load_callback": lambda package: None}, "package_load_callback"),
], ids=["verbosity", "custom orderer", "plain list", "load callback"])
def test_what_rer_does_not_serve_goes_to_rez_and_says_why(kwargs, reason, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    try:
        solver = RerSolver([Requirement("pyfoo")], [SOLVER_PACKAGES], **kwargs)
        solver.solve()
        assert solver.backend == "rez"
    except AttributeError:
        assert isinstance(kwargs.get("package_orderers"), list)  # rez's own failure
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [entry["backend"] for entry in lines] == ["rez"]
    assert lines[0]["reason"].startswith(reason)


def graph_shape(text):
    """A graph's nodes and edges (its dot text) by label, in no order: what
    stays when the order of a total reduction's reductions (which rez takes
    from Python's hash seed) is set aside."""
    labels = dict(re.findall(r'^(_\d+) \[label="([^"]*)"', text, re.M))
    nodes = sorted(re.sub(r"^_\d+ ", "", line) for line in text.splitlines()
                   if re.match(r"^_\d+ \[", line))
    edges = sorted((labels[a], labels[b], attrs) for a, b, attrs in
                   re.findall(r"^(_\d+) -> (_\d+) \[(.*)\];$", text, re.M))
    return nodes, edges


def solved_and_graph(cls, request, **kwargs):
    try:
        solver = cls([Requirement(r) for r in request], [SOLVER_PACKAGES], **kwargs)
        solver.solve()
    except Exception as e:
        return type(e).__name__, None
    # write_dot adds the edge labels to the graph's attributes (rez's own
    # graph too): each graph is written once
    return str(solver.status), write_dot(solver.get_graph())


@pytest.mark.parametrize("request_", REZ_TEST_REQUESTS, ids=lambda r: " ".join(r) or "empty")
def test_graphs_are_rers_own_and_rezs(request_, tmp_path, monkeypatch):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    ours, our_graph = solved_and_graph(RerSolver, request_)
    theirs, their_graph = solved_and_graph(RezSolver, request_)
    assert ours == theirs
    if our_graph is None:
        return
    assert [json.loads(line)["backend"] for line in log.read_text().splitlines()] == ["rer"]
    if "bahish-1[]" in their_graph:
        assert graph_shape(our_graph) == graph_shape(their_graph)
    else:
        assert our_graph == their_graph


def test_a_total_reduction_graph_is_one_of_rezs_orders():
    _, ours = solved_and_graph(RerSolver, ["bahish", "pybah<5"])
    _, theirs = solved_and_graph(RezSolver, ["bahish", "pybah<5"])
    assert "CONFLICT" in ours and graph_shape(ours) == graph_shape(theirs)


@pytest.mark.parametrize("verbosity", [1, 2])
@pytest.mark.parametrize("request_", REZ_TEST_REQUESTS, ids=lambda r: " ".join(r) or "empty")
def test_the_v_trace_is_rezs(request_, verbosity):
    def trace(cls):
        buf = io.StringIO()
        try:
            solver = cls([Requirement(r) for r in request_], [SOLVER_PACKAGES],
                         verbosity=verbosity, buf=buf)
            solver.solve()
            assert cls is RezSolver or solver.backend == "rer"
        except Exception as e:
            buf.write("raised %s" % type(e).__name__)
        return buf.getvalue()
    assert trace(RerSolver) == trace(RezSolver)


def test_the_trace_stops_where_a_callback_stops_the_solve():
    from rez.solver import SolverCallbackReturn

    def stop_at_two(state):
        if state.num_solves >= 2:
            return SolverCallbackReturn.abort, "enough"
        return SolverCallbackReturn.keep_going, ""

    def trace(cls):
        buf = io.StringIO()
        solver = cls([Requirement(r) for r in ("python", "pyodd")], [SOLVER_PACKAGES],
                     verbosity=1, buf=buf, callback=stop_at_two)
        solver.solve()
        return buf.getvalue(), str(solver.status)
    assert trace(RerSolver) == trace(RezSolver)
    assert trace(RerSolver)[0].count("SOLVE #") == 2
