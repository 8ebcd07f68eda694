"""The query layer: every read of the store, as a method of ``Reader``, with bound parameters.

Pages, the CLI and benchmarks all read through here: ``Reader(con).aggregate(code, area)``.
Each read is written once, as a method marked ``@read``; a reader takes a caching strategy
(``Cache``), so the dashboard's cached reader is this one with a cache (``ui.data``), not a
second set of methods. Filters and aggregations run in DuckDB; only the (small) result comes
back as a DataFrame. Aggregation over regions follows each indicator's rule: ``sum`` is
summed, ``ratio`` is computed from the sums of its numerator and denominator (never a mean of
regional ratios), ``none`` is not aggregated at all.
"""

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

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


@dataclass(frozen=True)
class Catalog:
    """What aggregation needs to know, loaded once: each indicator's rule and each area's
    member regions. Indicators are only ever added or removed, never changed, so a catalog
    stays right for the indicators it knows."""

    rules: dict[str, tuple[str, str, str | None, str | None]]  # code -> name_en, rule, num, den
    members: dict[str, list[str]]  # area -> arbeidsmarktregio's, in reference order


_INDICATOR_COLUMNS = (
    "SELECT code, name_nl, name_en, theme, unit, definition, source, frequency,"
    " higher_is_better, aggregation, numerator, denominator, decimals FROM indicators"
    f" WHERE {INDICATOR_IN_USE}"
)

P = ParamSpec("P")
R = TypeVar("R")


class Cache(Protocol):
    """How a reader keeps results: ``get`` returns ``read(reader, *args, **kwargs)``, worked
    out now or kept from before (the dashboard keeps them per store version: ``ui.data``)."""

    def get(self, reader: "Reader", read: Callable[..., Any], args: tuple, kwargs: dict) -> Any: ...


