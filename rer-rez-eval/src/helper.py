# rer's rez evaluation helper: reads package definitions with rez's own
# loader, for the packages rer's static reader refuses.
#
# Protocol (one JSON document a line, UTF-8):
#   helper -> rer, once at start: {"ready": {"rez": VERSION, "python": VERSION}}
#                                 or {"fatal": MESSAGE}
#   rer -> helper: {"id": N, "family": F, "version": V, "root": ROOT,
#                   "path": DEFINITION_FILE, "paths": [ROOT, ...],
#                   "request": [REQ, ...] or null, "implicits": [REQ, ...]}
#                  (with "op": "versions": list the versions of the
#                   combined family file PATH instead)
#   helper -> rer: {"id": N, "ok": {"requires": [...], "variants": [[...]],
#                   "build_requires": [...], "private_build_requires": [...],
#                   "timestamp": INT or null, "hashed_variants": BOOL,
#                   "uri": URI}}
#               or {"id": N, "versions": [V, ...]} (for "op": "versions")
#               or {"id": N, "needs_request": true}
#               or {"id": N, "error": {"kind": KIND, "message": MESSAGE}}
#
# The package's own output is discarded (the protocol keeps private copies
# of the original stdin and stdout; fds 0 and 1 point at /dev/null while a
# package runs), and what one evaluation may allocate is capped below.
import json
import os
import sys


def _private_streams():
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    sink = open(os.devnull, "w")
    sys.stdin = open(os.devnull, "r")
    sys.stdout = sink
    sys.stderr = sink
    return proto_in, proto_out


def _limit_memory():
    limit = os.environ.get("RER_REZ_HELPER_MEMORY")
    try:
        import resource

        limit = int(limit) if limit else 4 * 1024 ** 3
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except Exception:
        pass


def _send(out, message):
    out.write(json.dumps(message, ensure_ascii=True) + "\n")
    out.flush()


# Names through which a late-bound function can see the request being
# resolved. `in_context`, `building`, `testing`, `system` and `this` are
# the same for every request of a `rez env`.
_REQUEST_NAMES = frozenset(
    ["request", "context", "implicits", "ephemerals", "globals", "vars",
     "locals", "eval", "exec", "__import__", "sys", "inspect"])


def _names(code):
    names = set(code.co_names) | set(code.co_varnames) | set(code.co_freevars)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names(const)
    return names


def _reads_request(value):
    from rez.utils.sourcecode import SourceCode

    if not isinstance(value, SourceCode) or not value.late_binding:
        return False
    try:
        return bool(_names(value.compiled) & _REQUEST_NAMES)
    except Exception:
        return True


class _ContextMaker(object):
    """A rez ResolvedContext as it stands while its resolve runs: every
    attribute set, the resolve not yet done (the state in which rez
    evaluates late-bound requires during `rez env`)."""

    def __init__(self):
        self.cache = {}

    def get(self, request, paths, implicits):
        key = (tuple(request), tuple(paths), tuple(implicits))
        context = self.cache.get(key)
        if context is None:
            context = self._make(request, paths, implicits)
            if len(self.cache) > 64:
                self.cache.clear()
            self.cache[key] = context
        return context

    @staticmethod
    def _make(request, paths, implicits):
        import rez.resolved_context as rc
        from rez.utils.formatting import PackageRequest

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
            context = rc.ResolvedContext.__new__(rc.ResolvedContext)
            try:
                context.__init__(list(request), package_paths=list(paths),
                                 add_implicit_packages=False)
            except Stop:
                pass
        finally:
            rc.Resolver = saved
        # What `rez env` adds to the request (config.implicit_packages, none
        # with --ni): late functions see it as `implicits`.
        context.implicit_packages = [PackageRequest(x) for x in implicits]
        return context


def _strings(items):
    return [str(x) for x in (items or [])]


def _versions(query):
    from rez.packages import iter_packages

    return {"versions": [str(p.version) for p in iter_packages(
        query["family"], paths=[query["root"]])]}


def _evaluate(query, contexts):
    from rez.packages import get_package_from_repository

    if query.get("op") == "versions":
        return _versions(query)

    package = get_package_from_repository(
        query["family"], query["version"], query["root"])
    if package is None:
        return {"error": {"kind": "not_found", "message":
                          "rez finds no package %s-%s in %s" % (
                              query["family"], query["version"],
                              query["root"])}}
    data = package.resource._data or {}
    late_keys = ("requires", "build_requires", "private_build_requires")
    reads_request = any(_reads_request(data.get(k)) for k in late_keys)
    request = query.get("request")
    if reads_request and request is None:
        return {"needs_request": True}
    package.set_context(contexts.get(
        request or [], query["paths"], query.get("implicits") or []))
    timestamp = package.timestamp
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        timestamp = None
    return {"ok": {
        "requires": _strings(package.requires),
        "variants": [_strings(v) for v in (package.variants or [])],
        "build_requires": _strings(package.build_requires),
        "private_build_requires": _strings(package.private_build_requires),
        "timestamp": timestamp,
        "hashed_variants": bool(package.hashed_variants),
        "uri": package.uri,
    }}


def main():
    proto_in, proto_out = _private_streams()
    try:
        import rez
        from rez.utils.sourcecode import SourceCode  # noqa: F401
        import rez.packages  # noqa: F401
        import rez.resolved_context  # noqa: F401
    except Exception as e:
        _send(proto_out, {"fatal": "cannot import rez with %s: %s: %s" % (
            sys.executable, type(e).__name__, e)})
        return 1
    _limit_memory()
    _send(proto_out, {"ready": {"rez": rez.__version__,
                                "python": sys.version.split()[0]}})
    contexts = _ContextMaker()
    for line in proto_in:
        try:
            query = json.loads(line)
            ident = query.get("id")
        except Exception as e:
            _send(proto_out, {"id": None, "error": {
                "kind": "protocol", "message": str(e)}})
            continue
        try:
            answer = _evaluate(query, contexts)
        except MemoryError:
            answer = {"error": {"kind": "memory", "message":
                                "evaluating the package ran out of the "
                                "helper's memory limit"}}
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            answer = {"error": {"kind": type(e).__name__,
                                "message": str(e) or type(e).__name__}}
        answer["id"] = ident
        try:
            _send(proto_out, answer)
        except (TypeError, ValueError) as e:
            _send(proto_out, {"id": ident, "error": {
                "kind": "protocol", "message": str(e)}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
