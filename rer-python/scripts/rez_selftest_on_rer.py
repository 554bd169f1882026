"""Runs rez's own test suite (rez-selftest) twice in this Python, stock and
with RER_REZ=1, and checks that every test passing on stock rez passes on
rer. Prints which backend served the solves of the rer run (its
RER_REZ_LOG), grouped by fallback reason.

usage: python rez_selftest_on_rer.py [LOG]    (exit 1 on any regression)
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def run(extra_env):
    selftest = os.path.join(os.path.dirname(sys.executable), "rez-selftest")
    env = dict(os.environ, REZ_DISABLE_HOME_CONFIG="1", **extra_env)
    with tempfile.TemporaryDirectory() as cwd:
        out = subprocess.run([selftest, "--", "-rA", "-p", "no:cacheprovider"], env=env, cwd=cwd, capture_output=True, text=True)
    text = out.stdout + out.stderr
    outcomes = {}
    for m in re.finditer(r"^(PASSED|FAILED|ERROR|SKIPPED)(?: \[\d+\])? (\S+)", text, re.M):
        outcomes[m.group(2).split("site-packages/")[-1]] = m.group(1)
    summary = [line for line in text.splitlines() if re.search(r"\d+ passed", line)]
    return outcomes, (summary[-1].strip("= ") if summary else "no summary"), text


def main():
    # rez-selftest runs in a temporary directory: a relative log path would
    # name a file there, which this script would then not find.
    log = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(), "rer-rez.log")
    if os.path.exists(log):
        os.remove(log)
    stock, stock_summary, _ = run({})
    ours, our_summary, text = run({"RER_REZ": "1", "RER_REZ_LOG": log})
    print("stock rez:       ", stock_summary)
    print("rez on rer:      ", our_summary)
    passed_stock = {t for t, o in stock.items() if o == "PASSED"}
    regressions = sorted(t for t in passed_stock if ours.get(t) != "PASSED")
    if not passed_stock:
        print(text[-3000:])
        print("no test passed on stock rez: the suite did not run")
        return 1
    backends = collections.Counter()
    if os.path.exists(log):
        with open(log) as f:
            for line in f:
                entry = json.loads(line)
                backends[(entry["backend"], entry["reason"])] += 1
    print("solves (RER_REZ_LOG %s):" % log)
    for (backend, reason), count in backends.most_common():
        print("  %5d  %s%s" % (count, backend, "" if reason is None else "  (%s)" % reason))
    for test in sorted(t for t, o in stock.items() if o in ("FAILED", "ERROR")):
        print("failing on stock rez: %s (on rer: %s)" % (test, ours.get(test, "missing")))
    for test in regressions:
        print("REGRESSION: %s: %s on rer" % (test, ours.get(test, "missing")))
    if not backends.get(("rer", None)):
        print("no solve was served by rer")
        return 1
    print("%d of the %d tests passing on stock rez pass on rer" % (len(passed_stock) - len(regressions), len(passed_stock)))
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
