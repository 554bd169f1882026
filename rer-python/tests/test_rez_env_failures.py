"""``rez env --fail-graph`` on failing requests, with ``RER_REZ=1``: the
same output (failure description, "Resolve paths" block), exit code and
rendered graph as stock rez 3.4.0 recorded in ``data/rez_env_failures.json``
(``data/record_rez_env_failures.py``), every solve served by rer."""

import json
import os

import pytest

from rez_env_runs import run_rez_env

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDS = json.load(open(os.path.join(HERE, "data", "rez_env_failures.json")))["records"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: " ".join(r["request"]))
def test_rez_env_failure_printout_and_fail_graph_match_stock_rez(record, tmp_path):
    log = str(tmp_path / "log.jsonl")
    ours = run_rez_env(record["request"], rer=True, log=log)
    assert ours == {key: record[key] for key in ("exit_code", "stdout", "stderr", "graph")}
    assert record["graph"] is not None and record["exit_code"] == 1
    with open(log) as f:
        backends = [(entry["backend"], entry["reason"]) for entry in map(json.loads, f)]
    assert backends == [("rer", None)]
