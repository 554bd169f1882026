"""``rer.Solver``'s rez settings: ``building``, ``package_filter``,
``package_orderers`` (rez's configuration format or rez's objects),
``config=True`` (the site's rez configuration) and the resolve graph, each
answer compared with rez 3.4.0's own solver on the same repository."""

import json

import pytest

import rer
from test_rez_backend import RezSolver

from rez.package_filter import PackageFilterList  # noqa: E402
from rez.package_order import PackageOrderList  # noqa: E402
from rez.utils.graph_utils import write_dot  # noqa: E402
from rez.version import Requirement  # noqa: E402

REPO = {
    "foo-1.0": {"timestamp": 100},
    "foo-1.2.beta": {"timestamp": 200},
    "foo-2.0": {"timestamp": 300, "build_requires": ["cmake-3"]},
    "bar-1": {"requires": ["foo"], "build_requires": ["cmake"],
              "private_build_requires": ["gcc"]},
    "cmake-3": {}, "cmake-4": {},
    "gcc-9": {},
}


def rez_solve(request, root, **kwargs):
    """rez's own answer: resolved variants as (name, version, index), or
    the failure description."""
    solver = RezSolver([Requirement(r) for r in request], [root], **kwargs)
    solver.solve()
    if solver.status.name == "solved":
        return [(v.name, str(v.version), v.index) for v in solver.resolved_packages]
    return solver.failure_description()


def rer_solve(request, root, **kwargs):
    result = rer.Solver([root], **kwargs).solve(request)
    if result.status == "solved":
        return result.resolved
    return result.failure_description


@pytest.mark.parametrize("pod", [
    {"excludes": ["*.beta"]},
    [{"excludes": ["foo-2+"]}],
    [{"excludes": ["after(250)"]}, {"excludes": ["foo-1.0"]}],
    [{"excludes": ["foo"], "includes": ["foo-1.2.beta"]}],
], ids=json.dumps)
def test_package_filter_in_rezs_format_or_as_rezs_object(pod, repo):
    root = repo(REPO)
    expected = rez_solve(["bar"], root, package_filter=PackageFilterList.from_pod(
        pod if isinstance(pod, list) else [pod]))
    assert rer_solve(["bar"], root, package_filter=pod) == expected
    assert rer_solve(["bar"], root, package_filter=PackageFilterList.from_pod(
        pod if isinstance(pod, list) else [pod])) == expected


def test_package_orderers_in_rezs_format_or_as_rezs_objects(repo):
    root = repo(REPO)
    pod = [{"type": "sorted", "descending": False, "packages": ["foo", "cmake"]}]
    expected = rez_solve(["bar", "cmake"], root, package_orderers=PackageOrderList.from_pod(pod))
    assert rer_solve(["bar", "cmake"], root, package_orderers=pod) == expected
    assert rer_solve(["bar", "cmake"], root,
                     package_orderers=PackageOrderList.from_pod(pod)) == expected
    assert rer_solve(["bar", "cmake"], root,
                     package_orderers=list(PackageOrderList.from_pod(pod))) == expected
    assert expected != rez_solve(["bar", "cmake"], root)


@pytest.mark.parametrize("request_", [["bar"], ["bar", "cmake-4"], ["foo", "cmake"]], ids=" ".join)
def test_building_adds_build_requires_as_rez_does(request_, repo):
    root = repo(REPO)
    solver = rer.Solver([root], building=True)
    assert solver.building
    result = solver.solve(request_)
    expected = rez_solve(request_, root, building=True)
    assert (result.resolved if result.status == "solved" else result.failure_description) \
        == expected


