"""Every problem in the file at once, each with its Excel row, column, value and what is valid.

The clean table already says per cell whether it can be loaded (``ok``). The few bad cells get
their texts back from the file and per problem a code and its arguments (``problem.<code>`` in
``i18n.messages``), worded in the page's language only for the rows shown or downloaded; a
cheap count on the packed key finds
keys that occur more than once, and only then are they grouped to find conflicting values.
The accepted values are compared with the current data: new, changed or unchanged.
"""

import duckdb
import pandas as pd

from hcdash.i18n import t
from hcdash.ingest.layout import Layout
from hcdash.ingest.model import MAX_PROBLEMS_SHOWN, Problem
from hcdash.ingest.normalise import COUNT_UNITS, header_of
from hcdash.resolve import Hint
from hcdash.vocabulary import current

FREQUENCY_OF_GRAIN = {"year": "jaar", "quarter": "kwartaal", "month": "maand"}
IDS = "iid, rid, sid, pid"
# What the arguments (``args``, a list of texts) of each problem code are; a hint is encoded.
ARGS = {
    "unknown_indicator": ("hint",),
    "unknown_region": ("hint",),
    "unknown_sector": ("hint",),
    "wrong_grain": ("grain", "indicator", "expected"),
    "negative_count": ("indicator", "unit"),
    "conflict": ("rows",),
}
NO_ARGS = "[]::VARCHAR[]"


def collect(con: duckdb.DuckDBPyConnection, tables: dict, layout: Layout, decimal: str) -> None:
    """Fill ``tables['problems']`` and ``tables['accepted']`` from the clean table."""
    clean = tables["clean"]
    parts = []
    if con.execute(f"SELECT count(*) FROM {clean} WHERE NOT ok").fetchall()[0][0]:
        parts.append(_messages(_bad_cells(tables), layout, decimal, tables))
    repeated = con.execute(
        f"SELECT count(*) - count(DISTINCT key_id) FROM {clean} WHERE ok"
    ).fetchall()[0][0]
    source = f"(SELECT key_id, {IDS}, value, provisional FROM {clean} WHERE ok)"
    if repeated:
        _group(con, clean, tables["grouped"])
        if _has_conflicts(con, tables["grouped"]):
            parts.append(_conflicts(tables))
        source = (
            f"(SELECT key_id, {IDS}, value, provisional FROM {tables['grouped']}"
            " WHERE value = high AND provisional = all_provisional)"
        )
    _accepted(con, source, tables)
    body = " UNION ALL ".join(parts) or (
        "SELECT NULL::BIGINT AS excel_row, NULL::VARCHAR AS col, NULL::VARCHAR AS value,"
        f" NULL::VARCHAR AS code, {NO_ARGS} AS args WHERE false"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['problems']} AS SELECT DISTINCT * FROM ({body})"
        " AS p(excel_row, col, value, code, args)"
    )


def _bad_cells(tables: dict) -> str:
    """The cells that cannot be loaded, with the texts as written and what the maps know."""
    return (
        "(SELECT c.excel_row, c.col, c.iid, c.rid, c.sid, c.pid, c.value, c.provisional_ok,"
        " l.value_column, l.indicator_raw, l.region_raw, l.sector_raw, l.period_raw,"
        " l.value_raw, l.provisional_raw, im.key AS indicator, im.hint AS indicator_hint,"
        " rm.hint AS region_hint, sm.hint AS sector_hint, pm.grain,"
        " ik.expected_grain, ik.unit"
        f" FROM (SELECT * FROM {tables['clean']} WHERE NOT ok) c"
        f" JOIN {tables['long']} l ON l.excel_row = c.excel_row AND l.col = c.col"
        f" LEFT JOIN {tables['imap']} im ON im.raw = l.indicator_raw"
        f" LEFT JOIN {tables['ikeys']} ik ON ik.id = im.id"
        f" LEFT JOIN {tables['rmap']} rm ON rm.raw = l.region_raw"
        f" LEFT JOIN {tables['smap']} sm ON sm.raw = l.sector_raw"
        f" LEFT JOIN {tables['pmap']} pm ON pm.raw = l.period_raw)"
    )


def _key_column(layout: Layout, role: str, heads: str) -> str:
    """SQL for the column named with a key problem: its header, or (wide layouts, where the key
    sits in the header of the value column) the value column."""
    if role in layout.roles:
        return header_of(heads, layout.roles[role])
    return "b.value_column"


def _args(*columns: str) -> str:
    """A problem's arguments: the columns as a list of texts (a column of a frame that held
    only NULLs has no type of its own)."""
    return "[" + ", ".join(f"{c}::VARCHAR" for c in columns) + "]"


