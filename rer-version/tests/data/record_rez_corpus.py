"""Records rez 3.4.0's answers on generated version/range/requirement cases.

Run with a Python that has rez==3.4.0 installed:
    python record_rez_corpus.py > rez_corpus.json
The generator is seeded, so re-running gives the same cases.
"""
import json
import random
import sys

from rez.version import Version, VersionRange, Requirement, RequirementList
from rez.utils.formatting import PackageRequest

rng = random.Random(20261126)

TOKEN_PARTS = ["0", "00", "01", "1", "2", "3", "10", "007", "a", "b", "A", "Z", "_", "alpha", "beta", "rc", "_a", "a_", "x1", "1a", "2b3"]
SEPS = [".", ".", ".", "-", "-", "+", "_x"]


def token():
    return "".join(rng.choice(TOKEN_PARTS) for _ in range(rng.choice([1, 1, 1, 2])))


def version_str(max_tokens=4):
    n = rng.randint(1, max_tokens)
    out = token()
    for _ in range(n - 1):
        out += rng.choice([".", ".", "-"]) + token()
    return out


def mutate(s):
    if not s:
        return rng.choice(["", ".", "-", "|", "+", "<", "=="])
    i = rng.randrange(len(s) + 1)
    op = rng.randrange(3)
    junk = rng.choice(list(".-+<>=|,~!@#_ a1\n") + ["..", "==", "<=", ">="])
    if op == 0:
        return s[:i] + junk + s[i:]
    if op == 1:
        return s[:i] + s[i + 1:]
    return s[:i] + junk + s[i + 1:]


def range_part():
    v, w = version_str(3), version_str(3)
    forms = [
        v, "==" + v, v + "+", ">=" + v, ">" + v, "<" + v, "<=" + v, v + "+<" + w, ">=" + v + "<" + w,
        ">" + v + "<=" + w, v + ".." + w, "==", "+", ">", "<=", "..", v + "+," + "<" + w, "<" + w + ",>" + v,
        "<=" + w + ",>=" + v, w + "+,>" + v, "~" + v, "<" + v + ",<" + w, ".." + w, v + "..",
    ]
    return rng.choice(forms)


def range_str():
    n = rng.choice([1, 1, 1, 2, 2, 3, 5, 6])
    s = "|".join(range_part() for _ in range(n))
    return mutate(s) if rng.random() < 0.15 else s


NAMES = ["foo", "bar", "foo_bar", "Foo2", "a.b", "_x", ".eph", "foo.", "__pycache__", "", "9lives", "f..g"]


def requirement_str():
    prefix = rng.choice(["", "", "", "!", "~", "."])
    name = rng.choice(NAMES[:5]) if rng.random() < 0.85 else rng.choice(NAMES)
    r = range_str() if rng.random() < 0.8 else ""
    if r and r[0] not in "=<>":
        sep = rng.choice(["-", "-", "-", "@", "#"])
    else:
        sep = rng.choice(["", "", "-"])
    s = prefix + name + (sep + r if r or rng.random() < 0.2 else "")
    return mutate(s) if rng.random() < 0.1 else s


def err(e):
    return type(e).__name__


def parse_version(s):
    try:
        return Version(s)
    except Exception:
        return None


def parse_range(s):
    try:
        return VersionRange(s)
    except Exception:
        return None


def opt(x):
    return None if x is None else str(x)


cases = {"versions": [], "version_pairs": [], "ranges": [], "range_pairs": [], "requirements": [],
         "requirement_pairs": [], "requirement_lists": []}

# versions: parse + str; pairwise order
vstrs = [version_str() for _ in range(1500)] + [mutate(version_str()) for _ in range(500)] + ["", "1", "1.0", "1-0", "01", "1a", "1_", "1é2", "1  2", ".1", "1."]
for s in vstrs:
    v = parse_version(s)
    cases["versions"].append({"input": s, "ok": v is not None, "str": opt(v), "len": len(v) if v is not None else None,
                              "next": (str(v.next()) if v else None) if v is not None else None})
