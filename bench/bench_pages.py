"""Page benchmark at national scale (bench/national.py): the query work behind every page against
raw DuckDB on the same data, the same results asserted, and page reruns with every cache cold.

- Query work: for each page, the page's views run with a reader that records every read they
  make (each distinct read once, as the dashboard's cache does within a run). Each recorded
  read is then run again as the plainest raw DuckDB query that returns the same rows and values
  (a filtered SELECT, a GROUP BY), and the benchmark asserts that both results are equal.
  Every run starts cold: the store is opened anew (DuckDB's buffers empty) for hcdash and for
  raw alike, alternating which goes first; times are medians. With several stores, each run
  measures them all in turn, so that their ratios come from the same minutes.
- With ``--lake`` the same store is copied into a lake (a throwaway PostgreSQL cluster) and
  measured the same way: the lake's query work against the embedded file's; and once more as
  a dashboard replica reads it, from its local copy of the lake's current snapshot
  (localcopy.py; the copy is made first, and its making timed).
- Page rerun: ``AppTest`` reruns of each page in a fresh process with the query and catalog
  caches cleared and the file attached again for each run (``HCDASH_LINGER_SECONDS=0``).

    .venv/bin/python bench/bench_pages.py --rows 10000000 --runs 5 [--lake] [--store FILE]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, median, publish, run_child
from bench.national import build
from hcdash import backup, config, queries, stand
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.store import Store, open_store
from hcdash.views import intake, llo, mismatch, overview, profile, shortage, sources
from hcdash.views.common import Context
from tests.support.pgcluster import PostgresCluster
from tests.support.regions import OOST

# The reads over observations; reference data (regions, sectors, indicators, bands, targets,
# uploads' sources, boundaries) are small and left out.
NO_FILTERS = Filters()
MEASURED = (
    "observations",
    "aggregate",
    "latest_with_reference",
    "group_values",
    "indicator_status",
)
LAKE, LOCAL = "lake", "lake, local copy"


@dataclass(frozen=True)
class Where:
    """A store as the benchmark opens it and reads it. A lake is opened as a replica opens it,
    with its local copy folder, and read from the copy or, ``local=False``, itself (a process
    has one ``Store`` per store, opened with its first opener's options: the lake and the
    replica's copy are one object, read two ways)."""

    spec: str
    data_path: str | None = None
    local_copy: Path | None = None
    local: bool = True

    def open(self) -> Store:
        return open_store(self.spec, self.data_path, local_copy=self.local_copy)

    def reading(self, target: Store) -> AbstractContextManager:
        return target.reading(local=self.local)


def _krapte(c):
    latest = Period(shortage.quarters(c)[0].date(), "quarter")
    return (
        shortage.heatmap(c, OOST, latest),
        shortage.tension(c, OOST, "energie"),
        shortage.ranking(c, OOST, "energie"),
        shortage.vacancies(c, OOST, "energie"),
    )


# What each page's views compute after a filter change.
PAGES = {
    "Overzicht (kerncijfers, kaart)": lambda c: (
        overview.headlines(c),
        overview.tile_map(c, "vacatures"),
    ),
    "Krapte (sector energie)": _krapte,
    "Instroom (hbo)": lambda c: (
        intake.intake(c, "hbo", OOST, "alle"),
        intake.year_on_year(c, "hbo", OOST, "alle"),
        intake.technical_share(c, "hbo", OOST),
    ),
    "LLO Energie": lambda c: (llo.progress(c), llo.facts(c), llo.contributions(c)),
    "Regioprofiel (achterhoek)": lambda c: profile.profile(c, "achterhoek"),
    "Mismatch": lambda c: mismatch.quadrant(c, OOST),
    "Bronnen": sources.table,
}


class Recording:
    """A reader's cache that records each distinct measured read (name, args, kwargs) a page
    makes, with its time and result (``queries.Cache``)."""

    def __init__(self):
        self.calls: dict[tuple, tuple[float, pd.DataFrame]] = {}

    def get(self, reader, read, args: tuple, kwargs: dict):
        if read.__name__ not in MEASURED:
            return read(reader, *args, **kwargs)
        key = (read.__name__, args, tuple(kwargs.items()))
        if key not in self.calls:
            start = time.perf_counter()
            result = read(reader, *args, **kwargs)
            self.calls[key] = (time.perf_counter() - start, result)
        return self.calls[key][1]


# --- the raw queries: what an analyst would type, returning the same rows and values ----------


def raw_sql(con, name: str, args: tuple, kwargs: tuple) -> tuple[str, list]:
    if name == "observations":
        sql, params = _filtered(
            args[0], "indicator, region, sector, period_start, grain, value, provisional, upload_id"
        )
        return sql + " ORDER BY indicator, region, sector, period_start", params
    if name == "aggregate":
        return _aggregate_sql(con, *args)
    if name == "latest_with_reference":
        return _profile_sql(con, *args)
    if name == "group_values":
        return _group_sql(*args)
    return _status_sql()


def _aggregate_sql(con, code: str, area: str, filters: Filters = NO_FILTERS) -> tuple[str, list]:
    meta = queries.Reader(con).indicator(code)
    members = tuple(queries.Reader(con).member_regions(area))
    parts = (meta["numerator"], meta["denominator"]) if meta["aggregation"] == "ratio" else (code,)
    scope = Filters(parts, members, filters.sectors, filters.period_from, filters.period_to)
    sql, params = _filtered(
        scope, "indicator, sector, period_start, grain, value, provisional, upload_id"
    )
    value, count, marks = "sum(value)", "count(*)", []
    if meta["aggregation"] == "ratio":
        value = "sum(value) FILTER (indicator = ?) / sum(value) FILTER (indicator = ?)"
        count = "least(count(*) FILTER (indicator = ?), count(*) FILTER (indicator = ?))"
        marks = list(parts)
    return (
        f"SELECT ? AS indicator, ? AS region, sector, period_start, grain, {value} AS value,"
        f" bool_or(provisional) AS provisional, {count} AS n_regions,"
        " min(upload_id) AS upload_id, max(upload_id) AS upload_id_last, ? AS n_expected"
        f" FROM ({sql}) GROUP BY sector, period_start, grain HAVING {count} = ?"
        " ORDER BY sector, period_start",
        [code, area, *marks, *marks, len(members), *params, *marks, len(members)],
    )


def _profile_sql(
    con, region: str, area: str, sector: str = "alle", group: tuple | None = None
) -> tuple[str, list]:
    """Each indicator's latest value for the region; for that period the area's (or the
    group's) reference: the sum of its regions, the ratio of their summed parts, or their
    median."""
    members = list(group) if group is not None else queries.Reader(con).member_regions(area)
    marks = ", ".join("?" for _ in members)
    return (
        "WITH cur AS (SELECT * FROM observations WHERE removed_in IS NULL AND sector = ?),"
        " latest AS (SELECT indicator, max(period_start) AS period_start FROM cur"
        "  WHERE region = ? GROUP BY indicator),"
        " mine AS (SELECT c.* FROM cur c JOIN latest l USING (indicator, period_start)"
        "  WHERE c.region = ?),"
        f" area AS (SELECT indicator, period_start, grain, sum(value) AS total, count(*) AS n,"
        f"  median(value) AS med FROM cur WHERE region IN ({marks})"
        "  GROUP BY indicator, period_start, grain)"
        " SELECT m.indicator, m.period_start, m.grain, m.value, m.provisional, m.upload_id,"
        " i.aggregation, CASE WHEN i.aggregation = 'sum' AND a.n = ? THEN a.total"
        "  WHEN i.aggregation = 'ratio' AND an.n = ? AND ad.n = ?"
        "  THEN an.total / nullif(ad.total, 0) WHEN i.aggregation = 'none' THEN a.med"
        " END AS reference, coalesce(a.n, 0) AS area_n, a.total / a.n AS area_mean"
        " FROM mine m JOIN indicators i ON i.code = m.indicator"
        " LEFT JOIN area a ON a.indicator = m.indicator AND a.period_start = m.period_start"
        "  AND a.grain = m.grain"
        " LEFT JOIN area an ON an.indicator = i.numerator AND an.period_start = m.period_start"
        "  AND an.grain = m.grain"
        " LEFT JOIN area ad ON ad.indicator = i.denominator"
        "  AND ad.period_start = m.period_start AND ad.grain = m.grain"
        " ORDER BY i.sort_order",
        [sector, region, region, *members, *[len(members)] * 3],
    )


def _group_sql(group: tuple, keys: tuple, sector: str = "alle") -> tuple[str, list]:
    """Each region's value for each (indicator, period): the comparison group's spread."""
    wanted = " OR ".join("(indicator = ? AND period_start = ?)" for _ in keys)
    return (
        "SELECT region, indicator, period_start, value FROM observations"
        f" WHERE removed_in IS NULL AND sector = ? AND region IN ({', '.join('?' * len(group))})"
        f" AND ({wanted}) ORDER BY region, indicator, period_start",
        [sector, *group, *(v for key in keys for v in key)],
    )


def _status_sql() -> tuple[str, list]:
    return (
        "WITH cur AS (SELECT * FROM observations WHERE removed_in IS NULL),"
        " per AS (SELECT indicator, max(period_start) AS last_start,"
        "  arg_max(grain, period_start) AS grain, count(*) AS n_values,"
        "  max(upload_id) AS upload_id FROM cur GROUP BY indicator),"
        " last AS (SELECT c.indicator, count(*) AS in_last,"
        "  count(*) FILTER (WHERE c.provisional) AS provisional_in_last FROM cur c"
        "  JOIN per p ON p.indicator = c.indicator AND p.last_start = c.period_start"
        "  GROUP BY c.indicator)"
        " SELECT i.code AS indicator, p.last_start, p.grain, l.in_last, l.provisional_in_last,"
        " p.n_values, u.id AS upload_id, u.file_name, u.uploaded_at FROM indicators i"
        " LEFT JOIN per p ON p.indicator = i.code LEFT JOIN last l ON l.indicator = i.code"
        " LEFT JOIN uploads u ON u.id = p.upload_id WHERE i.removed_in IS NULL"
        " ORDER BY i.sort_order",
        [],
    )


def _filtered(f: Filters, columns: str) -> tuple[str, list]:
    clauses, params = ["removed_in IS NULL"], []
    for column, values in (
        ("indicator", f.indicators),
        ("region", f.regions),
        ("sector", f.sectors),
    ):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += list(values)
    if f.period_from:
        clauses.append("period_start >= ?")
        params.append(f.period_from.start)
    if f.period_to:
        clauses.append("period_start < ?")
        params.append(f.period_to.end)
    return f"SELECT {columns} FROM observations WHERE {' AND '.join(clauses)}", params


def same(ours: pd.DataFrame, raw: pd.DataFrame, what: str) -> None:
    """Assert equal rows and values (floats to 1e-9 relative: sums may add in another order)."""
    ours = ours.reset_index(drop=True)
    raw = raw.reset_index(drop=True)
    raw.columns = list(ours.columns) if len(raw.columns) == len(ours.columns) else raw.columns
    pd.testing.assert_frame_equal(ours, raw, check_dtype=False, rtol=1e-9, obj=what)


# --- measuring -------------------------------------------------------------------------------


def measure_queries(stores: dict[str, Where], runs: int, warm: bool = False) -> dict:
    """Per store and page: hcdash's reads and the raw replay, in ``runs`` rounds; each round
    measures every store in turn (starting with another each round, and alternating whether
    hcdash or raw goes first), so that the ratios between stores are not ratios between
    minutes of a noisy machine. Cold: each on a freshly opened store. Warm: on stores that stay
    open (as a serving dashboard's does), each in a new snapshot (read transaction); both times
    then include opening the session (on a lake replica: asking the catalog whether its local
    copy is current)."""
    results: dict[str, list] = {kind: [] for kind in stores}
    kinds = list(stores)
    for page, work in PAGES.items():
        ours = {kind: [] for kind in kinds}
        raw = {kind: [] for kind in kinds}
        calls: dict[str, dict] = {}
        kept = {kind: where.open() for kind, where in stores.items()} if warm else {}
        for run in range(runs):
            for kind in kinds[run % len(kinds) :] + kinds[: run % len(kinds)]:
                where = stores[kind]
                if run % 2:
                    raw[kind].append(_replay(where, calls[kind], warm))
                target = kept.get(kind) or where.open()
                opening = time.perf_counter()
                with where.reading(target) as con:
                    opened = time.perf_counter() - opening if warm else 0.0
                    recording = Recording()
                    reader = queries.Reader(con, cache=recording)
                    work(Context(reader, "nl"))
                if not warm:
                    target.close()
                calls[kind] = recording.calls
                ours[kind].append(opened + sum(seconds for seconds, _ in recording.calls.values()))
                if not run % 2:
                    raw[kind].append(_replay(where, calls[kind], warm))
        for target in kept.values():
            target.close()
        for kind in kinds:
            results[kind].append(
                {
                    "page": page,
                    "calls": len(calls[kind]),
                    "ours": statistics.median(ours[kind]),
                    "raw": statistics.median(raw[kind]),
                }
            )
    return results


def _replay(where: Where, calls: dict, warm: bool = False) -> float:
    """The raw queries of ``calls``, on the store (the open one, when one is kept open); warm,
    with opening the read session, as hcdash's time has it."""
    target = where.open()
    opening = time.perf_counter()
    with where.reading(target) as con:
        total = time.perf_counter() - opening if warm else 0.0
        for (name, args, kwargs), (_, ours) in calls.items():
            sql, params = raw_sql(con, name, args, kwargs)
            start = time.perf_counter()
            result = con.execute(sql, params).df()
            total += time.perf_counter() - start
            same(ours, result, f"{name}{args}")
    target.close()
    return total


def make_local_copy(where: Where) -> float:
    """Open the lake as a replica does, read once (which starts its local copy), and wait for
    the copy; the seconds from that read until the copy is attached."""
    target = where.open()
    try:
        started = time.perf_counter()
        with where.reading(target) as con:
            assert con.execute("SELECT current_database()").fetchall() == [("store",)]
        target.local_copy.wait()
        seconds = time.perf_counter() - started
        with where.reading(target) as con:
            source = con.execute("SELECT current_database()").fetchall()[0][0]
        assert source.startswith("copy_"), f"no local copy made ({source})"
        return seconds
    finally:
        target.close()


def measure_pinned(where: Where, runs: int) -> list:
    """Per page: the query work of the current view against the same view pinned (``stand``)
    at the latest state, whose every result is asserted equal to the current one, and pinned
    halfway through the store's history (older values back, later ones left out). Cold runs,
    the three variants in turn."""
    target = where.open()  # closed again: a store left open would be every later open's
    with where.reading(target) as con:
        versions = [
            v
            for (v,) in con.execute(
                "SELECT DISTINCT added_in FROM observations ORDER BY 1"
            ).fetchall()
        ]
    target.close()
    latest, middle = versions[-1], versions[len(versions) // 2]
    results = []
    for page, work in PAGES.items():
        times: dict[str, list[float]] = {"current": [], "latest": [], "middle": []}
        for _run in range(runs):
            seen = {}
            for variant, version in (("current", None), ("latest", latest), ("middle", middle)):
                target = where.open()
                with where.reading(target) as con:
                    if version is not None:
                        stand.pin(con, version)
                    recording = Recording()
                    reader = queries.Reader(con, cache=recording)
                    work(Context(reader, "nl"))
                target.close()
                times[variant].append(sum(seconds for seconds, _ in recording.calls.values()))
                seen[variant] = recording.calls
            for key, (_, ours) in seen["current"].items():
                same(seen["latest"][key][1], ours, f"pinned {key[0]}{key[1]}")
        results.append({"page": page, **{k: statistics.median(v) for k, v in times.items()}})
    return results, latest, middle


def figures(cold: dict, warm: dict, reruns: dict, pinned: list | None) -> dict:
    """The worst page of each measure that has a target, with its name."""

    def worst(rows, value):
        row = max(rows, key=value)
        return [value(row), row["page"]]

    out = {}
    for kind, prefix in (("embedded", ""), (LAKE, "lake_itself_"), (LOCAL, "local_copy_")):
        if kind in cold:
            out[f"{prefix}query_ratio_cold"] = worst(cold[kind], lambda r: r["ours"] / r["raw"])
            out[f"{prefix}query_ratio_warm"] = worst(warm[kind], lambda r: r["ours"] / r["raw"])
        if kind in reruns:
            out[f"{prefix}rerun_ms"] = max(
                [1000 * times["closed"], page] for page, times in reruns[kind].items()
            )
    for kind, figure in ((LOCAL, "lake_ratio"), (LAKE, "lake_itself_ratio")):
        if kind not in cold:
            continue
        lake = [  # the worse of cold and warm, per page
            {"page": a["page"], "ratio": b["ours"] / a["ours"]}
            for results in (cold, warm)
            for a, b in zip(results["embedded"], results[kind], strict=True)
        ]
        out[figure] = worst(lake, lambda r: r["ratio"])
    if pinned:
        out["pinned_ratio"] = worst(pinned, lambda r: max(r["latest"], r["middle"]) / r["current"])
    return out


def pinned_report(kind: str, results: list, latest: int, middle: int) -> list[str]:
    lines = [
        "",
        f"**Pinned views (`stand`), {kind}**, cold: query work of a page pinned at the latest "
        f"state (version {latest}; every result asserted equal to the current view's) and "
        f"halfway through the history (version {middle}), against the current view "
        "(target <= 1.5x).",
        "",
        "| page | current | pinned, latest | ratio | pinned, halfway | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        lines.append(
            f"| {row['page']} | {1000 * row['current']:.1f} ms | {1000 * row['latest']:.1f} ms"
            f" | {row['latest'] / row['current']:.2f}x | {1000 * row['middle']:.1f} ms"
            f" | {row['middle'] / row['current']:.2f}x |"
        )
    return lines


RERUNS = {
    "Overzicht": "app.py",
    "Krapte": "pages/1_Krapte.py",
    "Instroom": "pages/2_Instroom.py",
    "LLO Energie": "pages/3_LLO_Energy.py",
    "Regioprofiel": "pages/5_Regioprofiel.py",
    "Mismatch": "pages/6_Mismatch.py",
    "Bronnen": "pages/7_Bronnen.py",
    "Initiatieven": "pages/8_Initiatieven.py",
}

RERUN = """
import os, sys, time
os.environ["HCDASH_STORE"], os.environ["HCDASH_DATA_PATH"] = sys.argv[1], sys.argv[2]
os.environ["HCDASH_LOCAL_COPY"] = sys.argv[3]
os.environ["HCDASH_LINGER_SECONDS"] = "0"
from streamlit.testing.v1 import AppTest
from hcdash.ui import data, frame
runs, scripts = int(sys.argv[4]), sys.argv[5:]
_RESULT = {}

def reruns(at):
    seconds = []
    for _ in range(runs):
        data._query.clear()  # every cache of data: query results, catalogs, built charts
        frame._built.clear()
        time.sleep(0.05)
        start = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - start)
        assert not at.exception and not at.error, (at.exception, at.error)
    return seconds

for script in scripts:
    at = AppTest.from_file(os.path.abspath("app.py"), default_timeout=300).run()
    if script != "app.py":
        at.switch_page(script).run()
    closed = reruns(at)  # as a page first shows: the charts' tables closed
    drawn = len(at.dataframe)  # the page's own tables
    tables = [key for key in at.session_state if key.startswith(frame.TABLE_KEY_PREFIX)]
    for key in tables:  # then as someone who opened every table sees it
        at.session_state[key] = True
    opened = reruns(at) if tables else None
    assert len(at.dataframe) == drawn + len(tables), (script, drawn, len(at.dataframe), tables)
    _RESULT[script] = {"closed": closed, "open": opened}
"""


def measure_reruns(where: Where, runs: int) -> dict[str, dict]:
    """Per page: the median rerun as the page first shows (its charts' tables closed), and
    with every table opened (None where it has none)."""
    local_copy = str(
        where.local_copy if where.local and where.local_copy else config.LOCAL_COPY_OFF
    )
    args = (where.spec, where.data_path or "", local_copy, str(runs), *RERUNS.values())
    times = run_child(RERUN, *args)
    return {
        page: {
            "closed": median(times[script]["closed"]),
            "open": median(times[script]["open"]) if times[script]["open"] else None,
        }
        for page, script in RERUNS.items()
    }


def report(made, cold: dict, warm: dict, reruns: dict, runs: int) -> str:
    lines = [
        "## Pages at national scale: query work against raw DuckDB, and reruns",
        "",
        f"Store: {made}. Medians of {runs} runs; every hcdash result was asserted equal (rows "
        "and values) to the raw query's. Query work per page: hcdash's reads against the raw "
        "queries (target <= 1.2x), and a lake replica's against the embedded file's (target "
        "<= 1.3x; a replica reads its local copy of the lake's current snapshot, the column "
        f"'{LOCAL}'; 'lake' is the lake itself, as read until a new snapshot's copy is made).",
        "",
        "**Cold**: every run on a freshly opened store (DuckDB's buffers empty).",
        "",
        *_query_table(cold),
        "",
        "**Warm**: on a store that stays open, as a serving dashboard's does; each run a new "
        "snapshot, and both times include opening its read session.",
        "",
        *_query_table(warm),
        "",
        "Page rerun with every cache cleared (query results, catalogs, built charts) and the "
        "store attached again (AppTest, target <= 300 ms): as the page first shows, with its "
        "charts' tables closed, and with every table opened (each drawn in the page's "
        "language):",
        "",
        "| page | " + " | ".join(f"{k} | {k}, tables open" for k in reruns) + " |",
        "|---|" + "---:|---:|" * len(reruns),
    ]
    for page in RERUNS:
        times = " | ".join(
            f"{_ms(reruns[k][page]['closed'])} | {_ms(reruns[k][page]['open'])}" for k in reruns
        )
        lines.append(f"| {page} | {times} |")
    return "\n".join(lines) + "\n"


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{1000 * seconds:.0f} ms"


def _query_table(results: dict) -> list[str]:
    kinds = list(results)
    lakes = kinds[1:]  # each against the embedded file
    head = " | ".join(f"{k}: hcdash | {k}: raw | {k}: ratio" for k in kinds)
    lines = [
        f"| page (change) | reads | {head} |" + "".join(f" {k} / embedded |" for k in lakes),
        "|---|---:|" + "---:|" * (3 * len(kinds) + len(lakes)),
    ]
    for i, row in enumerate(results[kinds[0]]):
        cells = " | ".join(
            f"{1000 * results[k][i]['ours']:.1f} ms | {1000 * results[k][i]['raw']:.1f} ms |"
            f" {results[k][i]['ours'] / results[k][i]['raw']:.2f}x"
            for k in kinds
        )
        ratios = "".join(
            f" {results[k][i]['ours'] / results['embedded'][i]['ours']:.2f}x |" for k in lakes
        )
        lines.append(f"| {row['page']} | {row['calls']} | {cells} |{ratios}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="an existing national store file")
    parser.add_argument("--lake", action="store_true", help="also measure a lake copy")
    parser.add_argument(
        "--pinned-only", action="store_true", help="only the pinned views against the current"
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-pages-") as tmp:
        folder = Path(tmp)
        path, made = args.store, str(args.store)
        if path is None:
            path = folder / "national.duckdb"
            store = open_store(str(path))
            made = build(store, args.rows)
            store.close()
        stores = {"embedded": Where(str(path))}
        cluster, copy_seconds = None, None
        try:
            if args.lake:
                cluster = PostgresCluster().start()
                cluster.create_database("pages")
                lake = Where(cluster.spec("pages"), str(folder / "lake"))
                source, target = open_store(str(path)), lake.open()
                backup.copy(source, target)
                source.close()
                target.close()
                copies = folder / "local-copies"
                stores[LAKE] = Where(lake.spec, lake.data_path, copies, local=False)
                stores[LOCAL] = Where(lake.spec, lake.data_path, copies)
                copy_seconds = make_local_copy(stores[LOCAL])
            pinned_results = {k: measure_pinned(s, args.runs) for k, s in stores.items()}
            pinned = [
                line for k, found in pinned_results.items() for line in pinned_report(k, *found)
            ]
            if args.pinned_only:
                publish(
                    f"Run {started} on {machine()}\n\nStore: {made}.\n" + "\n".join(pinned) + "\n",
                    args.output,
                )
                return
            cold = measure_queries(stores, args.runs)
            warm = measure_queries(stores, args.runs, warm=True)
            reruns = {k: measure_reruns(s, args.runs) for k, s in stores.items()}
        finally:
            if cluster is not None:
                cluster.stop()
            shutil.rmtree(folder, ignore_errors=True)
    text = f"Run {started} on {machine()}\n\n" + report(made, cold, warm, reruns, args.runs)
    text += "\n".join(pinned) + "\n"
    if copy_seconds is not None:
        text += (
            f"\nThe replica's local copy of the lake ({LOCAL!r} above) took {copy_seconds:.1f} s"
            " to make, from the first read that found none (which, like every read until the"
            " copy is there, read the lake itself) until it was attached. After every change"
            " of the lake, reads cost what the column 'lake' shows until the new copy is"
            " there.\n"
        )
    every_pinned = [  # the worst page of either store, named with its store
        {**row, "page": f"{row['page']}, {kind}"}
        for kind, (found, _latest, _middle) in pinned_results.items()
        for row in found
    ]
    publish(text, args.output, figures(cold, warm, reruns, every_pinned))


if __name__ == "__main__":
    main()
