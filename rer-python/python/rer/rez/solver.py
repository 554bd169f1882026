"""rer's replacement for ``rez.solver.Solver``.

``solver_class(RezSolver)`` makes a subclass of rez's own class that takes
the same arguments. When rer can serve the solve, rer resolves it (reading the
repositories natively, and through rez's loader the ``package.py`` files that
need Python) and the object answers everything rez reads from a solver:
``status``, ``resolved_packages`` (rez ``PackageVariant``s, so handles,
contexts and caching work), ``resolved_ephemerals``, ``failure_description()``,
``failure_reason()``, ``failure_packages()``, ``get_graph()``, the times and
counters, and the arguments; ``building``, package filters and package
orderers are handed to rer in rez's configuration format. Otherwise it is
rez's solver, unchanged (``rer.rez.settings`` names the cases).
"""

import os
import sys
import time

from rer.rez import log
from rer.rez.failure import callback_failure as _callback_failure
from rer.rez.failure import parse_failure as _parse_failure
from rer.rez.failure import raise_rez_error as _raise_rez_error
from rer.rez.graph import rez_graph
from rer.rez.settings import Unservable, fallback_reason, filter_pod, orderers_pod
from rer.rez.trace import Trace


def _is_plain_context_callback(callback):
    """Whether ``callback`` is the one ``ResolvedContext`` always passes,
    with no fail limit, no time limit and no callback of the caller's: it
    then never stops a solve."""
    from rez.resolved_context import ResolvedContext

    return isinstance(callback, ResolvedContext.Callback) and \
        callback.max_fails == -1 and callback.time_limit == -1 and \
        callback.callback is None


def _context_load_counter(callback):
    """The ``ResolvedContext`` whose ``num_loaded_packages`` ``callback``
    only counts, when it is the one ``ResolvedContext`` always passes and no
    caller's callback is inside it; otherwise ``None``."""
    if getattr(callback, "__qualname__", "") != \
            "ResolvedContext.__init__.<locals>._package_load_callback":
        return None
    cells = dict(zip(callback.__code__.co_freevars, callback.__closure__ or ()))
    try:
        if cells["package_load_callback"].cell_contents is not None:
            return None
        return cells["self"].cell_contents
    except (KeyError, ValueError):
        return None


def _step_callback(callback, trace):
    """rer's per-step callback: rez's ``callback`` (called with rez's
    ``SolverState``, its ``phase`` being ``None``: rer's phases are not rez
    objects; its ``(SolverCallbackReturn, reason)`` handed back), and the
    ``-v`` trace's header of the next step when the solve goes on."""
    from rez.solver import SolverState

    def step(state):
        answer = None
        if callback is not None:
            value, reason = callback(SolverState(state.num_solves, state.num_fails, None))
            answer = (value.name, reason or "")
        goes_on = answer is None or answer[0] == "keep_going" or \
            (answer[0] == "fail" and not state.num_fails)
        if trace is not None and goes_on:
            trace.step(state.num_solves, state.num_fails)
        return answer

    return step


def _repository_root(name, version, path):
    """The repository root holding the definition file ``path`` of
    ``name``-``version``, by rez's filesystem layouts: a version directory
    (``<root>/<name>/<version>/package.py``), an unversioned package
    (``<root>/<name>/package.py``) or a combined family file
    (``<root>/<name>.py``, for every version of the family)."""
    folder, filename = os.path.split(path)
    if filename in ("package.py", "package.yaml"):
        family_dir, last = os.path.split(folder)
        if version and last == version and os.path.basename(family_dir) == name:
            return os.path.dirname(family_dir)
        if not version and last == name:
            return family_dir
    if filename in (name + ".py", name + ".yaml"):
        return folder
    raise LookupError("%s is not where rez's filesystem repository keeps "
                      "%s-%s" % (path, name, version))


def _evaluator(context):
    """rez's loader for a package rer's static reader refuses: a
    ``package.py``, or one version of a combined family file."""
    import rer
    from rez.packages import get_package_from_repository

    def evaluate(name, version, path):
        root = _repository_root(name, version, path)
        package = get_package_from_repository(name, version, root)
        if package is None:
            raise LookupError("rez finds no %s-%s in %s" % (name, version, root))
        if context is not None:
            package.set_context(context)
        return rer.PackageData.from_rez(package)

    return evaluate


