"""Generates small package definitions around the solver fields and records
what rez 3.4.0's loader makes of each.

usage: python generate.py [--out FILE]   (default: rez_static_read.json
beside this script; REZ_DISABLE_HOME_CONFIG is set here)

Each case is one family `cNNNN` of one repository, holding one definition
file (`cNNNN/1.0/package.py` or `package.yaml`; a few cases vary the
version directory's name). The files mix constructs a static reader can
misread around `requires`, `variants`, `build_requires`,
`private_build_requires` and `timestamp`: augmented and tuple assignment,
walrus, `del`, `global`, functions, lambdas, comprehensions, f-strings,
aliases mutated later, `try`/`with`/`match`, decorators, `@early`,
annotations, string and list arithmetic, escapes, odd line endings; and in
YAML duplicated keys, anchors, merge keys, tags, several documents, block
scalars, YAML 1.1 scalars (`yes`, `010`, `1:30`). Python templates are
instantiated once per list field (for `variants` every string literal
`'a'` becomes `['a']`).

All cases are loaded by rez in this one process:
`rez.packages.iter_packages(family, paths=[root])`, then for each package
`p.data` (the file loaded: an error there is the case's `error`, with the
stage as in `../hostile/record_rez_hostile.py`'s `located`) and then each
field through rez's schema (`p.requires` ...), each recorded as
`{"value": ...}` (requests as `str(request)`) or `{"error": type}`.
The test `tests/static_read.rs` builds the same files and checks rer's
reading against this recording without rez; with `RER_REZ_PYTHON` set it
also runs this script and checks the recording is still rez's answer.
"""
import json
import re
import os
import sys
import tempfile

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
HERE = os.path.dirname(os.path.abspath(__file__))

LIST_FIELDS = ["requires", "build_requires", "private_build_requires", "variants"]
FIELDS = LIST_FIELDS + ["timestamp"]

