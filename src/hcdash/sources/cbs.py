"""CBS StatLine through its OData APIs: v3 (``ODataFeed``/``ODataApi``, wide rows, keys padded
with spaces) and v4 (``datasets.cbs.nl``, long ``Observations`` with a ``Measure`` and a
``ValueAttribute`` per value, codes trimmed). Both page with a ``nextLink``.

Why not the ``cbsodata`` package: it speaks v3 only, replaces every code by its title in
``get_data`` (hcdash needs the codes), reads the typed set when asked for the untyped one (its
issue #20), and has no timeout or retry of its own; the two APIs are a few requests each, so
both go through ``transport`` (httpx), which also replays recordings.

What is read from CBS's answers, and how (docs/reference.md, *Open-data sources*):

- periods: ``2022JJ00`` (year), ``2024KW03`` (quarter), ``2024MM05`` (month); other codes are
  skipped and reported;
- provisional: the period's ``Status`` (``Voorlopig``, ``NaderVoorlopig``) in the period list;
- regions: codes trimmed, resolved to hcdash's regions by code (``AM05`` Twente, ``PV25``
  Gelderland, ``NL01`` the Netherlands) and by the codes of earlier classifications
  (``AM31`` FoodValley until 2020); ``AM99``/``PV99`` ("niet in te delen") and codes hcdash
  does not know are reported with their count, never loaded and never dropped silently;
- values: v4's ``ValueAttribute`` must be ``None`` (anything else, such as ``Impossible``, is
  reported); v3's untyped cells are text, and the symbols ``.``, ``x``, ``-`` and an empty cell
  are reported, never read as zero; every value is multiplied by its unit (``x 1 000``);
- notes: a v4 table's description says what its release changed ("Wijzigingen per 30 juni
  2026: de cijfers van januari 2026 zijn nader voorlopig geworden ..."); that paragraph
  becomes a note on the table's indicators (``release_note``).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from hcdash.errors import SourceError
from hcdash.schema import OBSERVATION_COLUMNS
from hcdash.sources.transport import Transport
from hcdash.vocabulary import TOTAL_SECTOR

V3_FEED = "https://opendata.cbs.nl/ODataFeed/OData"  # the bulk data
V3_API = "https://opendata.cbs.nl/ODataApi/OData"  # metadata
V4 = "https://datasets.cbs.nl/odata/v1/CBS"
MAX_PAGES = 500  # a nextLink chain longer than this is a loop, not a table

# Codes of earlier classifications that name a region of today's (FoodValley was AM31 until the
# 2021 classification; 85554NED lists both).
EARLIER_CODES = {"AM31": "foodvalley"}
# "Niet in te delen": values CBS could not place in a region; reported, never loaded.
NOT_A_REGION = frozenset({"AM99", "PV99"})
NATIONAL = "nederland"
PROVISIONAL_STATUS = frozenset({"Voorlopig", "NaderVoorlopig"})
_PERIOD = re.compile(r"(\d{4})(JJ|KW|MM)(\d{2})")
_SYMBOLS = frozenset({"", ".", "x", "-", "?"})  # CBS's signs for "no figure"


@dataclass(frozen=True)
class Series:
    """One hcdash indicator in a CBS table: which measure (v4) or topic (v3), its unit as CBS
    gives it (checked against the table's metadata), the factor to hcdash's unit, the periods
    taken, fixed dimension codes, and a dimension whose codes are hcdash's sectors."""

    indicator: str
    measure: str
    unit: str
    factor: float = 1.0
    group: str | None = None  # v4: the MeasureGroupId the measure belongs to
    grains: tuple[str, ...] = ("year",)
    where: tuple[tuple[str, str], ...] = ()  # (dimension, code): only these rows
    sectors: tuple[str, tuple[tuple[str, str], ...]] | None = None  # (dimension, code->sector)


@dataclass(frozen=True)
class Table:
    """A CBS table and the series hcdash takes from it."""

    id: str
    api: str  # "v3" or "v4"
    title: str
    series: tuple[Series, ...]
    region_dimension: str | None = None  # None: the table is about the Netherlands
    v4_filter: str | None = None  # v4: the Observations asked for (a slice of the table)
    v3_entity: str = "TypedDataSet"


@dataclass
class Fetched:
    """What a table gave, mapped: observations, what was not loaded and why, and the table's
    own revision date."""

    table: Table
    observations: pd.DataFrame
    skipped: Counter = field(default_factory=Counter)  # (reason, code) -> values
    revised: str | None = None
    release: tuple[str, str] | None = None  # "30 juni 2026", what that release changed


# The paragraph of a table's description that says what a release changed: from "Wijzigingen
# per <date>:" to the first blank line (then "Wanneer komen er nieuwe cijfers?" follows).
_RELEASE = re.compile(r"Wijzigingen per ([^:\n]{4,40}):[ \t]*\n?(.+?)(?:\n[ \t]*\n|\Z)", re.S)
MAX_NOTE = 600  # characters of CBS's paragraph kept in a note


def release_note(properties: dict) -> tuple[str, str] | None:
    """(date, text) of the "Wijzigingen per ..." paragraph of a v4 table's ``LongDescription``
    (or ``Description``), its lines joined; None when the description has none."""
    for key in ("LongDescription", "Description"):
        found = _RELEASE.search(str(properties.get(key) or "").replace("\r\n", "\n"))
        if found:
            lines = [line.strip(" -\t") for line in found.group(2).strip().splitlines()]
            text = "; ".join(line.rstrip(".;") for line in lines if line)
            return " ".join(found.group(1).split()), text[:MAX_NOTE]
    return None


def period(code: str) -> tuple[date, str] | None:
    """``2022JJ00`` -> (2022-01-01, year); ``2024KW03`` -> quarter; ``2024MM05`` -> month."""
    match = _PERIOD.fullmatch(code.strip())
    if not match:
        return None
    year, kind, number = int(match[1]), match[2], int(match[3])
    if kind == "JJ":
        return (date(year, 1, 1), "year") if number == 0 else None
    if kind == "KW":
        return (date(year, 3 * number - 2, 1), "quarter") if 1 <= number <= 4 else None
    return (date(year, number, 1), "month") if 1 <= number <= 12 else None


def unit_factor(unit: str) -> float:
    """The factor a CBS unit stands for: ``x 1 000``, ``x 1000``, ``1 000 banen`` -> 1000."""
    words = " ".join(str(unit).lower().split())
    if re.search(r"\b(x\s*)?1\s?000\s?000\b|mln|miljoen", words):
        return 1_000_000.0
    if re.search(r"\b(x\s*)?1\s?000\b", words):
        return 1_000.0
    return 1.0


class Regions:
    """CBS region codes -> hcdash's regions (from the store's reference data)."""

    def __init__(self, codes: dict[str, str]):
        self.codes = {**{c: s for c, s in EARLIER_CODES.items() if s in codes.values()}, **codes}

    def resolve(self, code: str) -> tuple[str | None, str | None]:
        """(slug, None) or (None, the reason it is not loaded)."""
        code = code.strip()
        if code in NOT_A_REGION:
            return None, "not_a_region"
        slug = self.codes.get(code)
        return (slug, None) if slug else (None, "unknown_region")


# --- fetching ----------------------------------------------------------------------------------


def pages(transport: Transport, url: str, params: dict | None, next_key: str) -> list[dict]:
    """Every row of an OData collection, following ``next_key`` from page to page."""
    rows, seen = [], 0
    while url:
        seen += 1
        if seen > MAX_PAGES:
            raise SourceError(code="source_not_odata", url=url)
        answer = transport.json(url, params)
        value = answer.get("value")
        if not isinstance(value, list):
            raise SourceError(code="source_not_odata", url=url)
        rows += value
        url, params = answer.get(next_key), None
    return rows


def first_url(table: Table) -> str:
    """The first address a fetch of ``table`` asks for (a recording holds the table when it
    holds this one)."""
    if table.api == "v4":
        return f"{V4}/{table.id}/Properties"
    return f"{V3_API}/{table.id}/TableInfos?$format=json"


def fetch(table: Table, transport: Transport, regions: Regions) -> Fetched:
    return (_fetch_v4 if table.api == "v4" else _fetch_v3)(table, transport, regions)


def _fetch_v4(table: Table, transport: Transport, regions: Regions) -> Fetched:
    base = f"{V4}/{table.id}"
    properties = transport.json(f"{base}/Properties")
    measures = {
        m["Identifier"]: m
        for m in pages(transport, f"{base}/MeasureCodes", None, "@odata.nextLink")
    }
    for series in table.series:
        _check_v4_measure(table, series, measures)
    status = {
        p["Identifier"]: p.get("Status")
        for p in pages(transport, f"{base}/PeriodenCodes", None, "@odata.nextLink")
    }
    params = {"$filter": table.v4_filter} if table.v4_filter else None
    rows = pages(transport, f"{base}/Observations", params, "@odata.nextLink")
    mapped = _Mapper(table, regions, status)
    for series in table.series:
        for row in rows:
            if row.get("Measure") == series.measure and _matches(row, series):
                attribute = row.get("ValueAttribute")
                value = row.get("Value") if attribute in (None, "None") else None
                mapped.add(series, row, value, attribute if value is None else None)
    return mapped.result(properties.get("Modified"), release_note(properties))


def _check_v4_measure(table: Table, series: Series, measures: dict[str, dict]) -> None:
    """The measure is there, in the unit (and group) it was mapped with; else the source changed
    under the map, and the candidates with that unit are named."""
    found = measures.get(series.measure)
    unit_ok = found is not None and " ".join(found.get("Unit", "").split()) == series.unit
    group = (found or {}).get("MeasureGroupId")
    group_ok = series.group is None or (group or "").strip() == series.group
    if found is None or not unit_ok or not group_ok:
        same_unit = [
            f"{code} ({m.get('Title', '').strip()})"
            for code, m in measures.items()
            if " ".join(m.get("Unit", "").split()) == series.unit
        ]
        raise _measure_changed(table, series, same_unit)


def _measure_changed(table: Table, series: Series, candidates: list[str]) -> SourceError:
    """The table has no longer the measure a series was mapped to: name what it has instead."""
    return SourceError(
        code="measure_changed",
        table=table.id,
        measure=series.measure,
        unit=series.unit,
        indicator=series.indicator,
        candidates=candidates[:8] or ["–"],
    )


def _fetch_v3(table: Table, transport: Transport, regions: Regions) -> Fetched:
    meta = f"{V3_API}/{table.id}"
    info = pages(transport, f"{meta}/TableInfos", {"$format": "json"}, "odata.nextLink")
    topics = {
        p["Key"]: p
        for p in pages(transport, f"{meta}/DataProperties", {"$format": "json"}, "odata.nextLink")
        if p.get("Type") == "Topic"
    }
    for series in table.series:
        found = topics.get(series.measure)
        if found is None or " ".join(str(found.get("Unit", "")).split()) != series.unit:
            same_unit = [k for k, t in topics.items() if t.get("Unit") == series.unit]
            raise _measure_changed(table, series, same_unit)
    status = {
        p["Key"].strip(): p.get("Status")
        for p in pages(transport, f"{meta}/Perioden", {"$format": "json"}, "odata.nextLink")
    }
    rows = pages(
        transport, f"{V3_FEED}/{table.id}/{table.v3_entity}", {"$format": "json"}, "odata.nextLink"
    )
    mapped = _Mapper(table, regions, status)
    for series in table.series:
        for row in rows:
            if _matches(row, series):
                value, reason = _v3_value(row.get(series.measure))
                mapped.add(series, row, value, reason)
    return mapped.result(info[0].get("Modified") if info else None)


def _v3_value(cell) -> tuple[float | None, str | None]:
    """A v3 cell: a number (typed set), or text (untyped: padded, ``.``/``x``/``-`` for none)."""
    if cell is None:
        return None, "missing"
    if isinstance(cell, int | float):
        return float(cell), None
    text = str(cell).strip()
    if text in _SYMBOLS:
        return None, f"symbol '{text}'"
    try:
        return float(text), None
    except ValueError:
        return None, f"symbol '{text}'"


def _matches(row: dict, series: Series) -> bool:
    return all(str(row.get(dimension, "")).strip() == code for dimension, code in series.where)


class _Mapper:
    """Rows of one table to observations, counting what is not loaded and why."""

    def __init__(self, table: Table, regions: Regions, status: dict[str, str | None]):
        self.table, self.regions, self.status = table, regions, status
        self.rows: list[tuple] = []
        self.skipped: Counter = Counter()

    def add(self, series: Series, row: dict, value, reason: str | None) -> None:
        code = str(row.get("Perioden", "")).strip()
        when = period(code)
        if when is None or when[1] not in series.grains:
            if when is None:
                self.skipped[("period_not_supported", code)] += 1
            return  # another grain of the same table: not this series
        sector = TOTAL_SECTOR
        if series.sectors is not None:
            dimension, codes = series.sectors
            sector = dict(codes).get(str(row.get(dimension, "")).strip())
            if sector is None:
                return  # a sector (SBI code) hcdash has no sector for: not part of the series
        region = NATIONAL
        if self.table.region_dimension:
            region_code = str(row.get(self.table.region_dimension, "")).strip()
            region, why = self.regions.resolve(region_code)
            if region is None:
                self.skipped[(why, region_code)] += 1
                return
        if reason is not None:
            self.skipped[(reason, series.indicator)] += 1
            return
        provisional = self.status.get(code) in PROVISIONAL_STATUS
        start, grain = when
        self.rows.append(
            (series.indicator, region, sector, start, grain, value * series.factor, provisional)
        )

    def result(self, revised: str | None, release: tuple[str, str] | None = None) -> Fetched:
        frame = pd.DataFrame(self.rows, columns=list(OBSERVATION_COLUMNS))
        for series in self.table.series:
            if not (frame["indicator"] == series.indicator).any():
                raise SourceError(
                    code="source_empty", table=self.table.id, indicator=series.indicator
                )
        return Fetched(self.table, frame, self.skipped, revised, release)
