"""Page benchmark: the query work behind one filter change on each page, against raw DuckDB,
at 10 million observations; and the page script rerun after that change (AppTest).

The database holds the demo data plus synthetic monthly indicators up to ``--rows`` in all.
For each page, the view code runs with an uncached reader that times every query function it
calls; each call is then replayed as the plainest raw DuckDB query that returns the same
numbers (a filtered SELECT, or a GROUP BY for aggregates), in the same run. Reference-data
calls (regions, sectors, indicators, bands, targets) are cached by the dashboard and left out.

    .venv/bin/python bench/bench_pages.py --rows 10000000 --runs 5
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
from common import ROOT, machine, publish

from hcdash import demo, queries
from hcdash.db import connect
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.views import intake, llo, mismatch, overview, profile, shortage, sources
from hcdash.views.common import Context

MEASURED = {"observations", "aggregate", "indicator_status", "latest_with_reference"}
OOST = (
    "twente",
    "regio-zwolle",
    "stedendriehoek",
    "midden-gelderland",
    "rijk-van-nijmegen",
    "achterhoek",
    "rivierenland",
    "foodvalley",
)


def build(path: Path, rows: int) -> int:
    """Demo data plus synthetic monthly values, ordered by indicator as per-indicator files are."""
    con = connect(path)
    demo.load_demo(con)
    extra = rows - con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    indicators = 200
    per_indicator = -(-extra // indicators)
    con.execute(
        "INSERT INTO indicators (code, name_nl, name_en, theme, unit, definition, source,"
        " frequency, aggregation, decimals, sort_order) SELECT 'synth_' || i, 'Synth ' || i,"
        " 'Synth ' || i, 'bench', 'aantal', 'benchmark', 'benchmark', 'maand', 'sum', 0, 100 + i"
        f" FROM range({indicators}) t(i)"
    )
    upload = con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, author, status) VALUES ('file', 'bench', 'bench', 'benchmark', ?, ?, 0,"
        " 'bench', 'loaded') RETURNING id",
        [extra, extra],
    ).fetchall()[0][0]
    sectors = "['alle', 'voedsel', 'energie', 'gezondheid', 'hightech', 'maakindustrie']"
    regions = "[" + ", ".join(f"'{r}'" for r in OOST) + "]"
    con.execute(
        "INSERT INTO observations SELECT 'synth_' || (i // ?) AS indicator,"
        f" {regions}[1 + i % 8], {sectors}[1 + (i // 8) % 6],"
        " DATE '1900-01-01' + to_months(CAST((i % ?) // 48 AS INTEGER)), 'month', random() * 1000,"
        " false, ?, NULL FROM range(?) t(i)",
        [per_indicator, per_indicator, upload, extra],
    )
    con.execute("CHECKPOINT")
    total = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    con.close()
    return total


class TimingReader:
    """queries.Reader that records (function, args, seconds) for every call."""

    def __init__(self, con, known=None):
        self.reader, self.calls = queries.Reader(con, known), []

    def __getattr__(self, name):
        function = getattr(self.reader, name)

        def timed(*args):
            start = time.perf_counter()
            result = function(*args)
            self.calls.append((name, args, time.perf_counter() - start))
            return result

        return timed


def raw_sql(con, name: str, args: tuple) -> tuple[str, list]:
    """A hand-written DuckDB query returning the same columns as one query-layer call: what
    an analyst would type, with the filters inlined and no layer around it."""
    if name == "observations":
        sql, params = _filtered(
            args[0], "indicator, region, sector, period_start, grain, value, provisional, upload_id"
        )
        return sql + " ORDER BY indicator, region, sector, period_start", params
    if name == "aggregate":
        return _aggregate_sql(con, *args)
    if name == "latest_with_reference":
        return _profile_sql(*args)
    return (
        "WITH per AS (SELECT indicator, max(period_start) AS last_start, count(*) AS n,"
        " max(upload_id) AS upload_id FROM observations WHERE removed_in IS NULL"
        " GROUP BY indicator) SELECT o.indicator, any_value(p.n), any_value(p.upload_id),"
        " count(*), count(*) FILTER (WHERE o.provisional) FROM observations o JOIN per p"
        " ON p.indicator = o.indicator AND p.last_start = o.period_start"
        " WHERE o.removed_in IS NULL GROUP BY o.indicator",
        [],
    )


def _aggregate_sql(con, code, area, filters=None) -> tuple[str, list]:
    filters = filters or Filters()
    meta = queries.indicator(con, code)
    members = tuple(queries.member_regions(con, area))
    if meta["aggregation"] == "sum":
        scope = Filters((code,), members, filters.sectors, filters.period_from, filters.period_to)
        sql, params = _filtered(scope, "sector, period_start, grain, value, provisional, upload_id")
        return (
            f"SELECT sector, period_start, grain, sum(value), bool_or(provisional), count(*),"
            f" min(upload_id), max(upload_id) FROM ({sql}) GROUP BY ALL HAVING count(*) = ?"
            " ORDER BY sector, period_start",
            [*params, len(members)],
        )
    num, den = meta["numerator"], meta["denominator"]
    scope = Filters((num, den), members, filters.sectors, filters.period_from, filters.period_to)
    sql, params = _filtered(
        scope, "indicator, sector, period_start, grain, value, provisional, upload_id"
    )
    return (
        "SELECT n.sector, n.period_start, n.grain, n.total / d.total, n.p OR d.p, n.c, n.u1, n.u2"
        f" FROM (SELECT indicator, sector, period_start, grain, sum(value) AS total,"
        f" bool_or(provisional) AS p, count(*) AS c, min(upload_id) AS u1, max(upload_id) AS u2"
        f" FROM ({sql}) GROUP BY ALL) n JOIN (SELECT sector, period_start, grain,"
        f" sum(value) AS total, bool_or(provisional) AS p, count(*) AS c FROM ({sql})"
        " WHERE indicator = ? GROUP BY ALL) d USING (sector, period_start, grain)"
        " WHERE n.indicator = ? AND n.c = ? AND d.c = ? ORDER BY n.sector, n.period_start",
        [*params, *params, den, num, len(members), len(members)],
    )


def _profile_sql(region, area, sector="alle") -> tuple[str, list]:
    """Latest value per indicator for the region, and the area's sum/median in that period."""
    marks = ", ".join("?" for _ in OOST)
    return (
        "WITH latest AS (SELECT indicator, arg_max(period_start, period_start) AS period_start,"
        " arg_max(value, period_start) AS value FROM observations WHERE removed_in IS NULL"
        " AND region = ? AND sector = ? GROUP BY indicator)"
        " SELECT l.indicator, any_value(l.value), sum(o.value), median(o.value), count(*)"
        " FROM latest l JOIN observations o ON o.indicator = l.indicator"
        f" AND o.period_start = l.period_start WHERE o.removed_in IS NULL AND o.sector = ?"
        f" AND o.region IN ({marks}) GROUP BY l.indicator",
        [region, sector, sector, *OOST],
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


# One filter change per page: what the page's views compute after it.
PAGES = {
    "Overzicht (kaart: vacatures)": lambda c: overview.tile_map(c, "vacatures"),
    "Overzicht (kerncijfers)": overview.headlines,
    "Krapte (sector: energie)": lambda c: (
        shortage.heatmap(c, list(OOST), Period(shortage.quarters(c)[0].date(), "quarter")),
        shortage.tension(c, list(OOST), "energie"),
        shortage.ranking(c, list(OOST), "energie"),
        shortage.vacancies(c, list(OOST), "energie"),
    ),
    "Instroom (niveau: hbo)": lambda c: (
        intake.intake(c, "hbo", list(OOST), "alle"),
        intake.year_on_year(c, "hbo", list(OOST), "alle"),
        intake.technical_share(c, "hbo", list(OOST)),
    ),
    "LLO Energie": lambda c: (llo.progress(c), llo.facts(c), llo.contributions(c)),
    "Regioprofiel (regio: achterhoek)": lambda c: profile.profile(c, "achterhoek"),
    "Mismatch": lambda c: mismatch.quadrant(c, list(OOST)),
    "Bronnen": sources.table,
}


def measure_queries(con, runs: int) -> list[dict]:
    """Per page: the query layer's time and the raw replay's, alternating which goes first
    (whichever runs second finds warmer caches)."""
    results = []
    for page, work in PAGES.items():
        ours, raw, measured = [], [], []
        for run in range(runs):
            if run % 2:
                raw.append(_replay(con, measured))
            # the dashboard keeps the aggregation catalog per data version: load it beforehand
            reader = TimingReader(con.cursor(), queries.catalog(con))
            work(Context(reader, "nl"))
            measured = [(n, a, s) for n, a, s in reader.calls if n in MEASURED]
            ours.append(sum(s for *_, s in measured))
            if not run % 2:
                raw.append(_replay(con, measured))
        results.append(
            {
                "page": page,
                "calls": len(measured),
                "ours": statistics.median(ours),
                "raw": statistics.median(raw),
            }
        )
    return results


def _replay(con, measured) -> float:
    total = 0.0
    for name, args, _ in measured:
        sql, params = raw_sql(con, name, args)
        start = time.perf_counter()
        con.execute(sql, params).df()
        total += time.perf_counter() - start
    return total


RERUNS = {
    "Overzicht": ("app.py", lambda at: at.selectbox(key="overview_kaart").set_value("vacatures")),
    "Krapte": (
        "pages/1_Krapte.py",
        lambda at: at.selectbox(key="shortage_sector").set_value("energie"),
    ),
    "Instroom": (
        "pages/2_Instroom.py",
        lambda at: at.segmented_control(key="intake_niveau").set_value("hbo"),
    ),
    "LLO Energie": ("pages/3_LLO_Energy.py", None),
    "Regioprofiel": (
        "pages/5_Regioprofiel.py",
        lambda at: at.selectbox(key="profile_regio").set_value("achterhoek"),
    ),
    "Mismatch": (
        "pages/6_Mismatch.py",
        lambda at: at.multiselect(key="mismatch_regio").set_value(list(OOST[:6])),
    ),
    "Bronnen": ("pages/7_Bronnen.py", None),
    "Initiatieven": (
        "pages/8_Initiatieven.py",
        lambda at: at.selectbox(key="initiatives_status").set_value("lopend"),
    ),
}


def measure_reruns(db: Path, runs: int) -> list[dict]:
    """Seconds of ``AppTest.run()`` after the filter change (query caches are cold for it)."""
    from streamlit.testing.v1 import AppTest

    os.environ["HCDASH_DB"] = str(db)
    results = []
    for page, (script, change) in RERUNS.items():
        times = []
        for _ in range(runs):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
            if script != "app.py":
                at.switch_page(script).run()
            _clear_query_cache()
            if change:
                change(at)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        results.append({"page": page, "rerun": statistics.median(times)})
    return results


def _clear_query_cache() -> None:
    from hcdash.ui import data

    data._query.clear()


def report(rows: int, queries_: list[dict], reruns: list[dict], runs: int) -> str:
    lines = [
        f"## Pages at {rows:,} observations ({runs} runs, medians)",
        "",
        "Query work behind one filter change: hcdash's query layer against the plainest raw "
        "DuckDB query for each call, same run.",
        "",
        "| page (change) | query calls | hcdash | raw DuckDB | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in queries_:
        lines.append(
            f"| {r['page']} | {r['calls']} | {1000 * r['ours']:.1f} ms |"
            f" {1000 * r['raw']:.1f} ms | {r['ours'] / r['raw']:.2f}x |"
        )
    lines += [
        "",
        "Page script rerun after the change (AppTest, query cache cleared first):",
        "",
        "| page | rerun |",
        "|---|---:|",
    ]
    lines += [f"| {r['page']} | {1000 * r['rerun']:.0f} ms |" for r in reruns]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-bench-") as tmp:
        db = Path(tmp) / "pages.duckdb"
        total = build(db, args.rows)
        con = duckdb.connect(str(db))
        query_results = measure_queries(con, args.runs)
        con.close()
        rerun_results = measure_reruns(db, args.runs)
    text = f"Run {started} on {machine()}\n\n" + report(
        total, query_results, rerun_results, args.runs
    )
    publish(text, args.output)


if __name__ == "__main__":
    main()