def _messages(bad: str, layout: Layout, decimal: str, tables: dict) -> str:
    """Per bad cell and problem: row, column, value as written, code and its arguments."""
    number = "not_a_number_comma" if decimal == "," else "not_a_number_point"

    def column(role: str) -> str:
        return _key_column(layout, role, tables["heads"])

    def key(role: str, raw: str, hint: str) -> str:
        """Missing (no arguments) or unknown (the hint) for a key column."""
        missing = f"trim(coalesce({raw}, '')) = ''"
        return (
            f"CASE WHEN {missing} THEN '{role}_missing' ELSE 'unknown_{role}' END,"
            f" CASE WHEN {missing} THEN {NO_ARGS} ELSE {_args(hint)} END"
        )

    parts = [
        f"SELECT excel_row, {column('indicator')} AS col, indicator_raw AS value,"
        f" {key('indicator', 'indicator_raw', 'indicator_hint')} FROM {bad} b WHERE iid IS NULL",
        f"SELECT excel_row, {column('region')}, region_raw,"
        f" {key('region', 'region_raw', 'region_hint')} FROM {bad} b WHERE rid IS NULL",
        f"SELECT excel_row, {column('period')}, period_raw,"
        f" CASE WHEN trim(coalesce(period_raw, '')) = '' THEN 'period_missing'"
        f" ELSE 'bad_period' END, {NO_ARGS} FROM {bad} b WHERE pid IS NULL",
        f"SELECT excel_row, value_column, value_raw, '{number}', {NO_ARGS}"
        f" FROM {bad} b WHERE value IS NULL OR NOT isfinite(value)",
        f"SELECT excel_row, {column('provisional')}, provisional_raw, 'not_provisional',"
        f" {NO_ARGS} FROM {bad} b WHERE NOT provisional_ok",
        f"SELECT excel_row, {column('period')}, period_raw, 'wrong_grain',"
        f" {_args('grain', 'indicator', 'expected_grain')} FROM {bad} b"
        " WHERE grain <> expected_grain",
        "SELECT excel_row, value_column, value_raw, 'negative_count',"
        f" {_args('indicator', 'unit')} FROM {bad} b"
        f" WHERE value < 0 AND unit IN ({', '.join(repr(u) for u in COUNT_UNITS)})",
    ]
    if "sector" in layout.roles:
        parts.append(
            f"SELECT excel_row, {column('sector')}, sector_raw,"
            f" {key('sector', 'sector_raw', 'sector_hint')} FROM {bad} b WHERE sid IS NULL"
        )
    return " UNION ALL ".join(parts)


