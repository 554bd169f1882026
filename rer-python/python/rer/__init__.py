"""rer: rez's package resolver in Rust.

A drop-in for pyrer (``import rer as pyrer``): ``solve``, ``PackageData``,
``SolveResult``, ``ResolvedVariant``; and rer's own ``Solver`` (rez
repositories read natively, reusable, thread-safe) and ``solve_many``.
With ``RER_REZ=1`` in the environment, rez itself solves with rer (see
``rer.rez``).
"""

from rer._rer import (
    CancelToken,
    PackageData,
    ResolvedVariant,
    SolveResult,
    Solver,
    SolverState,
    __version__,
    solve,
    solve_many,
)
from rer.errors import (
    InvalidOptionError,
    RerError,
    RezIntegrationError,
    UnsupportedOptionError,
)

__all__ = [
    "solve",
    "solve_many",
    "Solver",
    "PackageData",
    "SolveResult",
    "ResolvedVariant",
    "CancelToken",
    "SolverState",
    "RerError",
    "InvalidOptionError",
    "UnsupportedOptionError",
    "RezIntegrationError",
]