valid = [s for s in vstrs if parse_version(s) is not None]
for _ in range(3000):
    a, b = rng.choice(valid), rng.choice(valid)
    if rng.random() < 0.3:
        b = a.replace(".", "-") if rng.random() < 0.5 else a + rng.choice([".0", "_", "a", ".1"])
        if parse_version(b) is None:
            b = a
    va, vb = Version(a), Version(b)
    cases["version_pairs"].append({"a": a, "b": b, "cmp": (va > vb) - (va < vb)})

# ranges: parse + str + properties + containment
rstrs = [range_str() for _ in range(2500)] + ["", "|", "1|", "|1", "3+<2|", "|3+<2", "\n", "1\n", "1|\n", "<", "<>1", "+>1", "1..", "..1", "==", "<=", ">"]
for s in rstrs:
    r = parse_range(s)
    entry = {"input": s, "ok": r is not None}
    if r is not None:
        vs = [rng.choice(valid) for _ in range(6)]
        entry.update({
            "str": str(r), "is_any": r.is_any(), "lower_bounded": r.lower_bounded(),
            "upper_bounded": r.upper_bounded(), "inverse": opt(r.inverse()), "span": str(r.span()),
            "contains": [[v, Version(v) in r] for v in vs],
        })
    cases["ranges"].append(entry)
valid_r = [s for s in rstrs if parse_range(s) is not None]
for _ in range(2500):
    a, b = rng.choice(valid_r), rng.choice(valid_r)
    ra, rb = VersionRange(a), VersionRange(b)
    cases["range_pairs"].append({
        "a": a, "b": b, "intersection": opt(ra & rb), "union": str(ra | rb), "difference": opt(ra - rb),
        "intersects": ra.intersects(rb), "issuperset": ra.issuperset(rb), "issubset": ra.issubset(rb),
        "eq": ra == rb, "lt": ra < rb,
    })

# requirements
qstrs = [requirement_str() for _ in range(2500)] + ["foo", "~foo", "!foo", "~foo-", "foo-", "foo==", ".foo-1", "!.foo", "~.foo", "foo<2", "foo@1", "foo#1+", "-1", "", "~", "!"]
for s in qstrs:
    entry = {"input": s}
    try:
        q = Requirement(s)
        entry.update({"ok": True, "str": str(q), "name": q.name, "conflict": q.conflict, "weak": q.weak,
                      "range": opt(q.range)})
    except Exception:
        entry["ok"] = False
    try:
        PackageRequest(s)
        entry["request_ok"] = True
    except Exception:
        entry["request_ok"] = False
    cases["requirements"].append(entry)
valid_q = [s for s in qstrs if cases["requirements"][qstrs.index(s)]["ok"]]
by_name = {}
for s in valid_q:
    by_name.setdefault(Requirement(s).name, []).append(s)
families = [v for v in by_name.values() if len(v) > 1]
for _ in range(2500):
    fam = rng.choice(families)
    a, b = rng.choice(fam), rng.choice(fam)
    qa, qb = Requirement(a), Requirement(b)
    v = rng.choice(valid)
    from rez.version import VersionedObject
    cases["requirement_pairs"].append({
        "a": a, "b": b, "conflicts_with": qa.conflicts_with(qb), "merged": opt(qa.merged(qb)), "eq": qa == qb,
        "version": v, "conflicts_with_version": qa.conflicts_with(VersionedObject.construct(qa.name, Version(v))),
    })
for _ in range(800):
    items = [rng.choice(rng.choice(families)) for _ in range(rng.randint(1, 5))]
    rl = RequirementList([Requirement(x) for x in items])
    c = rl.conflict
    cases["requirement_lists"].append({
        "items": items, "str": str(rl), "conflict": None if c is None else [str(c[0]), str(c[1])],
        "names": sorted(rl.names), "conflict_names": sorted(rl.conflict_names),
    })

json.dump(cases, sys.stdout, indent=0, ensure_ascii=False)
