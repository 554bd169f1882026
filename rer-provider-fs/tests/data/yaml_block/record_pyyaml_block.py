"""Records what rez's PyYAML (rez.vendor.yaml 6.0.1, pure Python,
`yaml.load(text, Loader=yaml.FullLoader)` as rez loads package.yaml) makes
of a generated matrix of block scalars with tabs and spaces in their
indentation and content, for `rer-provider-fs/tests/yaml_flow.rs`.

    ~/rez-venv/bin/python rer-provider-fs/tests/data/yaml_block/record_pyyaml_block.py

WIDE_* documents hold a tab-led scalar indented 9 to 20 columns past its
parent, with what follows and ends it. A body line is some spaces (0 to 5) then one of RESTS (nothing, content,
a tab, a tab then content, ...). The groups in `documents()` put one to
three such lines under a block scalar header (`|`, `>`, with and without
chomping and indentation indicators) in several places (a top-level key's
value, a nested mapping's, a block sequence item's), with LF and CR LF line
ends, with and without a final line end; the hand-written EXTRA documents
are added. Each line of `pyyaml_block.txt` is the document as a JSON
string, a tab, and the value of `x` in the encoding of `pyyaml_record.py`
beside this directory (or the whole document as {"document": ...} when it
has no `x`), or `!` and the 1-based line of PyYAML's problem mark when its
load fails (`!3`; `!` alone when the error has no mark).
"""
import itertools
import os
import sys

from rez.vendor import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from pyyaml_record import record  # noqa: E402

RESTS = ["", "a", "\t", "\ta", "\t a"]
LINES = [" " * s + r for s in range(6) for r in RESTS]
AUTO = ["|", "|-", "|+", ">", ">-", ">+", "| #c"]
EXPLICIT = ["|1", "|2", ">2", "|3-", ">1+", "|-2", "|+1"]
# Where the header goes, and the parent's indentation there.
PLACES = ["x: ", "x:\n  y: ", "x:\n- ", "x:\n  - "]
# Lines for folding: content, tab-led and more-indented lines, blanks.
FOLD_LINES = ["  a", "  \ta", "   a", "", "  ", "  \t", "  b\t", " \ta", "\ta"]
BLANKS = ["", " ", "  ", "   ", "    ", "     "]


def bodies(lines, count, ends=("\n",), finals=(True,)):
    for n in range(1, count + 1):
        for chosen in itertools.product(lines, repeat=n):
            for end in ends:
                for final in finals:
                    yield end.join(chosen) + (end if final else "")


def group(places, headers, body_list):
    for place in places:
        for header in headers:
            for body in body_list:
                end = "\r\n" if "\r\n" in body else "\n"
                yield place.replace("\n", end) + header + end + body


EXTRA = [
    # Indentation past 9 from the parent (moved left for libyaml).
    "x: |\n" + " " * 9 + "\ta",
    "x: |\n" + " " * 10 + "\ta",
    "x: |\n" + " " * 10 + "\n  \ta",
    "x:\n  y: |\n" + " " * 11 + "\ta",
    "x:\n  y: |\n" + " " * 12 + "\ta",
    "x: >-\n" + " " * 14 + "\ta\n" + " " * 14 + "b",
    # Deeper nesting, anchors and tags before the header.
    "x:\n  - y: |\n      \ta",
    "x:\n  - y: |\n     \ta",
    "x:\n  - y: |\n    \ta",
    "x:\n  - - |\n      \ta",
    "x:\n  y:\n    z: >\n      \ta\n      b",
    "x: &a |\n  \ta",
    "x: !!str |\n  \ta",
    "x: &a !!str >-\n  \ta\n  b",
    "x: !!binary |\n  \tYQ==",
    # Collections closed before the scalar.
    "z:\n  y: a\nx: |\n  \ta",
    "z:\n  - a\nx: |\n \ta\ny: b",
    "x:\n  y:\n |\n \ta",
    # Several scalars needing an indicator.
    "x: |\n  \ta\ny: >\n \tb",
    "x: [a, b]\ny: |\n  \ta\nz: |-\n    \tc\n",
    "x:\n  a: |\n   \t1\n  b: >+\n    \t2\n\n  c: |\n   x\n",
    # Document markers, the stream's end, other line breaks.
    "x: |\n  \ta\n...\n",
    "x: |\n  \ta\n---\ny: b",
    "---\nx: |\n  \ta\n",
    "--- \nx: >\n  \ta\n  \tb",
    "\ufeffx: |\n  \ta",
    "x: |\r  \ta\r  b",
    "x: |\x85  \ta\x85  b",
    "x: |\u2028  \ta\u2028  b",
    # Header comments and tabs in them.
    "x: | #\tc\n  \ta",
    "x: |- # c\n\n  \ta\n",
    # Tabs in the header (PyYAML refuses).
    "x: |\t\n  \ta",
    "x: |2\t\n  \ta",
    # A simple key without its ':' (tabs after it or in it, the stream's
    # end with and without a line break), and more than one document.
    "x: a\nb",
    "x: a\nb\n",
    "x: a\n'b\tc'\nd",
    "x: a\n'b\tc'",
    "x: a\n\"b\tc\"\n \td",
    "x: a\nb  \t \nc",
    "x: |\n  \ta\nb \t\n",
    "x: a\n---\ny: b\n---\nz: c",
    "x: a\n...\ny: b",
    "--- x: a\n--- y: b",
    "x: |\n  \ta\n...\n\t\n",
]


