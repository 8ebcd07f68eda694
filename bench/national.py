"""National-scale data of the demo's shape, for benchmarks: every arbeidsmarktregio of the
Netherlands (35), every sector, the indicators the pages show, over many years, with history.

- Krapte: vacatures, ww_kort and spanningsindicator per quarter, for the 35 regions and every
  sector; LLO Energie: cumulative participants per month, energie sector; intake (mbo, hbo, wo)
  and the context indicators per year.
- Where CBS and DUO publish per gemeente (intake, employed population, share 55+), the 342
  gemeenten of 2026 have rows too (region ``gm0153`` and so on). No page shows them; they are
  in the table, as a national store would hold them, so every scan passes them.
- History: every value was published ``rounds`` times (a provisional figure, revisions, the
  final one), each round an upload that superseded the one before; only the last is current.

The periods reach back as far as needed for ``rows`` observations in all (at most to 1900;
beyond that, every value gets more rounds of revisions).
Values are deterministic (hashes of the key), of plausible size, and nothing is real.

    .venv/bin/python bench/national.py 10000000 /tmp/national.duckdb
"""

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hcdash import reference
from hcdash.migrations import ensure_schema
from hcdash.store import Change, Store, open_store

LAST_YEAR = 2026
FIRST_POSSIBLE_YEAR = 1900  # hcdash's periods start here
LAST_QUARTER_OF_LAST_YEAR = 3
LAST_MONTH_OF_LAST_YEAR = 10
SECTORS = ("alle", "voedsel", "energie", "gezondheid", "hightech", "maakindustrie")
QUARTERLY = ("vacatures", "ww_kort", "spanningsindicator")
YEARLY_WITH_GEMEENTEN = (
    "instroom_mbo",
    "instroom_hbo",
    "instroom_wo",
    "werkzame_beroepsbevolking",
    "aandeel_55plus",
)
YEARLY_REGIONS_ONLY = ("uitstroom_afgestudeerden",)
DEFAULT_ROUNDS = 3


def rows_per_year(regions: int, gemeenten: int) -> int:
    sectors = len(SECTORS)
    quarterly = len(QUARTERLY) * 4 * regions * sectors
    monthly = 12 * regions  # LLO: energie only
    yearly = (
        len(YEARLY_WITH_GEMEENTEN) * (regions + gemeenten) * sectors
        + len(YEARLY_REGIONS_ONLY) * regions
    )
    return quarterly + monthly + yearly


def build(store: Store, rows: int, rounds: int = DEFAULT_ROUNDS) -> dict:
    """Fill an empty store with about ``rows`` observations; what it made."""
    ensure_schema(store)
    regions = [slug for slug, *_ in _regions(store)]
    gemeenten = [f"gm{code}" for code, _ in reference.gemeente_regions()]
    per_year = rows_per_year(len(regions), len(gemeenten))
    most_years = LAST_YEAR - FIRST_POSSIBLE_YEAR + 1
    rounds = max(rounds, math.ceil(rows / (per_year * most_years)))  # more history, if need be
    years = max(1, min(most_years, round(rows / (per_year * rounds))))
    first = LAST_YEAR - years + 1
    started = time.perf_counter()
    for round_number in range(1, rounds + 1):
        store.write(
            lambda change, r=round_number: _round(change, r, rounds, regions, gemeenten, first)
        )
    with store.reading() as con:
        total, current = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE removed_in IS NULL) FROM observations"
        ).fetchall()[0]
    return {
        "rows": total,
        "current": current,
        "first_year": first,
        "rounds": rounds,
        "regions": len(regions),
        "gemeenten": len(gemeenten),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _regions(store: Store) -> list[tuple]:
    with store.reading() as con:
        return con.execute(
            "SELECT slug FROM regions WHERE level = 'arbeidsmarktregio' ORDER BY sort_order"
        ).fetchall()


def _round(change: Change, number: int, rounds: int, regions, gemeenten, first: int) -> None:
    """Round ``number``: one upload with every key; the previous round's values stop now."""
    con, version = change.con, change.version
    upload = con.execute("SELECT coalesce(max(id), 0) + 1 FROM uploads").fetchall()[0][0]
    con.execute(
        "UPDATE observations SET removed_in = ? WHERE removed_in IS NULL", [version]
    )  # a whole new publication: every value is revised (unchanged ones too, for simplicity)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _nat_regions AS SELECT unnest(?) AS region", [regions]
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _nat_all AS SELECT unnest(?) AS region", [regions + gemeenten]
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _nat_sectors AS SELECT unnest(?) AS sector", [list(SECTORS)]
    )
    noise = f"CAST(hash(k.region, k.sector, k.period_start, {number}) % 100 AS INT)"
    revised = f"(1 + ({noise} - 50) / 2000.0)"
    recent = f"k.period_start >= DATE '{LAST_YEAR - 1}-01-01'"
    provisional = f"({number} < {rounds} OR {recent})"
    insert = (
        "INSERT INTO observations (indicator, region, sector, period_start, grain, value,"
        " provisional, upload_id, added_in)"
    )
    keys = _keys(first)
    for indicator in QUARTERLY:
        con.execute(
            f"{insert} SELECT ?, k.region, k.sector, k.period_start, 'quarter',"
            f" round({_quarterly(indicator)} * {revised}, 2), {provisional}, ?, ?"
            f" FROM ({keys['quarter']}) k",
            [indicator, upload, version],
        )
    con.execute(
        f"{insert} SELECT 'llo_energie_deelnemers', k.region, 'energie', k.period_start,"
        f" 'month', round((datediff('month', DATE '{first}-01-01', k.period_start) + 1) * (20 +"
        f" hash(k.region) % 40) * {revised}), {provisional}, ?, ? FROM ({keys['month']}) k",
        [upload, version],
    )
    for indicator in (*YEARLY_WITH_GEMEENTEN, *YEARLY_REGIONS_ONLY):
        source = "year_all" if indicator in YEARLY_WITH_GEMEENTEN else "year"
        con.execute(
            f"{insert} SELECT ?, k.region, k.sector, k.period_start, 'year',"
            f" round({_yearly(indicator)} * {revised}, 1), {provisional}, ?, ?"
            f" FROM ({keys[source]}) k",
            [indicator, upload, version],
        )
    con.execute(
        "INSERT INTO uploads (id, kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, uploaded_at, author, status, note, version) SELECT ?, 'file',"
        " 'national benchmark round ' || ?, 'national-' || ?, 'hcdash benchmark (not real)',"
        " count(*), count(*), 0, current_timestamp, 'bench', 'loaded', 'national scale', ?"
        " FROM observations WHERE upload_id = ?",
        [upload, number, number, version, upload],
    )


