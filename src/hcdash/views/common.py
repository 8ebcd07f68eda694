"""Pieces several views share: names for slugs, the table under a chart, source lines."""

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from hcdash.format import number
from hcdash.periods import period_label
from hcdash.queries import Filters

REGIO_OOST = "regio-oost"
GELDERLAND = "gelderland"


def names(frame: pd.DataFrame, key: str = "slug", value: str = "name") -> dict[str, str]:
    return dict(zip(frame[key], frame[value], strict=True))


def with_labels(frame: pd.DataFrame, region_names: dict, sector_names: dict) -> pd.DataFrame:
    """Add readable region, sector and period columns to a frame of values."""
    out = frame.copy()
    out["region_name"] = out["region"].map(region_names).fillna(out["region"])
    out["sector_name"] = out["sector"].map(sector_names).fillna(out["sector"])
    out["period"] = [
        period_label(pd.Timestamp(s).date(), g)
        for s, g in zip(out["period_start"], out["grain"], strict=True)
    ]
    return out


def table(frame: pd.DataFrame, decimals: int, value_name: str = "Waarde") -> pd.DataFrame:
    """The numbers of a chart as a table: the accessible alternative and the download.

    ``frame`` must have been through ``with_labels``. Values stay numeric (for downloads);
    ``display_table`` turns them into Dutch notation for the screen.
    """
    out = pd.DataFrame(
        {
            "Regio": frame["region_name"],
            "Sector": frame["sector_name"],
            "Periode": frame["period"],
            value_name: frame["value"].round(decimals),
            "Voorlopig": frame["provisional"].map({True: "ja", False: "nee"}),
            "Bron": frame["source"],
        }
    )
    return out.reset_index(drop=True)


def display_table(table_frame: pd.DataFrame, value_name: str, decimals: int) -> pd.DataFrame:
    shown = table_frame.copy()
    shown[value_name] = [number(v, decimals) for v in shown[value_name]]
    return shown


def source_line(frame: pd.DataFrame) -> str:
    sources = sorted({s for cell in frame["source"].dropna() for s in str(cell).split("; ")})
    return "; ".join(sources) if sources else "–"


@dataclass(frozen=True)
class ChartView:
    """A chart ready to render: the figure, its numbers as a table, and their source."""

    key: str
    figure: go.Figure
    table: pd.DataFrame
    source: str
    value_name: str = "Waarde"
    decimals: int = 0


def region_names(reader) -> dict[str, str]:
    return names(reader.regions())


def sector_names(reader) -> dict[str, str]:
    return names(reader.sectors(), value="name_nl")


def series_for_regions(
    reader, code: str, regions: list[str], sector: str, *, with_area: str | None = None
) -> pd.DataFrame:
    """Values per region for one indicator and sector, plus the aggregate of ``with_area``."""
    frames = []
    if regions:
        frames.append(reader.observations(Filters((code,), tuple(regions), (sector,))))
    if with_area:
        area = reader.aggregate(code, with_area, Filters(sectors=(sector,)))
        frames.append(area.drop(columns=["n_regions", "n_expected"]))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True)
    return with_labels(frame, region_names(reader), sector_names(reader))
