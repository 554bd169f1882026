"""Records what rez 3.4.0 loads from each repository of the corpus, and its
resolves, for `tests/tests/corpus.rs` to compare rer with.

    REZ_DISABLE_HOME_CONFIG=1 python record.py OUT.json NAME=ROOTS [NAME=ROOTS ...]

Run with a Python that has rez. ROOTS is one repository, or several joined
with os.pathsep (highest priority first; NAME then joins their names with
`,`): each entry is searched alone, with packages_path ROOTS; the packages
recorded are those of the first root. For every package rez lists: requires, variants, build_requires,
private_build_requires and timestamp as rez loads them (late-bound
requires evaluated as during `rez env <family>==<version>`, with that
resolve's context), or the error loading it raises. Then, in both variant
select modes, the resolve of each family alone and of each package
(`<family>==<version>`), as `ResolvedContext(..., add_implicit_packages=False)`
gives it: the resolved variants, or failed with rez's description, or the
error raised. Paths are stored relative to ROOT.

The recording also keeps `program_dir`, the directory of this script
(`os.path.dirname(os.path.abspath(sys.argv[0]))`): a package that runs a
program next to `sys.argv[0]` (nerdvegas' `rez/_native`) names it in its
error, and the test compares that error with the directory set aside.
"""
import json
import os
import signal
import sys

from rez.config import config
from rez.packages import iter_package_families, iter_packages
from rez.resolved_context import ResolvedContext
import rez.resolved_context as rc

TIME_LIMIT = 20


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("rez took more than %d s" % TIME_LIMIT)


def partial_context(request, paths):
    """A ResolvedContext as it stands while its resolve runs."""
    class Stop(Exception):
        pass

    class NoResolver(object):
        def __init__(self, *args, **kwargs):
            pass

        def solve(self):
            raise Stop()

    saved = rc.Resolver
    rc.Resolver = NoResolver
    try:
        context = ResolvedContext.__new__(ResolvedContext)
        try:
            context.__init__(request, package_paths=paths, add_implicit_packages=False)
        except Stop:
            pass
    finally:
        rc.Resolver = saved
    return context


def describe(e):
    return "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")


def strings(items):
    return [str(x) for x in (items or [])]


def request_of(package):
    if str(package.version):
        return ["%s==%s" % (package.name, package.version)]
    return [package.name]


def load(package, paths):
    try:
        signal.alarm(TIME_LIMIT)
        package.set_context(partial_context(request_of(package), paths))
        timestamp = package.timestamp
        if isinstance(timestamp, bool) or not isinstance(timestamp, int):
            timestamp = None
        return {"ok": {
            "requires": strings(package.requires),
            "variants": [strings(v) for v in (package.variants or [])],
            "build_requires": strings(package.build_requires),
            "private_build_requires": strings(package.private_build_requires),
            "timestamp": timestamp,
        }}
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"error": describe(e)}
    finally:
        signal.alarm(0)


def resolve(request, paths):
    try:
        signal.alarm(TIME_LIMIT)
        context = ResolvedContext(request, package_paths=paths, add_implicit_packages=False)
        status = context.status.name
        if status == "solved":
            return {"status": "solved", "resolved": [
                [v.name, str(v.version), v.index] for v in context.resolved_packages]}
        return {"status": status, "failure": context.failure_description}
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"status": "error", "error": describe(e)}
    finally:
        signal.alarm(0)


def record_root(roots):
    paths = [os.path.realpath(r) for r in roots.split(os.pathsep)]
    root = paths[0]
    packages = []
    requests = []
    try:
        families = sorted(f.name for f in iter_package_families(paths=[root]))
    except Exception as e:
        return {"error": describe(e), "packages": [], "resolves": []}
    for family in families:
        requests.append([family])
        try:
            found = sorted(iter_packages(family, paths=[root]), key=lambda p: p.version)
        except Exception as e:
            packages.append({"family": family, "version": None, "error": describe(e)})
            continue
        for package in found:
            uri = package.uri
            entry = {"family": family, "version": str(package.version),
                     "uri": os.path.relpath(uri, root) if uri else None}
            entry.update(load(package, paths))
            packages.append(entry)
            if str(package.version):
                requests.append(request_of(package))
    resolves = []
    for mode in ("version_priority", "intersection_priority"):
        config.override("variant_select_mode", mode)
        for request in requests:
            answer = resolve(request, paths)
            answer["request"] = request
            answer["mode"] = mode
            resolves.append(answer)
    config.remove_override("variant_select_mode")
    return {"packages": packages, "resolves": resolves}


def main():
    signal.signal(signal.SIGALRM, _alarm)
    out = sys.argv[1]
    result = {}
    for arg in sys.argv[2:]:
        name, root = arg.split("=", 1)
        result[name] = record_root(root)
        n = result[name]
        print("%s: %d packages, %d resolves" % (name, len(n["packages"]), len(n["resolves"])),
              file=sys.stderr)
    with open(out, "w") as f:
        program_dir = os.path.dirname(os.path.abspath(sys.argv[0]))
        json.dump({"rez": "3.4.0", "program_dir": program_dir, "repositories": result}, f,
                  indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
