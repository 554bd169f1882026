"""Records rez 3.4.0's resolves under the `no_order` orderer, under several
Python hash seeds, into `rez-3.4.0-no-order.json` (read by
`tests/orderers.rs`).

    REZ_DISABLE_HOME_CONFIG=1 python record_rez_no_order.py

Why seeds: rez's `no_order` gives every version the same key, so a family's
versions stay in the order the filesystem repository lists them, and
`FileSystemPackageRepository._get_version_dirs` returns `list(dirs_set)`, a
Python set of version-directory names: its order follows the strings'
hashes, which PYTHONHASHSEED randomises. Variant order is not affected
(variants keep their package.py order). So rez's answer under no_order
depends on the seed exactly when it depends on the order in which some
slice's versions are tried. Each case is resolved by rez in one fresh
process per seed; a case is kept as comparable when every seed gives the
same answer, and recorded as varying otherwise. Recorded per case as well:
`listing`, each family's version directory names in the order `os.listdir`
gave them (the file system decides that order, so a test repository written
elsewhere lists differently), and `rez_by_seed`, rez's answer under each
seed of `hash_seeds`, as an index into `rez_answers`. `tests/orderers.rs`
compares the stable cases through `rer solve`; rer-tests' `no_order.rs`
compares every case under every seed, with rez's listing.

The repositories, requests and both variant select modes come from
`record_rez_orderers.py`'s generator (its own seed here).
"""
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SEED = 14
CASES = 80
HASH_SEEDS = ["0", "1", "2", "3", "4", "5", "6", "7"]
MODES = ["version_priority", "intersection_priority"]


def child(cases_file):
    """In a fresh process (one hash seed): rez's answer to every case."""
    from record_rez_orderers import answer
    with open(cases_file) as f:
        cases = json.load(f)
    out = []
    for c in cases:
        out.append({
            "rez": answer(c["request"], c["root"], c["orderers"], -1, c["variant_select_mode"]),
            "rez_plain": answer(c["request"], c["root"], [], -1, c["variant_select_mode"]),
        })
    json.dump(out, sys.stdout)


def main():
    from record_rez_orderers import gen_repo, write_repo
    rng = random.Random(SEED)
    cases = []
    with tempfile.TemporaryDirectory() as top:
        for k in range(CASES):
            names, versions, families, _ = gen_repo(rng)
            request = []
            for f in rng.sample(names, rng.randint(1, min(3, len(names)))):
                request.append(rng.choice([f, f, "%s-%s" % (f, versions[f][0].split(".")[0])]))
            d = {"type": "no_order"}
            if rng.random() < 0.5:
                d["packages"] = rng.sample(names, rng.randint(1, len(names)))
            orderers = [d]
            root = os.path.join(top, "case%d" % k)
            os.makedirs(root)
            write_repo(root, families)
            listing = {fam: os.listdir(os.path.join(root, fam)) for fam in sorted(os.listdir(root))}
            for mode in MODES:
                cases.append({"families": families, "request": request, "orderers": orderers,
                              "variant_select_mode": mode, "root": root, "listing": listing})
        cases_file = os.path.join(top, "cases.json")
        with open(cases_file, "w") as f:
            json.dump(cases, f)
        by_seed = []
        for seed in HASH_SEEDS:
            env = dict(os.environ, PYTHONHASHSEED=seed, REZ_DISABLE_HOME_CONFIG="1",
                       REZ_RESOLVE_CACHING="false")
            p = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", cases_file],
                               env=env, capture_output=True, text=True, check=True)
            by_seed.append(json.loads(p.stdout))
            print("seed", seed, file=sys.stderr)
    out = []
    for i, c in enumerate(cases):
        answers = [s[i]["rez"] for s in by_seed]
        distinct = {json.dumps(a, sort_keys=True) for a in answers}
        plain = by_seed[0][i]["rez_plain"]
        c = {k: v for k, v in c.items() if k != "root"}
        c["hash_seeds"] = HASH_SEEDS
        c["stable"] = len(distinct) == 1
        c["rez"] = answers[0] if c["stable"] else None
        c["rez_distinct_answers"] = len(distinct)
        c["rez_answers"] = []
        for a in answers:
            if a not in c["rez_answers"]:
                c["rez_answers"].append(a)
        c["rez_by_seed"] = [c["rez_answers"].index(a) for a in answers]
        c["rez_plain"] = plain
        out.append(c)
    path = os.path.join(HERE, "rez-3.4.0-no-order.json")
    with open(path, "w") as f:
        json.dump({"rez": "3.4.0", "seed": SEED, "cases": out}, f, indent=None,
                  separators=(",", ":"))
        f.write("\n")
    stable = sum(c["stable"] for c in out)
    print("%d cases, %d stable across %d seeds" % (len(out), stable, len(HASH_SEEDS)),
          file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
