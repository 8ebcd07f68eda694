"""The query layer: plain functions ``(con, ...) -> DataFrame`` with bound parameters.

Pages, the CLI and benchmarks all read through here. Filters and aggregations run in DuckDB;
only the (small) result comes back as a DataFrame. Aggregation over regions follows each
indicator's rule: ``sum`` is summed, ``ratio`` is computed from the sums of its numerator and
denominator (never a mean of regional ratios), ``none`` is not aggregated at all.
"""

import difflib
from dataclasses import dataclass

import duckdb
import pandas as pd

from hcdash.errors import AggregationError, UnknownValueError
from hcdash.periods import Period, period_code

CURRENT = "o.superseded_by IS NULL"


@dataclass(frozen=True)
class Filters:
    """What a view asks for. Empty tuples and None mean 'no restriction'."""

    indicators: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    period_from: Period | None = None
    period_to: Period | None = None


def _placeholders(values) -> str:
    return ", ".join("?" for _ in values)


def _where(filters: Filters, *, skip_regions: bool = False) -> tuple[str, list]:
    """SQL conditions on observations ``o`` for the filters, with their parameters."""
    clauses, params = [CURRENT], []
    for column, values in (
        ("indicator", filters.indicators),
        ("region", () if skip_regions else filters.regions),
        ("sector", filters.sectors),
    ):
        if values:
            clauses.append(f"o.{column} IN ({_placeholders(values)})")
            params += list(values)
    if filters.period_from is not None:
        clauses.append("o.period_start >= ?")
        params.append(filters.period_from.start)
    if filters.period_to is not None:
        clauses.append("o.period_start < ?")
        params.append(filters.period_to.end)
    return " AND ".join(clauses), params


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


# --- reference data -------------------------------------------------------------------------


def regions(con: duckdb.DuckDBPyConnection, level: str | None = None) -> pd.DataFrame:
    sql = "SELECT slug, code, name, aliases, level, parent FROM regions"
    params = []
    if level:
        sql += " WHERE level = ?"
        params.append(level)
    return _df(con, sql + " ORDER BY sort_order", params)


def sectors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(
        con, "SELECT slug, name_nl, name_en, technical, is_total FROM sectors ORDER BY sort_order"
    )


def indicators(con: duckdb.DuckDBPyConnection, theme: str | None = None) -> pd.DataFrame:
    sql = (
        "SELECT code, name_nl, name_en, theme, unit, definition, source, frequency,"
        " higher_is_better, aggregation, numerator, denominator, decimals FROM indicators"
    )
    params = []
    if theme:
        sql += " WHERE theme = ?"
        params.append(theme)
    return _df(con, sql + " ORDER BY sort_order", params)


