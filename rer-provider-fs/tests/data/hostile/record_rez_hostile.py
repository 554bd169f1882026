"""Records what rez 3.4.0 does with hostile and edge-case repositories.

usage: python record_rez_hostile.py   (writes cases.json and rez_hostile.json
beside this script)

Each case is a repository root holding family `fam` (or, for root-level
files, the family the file names). `cases.json` describes every file as
pieces `[text, count]` to concatenate (so a 100,000-deep input stays a few
bytes), plus special entries made at test time (symlinks, FIFOs,
non-UTF-8 names) that git cannot hold. For each case rez's own loader is
run: `rez.packages.iter_packages(family, paths=[root])`, then every
package's `requires` and `variants`. The outcome is recorded as data:
`{"packages": [...]}` sorted by version (a digest of them, if they are
many), or `{"error": type, "message": ..., "stage": ..., "file": ...,
"line": ...}`: where rez failed, and the file and line its error names
(see `located`).
Cases marked `seeds` are run once per PYTHONHASHSEED 0..7 in a fresh
process, and every distinct outcome is kept (rez's answer there depends on
set iteration order). The test (`tests/hostile.rs`) builds the same inputs
and checks rer against these outcomes: rer never reads a value rez does not
load; where it reads, it reads rez's value; where rez fails, rer fails the
same way (the stage, file and line). `tests/hostile_live.rs` runs
`--one CASE` for each case rer does not read, and checks that rez's outcome
is still one recorded.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
HERE = os.path.dirname(os.path.abspath(__file__))
P = "requires = ['x']\n"


# Seven levels of nine aliases: 9**7 = 4,782,969 strings once expanded, over
# rer's budget of 1,000,000 values for the fields it reads (PyYAML shares
# the objects and does not expand them).
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdef", "bcdefg"))


def py(src, must_read=False, **kw):
    """One package.py at fam/1.0."""
    return dict(files={"fam/1.0/package.py": src}, must_read=must_read, **kw)


def yml(src, must_read=False, **kw):
    return dict(files={"fam/1.0/package.yaml": src}, must_read=must_read, **kw)


def rep(*pieces):
    return [list(p) if isinstance(p, tuple) else [p, 1] for p in pieces]


CASES = {
    # A static read is exact or refused.
    "py_alias_chain_mutated": py("requires = x = ['a']\nx.append('b')\n"),
    "py_alias_augmented": py("requires = ['a']\nr = requires\nr += ['b']\n"),
    "py_class_body": py("requires = ['a']\nclass C:\n    requires.append('b')\n"),
    "py_default_argument": py("requires = ['a']\ndef f(x=requires.append('b')):\n    pass\n"),
    "py_globals": py("globals()['requires'] = ['b']\n"),
    "py_vars": py("vars()['requires'] = ['b']\n"),
    "py_locals": py("locals()['requires'] = ['b']\n"),
    "py_exec": py("exec(\"requires = ['b']\")\n"),
    "py_eval": py("requires = eval(\"['b']\")\n"),
    "py_star_import": py("from os.path import *\nrequires = ['a']\n"),
    "py_import_binding": py("from os import sep as requires\n"),
    "py_nfkc_name": py("\uff52\uff45\uff51\uff55\uff49\uff52\uff45\uff53 = ['b']\n", must_read=True),
    "py_sys_exit": py("import sys\nrequires = ['a']\nsys.exit(3)\n"),
    "py_raise": py("requires = ['a']\nraise ValueError('no')\n"),
    "py_top_level_call": py("requires = ['a']\nprint('loading')\n"),
    "py_early_mutates": py("requires = ['a']\n@early()\ndef description():\n    this.requires.append('b')\n    return 'd'\n"),
    "py_decorator": py("requires = ['a']\ndef deco(f):\n    requires.append('b')\n    return f\n@deco\ndef g():\n    pass\n"),
    "py_root_script_file": dict(files={"fam.py": "import os\nhere = os.path.dirname(__file__)\nversions = ['1.0']\n"}),
    "py_augmented_static": py("requires = ['a']\nrequires += ['b']\n", must_read=True),
    "py_plus_name": py("base = ['a']\nrequires = base + ['b']\n", must_read=True),
    "py_del": py("requires = ['a']\ndel requires\n", must_read=True),
    "py_annotation_not_evaluated": py("requires: undefined_name() = ['a']\n", must_read=True),
    "py_literal_default": py("requires = ['a']\ndef f(x=['b'], y: g() = 1):\n    pass\n", must_read=True),
    "py_late_requires_static_variants": py("variants = [['a']]\n@late()\ndef tools():\n    return []\n", must_read=True),
    # CPython's own rules.
    "py_brackets_200": py(rep("x = ", ("[", 200), ("]", 200), "\nrequires = ['a']\n"), must_read=True),
    "py_brackets_201": py(rep("x = ", ("[", 201), ("]", 201), "\n")),
    "py_brackets_3000": py(rep("x = ", ("[", 3000), ("]", 3000), "\n")),
    "py_brackets_100000_unclosed": py(rep("x = ", ("[", 100000), "\n")),
    "py_indent_99": py(rep(("if 1:\n", 99, 0), " " * 99 + "pass\nrequires = ['a']\n")),
    "py_indent_100": py(rep(("if 1:\n", 100, 0), " " * 100 + "pass\n")),
    "py_print_statement": py("requires = ['a']\nprint 'x'\n"),
    "py_int_4300_digits": py(rep("x = ", ("1", 4300), "\nrequires = ['a']\n"), must_read=True),
    "py_int_4301_digits": py(rep("def f():\n    return ", ("1", 4301), "\nrequires = ['a']\n")),
    "py_fstring_unclosed": py("def f():\n    return f'{'\nrequires = ['a']\n"),
    "py_fstring_empty": py("def f():\n    return f'{}'\n"),
    "py_fstring_single_brace": py("requires = [f'a}']\n"),
    "py_nul_byte": py("requires = ['a']\nx = 1\x00\n"),
    "py_tilde": py("x = ~3\nrequires = ['a']\n", must_read=True),
    "py_named_escape": py("requires = ['a\\N{HYPHEN-MINUS}b']\n", must_read=True),
    "py_unary_100000": py(rep("x = ", ("-", 100000), "1\n")),
    "py_plus_100000": py(rep("x = 1", (" + 1", 100000), "\n")),
    "py_decorators_100000": py(rep(("@d\n", 100000), "def f():\n    pass\n")),
    # PyYAML's rules.
    "yaml_merge_key": yml("base: &b {requires: [a]}\n<<: *b\n", must_read=True),
    "yaml_merge_key_list": yml("one: &o {requires: [a]}\ntwo: &t {requires: [b], variants: [[c]]}\n<<: [*o, *t]\n", must_read=True),
    "yaml_merge_key_override": yml("base: &b {requires: [a]}\nrequires: [z]\n<<: *b\n", must_read=True),
    "yaml_unknown_tag": yml("requires: [a]\nx: !foo bar\n"),
    "yaml_python_tuple": yml("requires: !!python/tuple [a]\n"),
    "yaml_python_tuple_other": yml("requires: [a]\nx: !!python/tuple [a]\n"),
    "yaml_bad_int": yml("requires: [a]\nx: !!int abc\n"),
    "yaml_duplicate_anchor": yml("requires: [a]\nx: &a 1\ny: &a 2\n"),
    "yaml_control_character": yml("requires: [a]\nx: \"\x07\"\n"),
    "yaml_unhashable_key": yml("requires: [a]\n? [b]\n: 1\n"),
    "yaml_flow_300": yml(rep("requires: [a]\nx: ", ("[", 300), ("]", 300), "\n"), must_read=True),
    "yaml_flow_400": yml(rep("requires: [a]\nx: ", ("{a: [", 200), ("]}", 200), "\n"), must_read=True),
    "yaml_tag_before_comma": yml("requires: [a]\nx: [!!str, b]\n"),
    "yaml_nonspecific_tag": yml("requires: [! a, ! \"b\"]\n", must_read=True),
    "yaml_flow_5000": yml(rep("requires: [a]\nx: ", ("[", 5000), ("]", 5000), "\n")),
    "yaml_block_5000": yml(rep("requires: [a]\nx:\n", ("-\n", 5000, 0))),
    "yaml_alias_bomb": yml(
        "requires: [a]\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
        must_read=True,
    ),
    # rer's bounds, where rez's outcome is recorded beside rer's refusal.
    "yaml_alias_bomb_requires": yml(BOMB + "requires: *g\n"),
    "yaml_alias_bomb_variants": yml(BOMB + "variants: *g\n"),
    # Valid for rez: 1,000 variants of 1,001 requests from 5 KB (rez reads it).
    "yaml_alias_variants_1000x1001": yml(rep("v: &v [x", (",x", 1000), "]\nvariants: [*v", (",*v", 999), "]\n")),
    "yaml_duplicate_key": yml("requires: [a]\nrequires: [b]\n", must_read=True),
    # The file system as rez sees it.
    # One byte over rer's MAX_DEFINITION_BYTES (16 MiB), built at test time.
    "fs_definition_over_16_mib": py(rep(
        "requires = ['a']\n", ("#" * 63 + "\n", 262143), "#" * 47 + "\n")),
    "fs_self_loop": dict(files={"fam/1.0/package.py": P}, special=[["fam/2.0", "symlink", "2.0"]], must_read=True),
    "fs_dangling_link": dict(files={"fam/1.0/package.py": P}, special=[["fam/2.0", "symlink", "missing"]], must_read=True),
    "fs_definition_self_loop": dict(files={"fam/1.0/package.py": P}, special=[["fam/2.0/package.py", "symlink", "package.py"]]),
    "fs_hidden": dict(files={"fam/1.0/package.py": P, "fam/.2.0/package.py": P}, must_read=True),
    "fs_hidden_not_utf8": dict(files={"fam/1.0/package.py": P}, special=[["fam/.\\xff", "dir", ""], ["fam/.\\xff/package.py", "file", P]], must_read=True),
    "fs_visible_not_utf8": dict(files={"fam/1.0/package.py": P}, special=[["fam/\\xff", "dir", ""], ["fam/\\xff/package.py", "file", P]]),
    "fs_dev_null_beside_yaml": dict(files={"fam/1.0/package.yaml": "requires: [y]\n"}, special=[["fam/1.0/package.py", "symlink", "/dev/null"]], must_read=True),
    "fs_dev_zero_beside_yaml": dict(files={"fam/1.0/package.yaml": "requires: [y]\n"}, special=[["fam/1.0/package.py", "symlink", "/dev/zero"]], must_read=True),
    "fs_dev_zero_alone": dict(files={"fam/2.0/package.py": P}, special=[["fam/1.0/package.py", "symlink", "/dev/zero"]]),
    "fs_fifo_beside_yaml": dict(files={"fam/1.0/package.yaml": "requires: [y]\n"}, special=[["fam/1.0/package.py", "fifo", ""]], must_read=True),
    "fs_fifo_alone": dict(files={"fam/2.0/package.py": P}, special=[["fam/1.0/package.py", "fifo", ""]]),
    "fs_equal_versions": dict(files={"fam/1.0/package.py": "requires = ['a']\n", "fam/1-0/package.py": "requires = ['b']\n", "fam/2/package.py": P}, seeds=True, must_read=True),
    "fs_combined_duplicates": dict(files={"fam.yaml": "versions: ['1.0', '1.0', '2']\nrequires: [a]\n"}, must_read=True),
    "fs_combined_equal_versions": dict(files={"fam.yaml": "versions: ['1.0', '1-0']\nversion_overrides:\n  '1.0': {requires: [a]}\n"}, must_read=True),
}


def pieces(content):
    return rep(content) if isinstance(content, str) else content


def expand(content):
    out = []
    for piece in pieces(content):
        if len(piece) == 3:
            text, count, indent = piece
            out.extend(" " * (indent + i) + text for i in range(count))
        else:
            out.append(piece[0] * piece[1])
    return "".join(out)


def build(root, case):
    for rel, content in case["files"].items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(expand(content).encode("utf-8"))
    for rel, kind, arg in case.get("special", []):
        path = os.path.join(root.encode(), rel.encode().decode("unicode_escape").encode("latin-1"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == "symlink":
            os.symlink(arg, path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            os.makedirs(path, exist_ok=True)
        elif kind == "file":
            with open(path, "w") as f:
                f.write(arg)


def family(case):
    first = sorted(case["files"])[0]
    return first.split("/")[0].split(".")[0]


def outcome(name):
    from rez.packages import iter_packages

    case = CASES[name]
    root = tempfile.mkdtemp()
    build(root, case)
    sys.setrecursionlimit(1000)
    try:
        packages = []
        for p in iter_packages(family(case), paths=[root]):
            packages.append({
                "version": str(p.version),
                "requires": [str(r) for r in (p.requires or [])],
                "variants": [[str(r) for r in v] for v in (p.variants or [])],
            })
        packages.sort(key=lambda p: p["version"])
        return summarised(packages)
    except BaseException as e:  # SystemExit and RecursionError included
        message = str(e).replace(root, "ROOT")[:300]
        return dict({"error": type(e).__name__,
                     "message": message.encode("utf-8", "backslashreplace").decode("utf-8")},
                    **located(e, root))


def summarised(packages):
    """`{"packages": ...}`, or for more than 10,000 requests in all (a case
    rer refuses at a bound, so never compares with rer's packages) their
    digest: the SHA-256 of their JSON, and counts."""
    import hashlib

    requests = sum(len(p["requires"]) + sum(map(len, p["variants"])) for p in packages)
    if requests <= 10_000:
        return {"packages": packages}
    text = json.dumps(packages, sort_keys=True)
    return {"digest": {"sha256": hashlib.sha256(text.encode()).hexdigest(),
                       "packages": len(packages),
                       "variants": sum(len(p["variants"]) for p in packages),
                       "requests": requests}}


def located(e, root):
    """What kind of failure rez's error is, and the file and line it names.

    `stage` is where rez failed: `python_compile` (compiling a package.py:
    `compile()` raised, a SyntaxError or a RecursionError), `python_run`
    (running it), `yaml` (PyYAML loading a YAML file), `schema` (rez's
    package schema, `PackageMetadataError`), `missing_definition`
    (`PackageDefinitionFileMissing`), `version` (`VersionError`), or
    `other`. `file` is the file rez's message names, relative to the root
    (for `missing_definition`, the version directory), and `line` the
    1-based line it names (a SyntaxError's, the innermost frame of the
    file in the traceback rez prints, or PyYAML's problem mark); each is
    null where rez names none.
    """
    import traceback

    from rez.exceptions import PackageMetadataError, ResourceError
    from rez.version import VersionError

    def rel(path):
        return os.path.relpath(path, root) if path.startswith(root) else None

    name = type(e).__name__
    file, line = None, None
    if isinstance(e, ResourceError) and str(e).startswith("Problem loading "):
        file = rel(str(e)[len("Problem loading "):].split(": ", 1)[0])
        cause = e.__context__
        frames = [f for f in traceback.extract_tb(cause.__traceback__)
                  if os.path.join(root, file) == f.filename]
        if frames:
            stage, line = "python_run", frames[-1].lineno
        else:
            stage = "python_compile"
            if isinstance(cause, SyntaxError):
                line = cause.lineno
    elif name == "PackageDefinitionFileMissing":
        stage = "missing_definition"
        m = re.search(r"'location': '([^']*)', 'name': '([^']*)', 'version': '([^']*)'", str(e))
        if m:
            file = rel(os.path.join(*m.groups()))
    elif isinstance(e, PackageMetadataError):
        stage = "schema"
    elif isinstance(e, VersionError):
        stage = "version"
    elif any(f.filename.startswith(root) for f in traceback.extract_tb(e.__traceback__)):
        stage = "python_run"  # SystemExit, which rez's loader lets through: no line named
    elif any(os.sep + "yaml" + os.sep in f.filename
             for f in traceback.extract_tb(e.__traceback__)):
        stage = "yaml"
        mark = getattr(e, "problem_mark", None)
        if mark is not None:
            line = mark.line + 1
    else:
        stage = "other"
    return {"stage": stage, "file": file, "line": line}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(outcome(sys.argv[2])))
        return
    cases = {}
    for name, case in CASES.items():
        cases[name] = {
            "family": family(case),
            "files": {k: pieces(v) for k, v in case["files"].items()},
            "special": case.get("special", []),
            "must_read": case.get("must_read", False),
        }
    results = {}
    for name, case in CASES.items():
        seeds = range(8) if case.get("seeds") else [0]
        seen = []
        for seed in seeds:
            env = dict(os.environ, PYTHONHASHSEED=str(seed))
            try:
                run = subprocess.run([sys.executable, __file__, "--one", name], env=env,
                                     capture_output=True, text=True, timeout=120)
                got = json.loads(run.stdout.strip().splitlines()[-1]) if run.stdout.strip() else {
                    "error": "crash", "message": run.stderr[-300:]}
            except subprocess.TimeoutExpired:
                got = {"error": "timeout", "message": "rez did not finish in 120 s"}
            if got not in seen:
                seen.append(got)
        results[name] = seen
        print(name, json.dumps(seen)[:200], file=sys.stderr)
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(HERE, "rez_hostile.json"), "w") as f:
        json.dump({"rez": "3.4.0", "outcomes": results}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
