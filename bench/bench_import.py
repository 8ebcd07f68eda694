"""Import benchmark, whole process: ``hcdash import FILE`` (read, normalise, validate, load in one
transaction) on the embedded file and on a lake, against DuckDB's own read_csv into a table.

Every run is a fresh process on a fresh store that already knows the file's indicators, timed
from start to exit, with the process's peak memory; the baseline is
``python -c "duckdb.connect(db).execute('CREATE TABLE t AS SELECT * FROM read_csv(file)')"``.
Reports medians, ratios and peak memory as Markdown.

    .venv/bin/python bench/bench_import.py --rows 1000000 --runs 5 [--lake]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, machine, median, publish
from bench.make_files import LOAD_ANYWAY, register_bench_indicators, write_long_csv
from hcdash.migrations import ensure_schema
from hcdash.store import open_store
from tests.support.pgcluster import PostgresCluster

HCDASH = str(Path(sys.executable).parent / "hcdash")
BASELINE = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [sys.argv[2]])\n"
    "con.close()\n"
)


def timed(command: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one process, run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{command[:3]} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


class Stores:
    """Fresh stores that know the benchmark indicators: files, or lakes in one cluster."""

    def __init__(self, folder: Path, lake: bool):
        self.folder, self.count = folder, 0
        self.cluster = PostgresCluster().start() if lake else None

    def new(self) -> list[str]:
        self.count += 1
        if self.cluster is None:
            spec, data = str(self.folder / f"store{self.count}.duckdb"), None
        else:
            name = f"import{self.count}"
            self.cluster.create_database(name)
            spec, data = self.cluster.spec(name), str(self.folder / f"{name}-data")
        store = open_store(spec, data)
        try:
            ensure_schema(store)
            register_bench_indicators(store)
        finally:
            store.close()
        return ["--store", spec, *(["--data-path", data] if data else [])]

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


def measure(rows: int, runs: int, folder: Path, kinds: list[str]) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    csv = write_long_csv(folder / f"long_{rows}.csv", rows)
    out = {"rows": rows, "mb": csv.stat().st_size / 1024**2, "runs": runs}
    for kind in kinds:
        (folder / kind).mkdir(parents=True, exist_ok=True)
    stores = {kind: Stores(folder / kind, kind == "lake") for kind in kinds}
    try:
        results: dict[str, list] = {"raw": [], **{k: [] for k in kinds}}
        for run in range(runs):
            db = folder / f"raw{run}.duckdb"
            results["raw"].append(timed([sys.executable, "-c", BASELINE, str(db), str(csv)]))
            db.unlink()
            for kind, factory in stores.items():
                args = factory.new()
                results[kind].append(timed([HCDASH, *args, "import", str(csv), *LOAD_ANYWAY]))
        for name, values in results.items():
            out[name] = median([s for s, _ in values])
            out[f"{name}_peak"] = max(m for _, m in values)
    finally:
        for factory in stores.values():
            factory.close()
        shutil.rmtree(folder, ignore_errors=True)
    return out


def report(results: list[dict], kinds: list[str]) -> str:
    """One row per size; a store not measured at a size is "–" there."""
    head = " | ".join(f"hcdash import, {k}" for k in kinds)
    lines = [
        "## Import, whole process: hcdash against DuckDB read_csv into a table",
        "",
        f"| rows | file | runs | read_csv | {head} | ratio (time) | ratio (peak memory) |",
        "|---:|---:|---:|---:|" + "---:|" * len(kinds) + "---|---|",
    ]
    for r in results:
        done = [k for k in kinds if k in r]
        cells = " | ".join(
            f"{r[k]:.2f} s, {r[f'{k}_peak']:,.0f} MB" if k in r else "–" for k in kinds
        )
        time_ratio = ", ".join(f"{k} {r[k] / r['raw']:.2f}x" for k in done)
        memory_ratio = ", ".join(f"{k} {r[f'{k}_peak'] / r['raw_peak']:.2f}x" for k in done)
        lines.append(
            f"| {r['rows']:,} | {r['mb']:,.0f} MB | {r['runs']} |"
            f" {r['raw']:.2f} s, {r['raw_peak']:,.0f} MB | {cells} | {time_ratio} |"
            f" {memory_ratio} |"
        )
    lines.append(
        "\nTimes are medians from process start to exit; memory is the largest peak (max RSS)."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lake", action="store_true", help="also import into lakes")
    parser.add_argument(
        "--lake-rows",
        type=int,
        nargs="+",
        help="with --lake: only at these sizes (default: every size)",
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown report here")
    args = parser.parse_args()
    kinds = ["embedded", "lake"] if args.lake else ["embedded"]
    lake_rows = set(args.lake_rows or args.rows)
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-bench-") as tmp:
        results = [
            measure(
                rows,
                args.runs,
                Path(tmp) / str(rows),
                [k for k in kinds if k != "lake" or rows in lake_rows],
            )
            for rows in args.rows
        ]
    one_million = [r for r in results if r["rows"] == 1_000_000]
    figures = {}
    for kind, prefix in (("embedded", ""), ("lake", "lake_")):
        measured = [r for r in one_million if r.get(kind) is not None]
        if measured:
            figures[f"{prefix}import_time_ratio"] = max(r[kind] / r["raw"] for r in measured)
            figures[f"{prefix}import_memory_ratio"] = max(
                r[f"{kind}_peak"] / r["raw_peak"] for r in measured
            )
    publish(
        f"Run {started} on {machine()}\n\n" + report(results, kinds),
        args.output,
        figures,
    )


if __name__ == "__main__":
    main()
