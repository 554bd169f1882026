"""rer's own API: ``rer.Solver`` over repositories, ``solve_many``, the GIL
released while solving, and typed exceptions for misuse."""

import os
import threading
import time

import pytest

import rer

REPO = {
    "python-2.7": {},
    "python-3.9": {},
    "python-3.10": {},
    "maya-2023": {"requires": ["python-3.9"]},
    "maya-2024": {"requires": ["python-3.10"]},
    "arnold-7": {"variants": [["python-3.9"], ["python-3.10"]]},
    "tool-1": {"requires": ["~maya-2023", "arnold"]},
    "bad-1": {"requires": ["python-4"]},
}


def test_solver_reads_a_repository(repo):
    root = repo(REPO)
    solver = rer.Solver([root])
    result = solver.solve(["maya", "arnold"])
    assert result.status == "solved"
    # rez 3.4.0's answer.
    assert result.resolved == [("python", "3.10", None), ("maya", "2024", None), ("arnold", "7", 1)]
    uris = [v.uri for v in result.resolved_packages]
    real = os.path.realpath(root)
    assert uris[0] == os.path.join(real, "python", "3.10", "package.py") + "[]"
    assert uris[2] == os.path.join(real, "arnold", "7", "package.py") + "[1]"
    assert solver.paths == [real]


def test_solver_is_reusable_and_reads_each_family_once(repo):
    solver = rer.Solver([repo(REPO)])
    first = solver.solve(["tool"])
    read = solver.families_read
    again = solver.solve(["tool"])
    assert first.resolved == again.resolved
    assert solver.families_read == read
    # rez 3.4.0's answer (a weak ~maya adds nothing when nothing else asks
    # for maya).
    assert first.resolved == [("python", "3.10", None), ("arnold", "7", 1), ("tool", "1", None)]


def test_solver_statuses(repo):
    solver = rer.Solver([repo(REPO)])
    conflict = solver.solve(["maya-2024", "python-3.9"])
    assert conflict.status == "failed" and conflict.error_kind is None
    assert conflict.failure_description.startswith("The following package conflicts occurred")
    missing = solver.solve(["nothing"])
    assert missing.status == "failed" and missing.error_kind == "unknown_family"
    deep = solver.solve(["bad"])
    assert deep.status == "failed" and deep.error_kind == "no_matching_version"


def test_missing_roots_are_skipped_and_listed(repo, tmp_path):
    root = repo(REPO)
    absent = str(tmp_path / "absent")
    solver = rer.Solver([absent, root])
    assert solver.skipped_paths == [absent]
    assert solver.solve(["python"]).resolved == [("python", "3.10", None)]


def test_paths_default_to_rez_packages_path(repo, monkeypatch):
    monkeypatch.setenv("REZ_PACKAGES_PATH", repo(REPO))
    assert rer.Solver().solve(["python-2"]).resolved == [("python", "2.7", None)]
    monkeypatch.delenv("REZ_PACKAGES_PATH")
    with pytest.raises(rer.InvalidOptionError):
        rer.Solver()


def test_variant_select_mode_option(repo):
    root = repo({
        "python-3.9": {}, "python-3.10": {}, "numpy-1": {},
        "lib-1": {"variants": [["python-3.10"], ["python-3.9", "numpy"]]},
    })
    request = ["lib", "python", "numpy"]
    version = rer.Solver([root]).solve(request)
    intersection = rer.Solver([root], variant_select_mode="intersection_priority").solve(request)
    assert ("lib", "1", 0) in version.resolved
    assert ("lib", "1", 1) in intersection.resolved
    assert rer.Solver([root], variant_select_mode="intersection_priority").variant_select_mode \
        == "intersection_priority"
    with pytest.raises(rer.InvalidOptionError):
        rer.Solver([root], variant_select_mode="newest")


def test_evaluate_reads_what_the_static_reader_refuses(repo):
    root = repo({
        "python-3.9": {},
        "dyn-1": "name = 'dyn'\nversion = '1'\n@early()\ndef requires():\n    return ['python']\n",
    })
    plain = rer.Solver([root]).solve(["dyn"])
    assert plain.status == "error" and plain.error_kind == "provider"
    assert "package.py" in plain.failure_description
    calls = []

    def evaluate(name, version, path):
        calls.append((name, version, os.path.basename(path)))
        return rer.PackageData(name, version, ["python-3"])
    result = rer.Solver([root], evaluate=evaluate).solve(["dyn"])
    assert result.status == "solved"
    assert result.resolved == [("python", "3.9", None), ("dyn", "1", None)]
    assert calls == [("dyn", "1", "package.py")]


