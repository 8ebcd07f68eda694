"""The benchmark report: each figure a benchmark wrote beside its report, next to its target,
met or not, one row per store it was measured on, and a target without a figure said to be not
measured; results carry their commit, and a report of results of another commit, or of code
with changes besides its commit, is refused; the catalog drill's errors by their origin."""

import json
import re
import subprocess

import pytest

from bench import common, run_all
from bench.catalog_drill import CatalogResult, report
from bench.common import publish


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setattr(run_all, "RESULTS", tmp_path)
    return tmp_path


def rows(names: list[str]) -> dict[str, str]:
    return {
        line.split(" | ")[0].strip("| "): line
        for line in run_all.targets(names).splitlines()
        if line.startswith("| ")
    }


def test_the_targets_table_says_which_targets_are_met(results):
    publish("pages", results / "bench_pages.md", {"rerun_ms": [346.0, "Krapte"]})
    publish("server", results / "bench_server.md", {"cold_start_s": 2.5})
    publish("load", results / "load.md", {"load_users": 20, "load_p95_s": 1.2, "load_failed": 1})
    stamped = json.loads((results / "bench_server.json").read_text())
    assert stamped["figures"] == {"cold_start_s": 2.5}

    table = rows(["bench_pages.md", "bench_server.md", "load.md"])
    assert table["page rerun, cold caches: embedded"].endswith(
        "| ≤ 300 ms | 346 ms (Krapte) | **no** |"
    )
    assert table["cold start to the first rendered page: embedded"].endswith("| 2.50 s | yes |")
    assert table["failed views at 20 users"].endswith("| ≤ 0 | 1 | **no** |")
    assert "p95 latency at 20 users, a filter change every 5 s" in table
    assert table["factsheet, warm"].endswith("| not measured | – |")
    # a store that was not measured has its row, saying so
    assert table["cold start to the first rendered page: lake replica"].endswith(
        "| not measured | – |"
    )


def test_a_target_measured_on_both_stores_shows_both(results):
    """The lake itself beside the replica's local copy of it, and the lake replica's cold start
    and memory beside the embedded file's: the worse store is never left out."""
    publish(
        "pages",
        results / "bench_pages.md",
        {
            "lake_ratio": [1.06, "Mismatch"],
            "lake_itself_ratio": [3.45, "Regioprofiel (achterhoek)"],
            "query_ratio_cold": [1.23, "Regioprofiel (achterhoek)"],
            "lake_itself_query_ratio_cold": [3.14, "Regioprofiel (achterhoek)"],
            "local_copy_query_ratio_cold": [1.13, "Krapte"],
        },
    )
    publish(
        "server",
        results / "bench_server.md",
        {
            "cold_start_s": 6.09,
            "server_memory_mb": 261.0,
            "lake_cold_start_s": 7.77,
            "lake_server_memory_mb": 1324.0,
        },
    )
    table = rows(["bench_pages.md", "bench_server.md"])
    lake = "lake against the embedded file, query work"
    assert table[f"{lake}: lake itself"].endswith(
        "| ≤ 1.30x | 3.45x (Regioprofiel (achterhoek)) | **no** |"
    )
    assert table[f"{lake}: the replica's local copy of the lake"].endswith(
        "| 1.06x (Mismatch) | yes |"
    )
    cold = "query work per filter change, every page, cold"
    assert table[f"{cold}: lake"].endswith("| 3.14x (Regioprofiel (achterhoek)) | **no** |")
    assert table[f"{cold}: lake, local copy"].endswith("| 1.13x (Krapte) | yes |")
    assert table["server memory after every page once: lake replica"].endswith(
        "| ≤ 400 MB | 1324 MB | **no** |"
    )
    assert table["cold start to the first rendered page: lake replica"].endswith(
        "| 7.77 s | **no** |"
    )


