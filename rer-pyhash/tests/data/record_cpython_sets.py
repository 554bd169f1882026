"""Records CPython's hash() of some strings and tuples, and list(set(...)) of
sets built from them, under several PYTHONHASHSEED values (a child process
per seed), for rer-pyhash's tests.

usage: python3.11 record_cpython_sets.py > cpython_sets.json
"""
import json
import os
import random
import subprocess
import sys

SEEDS = ("0", "1", "7", "4294967295")


def inputs():
    rng = random.Random(17)
    alphabet = "abcdefghijklmnopqrstuvwxyz_0123456789"
    cases = []
    for size in (1, 2, 4, 5, 6, 9, 13, 20, 33, 60, 120, 300):
        names = []
        while len(names) < size:
            n = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
            names.append(n)
        names.append(names[0])  # a repeat is not added twice
        cases.append(names)
    cases.append(["", "é", "ünïcode", "日本", "\U0001f600x", "a" * 40])
    return cases


def pairs(names):
    return [(a, b) for a in names[:8] for b in names[:8]]


def child():
    """Per input: the hashes of its strings, the order of their set (as
    positions in the input), and the same for the tuples of its pairs."""
    out = {"version": sys.version.split()[0], "strings": [], "tuples": []}
    for names in inputs():
        out["strings"].append({"hashes": [hash(n) for n in names],
                               "order": [names.index(n) for n in set_in_order(names)]})
        ps = pairs(names)
        out["tuples"].append({"hashes": [hash(p) for p in ps],
                              "order": [ps.index(p) for p in set_in_order(ps)]})
    json.dump(out, sys.stdout)


def set_in_order(keys):
    s = set()
    for k in keys:
        s.add(k)
    return s


def main():
    runs = {}
    for seed in SEEDS:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        runs[seed] = json.loads(subprocess.check_output([sys.executable, __file__, "--child"], env=env))
    json.dump({"inputs": inputs(), "pairs_of": "the first 8 strings of an input, each with each",
               "seeds": runs}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    child() if "--child" in sys.argv else main()
