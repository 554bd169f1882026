"""Replacing rez's solver class as ``rez.solver`` is imported."""

import importlib.abc
import importlib.machinery
import sys

_TARGET = "rez.solver"
_state = {"installed": False}


def _patch(module):
    """Puts rer's solver class in ``rez.solver`` (and in ``rez.resolver``,
    when that module already took rez's class by name)."""
    from rer.rez.solver import solver_class

    cls = solver_class(module.Solver)
    module.Solver = cls
    resolver = sys.modules.get("rez.resolver")
    if resolver is not None and getattr(resolver, "Solver", None) is not cls:
        resolver.Solver = cls


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ``rez.solver`` the ordinary way and patches it once its code
    has run, before any importer (``from rez.solver import Solver``) reads it."""

    def find_spec(self, fullname, path, target=None):
        if fullname != _TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _patch(module)

        spec.loader.exec_module = exec_module
        return spec


def install():
    """Makes rez solve with rer in this process. Idempotent; works before or
    after rez is imported."""
    if _state["installed"]:
        return
    _state["installed"] = True
    module = sys.modules.get(_TARGET)
    if module is not None:
        _patch(module)
    else:
        sys.meta_path.insert(0, _Finder())


def installed():
    """Whether ``install()`` has run in this process."""
    return _state["installed"]