# Python templates, one a line; `¶` ends a statement line, a line ending in
# `\` is continued (a Python line continuation); F is the field's name.
# Written with 'a', 'b', 'c' as the requests.
PY_TEMPLATES = r"""
F = ['a']¶F += ['b']
F, x = ['a'], 1
x, F = 1, ['a']
(F, x) = (['a'], 1)
[F, x] = [['a'], 1]
F = x = ['a']
x = F = ['a']¶x.append('b')
F = x = ['a']¶x += ['b']
if (F := ['a']):¶    pass
(F := ['a'])
x = (F := ['a'])
F = ['a']¶x = [(F := ['b']) for _ in [1]]
F = ['a']¶x = [F for F in [['b']]]
F = ['a']¶del F
F = ['a']¶del F¶F = ['b']
def f():¶    global F¶    F = ['b']¶F = ['a']
def f():¶    global F¶    F = ['b']¶F = ['a']¶f()
F = ['a']¶global F
F = ['a']¶nonlocal F
F = ['a']¶def f():¶    F = ['b']¶    return F
F = ['a']¶def f():¶    F.append('b')¶f()
F = ['a']¶f = lambda: F.append('b')
F = ['a']¶(lambda: F.append('b'))()
F = ['a']¶x = lambda F=['b']: F
F = ['a']¶x = lambda y=F.append('b'): y
F = ['a']¶x = [F.append('b') for _ in range(1)]
F = ['a']¶x = [1 for _ in [F.append('b')]]
F = ['a']¶x = (F for F in [1])
F = ['a']¶x = f'{F.append("b")}'
F = ['a']¶x = f'{F!r}'
F = [x for x in ['a', 'b']]
F = ['a'] if True else ['b']
F = ['a' if 1 else 'b']
F = ['a' 'b']
F = ['a' + 'b']
F = ['a-1' '+']
F = ['a'] + ['b']
F = ['a'] * 2
F = 2 * ['a']
F = ['a'] * 0
F = ['a', 'b', 'c'][1:]
F = ['a', 'b'][::-1]
F = ['a', 'b'][0:1]
F = ['\u0061']
F = ['\x61-1']
F = ['\N{LATIN SMALL LETTER A}']
F = ['\141']
F = [r'a\n']
F = ['a\
b']
F = [\
'a']
F = \
['a']
x = 1; F = ['a']; y = 2
F = ['a'];
F = ['a'];F.append('b')
if __name__ == '__main__':¶    F = ['b']¶F = ['a']
if __name__ != '__main__':¶    F = ['b']
try:¶    F = ['a']¶except Exception:¶    F = ['b']
try:¶    import no_such_module_rer¶    F = ['a']¶except ImportError:¶    F = ['b']
F = ['a']¶try:¶    pass¶finally:¶    F = ['b']
F = ['a']¶try:¶    raise ValueError¶except ValueError as F:¶    pass
with open(__file__) as fh:¶    F = ['a']
F = ['a']¶with open(__file__) as F:¶    pass
F = ['a']¶match 1:¶    case F:¶        pass
F = ['a']¶match 1:¶    case 2:¶        F = ['b']
def deco(f):¶    return f¶@deco¶def F():¶    return ['a']
@early()¶def F():¶    return ['a']
@late()¶def F():¶    return ['a']
F = ['a']¶@early()¶def description():¶    return 'd'
F = ['a']¶def deco(f):¶    return f¶@deco¶def g():¶    pass
F = ['a']¶@staticmethod¶def g():¶    pass
F = ['a']¶async def g():¶    F.append('b')
__all__ = ['F']¶F = ['a']
__all__ = []¶F = ['a']
__F__ = ['b']¶F = ['a']
F: list = ['a']
F: list
F: list¶F = ['a']
F = ['a']¶x: int
F = ['a']¶x: F.append('b') = 1
F: undefined_name = ['a']
from __future__ import annotations¶F: undefined_name = ['a']
x = F¶F = ['a']
F = ['a']¶x = F¶F = ['b']
F = ['a']¶x = F¶x += ['b']
F = ['a']¶x = F¶x = x + ['b']
F = ['a']¶x = F¶F = ['c']¶x.append('b')
F = ['a']¶x = F¶del x
F = ['a']¶x = F¶del x[0]
F = ['a']¶x = [F]¶x[0].append('b')
F = ['a']¶x = [F]¶x[0] += ['b']
F = ['a']¶x = {'k': F}¶x['k'].append('b')
F = ['a']¶x = (F,)¶x[0] += ['b']
x = ['a']¶F = x¶x += ['b']
x = ['a']¶F = x[:]¶x += ['b']
x = ['a']¶F = x + []¶x += ['b']
x = ['a']¶F = x * 1¶x.append('b')
x = y = ['a']¶F = x¶y += ['b']
x = ['a']¶F = x¶x = x + ['b']
x = ['a']¶F = x¶del x
x = ['a']¶F = x¶x[:] = []
x = ['a']¶F = [*x]¶x.append('b')
x = ['a']¶F, y = x, x¶y.append('b')
F = ('a',)
F = []
F = None
F = 'a'
F = ['a', None]
F = ['a',]
F = [¶    'a',  # comment¶    'b',¶]
F = ['a']¶F[0] = 'b'
F = ['a']¶F[:] = ['b']
F = ['a']¶F[1:] = ['b']
F = ['a']¶F.extend(['b'])
F = ['b', 'a']¶F.sort()
F = ['a']¶F = F + ['b']
F = ['a']¶F = [*F, 'b']
F = ['a']¶F *= 2
F = ['a']¶F |= ['b']
F = ['a']¶F.__iadd__(['b'])
F = ['a']¶del F[0]
F = ['a', 'b']¶del F[0:1]
F = list(['a'])
F = [*['a'], 'b']
F = [*'ab']
x = ['a']¶F = [*x]
*F, = ['a', 'b']
F, = [['a']]
[F] = [['a']]
(F) = ['a']
F, *x = ['a'], 1, 2
x, (F, y) = 1, (['a'], 2)
F = ['a']¶x, *y = F
F = ['a']¶for F in [['b']]:¶    pass
F = ['a']¶for x in []:¶    F = ['b']
F = ['a']¶while False:¶    F = ['b']
F = ['a']¶if False:¶    F = ['b']
F = ['a']¶if True: F = ['b']
F = ['a']¶import os as F
F = ['a']¶import os.path as F
F = ['a']¶class F:¶    pass
F = ['a']¶class C:¶    F = ['b']
F = ['a']¶def g(F=['b']):¶    pass
F = ['a']¶assert True
F = ['a']¶assert False
F = ['a']¶pass
'''doc'''¶F = ['a']
F = ['a']¶'string statement'
F = ['a']¶...
F = [f'a']
F = [f'a{{']
x = 'a'¶F = [f'{x}-1']
F = [b'a'.decode()]
F = [u'a']
F = ["a"]
F = ['''a''']
F = ['a-1', 'a-1']
F = ['~a', '!b', 'c-1+<2', 'd==1', 'e-1|3']
F = ['A', 'a.b', 'a_b']
F = ['a-1..2']
F = ['a'] and ['b']
F = [] or ['b']
F = ['a'].copy()
F = [str('a')]
F = ['%s' % 'a']
F = ['{}'.format('a')]
F = sorted(['b', 'a'])
F = ['a']¶exec('pass')
F = ['a']¶import sys
import os¶F = ['a']
from os import path¶F = ['a']
F = ['a']¶x = [y := 1]
F = ['a']¶x = F.append
F = ['a']¶x = F.pop()
F = ['a']¶x = F[0]
F = ['a']¶x = F.__class__
F = ['a']¶del x
F = ['a']¶x = 1 if F.append('b') else 2
F = ['a']¶x = F is not None
F = ['a']¶x = 'b' in F
F = ['a']¶x = not F
F = ['a']¶x = F[0:1]
F = ['a']¶F = ['b']
F = ['a']  # F = ['b']
# F = ['b']¶F = ['a']
F = ['a']¶'''¶F = ['b']¶'''
F = ['a', 'b'] [1:]
F = ['a'] [0]
F = [['a'][0]]
F = ['a'] + []
F = [] + []
F = ['a'] + ('b',)
F = ['a'] + ['b'] * 2
F = (['a'])
F = ['a'],
F = [('a')]
F = [('a',)]
global F¶F = ['a']
global F¶F: list = ['a']
F: list = ['a']¶global F
x = F¶global F
F = ['a']¶x = F¶global F
def f():¶    F = 1¶    global F¶F = ['a']
def f(F):¶    global F¶F = ['a']
F = ['a']¶def f():¶    global F¶    F = ['b']
class C:¶    x = 1¶    global x¶F = ['a']
F = ['a']¶import os¶global os
F = ['a']¶for i in []: pass¶global i
F = ['a']¶del F¶global F
global F, F¶F = ['a']
global F,¶F = ['a']
F = ['a']¶global
def f():¶    F¶global F¶F = ['a']
y = 1¶y.F = 1¶global F¶F = ['a']
F = ['a']¶def F(): pass¶global F
def F(): pass¶global F¶F = ['a']
F = ['a']¶global x¶x = 1
F = ['a']¶x: int¶global x
F = ['a']¶x = 1¶global x
F = ['a']¶global F as G
F = ['a']¶global (F)
F = ['a']¶def f(x=F): pass¶global F
def f(): global F¶F = ['a']
def f():¶    def g():¶        nonlocal F¶        F = 1¶    F = 2¶F = ['a']
def f():¶    nonlocal F¶F = ['a']
F = ['a']¶x = lambda F: 1¶global F
F = ['a'] * True
F = ['a'] * -1
F = ['a'][True:]
F = ['a', 'b'][-1:]
F = ['a'][0:0]
"""

