"""Records what rez 3.4.0 itself answers on configured sites.

usage: python record_rez_sites.py > rez-3.4.0-sites.json
(with the Python that has rez 3.4.0: ~/rez-venv/bin/python).

Each site is a temporary directory holding one package repository (with
variants for several platforms, a local repository, an unversioned package),
rezconfig files (YAML, Python with ModifyList, home configs) and the
environment variables that configure it. For each site the script runs
`rez env REQUEST... FLAGS --output FILE` in a fresh process per case (rez
reads its configuration once per process), loads the saved context and
records its status and resolved variants; a resolve that raises is recorded
as an error with its message. It also records `rez config --json SETTING`
for every setting rer reads. Paths under the site's directory are written
as `{root}`, so the test can rebuild the site anywhere and compare.
"""
import json
import os
import subprocess
import sys
import tempfile

PYTHON = sys.executable
REZ = [PYTHON, "-m", "rez.cli._main"]

SETTINGS = [
    "packages_path",
    "local_packages_path",
    "implicit_packages",
    "package_filter",
    "package_orderers",
    "variant_select_mode",
    "error_on_missing_variant_requires",
    "allow_unversioned_packages",
]


def pkg(name, version, requires=None, variants=None):
    lines = ["name = %r" % name]
    if version:
        lines.append("version = %r" % version)
    if requires:
        lines.append("requires = %r" % (requires,))
    if variants:
        lines.append("variants = %r" % (variants,))
    return "\n".join(lines) + "\n"


# The shared repository: site packages in repo/, newer local ones in local/.
REPO = {}
for name, versions in {
    "platform": ["linux", "osx", "windows"],
    "arch": ["x86_64", "arm64", "AMD64"],
    "os": ["Debian-12", "Ubuntu-22.04", "osx-14.2", "windows-10"],
}.items():
    for v in versions:
        REPO["repo/%s/%s/package.py" % (name, v)] = pkg(name, v)
REPO.update({
    # Variants for several platforms: which one rez picks depends on the
    # implicit packages.
    "repo/tool/1.0/package.py": pkg("tool", "1.0", variants=[
        ["platform-osx", "arch-arm64"],
        ["platform-linux", "arch-x86_64"],
        ["platform-windows", "arch-AMD64"],
    ]),
    "repo/lib/2.0/package.py": pkg("lib", "2.0", variants=[
        ["os-Ubuntu-22.04"], ["os-Debian-12"], ["os-osx-14.2"],
    ]),
    "repo/lib/1.0/package.py": pkg("lib", "1.0"),
    # variant_select_mode: intersection_priority prefers the variant naming
    # more requested families.
    "repo/a/1/package.py": pkg("a", "1"),
    "repo/a/2/package.py": pkg("a", "2"),
    "repo/b/1/package.py": pkg("b", "1"),
    "repo/vs/1/package.py": pkg("vs", "1", variants=[["a-1", "b"], ["a-2"]]),
    # error_on_missing_variant_requires: the first variant needs a family
    # that does not exist.
    "repo/miss/1/package.py": pkg("miss", "1", variants=[["nosuchfamily"], ["a"]]),
    # allow_unversioned_packages: an unversioned definition beside a version.
    "repo/unv/package.py": pkg("unv", None, requires=["a-1"]),
    "repo/unv/3/package.py": pkg("unv", "3", requires=["a-2"]),
    # local_packages_path and --nl: a newer tool in the local repository.
    "local/tool/2.0/package.py": pkg("tool", "2.0", variants=[
        ["platform-linux"], ["platform-osx"],
    ]),
    "local/lib/3.0/package.py": pkg("lib", "3.0"),
})

REQUESTS = [["tool"], ["lib"], ["tool", "lib-2"], ["vs", "b"], ["miss"], ["unv"]]
FLAGS = [[], ["--ni"], ["--nl"]]

