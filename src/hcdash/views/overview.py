"""Overzicht: the headline figures for Regio Oost."""

from dataclasses import dataclass, field

import pandas as pd

from hcdash import metrics
from hcdash.format import long_date, number, percent, signed
from hcdash.periods import period_label
from hcdash.queries import Filters
from hcdash.views.common import REGIO_OOST

TREND_POINTS = 12
INTAKE_INDICATORS = ("instroom_mbo", "instroom_hbo", "instroom_wo")
LLO_INDICATOR = "llo_energie_deelnemers"


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str
    period: str
    delta: str | None = None
    delta_color: str = "normal"  # streamlit's: normal (up is good), inverse, off
    delta_arrow: bool = True
    note: str = ""
    provisional: bool = False
    trend: list[float] = field(default_factory=list)


def headlines(reader) -> list[Headline]:
    builders = (_tension, _vacancies, _technical_intake, _llo_progress)
    return [h for h in (build(reader) for build in builders) if h is not None]


def _series(reader, code: str, area: str, sector: str) -> pd.DataFrame:
    return reader.aggregate(code, area, Filters(sectors=(sector,)))


def _tension(reader) -> Headline | None:
    series = _series(reader, "spanningsindicator", REGIO_OOST, "alle")
    last = metrics.latest(series)
    if last is None:
        return None
    band = metrics.band_for(last.value, reader.bands("spanningsindicator"))
    return Headline(
        key="spanningsindicator",
        label="Spanningsindicator",
        value=number(last.value, 2),
        period=period_label(last.period_start, last.grain),
        delta=signed(last.change, 2) if last.change is not None else None,
        delta_color="off",
        note=f"UWV-typering: {band['label_nl']}" if band is not None else "",
        provisional=last.provisional,
        trend=series["value"].tail(TREND_POINTS).round(2).tolist(),
    )


def _vacancies(reader) -> Headline | None:
    series = _series(reader, "vacatures", REGIO_OOST, "alle")
    last = metrics.latest(series)
    if last is None:
        return None
    return Headline(
        key="vacatures",
        label="Openstaande vacatures",
        value=number(last.value),
        period=period_label(last.period_start, last.grain),
        delta=signed(last.change) if last.change is not None else None,
        delta_color="off",
        note="Alle sectoren, eind van het kwartaal",
        provisional=last.provisional,
        trend=series["value"].tail(TREND_POINTS).tolist(),
    )


def technical_intake(reader, area: str = REGIO_OOST) -> pd.DataFrame:
    """First-year students in technical fields (mbo + hbo + wo) per year for ``area``."""
    sectors = reader.sectors()
    technical = tuple(sectors.loc[sectors["technical"], "slug"])
    parts = [reader.aggregate(code, area, Filters(sectors=technical)) for code in INTAKE_INDICATORS]
    frame = pd.concat(parts, ignore_index=True)
    if frame.empty:
        return frame
    # Only years for which every level and every technical field is present.
    complete = frame.groupby("period_start")["value"].transform("size") == len(parts) * len(
        technical
    )
    return (
        frame[complete]
        .groupby(["period_start", "grain"], as_index=False)
        .agg(value=("value", "sum"), provisional=("provisional", "any"))
    )


def _technical_intake(reader) -> Headline | None:
    series = technical_intake(reader)
    last = metrics.latest(series)
    if last is None:
        return None
    return Headline(
        key="technische_instroom",
        label="Technische instroom",
        value=number(last.value),
        period=period_label(last.period_start, last.grain),
        delta=signed(last.change) if last.change is not None else None,
        note="Eerstejaars mbo, hbo en wo in energie, hightech en maakindustrie",
        provisional=last.provisional,
        trend=series["value"].tail(TREND_POINTS).tolist(),
    )


def llo_progress(reader) -> metrics.Progress | None:
    targets = reader.targets(LLO_INDICATOR)
    if targets.empty:
        return None
    target = targets.iloc[0]
    series = _series(reader, LLO_INDICATOR, target["region"], target["sector"])
    last = metrics.latest(series)
    if last is None:
        return None
    return metrics.Progress(
        actual=last.value,
        target=float(target["value"]),
        as_of=metrics.period_end_date(last.period_start, last.grain),
        start=pd.Timestamp(target["start_date"]).date(),
        deadline=pd.Timestamp(target["deadline"]).date(),
    )


def _llo_progress(reader) -> Headline | None:
    progress = llo_progress(reader)
    if progress is None:
        return None
    status = "op koers" if progress.on_track else "achter op schema"
    return Headline(
        key="llo_energie",
        label="LLO Energie Gelderland",
        value=number(progress.actual),
        period=f"t/m {long_date(progress.as_of)}",
        delta=f"{percent(100 * progress.share, 0)} van {number(progress.target)}",
        delta_color="green" if progress.on_track else "orange",
        delta_arrow=False,
        note=(
            f"{status}: volgens een rechte lijn naar {number(progress.target)} eind "
            f"{progress.deadline.year} hoort hier {number(progress.on_trajectory)} te staan"
        ),
        provisional=False,
    )
