"""Records rez 3.4.0's failure printout and resolve graphs on rez's benchmark.

usage: python record_rez_benchmark_graphs.py PACKAGES_DIR REQUESTS_JSON > rez_benchmark_graphs.json

For the first eight requests of the benchmark (among them its one failing
request, the third), resolved
with ResolvedContext(add_implicit_packages=False) under three PYTHONHASHSEED
values (a child process each): the status, the failure description, the lines
`print_info` prints from "The context failed to resolve:" up to the
`--fail-graph` hint, and the dot text of the graph. `answers` lists the
distinct answers seen over the seeds.
"""
import json
import os
import subprocess
import sys

SEEDS = ("0", "1", "2")


def child(packages_dir, requests_json):
    os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
    os.environ["REZ_RESOLVE_CACHING"] = "false"
    os.environ["REZ_PACKAGE_CACHE_DISABLE"] = "1"
    from rez.resolved_context import ResolvedContext
    from record_rez_failures import context_answer

    requests = json.load(open(requests_json))[:8]
    out = []
    for i, request in enumerate(requests):
        c = ResolvedContext(package_requests=request, package_paths=[packages_dir],
                            add_implicit_packages=False)
        answer = context_answer(c)
        out.append({"index": i, "request": request, "answer": answer})
    json.dump(out, sys.stdout)


def main(packages_dir, requests_json):
    runs = []
    for seed in SEEDS:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        text = subprocess.check_output(
            [sys.executable, __file__, "--child", packages_dir, requests_json], env=env)
        runs.append(json.loads(text))
    cases = []
    for k, first in enumerate(runs[0]):
        answers = []
        for run in runs:
            if run[k]["answer"] not in answers:
                answers.append(run[k]["answer"])
        cases.append({"index": first["index"], "request": first["request"], "answers": answers})
    json.dump({"rez": "3.4.0", "seeds": list(SEEDS), "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
