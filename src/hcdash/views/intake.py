"""Instroom: first-year students per level, sector field and region; trend, year-on-year
change, technical share, and an index (base year = 100) to compare regions of different size."""

import pandas as pd

from hcdash import charts
from hcdash.queries import Filters
from hcdash.views.common import (
    NO_FILTERS,
    ChartView,
    Context,
    chart_view,
    extremes,
    series_for_regions,
    trend,
    with_labels,
)
from hcdash.vocabulary import TOTAL_SECTOR

LEVELS = {"mbo": "instroom_mbo", "hbo": "instroom_hbo", "wo": "instroom_wo"}
VIEWS = ("absolute", "index")


def intake(
    ctx: Context,
    level: str,
    regions: list[str],
    sector: str,
    filters: Filters = NO_FILTERS,
    view: str = "absolute",
) -> ChartView | None:
    frame = series_for_regions(ctx, LEVELS[level], regions, sector, filters)
    if frame.empty:
        return None
    sector_name = ctx.sector_names.get(sector, sector).lower()
    if view == "index":
        return _index(ctx, frame, level, sector_name)
    fig = charts.lines(
        frame,
        series="region_name",
        title=ctx.t("intake.series_title", level=level, sector=sector_name),
        y_title=ctx.t("intake.y"),
        lang=ctx.lang,
    )
    name = ctx.t("intake.y")
    return chart_view(ctx, f"instroom-{level}", fig, frame, name, summary=trend(ctx, frame, 0))


def index_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """Values as an index (first shown year in which every region has a value = 100)."""
    regions = frame["region"].nunique()
    counts = frame[frame["value"] > 0].groupby("period_start")["region"].nunique()
    complete = counts[counts == regions].index
    if len(complete) == 0:
        return frame.iloc[0:0], None
    base = min(complete)
    base_values = frame[frame["period_start"] == base].set_index("region")["value"]
    indexed = frame.assign(value=100 * frame["value"] / frame["region"].map(base_values))
    return indexed, base


def _index(ctx: Context, frame: pd.DataFrame, level: str, sector_name: str):
    indexed, base = index_frame(frame)
    if base is None:
        return None
    year = pd.Timestamp(base).year
    fig = charts.lines(
        indexed,
        series="region_name",
        title=ctx.t("intake.index_title", level=level, sector=sector_name, base=year),
        y_title=ctx.t("intake.y_index", base=year),
        decimals=1,
        lang=ctx.lang,
    )
    name = ctx.t("intake.y_index", base=year)
    return chart_view(
        ctx, f"instroom-{level}-index", fig, indexed, name, 1, summary=trend(ctx, indexed, 1)
    )


def year_on_year(ctx: Context, level: str, regions: list[str], sector: str) -> ChartView | None:
    """Change in the latest year against the year before, per region (%)."""
    frame = series_for_regions(ctx, LEVELS[level], regions, sector)
    if frame.empty:
        return None
    years = sorted(frame["period_start"].unique())
    if len(years) < 2:
        return None
    last, before = years[-1], years[-2]
    now = frame[frame["period_start"] == last].set_index("region")
    then = frame[frame["period_start"] == before].set_index("region")["value"]
    change = (100 * (now["value"] - now.index.map(then)) / now.index.map(then)).replace(
        [float("inf"), -float("inf")], float("nan")
    )
    now = now.assign(value=change.to_numpy()).reset_index().dropna(subset=["value"])
    if now.empty:
        return None
    bars = now.sort_values("value", ascending=False).assign(label=lambda f: f["region_name"])
    period = f"{pd.Timestamp(before).year}–{pd.Timestamp(last).year}"
    sector_name = ctx.sector_names.get(sector, sector).lower()
    fig = charts.hbars(
        bars,
        title=ctx.t("intake.yoy_title", sector=sector_name, period=period),
        x_title=ctx.t("intake.yoy_x"),
        decimals=1,
        lang=ctx.lang,
    )
    name = ctx.t("intake.yoy_x")
    summary = extremes(ctx, bars["label"], bars["value"], 1, "%")
    return chart_view(ctx, f"instroom-{level}-verandering", fig, now, name, 1, summary=summary)


def technical_share(ctx: Context, level: str, regions: list[str]) -> ChartView | None:
    """Technical fields (energy, high tech, manufacturing, those the source has) as a share of
    all intake, per region."""
    sectors = ctx.reader.sectors()
    technical = tuple(sectors.loc[sectors["technical"], "slug"])
    code = LEVELS[level]
    if not regions:
        return None
    values = ctx.reader.observations(Filters((code,), tuple(regions), (*technical, TOTAL_SECTOR)))
    if values.empty:
        return None
    values = ctx.add_sources(values)
    total = values[values["sector"] == TOTAL_SECTOR].set_index(["region", "period_start"])["value"]
    tech = values[values["sector"].isin(technical)]
    # The technical fields the source has at all (DUO's CROHO has one, techniek, for the three):
    # a region and year count only with every one of them, so a missing figure is not a zero.
    fields = tech["sector"].nunique()
    counted = tech.groupby(["region", "period_start"])["sector"].nunique()
    summed = tech.groupby(["region", "period_start"])["value"].sum()[counted == fields]
    share = (100 * summed / total.reindex(summed.index)).dropna()
    share = share[total.reindex(share.index) > 0]
    if share.empty:
        return None
    frame = share.rename("value").reset_index()
    first = values.drop_duplicates(["region", "period_start"]).set_index(["region", "period_start"])
    keys = pd.MultiIndex.from_frame(frame[["region", "period_start"]])
    frame["grain"] = first.loc[keys, "grain"].to_numpy()
    frame["provisional"] = first.loc[keys, "provisional"].to_numpy()
    frame["sector"] = TOTAL_SECTOR
    frame["indicator"] = code
    frame["upload_id"] = first.loc[keys, "upload_id"].to_numpy()
    frame = with_labels(frame, ctx)
    fig = charts.lines(
        frame,
        series="region_name",
        title=ctx.t("intake.share_title", level=level),
        y_title=ctx.t("intake.share_y"),
        decimals=1,
        lang=ctx.lang,
    )
    name = ctx.t("intake.share_y")
    return chart_view(
        ctx, f"instroom-{level}-techniek", fig, frame, name, 1, summary=trend(ctx, frame, 1)
    )