# Templates that hold control characters (written as escapes here).
PY_SPECIAL = [
    "F = ['a']\n\tx = 1\n",
    "F = ['a']\r\n",
    "F = ['a']\rx = 1\r",
    "F = ['a']\x0c\n",
    "\ufeffF = ['a']\n",
    "F = ['a']\n# -*- coding: latin-1 -*-\n",
    "# -*- coding: latin-1 -*-\nF = ['\u00e9']\n",
    "F = ['a']\n\x00\n",
    "F = ['a\u00e9']\n",
    "F = ['a']\n\u00e9 = 1\n",
]

# timestamp, in Python.
PY_TIMESTAMP = r"""
timestamp = 5
timestamp = 5 + 1
timestamp = -5
timestamp = True
timestamp = 1.5
timestamp = 0x10
timestamp = 0o10
timestamp = 0b101
timestamp = 1_000
timestamp = 10 ** 20
timestamp = 99999999999999999999
timestamp = '5'
timestamp = None
timestamp = (5)
timestamp = 5,
timestamp = 5;
timestamp = 5¶timestamp += 1
timestamp, x = 5, 1
timestamp = int('5')
timestamp = 5¶timestamp = 6
timestamp = x = 5
x = 5¶timestamp = x
timestamp: int = 5
timestamp = 5 if True else 6
timestamp = 5¶del timestamp
timestamp = -0
timestamp = 5 * 2
timestamp = 7 // 2
timestamp = 7 % 4
timestamp = 1 << 3
timestamp = ~3
timestamp = 5.0
timestamp = 5j
timestamp = [5]
timestamp = 5¶timestamp -= 1
timestamp = 5¶timestamp *= 2
timestamp = 2 ** 200
timestamp = 1606938044258990275541962092341162602522202993782792835301376
timestamp = -1606938044258990275541962092341162602522202993782792835301376
timestamp = -99999999999999999999
timestamp = 9223372036854775808
timestamp = -9223372036854775809
@early()¶def timestamp():¶    return 5
@late()¶def timestamp():¶    return 5
def timestamp():¶    return 5
timestamp = 5¶global timestamp
global timestamp¶timestamp = 5
timestamp = 5¶x = timestamp¶timestamp = 6
timestamp = 0
timestamp = False
"""

