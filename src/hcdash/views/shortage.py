"""Krapte: the spanningsindicator and open vacancies per region, against Regio Oost."""

from hcdash import charts
from hcdash.views.common import REGIO_OOST, ChartView, series_for_regions, source_line, table


def tension(reader, regions: list[str], sector: str) -> ChartView | None:
    frame = series_for_regions(reader, "spanningsindicator", regions, sector, with_area=REGIO_OOST)
    if frame.empty:
        return None
    sector_name = frame["sector_name"].iloc[0]
    fig = charts.lines(
        frame,
        series="region_name",
        title=f"Spanningsindicator per regio, {sector_name.lower()}, per kwartaal",
        y_title="Vacatures per kortdurende WW-uitkering",
        decimals=2,
        reference="Regio Oost",
    )
    charts.add_bands(fig, reader.bands("spanningsindicator"), float(frame["value"].max()))
    return ChartView(
        key="spanningsindicator",
        figure=fig,
        table=table(frame, 2, "Spanningsindicator"),
        source=source_line(frame),
        value_name="Spanningsindicator",
        decimals=2,
    )


def vacancies(reader, regions: list[str], sector: str) -> ChartView | None:
    frame = series_for_regions(reader, "vacatures", regions, sector)
    if frame.empty:
        return None
    sector_name = frame["sector_name"].iloc[0]
    fig = charts.lines(
        frame,
        series="region_name",
        title=f"Openstaande vacatures per regio, {sector_name.lower()}, per kwartaal",
        y_title="Openstaande vacatures",
    )
    return ChartView(
        key="vacatures",
        figure=fig,
        table=table(frame, 0, "Vacatures"),
        source=source_line(frame),
        value_name="Vacatures",
    )