def indicator(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    """One indicator's metadata as a dict; UnknownValueError names the closest codes."""
    found = indicators(con)
    row = found[found["code"] == code]
    if row.empty:
        raise UnknownValueError(_unknown("indicator", code, found["code"].tolist()))
    return row.iloc[0].to_dict()


def bands(con: duckdb.DuckDBPyConnection, code: str) -> pd.DataFrame:
    return _df(
        con,
        "SELECT ordinal, lower, upper, label_nl, label_en FROM indicator_bands"
        " WHERE indicator = ? ORDER BY ordinal",
        [code],
    )


def targets(con: duckdb.DuckDBPyConnection, indicator_code: str | None = None) -> pd.DataFrame:
    sql = (
        "SELECT indicator, region, sector, value, start_date, deadline, label_nl, label_en,"
        " source FROM targets"
    )
    params = []
    if indicator_code:
        sql += " WHERE indicator = ?"
        params.append(indicator_code)
    return _df(con, sql + " ORDER BY deadline", params)


def member_regions(con: duckdb.DuckDBPyConnection, area: str) -> list[str]:
    """The arbeidsmarktregio's that make up ``area`` (itself, if it is one)."""
    rows = con.execute(
        "WITH RECURSIVE tree(slug, level, sort_order) AS ("
        "  SELECT slug, level, sort_order FROM regions WHERE slug = ?"
        "  UNION ALL"
        "  SELECT r.slug, r.level, r.sort_order FROM regions r JOIN tree t ON r.parent = t.slug)"
        " SELECT slug FROM tree WHERE level = 'arbeidsmarktregio' ORDER BY sort_order",
        [area],
    ).fetchall()
    if not rows:
        known = regions(con)["slug"].tolist()
        if area not in known:
            raise UnknownValueError(_unknown("region", area, known))
    return [slug for (slug,) in rows]


def validate_filters(con: duckdb.DuckDBPyConnection, filters: Filters) -> None:
    """Raise UnknownValueError for the first slug or code in ``filters`` that does not exist."""
    for kind, values, known in (
        ("indicator", filters.indicators, indicators(con)["code"]),
        ("region", filters.regions, regions(con)["slug"]),
        ("sector", filters.sectors, sectors(con)["slug"]),
    ):
        known = known.tolist()
        for value in values:
            if value not in known:
                raise UnknownValueError(_unknown(kind, value, known))


def _unknown(kind: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(str(value).lower(), known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(known)}"
    return f"unknown {kind} '{value}'{hint}"


# --- observations -----------------------------------------------------------------------------


def observations(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Current values per region, sector and period, with the source of their upload."""
    where, params = _where(filters)
    return _df(
        con,
        "SELECT o.indicator, o.region, o.sector, o.period_start, o.grain, o.value,"
        " o.provisional, o.upload_id, u.source"
        " FROM observations o"
        " JOIN uploads u ON u.id = o.upload_id"
        " JOIN regions r ON r.slug = o.region"
        " JOIN sectors s ON s.slug = o.sector"
        f" WHERE {where}"
        " ORDER BY o.indicator, r.sort_order, s.sort_order, o.period_start",
        params,
    )


def aggregate(
    con: duckdb.DuckDBPyConnection,
    indicator_code: str,
    area: str,
    filters: Filters = Filters(),
    *,
    complete_only: bool = True,
) -> pd.DataFrame:
    """``indicator_code`` over the arbeidsmarktregio's of ``area``, per sector and period.

    A period/sector is returned only when every member region has a value (``complete_only``),
    so a missing region never shows as a drop. ``n_regions`` says how many contributed.
    """
    meta = indicator(con, indicator_code)
    if meta["aggregation"] == "none":
        raise AggregationError(
            f"{meta['name_en']} ({indicator_code}) has no aggregation rule; "
            "it can be shown per region only"
        )
    members = member_regions(con, area)
    ratio = meta["aggregation"] == "ratio"
    parts = (meta["numerator"], meta["denominator"]) if ratio else (indicator_code,)
    scope = Filters(parts, tuple(members), filters.sectors, filters.period_from, filters.period_to)
    where, params = _where(scope)
    select, select_params = _RATIO_SELECT if ratio else _SUM_SELECT, list(parts)
    if complete_only:
        select += " AND n_regions = ?"
        select_params.append(len(members))
    frame = _df(
        con,
        f"WITH sums AS ({_SUMS.format(where=where)}), q AS ({select})"
        " SELECT ? AS indicator, ? AS region, q.* FROM q JOIN sectors s ON s.slug = q.sector"
        " ORDER BY s.sort_order, q.period_start",
        [*params, *select_params, indicator_code, area],
    )
    frame["n_expected"] = len(members)
    return frame


# Sums per part, sector and period over the member regions.
_SUMS = (
    "SELECT o.indicator, o.sector, o.period_start, o.grain, sum(o.value) AS total,"
    " bool_or(o.provisional) AS provisional, count(DISTINCT o.region) AS n_regions,"
    " string_agg(DISTINCT u.source, '; ' ORDER BY u.source) AS source"
    " FROM observations o JOIN uploads u ON u.id = o.upload_id WHERE {where}"
    " GROUP BY o.indicator, o.sector, o.period_start, o.grain"
)
_SUM_SELECT = (
    "SELECT sector, period_start, grain, total AS value, provisional, n_regions, source"
    " FROM sums WHERE indicator = ?"
)
# A ratio from the sums of its parts: numerator row n joined to denominator row d.
_RATIO_SELECT = (
    "SELECT * FROM (SELECT n.sector, n.period_start, n.grain,"
    " n.total / nullif(d.total, 0) AS value, n.provisional OR d.provisional AS provisional,"
    " least(n.n_regions, d.n_regions) AS n_regions,"
    " CASE WHEN n.source = d.source THEN n.source ELSE n.source || '; ' || d.source END"
    " AS source FROM sums n JOIN sums d ON d.sector = n.sector"
    " AND d.period_start = n.period_start AND d.grain = n.grain"
    " WHERE n.indicator = ? AND d.indicator = ?) WHERE true"
)


# --- status and coverage ----------------------------------------------------------------------


def coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per indicator: current value count, grain, first and last period, provisional count."""
    frame = _df(
        con,
        "SELECT i.code AS indicator, i.name_nl, any_value(o.grain) AS grain,"
        " count(o.value) AS values, min(o.period_start) AS first_start,"
        " max(o.period_start) AS last_start,"
        " count(*) FILTER (WHERE o.provisional) AS provisional"
        " FROM indicators i LEFT JOIN observations o"
        " ON o.indicator = i.code AND o.superseded_by IS NULL"
        " GROUP BY i.code, i.name_nl, i.sort_order ORDER BY i.sort_order",
    )
    frame["first_period"] = [
        _code_or_none(s, g) for s, g in zip(frame["first_start"], frame["grain"], strict=True)
    ]
    frame["last_period"] = [
        _code_or_none(s, g) for s, g in zip(frame["last_start"], frame["grain"], strict=True)
    ]
    return frame.drop(columns=["first_start", "last_start"])


def _code_or_none(start, grain) -> str | None:
    if grain is None or pd.isna(start):
        return None
    return period_code(pd.Timestamp(start).date(), grain)


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ("regions", "sectors", "indicators", "indicator_bands", "targets", "uploads")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
    current, history = con.execute(
        "SELECT count(*) FILTER (WHERE superseded_by IS NULL),"
        " count(*) FILTER (WHERE superseded_by IS NOT NULL) FROM observations"
    ).fetchall()[0]
    counts["observations (current)"] = current
    counts["observations (superseded)"] = history
    return counts


def data_status(con: duckdb.DuckDBPyConnection) -> dict:
    """Whether demo data is shown and when data last changed."""
    demo, last_upload, uploads = con.execute(
        "SELECT count(*) FILTER (WHERE kind = 'demo' AND status = 'loaded') > 0,"
        " max(uploaded_at) FILTER (WHERE status = 'loaded'), count(*) FROM uploads"
    ).fetchall()[0]
    return {"demo": bool(demo), "last_upload_at": last_upload, "uploads": uploads}


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever an upload is added or rolled back (part of the UI's cache keys)."""
    return con.execute(
        "SELECT count(*), coalesce(max(id), 0), count(*) FILTER (WHERE status = 'loaded'),"
        " max(uploaded_at) FROM uploads"
    ).fetchall()[0]


# What the dashboard may call through a Reader (and cache): the read-only functions above.
READ_FUNCTIONS = frozenset(
    {
        "regions", "sectors", "indicators", "indicator", "bands", "targets", "member_regions",
        "observations", "aggregate", "coverage", "data_status", "uploads", "indicator_status",
    }
)  # fmt: skip


class Reader:
    """The query functions bound to one connection: ``reader.aggregate(code, area, filters)``.

    View code in the core takes a reader, so the dashboard can hand it a cached one instead.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __getattr__(self, name: str):
        if name not in READ_FUNCTIONS:
            raise AttributeError(name)
        function = globals()[name]
        return lambda *args, **kwargs: function(self.con, *args, **kwargs)


def uploads(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The most recent uploads, newest first."""
    return _df(
        con,
        "SELECT id, uploaded_at, status, kind, file_name, author, rows_read, rows_loaded,"
        " rows_rejected, source, details, rolled_back_at FROM uploads ORDER BY id DESC LIMIT ?",
        [limit],
    )


def indicator_status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per indicator: latest period, provisional values in it, and the last upload that brought
    current values (for the sources page)."""
    return _df(
        con,
        "WITH cur AS (SELECT o.indicator, o.period_start, o.grain, o.provisional, o.upload_id"
        "  FROM observations o WHERE o.superseded_by IS NULL),"
        " last AS (SELECT indicator, max(period_start) AS last_start FROM cur GROUP BY indicator),"
        " stats AS (SELECT c.indicator, any_value(c.grain) AS grain, count(*) AS in_last,"
        "  count(*) FILTER (WHERE c.provisional) AS provisional_in_last"
        "  FROM cur c JOIN last l ON l.indicator = c.indicator AND l.last_start = c.period_start"
        "  GROUP BY c.indicator),"
        " up AS (SELECT c.indicator, max(c.upload_id) AS upload_id, count(*) AS n_values"
        "  FROM cur c GROUP BY c.indicator)"
        " SELECT i.code AS indicator, l.last_start, s.grain, s.in_last, s.provisional_in_last,"
        " up.n_values, u.id AS upload_id, u.file_name, u.uploaded_at"
        " FROM indicators i LEFT JOIN last l ON l.indicator = i.code"
        " LEFT JOIN stats s ON s.indicator = i.code LEFT JOIN up ON up.indicator = i.code"
        " LEFT JOIN uploads u ON u.id = up.upload_id ORDER BY i.sort_order",
    )
