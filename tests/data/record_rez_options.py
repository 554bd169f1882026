"""Answers generated repositories with rez 3.4.0 itself, under rez-env's
filter, time and build options.

usage: python record_rez_options.py [CASES] [SEED] > rez_options.json

Generates (seeded) small repositories whose packages have timestamps (some
none), variants, build_requires and private_build_requires, a request, and
one set of rez-env options: --exclude / --include rules of every kind
(glob, regex, range, before, after, before(family:T)), --time, --build,
a configured package_filter (REZ_PACKAGE_FILTER_JSON), --no-filters, and
combinations. Each repository is written as package.py files and resolved
with ResolvedContext the way rez/cli/env.py builds it (the filter list from
the configured value, or empty with --no-filters; add_exclusion for each
--exclude, add_inclusion for each --include; timestamp and building passed
through), with add_implicit_packages=False, in both variant select modes,
once with the options and once without (the baseline, to measure how often
an option changes the answer). Records status solved / failed / error, the
resolved variants as [name, version, index], rez's failure description, or
the exception's type and message.
"""
import json
import os
import random
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
os.environ["REZ_RESOLVE_CACHING"] = "false"
os.environ["REZ_PACKAGE_CACHE_DISABLE"] = "1"

from rez.config import config  # noqa: E402
from rez.package_filter import PackageFilterList, Rule  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402

MODES = ("version_priority", "intersection_priority")
NAMES = ["app", "base", "core", "lib", "py", "tool"]
VERSIONS = ["1.0", "1.1", "1.2.beta", "2.0", "2.1", "2.2.beta", "3", "3.0.1", "4.0"]
TIMES = list(range(1000, 9001, 500))


def range_over(rng, versions):
    # VERSIONS is in rez's version order, so v < w makes a valid range
    v, w = sorted(rng.sample(versions, 2) if len(versions) > 1 else versions * 2, key=VERSIONS.index)
    v = rng.choice([v, w])
    choices = [v, v, v + "+", "<" + w, "==" + v, "%s|%s" % (v, w)]
    if v != w:
        choices.append("%s+<%s" % (v, w))
    return rng.choice(choices)


def requirement(rng, families, exclude=()):
    names = [n for n in families if n not in exclude]
    if not names:
        return None
    name = rng.choice(names)
    prefix = rng.choice(["", "", "", "", "", "", "", "", "", "~", "!"])
    if rng.random() < 0.5:
        return prefix + name
    r = range_over(rng, families[name])
    sep = "" if r[0] in "<>=" else "-"
    return prefix + name + sep + r


def gen_repo(rng):
    names = rng.sample(NAMES, rng.randint(2, 5))
    families = {n: sorted(rng.sample(VERSIONS, rng.randint(2, 5)), key=VERSIONS.index) for n in names}
    repo = {}
    for at, (name, versions) in enumerate(families.items()):
        # a package requires only families after its own in `names`: no
        # cycles, where rez 3.4.0 often crashes (a TypeError) instead of
        # failing the resolve
        later = {n: families[n] for n in names[at + 1:]}
        packages = []
        for v in versions:
            p = {"version": v}
            p["timestamp"] = None if rng.random() < 0.15 else rng.choice(TIMES)

            def reqs(n, used):
                out = []
                for _ in range(n):
                    r = requirement(rng, later, used)
                    if r is None:
                        break
                    used.add(r.lstrip("~!").split("-")[0].split("<")[0].split("=")[0])
                    out.append(r)
                return out
            used = {name}
            p["requires"] = reqs(rng.randint(0, 2), used)
            variants = [reqs(rng.randint(1, 2), set(used)) for _ in range(rng.choice([0, 0, 1, 2, 3]))]
            # an empty variant makes rez 3.4.0's variant sort crash (a TypeError)
            p["variants"] = variants if all(variants) else []
            # build requirements may name a family the package requires too:
            # a clash is rez's internal-conflict error
            clash = {name} if rng.random() < 0.2 else set(used)
            p["build_requires"] = reqs(rng.randint(1, 2), clash) if rng.random() < 0.45 else []
            p["private_build_requires"] = reqs(1, {name}) if rng.random() < 0.25 else []
            packages.append(p)
        repo[name] = packages
    request = [requirement(rng, families) for _ in range(rng.randint(1, 3))]
    return repo, request


