"""Answers generated repositories with rez 3.4.0 itself.

usage: python record_rez_random.py repos.json > rez_random.json
(repos.json from `cargo run -p rer-tests --example gen_random_repos`).
Each repository is written as package.py files to a temporary directory and
resolved with ResolvedContext(add_implicit_packages=False). Records, per case and
per variant_select_mode, status solved / failed / error, the resolved variants as [name, version,
index], rez's failure description, or the exception's type and message.
"""
import json
import os
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
os.environ["REZ_RESOLVE_CACHING"] = "false"
os.environ["REZ_PACKAGE_CACHE_DISABLE"] = "1"

from rez.config import config  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402

MODES = ("version_priority", "intersection_priority")


def write_repo(root, families):
    for name, packages in families.items():
        for p in packages:
            d = os.path.join(root, name, p["version"])
            os.makedirs(d)
            lines = ["name = %r" % name, "version = %r" % p["version"]]
            if p["requires"]:
                lines.append("requires = %r" % (p["requires"],))
            if p["variants"]:
                lines.append("variants = %r" % (p["variants"],))
            with open(os.path.join(d, "package.py"), "w") as f:
                f.write("\n".join(lines) + "\n")


cases = json.load(open(sys.argv[1]))["cases"]
out = []
for case in cases:
    with tempfile.TemporaryDirectory() as root:
        write_repo(root, case["families"])
        record = dict(case)
        for mode in MODES:
            answer = {}
            config.override("variant_select_mode", mode)
            try:
                c = ResolvedContext(package_requests=case["request"], package_paths=[root], add_implicit_packages=False)
                status = c.status.name
                answer["status"] = status
                if status == "solved":
                    answer["resolved"] = [[v.name, str(v.version), v.index] for v in c.resolved_packages]
                    answer["ephemerals"] = [str(e) for e in c.resolved_ephemerals]
                else:
                    answer["failure"] = c.failure_description
            except Exception as e:
                answer["status"] = "error"
                answer["error"] = "%s: %s" % (type(e).__name__, str(e).replace(root, "<repo>"))
            record[mode] = answer
    out.append(record)
json.dump({"rez": "3.4.0", "cases": out}, sys.stdout, indent=0)
