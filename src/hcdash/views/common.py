"""What every view shares: the context (reader + language), labels, and the chart table."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from hcdash import charts
from hcdash import format as fmt
from hcdash import notes as notes_
from hcdash.checks import Finding, Names
from hcdash.i18n import t
from hcdash.links import plain
from hcdash.periods import period_label
from hcdash.queries import Filters, Reader
from hcdash.vocabulary import DEFAULT_LANG, DEMO_SOURCE

TIGHT = 1.5  # UWV: tension from 1.5 is "krap"; the stored bands say so too
NO_FILTERS = Filters()


def tight_from(ctx: "Context") -> float:
    """Where UWV's band "krap" (tight) starts, as the stored tension bands say (1.5)."""
    bands = ctx.reader.bands("spanningsindicator")
    lower = bands.loc[bands["label_nl"] == "krap", "lower"]
    return float(lower.iloc[0]) if not lower.empty else TIGHT


def names(frame: pd.DataFrame, key: str = "slug", value: str = "name") -> dict[str, str]:
    return dict(zip(frame[key], frame[value], strict=True))


@dataclass
class Context:
    """One page run: where to read (``queries.Reader``, cached on the dashboard), in which
    language to speak, and the pinned state it shows (the link's ``stand``, if any)."""

    reader: Reader
    lang: str = DEFAULT_LANG
    stand: str | None = None

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def number(self, value, decimals: int = 0) -> str:
        return fmt.number(value, decimals, self.lang)

    def source(self, text: str) -> str:
        """A source as stored, with the demo data's own source in the page's language (other
        sources are titles of publications and stay as they are published)."""
        return text.replace(DEMO_SOURCE, self.t("demo.source"))

    def period(self, start, grain: str) -> str:
        return period_label(pd.Timestamp(start).date(), grain, self.lang)

    def date(self, value: date) -> str:
        return fmt.long_date(value, self.lang)

    @cached_property
    def region_names(self) -> dict[str, str]:
        return names(self.reader.regions())

    @cached_property
    def region_rank(self) -> dict[str, int]:
        """Display order: the arbeidsmarktregio's as listed, then the larger areas."""
        frame = self.reader.regions()
        areas = frame["level"] != "arbeidsmarktregio"
        return {
            slug: i + 1000 * bool(area)
            for i, (slug, area) in enumerate(zip(frame["slug"], areas, strict=True))
        }

    @cached_property
    def sector_names(self) -> dict[str, str]:
        return names(self.reader.sectors(), value=f"name_{self.lang}")

    @cached_property
    def check_names(self) -> Names:
        """What a plausibility warning calls regions and sectors (``checks.Finding``)."""
        frame = self.reader.sectors()
        sectors = zip(frame["slug"], frame["name_nl"], frame["name_en"], strict=True)
        return Names(self.region_names, {slug: (nl, en) for slug, nl, en in sectors})

    @cached_property
    def indicator_meta(self) -> dict[str, dict]:
        frame = self.reader.indicators()
        return {row["code"]: row for row in frame.to_dict("records")}

    def indicator_name(self, code: str) -> str:
        meta = self.indicator_meta.get(code)
        return meta[f"name_{self.lang}"] if meta else code

    @cached_property
    def upload_sources(self) -> dict:
        return self.reader.upload_sources()

    def source_of(self, indicator: str, upload_id) -> str:
        """What an upload said its source was, else the indicator's own source (the demo's in
        the page's language)."""
        given = self.upload_sources.get(int(upload_id)) if pd.notna(upload_id) else None
        meta = self.indicator_meta.get(indicator)
        return self.source(given or (meta["source"] if meta else "–"))

    def add_sources(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A ``source`` column from each row's upload (both ends, for aggregated rows); worked
        out once per distinct (indicator, uploads), not per row."""
        last = frame["upload_id_last"] if "upload_id_last" in frame else frame["upload_id"]
        keys = pd.DataFrame(
            {"indicator": frame["indicator"], "first": frame["upload_id"], "last": last}
        )
        unique = keys.drop_duplicates()
        unique["source"] = [
            "; ".join(dict.fromkeys([self.source_of(i, f), self.source_of(i, lst)]))
            for i, f, lst in zip(unique["indicator"], unique["first"], unique["last"], strict=True)
        ]
        sources = keys.merge(unique, on=["indicator", "first", "last"], how="left")["source"]
        return frame.assign(source=sources.to_numpy())

    @cached_property
    def availability(self) -> pd.DataFrame:
        """Per indicator, region and sector: how many current values, first and last period."""
        return self.reader.availability()

    @cached_property
    def updated(self) -> str:
        when = self.reader.data_status()["last_upload_at"]
        return self.date(when) if when is not None else "–"


@dataclass(frozen=True)
class ChartView:
    """A chart ready to render: the figure, its numbers as a table, their source, and what it
    shows in one sentence (with the title and the table, the chart's text alternative)."""

    key: str
    figure: go.Figure
    table: pd.DataFrame
    source: str
    value_name: str
    decimals: int = 0
    notes: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def demo(self) -> bool:
        """The chart shows demo data (its values' sources include the demo's)."""
        return DEMO_SOURCE in self.source


def chart_view(
    ctx: "Context",
    key: str,
    figure: go.Figure,
    frame: pd.DataFrame,
    value_name: str,
    decimals: int = 0,
    *,
    summary: str = "",
    notes: Iterable[str] = (),
    shown: pd.DataFrame | None = None,
    source: str | None = None,
) -> ChartView:
    """A chart of the values in ``frame`` (through ``with_labels``): its table and source line
    are those values' (``table``, ``source_line``) unless ``shown`` and ``source`` say else.
    A chart of periods gets the notes on its series (``notes_on``)."""
    marks = notes_on(ctx, figure, frame)
    if marks:
        figure = charts.add_marks(figure, marks)
        said = "; ".join(mark.says() for mark in marks)
        notes = [*notes, ctx.t("notes.sentence", notes=said)]
    shown = table(frame, ctx, decimals, value_name, marks) if shown is None else shown
    return ChartView(
        key,
        figure,
        shown,
        source_line(frame) if source is None else source,
        value_name,
        decimals,
        list(notes),
        summary,
    )


def notes_on(ctx: "Context", figure: go.Figure, frame: pd.DataFrame) -> list[notes_.Mark]:
    """The notes on the series of a chart with periods along x (a line chart whose category
    axis ``charts`` ordered by period): those of its indicators and regions, at its periods."""
    wanted = {"indicator", "region", "sector", "period", "period_start"}
    if not wanted <= set(frame.columns) or frame.empty:
        return []
    if figure.layout.xaxis.categoryarray is None:
        return []
    if any(trace.type != "scatter" for trace in figure.data):
        return []
    found = ctx.reader.notes(
        tuple(sorted(frame["indicator"].unique())), tuple(sorted(frame["region"].unique()))
    )
    found = found[found["sector"].isna() | found["sector"].isin(frame["sector"].unique())]
    return notes_.marks(found, frame[["period_start", "period"]], ctx.lang)


# --- text alternatives: what a chart shows, in one sentence --------------------------------

# A change of less than this share of the first value reads as "about the same".
FLAT_CHANGE = 0.01


def extremes(ctx: Context, labels, values, decimals: int, unit: str = "") -> str:
    """The highest and the lowest of ``values`` with their labels (one value: just that)."""
    pairs = pd.DataFrame({"label": list(labels), "value": list(values)}).dropna()
    if pairs.empty:
        return ""
    shown = lambda v: ctx.number(v, decimals) + unit  # noqa: E731
    high = pairs.loc[pairs["value"].idxmax()]
    if len(pairs) == 1:
        return ctx.t("summary.one", label=high["label"], value=shown(high["value"]))
    low = pairs.loc[pairs["value"].idxmin()]
    return ctx.t(
        "summary.extremes",
        high=high["label"],
        high_value=shown(high["value"]),
        low=low["label"],
        low_value=shown(low["value"]),
    )


def trend(ctx: Context, frame: pd.DataFrame, decimals: int, reference: str | None = None) -> str:
    """How the series of ``reference`` (a region's name; else the first series) went from its
    first to its last period, for a frame that has been through ``with_labels``."""
    names = frame["region_name"]
    series = reference if reference in set(names) else names.iloc[0]
    points = frame[names == series].sort_values("period_start").dropna(subset=["value"])
    if points.empty:
        return ""
    first, last = points.iloc[0], points.iloc[-1]
    if len(points) == 1:
        return ctx.t(
            "summary.one",
            label=f"{series}, {first['period']}",
            value=ctx.number(first["value"], decimals),
        )
    change = last["value"] - first["value"]
    flat = abs(change) <= FLAT_CHANGE * abs(first["value"])
    direction = "summary.flat" if flat else "summary.up" if change > 0 else "summary.down"
    return ctx.t(
        "summary.trend",
        series=series,
        direction=ctx.t(direction),
        first=ctx.number(first["value"], decimals),
        first_period=first["period"],
        last=ctx.number(last["value"], decimals),
        last_period=last["period"],
    )


def with_labels(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Readable region, sector and period columns and the source of each value, with the rows
    in reference order (regions and sectors as listed, then time)."""
    out = ctx.add_sources(frame)
    region_rank = ctx.region_rank
    sector_rank = {slug: i for i, slug in enumerate(ctx.sector_names)}
    out = out.assign(
        _region=out["region"].map(region_rank), _sector=out["sector"].map(sector_rank)
    ).sort_values(["indicator", "_region", "_sector", "period_start"], kind="stable")
    out = out.drop(columns=["_region", "_sector"]).reset_index(drop=True)
    out["region_name"] = out["region"].map(ctx.region_names).fillna(out["region"])
    out["sector_name"] = out["sector"].map(ctx.sector_names).fillna(out["sector"])
    periods = out[["period_start", "grain"]].drop_duplicates()
    periods["period"] = [
        ctx.period(s, g) for s, g in zip(periods["period_start"], periods["grain"], strict=True)
    ]
    return out.merge(periods, on=["period_start", "grain"], how="left")  # keeps out's order


def table(
    frame: pd.DataFrame, ctx: Context, decimals: int, value_name: str, marks=()
) -> pd.DataFrame:
    """The numbers of a chart as a table: the accessible alternative and the download.

    ``frame`` must have been through ``with_labels``. Values stay numeric (for downloads);
    ``display_table`` writes them in the page's language for the screen. With notes on the
    series (``marks``), a column says which note each value falls under.
    """
    out = pd.DataFrame(
        {
            ctx.t("col.region"): frame["region_name"].to_numpy(),
            ctx.t("col.sector"): frame["sector_name"].to_numpy(),
            ctx.t("col.period"): frame["period"].to_numpy(),
            value_name: frame["value"].round(decimals).to_numpy(),
            ctx.t("col.provisional"): frame["provisional"]
            .map({True: ctx.t("yes"), False: ctx.t("no")})
            .to_numpy(),
            ctx.t("col.source"): frame["source"].to_numpy(),
        }
    )
    if marks:
        keys = zip(
            frame["indicator"], frame["region"], frame["sector"], frame["period_start"], strict=True
        )
        out[ctx.t("col.notes")] = [
            "; ".join(m.says() for m in marks if m.covers(*key)) for key in keys
        ]
    return out


def display_table(
    frame: pd.DataFrame,
    lang: str,
    places: Mapping[str, int | Sequence[int]] | None = None,
    names: Iterable = (),
) -> Styler:
    """A table for the screen: every number written in the page's language (``1.234,5`` or
    ``1,234.5``) with the decimals ``places`` gives its column (one number, or one per row for
    a column of several units), or as many as it holds. Only the shown text changes: the cells
    stay numbers, so the columns sort as numbers (and the downloads keep them). Columns in
    ``names`` hold numbers that name something (an upload, a year) and stay as they are,
    without separators. A missing number shows as "–"."""
    places, names = places or {}, set(names)
    numeric = [
        column
        for column, values in frame.items()
        if column not in names
        and pd.api.types.is_numeric_dtype(values)
        and not pd.api.types.is_bool_dtype(values)
    ]
    per_column = {
        c: partial(_written, decimals=places.get(c, decimals_held(frame[c])), lang=lang)
        for c in numeric
        if not isinstance(places.get(c), Sequence)
    }
    styler = frame.style.format(per_column, na_rep="–")
    for column in numeric:
        if isinstance(places.get(column), Sequence):
            for position, decimals in enumerate(places[column]):
                row = frame.index[position]
                written = partial(_written, decimals=int(decimals), lang=lang)
                styler = styler.format(written, subset=([row], [column]), na_rep="–")
    return styler


def _written(value, decimals: int, lang: str) -> str:
    return fmt.number(float(value), decimals, lang)


# Warnings a chart names under it; the rest are counted (the Data page lists them all).
MAX_WARNING_NOTES = 3


def warning_notes(ctx: Context, indicators: tuple[str, ...], filters: Filters) -> list[str]:
    """What a chart of ``indicators`` in the filters' periods says about the plausibility
    warnings its current values were loaded with (``checks``): the first few, then how many
    more."""
    rows = ctx.reader.figure_warnings(indicators, filters).to_dict("records")
    notes = [
        ctx.t(
            "chart.loaded_with_warning",
            upload=row["upload_id"],
            warning=Finding.of(row, ctx.check_names).text(ctx.lang),
        )
        for row in rows[:MAX_WARNING_NOTES]
    ]
    if len(rows) > MAX_WARNING_NOTES:
        notes.append(ctx.t("chart.more_warnings", count=ctx.number(len(rows) - MAX_WARNING_NOTES)))
    return notes


def decimals_held(values: pd.Series, most: int = 3) -> int:
    """The fewest decimals that write every value as it is (at most ``most``)."""
    finite = values.dropna().astype(float)
    return next((p for p in range(most) if (finite.round(p) == finite).all()), most)


def source_line(frame: pd.DataFrame) -> str:
    sources = sorted({s for cell in frame["source"].dropna().unique() for s in cell.split("; ")})
    return "; ".join(sources) if sources else "–"


def series_for_regions(
    ctx: Context,
    code: str,
    regions: list[str],
    sector: str | None,
    filters: Filters = NO_FILTERS,
    *,
    with_area: str | None = None,
) -> pd.DataFrame:
    """Values per region for one indicator and sector (None: every sector), plus the aggregate
    of ``with_area``."""
    frames = []
    sectors = (sector,) if sector is not None else ()
    scope = Filters((code,), tuple(regions), sectors, filters.period_from, filters.period_to)
    if regions:
        frames.append(ctx.reader.observations(scope))
    if with_area:
        area = ctx.reader.aggregate(
            code,
            with_area,
            Filters(sectors=sectors, period_from=filters.period_from, period_to=filters.period_to),
        )
        frames.append(area.drop(columns=["n_regions", "n_expected"]))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame()
    return with_labels(pd.concat(frames, ignore_index=True), ctx)


# --- empty states: why a chart has nothing to show, and what to do --------------------------


@dataclass(frozen=True)
class Need:
    """What a chart needs, so that an empty one can say why: groups of indicators (each group
    one indicator, or alternatives of which one is enough) and the page's filters (None where
    the page has no such filter)."""

    groups: tuple[tuple[str, ...], ...]
    regions: tuple[str, ...] | None = None
    sector: str | None = None
    years: tuple[int, int] | None = None

    @classmethod
    def of(cls, *groups: str | tuple[str, ...], regions=None, sector=None, years=None) -> "Need":
        """``groups``: indicator codes, or tuples of alternatives; ``years``: a ``Filters`` of
        the year slider (its bounds), or None."""
        bounds = None
        if years is not None and years.period_from is not None and years.period_to is not None:
            bounds = (years.period_from.start.year, years.period_to.start.year)
        return cls(
            tuple((g,) if isinstance(g, str) else tuple(g) for g in groups),
            None if regions is None else tuple(regions),
            sector,
            bounds,
        )


def why_empty(ctx: Context, need: Need) -> str:
    """Why a chart is empty, telling three cases apart: nothing is chosen; the store holds no
    figures of an indicator it needs (and where they come from); the figures stored are not
    for this selection (and which filter excludes them)."""
    if need.regions is not None and not need.regions:
        return ctx.t("empty.choose_region")
    available = ctx.availability
    for group in need.groups:
        if not available["indicator"].isin(group).any():
            return ctx.t(
                "empty.not_loaded", indicators=_names(ctx, group), how=how_to_load(ctx, group)
            )
    codes = [code for group in need.groups for code in group]
    names = _names(ctx, codes)
    stored = available[available["indicator"].isin(codes)]
    if need.regions is not None:
        chosen = stored[stored["region"].isin(need.regions)]
        if chosen.empty:
            return ctx.t("empty.not_for_regions", indicators=names)
        stored = chosen
    if need.sector is not None and not (stored["sector"] == need.sector).any():
        sectors = [ctx.sector_names[s] for s in ctx.sector_names if s in set(stored["sector"])]
        return ctx.t(
            "empty.not_for_sector",
            indicators=names,
            sector=plain(ctx.sector_names.get(need.sector, need.sector)),
            sectors=plain(", ".join(sectors)),
        )
    if need.years is not None:
        first = int(pd.Timestamp(stored["first_start"].min()).year)
        last = int(pd.Timestamp(stored["last_start"].max()).year)
        if last < need.years[0] or first > need.years[1]:
            return ctx.t(
                "empty.not_in_years",
                indicators=names,
                first_year=first,
                last_year=last,
                from_year=need.years[0],
                to_year=need.years[1],
            )
    return ctx.t("empty.too_few", indicators=names)


def _names(ctx: Context, codes) -> str:
    return plain(", ".join(ctx.indicator_name(code) for code in codes))


def how_to_load(ctx: Context, indicators) -> str:
    """Where figures of ``indicators`` come from and how to load them: the refresh of the
    source that provides them, or a file on the Data page."""
    from hcdash.sources import CONNECTORS  # httpx and the connectors: only for an empty chart

    for key, connector in CONNECTORS.items():
        provided = {code for known in connector.tables() for code in known.indicators}
        if provided & set(indicators):
            return ctx.t(f"empty.how_{key}")
    return ctx.t("empty.how_file")
