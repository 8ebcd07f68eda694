"""Every problem in the file at once, each with its Excel row, column, value and what is valid.

One scan picks the bad cells (few, usually none) into a small table, where the messages are
written; one grouped scan finds keys that appear twice with different values and, at the same
time, builds the table of accepted values. A problem with a key (indicator, region, sector,
period) rejects the whole row; a problem with a value rejects that cell only.
"""

import duckdb

from hcdash.ingest.layout import Layout
from hcdash.ingest.model import MAX_PROBLEMS_SHOWN, Problem
from hcdash.ingest.normalise import MAP_TABLE

FREQUENCY_OF_GRAIN = {"year": "jaar", "quarter": "kwartaal", "month": "maand"}
COUNT_UNITS = ("aantal", "personen", "studenten", "banen", "vacatures")
KEY = "indicator, region, sector, period_start, grain"

_BAD = (
    "c.indicator IS NULL OR c.region IS NULL OR c.sector IS NULL OR c.period_start IS NULL"
    " OR c.value IS NULL OR NOT isfinite(c.value) OR NOT c.provisional_ok"
    " OR coalesce(c.grain <> g.grain, false)"
    f" OR coalesce(c.value < 0 AND g.unit IN ({', '.join(repr(u) for u in COUNT_UNITS)}), false)"
)


def expected_grains(new_grains: str) -> str:
    """code, grain and unit of known indicators, plus new ones (``new_grains``: SQL VALUES)."""
    known = (
        "SELECT code, CASE frequency WHEN 'jaar' THEN 'year' WHEN 'kwartaal' THEN 'quarter'"
        " ELSE 'month' END AS grain, unit FROM indicators"
    )
    return known + (f" UNION ALL {new_grains}" if new_grains else "")


def _key_column(layout: Layout, role: str) -> str:
    """SQL for the column named with a key problem: the header, or the value column's header
    where the key sits in the header (wide layouts)."""
    if role in layout.roles:
        return "'" + layout.headers[layout.roles[role]].replace("'", "''") + "'"
    return "b.value_column"


def collect(
    con: duckdb.DuckDBPyConnection, tables: dict, layout: Layout, decimal: str, new_grains: str
) -> None:
    """Fill ``tables['problems']`` and ``tables['grouped']`` from the clean table."""
    clean, grains = tables["clean"], f"({expected_grains(new_grains)})"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['bad']} AS SELECT c.*, g.grain AS expected_grain,"
        f" g.unit FROM {clean} c LEFT JOIN {grains} g ON g.code = c.indicator WHERE {_BAD}"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['grouped']} AS"
        f" SELECT {', '.join('c.' + k for k in KEY.split(', '))}, min(c.value) AS value,"
        " max(c.value) AS high, bool_or(c.provisional) AS provisional,"
        " bool_and(c.provisional) AS all_provisional, count(*) AS n"
        f" FROM {clean} c LEFT JOIN {grains} g ON g.code = c.indicator WHERE NOT ({_BAD})"
        " GROUP BY ALL"
    )
    parts = []
    if con.execute(f"SELECT count(*) FROM {tables['bad']}").fetchone()[0]:
        parts.append(_messages(_with_texts(tables["bad"], tables["long"]), layout, decimal))
    conflicts = con.execute(
        f"SELECT count(*) FROM {tables['grouped']} WHERE n > 1"
        " AND (value <> high OR provisional <> all_provisional)"
    ).fetchone()[0]
    if conflicts:
        parts.append(_conflicts(clean, tables["grouped"], tables["long"]))
    body = " UNION ALL ".join(parts) or (
        "SELECT NULL::BIGINT AS excel_row, NULL::VARCHAR AS col, NULL::VARCHAR AS value,"
        " NULL::VARCHAR AS message WHERE false"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['problems']} AS SELECT DISTINCT * FROM ({body})"
    )


def _with_texts(bad: str, long_view: str) -> str:
    """The bad cells with the texts as written in the file and the hints of the key maps."""
    maps = {name: MAP_TABLE.format(name) for name in ("imap", "rmap", "smap", "pmap")}
    return (
        "(SELECT b.*, l.value_column, l.indicator_raw, l.region_raw, l.sector_raw, l.period_raw,"
        " l.value_raw, l.provisional_raw, im.hint AS indicator_hint, rm.hint AS region_hint,"
        " sm.hint AS sector_hint, pm.hint AS period_hint"
        f" FROM {bad} b JOIN {long_view} l ON l.excel_row = b.excel_row AND l.col = b.col"
        f" LEFT JOIN {maps['imap']} im ON im.raw = l.indicator_raw"
        f" LEFT JOIN {maps['rmap']} rm ON rm.raw = l.region_raw"
        f" LEFT JOIN {maps['smap']} sm ON sm.raw = l.sector_raw"
        f" LEFT JOIN {maps['pmap']} pm ON pm.raw = l.period_raw)"
    )


