"""Writes the corpus's generated repositories: what rez-bind, rez-pip
--install and rez-cp write, run with rez 3.4.0 on this machine.

    python3 tests/corpus/generate.py REZ_BIN_DIR OUT_DIR [STEP ...]

STEPs are bind, pip and cp (all three by default; pip and cp read bind/).

REZ_BIN_DIR holds rez's commands (rez-bind, rez-pip, rez-cp); OUT_DIR gets
bind/, pip/ and cp/ repositories. Only the package definition files are
kept (the payloads rez-bind and rez-pip install beside them are deleted):
those are what a solve reads, and they are small enough to commit. pip
downloads the PyPI packages listed in PIP_PACKAGES.
"""
import os
import shutil
import subprocess
import sys

# Real PyPI packages, some at two versions so that families hold several.
PIP_PACKAGES = [
    "requests", "requests==2.25.1", "flask", "click==7.1.2", "jinja2",
    "pyyaml", "six", "six==1.15.0", "attrs", "pytest", "rich", "pydantic",
    "httpx", "sqlalchemy", "packaging", "pygments", "docutils", "toml",
    "tqdm", "python-dateutil", "pytz", "markdown", "psutil", "networkx",
    "sympy", "numpy", "pillow", "lxml", "cryptography", "black", "boto3",
    "sphinx", "urllib3==1.26.18",
]

# Families rez-cp copies from the bind repository into cp/.
CP_PACKAGES = ["python", "pip", "setuptools", "platform", "arch", "os"]


def run(args, env):
    print("+", " ".join(args), flush=True)
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)


def keep_definitions_only(root):
    """Deletes everything but <family>/<version>/package.py|yaml and
    <family>/package.py|yaml (what a repository's solve reads)."""
    for family in os.listdir(root):
        fdir = os.path.join(root, family)
        if not os.path.isdir(fdir):
            continue
        for entry in os.listdir(fdir):
            path = os.path.join(fdir, entry)
            if os.path.isdir(path) and not entry.startswith("."):
                for sub in os.listdir(path):
                    if sub not in ("package.py", "package.yaml"):
                        sp = os.path.join(path, sub)
                        (shutil.rmtree if os.path.isdir(sp) and not os.path.islink(sp) else os.remove)(sp)
            elif entry not in ("package.py", "package.yaml"):
                (shutil.rmtree if os.path.isdir(path) else os.remove)(path)


def main():
    bin_dir, out = sys.argv[1], os.path.abspath(sys.argv[2])
    steps = sys.argv[3:] or ["bind", "pip", "cp"]
    env = dict(os.environ, REZ_DISABLE_HOME_CONFIG="1")
    bind, pip, cp = (os.path.join(out, d) for d in ("bind", "pip", "cp"))
    failed = []
    if "bind" in steps:
        shutil.rmtree(bind, ignore_errors=True)
        run([os.path.join(bin_dir, "rez-bind"), "--quickstart", "--install-path", bind], env)
    env["REZ_PACKAGES_PATH"] = bind
    if "pip" in steps:
        shutil.rmtree(pip, ignore_errors=True)
        for package in PIP_PACKAGES:
            try:
                run([os.path.join(bin_dir, "rez-pip"), "--install", package, "--prefix", pip], env)
            except subprocess.CalledProcessError:
                failed.append(package)
    if "cp" in steps:
        shutil.rmtree(cp, ignore_errors=True)
        os.makedirs(cp)
        for family in CP_PACKAGES:
            run([os.path.join(bin_dir, "rez-cp"), "--allow-empty", "--dest-path", cp, family], env)
    for d in (bind, pip, cp):
        if os.path.isdir(d):
            keep_definitions_only(d)
    if failed:
        print("rez-pip failed on: %s" % ", ".join(failed))


if __name__ == "__main__":
    main()
