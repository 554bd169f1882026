"""Records what rez's PyYAML (rez.vendor.yaml 6.0.1, pure Python,
`yaml.load(text, Loader=yaml.FullLoader)` as rez loads package.yaml) makes
of a generated matrix of small flow-context documents, for
`rer-provider-fs/tests/yaml_flow.rs`.

    ~/rez-venv/bin/python rer-provider-fs/tests/data/yaml_flow/record_pyyaml_flow.py

Every string of up to four pieces over PIECES is put in three places
(`x: [..]`, `x: {..}` and `x: ..`), and the hand-written EXTRA documents are
added. Each line of `pyyaml_flow.txt` is the document as a JSON string, a
tab, and the value of `x` in the encoding below, or `!` when PyYAML's load
fails (the message is not compared), in the encoding of `pyyaml_record.py`
beside this directory.
"""
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from pyyaml_record import record  # noqa: E402

PIECES = ["a", '"b"', ":", "?", ",", "[", "]", "{", "}", " "]

# Pieces the matrix leaves out: line breaks, other indicators, quotes.
EXTRA = [
    "x: {requires:[a]}",
    "x: {requires:[a], variants:[[b]]}",
    "x: {a:{b:c}}",
    "x: {a:}",
    "x: {a:,b:}",
    "x: [a:]",
    "x: [a:,b]",
    "x: [a:[b]]",
    "x: [a:{b}]",
    "x: {a:b}",
    "x: [a:b]",
    "x: {'a':b}",
    "x: {'a':[b]}",
    '{"a":[b]}',
    "{requires:[a]}",
    "{requires:[a],\n variants:[[b:]]}",
    "x: [a\n ?b]",
    "x: [a\n :b]",
    "x: [a\n :[b]]",
    "x: {a\n :[b]}",
    "x: {a:\n [b]}",
    "x: [a?b]",
    "x: [a ?b]",
    "x: [a?]",
    "x: {a?b}",
    "x: {? a:[b]}",
    "x: {? a :[b]}",
    "x: [? a:[b]]",
    "x: [-:[b]]",
    "x: [- a]",
    "x: [-a:[b]]",
    "x: [a-:[b]]",
    "x: [a#:[b]]",
    "x: [a #c\n ]",
    "x: [&k a:[b]]",
    "x: [&k a:[b], *k]",
    "x: [!!str a:[b]]",
    "x: {!!str a:[b]}",
    "x: {a::[b]}",
    "x: {a:::b}",
    "x: {a:b:[c]}",
    "x: {a: b:[c]}",
    "x: {a: b:}",
    "x: [a: b:]",
    "x: {a:\t[b]}",
    "x: [a:\t]",
    "x: [[a]:[b]]",
    "x: [{a}:[b]]",
    "x: [\"a\":[b]]",
    "x: ['a':b]",
    "x: [a:]\ny: b:[c]",
    "x: b:[c]",
    "x: b:{c}",
    "x:[a]",
    "x:\n  - a:[b]",
    "x:\n  - [a:[b]]",
    "x: [a %:[b]]",
    "x: [a@:[b]]",
    "x: [a`:[b]]",
    "x: [a|:[b]]",
    "x: [a>:[b]]",
    "x: [a!:[b]]",
    "x: [a*:[b]]",
    "x: [a&:[b]]",
    "x: [a':[b]]",
    "x: [a\":[b]]",
    "x: [a:[b]:[c]]",
    "x: {a:[b]:[c]}",
    # Tabs: PyYAML allows them only in quoted and block scalars and comments.
    "x: a\tb",
    "x: a\t",
    "x:\ta",
    "x: [a,\tb]",
    "x: [a\t]",
    "x: 'a'\t",
    "x: a #\tc",
    "x: a\t#c",
    "x: |\t\n  a",
    "x: | #\tc\n  a",
    "x: |\n  a\tb",
    "x: |\n  \ta",
    "x: >\n  a\t\n  b",
    'x: "a\tb"',
    "x: 'a\n\tb'",
    "x: a\n  \tb",
    "x: a\n\t",
    "\tx: a",
    "x:\n\t- a",
    "x: [a,\n\tb]",
    "%YAML\t1.1\n---\nx: a",
    "%YAML 1.1\t\n---\nx: a",
    "# a\tb\nx: a",
    # Explicit keys in flow sequences (libyaml skips the token after '?').
    "x: [?]",
    "x: [? ]]",
    "x: [?:a]",
    "x: [? :a]",
    "x: [?\n :a]",
    "x: [? #c\n ]",
    "x: [? #c\n ,a]",
    "x: [?, ?, ?]",
    "x: [[?], {?}]",
    "x: {? }",
    "x: {?: a}",
    "%TAG !! tag:example.com,2000:\n---\nx: [?]",
    "x: [&k ?]",
    "x: [? &k]",
    "x: [? !!str]",
    "x: [? ?]",
    # Tags before a comma.
    "x: [!!str, a]",
    "x: [!!str,a]",
    "x: {!!str , a}",
    "x: [!, a]",
    "x: [" + "a:[" * 20 + "b" + "]" * 20 + "]",
    "x: [" + ",".join("k%d:[v]" % i for i in range(300)) + "]",
]


def documents():
    for n in range(5):
        for pieces in itertools.product(PIECES, repeat=n):
            s = "".join(pieces)
            yield "x: [" + s + "]"
            yield "x: {" + s + "}"
            if s:
                yield "x: " + s
    yield from EXTRA


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = record(documents(), os.path.join(here, "pyyaml_flow.txt"))
    print(f"{len(lines)} documents, {sum(l.endswith(chr(9) + '!') for l in lines)} refused")


if __name__ == "__main__":
    main()
