"""Records what `rez env` 3.4.0 answers, from the command line, on the
issue's pigeonhole repository (11 families p0..p10 of 10 versions each,
pI-v requiring hv==I, so every pair of pigeons conflicts, and only late)
with `--max-fails 100` and with `--time-limit 2`, into
`rez-3.4.0-limits-cli.json` (read by `tests/limits_cli.rs`).

    ~/rez-venv/bin/python record_rez_limits_cli.py

Each case runs `rez env --ni p0 ... p10 FLAGS --output FILE` in a fresh
process and loads the saved context: its status (solved / failed /
aborted) and its failure description (rez's text for a fail limit, or the
abort reason). The wall time rez took is kept for reference only.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

PIGEONS, HOLES = 11, 10
FLAGS = [["--max-fails", "100"], ["--time-limit", "2"]]


def write_repo(root):
    def pkg(name, version, requires):
        d = os.path.join(root, name, version)
        os.makedirs(d)
        with open(os.path.join(d, "package.py"), "w") as f:
            f.write("name = %r\nversion = %r\nrequires = %r\n" % (name, version, requires))

    for i in range(PIGEONS):
        for v in range(1, HOLES + 1):
            pkg("p%d" % i, str(v), ["h%d==%d" % (v, i)])
    for v in range(1, HOLES + 1):
        for i in range(PIGEONS):
            pkg("h%d" % v, str(i), [])


def main():
    cases = []
    with tempfile.TemporaryDirectory() as root:
        repo = os.path.join(root, "repo")
        write_repo(repo)
        env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
        env.update({"REZ_DISABLE_HOME_CONFIG": "1", "REZ_RESOLVE_CACHING": "false",
                    "REZ_PACKAGES_PATH": repo, "HOME": os.path.join(root, "home")})
        request = ["p%d" % i for i in range(PIGEONS)]
        for flags in FLAGS:
            out = os.path.join(root, "context.rxt")
            start = time.time()
            p = subprocess.run([sys.executable, "-m", "rez.cli._main", "env", "--ni"] + request
                               + flags + ["--output", out], env=env, capture_output=True,
                               text=True)
            took = time.time() - start
            from rez.resolved_context import ResolvedContext
            c = ResolvedContext.load(out)
            os.remove(out)
            cases.append({"request": request, "flags": flags, "status": c.status.name,
                          "description": c.failure_description, "exit_code": p.returncode,
                          "rez_seconds": round(took, 1)})
            print(flags, c.status.name, round(took, 1), file=sys.stderr)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rez-3.4.0-limits-cli.json")
    with open(path, "w") as f:
        json.dump({"rez": "3.4.0", "pigeons": PIGEONS, "holes": HOLES, "cases": cases}, f,
                  indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