def gen_rule(rng, repo, kind):
    fam = rng.choice(list(repo))
    versions = [p["version"] for p in repo[fam]]
    v = rng.choice(versions)
    major = v.split(".")[0]
    stamps = sorted(p["timestamp"] for ps in repo.values() for p in ps if p["timestamp"])
    t = stamps[len(stamps) // 2] if stamps else 5000
    t = rng.choice([t, t, rng.choice(TIMES)])
    if kind == "glob":
        return rng.choice(["*.beta", "%s-%s*" % (fam, major), "*-%s.*" % major, "glob(*.0)", "%s-*" % fam])
    if kind == "regex":
        return rng.choice([
            "regex(%s-%s\\..*)" % (fam, major),
            "regex(.*\\.beta$)",
            "regex(.*-[12]\\..*)",
            "regex(%s-(?!%s).*)" % (fam, major),
        ])
    if kind == "range":
        return rng.choice(["%s-%s+" % (fam, v), "%s<%s" % (fam, v), "range(%s-%s)" % (fam, major), fam])
    if kind == "before":
        return "before(%d)" % t
    if kind == "after":
        return "after(%d)" % t
    if kind == "family_time":
        return "%s(%s:%d)" % (rng.choice(["before", "after"]), fam, t)
    raise ValueError(kind)


RULE_KINDS = ["glob", "regex", "range", "before", "after", "family_time"]

# (label, how often) of the option sets generated
SCENARIOS = [
    ("exclude", 6), ("exclude+include", 3), ("time", 3), ("build", 3), ("config", 2),
    ("config+no_filters", 1), ("time+include", 2), ("time+exclude", 1), ("build+exclude", 1),
    ("build+time", 1), ("config+exclude+time+build", 1),
]


def gen_options(rng, repo):
    label = rng.choices([s for s, _ in SCENARIOS], [w for _, w in SCENARIOS])[0]
    opts = {"scenario": label, "exclude": [], "include": [], "time": None, "build": False,
            "config": None, "no_filters": False}
    parts = label.split("+")
    stamps = sorted(p["timestamp"] for ps in repo.values() for p in ps if p["timestamp"])
    if "exclude" in parts:
        kinds = rng.sample(RULE_KINDS, rng.choice([1, 1, 2]))
        opts["exclude"] = [gen_rule(rng, repo, k) for k in kinds]
    if "include" in parts:
        opts["include"] = [gen_rule(rng, repo, rng.choice(["glob", "range", "range", "regex", "family_time"]))]
    if "time" in parts:
        if stamps and rng.random() < 0.9:
            opts["time"] = rng.choice(stamps[: max(1, len(stamps) * 2 // 3)])
        else:
            opts["time"] = 0
    if "build" in parts:
        opts["build"] = True
    if "config" in parts:
        filters = []
        for _ in range(rng.randint(1, 2)):
            f = {"excludes": [gen_rule(rng, repo, rng.choice(RULE_KINDS))]}
            if rng.random() < 0.4:
                f["includes"] = [gen_rule(rng, repo, rng.choice(["range", "glob"]))]
            filters.append(f)
        opts["config"] = filters[0] if len(filters) == 1 and rng.random() < 0.3 else filters
    if "no_filters" in parts:
        opts["no_filters"] = True
    return opts


def write_repo(root, repo):
    for name, packages in repo.items():
        for p in packages:
            d = os.path.join(root, name, p["version"])
            os.makedirs(d)
            lines = ["name = %r" % name, "version = %r" % p["version"]]
            for key in ("requires", "variants", "build_requires", "private_build_requires"):
                if p[key]:
                    lines.append("%s = %r" % (key, p[key]))
            if p["timestamp"] is not None:
                lines.append("timestamp = %d" % p["timestamp"])
            with open(os.path.join(d, "package.py"), "w") as f:
                f.write("\n".join(lines) + "\n")


def filter_list(opts):
    # rez/cli/env.py, with the configured package_filter given as opts["config"]
    if opts["no_filters"] or opts["config"] is None:
        flist = PackageFilterList()
    else:
        pod = opts["config"] if isinstance(opts["config"], list) else [opts["config"]]
        flist = PackageFilterList.from_pod(pod)
    for text in opts["exclude"]:
        flist.add_exclusion(Rule.parse_rule(text))
    for text in opts["include"]:
        flist.add_inclusion(Rule.parse_rule(text))
    return flist


def answer(root, request, opts):
    out = {}
    try:
        kwargs = {}
        if opts is not None:
            kwargs = dict(package_filter=filter_list(opts), timestamp=opts["time"] or None,
                          building=opts["build"])
        else:
            kwargs = dict(package_filter=PackageFilterList())
        c = ResolvedContext(package_requests=request, package_paths=[root],
                            add_implicit_packages=False, **kwargs)
        out["status"] = c.status.name
        if out["status"] == "solved":
            out["resolved"] = [[v.name, str(v.version), v.index] for v in c.resolved_packages]
        else:
            out["failure"] = c.failure_description
    except Exception as e:
        out["status"] = "error"
        out["error"] = "%s: %s" % (type(e).__name__, str(e).replace(root, "<repo>"))
    return out


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 13
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        repo, request = gen_repo(rng)
        opts = gen_options(rng, repo)
        record = {"families": repo, "request": request, "options": opts}
        with tempfile.TemporaryDirectory() as root:
            write_repo(root, repo)
            for mode in MODES:
                config.override("variant_select_mode", mode)
                record[mode] = {"baseline": answer(root, request, None),
                                "answer": answer(root, request, opts)}
        cases.append(record)
    json.dump({"rez": "3.4.0", "seed": seed, "cases": cases}, sys.stdout, indent=0)


main()
