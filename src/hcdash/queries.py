"""The query layer: plain functions ``(con, ...) -> DataFrame`` with bound parameters.

Pages, the CLI and benchmarks all read through here. Filters and aggregations run in DuckDB;
only the (small) result comes back as a DataFrame. Aggregation over regions follows each
indicator's rule: ``sum`` is summed, ``ratio`` is computed from the sums of its numerator and
denominator (never a mean of regional ratios), ``none`` is not aggregated at all.
"""

import difflib
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from hcdash.errors import AggregationError, UnknownValueError
from hcdash.periods import Period, period_code
from hcdash.schema import COUNTED_TABLES, REGISTER_TABLES
from hcdash.vocabulary import CURRENT_ROW, TOTAL_SECTOR, current

CURRENT = current("o")
# An indicator that a rollback withdrew stays in the table (history) but is not shown.
INDICATOR_IN_USE = CURRENT_ROW


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


def _where(filters: Filters) -> tuple[str, list]:
    """SQL conditions on observations ``o`` for the filters, with their parameters."""
    clauses, params = [CURRENT], []
    for column, values in (
        ("indicator", filters.indicators),
        ("region", filters.regions),
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


_INDICATOR_COLUMNS = (
    "SELECT code, name_nl, name_en, theme, unit, definition, source, frequency,"
    " higher_is_better, aggregation, numerator, denominator, decimals FROM indicators"
    f" WHERE {INDICATOR_IN_USE}"
)


def indicators(con: duckdb.DuckDBPyConnection, theme: str | None = None) -> pd.DataFrame:
    sql = _INDICATOR_COLUMNS
    params = []
    if theme:
        sql += " AND theme = ?"
        params.append(theme)
    return _df(con, sql + " ORDER BY sort_order", params)


def indicator(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    """One indicator's metadata as a dict; UnknownValueError names the closest codes."""
    result = con.execute(_INDICATOR_COLUMNS + " AND code = ?", [code])
    columns = [d[0] for d in result.description]
    rows = result.fetchall()
    if not rows:
        known = indicators(con)["code"].tolist()
        raise _unknown("indicator", code, known)
    return dict(zip(columns, rows[0], strict=True))


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


def member_regions(
    con: duckdb.DuckDBPyConnection, area: str, known: "Catalog | None" = None
) -> list[str]:
    """The arbeidsmarktregio's that make up ``area`` (itself, if it is one), in order."""
    members = (known or catalog(con)).members
    if area not in members:
        raise _unknown("region", area, list(members))
    return members[area]


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
                raise _unknown(kind, value, known)


def _unknown(kind: str, value: str, known: list[str]) -> UnknownValueError:
    """The error for an unknown indicator, region or sector, with the closest known ones (or all
    of them): ``error.unknown_<kind>_close`` or ``_known``, worded where it is shown."""
    close = difflib.get_close_matches(str(value).lower(), known, n=3, cutoff=0.5)
    if close:
        return UnknownValueError(code=f"unknown_{kind}_close", value=str(value), close=close)
    return UnknownValueError(code=f"unknown_{kind}_known", value=str(value), known=known)


# --- observations -----------------------------------------------------------------------------


def observations(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Current values per region, sector and period, with the upload they came from.

    Ordered by indicator, region, sector and period as text; views put regions and sectors in
    their reference order, and find each value's source through ``upload_sources``.
    """
    where, params = _where(filters)
    return _df(
        con,
        "SELECT o.indicator, o.region, o.sector, o.period_start, o.grain, o.value,"
        f" o.provisional, o.upload_id FROM observations o WHERE {where}"
        " ORDER BY o.indicator, o.region, o.sector, o.period_start",
        params,
    )


@dataclass(frozen=True)
class Catalog:
    """What aggregation needs to know, loaded once: each indicator's rule and each area's
    member regions. Indicators are only ever added or removed, never changed, so a catalog
    stays right for the indicators it knows."""

    rules: dict[str, tuple[str, str, str | None, str | None]]  # code -> name_en, rule, num, den
    members: dict[str, list[str]]  # area -> arbeidsmarktregio's, in reference order


def catalog(con: duckdb.DuckDBPyConnection) -> Catalog:
    rules = {
        code: rest
        for code, *rest in con.execute(
            "SELECT code, name_en, aggregation, numerator, denominator FROM indicators"
            f" WHERE {INDICATOR_IN_USE}"
        ).fetchall()
    }
    regions_ = con.execute("SELECT slug, level, parent FROM regions ORDER BY sort_order").fetchall()
    parent = {slug: up for slug, _, up in regions_}
    members: dict[str, list[str]] = {slug: [] for slug, _, _ in regions_}
    for slug, level, _ in regions_:
        if level != "arbeidsmarktregio":
            continue
        area = slug
        while area is not None:
            members[area].append(slug)
            area = parent.get(area)
    return Catalog(rules, members)


def _aggregation_plan(con, code: str, area: str, known: Catalog | None):
    known = known if known is not None and code in known.rules else catalog(con)
    if code not in known.rules:
        indicator(con, code)  # raises UnknownValueError with suggestions
    if not known.members.get(area):
        member_regions(con, area)  # raises for an unknown area
    name, rule, numerator, denominator = known.rules[code]
    meta = {
        "name_en": name,
        "aggregation": rule,
        "numerator": numerator,
        "denominator": denominator,
    }
    return meta, known.members.get(area, [])


def latest_with_reference(
    con: duckdb.DuckDBPyConnection,
    region: str,
    area: str,
    sector: str = TOTAL_SECTOR,
    known: Catalog | None = None,
) -> pd.DataFrame:
    """For every indicator: ``region``'s latest value (for ``sector``) and, for that period, the
    reference for ``area`` by the indicator's rule: the sum of its regions, the ratio of the
    sums of the parts, or (no rule) the median of its regions. One query, for the region
    profile; the reference is NULL when a region of the area has no value.
    """
    members = member_regions(con, area, known)
    marks = ", ".join("?" for _ in members)
    return _df(
        con,
        "WITH latest AS (SELECT indicator, max(period_start) AS period_start,"
        "  arg_max(grain, period_start) AS grain, arg_max(value, period_start) AS value,"
        "  arg_max(provisional, period_start) AS provisional,"
        "  arg_max(upload_id, period_start) AS upload_id"
        f"  FROM observations WHERE {CURRENT_ROW} AND region = ? AND sector = ?"
        "  GROUP BY indicator),"
        " needed AS (SELECT l.indicator AS code, l.period_start, l.grain FROM latest l"
        "  UNION SELECT unnest([i.numerator, i.denominator]), l.period_start, l.grain"
        "  FROM latest l JOIN indicators i ON i.code = l.indicator WHERE i.aggregation = 'ratio'),"
        " area AS (SELECT o.indicator, o.period_start, o.grain, sum(o.value) AS total,"
        "  count(*) AS n, median(o.value) AS med FROM observations o"
        "  SEMI JOIN needed d ON d.code = o.indicator AND d.period_start = o.period_start"
        "  AND d.grain = o.grain"
        f"  WHERE {CURRENT} AND o.sector = ? AND o.region IN ({marks})"
        "  GROUP BY o.indicator, o.period_start, o.grain)"
        " SELECT l.indicator, l.period_start, l.grain, l.value, l.provisional, l.upload_id,"
        " i.aggregation, CASE i.aggregation"
        "  WHEN 'sum' THEN CASE WHEN a.n = ? THEN a.total END"
        "  WHEN 'ratio' THEN CASE WHEN an.n = ? AND ad.n = ? THEN an.total / nullif(ad.total, 0)"
        "  END ELSE a.med END AS reference"
        " FROM latest l JOIN indicators i ON i.code = l.indicator"
        " LEFT JOIN area a ON a.indicator = l.indicator AND a.period_start = l.period_start"
        "  AND a.grain = l.grain"
        " LEFT JOIN area an ON an.indicator = i.numerator AND an.period_start = l.period_start"
        "  AND an.grain = l.grain"
        " LEFT JOIN area ad ON ad.indicator = i.denominator AND ad.period_start = l.period_start"
        "  AND ad.grain = l.grain"
        " ORDER BY i.sort_order",
        [region, sector, sector, *members, len(members), len(members), len(members)],
    )


def region_boundaries(con: duckdb.DuckDBPyConnection, codes: tuple[str, ...]) -> dict | None:
    """The stored boundaries of these region codes as GeoJSON (None when any is missing)."""
    from hcdash.boundaries import feature_collection

    return feature_collection(con, list(codes))


def upload_sources(con: duckdb.DuckDBPyConnection) -> dict[int, str | None]:
    """upload id -> the source its uploader gave (None: each indicator's own source applies)."""
    return dict(con.execute("SELECT id, source FROM uploads").fetchall())


def aggregate(
    con: duckdb.DuckDBPyConnection,
    indicator_code: str,
    area: str,
    filters: Filters = Filters(),
    *,
    complete_only: bool = True,
    known: Catalog | None = None,
) -> pd.DataFrame:
    """``indicator_code`` over the arbeidsmarktregio's of ``area``, per sector and period.

    A period/sector is returned only when every member region has a value (``complete_only``),
    so a missing region never shows as a drop. ``n_regions`` says how many contributed;
    ``upload_id`` and ``upload_id_last`` are the lowest and highest upload among them.
    """
    meta, members = _aggregation_plan(con, indicator_code, area, known)
    if meta["aggregation"] == "none":
        raise AggregationError(
            f"{meta['name_en']} ({indicator_code}) has no aggregation rule; "
            "it can be shown per region only"
        )
    ratio = meta["aggregation"] == "ratio"
    parts = (meta["numerator"], meta["denominator"]) if ratio else (indicator_code,)
    scope = Filters(parts, tuple(members), filters.sectors, filters.period_from, filters.period_to)
    where, params = _where(scope)
    if ratio:  # one pass: the numerator and denominator sums side by side
        value = (
            "sum(o.value) FILTER (WHERE o.indicator = ?)"
            " / nullif(sum(o.value) FILTER (WHERE o.indicator = ?), 0)"
        )
        counted = (
            "least(count(*) FILTER (WHERE o.indicator = ?),"
            " count(*) FILTER (WHERE o.indicator = ?))"
        )
        part_params = list(parts)
    else:
        value, counted, part_params = "sum(o.value)", "count(*)", []
    having, having_params = "", []
    if complete_only:
        having, having_params = f" HAVING {counted} = ?", [*part_params, len(members)]
    frame = _df(
        con,
        f"SELECT o.sector, o.period_start, o.grain, {value} AS value,"
        f" bool_or(o.provisional) AS provisional, {counted} AS n_regions,"
        " min(o.upload_id) AS upload_id, max(o.upload_id) AS upload_id_last"
        f" FROM observations o WHERE {where} GROUP BY o.sector, o.period_start, o.grain"
        f"{having} ORDER BY o.sector, o.period_start",
        [*part_params, *part_params, *params, *having_params],
    )
    # Constant columns cost more as SQL output than as (plain object) pandas columns.
    frame.insert(0, "region", np.full(len(frame), area, dtype=object))
    frame.insert(0, "indicator", np.full(len(frame), indicator_code, dtype=object))
    frame["n_expected"] = len(members)
    return frame


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
        f" ON o.indicator = i.code AND {CURRENT}"
        f" WHERE i.{INDICATOR_IN_USE}"
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
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in COUNTED_TABLES}
    current, history = con.execute(
        f"SELECT count(*) FILTER (WHERE {CURRENT_ROW}),"
        " count(*) FILTER (WHERE removed_in IS NOT NULL) FROM observations"
    ).fetchall()[0]
    counts["observations (current)"] = current
    counts["observations (history)"] = history
    return counts


def data_status(con: duckdb.DuckDBPyConnection) -> dict:
    """Whether demo data is shown and when data last changed."""
    demo, last_upload, uploads = con.execute(
        "SELECT count(*) FILTER (WHERE kind = 'demo' AND status = 'loaded') > 0,"
        " max(uploaded_at) FILTER (WHERE status = 'loaded'), count(*) FROM uploads"
    ).fetchall()[0]
    return {"demo": bool(demo), "last_upload_at": last_upload, "uploads": uploads}


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
    current values (for the sources page). Two passes over the current values."""
    return _df(
        con,
        "WITH per AS (SELECT indicator, max(period_start) AS last_start,"
        "  arg_max(grain, period_start) AS grain, count(*) AS n_values,"
        f"  max(upload_id) AS upload_id FROM observations WHERE {CURRENT_ROW}"
        "  GROUP BY indicator),"
        " last AS (SELECT o.indicator, count(*) AS in_last,"
        "  count(*) FILTER (WHERE o.provisional) AS provisional_in_last"
        "  FROM observations o JOIN per p ON p.indicator = o.indicator"
        f"  AND p.last_start = o.period_start WHERE {CURRENT} GROUP BY o.indicator)"
        " SELECT i.code AS indicator, p.last_start, p.grain, l.in_last, l.provisional_in_last,"
        " p.n_values, u.id AS upload_id, u.file_name, u.uploaded_at"
        " FROM indicators i LEFT JOIN per p ON p.indicator = i.code"
        " LEFT JOIN last l ON l.indicator = i.code LEFT JOIN uploads u ON u.id = p.upload_id"
        f" WHERE i.{INDICATOR_IN_USE} ORDER BY i.sort_order",
    )


def register(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """The current records of one register table (initiatives, programmes or organisations)."""
    if table not in REGISTER_TABLES:
        raise UnknownValueError(f"unknown register table '{table}'")
    return _df(
        con,
        f"SELECT * EXCLUDE (added_in, removed_in) FROM {table} WHERE {CURRENT_ROW} ORDER BY name",
    )


def latest_tension(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The spanningsindicator per region and sector in its latest quarter (stored values)."""
    return _df(
        con,
        "SELECT region, sector, period_start, value FROM observations"
        f" WHERE {CURRENT_ROW} AND indicator = 'spanningsindicator' AND period_start ="
        f" (SELECT max(period_start) FROM observations WHERE {CURRENT_ROW}"
        "  AND indicator = 'spanningsindicator')",
    )


def last_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The year of the latest period with a current value (one cheap pass)."""
    latest = con.execute(
        f"SELECT max(period_start) FROM observations WHERE {CURRENT_ROW}"
    ).fetchall()[0][0]
    return None if latest is None else latest.year


class Reader:
    """The read functions above, bound to one connection: ``reader.aggregate(code, area)``.

    View code in the core takes a reader, so the dashboard can hand it its cached subclass
    (``ui.data.CachedReader``). The aggregation catalog is loaded once, on first use (or given).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, known: Catalog | None = None):
        self.con = con
        self.known = known

    def catalog(self) -> Catalog:
        if self.known is None:
            self.known = catalog(self.con)
        return self.known

    def regions(self, level: str | None = None) -> pd.DataFrame:
        return regions(self.con, level)

    def sectors(self) -> pd.DataFrame:
        return sectors(self.con)

    def indicators(self, theme: str | None = None) -> pd.DataFrame:
        return indicators(self.con, theme)

    def indicator(self, code: str) -> dict:
        return indicator(self.con, code)

    def bands(self, code: str) -> pd.DataFrame:
        return bands(self.con, code)

    def targets(self, indicator_code: str | None = None) -> pd.DataFrame:
        return targets(self.con, indicator_code)

    def member_regions(self, area: str) -> list[str]:
        return member_regions(self.con, area, self.catalog())

    def observations(self, filters: Filters) -> pd.DataFrame:
        return observations(self.con, filters)

    def aggregate(
        self,
        indicator_code: str,
        area: str,
        filters: Filters = Filters(),
        *,
        complete_only: bool = True,
    ) -> pd.DataFrame:
        return aggregate(
            self.con,
            indicator_code,
            area,
            filters,
            complete_only=complete_only,
            known=self.catalog(),
        )

    def latest_with_reference(
        self, region: str, area: str, sector: str = TOTAL_SECTOR
    ) -> pd.DataFrame:
        return latest_with_reference(self.con, region, area, sector, self.catalog())

    def region_boundaries(self, codes: tuple[str, ...]) -> dict | None:
        return region_boundaries(self.con, codes)

    def upload_sources(self) -> dict[int, str | None]:
        return upload_sources(self.con)

    def coverage(self) -> pd.DataFrame:
        return coverage(self.con)

    def data_status(self) -> dict:
        return data_status(self.con)

    def uploads(self, limit: int = 200) -> pd.DataFrame:
        return uploads(self.con, limit)

    def indicator_status(self) -> pd.DataFrame:
        return indicator_status(self.con)

    def register(self, table: str) -> pd.DataFrame:
        return register(self.con, table)

    def latest_tension(self) -> pd.DataFrame:
        return latest_tension(self.con)

    def last_year(self) -> int | None:
        return last_year(self.con)
