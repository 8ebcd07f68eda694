"""Instroom: first-year students per education level, sector field and region."""

from hcdash import charts
from hcdash.views.common import ChartView, series_for_regions, source_line, table

LEVELS = {"mbo": "instroom_mbo", "hbo": "instroom_hbo", "wo": "instroom_wo"}


def intake(reader, level: str, regions: list[str], sector: str) -> ChartView | None:
    frame = series_for_regions(reader, LEVELS[level], regions, sector)
    if frame.empty:
        return None
    sector_name = frame["sector_name"].iloc[0]
    fig = charts.lines(
        frame,
        series="region_name",
        title=f"Eerstejaars {level} per regio, {sector_name.lower()}, per studiejaar",
        y_title="Eerstejaars studenten",
    )
    return ChartView(
        key=f"instroom-{level}",
        figure=fig,
        table=table(frame, 0, "Eerstejaars"),
        source=source_line(frame),
        value_name="Eerstejaars",
    )
