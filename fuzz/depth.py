"""Prints the deepest nesting in each fuzz corpus (and the seeds).

    python3 fuzz/depth.py [DIR ...]     # default: corpus/* beside this file

package.yaml inputs are measured by PyYAML's event parser (iterative, so
any depth): the most collections open at once, counted until the first
syntax error. package.py inputs by Python's tokenizer: the most brackets
open at once, the most indentation levels, and the longest run of unary
operators (`- - - x`), counted until the first tokenizer error.
"""
import io
import os
import sys
import tokenize

try:
    import yaml
except ImportError:  # rez's copy of PyYAML, as rez loads package.yaml
    from rez.vendor import yaml


def yaml_depth(text):
    depth = best = 0
    try:
        for event in yaml.parse(text):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                best = max(best, depth)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except Exception:
        pass
    return {"collections": best}


def py_depth(text):
    brackets = indents = unary = run = best_b = best_i = 0
    previous = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.OP and tok.string in "([{":
                brackets += 1
                best_b = max(best_b, brackets)
            elif tok.type == tokenize.OP and tok.string in ")]}":
                brackets -= 1
            elif tok.type == tokenize.INDENT:
                indents += 1
                best_i = max(best_i, indents)
            elif tok.type == tokenize.DEDENT:
                indents -= 1
            if tok.type == tokenize.OP and tok.string in "-+~" and (
                previous is None or previous.type == tokenize.OP and previous.string not in ")]}"
            ):
                run += 1
                unary = max(unary, run)
            elif tok.type != tokenize.NL:
                run = 0
            previous = tok
    except Exception:
        pass
    return {"brackets": best_b, "indents": best_i, "unary": unary}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = sys.argv[1:] or sorted(
        os.path.join(here, "corpus", d) for d in os.listdir(os.path.join(here, "corpus"))
    )
    for d in dirs:
        name = os.path.basename(d.rstrip("/"))
        measure = py_depth if "py" in name else yaml_depth if "yaml" in name else None
        files = os.listdir(d)
        if measure is None:
            print(f"{name}: {len(files)} inputs")
            continue
        best = {}
        for f in files:
            with open(os.path.join(d, f), "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            for k, v in measure(text).items():
                if v > best.get(k, (-1, ""))[0]:
                    best[k] = (v, f)
        shown = ", ".join(f"{k} {v} ({f})" for k, (v, f) in sorted(best.items()))
        print(f"{name}: {len(files)} inputs; deepest: {shown}")


if __name__ == "__main__":
    main()
