"""What the PyYAML matrix recorders beside this file share: the encoding of
a loaded value and the loop that loads each document once with rez's PyYAML
(`yaml.load(text, Loader=yaml.FullLoader)`, as rez loads package.yaml) and
writes one line per document.

Encoding: str, int, bool and None as JSON; a list as {"list": [...]}; a
dict as {"dict": [[key, value], ...]} in the dict's order; anything else as
{"other": "<type name>"}. A line is the document as a JSON string, a tab,
and the value of `x` (or {"document": ...} when the document has no `x`),
or the refusal text the recorder gives for a failed load.
"""
import json

from rez.vendor import yaml


def encode(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, list):
        return {"list": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    return {"other": type(value).__name__}


def record(documents, path, refused=(Exception,), refusal=lambda e: "!"):
    """Writes `path` for each distinct document of `documents`, in order; a
    load raising one of `refused` is recorded as `refusal(exception)`.
    Returns the lines written."""
    seen = set()
    lines = []
    for doc in documents:
        if doc in seen:
            continue
        seen.add(doc)
        try:
            loaded = yaml.load(doc, Loader=yaml.FullLoader)
        except refused as e:
            result = refusal(e)
        else:
            if isinstance(loaded, dict) and "x" in loaded:
                result = json.dumps(encode(loaded["x"]), sort_keys=True)
            else:
                result = json.dumps({"document": encode(loaded)}, sort_keys=True)
        lines.append(json.dumps(doc) + "\t" + result)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return lines
