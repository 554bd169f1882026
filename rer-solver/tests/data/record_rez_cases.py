"""Records rez 3.4.0's answers for rer-solver's acceptance cases.

Run with rez's own python (no rez config, no resolve cache):

    ~/rez-venv/bin/python rer-solver/tests/data/record_rez_cases.py

It writes, next to this script:
- solver_packages.json: the packages of rez's own solver tests
  (rez/data/tests/solver/packages), in the packages.json format;
- extra_packages.json: more packages (defined below) for cases rez's tests
  do not cover (errors, weak/conflict/ephemeral requirements in packages,
  variant ranking, total reductions of several variants);
- rez_cases.json: every case's request and settings with rez's answer:
  the resolved variants (`name-version[index]`) and ephemerals, or the
  failure description, or the exception raised.

The cases are rez's test_solver.py cases (every permutation of each
request) plus the extra ones. Python's hash seed is fixed so that the
member a reported cycle starts at is reproducible.
"""
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

if os.environ.get("PYTHONHASHSEED") != "0":
    env = dict(os.environ, PYTHONHASHSEED="0", REZ_DISABLE_HOME_CONFIG="1",
               REZ_RESOLVE_CACHING="false")
    sys.exit(subprocess.call([sys.executable] + sys.argv, env=env))

import rez  # noqa: E402
from rez.config import config  # noqa: E402
from rez.packages import iter_package_families  # noqa: E402
from rez.solver import Solver, SolverStatus, Cycle  # noqa: E402
from rez.version import Requirement  # noqa: E402

SOLVER_REPO = os.path.join(os.path.dirname(rez.__file__), "data", "tests", "solver", "packages")

# name -> list of (version, requires, variants)
EXTRA = {
    "python": [("2.5.2", [], []), ("2.6.0", [], []), ("2.6.8", [], []), ("2.7.0", [], [])],
    "nada": [("1", [], [])],
    "needs_missing": [("1", ["nosuchfam-1"], [])],
    "needs_missing_deep": [("1", ["needs_missing"], [])],
    "needs_bad_version": [("1", ["python-9"], [])],
    "needs_bad_version_deep": [("2", ["needs_bad_version"], [])],
    "selfconflict": [("1", ["python-2.5", "python-2.7"], [])],
    "selfconflict_variant": [("1", ["python-2.6"], [["python-2.7"], ["nada"]])],
    "uses_selfconflict": [("1", ["selfconflict"], [])],
    "weakpkg": [("1", ["~python-2.6"], []), ("2", ["~python-2.7+"], [])],
    "conflictpkg": [("1", ["!python-2.7"], []), ("2", ["!nada"], [])],
    "ephpkg": [("1", [".eph-1"], []), ("2", [".eph-2+"], []), ("3", [".eph-1|3+"], [])],
    "multi": [("1", [], [["python-2.6"], ["python-2.7", "nada"], ["nada"]]),
              ("2", ["nada"], [["python-2.5"], ["python-2.6", "weakpkg"], ["python-2.7"]])],
    "picky": [("1", ["python-2.6+"], [["nada-1"], ["weakpkg-1"]])],
    "reduced": [("1", [], [["python-2.5"], ["python-2.6"]]), ("2", [], [["python-2.6.0"], ["python-2.6.8"]])],
    "loop_a": [("1", ["loop_b"], [])],
    "loop_b": [("1", ["loop_c"], [])],
    "loop_c": [("1", ["loop_a"], [])],
    "chain": [("1", ["python-2.5"], []), ("2", ["python-2.6"], []), ("3", ["python-2.7"], [])],
    "deep": [("1", ["chain-1+", "multi"], []), ("2", ["chain", "!python-2.7"], [])],
    # rez merges the ranges a slice extracts in one pass, which its merge
    # rule tells apart from a pairwise fold: 1..3|>3<=4, not 1..4
    "touch": [("1", [], []), ("2", [], []), ("3", [], []), ("4", [], []), ("10", [], [])],
    "touchy": [("1", [], [["touch-1..3"], ["touch-2+<2.5"], ["touch>3<=4"]])],
}

