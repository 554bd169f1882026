"""Records what CPython says when it compiles each source below, for
`tests/cpython_errors.rs` to compare rer-pyread's error with.

    python record_cpython_errors.py > cpython_errors.json

Run with the Python rez runs on (rez 3.4.0's venv: CPython 3.11.7 when
recorded). Each entry: the source, then CPython's message and line, or
null when it compiles.
"""
import json
import sys
import warnings

CASES = [
    # A tokenizer error further down wins over a parser error above it:
    # CPython tokenizes the rest of the file after its parser fails.
    "x = [\n 'a',\n<<<<<<< HEAD\n 'b',\n=======\n 'c',\n>>>>>>> 88da22e477a74c\n]\n",
    "x = = 1\ny = 1z\n",
    "x = = 1\ny = 'abc\n",
    "x = = 1\ny = )\n",
    "x = (1,\n y = 2\nz = 1z\n",
    "x = f'{'\ny = 1z\n",
    "x = 1z\ny = f'{'\n",
    "if x:\ny = 1\nz = 1z\n",
    "print 'x'\ny = 1z\n",
    # ... except an unexpected indent, reported without tokenizing further.
    " x = 1\ny = 1z\n",
    "x = 1\n  y = 2\nz = 1z\n",
    "def f():\n    x\n        y\nz = 1z\n",
    "if x: pass\n    y\nz = 1z\n",
    " x = 1\ny = 'abc\n",
    # A bracket never closed, where the parser fails on a later line.
    "x = (\ny = = 1\n",
    # Numeric literals, as CPython's tokenizer scans them.
    "x = 1e\n",
    "x = 1e+\n",
    "x = 1._\n",
    "x = 1_000_\n",
    "x = 1__0\n",
    "x = 1.e\n",
    "x = 1jx\n",
    "x = 0_7\n",
    "x = 0777\n",
    "x = 0x\n",
    "x = 0xg\n",
    "x = 0x_\n",
    "x = 0o\n",
    "x = 0o8\n",
    "x = 0o17\n",
    "x = 0b\n",
    "x = 0b2\n",
    "x = 0b12\n",
    "x = 1é\n",
    "x = 1if 1 else 2\n",
    "x = [1for x in y]\n",
    "x = 1or 2\n",
    "x = 1and 2\n",
    "x = 1not in y\n",
    "x = 1.e5\n",
    "x = 09.5\n",
    "x = 00\n",
    "x = 0e0\n",
    "x = .5j\n",
    # f-strings: CPython's messages, on the line of the token after the
    # (concatenated) literal.
    "x = f'{'\n",
    "x = f'{x'\n",
    "x = f'{x!'\n",
    "x = f'{x:'\n",
    "x = f'{x:{'\n",
    "x = f'}'\n",
    "x = f'{}'\n",
    "x = f'{  }'\n",
    "x = f'{!r}'\n",
    "x = f'{ !r}'\n",
    "x = f'{:x}'\n",
    "x = f'{=}'\n",
    "x = f'{x!z}'\n",
    "x = f'{x!}'\n",
    "x = f'{x!r'\n",
    "x = f'{x!rr}'\n",
    "x = f'{x=!z}'\n",
    "x = f'{x=y}'\n",
    "x = f'{x)}'\n",
    "x = f'{x['\n",
    "x = f'{x(]}'\n",
    "x = f'{\"a'\n",
    "x = f'''{'a}'''\n",
    "x = f'{a#}'\n",
    "x = f'{a\\\\n}'\n",
    "x = f'{x:{y:{z}}}'\n",
    "x = f'{x:{y'\n",
    "x = f'{x:{y}'\n",
    "x = f'{x}}'\n",
    "x = f'{x:}}'\n",
    "x = f'{x:{y}}}'\n",
    "x = f'{{}'\n",
    "x = f'{''}'\n",
    "x = f'{'   # c\n",
    "x = f'{' f'}'\n",
    "x = 'a' f'{'\n",
    "x = 'a' \\\n  f'{'\n",
    "x = f'{' \\\n  'a'\n",
    "x = f'{'",
    "x = (f'{'\n)\n",
    "x = [\n f'{'\n]\n",
    "x = [\n f'{'\n , 1]\n",
    "x = f'''\n\n{'''\n",
    "x = (f'''\n\n{'''\n)\n",
    "def f():\n    return f'{'\nrequires = ['a']\n",
    "x = [f'a}']\n",
    "x = f'{x:{{y}}}'\n",
    "x = f'{x:{y!r}}'\n",
    "x = f'{x:{y}{z}}'\n",
    "x = f'{x=}'\n",
    "x = f'{x = }'\n",
    "x = f'{x:\\n}'\n",
    "x = rf'{x:\\n}'\n",
    "x = f'\\{x}'\n",
    "x = f'{x<y}'\n",
    "x = f'{x<=y}'\n",
    "x = f'{x!=y}'\n",
    "x = f'{x==y}'\n",
    "x = f'{\"}\"}'\n",
    "x = f'''{'a'}'''\n",
    "x = f'{{'\n",
    "x = f'\\N{EM DASH}{x}'\n",
    "x = f'{x!r:>{w}}'\n",
]


def outcome(source):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "package.py", "exec")
        except SyntaxError as e:
            return [e.msg, e.lineno]
    return None


def main():
    cases = [[source] + (outcome(source) or [None, None]) for source in CASES]
    json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout, indent=0,
              ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
