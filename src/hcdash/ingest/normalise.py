"""From staged text cells to clean rows: one row per value with resolved keys and a number.

Distinct raw spellings (a file has few) are resolved in Python and joined back in DuckDB;
numbers are parsed in SQL for the decimal style of the file. Nothing is dropped here: rows that
do not resolve keep NULL keys, for the validator to report.
"""

import re

import duckdb
import pandas as pd

from hcdash.errors import UnknownValueError
from hcdash.ingest.layout import Layout
from hcdash.ingest.model import IndicatorMeta
from hcdash.periods import parse_period
from hcdash.resolve import Resolver

VALUE_SAMPLE = 5000
MAP_TABLE = "_hcdash_{}"  # raw text -> key maps, registered for the duration of a prepare
EMPTY_MARKERS = ("", ".")  # CBS: '.' = unknown or secret; never zero
TRUE_WORDS = ("ja", "j", "yes", "y", "true", "waar", "1", "x", "*", "voorlopig", "provisional")
FALSE_WORDS = ("nee", "n", "no", "false", "onwaar", "0", "definitief", "final", "-")

# Strict number shapes per decimal style, checked before casting (so 12.5 in a Dutch file is an
# error, not 125).
_NUMBER_SHAPE = {
    ",": r"[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?|[-+]?,\d+",
    ".": r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[-+]?\.\d+",
}
_TO_NUMBER = {
    ",": "replace(replace({x}, '.', ''), ',', '.')",
    ".": "replace({x}, ',', '')",
}