def git(folder, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_the_commit_of_a_result_says_whether_the_code_had_changes(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "code.py").write_text("x = 1\n")
    (tmp_path / "bench" / "results").mkdir(parents=True)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    head = git(tmp_path, "rev-parse", "HEAD")
    assert common.commit(tmp_path) == (head, False)
    (tmp_path / "bench" / "results" / "load.md").write_text("a result\n")
    assert common.commit(tmp_path) == (head, False)  # results are not code
    (tmp_path / "new.py").write_text("y = 2\n")
    assert common.commit(tmp_path) == (head, True)  # a new file is a change
    (tmp_path / "new.py").unlink()
    (tmp_path / "code.py").write_text("x = 2\n")
    assert common.commit(tmp_path) == (head, True)


def test_a_result_carries_the_commit_it_was_measured_on(results):
    publish("load", results / "load.md", {"load_failed": 0})
    stamped = json.loads((results / "load.json").read_text())
    assert (stamped["commit"], stamped["dirty"]) == common.commit()


def test_results_of_another_commit_or_of_changed_code_are_refused(results):
    head = "a" * 40
    ours = {"commit": head, "dirty": False, "figures": {}}
    run_all.check_results({"load.md": ours, "drills.md": ours}, head)  # the same commit: fine
    for wrong, says in (
        ({"commit": "b" * 40, "dirty": False}, "load.md (bbbbbbbbbbbb)"),
        ({"commit": head, "dirty": True}, "load.md (aaaaaaaaaaaa, with changes)"),
        ({}, "load.md (no commit)"),  # written before results carried their commit
    ):
        with pytest.raises(run_all.Refused, match=rf"results not measured .*{re.escape(says)}"):
            run_all.check_results({"drills.md": ours, "load.md": wrong}, head)


def test_a_report_from_a_tree_with_changes_is_refused(monkeypatch):
    monkeypatch.setattr(run_all, "commit", lambda: ("c" * 40, True))
    with pytest.raises(run_all.Refused, match="changes besides cccccccccccc"):
        run_all.clean_head()
    monkeypatch.setattr(run_all, "commit", lambda: ("c" * 40, False))
    assert run_all.clean_head() == "c" * 40


def test_report_only_refuses_old_results(results, monkeypatch, capsys):
    """``--report-only`` gathers only results of the commit checked out (it once stamped the
    current commit onto results of an older one)."""
    monkeypatch.setattr(run_all, "commit", lambda: ("d" * 40, False))
    (results / "load.md").write_text("an old report\n")
    (results / "load.json").write_text(json.dumps({"figures": {"load_failed": 0}}))
    monkeypatch.setattr("sys.argv", ["run_all.py", "--report-only"])
    with pytest.raises(SystemExit, match=r"refused: results not measured .*load\.md"):
        run_all.main()
    assert not (results / "REPORT.md").exists()
    stamped = {"commit": "d" * 40, "dirty": False, "figures": {"load_failed": 0}}
    (results / "load.json").write_text(json.dumps(stamped))
    run_all.main()
    assert (
        f"Commit measured: {'d' * 40}, with no other changes" in (results / "REPORT.md").read_text()
    )


def test_the_catalog_drills_errors_are_told_by_their_origin():
    """DuckDB's own text passed on by hcdash's catch-all error is not counted as hcdash's
    words (the drill once called 'database "store" already exists' an hcdash error)."""
    result = CatalogResult("guarded", 6, breaks=60, reads=34, failed=3272)
    result.messages = {
        "hcdash": {"the catalog database (PostgreSQL) does not answer": 73},
        "duckdb": {'Binder Error: database with name "store" already exists': 3199},
    }
    text = report(result, "now")
    assert "3272 failed with an hcdash error class: 73 in hcdash's own words, 3199 with" in text
    words, duckdb = text.split("in hcdash's own words:")[1].split("with DuckDB's own text (")
    assert "73 x the catalog database" in words and "already exists" not in words
    assert '3199 x Binder Error: database with name "store" already exists' in duckdb


def test_a_run_reports_only_what_it_measured(results, monkeypatch, capsys):
    """A quick run leaves lake_gap out: an older lake_gap result beside it is neither checked
    nor read into the targets; each benchmark it did run must carry the commit."""
    head = "e" * 40
    monkeypatch.setattr(run_all, "commit", lambda: (head, False))
    monkeypatch.setattr(common, "commit", lambda: (head, False))
    (results / "lake_gap.md").write_text("an old report\n")
    (results / "lake_gap.json").write_text(json.dumps({"figures": {}}))

    def fake_run(script: str, *args: str, check: bool = True) -> str:  # no benchmark runs here
        run_all.RAN.append(script.removesuffix(".py"))
        publish(f"{script} report", results / script.replace(".py", ".md"), {"load_failed": 0})
        return f"{script} report\n"

    monkeypatch.setattr(run_all, "RAN", [])
    monkeypatch.setattr(run_all, "run", fake_run)
    run_all.measure(True, head)
    report = (results / "REPORT.md").read_text()
    assert "load.py report" in report and "an old report" not in report
    assert "| failed views at the busiest load level | ≤ 0 | 0 | yes |" in report
