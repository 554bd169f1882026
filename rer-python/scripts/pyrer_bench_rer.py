"""Runs pyrer's own benchmark script unchanged on rer and on pyrer, in one
run: the script's ``import pyrer`` gets ``rer`` (``import rer as pyrer``)
for one pass and pyrer 1.0.0rc3 for the other, alternating for ROUNDS
rounds so both meet the same machine load.

usage: python pyrer_bench_rer.py PYRER_BENCH_PY DATA_DIR [ROUNDS]
(DATA_DIR holds packages.json, requests.json, resolves.json)
"""

import importlib
import runpy
import sys


def run(script, data, module_name):
    sys.modules["pyrer"] = importlib.import_module(module_name)
    argv = sys.argv
    sys.argv = [script, data]
    try:
        print("--- %s as pyrer" % module_name, flush=True)
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.argv = argv
        del sys.modules["pyrer"]


def main():
    script, data = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for _ in range(rounds):
        for module_name in ("rer", "pyrer"):
            run(script, data, module_name)


if __name__ == "__main__":
    main()
