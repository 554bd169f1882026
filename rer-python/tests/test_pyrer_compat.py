"""``import rer as pyrer``: each of pyrer's behaviours, checked against pyrer
1.0.0rc3 itself (installed beside rer in the test environment)."""

import pyrer
import pytest

import rer

REPO = [
    ("a", "1", ["b"], None),
    ("a", "2", ["b-1"], [["c"], ["d"]]),
    ("b", "1", None, None),
    ("b", "2", ["!c"], None),
    ("c", "1", None, None),
    ("d", "1", None, None),
    ("e", "1", [".x-1"], None),
    ("f", "1", ["g"], None),
    ("g", "1", ["f"], None),
    ("h", "1", ["zzz"], None),
    ("i", "1", ["b-9"], None),
]


def packages(module):
    return [module.PackageData(*p) for p in REPO]


def answer(result):
    """What a caller of pyrer reads from a result."""
    return {
        "status": result.status,
        "resolved": [tuple(x) for x in result.resolved],
        "variants": [(v.name, v.version, v.variant_index, list(v.requires), v.uri)
                     for v in result.resolved_packages],
        "ephemerals": list(result.resolved_ephemerals),
        "solved_has_no_failure": (result.failure_description is None) == (result.status == "solved"),
        "types": (type(result.solve_time_ms), type(result.num_iterations)),
    }


REQUESTS = [
    ["a"], ["a-1"], ["a", "c"], ["a", "!d"], ["a-1", "!b"], ["b-2", "c"], ["e"],
    ["e", ".x-1+"], ["e", "!.x"], ["a", "~c-1"], ["zz"], ["a-9"], [], ["f"],
    ["h"], ["i"], ["a", "b-2"], ["~a"], ["!a"],
]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: " ".join(r) or "empty")
@pytest.mark.parametrize("mode", ["version_priority", "intersection_priority"])
def test_solve_eager_matches_pyrer(request_, mode):
    ours = rer.solve(request_, packages(rer), variant_select_mode=mode)
    theirs = pyrer.solve(request_, packages(pyrer), variant_select_mode=mode)
    assert answer(ours) == answer(theirs)


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: " ".join(r) or "empty")
def test_solve_lazy_matches_pyrer(request_):
    def loader(module):
        return lambda name: [p for p in packages(module) if p.name == name]
    ours = rer.solve(request_, load_family=loader(rer))
    theirs = pyrer.solve(request_, load_family=loader(pyrer))
    assert answer(ours) == answer(theirs)


def test_failed_resolves_carry_rez_failure_text():
    # pyrer words conflicts its own way; rer gives rez 3.4.0's text.
    result = rer.solve(["a-1", "!b"], packages(rer))
    assert result.status == pyrer.solve(["a-1", "!b"], packages(pyrer)).status == "failed"
    assert result.failure_description == "The following package conflicts occurred: (b <--!--> !b)"
    assert result.failure_packages == ["b", "!b"]


def test_unknown_family_is_failed_as_in_pyrer_with_rez_kind():
    for module in (rer, pyrer):
        assert module.solve(["zz"], packages(module)).status == "failed"
    result = rer.solve(["zz"], packages(rer))
    assert result.error_kind == "unknown_family"
    assert result.failure_description == "package family not found: zz"


def calls_of(module, request_, make_loader):
    calls = []
    result = module.solve(request_, load_family=make_loader(module, calls))
    return calls, result


def test_load_family_is_called_at_most_once_per_family():
    def make(module, calls):
        def load(name):
            calls.append(name)
            return [p for p in packages(module) if p.name == name]
        return load
    for request_ in (["a", "b", "a-2"], ["a", "c", "!d"], ["a-1", "!b"]):
        ours, _ = calls_of(rer, request_, make)
        theirs, _ = calls_of(pyrer, request_, make)
        assert len(ours) == len(set(ours))
        assert sorted(ours) == sorted(theirs)


def test_empty_list_means_no_such_family():
    for module in (rer, pyrer):
        result = module.solve(["a"], load_family=lambda name: [])
        assert result.status == "failed"
        assert "package family not found: a" in result.failure_description


def test_raising_load_family_is_an_error_status():
    def boom(name):
        raise ValueError("no repository today")
    ours = rer.solve(["a"], load_family=boom)
    theirs = pyrer.solve(["a"], load_family=boom)
    assert ours.status == theirs.status == "error"
    assert 'load_family("a")' in ours.failure_description
    assert "no repository today" in ours.failure_description


def test_entries_of_another_family_are_dropped():
    def make(module):
        return lambda name: [module.PackageData("other", "1"), module.PackageData(name, "1")]
    ours = rer.solve(["a"], load_family=make(rer))
    theirs = pyrer.solve(["a"], load_family=make(pyrer))
    assert ours.status == theirs.status == "solved"
    assert ours.resolved == theirs.resolved == [("a", "1", None)]