# (request, variant_select_mode, error_on_missing_variant_requires) per repo
SOLVER_CASES = [
    # test_01
    [], ["nada"], ["!nada"], ["~nada"], [".foo-1"], ["!.bah"], ["!.bah-2.5+"], ["python"],
    ["~python-2+"], ["~python"], ["!python-2.5"], ["!python"],
    # test_02
    ["nada", "~nada"], ["nopy"], ["python-2.6"], ["python-2.6", "!python-2.6.8"],
    ["python-2.6", "python-2.6.5+"], ["python", "python-0+<2.6"], ["python", "python-0+<2.6.8"],
    ["python", "~python-2.7+"], ["!python-2.6+", "python"],
    # test_03
    ["nada", "!nada"], ["python-2.6", "~python-2.7"], ["pyfoo", "nada", "!nada"],
    [".foo-1", ".foo-2"], [".foo-2.5", "!.foo-2"],
    # test_04
    ["pybah", "!python"], ["pyfoo-3.1", "python-2.7+"], ["pyodd<2", "python-2.7"], ["nopy", "python-2.5.2"],
    # test_05
    ["bahish", "pybah<5"], ["pybah-4", "pyfoo-3.0"],
    # test_06
    ["nada", "nopy"], ["pyfoo"], ["pyfoo-3.0"], ["pyfoo-3.0", ".eek-4.5"], ["pybah"], ["nopy", "python"],
    ["pybah", "!python-2.5"], ["pybah", "!python-2.5", "python<2.6.8"], ["python", "pybah"],
    # test_07
    ["python", "pyodd"], ["pybah", "pyodd"], ["pysplit", "python-2.5"], ["~python<2.6", "pysplit"],
    ["python", "bahish", "pybah"], [".foo-2.5+", ".foo-2"],
    # test_08 (cycles)
    ["pymum-1"], ["pydad-1"], ["pyson-1"], ["pymum-3"], ["pydad-3"], ["pymum-2"],
    # test_09/10 (both modes)
    ["pyvariants", "python"], ["pyvariants", "python", "nada"],
    # test_11, 13, 14
    ["test_variant_split_start"],
    ["test_weakly_reference_requires", "test_variant_split_mid2-2"],
    ["test_weakly_reference_variant-2.0", "test_variant_split_mid2-2", "pyfoo"],
    # test_12
    ["missing_variant_requires"],
    # more, over the same packages
    ["nosuchfam"], ["python-9"], ["pyfoo", "python-2.4"], ["~pyfoo", "python-2.5"], ["!pyfoo", "pyodd"],
    ["pyvariants", "!python-2.7"], ["pyvariants", "~python-2.6"], ["~nosuchfam"], ["!nosuchfam"],
    ["!nosuchfam", "nada"], [".eek-1", "pybah"], ["!.eek-1", "pybah"], ["~.eek-2+", "pybah"],
    ["pyodd", "!pybah-5"], ["pysplit", "!python-2.7"], ["test_variant_split_start", "test_variant_split_end-2"],
    ["test_variant_split_start", "!test_variant_split_end-1"],
]

