"""Records rez 3.4.0's resolves of generated repositories under package
orderers and --max-fails, in both variant select modes, into
`rez-3.4.0-orderers.json` (read by `tests/orderers.rs`).

    REZ_DISABLE_HOME_CONFIG=1 python record_rez_orderers.py

Each case: a repository (families with timestamps, requirements and
variants), a request, an orderer setting in rez's config format (what
`REZ_PACKAGE_ORDERERS_JSON` holds), a `max_fails`, a variant select mode;
and rez's answer through `ResolvedContext` (what `rez env` builds), also
its answer without the orderers and without the limit, so the test can
count how often each changes the answer. `no_order` is left out here (see
record_rez_no_order.py). rez keeps its repository's order of a family's
versions where its sorts tie, in a total reduction and in which entry it
sorts first: `list(set(names))` of the version directories in `os.listdir`'s
order. So rez runs under PYTHONHASHSEED=0 (the script re-runs itself so),
and each case records `listing`, the directory names per family in the
order `os.listdir` gave them here.
"""
import json
import os
import random
import sys
import tempfile

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ["REZ_RESOLVE_CACHING"] = "false"

from rez.config import config  # noqa: E402
from rez.package_order import PackageOrderList  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.resolver import ResolverStatus  # noqa: E402

SEED = 13
CASES = 240
MODES = ["version_priority", "intersection_priority"]


def gen_repo(rng):
    nfam = rng.randint(3, 6)
    names = ["f%d" % i for i in range(nfam)]
    versions = {}
    for n in names:
        vs = set()
        while len(vs) < rng.randint(2, 6):
            vs.add("%d.%d" % (rng.randint(1, 3), rng.randint(0, 3)))
        versions[n] = sorted(vs, key=lambda s: tuple(map(int, s.split("."))))

    def req(exclude):
        others = [n for n in names if n not in exclude]
        if not others:
            return None
        fam = rng.choice(others)
        v = rng.choice(versions[fam])
        major = v.split(".")[0]
        form = rng.randint(0, 5)
        if form == 0:
            return fam
        if form == 1:
            return "%s-%s" % (fam, major)
        if form == 2:
            return "%s-%s+" % (fam, v)
        if form == 3:
            return "%s-%s+<%d" % (fam, v, int(major) + 1)
        if form == 4:
            return "%s-<%s" % (fam, v)
        return "~%s-%s" % (fam, major)

    families = {}
    t = 1000
    for i, n in enumerate(names):
        pkgs = []
        below = names[:i]  # requirements point at earlier families: no cycles
        for v in versions[n]:
            t += rng.randint(1, 100)
            p = {"name": n, "version": v, "requires": [], "variants": [],
                 "timestamp": rng.choice([t, t, t, 0])}
            for _ in range(rng.randint(0, 2)):
                r = req([n] + names[i:] + [x.split("-")[0].lstrip("~") for x in p["requires"]])
                if r:
                    p["requires"].append(r)
            if below and rng.random() < 0.6:
                for _ in range(rng.randint(2, 3)):
                    var = []
                    for _ in range(rng.randint(1, 2)):
                        taken = [x.split("-")[0].lstrip("~") for x in var + p["requires"]]
                        r = req([n] + names[i:] + taken)
                        if r and not r.startswith("~"):
                            var.append(r)
                    if var:
                        p["variants"].append(var)
                if len(p["variants"]) < 2:
                    p["variants"] = []
            pkgs.append(p)
        rng.shuffle(pkgs)
        families[n] = pkgs
    return names, versions, families, t


