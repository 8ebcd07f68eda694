"""LLO Energy: cumulative upskilled workers in Gelderland against the target of 10,000, with the
straight trajectory, a projection from the recent pace, the pace needed and each region's part."""

from dataclasses import dataclass

import pandas as pd

from hcdash import charts, metrics
from hcdash import format as fmt
from hcdash.periods import Period, period_label
from hcdash.views.common import (
    ChartView,
    Context,
    chart_view,
    extremes,
    series_for_regions,
    trend,
    with_labels,
)
from hcdash.views.overview import LLO_INDICATOR, llo_series, llo_target


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


def trajectory(target: float, start, deadline, lang: str = "nl") -> pd.DataFrame:
    """The straight line to the target, at the end of every month from start to deadline."""
    month = Period.month(start.year, start.month)
    rows = []
    while month.start <= deadline:
        day = metrics.period_end_date(month.start, "month")
        value = metrics.trajectory_value(target, start, deadline, day)
        rows.append((month.start, period_label(month.start, "month", lang), value))
        month = Period(month.end, "month")
    return pd.DataFrame(rows, columns=["period_start", "period", "value"])


def projection(target: pd.Series, series: pd.DataFrame) -> metrics.Projection | None:
    if series.empty:
        return None
    return metrics.project(
        series,
        float(target["value"]),
        pd.Timestamp(target["start_date"]).date(),
        pd.Timestamp(target["deadline"]).date(),
    )


def _projection_frame(proj: metrics.Projection, lang: str) -> pd.DataFrame:
    rows = []
    for (day, value), (_, low), (_, high) in zip(
        proj.path(proj.pace), proj.path(proj.pace_low), proj.path(proj.pace_high), strict=True
    ):
        start = day.replace(day=1)
        rows.append((start, period_label(start, "month", lang), value, low, high))
    return pd.DataFrame(rows, columns=["period_start", "period", "value", "low", "high"])


def progress(ctx: Context) -> ChartView | None:
    target = llo_target(ctx.reader)
    series = llo_series(ctx.reader, target) if target is not None else pd.DataFrame()
    if series.empty:
        return None
    frame = with_labels(series, ctx)
    start = pd.Timestamp(target["start_date"]).date()
    deadline = pd.Timestamp(target["deadline"]).date()
    goal = float(target["value"])
    proj = projection(target, series)
    names = {
        "actual": ctx.t("llo.actual"),
        "trajectory": ctx.t("llo.trajectory"),
        "target": ctx.t("llo.target", target=ctx.number(goal), year=deadline.year),
        "projection": ctx.t("llo.projection"),
        "band": ctx.t("llo.band"),
    }
    fig = charts.progress(
        frame,
        trajectory(goal, start, deadline, ctx.lang),
        target=goal,
        title=ctx.t("llo.progress_title", target=ctx.number(goal)),
        y_title=ctx.t("llo.y"),
        names=names,
        projection=_projection_frame(proj, ctx.lang) if proj and proj.months_left else None,
        lang=ctx.lang,
    )
    name = ctx.t("llo.actual")
    return chart_view(ctx, "llo-voortgang", fig, frame, name, summary=trend(ctx, frame, 0))


def facts(ctx: Context) -> list[Fact]:
    """Expected total at the deadline, when the target would be reached, pace needed/achieved."""
    target = llo_target(ctx.reader)
    proj = projection(target, llo_series(ctx.reader, target)) if target is not None else None
    if proj is None:
        return []
    year = proj.deadline.year
    reach = proj.reach_date()
    if proj.current >= proj.target:
        reached = Fact(ctx.t("llo.reached_done"), ctx.date(proj.as_of))
    else:
        when = fmt.month_year(reach, ctx.lang) if reach else ctx.t("llo.never")
        reached = Fact(ctx.t("llo.reached"), when)
    return [
        Fact(
            ctx.t("llo.expected", year=year),
            ctx.number(proj.expected),
            ctx.t(
                "llo.expected_range",
                low=ctx.number(proj.expected_low),
                high=ctx.number(proj.expected_high),
            ),
        ),
        reached,
        # the unit in the label: a card's value stays short enough for a quarter of the page
        Fact(ctx.t("llo.pace_needed"), ctx.number(proj.pace_needed)),
        Fact(
            ctx.t("llo.pace_recent", months=proj.window),
            ctx.number(proj.pace),
            ctx.t("llo.pace_average", value=ctx.number(proj.pace_average)),
        ),
    ]


def contributions(ctx: Context) -> ChartView | None:
    target = llo_target(ctx.reader)
    if target is None:
        return None
    regions = ctx.reader.member_regions(target["region"])
    frame = series_for_regions(ctx, LLO_INDICATOR, regions, target["sector"])
    if frame.empty:
        return None
    fig = charts.stacked_area(
        frame,
        series="region_name",
        title=ctx.t("llo.regions_title"),
        y_title=ctx.t("llo.y"),
        lang=ctx.lang,
    )
    name = ctx.t("llo.actual")
    latest = frame[frame["period_start"] == frame["period_start"].max()]
    summary = extremes(ctx, latest["region_name"], latest["value"], 0)
    return chart_view(ctx, "llo-regios", fig, frame, name, summary=summary)
