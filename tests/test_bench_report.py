"""The benchmark report's targets table: each figure a benchmark wrote beside its report,
next to its target, met or not, and a target without a figure said to be not measured."""

import json

from bench import run_all
from bench.common import publish


def test_the_targets_table_says_which_targets_are_met(tmp_path, monkeypatch):
    monkeypatch.setattr(run_all, "RESULTS", tmp_path)
    publish("pages", tmp_path / "bench_pages.md", {"rerun_ms": [346.0, "Krapte"]})
    publish("server", tmp_path / "bench_server.md", {"cold_start_s": 2.5})
    publish("load", tmp_path / "load.md", {"load_users": 20, "load_p95_s": 1.2, "load_failed": 1})
    assert json.loads((tmp_path / "bench_server.json").read_text()) == {"cold_start_s": 2.5}

    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in run_all.targets(["bench_pages.md", "bench_server.md", "load.md"]).splitlines()
        if line.startswith("| ")
    }
    assert rows["page rerun, cold caches"].endswith("| ≤ 300 ms | 346 ms (Krapte) | **no** |")
    assert rows["cold start to the first rendered page"].endswith("| 2.50 s | yes |")
    assert rows["failed views at 20 users"].endswith("| ≤ 0 | 1 | **no** |")
    assert "p95 latency at 20 users, a filter change every 5 s" in rows
    assert rows["factsheet, warm"].endswith("| not measured | – |")
