"""Krapte: the spanningsindicator per region and sector in UWV's bands, over time and ranked,
and open vacancies; always next to Regio Oost (and the Netherlands, when it is in the data)."""

import pandas as pd

from hcdash import charts
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.views.common import (
    NO_FILTERS,
    ChartView,
    Context,
    chart_view,
    extremes,
    series_for_regions,
    table,
    trend,
    warning_notes,
)
from hcdash.vocabulary import REGIO_OOST, TOTAL_SECTOR

TENSION = "spanningsindicator"
NETHERLANDS = "nederland"  # compared with when observations for it exist


def quarters(ctx: Context) -> list[pd.Timestamp]:
    """Quarters with tension figures, newest first (for the heatmap's period choice)."""
    frame = ctx.reader.aggregate(TENSION, REGIO_OOST, Filters(sectors=(TOTAL_SECTOR,)))
    return sorted(frame["period_start"].unique(), reverse=True)


def heatmap(ctx: Context, regions: list[str], quarter: Period) -> ChartView | None:
    """Region x sector for one quarter, each cell in its UWV band; Regio Oost as the last row."""
    if not regions:
        return None
    one = Filters(period_from=quarter, period_to=quarter)
    frame = series_for_regions(ctx, TENSION, regions, None, one, with_area=REGIO_OOST)
    if frame.empty:
        return None
    matrix = frame.pivot_table(
        index="region_name", columns="sector_name", values="value", sort=False
    )
    row_order = [ctx.region_names[r] for r in [*regions, REGIO_OOST]]
    column_order = [n for n in ctx.sector_names.values() if n in matrix.columns]
    matrix = matrix.reindex(index=[r for r in row_order if r in matrix.index], columns=column_order)
    bands = ctx.reader.bands(TENSION)
    title = ctx.t("shortage.heatmap_title", period=frame["period"].iloc[0])
    fig = charts.band_heatmap(matrix, bands, title=title, lang=ctx.lang)
    name = ctx.indicator_name(TENSION)
    cells = table(frame, ctx, 2, name)  # colour is not the only carrier: the band in words
    cells.insert(
        4,
        ctx.t("shortage.col_band"),
        [charts.band_name(v, bands, ctx.lang) for v in frame["value"]],
    )
    labels = frame["region_name"] + " · " + frame["sector_name"]
    notes = [
        *_bands_note(ctx, bands),
        *_incomplete_note(ctx, one),
        *warning_notes(ctx, (TENSION, *_parts(ctx)), one),
    ]
    return chart_view(
        ctx,
        "krapte-heatmap",
        fig,
        frame,
        name,
        2,
        summary=extremes(ctx, labels, frame["value"], 2),
        notes=notes,
        shown=cells,
    )


def _parts(ctx: Context) -> tuple[str, str]:
    meta = ctx.indicator_meta[TENSION]
    return meta["numerator"], meta["denominator"]


def _incomplete_note(ctx: Context, filters: Filters) -> list[str]:
    """Why Regio Oost has no tension where it has none: the regions that miss a part."""
    missing = ctx.reader.incomplete_parts(TENSION, REGIO_OOST, filters)
    if missing.empty:
        return []
    numerator, denominator = _parts(ctx)
    said = [
        ctx.t(
            "shortage.missing_part",
            region=ctx.region_names[row.region],
            sector=ctx.sector_names.get(row.sector, row.sector).lower(),
            part=" + ".join(
                code
                for code, gone in ((numerator, row.numerator), (denominator, row.denominator))
                if gone
            ),
        )
        for row in missing.itertuples()
    ]
    return [
        ctx.t("shortage.incomplete", area=ctx.region_names[REGIO_OOST], missing="; ".join(said))
    ]


def tension(ctx: Context, regions: list[str], sector: str, filters: Filters = NO_FILTERS):
    frame = series_for_regions(ctx, TENSION, regions, sector, filters, with_area=REGIO_OOST)
    frame = _with_netherlands(ctx, frame, TENSION, sector, filters)
    if frame.empty:
        return None
    sector_name = ctx.sector_names.get(sector, sector)
    fig = charts.lines(
        frame,
        series="region_name",
        title=ctx.t("shortage.series_title", sector=sector_name.lower()),
        y_title=ctx.t("shortage.y"),
        decimals=2,
        reference=ctx.region_names[REGIO_OOST],
        lang=ctx.lang,
    )
    bands = ctx.reader.bands(TENSION)
    charts.add_bands(fig, bands, float(frame["value"].max()), ctx.lang)
    name = ctx.indicator_name(TENSION)
    summary = trend(ctx, frame, 2, reference=ctx.region_names[REGIO_OOST])
    return chart_view(
        ctx, TENSION, fig, frame, name, 2, summary=summary, notes=_bands_note(ctx, bands)
    )


def _bands_note(ctx: Context, bands: pd.DataFrame) -> list[str]:
    return [ctx.t("shortage.bands_note", bands="; ".join(charts.band_labels(bands, ctx.lang)))]


def _with_netherlands(ctx: Context, frame, code, sector, filters) -> pd.DataFrame:
    if NETHERLANDS not in ctx.region_names:
        return frame
    national = series_for_regions(ctx, code, [NETHERLANDS], sector, filters)
    return pd.concat([frame, national], ignore_index=True) if not national.empty else frame


def ranking(ctx: Context, regions: list[str], sector: str) -> ChartView | None:
    """The regions ordered by their latest tension, Regio Oost as the reference line."""
    frame = series_for_regions(ctx, TENSION, regions, sector, with_area=REGIO_OOST)
    if frame.empty:
        return None
    latest = frame[frame["period_start"] == frame["period_start"].max()]
    oost = latest[latest["region"] == REGIO_OOST]["value"]
    bars = latest[latest["region"] != REGIO_OOST].sort_values("value", ascending=False)
    if bars.empty:
        return None
    bars = bars.assign(label=bars["region_name"])
    sector_name = ctx.sector_names.get(sector, sector)
    fig = charts.hbars(
        bars,
        title=ctx.t(
            "shortage.ranking_title", sector=sector_name.lower(), period=latest["period"].iloc[0]
        ),
        x_title=ctx.t("shortage.y"),
        decimals=2,
        reference=float(oost.iloc[0]) if not oost.empty else None,
        reference_name=ctx.region_names[REGIO_OOST],
        lang=ctx.lang,
    )
    name = ctx.indicator_name(TENSION)
    summary = extremes(ctx, bars["label"], bars["value"], 2)
    return chart_view(ctx, "krapte-rangorde", fig, latest, name, 2, summary=summary)


def vacancies(ctx: Context, regions: list[str], sector: str, filters: Filters = NO_FILTERS):
    frame = series_for_regions(ctx, "vacatures", regions, sector, filters)
    if frame.empty:
        return None
    sector_name = ctx.sector_names.get(sector, sector)
    fig = charts.lines(
        frame,
        series="region_name",
        title=ctx.t("shortage.vacancies_title", sector=sector_name.lower()),
        y_title=ctx.t("shortage.y_vacancies"),
        lang=ctx.lang,
    )
    name = ctx.indicator_name("vacatures")
    return chart_view(ctx, "vacatures", fig, frame, name, summary=trend(ctx, frame, 0))
