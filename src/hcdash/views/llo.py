"""LLO Energy: cumulative upskilled workers in Gelderland against the target of 10,000."""

import pandas as pd

from hcdash import charts, metrics
from hcdash.format import number
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


def progress(reader) -> ChartView | None:
    targets = reader.targets(LLO_INDICATOR)
    if targets.empty:
        return None
    target = targets.iloc[0]
    frame = reader.aggregate(LLO_INDICATOR, target["region"], Filters(sectors=(target["sector"],)))
    if frame.empty:
        return None
    frame = with_labels(frame, region_names(reader), sector_names(reader))
    frame["date"] = [
        metrics.period_end_date(pd.Timestamp(s).date(), g)
        for s, g in zip(frame["period_start"], frame["grain"], strict=True)
    ]
    fig = charts.progress(
        frame,
        target=float(target["value"]),
        start=pd.Timestamp(target["start_date"]).date(),
        deadline=pd.Timestamp(target["deadline"]).date(),
        title=f"LLO Energie: bijgeschoolde werkenden in Gelderland tegen het doel van "
        f"{number(target['value'])}",
        y_title="Werkenden (cumulatief)",
        actual_name="Bijgeschoold (cumulatief)",
        trajectory_name="Rechte lijn naar het doel",
        target_name=f"Doel: {number(target['value'])} eind {pd.Timestamp(target['deadline']).year}",
    )
    return ChartView(
        key="llo-voortgang",
        figure=fig,
        table=table(frame, 0, "Bijgeschoold"),
        source=source_line(frame),
        value_name="Bijgeschoold",
    )


def contributions(reader) -> ChartView | None:
    targets = reader.targets(LLO_INDICATOR)
    if targets.empty:
        return None
    target = targets.iloc[0]
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