def _keys(first: int) -> dict[str, str]:
    """SQL for the keys of each grain: region (and gemeente), sector, period."""
    last_quarter = f"DATE '{LAST_YEAR}-{3 * LAST_QUARTER_OF_LAST_YEAR - 2:02d}-01'"
    last_month = f"DATE '{LAST_YEAR}-{LAST_MONTH_OF_LAST_YEAR:02d}-01'"
    periods = (
        "SELECT CAST(p AS DATE) AS period_start FROM range(DATE '{first}-01-01', {last} +"
        " INTERVAL 1 DAY, INTERVAL {step}) t(p)"
    )
    quarters = periods.format(first=first, last=last_quarter, step="3 MONTH")
    months = periods.format(first=first, last=last_month, step="1 MONTH")
    years = periods.format(first=first, last=f"DATE '{LAST_YEAR}-01-01'", step="1 YEAR")
    return {
        "quarter": f"SELECT * FROM _nat_regions, _nat_sectors, ({quarters})",
        "month": f"SELECT *, 'energie' AS sector FROM _nat_regions, ({months})",
        "year": f"SELECT * FROM _nat_regions, _nat_sectors, ({years})",
        "year_all": f"SELECT * FROM _nat_all, _nat_sectors, ({years})",
    }


def _size() -> str:
    """A region's and sector's size: 0.4 to 2.0, stable per key; 'alle' is the sum of five."""
    return (
        "(0.4 + (hash(k.region) % 160) / 100.0) * CASE k.sector WHEN 'alle' THEN 5"
        " ELSE 0.5 + (hash(k.region, k.sector) % 100) / 100.0 END"
    )


def _cycle() -> str:
    """The labour market's swing over the years (tighter recently), per quarter."""
    return (
        "(1.2 + 0.6 * sin(year(k.period_start) / 3.0 + quarter(k.period_start))"
        " + greatest(0, year(k.period_start) - 2015) * 0.08)"
    )


def _quarterly(indicator: str) -> str:
    vacancies = f"(400 * {_size()} * {_cycle()})"
    benefits = f"(600 * {_size()} / {_cycle()})"
    return {
        "vacatures": f"round({vacancies})",
        "ww_kort": f"round({benefits})",
        "spanningsindicator": f"{vacancies} / {benefits}",
    }[indicator]


def _yearly(indicator: str) -> str:
    gemeente = "CASE WHEN k.region LIKE 'gm%' THEN 0.08 ELSE 1 END"
    trend = "(1 - greatest(0, year(k.period_start) - 2018) * 0.01)"
    return {
        "instroom_mbo": f"round(900 * {_size()} * {gemeente} * {trend})",
        "instroom_hbo": f"round(600 * {_size()} * {gemeente} * {trend})",
        "instroom_wo": f"round(300 * {_size()} * {gemeente} * {trend})",
        "werkzame_beroepsbevolking": f"round(30000 * {_size()} * {gemeente}, -2)",
        "aandeel_55plus": "18 + (hash(k.region) % 80) / 10.0"
        " + (year(k.period_start) - 1990) / 10.0",
        "uitstroom_afgestudeerden": "30 + hash(k.region, k.period_start) % 400 / 10.0",
    }[indicator]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("store", help="a database file, or ducklake:postgres:...")
    parser.add_argument("--data-path")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    args = parser.parse_args()
    store = open_store(args.store, args.data_path)
    try:
        print(build(store, args.rows, args.rounds))
    finally:
        store.close()


if __name__ == "__main__":
    main()