def test_duplicate_versions_are_an_error():
    def make(module):
        return lambda name: [module.PackageData(name, "1"), module.PackageData(name, "1")]
    ours = rer.solve(["a"], load_family=make(rer))
    theirs = pyrer.solve(["a"], load_family=make(pyrer))
    assert ours.status == theirs.status == "error"
    assert "defined twice" in ours.failure_description


def test_load_family_with_version_range_keyword():
    seen = {}

    def make(module, calls):
        def load(name, version_range=None):
            calls.append((name, type(version_range)))
            return [p for p in packages(module) if p.name == name]
        return load
    ours, r1 = calls_of(rer, ["a-2"], make)
    theirs, r2 = calls_of(pyrer, ["a-2"], make)
    # Both pass a str range; rer keeps every version of a family it loads
    # once, so it always asks for the whole family ("").
    assert ours == theirs
    assert r1.resolved == r2.resolved
    seen["kwargs"] = []

    def kwargs_loader(name, **kwargs):
        seen["kwargs"].append(sorted(kwargs))
        return [p for p in packages(rer) if p.name == name]
    assert rer.solve(["a"], load_family=kwargs_loader).status == "solved"
    assert seen["kwargs"] and all(k == ["version_range"] for k in seen["kwargs"])


def test_packages_and_load_family_together():
    def make(module, calls):
        def load(name):
            calls.append(name)
            return [p for p in packages(module) if p.name == name]
        return load
    for module in (rer, pyrer):
        calls = []
        given = [module.PackageData("a", "1", ["b"])]
        result = module.solve(["a"], given, load_family=make(module, calls))
        # The list answers for "a" (so a-2 is not seen); the callback for "b".
        assert result.resolved == [("b", "2", None), ("a", "1", None)]
        assert calls == ["b"]


def test_package_data_attributes_and_constructors():
    class RezLike:
        name = "foo"
        version = 1.5
        requires = ["bar-1", "~baz"]
        variants = [["python-2"], ["python-3"]]

    for module in (rer, pyrer):
        p = module.PackageData("foo", "1.5", ["bar-1"], [["python-3"]])
        assert (p.name, p.version, p.requires, p.variants) == ("foo", "1.5", ["bar-1"], [["python-3"]])
        q = module.PackageData("foo", "1")
        assert (q.requires, q.variants) == ([], [])
        s = module.PackageData.from_strings("foo", "2", None, None)
        assert (s.name, s.version, s.requires, s.variants) == ("foo", "2", [], [])
        r = module.PackageData.from_rez(RezLike())
        assert (r.name, r.version, r.requires, r.variants) == (
            "foo", "1.5", ["bar-1", "~baz"], [["python-2"], ["python-3"]])
        with pytest.raises(TypeError):
            module.PackageData("foo", 1)
        with pytest.raises(TypeError):
            module.PackageData("foo", "1", ["x"], [["y"], "z"])


def test_bad_package_strings_are_an_error_status():
    for bad in (("a", "1", ["b-["]), ("a", "1", None, [["x-["]])):
        for module in (rer, pyrer):
            assert module.solve(["a"], [module.PackageData(*bad)]).status == "error"
    result = rer.solve(["a"], [rer.PackageData("a", "1", ["b-["])])
    assert "a-1" in result.failure_description and "b-[" in result.failure_description


def test_bad_versions_are_errors_as_in_rez_where_pyrer_solves():
    # rez 3.4.0: Version("1.$") and Version("1..2") raise; pyrer 1.0.0rc3
    # solves such packages. rer gives rez's answer.
    for version in ("1.$", "1..2"):
        assert pyrer.solve(["a"], [pyrer.PackageData("a", version)]).status == "solved"
        result = rer.solve(["a"], [rer.PackageData("a", version)])
        assert result.status == "error"
        assert repr(version) in result.failure_description or version in result.failure_description


def test_package_names_checks_names_as_rez_package_request():
    given = [rer.PackageData("e", "1", [".x-1"])]
    # As pyrer and rez.solver.Solver read it: a conflict.
    assert rer.solve(["e", "!.x"], given).status == "failed"
    # As rez env reads it (PackageRequest): '.x' is no package name.
    checked = rer.solve(["e", "!.x"], given, package_names=True)
    assert checked.status == "error" and checked.error_kind == "invalid_request"


def test_bad_variant_select_mode_raises_value_error():
    for module in (rer, pyrer):
        with pytest.raises(ValueError):
            module.solve(["a"], packages(module), variant_select_mode="bogus")
    with pytest.raises(rer.InvalidOptionError):
        rer.solve(["a"], packages(rer), variant_select_mode="bogus")


def test_positional_only_and_keyword_only_arguments():
    with pytest.raises(TypeError):
        rer.solve(package_requests=["a"])
    with pytest.raises(TypeError):
        rer.solve(["a"], packages(rer), None)


def test_reprs_follow_pyrer():
    ours = rer.solve(["a"], packages(rer))
    theirs = pyrer.solve(["a"], packages(pyrer))
    assert [repr(v) for v in ours.resolved_packages] == [repr(v) for v in theirs.resolved_packages]
    assert repr(ours).split(", solve_time_ms")[0] == repr(theirs).split(", solve_time_ms")[0]
