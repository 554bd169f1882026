"""rez's solver trace at verbosity 1 and 2 (``rez env -v``), from rer's
solve.

At those verbosities rez prints one header before each solver step,
``SOLVE #n (f fails so far)...``, and the verdict: ``SUCCESS``, ``FAIL: a
cycle was detected`` or, when the last phase left has failed, ``FAIL: there
is no solution`` (nothing when a callback stopped the solve). rer's per-step
callback gives the step and fail counts, so the lines are rez's. From
verbosity 3 rez also prints each step's phases, scopes, extractions and
reductions, which rer's solver does not report: those solves go to rez's
solver (``rer.rez.settings.fallback_reason``).
"""

import sys


class Trace(object):
    """The trace lines of one solve, printed to ``buf`` (rez's default:
    ``sys.stdout`` as it was when the solver was made) by ``flush()``."""

    def __init__(self, buf):
        self.buf = buf or sys.stdout
        self.lines = ["SOLVE #1 (0 fails so far)..."]

    def step(self, num_solves, num_fails):
        """The header rez prints before the step after ``num_solves``."""
        self.lines.append("SOLVE #%d (%d fails so far)..." % (num_solves + 1, num_fails))

    def end(self, result, stopped_by_callback):
        """rez's verdict line for ``result`` (a ``rer.SolveResult``)."""
        if result.status == "solved":
            self.lines.append("SUCCESS")
        elif result.status == "failed" and not stopped_by_callback:
            if (result.failure_description or "").startswith("A cyclic dependency"):
                self.lines.append("FAIL: a cycle was detected")
            else:
                self.lines.append("FAIL: there is no solution")

    def flush(self):
        for line in self.lines:
            print(line, file=self.buf)
        self.lines = []