EXTRA_CASES = [
    ["needs_missing"], ["needs_missing_deep"], ["needs_bad_version"], ["needs_bad_version_deep"],
    ["selfconflict"], ["uses_selfconflict"], ["selfconflict_variant"], ["selfconflict_variant", "nada"],
    ["weakpkg"], ["weakpkg-1", "python"], ["weakpkg-1", "python-2.7"], ["weakpkg", "python-2.5"],
    ["conflictpkg-1", "python"], ["conflictpkg", "nada"], ["conflictpkg-2", "nada"],
    ["ephpkg-1"], ["ephpkg", ".eph-2"], ["ephpkg-3", ".eph-2"], ["ephpkg-3", ".eph-3"], ["ephpkg", "!.eph-2+"],
    ["multi"], ["multi", "python"], ["multi", "nada"], ["multi", "python-2.6"], ["multi-1", "!nada"],
    ["multi", "weakpkg"], ["nada", "multi", "python"], ["picky"], ["picky", "weakpkg-2"],
    ["reduced", "!python-2.6"], ["reduced-2", "!python-2.6"], ["reduced", "python-2.7"],
    ["loop_a"], ["loop_b", "loop_c"], ["chain"], ["deep"], ["deep-2"], ["deep", "python-2.6"],
    ["deep", "!python"], ["python", "deep-1", "multi-2"],
    ["touchy"], ["touch-10", "touchy"],
]


def write_repo(root, families):
    for name, versions in families.items():
        for version, requires, variants in versions:
            d = os.path.join(root, name, version)
            os.makedirs(d)
            with open(os.path.join(d, "package.py"), "w") as f:
                f.write("name = %r\nversion = %r\n" % (name, version))
                if requires:
                    f.write("requires = %r\n" % (requires,))
                if variants:
                    f.write("variants = %r\n" % (variants,))


def export(root):
    families = {}
    for fam in iter_package_families(paths=[root]):
        pkgs = []
        for p in fam.iter_packages():
            pkgs.append({
                "name": p.name,
                "version": str(p.version),
                "requires": [str(r) for r in (p.requires or [])],
                "variants": [[str(r) for r in v] for v in (p.variants or [])],
                "timestamp": p.timestamp or 0,
            })
        pkgs.sort(key=lambda d: d["version"])
        families[fam.name] = pkgs
    return {"families": dict(sorted(families.items()))}


def answer(root, request, mode, error_on_missing):
    config.override("variant_select_mode", mode)
    config.override("error_on_missing_variant_requires", error_on_missing)
    try:
        s = Solver([Requirement(x) for x in request], [root], verbosity=0)
        s.solve()
    except Exception as e:  # rez raises: record which exception and its message
        return {"status": "error", "exception": type(e).__name__, "message": str(e)}
    if s.status == SolverStatus.solved:
        return {
            "status": "solved",
            "resolved": [str(v) for v in s.resolved_packages],
            "ephemerals": [str(e) for e in s.resolved_ephemerals],
            "iterations": s.num_solves,
        }
    return {
        "status": "failed",
        "description": s.failure_description(),
        "cycle": isinstance(s.failure_reason(), Cycle),
        "iterations": s.num_solves,
    }


def main():
    tmp = tempfile.mkdtemp()
    try:
        extra_root = os.path.join(tmp, "extra")
        write_repo(extra_root, EXTRA)
        repos = {"solver": SOLVER_REPO, "extra": extra_root}
        for key, root in repos.items():
            with open(os.path.join(HERE, "%s_packages.json" % key), "w") as f:
                json.dump(export(root), f, indent=1, sort_keys=True)
                f.write("\n")
        cases = []
        for key, requests in (("solver", SOLVER_CASES), ("extra", EXTRA_CASES)):
            for request in requests:
                perms = list(dict.fromkeys(itertools.permutations(request)))
                for perm in perms[:24]:
                    for mode in ("version_priority", "intersection_priority"):
                        for eom in (True, False):
                            out = answer(repos[key], list(perm), mode, eom)
                            cases.append({
                                "repo": key,
                                "request": list(perm),
                                "variant_select_mode": mode,
                                "error_on_missing_variant_requires": eom,
                                "rez": out,
                            })
        with open(os.path.join(HERE, "rez_cases.json"), "w") as f:
            json.dump({"rez_version": rez.__version__, "cases": cases}, f, indent=1)
            f.write("\n")
        print("%d cases recorded with rez %s" % (len(cases), rez.__version__))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