def _combined_versions(name, path):
    """The versions of the combined family file ``path``
    (``<root>/<name>.py``) as rez's loader lists them, for a file whose
    ``versions`` rer's static reader refuses; ``[""]`` for an unversioned
    one."""
    from rez.packages import iter_packages

    root = _repository_root(name, "", path)
    return [str(p.version) for p in iter_packages(name, paths=[root])]


def solver_class(rez_solver):
    """A subclass of ``rez_solver`` (rez's ``Solver``) served by rer."""

    from rez.config import config
    from rez.packages import get_package
    from rez.solver import PackageVariant, SolverStatus
    from rez.version import Requirement

    class Solver(rez_solver):
        """rez's ``Solver``, answered by rer unless ``rer.rez.settings``
        gives a reason not to (then it is rez's solver, and says why in
        ``RER_REZ_LOG``).

        At verbosity 1 and 2 rez's trace (``rer.rez.trace``) is printed to
        ``buf`` when ``solve()`` runs; from verbosity 3 rez's solver serves.
        """

        backend = "rer"

        def __init__(self, package_requests, package_paths, context=None,
                     package_filter=None, package_orderers=None, callback=None,
                     building=False, optimised=True, verbosity=0, buf=None,
                     package_load_callback=None, prune_unfailed=True,
                     suppress_passive=False, print_stats=False):
            reason = fallback_reason(package_paths, package_load_callback, verbosity)
            settings = {}
            if reason is None:
                try:
                    settings = {
                        "package_filter": filter_pod(package_filter),
                        "package_orderers": orderers_pod(package_orderers, package_paths),
                    }
                except Unservable as e:
                    reason = str(e)
            self._rer = None
            if reason is not None:
                log.record("rez", reason, package_requests)
                self.backend = "rez"
                rez_solver.__init__(
                    self, package_requests, package_paths, context=context,
                    package_filter=package_filter,
                    package_orderers=package_orderers, callback=callback,
                    building=building, optimised=optimised,
                    verbosity=verbosity, buf=buf,
                    package_load_callback=package_load_callback,
                    prune_unfailed=prune_unfailed,
                    suppress_passive=suppress_passive, print_stats=print_stats)
                return
            self._init_rer(package_requests, package_paths, context,
                           package_filter, package_orderers, callback,
                           building, optimised, verbosity, buf,
                           package_load_callback, prune_unfailed,
                           suppress_passive, print_stats, settings)

        # -- rer's side

        def _init_rer(self, package_requests, package_paths, context,
                      package_filter, package_orderers, callback, building,
                      optimised, verbosity, buf, package_load_callback,
                      prune_unfailed, suppress_passive, print_stats, settings):
            import rer

            self.package_requests = list(package_requests)
            self.package_paths = package_paths
            self.package_filter = package_filter
            self.package_orderers = package_orderers
            self.callback = callback
            self.prune_unfailed = prune_unfailed
            self.package_load_callback = package_load_callback
            self.building = building
            self.context = context
            self.optimised = optimised
            self.verbosity = verbosity
            self.buf = buf
            self.suppress_passive = suppress_passive
            self.print_stats = print_stats
            self.abort_reason = None
            self.callback_return = None
            self.solve_begun = False
            self.solve_time = 0.0
            self.load_time = 0.0
            self._rez_fallback = None

            self._trace = Trace(buf) if verbosity else None
            controls = {}
            caller = None
            if callback is not None and not _is_plain_context_callback(callback):
                caller = callback
            if caller is not None or self._trace is not None:
                controls["callback"] = _step_callback(caller, self._trace)
            started = time.time()
            try:
                solver = rer.Solver(
                    [str(p) for p in package_paths],
                    variant_select_mode=str(config.variant_select_mode),
                    error_on_missing_variant_requires=bool(
                        config.error_on_missing_variant_requires),
                    allow_unversioned_packages=bool(
                        config.allow_unversioned_packages),
                    building=bool(building),
                    evaluate=_evaluator(context),
                    evaluate_versions=_combined_versions,
                    **dict(settings, **controls)
                )
            except rer.InvalidOptionError as e:
                # a rule or orderer rez accepts that rer's readers do not
                self._fall_back("rer cannot read it: %s" % e)
                return
            result = solver.solve([str(r) for r in self.package_requests],
                                  package_names=False, graph=True)
            self._rer = result
            self._rer_seconds = time.time() - started
            self._variants = None
            if result.status == "error" or result.error_kind is not None:
                if result.error_kind == "provider":
                    # rez raises its own exception for a package it cannot
                    # read: let rez's solver meet it.
                    self._fall_back("provider error: %s" % result.failure_description)
                    return
                log.record("rer", None, self.package_requests)
                # rez raises a request's errors while building its first
                # phase, in the constructor; deeper ones in solve().
                if self._request_level_error(result):
                    _raise_rez_error(result, package_paths)
                return
            log.record("rer", None, self.package_requests)
            counter = _context_load_counter(package_load_callback) \
                if package_load_callback is not None else None
            if counter is not None:
                # rez counts the packages its solve loaded ("packages
                # queried"): rer's count of package definitions read.
                counter.num_loaded_packages += result.packages_loaded

        def _request_level_error(self, result):
            if result.error_kind in ("unknown_family", "no_matching_version"):
                return result.error_required_by is None
            return result.error_kind == "invalid_request"

        def _fall_back(self, reason):
            """Hands this solve to rez's own solver, which meets the error
            rer met and raises rez's exception for it."""
            log.record("rez", reason, self.package_requests)
            self.backend = "rez"
            self._rer = None
            rez_solver.__init__(
                self, self.package_requests, self.package_paths,
                context=self.context, package_filter=self.package_filter,
                package_orderers=self.package_orderers, callback=self.callback,
                building=self.building, optimised=self.optimised,
                verbosity=self.verbosity, buf=self.buf,
                package_load_callback=self.package_load_callback,
                prune_unfailed=self.prune_unfailed,
                suppress_passive=self.suppress_passive,
                print_stats=self.print_stats)

        def _served(self):
            return self.backend == "rer"

        def solve(self):
            if not self._served():
                return rez_solver.solve(self)
            from rez.exceptions import ResolveError

            if self.solve_begun:
                raise ResolveError("cannot run solve() on a solve that has "
                                   "already been started")
            unsolved = self.status == SolverStatus.unsolved
            self.solve_begun = True
            started = time.time()
            result = self._rer
            if self._trace is not None and unsolved:
                # the headers of the steps made, up to an error's
                if result.error_kind is None:
                    self._trace.end(result, _callback_failure(
                        result.failure_description or "") is not None)
                self._trace.flush()
            if result.error_kind is not None:
                _raise_rez_error(result, self.package_paths)
            if result.status == "solved":
                self._variants = self._rez_variants(result)
            elif result.status == "aborted":
                self.abort_reason = result.abort_reason
            elif result.status == "failed" and self.callback is not None:
                reason = _callback_failure(result.failure_description)
                if reason is not None:
                    from rez.solver import SolverCallbackReturn
                    self.abort_reason = reason
                    self.callback_return = SolverCallbackReturn.fail
            self.solve_time = self._rer_seconds + (time.time() - started)
            if self.print_stats:
                from pprint import pformat
                print(pformat({"solve_stats": self.solve_stats}),
                      file=(self.buf or sys.stdout))

        def _rez_variants(self, result):
            variants = []
            for resolved in result.resolved_packages:
                package = get_package(resolved.name, resolved.version,
                                      paths=self.package_paths)
                if package is None:
                    from rez.exceptions import RezSystemError
                    raise RezSystemError(
                        "rer resolved %s, which rez cannot find in %s"
                        % (resolved.qualified_name(), self.package_paths))
                if self.context is not None:
                    package.set_context(self.context)
                variant = package.get_variant(resolved.variant_index)
                variants.append(PackageVariant(variant, self.building))
            return variants

        def reset(self):
            if not self._served():
                return rez_solver.reset(self)
            self.solve_begun = False
            self._variants = None

        def solve_step(self):
            if not self._served():
                return rez_solver.solve_step(self)
            self.solve()

        @property
        def status(self):
            if not self._served():
                return rez_solver.status.fget(self)
            if not self.solve_begun:
                if self._rer.status == "failed" and self._rer.error_kind is None \
                        and self._rer.num_iterations == 0:
                    return SolverStatus.failed  # a conflict in the request
                return SolverStatus.unsolved
            if self._rer.status == "aborted":
                return SolverStatus.unsolved
            return SolverStatus.solved if self._rer.status == "solved" \
                else SolverStatus.failed

        @property
        def num_solves(self):
            if not self._served():
                return rez_solver.num_solves.fget(self)
            return self._rer.num_iterations if self.solve_begun else 0

        @property
        def num_fails(self):
            if not self._served():
                return rez_solver.num_fails.fget(self)
            if not self.solve_begun:
                return 0
            return self._rer.num_fails

        @property
        def cyclic_fail(self):
            if not self._served():
                return rez_solver.cyclic_fail.fget(self)
            return self.status == SolverStatus.failed and \
                (self._rer.failure_description or "").startswith(
                    "A cyclic dependency was detected")

        @property
        def resolved_packages(self):
            if not self._served():
                return rez_solver.resolved_packages.fget(self)
            if self.status != SolverStatus.solved:
                return None
            return list(self._variants)

        @property
        def resolved_ephemerals(self):
            if not self._served():
                return rez_solver.resolved_ephemerals.fget(self)
            if self.status != SolverStatus.solved:
                return None
            return [Requirement(e) for e in self._rer.resolved_ephemerals]

        @property
        def solve_stats(self):
            if not self._served():
                return rez_solver.solve_stats.fget(self)
            return {
                "global": {
                    "num_solves": self.num_solves,
                    "num_fails": self.num_fails,
                    "solve_time": self.solve_time,
                    "load_time": self.load_time,
                },
            }

        def _check_failed(self, failure_index):
            if self.status != SolverStatus.failed:
                raise IndexError("failure index out of range")


        def failure_reason(self, failure_index=None):
            if not self._served():
                return rez_solver.failure_reason(self, failure_index)
            self._check_failed(failure_index)
            if failure_index is not None:
                return self._rez_for_failures("failure by index").failure_reason(failure_index)
            return _parse_failure(self._rer.failure_description)

        def failure_description(self, failure_index=None):
            if not self._served():
                return rez_solver.failure_description(self, failure_index)
            self._check_failed(failure_index)
            if failure_index is not None:
                return self._rez_for_failures("failure by index").failure_description(
                    failure_index)
            return self._rer.failure_description

        def failure_packages(self, failure_index=None):
            if not self._served():
                return rez_solver.failure_packages(self, failure_index)
            reason = self.failure_reason(failure_index)
            return reason.involved_requirements() if reason else None

        def get_graph(self):
            if not self._served():
                return rez_solver.get_graph(self)
            if self.status == SolverStatus.unsolved:  # aborted
                return self._rez_for_failures("graph of an aborted solve").get_graph()
            if self.status == SolverStatus.failed:
                return self.get_fail_graph()
            return rez_graph(self._rer.graph)

        def get_fail_graph(self, failure_index=None):
            if not self._served():
                return rez_solver.get_fail_graph(self, failure_index)
            self._check_failed(failure_index)
            if failure_index is not None:
                return self._rez_for_failures("failure by index").get_fail_graph(failure_index)
            if not self.prune_unfailed:
                return self._rez_for_failures("unpruned failure graph").get_fail_graph()
            return rez_graph(self._rer.graph)

        def _rez_for_failures(self, what):
            """rez's own solver on the same request, stopped where rer's
            stopped, for what rer does not give (``what``: the graph of an
            aborted solve or an unpruned one, failures by index); logged,
            once per solve, with that reason."""
            if self._rez_fallback is None:
                log.record("rez", "after rer's solve: %s" % what, self.package_requests)
                other = rez_solver(
                    self.package_requests, self.package_paths,
                    context=self.context, package_filter=self.package_filter,
                    package_orderers=self.package_orderers,
                    callback=self._replay_callback(),
                    building=self.building,
                    prune_unfailed=self.prune_unfailed)
                other.solve()
                self._rez_fallback = other
            return self._rez_fallback

        def _replay_callback(self):
            """A callback that stops rez's solver where rer's stopped, with
            rer's verdict, without calling the caller's callback again."""
            from rez.solver import SolverCallbackReturn

            if self.callback is None:
                return None
            steps = self._rer.num_iterations
            if self._rer.status == "aborted":
                verdict = SolverCallbackReturn.abort
            elif self.callback_return == SolverCallbackReturn.fail:
                verdict = SolverCallbackReturn.fail
            else:
                return None
            reason = self.abort_reason

            def replay(state):
                if state.num_solves >= steps:
                    return verdict, reason
                return SolverCallbackReturn.keep_going, ""
            return replay

        def dump(self):
            if not self._served():
                return rez_solver.dump(self)
            print("status: %s (%s)" % (self.status.name, self.status.description))
            print("initial request: %s" % " ".join(map(str, self.package_requests)))

        def __str__(self):
            if not self._served():
                return rez_solver.__str__(self)
            if self.status == SolverStatus.solved:
                return "%s %s" % (self.status, " ".join(map(str, self._variants)))
            return str(self.status)

    Solver.__name__ = "Solver"
    Solver.__qualname__ = "Solver"
    Solver.__module__ = "rez.solver"
    return Solver