def _messages(bad: str, layout: Layout, decimal: str) -> str:
    example = "1.234,5" if decimal == "," else "1,234.5"
    style = "comma" if decimal == "," else "point"
    missing = "trim(coalesce({raw}, '')) = ''"
    parts = [
        f"SELECT excel_row, {_key_column(layout, 'indicator')} AS col, indicator_raw AS value,"
        f" CASE WHEN {missing.format(raw='indicator_raw')} THEN 'the indicator is missing'"
        " ELSE 'unknown indicator (describe it to add it as new); ' || indicator_hint END"
        f" AS message FROM {bad} b WHERE indicator IS NULL",
        f"SELECT excel_row, {_key_column(layout, 'region')}, region_raw,"
        f" CASE WHEN {missing.format(raw='region_raw')} THEN 'the region is missing'"
        f" ELSE 'unknown region; ' || region_hint END FROM {bad} b WHERE region IS NULL",
        f"SELECT excel_row, {_key_column(layout, 'period')}, period_raw,"
        f" CASE WHEN {missing.format(raw='period_raw')} THEN 'the period is missing'"
        " ELSE 'not a valid period; ' || period_hint END"
        f" FROM {bad} b WHERE period_start IS NULL",
        f"SELECT excel_row, value_column, value_raw, 'not a number in this file''s format"
        f" (decimal {style}, e.g. {example}; empty or . for no value)'"
        f" FROM {bad} b WHERE value IS NULL OR NOT isfinite(value)",
        "SELECT excel_row, value_column, provisional_raw,"
        " 'not a provisional flag; use ja or nee (or * after the value)'"
        f" FROM {bad} b WHERE NOT provisional_ok",
        f"SELECT excel_row, {_key_column(layout, 'period')}, period_raw, 'this period is a '"
        " || grain || ', but ' || indicator || ' is measured per ' || expected_grain"
        f" FROM {bad} b WHERE grain <> expected_grain",
        "SELECT excel_row, value_column, value_raw, 'a negative count is not possible for '"
        f" || indicator || ' (unit ' || unit || ')' FROM {bad} b"
        f" WHERE value < 0 AND unit IN ({', '.join(repr(u) for u in COUNT_UNITS)})",
    ]
    if "sector" in layout.roles:
        parts.append(
            f"SELECT excel_row, {_key_column(layout, 'sector')}, sector_raw,"
            f" CASE WHEN {missing.format(raw='sector_raw')} THEN 'the sector is missing'"
            f" ELSE 'unknown sector; ' || sector_hint END FROM {bad} b WHERE sector IS NULL"
        )
    return " UNION ALL ".join(parts)


def _conflicts(clean: str, grouped: str, long_view: str) -> str:
    """Rows whose key appears again with a different value or provisional flag."""
    return (
        "SELECT l.excel_row, l.value_column, l.value_raw,"
        " 'the same indicator, region, sector and period appear with different values in rows '"
        " || d.rows_list FROM (SELECT excel_row, col, string_agg(excel_row::VARCHAR, ', '"
        f"  ORDER BY excel_row) OVER (PARTITION BY {KEY}) AS rows_list"
        f"  FROM {clean} c SEMI JOIN (SELECT {KEY} FROM {grouped} WHERE n > 1"
        f"  AND (value <> high OR provisional <> all_provisional)) k USING ({KEY})) d"
        f" JOIN {long_view} l ON l.excel_row = d.excel_row AND l.col = d.col"
    )


def summary(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[Problem], int]:
    """The first problems (by row, then column) and how many there are in all."""
    total = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    rows = con.execute(
        f"SELECT excel_row, col, value, message FROM {table}"
        " ORDER BY excel_row, col, message LIMIT ?",
        [MAX_PROBLEMS_SHOWN],
    ).fetchall()
    return [Problem(row, col, value, message) for row, col, value, message in rows], total


def accepted_table(con: duckdb.DuckDBPyConnection, grouped: str, table: str) -> None:
    """Valid values, one per key (no conflicting duplicates), each marked new, changed or
    unchanged against the current data."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS"
        " SELECT v.indicator, v.region, v.sector, v.period_start, v.grain, v.value,"
        " v.provisional, CASE WHEN o.value IS NULL THEN 'new'"
        "  WHEN o.value = v.value AND o.provisional = v.provisional THEN 'unchanged'"
        "  ELSE 'changed' END AS status"
        f" FROM {grouped} v LEFT JOIN observations o ON o.superseded_by IS NULL"
        " AND o.indicator = v.indicator AND o.region = v.region AND o.sector = v.sector"
        " AND o.period_start = v.period_start AND o.grain = v.grain"
        " WHERE v.value = v.high AND v.provisional = v.all_provisional"
    )


def rejected_rows(con: duckdb.DuckDBPyConnection, raw: str, headers: dict[str, str], problems: str):
    """The rejected rows as they stand in the file, with every reason (for download)."""
    columns = ", ".join(f"r.{col} AS {sql_identifier(text)}" for col, text in headers.items())
    return con.execute(
        f"SELECT p.excel_row AS rij, p.reasons AS reden, {columns} FROM"
        " (SELECT excel_row, string_agg(DISTINCT"
        "   coalesce(col, '') || ': ' || message, ' | ') AS reasons"
        f"  FROM {problems} GROUP BY excel_row) p"
        f" JOIN {raw} r ON r.rowid + 1 = p.excel_row ORDER BY p.excel_row"
    ).df()


def sql_identifier(text: str) -> str:
    return '"' + str(text).replace("\x00", "").replace('"', '""') + '"'