def _group(con, clean: str, grouped: str) -> None:
    """One row per key (the file repeats some keys): lowest and highest value and flags."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {grouped} AS SELECT key_id, {IDS}, min(value) AS value,"
        " max(value) AS high, bool_or(provisional) AS provisional,"
        " bool_and(provisional) AS all_provisional, count(*) AS n"
        f" FROM {clean} WHERE ok GROUP BY key_id, {IDS}"
    )


def _has_conflicts(con, grouped: str) -> bool:
    return bool(
        con.execute(
            f"SELECT count(*) FROM {grouped} WHERE n > 1"
            " AND (value <> high OR provisional <> all_provisional)"
        ).fetchall()[0][0]
    )


def _conflicts(tables: dict) -> str:
    """Cells whose key appears again with a different value or provisional flag."""
    return (
        "SELECT l.excel_row, l.value_column AS col, l.value_raw AS value,"
        " 'conflict' AS code, [d.rows_list] AS args"
        " FROM (SELECT excel_row, col, string_agg(excel_row::VARCHAR, ', '"
        "  ORDER BY excel_row) OVER (PARTITION BY key_id) AS rows_list"
        f"  FROM {tables['clean']} WHERE ok AND key_id IN (SELECT key_id FROM {tables['grouped']}"
        "  WHERE n > 1 AND (value <> high OR provisional <> all_provisional))) d"
        f" JOIN {tables['long']} l ON l.excel_row = d.excel_row AND l.col = d.col"
    )


def _accepted(con, source: str, tables: dict) -> None:
    """The values to load, each marked new, changed or unchanged against the current data; and a
    view of them with keys as text, for the loader."""
    existing = (
        "SELECT ((ik.id * 4096 + rk.id) * 256 + sk.id) * 65536 + pk.id AS key_id, o.value,"
        f" o.provisional FROM observations o JOIN {tables['ikeys']} ik ON ik.code = o.indicator"
        f" JOIN {tables['rkeys']} rk ON rk.slug = o.region"
        f" JOIN {tables['skeys']} sk ON sk.slug = o.sector"
        f" JOIN {tables['pkeys']} pk ON pk.period_start = o.period_start AND pk.grain = o.grain"
        f" WHERE {current('o')}"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {tables['accepted']} AS"
        " SELECT v.*, CASE WHEN o.value IS NULL THEN 'new'"
        "  WHEN o.value = v.value AND o.provisional = v.provisional THEN 'unchanged'"
        "  ELSE 'changed' END AS status"
        f" FROM {source} v LEFT JOIN ({existing}) o ON o.key_id = v.key_id"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {tables['load']} AS SELECT ik.code AS indicator,"
        " rk.slug AS region, sk.slug AS sector, pk.period_start, pk.grain, a.value,"
        f" a.provisional, a.status FROM {tables['accepted']} a"
        f" JOIN {tables['ikeys']} ik ON ik.id = a.iid JOIN {tables['rkeys']} rk ON rk.id = a.rid"
        f" JOIN {tables['skeys']} sk ON sk.id = a.sid JOIN {tables['pkeys']} pk ON pk.id = a.pid"
    )


def located(con: duckdb.DuckDBPyConnection, tables: dict) -> None:
    """A view of where each accepted key stands in the file: its row (as Excel numbers it),
    the header of its value column and the value as written (``checks``: a warning names
    them)."""
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {tables['where']} AS SELECT ik.code::VARCHAR AS indicator,"
        " rk.slug::VARCHAR AS region, sk.slug::VARCHAR AS sector,"
        " pk.period_start::DATE AS period_start, pk.grain::VARCHAR AS grain,"
        " c.excel_row AS file_row, l.value_column AS file_column,"
        f" l.value_raw AS file_value FROM {tables['clean']} c"
        f" JOIN {tables['long']} l ON l.excel_row = c.excel_row AND l.col = c.col"
        f" JOIN {tables['ikeys']} ik ON ik.id = c.iid JOIN {tables['rkeys']} rk ON rk.id = c.rid"
        f" JOIN {tables['skeys']} sk ON sk.id = c.sid JOIN {tables['pkeys']} pk ON pk.id = c.pid"
        " WHERE c.ok"
    )


def problem(row, column, value, code: str, args) -> Problem:
    """A problem from its row in the problems table."""
    params = dict(zip(ARGS.get(code, ()), args or (), strict=False))
    if "hint" in params:
        params["hint"] = Hint.decode(params["hint"])
    return Problem.coded(row, column, value, code, **params)


def summary(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[Problem], int]:
    """The first problems (by row, then column) and how many there are in all."""
    total = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    rows = con.execute(
        f"SELECT excel_row, col, value, code, args FROM {table}"
        " ORDER BY excel_row, col, code, args LIMIT ?",
        [MAX_PROBLEMS_SHOWN],
    ).fetchall()
    return [problem(*row) for row in rows], total


def rejected_rows(
    con: duckdb.DuckDBPyConnection,
    raw: str,
    headers: dict[str, str],
    problems: str,
    lang: str = "en",
):
    """The rejected rows as they stand in the file, with every reason in ``lang`` (for
    download). Each distinct problem (code and arguments: a few per kind of mistake) is worded
    once in Python; the reasons are put together per row in SQL. The columns get their header
    texts in pandas, not in SQL."""
    kinds = (
        f"SELECT row_number() OVER (ORDER BY code, args) AS kind, code, args"
        f" FROM (SELECT DISTINCT code, args FROM {problems})"
    )
    texts = pd.DataFrame(
        [
            (kind, problem(None, None, None, code, args).text(lang))
            for kind, code, args in con.execute(kinds).fetchall()
        ],
        columns=["kind", "text"],
    ).astype({"kind": "int64", "text": object})
    columns = ", ".join(f"r.{col}" for col in headers)
    con.register("_hcdash_problem_texts", texts)
    try:
        frame = con.execute(
            f"WITH kinds AS ({kinds}) SELECT p.excel_row, p.reasons, {columns} FROM"
            " (SELECT q.excel_row, string_agg(DISTINCT"
            "   coalesce(q.col, '') || ': ' || x.text, ' | ') AS reasons"
            f"  FROM {problems} q JOIN kinds k ON k.code = q.code"
            "   AND k.args IS NOT DISTINCT FROM q.args"
            "  JOIN _hcdash_problem_texts x ON x.kind = k.kind GROUP BY q.excel_row) p"
            f" JOIN {raw} r ON r.rowid + 1 = p.excel_row ORDER BY p.excel_row"
        ).df()
    finally:
        con.unregister("_hcdash_problem_texts")
    frame.columns = [t("rejected.row", lang), t("rejected.reason", lang), *headers.values()]
    return frame