# YAML templates: F is a list field other than `variants`.
YAML_LIST = r"""
F: [a]¶F: [b]
F: [a]¶F:¶- b
x: &x [a]¶F: *x
F: &x [a]¶x: *x
x: &x a¶F: [*x, b]
x: &x [a]¶y: &x [b]¶F: *x
F: !!seq [a]
F: [!!str a]
F: [!!int 1]
F: [!!str 1]
F: [1]
F: [a, 1.0]
F: [yes]
F: [no]
F: [null]
F: [~]
F: [~a]
F: ['~a', '!b']
F: [a-1.0]
F: ['a-1']
F: ["a\u0062"]
F: ["\x61"]
F: [a  # c]
F: [a #c, b]
F: [a#b]
F: [a]¶---¶F: [b]
---¶F: [a]¶...
%YAML 1.1¶---¶F: [a]
%TAG ! tag:yaml.org,2002:¶---¶F: !seq [a]
F:¶- |¶  a
F:¶- >-¶  a
F:¶- |-¶  a
F:¶  - a¶  - b
F:¶- a¶- b
F: [a,¶  b]
F:¶- 'a'¶- "b"
F: [a b]
F: {a: 1}
F: [a]¶? F¶: [b]
'F': [b]
"F": [b]
F : [a]
? F¶: [a]
F: [a, ]
F: [a,,b]
F: [a]¶<<: {F: [b]}
<<: {F: [b]}¶F: [a]
<<: [{F: [b]}, {F: [c]}]
F: !!null
F:
F: []
F: ~
F: a
F: [a, [b]]
F: [a]¶F: null
F_x: [a]
F: [!!python/str a]
F: [!!binary YQ==]
F: !!set {a}
F: !!omap [a: 1]
F: [a]¶x: !!python/name:os.sep
F: [!!str a-1]
F: [a]¶x: *undefined
F: [a]¶x: [a
F: [a]¶	x: 1
F: ["a\tb"]
F: ['a''b']
F: [a]¶x: |¶  F: [b]
F: [a]¶# F: [b]
F: [a-1+<2, b==1, c-1|2]
F: [a.b-1]
F: [@a]
F: [`a]
F: ["a",¶"b"]
F:¶- a¶ - b
F: [a]  # trailing
F:   [  a  ,  b  ]
F: [ 'a' , "b" ]
F: [a:b]
F: [a: b]
F: [? a]
F: [a]¶---
F: !!python/tuple [a]
F: [0x10]
F: [1:30]
F: [.inf]
F: [2001-12-14]
"""

YAML_VARIANTS = r"""
variants: [[a], [b]]
variants:¶- [a]¶- [b]
variants:¶- - a¶  - b
variants: [[a], []]
variants: [a]
variants: [[a, 1]]
variants: []
variants: [[a]]¶variants: [[b]]
x: &x [a]¶variants: [*x, *x]
variants: [!!seq [a]]
variants: [[yes]]
variants: !!null
variants: [[a], null]
variants: [[a], [a]]
"""

YAML_TIMESTAMP = r"""
timestamp: 5
timestamp: 0x10
timestamp: 0o10
timestamp: 010
timestamp: 1_000
timestamp: 1:30
timestamp: +5
timestamp: -5
timestamp: 5.0
timestamp: '5'
timestamp: !!int 5
timestamp: !!int '5'
timestamp: 2001-12-14
timestamp: yes
timestamp: 0b101
timestamp: -0
timestamp: 1e3
timestamp: ~
timestamp: 99999999999999999999
timestamp: 0x_10
timestamp: 1__0
timestamp: 190:20:30
timestamp: 5¶timestamp: 6
timestamp: 09
timestamp: 0_7
timestamp: +0x10
"""

