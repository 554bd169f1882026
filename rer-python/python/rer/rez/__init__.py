"""rez on rer: every solve rez makes in this process, served by rer.

``install()`` replaces ``rez.solver.Solver`` (and so ``rez.resolver``'s
``Solver``, ``ResolvedContext`` and ``rez env``) with ``rer.rez.solver``'s
class, which answers what rez reads from its solver. It is run at interpreter
start when ``RER_REZ=1`` is in the environment (the ``rer_rez.pth`` file the
wheel installs), or by a program that calls it before it solves.

Solves rer cannot serve (see ``rer.rez.settings``) go to rez's
own solver. With ``RER_REZ_LOG=FILE`` each solve appends one JSON line
``{"backend": "rer" | "rez", "reason": ..., "request": [...]}`` to FILE.
"""

from rer.rez.hook import install, installed

__all__ = ["install", "installed"]
