"""Ask rez itself about rez's benchmark, for rer's differential test.

usage:
  python rez_benchmark.py resolves PACKAGES_DIR REQUESTS_JSON OUT_JSON
      resolve every request with rez (ResolvedContext, no implicit packages)
      and write the answers in the format of rez-benchmark/resolves.json
  python rez_benchmark.py packages PACKAGES_DIR OUT_JSON
      read every package with rez and write them in the packages.json format

Run it with a Python that has rez installed (cargo xtask record-rez makes one).
"""
import json
import os
import sys

os.environ.setdefault("REZ_DISABLE_HOME_CONFIG", "1")
os.environ.setdefault("REZ_RESOLVE_CACHING", "false")


def resolves(packages_dir, requests_json, out_json):
    from rez.resolved_context import ResolvedContext

    requests = json.load(open(requests_json))
    records = []
    for i, request in enumerate(requests):
        context = ResolvedContext(
            package_requests=request,
            package_paths=[packages_dir],
            add_implicit_packages=False,
        )
        status = context.status.name
        resolved = []
        if status == "solved":
            for variant in context.resolved_packages:
                index = "" if variant.index is None else str(variant.index)
                resolved.append(f"{variant.name}/{variant.version}/package.py[{index}]")
        record = {"request": request, "status": "success" if status == "solved" else status}
        if status == "solved":
            record["resolved_packages"] = resolved
        records.append(record)
        print(f"{i + 1}/{len(requests)} {status}", file=sys.stderr)
    with open(out_json, "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")


def packages(packages_dir, out_json):
    from rez.packages import iter_package_families

    families = {}
    for family in iter_package_families(paths=[packages_dir]):
        entries = []
        for package in family.iter_packages():
            entries.append({
                "name": package.name,
                "version": str(package.version),
                "requires": [str(r) for r in (package.requires or [])],
                "variants": [[str(r) for r in v] for v in (package.variants or [])],
                "timestamp": package.timestamp,
            })
        families[family.name] = entries
    with open(out_json, "w") as f:
        json.dump({"families": families}, f)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"resolves": resolves, "packages": packages}[command](*args)
