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
from hcdash.resolve import Resolver, normalise, strip_unit

VALUE_SAMPLE = 5000
# CBS StatLine's symbols for a cell without a number (docs/reference.md, *Cells*): '.' data
# missing (or, in StatLine, unreliable), 'x' secret, nothing at all; these load no value.
# '-' (or an en dash) is nil: the value 0. A '*' or '**' after a value marks it provisional.
NO_VALUE_SYMBOLS = "'', '.', 'x'"
NIL_SYMBOLS = "'-', '–', '—'"
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


def store_headers(con: duckdb.DuckDBPyConnection, layout: Layout, heads: str) -> None:
    """The header texts (and, in a wide layout, the period or indicator each value column
    names), in a table by staging column: file text reaches SQL only as bound parameters."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {heads} (staging VARCHAR, header VARCHAR, key_text VARCHAR)"
    )
    con.executemany(
        f"INSERT INTO {heads} VALUES (?, ?, ?)",
        [[col, text, layout.value_columns.get(col)] for col, text in layout.headers.items()],
    )


def header_of(heads: str, column: str) -> str:
    """SQL for the header text of a staging column (``c3``: our own name, never file text)."""
    return f"(SELECT header FROM {heads} WHERE staging = '{column}')"


def long_view(
    con: duckdb.DuckDBPyConnection, table: str, layout: Layout, view: str, heads: str
) -> None:
    """One row per value cell: excel_row, value_column and the raw key and value texts."""
    roles = layout.roles
    raw = {
        role: roles.get(role, "NULL")
        for role in (
            "indicator",
            "region",
            "sector",
            "period",
            "provisional",
            "name",
            "unit",
            "theme",
            "definition",
            "source",
        )
    }
    selects = []
    for index, column in enumerate(layout.value_columns):
        key = f"(SELECT key_text FROM {heads} WHERE staging = '{column}')"
        indicator = key if layout.kind == "wide-indicator" else raw["indicator"]
        period = key if layout.kind == "wide-period" else raw["period"]
        selects.append(
            f"SELECT rowid + 1 AS excel_row, {index} AS col,"
            f" {header_of(heads, column)} AS value_column,"
            f" {indicator} AS indicator_raw, {raw['region']} AS region_raw,"
            f" {raw['sector']} AS sector_raw, {period} AS period_raw,"
            f" {column} AS value_raw, {raw['provisional']} AS provisional_raw,"
            f" {raw['name']} AS meta_name, {raw['unit']} AS meta_unit,"
            f" {raw['theme']} AS meta_theme, {raw['definition']} AS meta_definition,"
            f" {raw['source']} AS meta_source"
            f" FROM {table} WHERE rowid + 1 > {int(layout.header_row)}"
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {' UNION ALL '.join(selects)}")


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
    ).fetchall()[0]
    return {  # list() of no rows is NULL: a file with a header and nothing under it
        c: [v for v in values or [] if v is not None]
        for c, values in zip(columns, lists, strict=True)
    }


def _ids(keys: list) -> pd.Series:
    """A small integer per distinct key (None stays None): spellings of one key share it."""
    codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    return pd.Series(codes, dtype="Int64").where(codes >= 0)


def key_map(values: list[str], resolver: Resolver) -> pd.DataFrame:
    """raw text -> key and its id, with a hint for those that do not resolve (``Hint.encode``:
    the problem says it in the page's language)."""
    keys = [resolver.resolve(v) for v in values]
    hints = [
        None if k else resolver.suggestion(v).encode() for v, k in zip(values, keys, strict=True)
    ]
    frame = pd.DataFrame({"raw": values, "key": keys, "hint": hints}, dtype=object)
    frame["id"] = _ids(keys)
    return frame


def period_map(values: list[str]) -> pd.DataFrame:
    """raw text -> period start, grain and id; a ``*`` in the text marks it provisional."""
    rows = []
    for text in values:
        try:
            period = parse_period(text)
            rows.append((text, period.start, period.grain, "*" in text))
        except UnknownValueError:
            rows.append((text, None, None, False))
    frame = pd.DataFrame(rows, columns=["raw", "period_start", "grain", "starred"])
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame["id"] = _ids([f"{r[1]}|{r[2]}" if r[2] else None for r in rows])
    return frame.astype({"raw": object, "grain": object})


def indicator_resolver(base: Resolver, extra: tuple[IndicatorMeta, ...]) -> Resolver:
    """The known indicators plus the new ones described for this upload."""
    resolver = Resolver("indicator", dict(base.names), dict(base.labels))
    for meta in extra:
        resolver.add(meta.code, meta.name_nl, meta.name_en)
    return resolver


def store_maps(con: duckdb.DuckDBPyConnection, maps: dict[str, pd.DataFrame], tables: dict) -> None:
    """The raw-text maps as temporary tables, plus one table of keys per dimension (by id)."""
    for name, frame in maps.items():
        con.register("_hcdash_frame", frame)
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {tables[name]} AS SELECT * FROM _hcdash_frame"
            )
        finally:
            con.unregister("_hcdash_frame")
    for name, columns in (
        ("ikeys", "key AS code"),
        ("rkeys", "key AS slug"),
        ("skeys", "key AS slug"),
        ("pkeys", "period_start, grain"),
    ):
        source = tables[name[0] + "map"]
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {tables[name]} AS SELECT DISTINCT id, {columns}"
            f" FROM {source} WHERE id IS NOT NULL"
        )


