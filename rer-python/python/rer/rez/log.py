"""``RER_REZ_LOG``: one JSON line per solve, saying who served it and why."""

import json
import os


def record(backend, reason, request):
    """Appends ``{"backend", "reason", "request"}`` to the file named by
    ``RER_REZ_LOG``, when it is set."""
    path = os.environ.get("RER_REZ_LOG")
    if not path:
        return
    line = json.dumps(
        {"backend": backend, "reason": reason, "request": [str(r) for r in request]}
    )
    with open(path, "a") as f:
        f.write(line + "\n")
