"""rez's solve controls: a cancel from another thread, the time limit, the
per-step callback and the fail limit."""

import threading
import time

import pytest

import rer


def chain(length):
    """A request that takes rer a few hundred milliseconds."""
    return [rer.PackageData("f%d" % i, str(v), ["f%d" % (i + 1)] if i + 1 < length else [])
            for i in range(length) for v in (1, 2, 3)]


def test_cancel_from_another_thread_stops_a_long_solve():
    packages = chain(3000)
    token = rer.CancelToken()
    threading.Timer(0.05, token.cancel).start()
    start = time.perf_counter()
    result = rer.solve(["f0"], packages, cancel=token)
    assert token.is_cancelled
    assert result.status == "aborted"
    assert result.abort_reason == "cancelled"
    assert result.resolved_packages == []
    # Uncancelled, the same solve runs to the end.
    assert rer.solve(["f0"], packages).status == "solved"
    assert time.perf_counter() - start > 0


def test_a_cancelled_token_stops_every_solve_of_a_solver():
    token = rer.CancelToken()
    token.cancel()
    solver = rer.Solver(packages=chain(5), cancel=token)
    assert [r.status for r in solver.solve_many([["f0"], ["f1"]])] == ["aborted", "aborted"]


def test_time_limit_aborts():
    result = rer.solve(["f0"], chain(3000), time_limit=0.0)
    assert result.status == "aborted" and result.abort_reason == "time limit exceeded"
    assert rer.solve(["f0"], chain(5), time_limit=60).status == "solved"
    with pytest.raises(rer.InvalidOptionError):
        rer.solve(["f0"], chain(5), time_limit=-1)


def test_callback_sees_each_step_and_can_abort():
    seen = []

    def callback(state):
        seen.append((state.num_solves, state.num_fails, list(state.phase_request)))
        return ("abort", "enough") if state.num_solves >= 3 else None
    result = rer.solve(["f0"], chain(10), callback=callback)
    assert result.status == "aborted" and result.abort_reason == "enough"
    assert [s[0] for s in seen] == [1, 2, 3]
    assert all(s[1] == 0 for s in seen)
    assert seen[0][2] and all(isinstance(r, str) for r in seen[0][2])


def test_callback_fail_is_ignored_until_a_failure():
    result = rer.solve(["f0"], chain(10), callback=lambda state: ("fail", "stop"))
    # rez honours "fail" only once a phase has failed: this solve has none.
    assert result.status == "solved"


def test_callback_exceptions_are_raised_again():
    def callback(state):
        raise KeyError("from the callback")
    with pytest.raises(KeyError, match="from the callback"):
        rer.solve(["f0"], chain(10), callback=callback)
    with pytest.raises(TypeError):
        rer.solve(["f0"], chain(10), callback=lambda state: 42)
    with pytest.raises(TypeError):
        rer.solve(["f0"], chain(10), callback=3)
    with pytest.raises(TypeError):
        rer.solve(["f0"], chain(10), cancel=object())