def test_config_reads_the_sites_rez_configuration(repo, monkeypatch):
    root = repo(REPO)
    monkeypatch.setenv("REZ_DISABLE_HOME_CONFIG", "1")
    monkeypatch.delenv("REZ_CONFIG_FILE", raising=False)
    monkeypatch.setenv("REZ_PACKAGES_PATH", root)
    monkeypatch.setenv("REZ_PACKAGE_FILTER_JSON", json.dumps([{"excludes": ["foo-2+"]}]))
    monkeypatch.setenv("REZ_PACKAGE_ORDERERS_JSON", json.dumps(
        [{"type": "sorted", "descending": False, "packages": ["cmake"]}]))
    solver = rer.Solver(config=True)
    assert solver.paths == rer.Solver([root]).paths
    expected = rez_solve(["bar", "cmake"], root,
                         package_filter=PackageFilterList.from_pod([{"excludes": ["foo-2+"]}]),
                         package_orderers=PackageOrderList.from_pod(
                             [{"type": "sorted", "descending": False, "packages": ["cmake"]}]))
    assert solver.solve(["bar", "cmake"]).resolved == expected
    # an argument wins over the configuration
    unfiltered = rer.Solver(config=True, package_filter=[]).solve(["bar"]).resolved
    assert unfiltered == rez_solve(["bar"], root, package_orderers=PackageOrderList.from_pod(
        [{"type": "sorted", "descending": False, "packages": ["cmake"]}]))
    # without config=True none of it is read
    assert rer.Solver().solve(["bar", "cmake"]).resolved == rez_solve(["bar", "cmake"], root)


def test_settings_rer_cannot_read_raise_invalid_option(repo):
    root = repo(REPO)
    with pytest.raises(rer.InvalidOptionError, match="package_filter"):
        rer.Solver([root], package_filter=[{"excludes": ["nonsense(1)"]}])
    with pytest.raises(rer.InvalidOptionError, match="package_orderers"):
        rer.Solver([root], package_orderers=[{"type": "no_such_orderer"}])
    with pytest.raises(TypeError):
        rer.Solver([root], package_filter=[{"excludes": [object()]}])


def test_failed_results_carry_rezs_graph_and_solved_ones_on_request(repo):
    root = repo({"a-1": {"requires": ["c-1"]}, "b-1": {"requires": ["c-2"]},
                 "c-1": {}, "c-2": {}})
    solver = rer.Solver([root])
    failed = solver.solve(["a", "b"])
    theirs = RezSolver([Requirement("a"), Requirement("b")], [root])
    theirs.solve()
    assert failed.graph.to_dot() == write_dot(theirs.get_graph())
    assert ("conflict" in [kind for _, _, kind, _ in failed.graph.edges])
    assert failed.graph.resolve_paths().startswith(
        "Resolve paths starting from initial requests to conflict:")
    assert solver.solve(["a"]).graph is None
    solved = solver.solve(["a"], graph=True)
    theirs = RezSolver([Requirement("a")], [root])
    theirs.solve()
    assert solved.graph.to_dot() == write_dot(theirs.get_graph())
    assert [kind for _, _, kind in solved.graph.nodes] == \
        ["initial_request", "solved_variant", "solved_variant", "request"]


def test_package_data_carries_rezs_build_fields():
    data = rer.PackageData("foo", "1", timestamp=5, build_requires=["bar"],
                           private_build_requires=["baz"])
    assert (data.timestamp, data.build_requires, data.private_build_requires) == \
        (5, ["bar"], ["baz"])
    solver = rer.Solver(packages=[data, rer.PackageData("bar", "1")], building=True)
    assert solver.solve(["foo"]).resolved == [("bar", "1", None), ("foo", "1", None)]
    filtered = rer.Solver(packages=[data], package_filter={"excludes": ["after(4)"]})
    assert filtered.solve(["foo"]).status == "failed"


@pytest.mark.parametrize("timestamp", [150, 250, 0])
def test_timestamp_is_rezs_resolve_time(timestamp, repo):
    import rez.resolver
    from rez.resolved_context import ResolvedContext

    root = repo(REPO)
    saved = rez.resolver.Solver
    rez.resolver.Solver = RezSolver
    try:
        context = ResolvedContext(["bar"], package_paths=[root], add_implicit_packages=False,
                                  timestamp=timestamp)
    finally:
        rez.resolver.Solver = saved
    expected = [(v.name, str(v.version), v.index) for v in context.resolved_packages] \
        if context.status.name == "solved" else context.status.name
    result = rer.Solver([root], timestamp=timestamp).solve(["bar"])
    assert (result.resolved if result.status == "solved" else result.status) == expected
