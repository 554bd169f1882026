"""Runs pyrer's own benchmark script unchanged on rer and on pyrer, in one
run: the script's ``import pyrer`` gets ``rer`` (``import rer as pyrer``)
for one pass and pyrer 1.0.0rc3 for the other, alternating for ROUNDS
rounds so both meet the same machine load.

usage: python pyrer_bench_rer.py PYRER_BENCH_PY [DATA_DIR [ROUNDS]]   (DATA_DIR "": the default)

PYRER_BENCH_PY is pyrer's benchmark script (it reads DATA_DIR/packages.json,
requests.json and resolves.json, and times ``pyrer.solve`` on each request
in a lazy and an eager mode). DATA_DIR defaults to a scratch folder made
from the repository's tests/data/rez-benchmark (rez's 188 requests, its
packages as JSON, rez 3.4.0's answers).
"""

import gzip
import importlib
import importlib.metadata
import os
import runpy
import shutil
import sys
import tempfile


def benchmark_data():
    """A scratch folder holding the three files pyrer's script reads, made
    from the repository's copy of rez's benchmark."""
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.join(here, "..", "..", "tests", "data", "rez-benchmark")
    scratch = tempfile.mkdtemp(prefix="rer-pyrer-bench-")
    with gzip.open(os.path.join(source, "packages.json.gz")) as f, \
            open(os.path.join(scratch, "packages.json"), "wb") as out:
        shutil.copyfileobj(f, out)
    shutil.copy(os.path.join(source, "requests.json"), scratch)
    shutil.copy(os.path.join(source, "rez-3.4.0-resolves.json"),
                os.path.join(scratch, "resolves.json"))
    return scratch


def run(script, data, module_name, module):
    """One pass of pyrer's script with ``module`` as its ``pyrer``."""
    real = sys.modules.get("pyrer")
    sys.modules["pyrer"] = module
    argv = sys.argv
    sys.argv = [script, data]
    try:
        try:
            version = importlib.metadata.version(module_name)
        except importlib.metadata.PackageNotFoundError:
            version = "?"
        print("--- %s %s as pyrer" % (module_name, version), flush=True)
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.argv = argv
        sys.modules["pyrer"] = real


def main():
    script = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else benchmark_data()
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    # each imported once: pyrer's package cannot be imported twice
    modules = {name: importlib.import_module(name) for name in ("pyrer", "rer")}
    for _ in range(rounds):
        for module_name in ("rer", "pyrer"):
            run(script, data, module_name, modules[module_name])


if __name__ == "__main__":
    main()
