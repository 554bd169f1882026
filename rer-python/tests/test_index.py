"""``rer.Solver(paths=...)`` over the persistent repository index (on by
default, as for the ``rer`` command): the same answers with and without it,
on a subset of rez's benchmark checked against rez 3.4.0's recorded
answers, and every edit between two solvers seen by the second."""

import json
import os
import tarfile
import time

import pytest

import rer

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "rez-benchmark")
# every 12th request, and the heaviest (#171)
SUBSET = list(range(0, 188, 12)) + [171]


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory):
    """rez's benchmark repository unpacked (its files keep the archive's old
    times, so the index may record them), its requests and rez's answers."""
    root = tmp_path_factory.mktemp("benchmark")
    with tarfile.open(os.path.join(DATA, "packages.tar.gz")) as archive:
        archive.extractall(str(root))
    with open(os.path.join(DATA, "requests.json")) as f:
        requests = json.load(f)
    with open(os.path.join(DATA, "rez-3.4.0-resolves.json")) as f:
        expected = json.load(f)
    return str(root / "packages"), requests, expected


def rez_terms(result):
    """A result as rez's recorded answers spell it."""
    if result.status != "solved":
        return result.status, None
    return "success", [
        "%s/%s/package.py[%s]" % (v.name, v.version,
                                  "" if v.variant_index is None else v.variant_index)
        for v in result.resolved_packages
    ]


def everything(result):
    """All a caller reads from a result but its times."""
    return (
        result.status,
        [(v.name, v.version, v.variant_index, list(v.requires), v.uri)
         for v in result.resolved_packages],
        list(result.resolved_ephemerals),
        result.failure_description,
        result.error_kind,
        result.num_iterations,
        result.packages_loaded,
    )


def test_the_index_changes_no_answer_on_the_benchmark(benchmark, tmp_path):
    tree, requests, expected = benchmark
    index = str(tmp_path / "index")
    runs = {"no index": [], "cold index": [], "warm index": []}
    for i in SUBSET:
        plain = rer.Solver([tree], index=False)
        assert not plain.indexed
        runs["no index"].append(plain.solve(requests[i]))
        # a new index for each request's cold solve, then a new solver over it
        cold_dir = os.path.join(index, str(i))
        cold = rer.Solver([tree], index=cold_dir)
        assert cold.indexed
        runs["cold index"].append(cold.solve(requests[i]))
        assert os.listdir(cold_dir), "the cold solve wrote no index"
        runs["warm index"].append(rer.Solver([tree], index=cold_dir).solve(requests[i]))
    for name, results in runs.items():
        for i, result in zip(SUBSET, results):
            want = expected[i]
            status = "failed" if want["status"] != "success" else "success"
            got = rez_terms(result)
            assert got[0] == status, (name, i, result.failure_description)
            if status == "success":
                assert got[1] == want["resolved_packages"], (name, i)
    for name in ("cold index", "warm index"):
        assert [everything(r) for r in runs[name]] == [everything(r) for r in runs["no index"]], name


def age(root, seconds=3600):
    """Sets every file and directory under ``root`` (and ``root``) back by
    ``seconds`` and waits out the index's margin: it never records a file
    whose modification or status-change time (which setting the times
    renews) is within 2 seconds of now."""
    when = time.time() - seconds
    for folder, dirs, files in os.walk(root, topdown=False):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (when, when))
    os.utime(root, (when, when))
    time.sleep(2.2)
    return when


def test_edits_between_two_solvers_are_seen(repo, tmp_path, monkeypatch):
    index = tmp_path / "index"
    monkeypatch.setenv("RER_INDEX_DIR", str(index))
    monkeypatch.delenv("RER_NO_INDEX", raising=False)
    root = repo({
        "foo-1": {"requires": ["bar-1"]},
        "bar-1": {},
        "bar-2": {},
    })
    when = age(root)

    def answer():
        solver = rer.Solver([root])
        assert solver.indexed
        return sorted(solver.solve(["foo"]).resolved)

    assert answer() == [("bar", "1", None), ("foo", "1", None)]
    assert any(files for _, _, files in os.walk(str(index))), "nothing was recorded"
    # again, from the index
    assert answer() == [("bar", "1", None), ("foo", "1", None)]

    # an edit keeping the size, with the modification time put back
    package = os.path.join(root, "foo", "1", "package.py")
    with open(package) as f:
        text = f.read()
    with open(package, "w") as f:
        f.write(text.replace("bar-1", "bar-2"))
    os.utime(package, (when, when))
    time.sleep(2.2)
    assert answer() == [("bar", "2", None), ("foo", "1", None)]

    # a new release of a family, with the family directory's times put back
    os.makedirs(os.path.join(root, "bar", "3"))
    with open(os.path.join(root, "bar", "3", "package.py"), "w") as f:
        f.write("name = 'bar'\nversion = '3'\n")
    with open(package, "w") as f:
        f.write(text.replace("'bar-1'", "'bar'"))
    age(root)
    assert answer() == [("bar", "3", None), ("foo", "1", None)]

    # a removed version
    os.remove(os.path.join(root, "bar", "3", "package.py"))
    os.rmdir(os.path.join(root, "bar", "3"))
    age(root)
    assert answer() == [("bar", "2", None), ("foo", "1", None)]


def test_the_index_option(repo, tmp_path, monkeypatch):
    root = repo({"foo-1": {}})
    age(root)
    monkeypatch.delenv("RER_NO_INDEX", raising=False)
    monkeypatch.setenv("RER_INDEX_DIR", str(tmp_path / "from-env"))
    assert rer.Solver([root]).indexed
    assert rer.Solver([root], index=True).indexed
    assert not rer.Solver([root], index=False).indexed
    # a directory of its own, given as a path
    given = tmp_path / "given"
    solver = rer.Solver([root], index=given)
    assert solver.solve(["foo"]).status == "solved"
    assert os.listdir(str(given))
    assert not (tmp_path / "from-env").exists()
    # Python-supplied packages have no files to index
    assert not rer.Solver(packages=[rer.PackageData("foo", "1")]).indexed
    # RER_NO_INDEX turns it off, as for the command
    monkeypatch.setenv("RER_NO_INDEX", "1")
    assert not rer.Solver([root]).indexed
    assert not rer.Solver([root], index=given).indexed
    monkeypatch.setenv("RER_NO_INDEX", "0")
    assert rer.Solver([root]).indexed
    with pytest.raises(TypeError):
        rer.Solver([root], index=3)
    with pytest.raises(rer.InvalidOptionError):
        rer.Solver([root], index="")


def test_an_unwritable_index_is_skipped(repo, tmp_path):
    root = repo({"foo-1": {"requires": ["bar"]}, "bar-1": {}})
    age(root)
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    solver = rer.Solver([root], index=str(blocked / "index"))
    assert sorted(solver.solve(["foo"]).resolved) == [("bar", "1", None), ("foo", "1", None)]
