"""Records what rez 3.4.0 does with entries it may not read inside a family
directory, as root and as the unprivileged user `nobody`.

usage: python record_rez_permissions.py   (as root; writes
rez_permissions.json beside this script)

Each case is built in a fresh directory (world-readable, so `nobody` can
reach it), then the modes listed are applied. rez is imported and its
filesystem repository plugin loaded as root; per case, one forked child
reads as root and another drops to uid/gid 65534 (`nobody`) first; each runs `rez.packages.iter_packages(family,
paths=[root])` and each package's `requires`. The outcome is recorded as in record_rez_hostile.py:
`{"packages": [...]}` or `{"error": type, "message": ...}`. The test
(`tests/permissions.rs`) builds the same trees, reads them as root and as
`nobody` (a child run with that uid) and checks rer gets rez's outcome.
"""
import json
import os
import shutil
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
HERE = os.path.dirname(os.path.abspath(__file__))
P = "requires = ['x']\n"

# files: path -> text; links: path -> target (relative to the case root when
# it starts with "@"); modes: path -> octal mode, applied last.
CASES = {
    "perm_version_dir": dict(
        files={"fam/1.0/package.py": P, "fam/2.0/package.py": P},
        modes={"fam/2.0": 0o000}),
    "perm_definition_file": dict(
        files={"fam/1.0/package.py": P, "fam/2.0/package.py": P},
        modes={"fam/2.0/package.py": 0o000}),
    "perm_symlink_target": dict(
        files={"fam/1.0/package.py": P, "locked/2.0/package.py": P},
        links={"fam/2.0": "@locked/2.0"},
        modes={"locked": 0o000}),
    "perm_family_dir": dict(
        files={"fam/1.0/package.py": P},
        modes={"fam": 0o000}),
    "perm_hidden_locked": dict(
        files={"fam/1.0/package.py": P, "fam/.git/x": "x"},
        modes={"fam/.git": 0o000}),
}


def build(root, case):
    for rel, text in case["files"].items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    for rel, target in case.get("links", {}).items():
        if target.startswith("@"):
            target = os.path.join(root, target[1:])
        os.symlink(target, os.path.join(root, rel))
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    for rel, mode in case.get("modes", {}).items():
        os.chmod(os.path.join(root, rel), mode)


def outcome(root):
    from rez.packages import iter_packages

    try:
        packages = []
        for p in iter_packages("fam", paths=[root]):
            packages.append({
                "version": str(p.version),
                "requires": [str(r) for r in (p.requires or [])],
            })
        packages.sort(key=lambda p: p["version"])
        return {"packages": packages}
    except BaseException as e:
        return {"error": type(e).__name__,
                "message": str(e).replace(root, "ROOT")[:300]}


def in_child(root, nobody):
    """The outcome in a forked child (so no rez cache of an earlier read is
    seen), run as `nobody` when asked."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        if nobody:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        got = outcome(root)
        os.write(write, json.dumps(got).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while True:
        chunk = os.read(read, 65536)
        if not chunk:
            break
        data += chunk
    os.waitpid(pid, 0)
    return json.loads(data)


def main():
    # Load rez and its filesystem plugin while root may read everything.
    warm = tempfile.mkdtemp()
    build(warm, {"files": {"fam/1.0/package.py": P}})
    assert outcome(warm)["packages"]
    shutil.rmtree(warm)
    results = {}
    for name, case in CASES.items():
        root = tempfile.mkdtemp()
        build(root, case)
        results[name] = {
            "case": case,
            "root": in_child(root, False),
            "nobody": in_child(root, True),
        }
        print(name, json.dumps(results[name])[:300], file=sys.stderr)
        for dirpath, dirnames, filenames in os.walk(root):
            os.chmod(dirpath, 0o755)
        shutil.rmtree(root)
    with open(os.path.join(HERE, "rez_permissions.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