class NoCache:
    """Every read runs its query (the command line, exports, tests)."""

    def get(self, reader: "Reader", read: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        return read(reader, *args, **kwargs)


NO_CACHE = NoCache()


def read(method: Callable[Concatenate["Reader", P], R]) -> Callable[Concatenate["Reader", P], R]:
    """Mark a method of ``Reader`` as a read of the store: it runs through the reader's cache,
    which gets the method itself (``__wrapped__``) to run on a miss."""

    @functools.wraps(method)
    def through_cache(self: "Reader", *args: P.args, **kwargs: P.kwargs) -> R:
        return self.cache.get(self, method, args, kwargs)

    return through_cache


class Reader:
    """Every read of the store, on one connection: ``Reader(con).observations(filters)``.

    ``known``: the aggregation catalog, when the caller has it (else loaded on first use);
    ``cache``: how results are kept (default: not at all).
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        known: Catalog | None = None,
        cache: Cache = NO_CACHE,
    ):
        self.con = con
        self.known = known
        self.cache = cache

    # --- reference data -------------------------------------------------------------------------

    @read
    def regions(self, level: str | None = None) -> pd.DataFrame:
        sql = "SELECT slug, code, name, aliases, level, parent FROM regions WHERE true"
        return self._in_order(sql, "level", level)

    @read
    def sectors(self) -> pd.DataFrame:
        return _df(
            self.con,
            "SELECT slug, name_nl, name_en, technical, is_total FROM sectors ORDER BY sort_order",
        )

    @read
    def indicators(self, theme: str | None = None) -> pd.DataFrame:
        return self._in_order(_INDICATOR_COLUMNS, "theme", theme)

    def _in_order(self, sql: str, column: str, value: str | None) -> pd.DataFrame:
        """Reference rows of ``sql`` (which ends in a WHERE clause), only those whose
        ``column`` is ``value`` when one is given, in their reference order."""
        if value:
            return _df(self.con, f"{sql} AND {column} = ? ORDER BY sort_order", [value])
        return _df(self.con, f"{sql} ORDER BY sort_order")

    @read
    def indicator(self, code: str) -> dict:
        """One indicator's metadata as a dict; UnknownValueError names the closest codes."""
        result = self.con.execute(_INDICATOR_COLUMNS + " AND code = ?", [code])
        columns = [d[0] for d in result.description]
        rows = result.fetchall()
        if not rows:
            known = self.indicators()["code"].tolist()
            raise _unknown("indicator", code, known)
        return dict(zip(columns, rows[0], strict=True))

    @read
    def bands(self, code: str) -> pd.DataFrame:
        return _df(
            self.con,
            "SELECT ordinal, lower, upper, label_nl, label_en FROM indicator_bands"
            " WHERE indicator = ? ORDER BY ordinal",
            [code],
        )

    @read
    def notes(
        self, indicators: tuple[str, ...] = (), regions: tuple[str, ...] = ()
    ) -> pd.DataFrame:
        """The current notes on series (``hcdash.notes``) about any of ``indicators`` (a note
        for every indicator too) and any of ``regions`` (a note for every region too); all
        notes when both are empty."""
        return _df(
            self.con,
            "SELECT slug, kind, indicator, region, sector, period_start, period_end, text_nl,"
            f" text_en, source FROM notes WHERE {CURRENT_ROW}"
            " AND (len(?::VARCHAR[]) = 0 OR indicator IS NULL OR list_contains(?, indicator))"
            " AND (len(?::VARCHAR[]) = 0 OR region IS NULL OR list_contains(?, region))"
            " ORDER BY period_start NULLS FIRST, slug",
            [list(indicators), list(indicators), list(regions), list(regions)],
        )

    @read
    def targets(self, indicator_code: str | None = None) -> pd.DataFrame:
        sql = (
            "SELECT indicator, region, sector, value, start_date, deadline, label_nl, label_en,"
            " source FROM targets"
        )
        params = []
        if indicator_code:
            sql += " WHERE indicator = ?"
            params.append(indicator_code)
        return _df(self.con, sql + " ORDER BY deadline", params)

    @read
    def member_regions(self, area: str) -> list[str]:
        """The arbeidsmarktregio's that make up ``area`` (itself, if it is one), in order."""
        members = self.catalog().members
        if area not in members:
            raise _unknown("region", area, list(members))
        return members[area]

    @read
    def validate_filters(self, filters: Filters) -> None:
        """Raise UnknownValueError for the first slug or code in ``filters`` that does not exist."""
        for kind, values, known in (
            ("indicator", filters.indicators, self.indicators()["code"]),
            ("region", filters.regions, self.regions()["slug"]),
            ("sector", filters.sectors, self.sectors()["slug"]),
        ):
            known = known.tolist()
            for value in values:
                if value not in known:
                    raise _unknown(kind, value, known)

    # --- observations -----------------------------------------------------------------------------

    @read
    def observations(self, filters: Filters) -> pd.DataFrame:
        """Current values per region, sector and period, with the upload they came from.

        Ordered by indicator, region, sector and period as text; views put regions and sectors in
        their reference order, and find each value's source through ``upload_sources``.
        """
        where, params = _where(filters)
        return _df(
            self.con,
            "SELECT o.indicator, o.region, o.sector, o.period_start, o.grain, o.value,"
            f" o.provisional, o.upload_id FROM observations o WHERE {where}"
            " ORDER BY o.indicator, o.region, o.sector, o.period_start",
            params,
        )

    def catalog(self) -> Catalog:
        """What aggregation needs to know: loaded once per reader (or given)."""
        if self.known is None:
            self.known = self.load_catalog()
        return self.known

    @read
    def load_catalog(self) -> Catalog:
        rules = {
            code: rest
            for code, *rest in self.con.execute(
                "SELECT code, name_en, aggregation, numerator, denominator FROM indicators"
                f" WHERE {INDICATOR_IN_USE}"
            ).fetchall()
        }
        regions_ = self.con.execute(
            "SELECT slug, level, parent FROM regions ORDER BY sort_order"
        ).fetchall()
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

    def _aggregation_plan(self, code: str, area: str):
        known = self.catalog()
        if code not in known.rules:  # an indicator added since the catalog was loaded
            known = self.known = self.load_catalog()
        if code not in known.rules:
            self.indicator(code)  # raises UnknownValueError with suggestions
        if not known.members.get(area):
            self.member_regions(area)  # raises for an unknown area
        name, rule, numerator, denominator = known.rules[code]
        meta = {
            "name_en": name,
            "aggregation": rule,
            "numerator": numerator,
            "denominator": denominator,
        }
        return meta, known.members.get(area, [])

    @read
    def latest_with_reference(
        self,
        region: str,
        area: str,
        sector: str = TOTAL_SECTOR,
        group: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """For every indicator: ``region``'s latest value (for ``sector``) and, for that period, the
        reference for ``area`` by the indicator's rule: the sum of its regions, the ratio of the
        sums of the parts, or (no rule) the median of the regions that have a value. One query,
        for the region profile; a sum or ratio is NULL when a region of the area has no value.
        Besides: ``area_n``, how many of the area's regions have a value, and ``area_mean``,
        their mean (the average region, for a count that cannot be put per 1,000 workers).
        ``group``: these regions instead of ``area``'s (the statistical neighbours).
        """
        members = list(group) if group is not None else self.member_regions(area)
        marks = ", ".join("?" for _ in members)
        return _df(
            self.con,
            "WITH latest AS (SELECT indicator, max(period_start) AS period_start,"
            "  arg_max(grain, period_start) AS grain, arg_max(value, period_start) AS value,"
            "  arg_max(provisional, period_start) AS provisional,"
            "  arg_max(upload_id, period_start) AS upload_id"
            f"  FROM observations WHERE {CURRENT_ROW} AND region = ? AND sector = ?"
            "  GROUP BY indicator),"
            " needed AS (SELECT l.indicator AS code, l.period_start, l.grain FROM latest l"
            "  UNION SELECT unnest([i.numerator, i.denominator]), l.period_start, l.grain"
            "  FROM latest l JOIN indicators i ON i.code = l.indicator"
            "  WHERE i.aggregation = 'ratio'),"
            " area AS (SELECT o.indicator, o.period_start, o.grain, sum(o.value) AS total,"
            "  count(*) AS n, median(o.value) AS med FROM observations o"
            "  SEMI JOIN needed d ON d.code = o.indicator AND d.period_start = o.period_start"
            "  AND d.grain = o.grain"
            f"  WHERE {CURRENT} AND o.sector = ? AND o.region IN ({marks})"
            "  GROUP BY o.indicator, o.period_start, o.grain)"
            " SELECT l.indicator, l.period_start, l.grain, l.value, l.provisional, l.upload_id,"
            " i.aggregation, CASE i.aggregation"
            "  WHEN 'sum' THEN CASE WHEN a.n = ? THEN a.total END"
            "  WHEN 'ratio' THEN CASE WHEN an.n = ? AND ad.n = ?"
            "   THEN an.total / nullif(ad.total, 0) END"
            "  ELSE a.med END AS reference, coalesce(a.n, 0) AS area_n,"
            " a.total / a.n AS area_mean"
            " FROM latest l JOIN indicators i ON i.code = l.indicator"
            " LEFT JOIN area a ON a.indicator = l.indicator AND a.period_start = l.period_start"
            "  AND a.grain = l.grain"
            " LEFT JOIN area an ON an.indicator = i.numerator"
            "  AND an.period_start = l.period_start AND an.grain = l.grain"
            " LEFT JOIN area ad ON ad.indicator = i.denominator"
            "  AND ad.period_start = l.period_start AND ad.grain = l.grain"
            " ORDER BY i.sort_order",
            [region, sector, sector, *members, len(members), len(members), len(members)],
        )

    @read
    def group_values(
        self, group: tuple[str, ...], keys: tuple[tuple[str, Any], ...], sector: str = TOTAL_SECTOR
    ) -> pd.DataFrame:
        """Each region of ``group``'s value for each (indicator, period start) of ``keys``: the
        spread of a comparison group (the Regioprofiel's threshold)."""
        if not group or not keys:
            return pd.DataFrame(columns=["region", "indicator", "period_start", "value"])
        wanted = ", ".join("(?, ?)" for _ in keys)
        return _df(
            self.con,
            "SELECT o.region, o.indicator, o.period_start, o.value FROM observations o"
            f" JOIN (VALUES {wanted}) AS k(indicator, period_start)"
            "  ON k.indicator = o.indicator AND CAST(k.period_start AS DATE) = o.period_start"
            f" WHERE {CURRENT} AND o.sector = ? AND o.region IN ({_placeholders(group)})"
            " ORDER BY o.region, o.indicator, o.period_start",
            [v for key in keys for v in key] + [sector, *group],
        )

    @read
    def region_boundaries(self, codes: tuple[str, ...]) -> dict | None:
        """The stored boundaries of these region codes as GeoJSON (None when any is missing)."""
        # boundaries brings the ingest package (its size limit): at start-up no page needs it
        from hcdash.boundaries import feature_collection

        return feature_collection(self.con, list(codes))

    @read
    def upload_sources(self) -> dict[int, str | None]:
        """upload id -> the source its uploader gave (None: each indicator's own source applies)."""
        return dict(self.con.execute("SELECT id, source FROM uploads").fetchall())

    @read
    def aggregate(
        self,
        indicator_code: str,
        area: str,
        filters: Filters = Filters(),
        *,
        complete_only: bool = True,
    ) -> pd.DataFrame:
        """``indicator_code`` over the arbeidsmarktregio's of ``area``, per sector and period.

        A period/sector is returned only when every member region has a value (``complete_only``),
        so a missing region never shows as a drop. ``n_regions`` says how many contributed;
        ``upload_id`` and ``upload_id_last`` are the lowest and highest upload among them.
        """
        meta, members = self._aggregation_plan(indicator_code, area)
        if meta["aggregation"] == "none":
            raise AggregationError(
                code="no_aggregation", name=meta["name_en"], indicator=indicator_code
            )
        ratio = meta["aggregation"] == "ratio"
        parts = (meta["numerator"], meta["denominator"]) if ratio else (indicator_code,)
        scope = Filters(
            parts, tuple(members), filters.sectors, filters.period_from, filters.period_to
        )
        where, params = _where(scope)
        having, having_params = "", []
        if complete_only:
            having, having_params = " HAVING count(*) = ?", [len(members)]
        rows, value, last = f"observations o WHERE {where}", "sum(o.value)", "upload_id"
        if ratio:  # a region counts with both its parts or not at all (docs/reference.md)
            rows, value = f"({_ratio_parts(where)}) o", "sum(o.num) / nullif(sum(o.den), 0)"
            params, last = [*parts, *params], "upload_id_last"
        frame = _df(
            self.con,
            f"SELECT o.sector, o.period_start, o.grain, {value} AS value,"
            " bool_or(o.provisional) AS provisional, count(*) AS n_regions,"
            f" min(o.upload_id) AS upload_id, max(o.{last}) AS upload_id_last"
            f" FROM {rows} GROUP BY o.sector, o.period_start, o.grain"
            f"{having} ORDER BY o.sector, o.period_start",
            [*params, *having_params],
        )
        # Constant columns cost more as SQL output than as (plain object) pandas columns.
        frame.insert(0, "region", np.full(len(frame), area, dtype=object))
        frame.insert(0, "indicator", np.full(len(frame), indicator_code, dtype=object))
        frame["n_expected"] = len(members)
        return frame

    @read
    def incomplete_parts(
        self, indicator_code: str, area: str, filters: Filters = Filters()
    ) -> pd.DataFrame:
        """For a ratio over ``area``: per sector and period where some region of the area has a
        part, the regions that miss one (``numerator``/``denominator``: True when missing), so
        a chart can say why the area's ratio is not there. Empty for other indicators."""
        meta, members = self._aggregation_plan(indicator_code, area)
        if meta["aggregation"] != "ratio":
            return pd.DataFrame(columns=["sector", "period_start", "grain", "region"])
        parts = (meta["numerator"], meta["denominator"])
        scope = Filters(
            parts, tuple(members), filters.sectors, filters.period_from, filters.period_to
        )
        where, params = _where(scope)
        return _df(
            self.con,
            f"WITH per AS ({_ratio_parts(where, pairs_only=False)}),"
            " grid AS (SELECT k.*, r.region FROM (SELECT DISTINCT sector, period_start, grain"
            "  FROM per) k CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS region) r)"
            " SELECT g.sector, g.period_start, g.grain, g.region, p.num IS NULL AS numerator,"
            " p.den IS NULL AS denominator FROM grid g LEFT JOIN per p ON p.region = g.region"
            " AND p.sector = g.sector AND p.period_start = g.period_start AND p.grain = g.grain"
            " WHERE p.num IS NULL OR p.den IS NULL ORDER BY g.sector, g.period_start",
            [*parts, *params, list(members)],
        )

    # --- status and coverage ----------------------------------------------------------------------

    @read
    def coverage(self) -> pd.DataFrame:
        """Per indicator: current value count, grain, first and last period, provisional count."""
        frame = _df(
            self.con,
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

    @read
    def table_counts(self) -> dict[str, int]:
        counts = {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in COUNTED_TABLES
        }
        current, history = self.con.execute(
            f"SELECT count(*) FILTER (WHERE {CURRENT_ROW}),"
            " count(*) FILTER (WHERE removed_in IS NOT NULL) FROM observations"
        ).fetchall()[0]
        counts["observations (current)"] = current
        counts["observations (history)"] = history
        return counts

    @read
    def data_status(self) -> dict:
        """Whether demo data is shown, whether real figures are (current values of any other
        upload), and when data last changed."""
        demo, last_upload, uploads = self.con.execute(
            "SELECT count(*) FILTER (WHERE kind = 'demo' AND status = 'loaded') > 0,"
            " max(uploaded_at) FILTER (WHERE status = 'loaded'), count(*) FROM uploads"
        ).fetchall()[0]
        real = self.con.execute(
            f"SELECT EXISTS (SELECT 1 FROM observations o WHERE {CURRENT} AND o.upload_id IN"
            " (SELECT id FROM uploads WHERE kind <> 'demo'))"
        ).fetchall()[0][0]
        return {
            "demo": bool(demo),
            "real": bool(real),
            "last_upload_at": last_upload,
            "uploads": uploads,
        }

    @read
    def uploads(self, limit: int = 200) -> pd.DataFrame:
        """The most recent uploads, newest first, with how many plausibility warnings each was
        loaded with."""
        return _df(
            self.con,
            "SELECT id, uploaded_at, status, kind, file_name, author, rows_read, rows_loaded,"
            " rows_rejected, source, details, rolled_back_at, coalesce(w.n, 0) AS warnings"
            " FROM uploads u LEFT JOIN (SELECT upload_id, count(*) AS n FROM upload_warnings"
            " GROUP BY upload_id) w ON w.upload_id = u.id ORDER BY id DESC LIMIT ?",
            [limit],
        )

    @read
    def upload_warnings(self, limit: int = 200) -> pd.DataFrame:
        """The plausibility warnings uploads were loaded with (``checks``), newest upload
        first, each by its row in the file."""
        return _df(
            self.con,
            "SELECT w.* FROM upload_warnings w SEMI JOIN uploads u ON u.id = w.upload_id"
            " ORDER BY w.upload_id DESC, w.file_row NULLS LAST, w.rule, w.indicator, w.region,"
            " w.sector, w.period_start LIMIT ?",
            [limit],
        )

    @read
    def figure_warnings(self, indicators: tuple[str, ...], filters: Filters) -> pd.DataFrame:
        """The plausibility warnings of values still current (in force, as loaded) that are
        about one of ``indicators`` or name one as the figure they contradict, in the
        filters' periods: what a chart of those figures says it was loaded with."""
        scope = Filters(period_from=filters.period_from, period_to=filters.period_to)
        where, params = _where(scope)
        marks = _placeholders(indicators)
        return _df(
            self.con,
            "SELECT w.* FROM upload_warnings w JOIN observations o ON o.indicator = w.indicator"
            " AND o.region = w.region AND o.sector = w.sector AND o.period_start = w.period_start"
            f" AND o.grain = w.grain AND o.upload_id = w.upload_id WHERE {where}"
            f" AND (w.indicator IN ({marks}) OR w.other_indicator IN ({marks}))"
            " ORDER BY w.upload_id DESC, w.file_row NULLS LAST, w.rule",
            [*params, *indicators, *indicators],
        )

    @read
    def indicator_status(self) -> pd.DataFrame:
        """Per indicator: latest period, provisional values in it, and the last upload that brought
        current values (for the sources page). Two passes over the current values."""
        return _df(
            self.con,
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

    @read
    def refreshes(self) -> pd.DataFrame:
        """Per connector (``hcdash.sources``): its latest refresh still in force."""
        return _df(
            self.con,
            "SELECT connector, max(id) AS upload_id, arg_max(uploaded_at, id) AS uploaded_at,"
            " arg_max(retrieved_at, id) AS retrieved_at, arg_max(source_tables, id) AS tables,"
            " arg_max(source_revised, id) AS revised, arg_max(details, id) AS details,"
            " arg_max(changes, id) AS changes FROM uploads"
            " WHERE connector IS NOT NULL AND status = 'loaded' GROUP BY connector"
            " ORDER BY connector",
        )

    @read
    def availability(self) -> pd.DataFrame:
        """Per indicator, region and sector with current values: how many, and the first and
        last period (for empty states that say which filter excludes the figures, and defaults
        that follow the data)."""
        return _df(
            self.con,
            "SELECT indicator, region, sector, count(*) AS n, min(period_start) AS first_start,"
            " max(period_start) AS last_start, any_value(grain) AS grain"
            f" FROM observations WHERE {CURRENT_ROW} GROUP BY indicator, region, sector"
            " ORDER BY indicator, region, sector",
        )

    @read
    def refresh_log(self, limit: int = 20) -> pd.DataFrame:
        """The refreshes from public sources still in force, newest first, with their
        changelog (``changes``, JSON: ``sources.refresh.changelog``)."""
        return _df(
            self.con,
            "SELECT id, uploaded_at, connector, source_tables AS tables, retrieved_at,"
            " source_revised AS revised, changes FROM uploads"
            " WHERE connector IS NOT NULL AND status = 'loaded' ORDER BY id DESC LIMIT ?",
            [limit],
        )

    @read
    def indicator_origins(self) -> pd.DataFrame:
        """Per indicator: how many current values are real (any upload but the demo's) and how
        many are demo data; and the last refresh that brought some of them."""
        return _df(
            self.con,
            "SELECT o.indicator, count(*) FILTER (WHERE u.kind IS DISTINCT FROM 'demo') AS real,"
            " count(*) FILTER (WHERE u.kind = 'demo') AS demo,"
            " max(u.id) FILTER (WHERE u.connector IS NOT NULL) AS refresh_id"
            " FROM observations o LEFT JOIN uploads u ON u.id = o.upload_id"
            f" WHERE {CURRENT} GROUP BY o.indicator ORDER BY o.indicator",
        )

    @read
    def register(self, table: str) -> pd.DataFrame:
        """The current records of one register table (initiatives, programmes or organisations)."""
        if table not in REGISTER_TABLES:
            raise UnknownValueError(code="unknown_register_table", value=table)
        return _df(
            self.con,
            f"SELECT * EXCLUDE (added_in, removed_in) FROM {table} WHERE {CURRENT_ROW}"
            " ORDER BY name",
        )

    @read
    def latest_tension(self) -> pd.DataFrame:
        """The spanningsindicator per region and sector in its latest quarter (stored values)."""
        return _df(
            self.con,
            "SELECT region, sector, period_start, value FROM observations"
            f" WHERE {CURRENT_ROW} AND indicator = 'spanningsindicator' AND period_start ="
            f" (SELECT max(period_start) FROM observations WHERE {CURRENT_ROW}"
            "  AND indicator = 'spanningsindicator')",
        )

    @read
    def latest_per_region(self, indicators: tuple[str, ...]) -> pd.DataFrame:
        """The latest current value of each arbeidsmarktregio, indicator and sector, for the
        statistical neighbours (``hcdash.neighbours``): one small row per key."""
        return _df(
            self.con,
            "SELECT o.region, o.indicator, o.sector, o.period_start, o.value"
            " FROM observations o JOIN regions r ON r.slug = o.region"
            f" WHERE {CURRENT} AND r.level = 'arbeidsmarktregio'"
            f" AND o.indicator IN ({_placeholders(indicators)}) AND o.value IS NOT NULL"
            " QUALIFY row_number() OVER"
            " (PARTITION BY o.region, o.indicator, o.sector ORDER BY o.period_start DESC) = 1"
            " ORDER BY o.region, o.indicator, o.sector",
            list(indicators),
        )

    @read
    def last_year(self) -> int | None:
        """The year of the latest period with a current value (one cheap pass)."""
        latest = self.con.execute(
            f"SELECT max(period_start) FROM observations WHERE {CURRENT_ROW}"
        ).fetchall()[0][0]
        return None if latest is None else latest.year


def _ratio_parts(where: str, *, pairs_only: bool = True) -> str:
    """Per region, sector and period: a ratio's numerator and denominator side by side (their
    codes are the first two parameters, ``where``'s follow); with ``pairs_only``, only the
    regions that have both."""
    pairs = " HAVING num IS NOT NULL AND den IS NOT NULL" if pairs_only else ""
    return (
        "SELECT o.region, o.sector, o.period_start, o.grain,"
        " sum(o.value) FILTER (WHERE o.indicator = ?) AS num,"
        " sum(o.value) FILTER (WHERE o.indicator = ?) AS den,"
        " bool_or(o.provisional) AS provisional, min(o.upload_id) AS upload_id,"
        " max(o.upload_id) AS upload_id_last"
        f" FROM observations o WHERE {where} GROUP BY o.region, o.sector, o.period_start,"
        f" o.grain{pairs}"
    )


def _unknown(kind: str, value: str, known: list[str]) -> UnknownValueError:
    """The error for an unknown indicator, region or sector, with the closest known ones (or all
    of them): ``error.unknown_<kind>_close`` or ``_known``, worded where it is shown."""
    close = difflib.get_close_matches(str(value).lower(), known, n=3, cutoff=0.5)
    if close:
        return UnknownValueError(code=f"unknown_{kind}_close", value=str(value), close=close)
    return UnknownValueError(code=f"unknown_{kind}_known", value=str(value), known=known)


def _code_or_none(start, grain) -> str | None:
    if grain is None or pd.isna(start):
        return None
    return period_code(pd.Timestamp(start).date(), grain)
