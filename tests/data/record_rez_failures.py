"""Records rez 3.4.0's failure printout and resolve graph on the repositories
in repos/*.txt (the text format of rer_provider_memory::TextRepo).

usage: python record_rez_failures.py > rez_failures.json
       python record_rez_failures.py --random rez_random.json > rez_random_failures.json

With --random, the cases are instead the generated repositories of
rez_random.json (record_rez_random.py) that rez failed in either mode, each
named by its position there.

Each repository is written as package.py files to a temporary directory; each
of its `request:` lines is resolved with ResolvedContext(add_implicit_packages=
False) in both variant select modes, under eight PYTHONHASHSEED values (one
child process per seed: rez's graph depends on set order in places). Recorded
per request and mode: the status, rez's failure description, the lines
`ResolvedContext.print_info` prints from "The context failed to resolve:" up to
the `--fail-graph` hint (what `rez env` prints for the failure), and the dot
text of the graph (`context.graph(as_dot=True)`, what `rez env --fail-graph`
renders). `answers` lists the distinct whole answers seen over the seeds (more
than one only where rez's answer depends on the hash seed); `seed_answers`
gives, for each seed of `seeds` in turn, the index in `answers` of the answer
rez gave under it. `listings` gives, per case and family, the version
directory names in the order `os.listdir` gave them to rez: rez iterates them
through a Python set, so where its answer shows that order (a total
reduction's list), it follows both the directory listing, which depends on
the file system, and the seed.
"""
import io
import json
import os
import subprocess
import sys
import tempfile

SEEDS = ("0", "1", "2", "3", "4", "5", "6", "7")
MODES = ("version_priority", "intersection_priority")
HERE = os.path.dirname(os.path.abspath(__file__))


def parse(text):
    packages, requests = [], []
    for raw in text.splitlines():
        line = raw.split("#")[0].strip()
        if not line:
            continue
        first = line.split()[0]
        if first.endswith(":"):
            if first == "request:":
                requests.append(line.split()[1:])
            continue
        parts = line.split("|")
        head = parts[0]
        what, _, shared = head.partition(":")
        name, version = what.split()
        packages.append(dict(name=name, version=version, requires=shared.split(),
                             variants=[p.split() for p in parts[1:]]))
    return packages, requests


def write_repo(root, packages):
    for p in packages:
        d = os.path.join(root, p["name"], p["version"])
        os.makedirs(d)
        lines = ["name = %r" % p["name"], "version = %r" % p["version"]]
        if p["requires"]:
            lines.append("requires = %r" % (p["requires"],))
        if p["variants"]:
            lines.append("variants = %r" % (p["variants"],))
        with open(os.path.join(d, "package.py"), "w") as f:
            f.write("\n".join(lines) + "\n")


def cases(random_json):
    """(name, packages, requests) of every case."""
    if random_json:
        for i, case in enumerate(json.load(open(random_json))["cases"]):
            if "failed" not in (case["version_priority"]["status"], case["intersection_priority"]["status"]):
                continue
            packages = [dict(name=n, version=p["version"], requires=p["requires"], variants=p["variants"])
                        for n, ps in case["families"].items() for p in ps]
            yield "random-%d" % i, packages, [case["request"]]
        return
    repos = os.path.join(HERE, "repos")
    for fname in sorted(os.listdir(repos)):
        if fname.endswith(".txt"):
            packages, requests = parse(open(os.path.join(repos, fname)).read())
            yield fname[:-4], packages, requests


def context_answer(c):
    """A resolved context's status; for a failure its description and the
    lines print_info prints from "The context failed to resolve:" up to the
    --fail-graph hint; and the dot text of its graph (printed first, as
    rez env does: write_dot changes the graph's edge attributes)."""
    answer = {"status": c.status.name}
    if c.status.name != "solved":
        answer["description"] = c.failure_description
        buf = io.StringIO()
        c.print_info(buf=buf)
        lines = buf.getvalue().split("\n")
        start = lines.index("The context failed to resolve:")
        end = max(i for i, l in enumerate(lines) if l.startswith("To see a graph"))
        answer["printout"] = lines[start:end]
    answer["dot"] = c.graph(as_dot=True)
    return answer


def child(random_json):
    """Answers every case under this process's hash seed."""
    os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
    os.environ["REZ_RESOLVE_CACHING"] = "false"
    os.environ["REZ_PACKAGE_CACHE_DISABLE"] = "1"
    from rez.config import config
    from rez.resolved_context import ResolvedContext

    out = {}
    listings = {}
    for name, packages, requests in cases(random_json):
        with tempfile.TemporaryDirectory() as root:
            write_repo(root, packages)
            listings[name] = {fam: os.listdir(os.path.join(root, fam)) for fam in sorted(os.listdir(root))}
            for request in requests:
                for mode in MODES:
                    config.override("variant_select_mode", mode)
                    key = "\x1f".join((name, "\t".join(request), mode))
                    answer = {}
                    try:
                        c = ResolvedContext(package_requests=request, package_paths=[root],
                                            add_implicit_packages=False)
                        answer = context_answer(c)
                        if c.status.name == "solved":
                            answer["resolved"] = [[v.name, str(v.version), v.index] for v in c.resolved_packages]
                    except Exception as e:
                        answer["status"] = "error"
                        answer["error"] = "%s: %s" % (type(e).__name__, str(e).replace(root, "<repo>"))
                    out[key] = answer
    json.dump({"answers": out, "listings": listings}, sys.stdout)


def main(random_json):
    runs = []
    for seed in SEEDS:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        args = [sys.executable, __file__, "--child"] + (["--random", random_json] if random_json else [])
        text = subprocess.check_output(args, env=env)
        runs.append(json.loads(text))
    listings = runs[0]["listings"]
    if any(run["listings"] != listings for run in runs):
        sys.exit("the directory listings differ between the seeds' runs")
    runs = [run["answers"] for run in runs]
    records = []
    for key in runs[0]:
        case, request, mode = key.split("\x1f")
        answers = []
        for run in runs:
            if run[key] not in answers:
                answers.append(run[key])
        records.append({"case": case, "request": request.split("\t"), "mode": mode, "answers": answers,
                        "seed_answers": [answers.index(run[key]) for run in runs]})
    seeds = SEEDS
    json.dump({"rez": "3.4.0", "seeds": list(seeds), "listings": listings, "cases": records}, sys.stdout,
              indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    argv = sys.argv[1:]
    child_mode = "--child" in argv
    random_json = argv[argv.index("--random") + 1] if "--random" in argv else None
    if child_mode:
        child(random_json)
    else:
        main(random_json)
