"""rez 3.4.0's answers to cases on repositories a test has just written, in
this process (one PYTHONHASHSEED: the caller's environment sets it).

    python rez_answers_here.py CASES_JSON

CASES_JSON is a list of {"root", "request", "orderers", "variant_select_mode"};
prints the list of answers, as record_rez_orderers.py's `answer` gives them,
as JSON. Used by tests that must compare with rez on the very directory rer
reads (rez's order of a family's versions follows the file system's listing).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from record_rez_orderers import answer  # noqa: E402


def main(path):
    with open(path) as f:
        cases = json.load(f)
    out = [answer(c["request"], c["root"], c["orderers"], -1, c["variant_select_mode"]) for c in cases]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
