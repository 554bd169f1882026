"""Records what stock rez 3.4.0's ``rez env --fail-graph`` shows for the
failing requests of ``rez_env_runs.FAILING_REQUESTS`` (output, exit code,
the rendered graph's dot source) into ``rez_env_failures.json``, which
``test_rez_env_failures.py`` compares rer's with.

usage: python record_rez_env_failures.py   (in a Python with rez 3.4.0, without RER_REZ)
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from rez_env_runs import FAILING_REQUESTS, run_rez_env  # noqa: E402


def main():
    import rez
    assert rez.__version__ == "3.4.0", rez.__version__
    records = [dict(request=request, **run_rez_env(request)) for request in FAILING_REQUESTS]
    with open(os.path.join(HERE, "rez_env_failures.json"), "w") as f:
        json.dump({"rez": rez.__version__, "records": records}, f, indent=1)
        f.write("\n")
    print("recorded %d requests" % len(records))


if __name__ == "__main__":
    main()
