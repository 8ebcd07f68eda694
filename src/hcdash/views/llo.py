"""LLO Energy: cumulative upskilled workers in Gelderland against the target of 10,000."""

import pandas as pd

from hcdash import charts, metrics
from hcdash.format import number
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.views.common import (
    ChartView,
    region_names,
    sector_names,
    series_for_regions,
    source_line,
    table,
    with_labels,
)
from hcdash.views.overview import LLO_INDICATOR


def _target(reader) -> pd.Series | None:
    targets = reader.targets(LLO_INDICATOR)
    return None if targets.empty else targets.iloc[0]


def trajectory(target: float, start, deadline) -> pd.DataFrame:
    """The straight line to the target, at the end of every month from start to deadline."""
    month = Period.month(start.year, start.month)
    rows = []
    while month.start <= deadline:
        day = metrics.period_end_date(month.start, "month")
        value = metrics.trajectory_value(target, start, deadline, day)
        rows.append((month.start, month.label, value))
        month = Period(month.end, "month")
    return pd.DataFrame(rows, columns=["period_start", "period", "value"])


def progress(reader) -> ChartView | None:
    target = _target(reader)
    if target is None:
        return None
    frame = reader.aggregate(LLO_INDICATOR, target["region"], Filters(sectors=(target["sector"],)))
    if frame.empty:
        return None
    frame = with_labels(frame, region_names(reader), sector_names(reader))
    start = pd.Timestamp(target["start_date"]).date()
    deadline = pd.Timestamp(target["deadline"]).date()
    fig = charts.progress(
        frame,
        trajectory(float(target["value"]), start, deadline),
        target=float(target["value"]),
        title="LLO Energie: bijgeschoolde werkenden in Gelderland tegen het doel van "
        f"{number(target['value'])}",
        y_title="Werkenden (cumulatief, eind van de maand)",
        actual_name="Bijgeschoold (cumulatief)",
        trajectory_name="Rechte lijn naar het doel",
        target_name=f"Doel: {number(target['value'])} eind {deadline.year}",
    )
    return ChartView(
        key="llo-voortgang",
        figure=fig,
        table=table(frame, 0, "Bijgeschoold"),
        source=source_line(frame),
        value_name="Bijgeschoold",
    )


def contributions(reader) -> ChartView | None:
    target = _target(reader)
    if target is None:
        return None
    regions = reader.member_regions(target["region"])
    frame = series_for_regions(reader, LLO_INDICATOR, regions, target["sector"])
    if frame.empty:
        return None
    fig = charts.stacked_area(
        frame,
        series="region_name",
        title="LLO Energie: bijdrage per Gelderse arbeidsmarktregio (cumulatief)",
        y_title="Werkenden (cumulatief)",
    )
    return ChartView(
        key="llo-regios",
        figure=fig,
        table=table(frame, 0, "Bijgeschoold"),
        source=source_line(frame),
        value_name="Bijgeschoold",
    )
