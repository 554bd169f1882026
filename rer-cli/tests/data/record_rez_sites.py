"""Records what rez 3.4.0 itself answers on configured sites.

usage: python record_rez_sites.py > rez-3.4.0-sites.json
       python record_rez_sites.py --add-host rez-3.4.0-sites.json
(with the Python that has rez 3.4.0: ~/rez-venv/bin/python).

The site answers do not depend on the machine that records them: every site
that does not set `platform_map` itself pins the arch and os through
`REZ_PLATFORM_MAP_JSON` (PINNED below), and the platform_map site maps every
value, so rez's `{system.arch}` / `{system.os}` are the same everywhere.
Only `system.platform` cannot be mapped (the answers are recorded on linux).
The machine's own system values are recorded per host under `hosts`, with
what identifies the host (`uname -m`, /etc/lsb-release, /etc/os-release);
`--add-host FILE` adds this machine's entry to an existing recording.

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
    "platform_map",
    "packages_path",
    "local_packages_path",
    "implicit_packages",
    "package_filter",
    "package_orderers",
    "variant_select_mode",
    "error_on_missing_variant_requires",
    "allow_unversioned_packages",
]


def pkg(name, version, requires=None, variants=None, timestamp=None):
    lines = ["name = %r" % name]
    if version:
        lines.append("version = %r" % version)
    if timestamp:
        lines.append("timestamp = %d" % timestamp)
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
    # ... and here the two modes pick different variants for
    # `pick a b c`: version_priority the one matching the earlier `a`,
    # intersection_priority the one matching two requested families.
    "repo/c/1/package.py": pkg("c", "1"),
    "repo/pick/1/package.py": pkg("pick", "1", variants=[["a"], ["b", "c"]]),
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

REQUESTS = [["tool"], ["lib"], ["tool", "lib-2"], ["vs", "b"], ["pick", "a", "b", "c"], ["miss"], ["unv"]]
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
        # package_filter and package_orderers together: the filter removes
        # lib-2, the orderer then puts lib-1 first anyway.
        "name": "filter_and_orderers",
        "files": {"config/site.yaml": (
            "packages_path: ['{root}/repo']\n"
            "package_filter:\n  excludes: ['glob(lib-2*)']\n"
            "package_orderers:\n- type: version_split\n  first_version: '1'\n  packages: [lib]\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.yaml"},
        "requests": [["lib"], ["tool", "lib"]],
        "flags": [["--no-filters"]],
    },
    {
        "name": "filter_from_json_variable",
        "files": {},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1", "REZ_PACKAGES_PATH": "{root}/repo",
                "REZ_PACKAGE_FILTER_JSON": "[{\"excludes\": [\"lib-2\"]}]"},
        "requests": [["lib"], ["tool", "lib"]],
        "flags": [["--no-filters"], ["--include", "lib-2"]],
    },
    {
        # Orderers alone change the answer: lib's older version first, a's
        # versions ascending (vs's variants rank by it), tool ascending.
        "name": "orderers_in_python_config",
        "files": {"config/site.py": (
            "packages_path = ['{root}/local', '{root}/repo']\n"
            "package_orderers = [\n"
            "    {'type': 'version_split', 'packages': ['lib'], 'first_version': '1.0'},\n"
            "    {'type': 'sorted', 'packages': ['a'], 'descending': False},\n"
            "    {'type': 'per_family', 'orderers': [\n"
            "        {'packages': ['tool'], 'type': 'sorted', 'descending': False}]},\n"
            "]\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.py"},
        "requests": [["lib"], ["tool"], ["vs", "b"], ["vs"], ["pick", "a", "b", "c"], ["unv"]],
    },
    {
        "name": "orderers_from_json_variable",
        "files": {},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_PACKAGES_PATH": "{root}/local:{root}/repo",
                "REZ_PACKAGE_ORDERERS_JSON": (
                    "[{\"type\": \"sorted\", \"packages\": [\"*\"], \"descending\": false}]")},
        "requests": [["lib"], ["tool"], ["vs"], ["unv"]],
    },
    {
        # soft_timestamp reads timestamps from the configured packages_path
        # (rez's iter_packages), not from the repositories the resolve
        # searches: with --paths the two differ. In tsconf every ts is
        # older than the orderer's timestamp (plain highest-first order); in
        # tsrepo ts-2 and ts-3 are newer (ts-1 first). tr exists only in
        # tsrepo, and a rank makes rez's orderer fail on an empty family.
        "name": "soft_timestamp_reads_the_configured_packages_path",
        "files": {
            "tsconf/ts/1.0/package.py": pkg("ts", "1.0", timestamp=100),
            "tsconf/ts/2.0/package.py": pkg("ts", "2.0", timestamp=100),
            "tsconf/ts/3.0/package.py": pkg("ts", "3.0", timestamp=100),
            "tsrepo/ts/1.0/package.py": pkg("ts", "1.0", timestamp=100),
            "tsrepo/ts/2.0/package.py": pkg("ts", "2.0", timestamp=200),
            "tsrepo/ts/3.0/package.py": pkg("ts", "3.0", timestamp=300),
            "tsrepo/tr/1.0/package.py": pkg("tr", "1.0", timestamp=100),
            "tsrepo/tr/2.0/package.py": pkg("tr", "2.0", timestamp=200),
            "config/site.yaml": (
                "packages_path: ['{root}/tsconf']\n"
                "implicit_packages: []\n"
                "package_orderers:\n"
                "- {type: soft_timestamp, timestamp: 150, packages: [ts]}\n"
                "- {type: soft_timestamp, timestamp: 150, rank: 2, packages: [tr]}\n"),
        },
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.yaml"},
        "requests": [["ts"], ["tr"]],
        "flags": [["--paths", "{root}/tsrepo"], ["--paths", "{root}/tsrepo:{root}/tsconf"]],
    },
    {
        # platform_map rewrites the raw arch and os before {system.*} uses
        # them, the first matching pattern winning; every value is mapped,
        # so the answers do not depend on the machine.
        "name": "platform_map",
        "maps_platform": True,
        "files": {"config/site.py": (
            "packages_path = ['{root}/repo']\n"
            "platform_map = {\n"
            "    'arch': {'^nomatch$': 'x', '^.+$': r'AMD64', '^x86_64$': 'arm64'},\n"
            "    'os': {r'^(Never)-(\\d+)$': r'\\2', r'^.+$': r'Ubuntu-22.04'},\n"
            "}\n")},
        "env": {"REZ_DISABLE_HOME_CONFIG": "1",
                "REZ_CONFIG_FILE": "{root}/config/site.py"},
        "requests": [["tool"], ["lib"]],
    },
]


# rez's {system.arch} and {system.os} on every site that does not map them
# itself, whatever machine records or replays the answers.
PINNED = json.dumps({"arch": {"^.+$": "x86_64"}, "os": {"^.+$": "Debian-12"}})


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
    flags = [f.replace("{root}", root) for f in flags]
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


SYSTEM_SCRIPT = (
    "import json; from rez.system import system; "
    "print(json.dumps({'platform': system.platform, 'arch': system.arch, 'os': system.os}))"
)


def rez_system(env):
    """rez's system values under `env`."""
    p = subprocess.run([PYTHON, "-c", SYSTEM_SCRIPT], env=env, capture_output=True, text=True,
                       check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def read_or_none(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def this_host():
    """This machine's identity (what rez's system values are computed from)
    and rez's system values on it, without any configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    return {
        "identity": {
            "uname_machine": os.uname().machine,
            "lsb_release": read_or_none("/etc/lsb-release"),
            "os_release": read_or_none("/etc/os-release"),
        },
        "system": rez_system(env),
    }


def add_host(path):
    with open(path) as f:
        data = json.load(f)
    host = this_host()
    data["hosts"] = [h for h in data.get("hosts", []) if h["identity"] != host["identity"]]
    data["hosts"].append(host)
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    if sys.argv[1:2] == ["--add-host"]:
        add_host(sys.argv[2])
        return
    only = sys.argv[1:]
    sites = []
    for site in SITES:
        if only and site["name"] not in only:
            continue
        with tempfile.TemporaryDirectory() as root:
            root = os.path.realpath(root)
            write(root, REPO)
            write(root, site["files"])
            site = dict(site)
            if not site.get("maps_platform"):
                site["env"] = {**site["env"], "REZ_PLATFORM_MAP_JSON": PINNED}
            env = site_env(root, site)
            record = {"name": site["name"], "files": site["files"], "env": site["env"]}
            record["config"] = {s: rez_config(root, env, s) for s in SETTINGS}
            record["system"] = rez_system(env)
            record["cases"] = []
            for request in site.get("requests", REQUESTS):
                for flags in FLAGS + site.get("flags", []):
                    answer = run_case(root, env, request, flags)
                    record["cases"].append({"request": request, "flags": flags, **answer})
            sites.append(record)
            print("recorded", site["name"], file=sys.stderr)
    json.dump({"rez_version": "3.4.0", "hosts": [this_host()], "repository": REPO,
               "sites": sites},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