# Scalars indented 9 to 20 columns past the parent (an indicator is at most
# 9): the place and its parent's indentation, lines by the scalar's
# indentation `i` and the parent's `p`.
WIDE_PLACES = [("x: ", 0), ("x:\n  y: ", 2), ("x:\n- ", 0), ("x:\n  - ", 2)]
WIDE_INCREMENTS = [9, 10, 12, 20]
WIDE_HEADERS = ["|", "|-", "|+", ">", ">-", ">+"]
# After the first, tab-led line: content, more-indented and tab-led lines,
# blank and space-only lines (shorter than, as long as, longer than `i`).
WIDE_MIDDLES = [
    lambda i, p: " " * i + "b",
    lambda i, p: " " * (i + 2) + "b",
    lambda i, p: " " * i + "\tb",
    lambda i, p: "",
    lambda i, p: " " * (i - 3),
    lambda i, p: " " * (i + 2),
]
# What ends it: nothing, a key at the parent's level, a line less indented
# than `i` but at least 9 past the parent or just under it (PyYAML
# errors), a comment there, a comment then a line at `i`.
WIDE_TAILS = [
    lambda i, p: "",
    lambda i, p: "z: c",
    lambda i, p: " " * (i - 1) + "c",
    lambda i, p: " " * (p + 9) + "c",
    lambda i, p: " " * (p + 8) + "c",
    lambda i, p: " " * (i - 1) + "# c\nz: c",
    lambda i, p: " " * (p + 9) + "# c\n" + " " * i + "c",
    lambda i, p: " " * (i - 1) + "\tc",
]
# Before the tab-led line: a blank line, space-only ones (as long as it,
# longer, so it ends the scalar).
WIDE_LEADS = [
    lambda i, p: [],
    lambda i, p: [""],
    lambda i, p: [" " * i, " " * (i - 1)],
    lambda i, p: [" " * (i + 3)],
]


def wide(places, headers, middles, leads, ends, finals):
    for (place, parent), inc, header in itertools.product(places, WIDE_INCREMENTS, headers):
        i = parent + inc
        for lead, n, tail in itertools.product(leads, range(middles + 1), WIDE_TAILS):
            for middle in itertools.product(WIDE_MIDDLES, repeat=n):
                lines = lead(i, parent) + [" " * i + "\ta"] + [m(i, parent) for m in middle]
                t = tail(i, parent)
                if t:
                    lines.append(t)
                for end, final in itertools.product(ends, finals):
                    body = end.join(lines).replace("\n", end) + (end if final else "")
                    yield place.replace("\n", end) + header + end + body


def documents():
    # Every place and header over one and two lines, LF ends.
    yield from group(PLACES, AUTO + EXPLICIT, bodies(LINES, 2))
    # The top-level place with CR LF ends and without a final line end.
    yield from group(PLACES[:1], AUTO, bodies(LINES, 2, ("\n", "\r\n"), (True, False)))
    # Blank and space-only lines before two lines.
    lead = [b + "\n" + rest for b in BLANKS for rest in bodies(LINES, 2)]
    yield from group(PLACES[:2], ["|", ">", "|+"], lead)
    # Folding over three lines.
    yield from group(PLACES[:1], [">", ">-", ">+", "|", ">2"], bodies(FOLD_LINES, 3))
    # Scalars indented more than 9 past the parent, and 9.
    yield from wide(WIDE_PLACES[::2], WIDE_HEADERS, 2, WIDE_LEADS[:1], ("\n",), (True,))
    yield from wide(WIDE_PLACES, WIDE_HEADERS, 1, WIDE_LEADS[:1], ("\n",), (True,))
    yield from wide(WIDE_PLACES[:1], WIDE_HEADERS, 1, WIDE_LEADS[:1], ("\r\n",), (True, False))
    yield from wide(WIDE_PLACES, ["|", ">+"], 1, WIDE_LEADS[1:], ("\n", "\r\n"), (True,))
    yield from EXTRA


def refusal(error):
    mark = getattr(error, "problem_mark", None)
    return "!" if mark is None else "!%d" % (mark.line + 1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "pyyaml_block.txt")
    lines = record(documents(), path, (yaml.YAMLError,), refusal)
    refused = sum("\t!" in l for l in lines)
    print(f"{len(lines)} documents, {refused} refused")


if __name__ == "__main__":
    main()