def long_view(con: duckdb.DuckDBPyConnection, table: str, layout: Layout, view: str) -> None:
    """One row per value cell: excel_row, value_column and the raw key and value texts."""
    roles = layout.roles
    raw = {role: roles.get(role, "NULL") for role in (
        "indicator", "region", "sector", "period", "provisional", "name", "unit", "theme",
        "definition", "source")}  # fmt: skip
    selects = []
    for index, (column, key_text) in enumerate(layout.value_columns.items()):
        key = sql_literal(key_text)
        indicator = key if layout.kind == "wide-indicator" else raw["indicator"]
        period = key if layout.kind == "wide-period" else raw["period"]
        selects.append(
            f"SELECT rowid + 1 AS excel_row, {index} AS col,"
            f" {sql_literal(layout.headers[column])} AS value_column,"
            f" {indicator} AS indicator_raw, {raw['region']} AS region_raw,"
            f" {raw['sector']} AS sector_raw, {period} AS period_raw,"
            f" {column} AS value_raw, {raw['provisional']} AS provisional_raw,"
            f" {raw['name']} AS meta_name, {raw['unit']} AS meta_unit,"
            f" {raw['theme']} AS meta_theme, {raw['definition']} AS meta_definition,"
            f" {raw['source']} AS meta_source"
            f" FROM {table} WHERE rowid + 1 > {int(layout.header_row)}"
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {' UNION ALL '.join(selects)}")


def sql_literal(text: str) -> str:
    """A text from a file as an SQL string literal (views cannot take bound parameters)."""
    return "'" + str(text).replace("\x00", "").replace("'", "''") + "'"


def value_sample(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    rows = con.execute(
        f"SELECT value_raw FROM {view} WHERE value_raw IS NOT NULL"
        " AND regexp_matches(value_raw, '\\d') LIMIT ?",
        [VALUE_SAMPLE],
    ).fetchall()
    return [v for (v,) in rows]


def distinct_keys(con: duckdb.DuckDBPyConnection, view: str) -> dict[str, list[str]]:
    """The distinct raw texts of each key column, in one pass over the file."""
    columns = ("indicator_raw", "region_raw", "sector_raw", "period_raw")
    lists = con.execute(
        f"SELECT {', '.join(f'list(DISTINCT {c})' for c in columns)} FROM {view}"
    ).fetchone()
    return {
        c: [v for v in values if v is not None] for c, values in zip(columns, lists, strict=True)
    }


def key_map(values: list[str], resolver: Resolver) -> pd.DataFrame:
    """raw text -> key, with a hint for those that do not resolve."""
    keys = [resolver.resolve(v) for v in values]
    hints = [None if k else resolver.hint(v) for v, k in zip(values, keys, strict=True)]
    return pd.DataFrame({"raw": values, "key": keys, "hint": hints}, dtype=object)


def period_map(values: list[str]) -> pd.DataFrame:
    rows = []
    for text in values:
        try:
            period = parse_period(text)
            rows.append((text, period.start, period.grain, "*" in text, None))
        except UnknownValueError as exc:
            rows.append((text, None, None, False, str(exc).split("; ", 1)[-1]))
    frame = pd.DataFrame(rows, columns=["raw", "period_start", "grain", "starred", "hint"])
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame.astype({"raw": object, "grain": object, "hint": object})


def indicator_resolver(base: Resolver, extra: tuple[IndicatorMeta, ...]) -> Resolver:
    """The known indicators plus the new ones described for this upload."""
    resolver = Resolver("indicator", dict(base.names), dict(base.labels))
    for meta in extra:
        resolver.add(meta.code, meta.name_nl, meta.name_en)
    return resolver


def clean_table(
    con: duckdb.DuckDBPyConnection, view: str, table: str, decimal: str, has_sector: bool
) -> None:
    """The long rows with keys, period, number and provisional flag resolved (NULL = invalid)."""
    # The slow path cleans stars, percent signs, spaces and minus signs; the fast path casts
    # the plain cells (most of them) directly.
    text = "replace(replace(rtrim(rtrim(trim(v.value_raw), '*'), ' %'), '−', '-'), ' ', '')"
    other = "." if decimal == "," else ","  # the separator that may only group thousands
    fast = "replace(v.value_raw, ',', '.')" if decimal == "," else "v.value_raw"
    slow = (
        f"CASE WHEN NOT contains({text}, '{other}')"
        f" OR regexp_full_match({text}, '{_NUMBER_SHAPE[decimal]}')"
        f" THEN TRY_CAST({_TO_NUMBER[decimal].format(x=text)} AS DOUBLE) END"
    )
    sector = "sm.key" if has_sector else "'alle'"
    words = {flag: ", ".join(f"'{w}'" for w in group) for flag, group in
             (("true", TRUE_WORDS), ("false", FALSE_WORDS))}  # fmt: skip
    prov = "lower(trim(v.provisional_raw))"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS"
        f" WITH v AS (SELECT * FROM {view} WHERE value_raw IS NOT NULL AND value_raw <> '.'"
        "   AND NOT (starts_with(value_raw, ' ') AND trim(value_raw) IN ('', '.')))"
        " SELECT v.excel_row, v.col, im.key AS indicator, rm.key AS region,"
        f" {sector} AS sector, pm.period_start, pm.grain,"
        f" coalesce(CASE WHEN NOT contains(v.value_raw, '{other}')"
        f"   THEN TRY_CAST({fast} AS DOUBLE) END, {slow}) AS value,"
        " (contains(v.value_raw, '*') OR coalesce(pm.starred, false)"
        f"  OR coalesce({prov} IN ({words['true']}), false)) AS provisional,"
        f" (v.provisional_raw IS NULL OR {prov} IN ({words['true']}, {words['false']}))"
        "   AS provisional_ok"
        " FROM v"
        f" LEFT JOIN {MAP_TABLE.format('imap')} im ON im.raw = v.indicator_raw"
        f" LEFT JOIN {MAP_TABLE.format('rmap')} rm ON rm.raw = v.region_raw"
        f" LEFT JOIN {MAP_TABLE.format('smap')} sm ON sm.raw = v.sector_raw"
        f" LEFT JOIN {MAP_TABLE.format('pmap')} pm ON pm.raw = v.period_raw"
    )


def register_maps(con: duckdb.DuckDBPyConnection, maps: dict[str, pd.DataFrame]) -> None:
    for name, frame in maps.items():
        con.register(MAP_TABLE.format(name), frame)


def unregister_maps(con: duckdb.DuckDBPyConnection, names) -> None:
    for name in names:
        con.unregister(MAP_TABLE.format(name))


def slug_code(text: str) -> str:
    """A code for a new indicator from its name: ``Vacaturegraad (%)`` -> ``vacaturegraad``."""
    from hcdash.resolve import normalise, strip_unit

    return re.sub(r"[^a-z0-9]+", "_", normalise(strip_unit(text)[0])).strip("_")[:60]