PY_SITE = """\
# A site configuration in Python, as studios write one.
import os

packages_path = ModifyList(
    prepend=["{root}/local"],   # local first
    append=["{root}/repo"],
)
local_packages_path = "{root}/local"
implicit_packages = ModifyList(append=["~lib-2"])
error_on_missing_variant_requires = False
"""

SITES = [
    {
        "name": "defaults_with_rez_packages_path",
        "files": {},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_PACKAGES_PATH": "{root}/local:{root}/repo"},
    },
    {
        "name": "yaml_config_file",
        "files": {"config/site.yaml": (
            "packages_path:\n- {root}/local\n- {root}/repo\n"
            "local_packages_path: {root}/local\n"
            "implicit_packages: ['~platform==osx', '~arch==arm64']\n"
            "variant_select_mode: intersection_priority\n"
            "allow_unversioned_packages: no\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.yaml"},
    },
    {
        "name": "python_config_file_with_modify_list",
        "files": {"config/site.py": PY_SITE},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.py"},
    },
    {
        # A .yaml listed in REZ_CONFIG_FILE is read as its .py twin when
        # that exists; two files merge in order.
        "name": "two_files_yaml_then_python",
        "files": {
            "config/base.yaml": (
                "packages_path: [{root}/repo]\n"
                "implicit_packages: ['~platform==windows']\n"),
            "config/more.py": (
                "packages_path = ModifyList(prepend=['{root}/local'])\n"
                "implicit_packages = ModifyList(prepend=['~arch==AMD64'], append=['~os==windows-10'])\n"
                "variant_select_mode = 'intersection_priority'\n"),
            "config/more.yaml": "packages_path: [/not/read]\n",
        },
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/base.yaml:{root}/config/more.yaml"},
    },
    {
        "name": "home_config_yaml",
        "files": {"home/.rezconfig": (
            "packages_path: ['~/../repo']\n"
            "implicit_packages: ['~platform=={system.platform}', '~os==Ubuntu-22.04']\n")},
        "env": {"HOME": "{root}/home"},
    },
    {
        "name": "home_config_python",
        "files": {"home/.rezconfig.py": (
            "packages_path = ['{root}/repo', '{root}/local']\n"
            "local_packages_path = '{root}/local'\n"
            "allow_unversioned_packages = False\n"),
            "home/.rezconfig": "packages_path: [/not/read]\n"},
        "env": {"HOME": "{root}/home"},
    },
    {
        # rez does not look at ~/.rezconfig.yaml.
        "name": "home_config_yaml_extension_is_not_read",
        "files": {"home/.rezconfig.yaml": "implicit_packages: ['~platform==osx']\n"},
        "env": {"HOME": "{root}/home", "REZ_PACKAGES_PATH": "{root}/repo"},
    },
    {
        "name": "home_config_disabled",
        "files": {"home/.rezconfig": "implicit_packages: ['~platform==osx']\n"},
        "env": {"HOME": "{root}/home", "REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_PACKAGES_PATH": "{root}/repo"},
    },
    {
        # REZ_<SETTING> overrides the files.
        "name": "variable_overrides",
        "files": {"config/site.py": PY_SITE},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.py",
                "REZ_PACKAGES_PATH": "{root}/repo:{root}/local",
                "REZ_LOCAL_PACKAGES_PATH": "{root}/repo",
                "REZ_IMPLICIT_PACKAGES": "~platform==osx, ~arch==arm64",
                "REZ_VARIANT_SELECT_MODE": "intersection_priority",
                "REZ_ERROR_ON_MISSING_VARIANT_REQUIRES": "on",
                "REZ_ALLOW_UNVERSIONED_PACKAGES": "0"},
    },
    {
        # REZ_<SETTING>_JSON overrides the files; REZ_<SETTING> wins over it.
        "name": "json_variable_overrides",
        "files": {"config/site.py": PY_SITE},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.py",
                "REZ_PACKAGES_PATH_JSON": "[\"{root}/local\", \"{root}/repo\"]",
                "REZ_IMPLICIT_PACKAGES_JSON": "[\"~platform==windows\", \"~arch==AMD64\"]",
                "REZ_IMPLICIT_PACKAGES": "~platform==linux",
                "REZ_ERROR_ON_MISSING_VARIANT_REQUIRES_JSON": "true",
                "REZ_ALLOW_UNVERSIONED_PACKAGES_JSON": "false",
                "REZ_PACKAGE_FILTER_JSON": "null"},
    },
    {
        # $VAR, ~ and {system.*} expansions.
        "name": "expansions",
        "files": {"config/site.yaml": (
            "packages_path: ['$SITE_ROOT/local', '${SITE_ROOT}/repo', '~/nothing']\n"
            "implicit_packages: ['~platform=={system.platform}', '~arch=={system.arch}', "
            "'~os=={system.os}', '{unknown}']\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1", "HOME": "{root}/home",
                "REZ_CONFIG_FILE": "{root}/config/site.yaml",
                "SITE_ROOT": "{root}"},
        "requests": [["tool"], ["lib"]],
    },
    {
        # package_filter and package_orderers: recorded for `rez config`;
        # rer reads them but does not apply them yet.
        "name": "filter_and_orderers",
        "files": {"config/site.yaml": (
            "packages_path: ['{root}/repo']\n"
            "package_filter:\n  excludes: ['glob(lib-2*)']\n"
            "package_orderers:\n- type: version_split\n  first_version: '1'\n  packages: [lib]\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.yaml"},
        "requests": [["lib"]],
    },
    {
        "name": "filter_from_json_variable",
        "files": {},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1", "REZ_PACKAGES_PATH": "{root}/repo",
                "REZ_PACKAGE_FILTER_JSON": "[{\"excludes\": [\"lib-2\"]}]"},
        "requests": [["lib"]],
    },
]


