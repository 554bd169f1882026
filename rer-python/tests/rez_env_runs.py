"""Running ``rez env`` on a failing request with ``--fail-graph``, as a
user would, and keeping what it shows: its output (the failure printout,
"Resolve paths" block included), its exit code, and the graph it renders
(written as dot source: ``dot_image_format`` ``raw``, so no graphviz is
needed, and copied out by the configured ``image_viewer``).

Used by ``data/record_rez_env_failures.py`` (stock rez's answers) and by
``test_rez_env_failures.py`` (the same on rer)."""

import os
import re
import subprocess
import sys
import tempfile

import rez

SOLVER_PACKAGES = os.path.join(os.path.dirname(rez.__file__), "data", "tests", "solver",
                               "packages")

#: Failing requests of rez's own solver tests (``test_solver.py``), over
#: its test repository: conflicts with the request, conflicts deep in the
#: graph, a cycle. The completely reduced ``bahish pybah<5`` is left out:
#: rez orders its reductions by Python's hash seed, so its printout changes
#: from run to run on stock rez itself.
FAILING_REQUESTS = [
    ["pybah", "!python"],
    ["python-2.6", "~python-2.7"],
    ["pyfoo-3.1", "python-2.7+"],
    ["nopy", "python-2.5.2"],
    ["pybah-4", "pyfoo-3.0"],
    ["pyodd<2", "python-2.7"],
    ["pymum-2"],
    ["nada", "!nada"],
    ["pyfoo", "nada", "!nada"],
]

_VIEWER = "#!/bin/sh\ncp \"$1\" \"$RER_TEST_GRAPH_COPY\"\n"


def normalise(text):
    """The output without what changes between runs: who resolved and
    when, the temporary file the graph is rendered to and the viewer's
    temporary path."""
    text = re.sub(r"resolve failed, by \S+ on .*?, using", "resolve failed, by <user> on <time>, using", text)
    text = re.sub(r"loading image viewer \(.*?\)", "loading image viewer (<viewer>)", text)
    return re.sub(r"resolve-dot-\w+\.raw", "resolve-dot-<tmp>.raw", text)


def run_rez_env(request, rer=False, log=None):
    """``rez env --paths <rez's solver test repository> --ni REQUEST
    --fail-graph -- true``, stock (``rer=False``) or with ``RER_REZ=1``:
    ``{"exit_code", "stdout", "stderr", "graph"}``."""
    rez_cmd = os.path.join(os.path.dirname(sys.executable), "rez")
    with tempfile.TemporaryDirectory() as scratch:
        viewer = os.path.join(scratch, "view.sh")
        with open(viewer, "w") as f:
            f.write(_VIEWER)
        os.chmod(viewer, 0o755)
        copy = os.path.join(scratch, "graph.dot")
        env = dict(os.environ, REZ_DISABLE_HOME_CONFIG="1", DISPLAY=":0",
                   REZ_IMAGE_VIEWER=viewer, REZ_DOT_IMAGE_FORMAT="raw",
                   RER_TEST_GRAPH_COPY=copy, REZ_RESOLVE_CACHING="false")
        env.pop("RER_REZ", None)
        env.pop("RER_REZ_LOG", None)
        if rer:
            env["RER_REZ"] = "1"
            if log:
                env["RER_REZ_LOG"] = log
        out = subprocess.run([rez_cmd, "env", "--paths", SOLVER_PACKAGES, "--ni"] + request +
                             ["--fail-graph", "--", "true"],
                             env=env, cwd=scratch, capture_output=True, text=True, timeout=120)
        graph = open(copy).read() if os.path.exists(copy) else None
    return {"exit_code": out.returncode, "stdout": normalise(out.stdout),
            "stderr": normalise(out.stderr), "graph": graph}