def gen_orderers(rng, names, versions, t_end):
    kind = rng.choice(["sorted", "version_split", "per_family", "soft_timestamp",
                       "soft_timestamp_rank", "list"])
    fam = rng.choice(names)

    def one(k, packages):
        d = {"type": k}
        if packages is not None:
            d["packages"] = packages
        if k == "sorted":
            d["descending"] = rng.choice([False, False, True])
        elif k == "version_split":
            f = packages[0] if packages and packages != ["*"] else fam
            d["first_version"] = rng.choice(versions[f])
        elif k == "soft_timestamp":
            d["timestamp"] = rng.randint(1000, t_end)
        return d

    pick = lambda: rng.sample(names, rng.randint(1, len(names)))  # noqa: E731
    if kind in ("sorted", "version_split"):
        return [one(kind, rng.choice([None, pick()]))]
    if kind == "soft_timestamp":
        return [one("soft_timestamp", rng.choice([None, pick()]))]
    if kind == "soft_timestamp_rank":
        d = one("soft_timestamp", pick())
        d["rank"] = rng.choice([1, 2])
        return [d]
    if kind == "per_family":
        inner = []
        fams = names[:]
        rng.shuffle(fams)
        for f in fams[: rng.randint(1, len(fams))]:
            inner.append(one(rng.choice(["sorted", "version_split"]), [f]))
        if rng.random() < 0.3:
            inner.append(one("sorted", ["*"]))
        d = {"type": "per_family", "orderers": inner}
        if rng.random() < 0.5:
            d["default_order"] = {"type": "sorted", "descending": False}
        return [d]
    return [one("version_split", [fam]), one("sorted", None)]


def write_repo(root, families):
    for n, pkgs in families.items():
        for p in pkgs:
            d = os.path.join(root, n, p["version"])
            os.makedirs(d)
            with open(os.path.join(d, "package.py"), "w") as f:
                f.write("name = %r\nversion = %r\n" % (n, p["version"]))
                if p["requires"]:
                    f.write("requires = %r\n" % p["requires"])
                if p["variants"]:
                    f.write("variants = %r\n" % p["variants"])
                if p["timestamp"]:
                    f.write("timestamp = %d\n" % p["timestamp"])


def answer(request, root, orderers, max_fails, mode):
    config.override("variant_select_mode", mode)
    config.override("packages_path", [root])
    try:
        r = ResolvedContext(request, package_paths=[root], add_implicit_packages=False,
                            package_orderers=PackageOrderList.from_pod(orderers),
                            max_fails=max_fails)
    except Exception as e:
        return {"status": "error", "exception": type(e).__name__, "message": str(e)}
    if r.status == ResolverStatus.solved:
        return {"status": "solved",
                "resolved": [[v.name, str(v.version), v.index] for v in r.resolved_packages]}
    status = "aborted" if r.status == ResolverStatus.aborted else "failed"
    return {"status": status, "description": r.failure_description}


def main():
    rng = random.Random(SEED)
    cases = []
    for k in range(CASES):
        names, versions, families, t_end = gen_repo(rng)
        request = []
        for f in rng.sample(names, rng.randint(1, min(3, len(names)))):
            request.append(rng.choice([f, f, "%s-%s" % (f, versions[f][0].split(".")[0])]))
        orderers = gen_orderers(rng, names, versions, t_end)
        max_fails = rng.choice([-1, -1, -1, 0, 1, 2])
        with tempfile.TemporaryDirectory() as root:
            write_repo(root, families)
            listing = {fam: os.listdir(os.path.join(root, fam)) for fam in sorted(os.listdir(root))}
            for mode in MODES:
                case = {
                    "families": families, "request": request, "orderers": orderers, "listing": listing,
                    "max_fails": max_fails, "variant_select_mode": mode,
                    "rez": answer(request, root, orderers, max_fails, mode),
                    "rez_plain": answer(request, root, [], -1, mode),
                }
                cases.append(case)
        print(k, file=sys.stderr) if k % 40 == 0 else None
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rez-3.4.0-orderers.json")
    with open(path, "w") as f:
        json.dump({"rez": "3.4.0", "seed": SEED, "python_hash_seed": 0, "cases": cases}, f, indent=None,
                  separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    main()
