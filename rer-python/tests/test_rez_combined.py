"""rez on rer over combined family files (``<root>/<family>.py``: every
version of a family in one file) that rer's static reader refuses: their
``versions`` and each version's fields are read by rez's own loader in this
process, and the solve stays on rer. Each answer is compared with rez
3.4.0's own solver on the same repository, and ``RER_REZ_LOG`` must show
rer serving every solve (a fallback to rez's solver is logged there with
its reason)."""

import json
import os

import pytest

from test_rez_backend import RerSolver, RezSolver, outcome

import rer
from rer.rez.solver import _combined_versions, _evaluator, _repository_root

# `versions` computed: the static reader refuses the whole listing.
COMPUTED_VERSIONS = """\
name = 'tool'
versions = ['%d.0' % i for i in (1, 2, 3)]
requires = ['python']
version_overrides = {
    '2+': {'requires': ['python-3.9']},
    '3': {'requires': ['python-3.10', 'lib']},
}
"""

# `versions` literal, the fields computed (the static reader then refuses
# `versions` too: code anywhere in the file may change it).
COMPUTED_FIELDS = """\
name = 'tool'
versions = ['1.0', '2.0']
requires = ['py' + 'thon']
variants = [['lib-%d' % n] for n in (2, 1)]
version_overrides = {
    '2': {'requires': ['python-' + '3.10']},
}
"""

# No `versions`: one unversioned package, its requires computed.
UNVERSIONED = """\
name = 'tool'
requires = ['%s-%s' % ('python', '3.9')]
"""

# Nothing to run: read statically, never evaluated.
STATIC = """\
name = 'tool'
versions = ['1.0', '2.0']
requires = ['python']
version_overrides = {'2': {'requires': ['python-3.10']}}
"""


def write(root, combined):
    """A repository: python 3.9 and 3.10, lib 1 and 2 in version
    directories, and the combined file ``tool.py``."""
    for name, version in (("python", "3.9"), ("python", "3.10"), ("lib", "1"), ("lib", "2")):
        folder = os.path.join(root, name, version)
        os.makedirs(folder)
        with open(os.path.join(folder, "package.py"), "w") as f:
            f.write("name = %r\nversion = %r\n" % (name, version))
    with open(os.path.join(root, "tool.py"), "w") as f:
        f.write(combined)
    return str(root)


@pytest.fixture(params=["index", "no-index"])
def index(request, monkeypatch):
    """Each test with rer's repository index on and off."""
    if request.param == "no-index":
        monkeypatch.setenv("RER_NO_INDEX", "1")
    else:
        monkeypatch.delenv("RER_NO_INDEX", raising=False)


def compare(tmp_path, monkeypatch, paths, requests):
    """Each request solved by rez on rer, which must serve it (one log line,
    backend ``rer``, no reason), and by rez's own solver: the same answer."""
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("RER_REZ_LOG", str(log))
    for request in requests:
        if log.exists():
            log.unlink()
        ours = outcome(RerSolver, request, paths)
        entries = [json.loads(line) for line in log.read_text().splitlines()]
        assert [(e["backend"], e["reason"]) for e in entries] == [("rer", None)], request
        assert ours == outcome(RezSolver, request, paths), request


REQUESTS = [["tool"], ["tool-1"], ["tool-2"], ["tool<3", "python"], ["tool", "python-3.9"],
            ["tool-2", "python-3.10"], ["tool-3", "lib-1"], ["tool-9"]]


def test_computed_versions_are_listed_by_rez_and_solved_on_rer(tmp_path, monkeypatch, index):
    root = write(tmp_path / "repo", COMPUTED_VERSIONS)
    compare(tmp_path, monkeypatch, [root], REQUESTS)


def test_computed_fields_of_a_combined_file_are_read_by_rez(tmp_path, monkeypatch, index):
    root = write(tmp_path / "repo", COMPUTED_FIELDS)
    compare(tmp_path, monkeypatch, [root],
            REQUESTS + [["tool", "lib-1"], ["tool-2", "!lib-2"]])


def test_an_unversioned_combined_file_is_read_by_rez(tmp_path, monkeypatch, index):
    root = write(tmp_path / "repo", UNVERSIONED)
    compare(tmp_path, monkeypatch, [root], [["tool"], ["tool", "python-3.10"]])


def test_a_combined_file_below_a_root_with_the_family(tmp_path, monkeypatch, index):
    # The family in two roots: version directories in the first, a combined
    # file with computed versions in the second.
    first = str(tmp_path / "first")
    os.makedirs(os.path.join(first, "tool", "2.0"))
    with open(os.path.join(first, "tool", "2.0", "package.py"), "w") as f:
        f.write("name = 'tool'\nversion = '2.0'\nrequires = ['python-3.10']\n")
    second = write(tmp_path / "second", COMPUTED_VERSIONS)
    compare(tmp_path, monkeypatch, [first, second], REQUESTS)


def test_the_evaluator_reads_a_combined_file_from_its_root(tmp_path):
    root = write(tmp_path / "repo", COMPUTED_VERSIONS)
    path = os.path.join(root, "tool.py")
    assert _repository_root("tool", "2.0", path) == root
    assert _repository_root("tool", "", path) == root
    assert _repository_root("python", "3.9", os.path.join(root, "python", "3.9", "package.py")) \
        == root
    assert _repository_root("tool", "", os.path.join(root, "tool", "package.py")) == root
    with pytest.raises(LookupError):
        _repository_root("tool", "1.0", os.path.join(root, "other.py"))
    assert _combined_versions("tool", path) == ["1.0", "2.0", "3.0"]
    data = _evaluator(None)("tool", "3.0", path)
    assert (data.name, data.version, data.requires) == ("tool", "3.0", ["python-3.10", "lib"])


def test_static_combined_files_never_call_python(tmp_path, index):
    calls = []

    def evaluate(name, version, path):
        calls.append(("evaluate", name, version))
        return _evaluator(None)(name, version, path)

    def versions(name, path):
        calls.append(("versions", name))
        return _combined_versions(name, path)

    static = write(tmp_path / "static", STATIC)
    solver = rer.Solver([static], evaluate=evaluate, evaluate_versions=versions)
    assert [v.qualified_name() for v in solver.solve(["tool"]).resolved_packages] == \
        outcome(RezSolver, ["tool"], [static])[1]
    assert calls == []
    computed = write(tmp_path / "computed", COMPUTED_FIELDS)
    solver = rer.Solver([computed], evaluate=evaluate, evaluate_versions=versions)
    assert solver.solve(["tool-1"]).status == "solved"
    # the listing once, then only the version the solve looked at
    assert calls == [("versions", "tool"), ("evaluate", "tool", "1.0")]