def write(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text.replace("{root}", root))


def site_env(root, site):
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env["HOME"] = os.path.join(root, "nohome")
    env["REZ_RESOLVE_CACHING"] = "false"
    for k, v in site["env"].items():
        env[k] = v.replace("{root}", root)
    return env


def rel(text, root):
    return text.replace(root, "{root}")


def run_case(root, env, request, flags):
    out = os.path.join(root, "context.rxt")
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.run(REZ + ["env"] + request + flags + ["--output", out],
                       env=env, capture_output=True, text=True)
    if not os.path.exists(out):
        lines = [x for x in p.stderr.strip().splitlines() if "Pip-based" not in x]
        return {"status": "error", "message": rel(lines[-1] if lines else "", root)}
    from rez.resolved_context import ResolvedContext
    c = ResolvedContext.load(out)
    return {
        "status": c.status.name,
        "implicit": [str(r) for r in c.implicit_packages],
        "resolved": [[v.name, str(v.version), v.index, rel(v.uri, root)]
                     for v in (c.resolved_packages or [])],
    }


def rez_config(root, env, setting):
    p = subprocess.run(REZ + ["config", "--json", setting], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        lines = [x for x in p.stderr.strip().splitlines() if "Pip-based" not in x]
        return {"error": rel(lines[-1] if lines else "", root)}
    return {"stdout": rel(p.stdout.strip(), root)}


def main():
    only = sys.argv[1:]
    sites = []
    for site in SITES:
        if only and site["name"] not in only:
            continue
        with tempfile.TemporaryDirectory() as root:
            root = os.path.realpath(root)
            write(root, REPO)
            write(root, site["files"])
            env = site_env(root, site)
            record = {"name": site["name"], "files": site["files"], "env": site["env"]}
            record["config"] = {s: rez_config(root, env, s) for s in SETTINGS}
            record["cases"] = []
            for request in site.get("requests", REQUESTS):
                for flags in FLAGS:
                    answer = run_case(root, env, request, flags)
                    record["cases"].append({"request": request, "flags": flags, **answer})
            sites.append(record)
            print("recorded", site["name"], file=sys.stderr)
    json.dump({"rez_version": "3.4.0", "repository": REPO, "sites": sites}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
