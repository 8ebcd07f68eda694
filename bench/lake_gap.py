"""Where the lake's extra query time goes: the same reads on the embedded file, on the lake
(DuckLake: catalog in PostgreSQL, data in Parquet), and on the lake's Parquet files read
directly (``read_parquet``, no catalog), at national scale (bench/national.py), in one run.

- lake minus Parquet direct: what DuckLake's catalog costs per read (PostgreSQL round trips
  for the snapshot, the file list and the inlined data);
- Parquet direct minus embedded: what reading Parquet costs against DuckDB's own format;
- a copy of the whole lake snapshot into a local DuckDB file: what a replica would pay per new
  snapshot to read from a local copy instead (one way to close the gap).

Each read's result is asserted equal on the three. Medians of ``--runs`` inside one read
transaction, after one unmeasured run (the catalog and the files' footers loaded).

    .venv/bin/python bench/lake_gap.py --rows 10000000 --runs 9
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, publish
from bench.national import build
from hcdash import backup
from hcdash.store import open_store
from tests.support.pgcluster import PostgresCluster
from tests.support.regions import OOST

OOST_SQL = ", ".join(f"'{slug}'" for slug in OOST)  # Regio Oost's regions, for IN (...)
# The kinds of read a page makes (queries.py), written out; {observations} is the table, or
# read_parquet of its files.
READS = {
    "a small reference table (regions)": "SELECT count(*), min(slug) FROM regions",
    "observations, nothing matches": (
        "SELECT count(*) FROM {observations} WHERE indicator = 'no such indicator'"
    ),
    "one indicator over Regio Oost, per sector and quarter (Krapte)": (
        "SELECT sector, period_start, sum(value), count(*) FROM {observations}"
        " WHERE removed_in IS NULL AND indicator = 'spanningsindicator'"
        " AND region IN ({oost}) GROUP BY ALL ORDER BY ALL"
    ),
    "one indicator's current values in Regio Oost (a chart's table)": (
        "SELECT region, sector, period_start, value FROM {observations}"
        " WHERE removed_in IS NULL AND indicator = 'vacatures' AND region IN ({oost})"
        " ORDER BY ALL"
    ),
    "every indicator's coverage (Bronnen)": (
        "SELECT indicator, count(*), min(period_start), max(period_start) FROM {observations}"
        " WHERE removed_in IS NULL GROUP BY ALL ORDER BY ALL"
    ),
}


def rounded(rows: list[tuple]) -> list[tuple]:
    """Rows with sums compared to 1e-6 (the order of adding differs between the stores)."""
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in rows]


def timed(con, sql: str, runs: int) -> tuple[float, list]:
    result = con.execute(sql).fetchall()  # unmeasured: catalog and footers loaded
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        again = con.execute(sql).fetchall()
        times.append(time.perf_counter() - started)
        assert again == result
    return statistics.median(times), rounded(result)


def measure(embedded: str, lake: tuple[str, str], runs: int) -> tuple[list[dict], float, int]:
    files = sorted(str(p) for p in Path(lake[1]).rglob("observations/*.parquet"))
    direct = f"read_parquet({files!r})"
    rows = []
    stores = {"embedded": open_store(embedded), "lake": open_store(*lake)}
    try:
        with stores["embedded"].reading() as emb, stores["lake"].reading() as lk:
            deletes = lk.execute(
                "SELECT count(*) FROM ducklake_list_files('store', 'observations')"
                " WHERE delete_file IS NOT NULL"
            ).fetchall()[0][0]
            assert deletes == 0, "a direct read would not see the lake's deletes"
            for name, sql in READS.items():
                table = sql.format(observations="observations", oost=OOST_SQL)
                found = {"embedded": timed(emb, table, runs), "lake": timed(lk, table, runs)}
                if "{observations}" in sql:
                    found["parquet"] = timed(
                        lk, sql.format(observations=direct, oost=OOST_SQL), runs
                    )
                results = [result for _, result in found.values()]
                assert all(result == results[0] for result in results), name
                rows.append({"read": name, "parquet": None} | {k: s for k, (s, _) in found.items()})
        with (
            tempfile.TemporaryDirectory(prefix="hcdash-copy-") as folder,
            stores["lake"].connection() as con,
        ):
            con.execute(f"ATTACH '{folder}/copy.duckdb' AS local_copy")
            with stores["lake"].reading(con) as lk:  # one snapshot, copied in one transaction
                tables = [
                    name
                    for (name,) in lk.execute(
                        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'store'"
                    ).fetchall()
                ]
                started = time.perf_counter()
                for name in tables:
                    lk.execute(f"CREATE TABLE local_copy.{name} AS SELECT * FROM store.{name}")
            copy_seconds = time.perf_counter() - started  # with the commit
            con.execute("DETACH local_copy")
    finally:
        for store in stores.values():
            store.close()
    return rows, copy_seconds, len(files)


def report(made: dict, rows: list[dict], copy_seconds: float, files: int, runs: int) -> str:
    lines = [
        "## Where the lake's extra query time goes",
        "",
        f"Store: {made}. The lake is a copy of the embedded file ({files} Parquet file(s) of"
        " observations, no delete files). Medians of"
        f" {runs} runs inside one read transaction, after one unmeasured run; every result"
        " asserted equal on all three.",
        "",
        "| read | embedded | lake | lake's Parquet read directly | catalog (lake − direct)"
        " | Parquet (direct − embedded) | lake / embedded |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        direct = row["parquet"]
        catalog = f"{(row['lake'] - direct) * 1000:.1f} ms" if direct is not None else "–"
        parquet = f"{(direct - row['embedded']) * 1000:.1f} ms" if direct is not None else "–"
        lines.append(
            f"| {row['read']} | {row['embedded'] * 1000:.1f} ms | {row['lake'] * 1000:.1f} ms"
            f" | {_ms(direct)} | {catalog} | {parquet} | {row['lake'] / row['embedded']:.2f}x |"
        )
    lines += [
        "",
        f"Copying the whole lake snapshot into a local DuckDB file (every table): "
        f"{copy_seconds:.1f} s; a replica reading from such a copy would pay that (or an "
        "incremental update) per new snapshot.",
    ]
    return "\n".join(lines) + "\n"


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    folder = Path(tempfile.mkdtemp(prefix="hcdash-gap-"))
    cluster = PostgresCluster().start()
    try:
        embedded = str(folder / "national.duckdb")
        store = open_store(embedded)
        made = build(store, args.rows)
        store.close()
        cluster.create_database("gap")
        lake = (cluster.spec("gap"), str(folder / "lake"))
        source, target = open_store(embedded), open_store(*lake)
        backup.copy(source, target)
        source.close()
        target.close()
        rows, copy_seconds, files = measure(embedded, lake, args.runs)
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    text = f"Run {started} on {machine()}\n\n" + report(made, rows, copy_seconds, files, args.runs)
    publish(text, args.output)


if __name__ == "__main__":
    main()