def test_evaluate_errors_name_the_file(repo):
    root = repo({"dyn-1": "name = 'dyn'\n@early()\ndef requires():\n    return []\n"})

    def evaluate(name, version, path):
        raise RuntimeError("cannot evaluate")
    result = rer.Solver([root], evaluate=evaluate).solve(["dyn"])
    assert result.status == "error"
    assert "cannot evaluate" in result.failure_description
    assert "package.py" in result.failure_description


def test_solve_many_equals_serial(repo):
    solver = rer.Solver([repo(REPO)])
    requests = [["maya"], ["tool"], ["maya-2024", "python-3.9"], ["nothing"], ["arnold", "python-3.9"]] * 5
    serial = [solver.solve(r) for r in requests]
    for jobs in (None, 1, 2, 4):
        many = solver.solve_many(requests, jobs=jobs)
        assert [(r.status, r.resolved, r.failure_description) for r in many] == \
            [(r.status, r.resolved, r.failure_description) for r in serial]
    with pytest.raises(rer.InvalidOptionError):
        solver.solve_many(requests, jobs=0)


def test_module_solve_many_shares_load_family():
    calls = []

    def load(name):
        calls.append(name)
        return {"a": [rer.PackageData("a", "1", ["b"])], "b": [rer.PackageData("b", "1")]}.get(name, [])
    results = rer.solve_many([["a"], ["b"], ["a", "b"]], load_family=load, jobs=2)
    assert [r.resolved for r in results] == [
        [("b", "1", None), ("a", "1", None)], [("b", "1", None)], [("b", "1", None), ("a", "1", None)]]
    assert sorted(calls) == ["a", "b"]


def test_unsupported_options_raise_instead_of_being_ignored():
    given = [rer.PackageData("a", "1")]
    for option in ("filters", "max_iterations", "package_orderer"):
        with pytest.raises(rer.UnsupportedOptionError):
            rer.solve(["a"], given, **{option: object()})
    assert issubclass(rer.UnsupportedOptionError, NotImplementedError)
    assert issubclass(rer.InvalidOptionError, ValueError)
    assert issubclass(rer.InvalidOptionError, rer.RerError)


def test_misuse_raises_type_errors():
    with pytest.raises(TypeError):
        rer.solve(["a"], [object()])
    with pytest.raises(TypeError):
        rer.solve(["a"], load_family=42)
    with pytest.raises(TypeError):
        rer.solve("a")
    with pytest.raises(rer.InvalidOptionError):
        rer.Solver(["/tmp"], packages=[rer.PackageData("a", "1")])


def chain(length):
    """A request that takes rer a few hundred milliseconds: a chain of
    ``length`` families, three versions each."""
    return [rer.PackageData("f%d" % i, str(v), ["f%d" % (i + 1)] if i + 1 < length else [])
            for i in range(length) for v in (1, 2, 3)]


def test_the_gil_is_released_while_solving():
    packages = chain(1500)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)
    thread = threading.Thread(target=tick)
    thread.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        result = rer.solve(["f0"], packages)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    assert result.status == "solved" and len(result.resolved) == 1500
    # The middle of the solve: with the GIL held throughout, the other
    # thread could not run at all there.
    span = end - start
    inside = [t for t in ticks if start + 0.2 * span < t < end - 0.2 * span]
    assert span > 0.02
    assert len(inside) >= 3, (span, len(inside))


def test_load_family_from_several_threads_takes_the_gil_back():
    lock = threading.Lock()
    threads_seen = set()

    def load(name):
        with lock:
            threads_seen.add(threading.get_ident())
        i = int(name[1:])
        return [rer.PackageData(name, "1", ["g%d" % (i + 1)] if i < 30 else [])]
    requests = [["g%d" % i] for i in range(31)]
    results = rer.solve_many(requests, load_family=load, jobs=2)
    assert all(r.status == "solved" for r in results)
    assert [len(r.resolved) for r in results] == [31 - i for i in range(31)]