def expected_grains(con: duckdb.DuckDBPyConnection, tables: dict, new: dict[str, str]) -> None:
    """Add each indicator's grain and unit to the indicator keys (known ones from the database,
    new ones from their data)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['ikeys']} AS SELECT k.*,"
        " coalesce(CASE i.frequency WHEN 'jaar' THEN 'year' WHEN 'kwartaal' THEN 'quarter'"
        "  WHEN 'maand' THEN 'month' END, n.grain) AS expected_grain, i.unit"
        f" FROM {tables['ikeys']} k LEFT JOIN indicators i ON i.code = k.code"
        " LEFT JOIN (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS grain) n"
        " ON n.code = k.code",
        [list(new), list(new.values())],
    )


COUNT_UNITS = ("aantal", "personen", "studenten", "banen", "vacatures")


def clean_table(
    con: duckdb.DuckDBPyConnection, view: str, tables: dict, decimal: str, has_sector: bool
) -> None:
    """One narrow row per value cell: key ids (NULL = did not resolve), the number (NULL = not
    a number), the provisional flag, a packed ``key_id`` and ``ok`` (the cell can be loaded).

    Only numbers and small integers are stored: the keys as text come back through the key
    tables when the values are loaded, which keeps this pass over the file cheap.
    """
    # The slow path cleans stars, percent signs, spaces and minus signs; the fast path casts
    # plain cells (most of them) directly.
    text = "replace(replace(rtrim(rtrim(trim(v.value_raw), '*'), ' %'), '−', '-'), ' ', '')"
    bare = "rtrim(trim(v.value_raw), '* ')"  # the cell without its provisional stars
    other = "." if decimal == "," else ","  # the separator that may only group thousands
    fast = "replace(v.value_raw, ',', '.')" if decimal == "," else "v.value_raw"
    # A plain cell (no thousands separator, star, percent, space or minus sign) takes the fast
    # path; CASE evaluates the slow path only for the other cells.
    plain = " AND ".join(f"NOT contains(v.value_raw, '{c}')" for c in (other, "*", "%", " ", "−"))
    slow = (
        f"CASE WHEN NOT contains({text}, '{other}')"
        f" OR regexp_full_match({text}, '{_NUMBER_SHAPE[decimal]}')"
        f" THEN TRY_CAST({_TO_NUMBER[decimal].format(x=text)} AS DOUBLE) END"
    )
    words = {
        flag: ", ".join(f"'{w}'" for w in group)
        for flag, group in (("true", TRUE_WORDS), ("false", FALSE_WORDS))
    }
    prov = "lower(trim(v.provisional_raw))"
    sector_id, sector_join = ("sm.id", f" LEFT JOIN {tables['smap']} sm ON sm.raw = v.sector_raw")
    if not has_sector:
        sector_id, sector_join = "0", ""
    counts = ", ".join(repr(u) for u in COUNT_UNITS)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['clean']} AS"
        " SELECT excel_row, col, iid, rid, sid, pid, value, provisional, provisional_ok, key_id,"
        " NOT (iid IS NULL OR rid IS NULL OR sid IS NULL OR pid IS NULL OR value IS NULL"
        "  OR NOT isfinite(value) OR NOT provisional_ok"
        "  OR coalesce(grain <> expected_grain, false)"
        f"  OR coalesce(value < 0 AND unit IN ({counts}), false)) AS ok"
        " FROM (SELECT v.excel_row, v.col, im.id::INTEGER AS iid, rm.id::INTEGER AS rid,"
        f"  {sector_id}::INTEGER AS sid, pm.id::INTEGER AS pid, pm.grain, ik.expected_grain,"
        "  ik.unit,"
        f"  CASE WHEN {bare} IN ({NIL_SYMBOLS}) THEN 0.0"
        f"   WHEN {plain} THEN TRY_CAST({fast} AS DOUBLE) ELSE {slow} END AS value,"
        "  (contains(v.value_raw, '*') OR coalesce(pm.starred, false)"
        f"   OR coalesce({prov} IN ({words['true']}), false)) AS provisional,"
        f"  (v.provisional_raw IS NULL OR {prov} IN ({words['true']}, {words['false']}))"
        "   AS provisional_ok,"
        f"  (((im.id * 4096 + rm.id) * 256 + {sector_id}) * 65536 + pm.id) AS key_id"
        f"  FROM {view} v"
        f"  LEFT JOIN {tables['imap']} im ON im.raw = v.indicator_raw"
        f"  LEFT JOIN {tables['ikeys']} ik ON ik.id = im.id"
        f"  LEFT JOIN {tables['rmap']} rm ON rm.raw = v.region_raw"
        f"  LEFT JOIN {tables['pmap']} pm ON pm.raw = v.period_raw{sector_join}"
        f"  WHERE v.value_raw IS NOT NULL AND lower({bare}) NOT IN ({NO_VALUE_SYMBOLS}))"
    )


def slug_code(text: str) -> str:
    """A code for a new indicator from its name: ``Vacaturegraad (%)`` -> ``vacaturegraad``."""
    return re.sub(r"[^a-z0-9]+", "_", normalise(strip_unit(text)[0])).strip("_")[:60]