# Version directories with odd names, each holding `requires = ['a']`.
VERSIONS = ["1.0-beta", "1.0+x", "1_0", "v1", "1..0", "01", "1.0.", "1-", "1.0a",
            "1.0_b", "1.2.3.4.5", "1-2-3", "\u00e91", "1.0 ", "1.0.A", "1+", "+1", "_1"]


def lines(text):
    """The templates of a block, one a line (a line ending in `\\` goes
    on), with `¶` as a newline."""
    out, cur = [], ""
    for line in text.strip("\n").split("\n"):
        cur += line
        if line.endswith("\\"):
            cur += "\n"
            continue
        out.append(cur.replace("\u00b6", "\n") + "\n")
        cur = ""
    return out


def variant_form(text):
    """A `requires` template made one for `variants`: every request
    literal becomes a list of it."""
    for r in ("'a'", "'b'", "'c'"):
        text = text.replace(r, "[" + r + "]")
    return text


def cases():
    """Every case: a name, the file's path (relative to the root) and its
    text."""
    out = []

    def add(kind, rel, text):
        n = len(out)
        fam = "c%04d" % n
        out.append({"name": "%s_%04d" % (kind, n), "family": fam,
                    "path": "%s/%s" % (fam, rel), "text": text})

    for t in lines(PY_TEMPLATES) + PY_SPECIAL:
        for field in LIST_FIELDS:
            text = t if field != "variants" else variant_form(t)
            text = re.sub(r"(?<![A-Za-z])F(?![a-z])", field, text)
            add("py_" + field, "1.0/package.py", text)
    for t in lines(PY_TIMESTAMP):
        add("py_timestamp", "1.0/package.py", t)
    for t in lines(YAML_LIST):
        for field in LIST_FIELDS[:3]:
            add("yaml_" + field, "1.0/package.yaml", re.sub(r"(?<![A-Za-z])F(?![a-z])", field, t))
    for t in lines(YAML_VARIANTS):
        add("yaml_variants", "1.0/package.yaml", t)
    for t in lines(YAML_TIMESTAMP):
        add("yaml_timestamp", "1.0/package.yaml", t)
    for v in VERSIONS:
        add("version", v + "/package.py", "requires = ['a']\n")
    for t in ["name = 'other'\nrequires = ['a']\n", "version = '9'\nrequires = ['a']\n",
              "name = 1\nrequires = ['a']\n", "version = None\nrequires = ['a']\n"]:
        add("py_name_version", "1.0/package.py", t)
    for t in ["name: other\nrequires: [a]\n", "version: '9'\nrequires: [a]\n",
              "name: 1\nrequires: [a]\n"]:
        add("yaml_name_version", "1.0/package.yaml", t)
    return out


def value(v):
    """A field's value as JSON: requests as rez prints them."""
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def outcome(root, case):
    """What rez makes of one case (see the module's doc)."""
    sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
    from record_rez_hostile import located
    from rez.packages import iter_packages

    try:
        packages = []
        for p in iter_packages(case["family"], paths=[root]):
            p.data  # loads the file
            fields = {}
            for field in FIELDS + ["name", "version"]:
                try:
                    fields[field] = {"value": value(getattr(p, field))}
                except Exception as e:
                    fields[field] = {"error": type(e).__name__}
            packages.append(fields)
        packages.sort(key=lambda p: str(p["version"]))
        return {"packages": packages}
    except BaseException as e:  # SystemExit included
        return dict({"error": type(e).__name__}, **located(e, root))


def main():
    out = os.path.join(HERE, "rez_static_read.json")
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        out = sys.argv[2]
    import rez
    root = tempfile.mkdtemp()
    all_cases = cases()
    for case in all_cases:
        path = os.path.join(root, case["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(case["text"].encode("utf-8"))
    sys.setrecursionlimit(1000)
    for case in all_cases:
        case["rez"] = outcome(root, case)
    with open(out, "w") as f:
        json.dump({"rez": rez.__version__, "cases": all_cases}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(len(all_cases), "cases", file=sys.stderr)


if __name__ == "__main__":
    main()
