"""Import benchmark: hcdash import (validate + commit) against DuckDB's own read_csv.

For each size, every run uses a fresh database file and a fresh process (so peak memory is the
run's own): hcdash reads, normalises, validates and commits the file and checkpoints; the
baseline is ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` plus a checkpoint, in the same
kind of database file. Reports medians, the ratio and peak memory as Markdown.

    .venv/bin/python bench/bench_import.py --rows 1000000 --runs 5
"""

import argparse
import tempfile
import time
from pathlib import Path

from common import machine, median, publish, run_child
from make_files import INDICATORS, write_long_csv

HCDASH = """
import sys, time
from pathlib import Path
from hcdash.db import connect
from hcdash import ingest
db, path = Path(sys.argv[1]), Path(sys.argv[2])
con = connect(db)
con.execute(
    "INSERT INTO indicators (code, name_nl, name_en, theme, unit, definition, source, frequency,"
    " aggregation, decimals, sort_order) SELECT 'bench_' || i, 'Bench ' || i, 'Bench ' || i,"
    " 'bench', 'aantal', 'benchmark', 'benchmark', 'maand', 'sum', 1, 100 + i"
    f" FROM range({sys.argv[3]}) t(i)")
con.execute("CHECKPOINT")
start = time.perf_counter()
staged = ingest.prepare(con, path, path.name, ingest.Options(author="bench", max_bytes=2**40))
upload = ingest.commit(staged)
con.execute("CHECKPOINT")
seconds = time.perf_counter() - start
loaded = con.execute(
    "SELECT count(*) FROM observations WHERE upload_id = ?", [upload]
).fetchall()[0][0]
_RESULT = {"seconds": seconds, "loaded": loaded, "problems": staged.preview.problem_count}
"""

BASELINE = """
import sys, time
import duckdb
con = duckdb.connect(sys.argv[1])
start = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[2]])
con.execute("CHECKPOINT")
seconds = time.perf_counter() - start
_RESULT = {"seconds": seconds, "loaded": con.execute("SELECT count(*) FROM t").fetchall()[0][0]}
"""


def measure(rows: int, runs: int, folder: Path) -> dict:
    csv = write_long_csv(folder / f"long_{rows}.csv", rows)
    hcdash, baseline = [], []
    for run in range(runs):
        for code, out in ((BASELINE, baseline), (HCDASH, hcdash)):
            db = folder / f"run_{rows}_{run}_{len(out)}_{id(out)}.duckdb"
            out.append(run_child(code, str(db), str(csv), str(INDICATORS)))
            db.unlink()
    assert all(r["loaded"] == rows and r["problems"] == 0 for r in hcdash), hcdash
    return {
        "rows": rows,
        "mb": csv.stat().st_size / 1024**2,
        "hcdash": median([r["seconds"] for r in hcdash]),
        "baseline": median([r["seconds"] for r in baseline]),
        "hcdash_peak": max(r["peak_mb"] for r in hcdash),
        "baseline_peak": max(r["peak_mb"] for r in baseline),
        "runs": runs,
    }


def report(results: list[dict]) -> str:
    lines = [
        "## Import: hcdash against DuckDB read_csv",
        "",
        "| rows | file | runs | hcdash (median) | read_csv into a table (median) | ratio |"
        " peak memory hcdash | peak memory read_csv |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['mb']:,.0f} MB | {r['runs']} | {r['hcdash']:.2f} s |"
            f" {r['baseline']:.2f} s | {r['hcdash'] / r['baseline']:.2f}x |"
            f" {r['hcdash_peak']:,.0f} MB | {r['baseline_peak']:,.0f} MB |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, help="also write the Markdown report here")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-bench-") as tmp:
        results = [measure(rows, args.runs, Path(tmp)) for rows in args.rows]
    text = f"Run {started} on {machine()}\n\n" + report(results)
    publish(text, args.output)


if __name__ == "__main__":
    main()
