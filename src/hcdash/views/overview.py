"""Overzicht: the headline figures for Regio Oost and the tile map of the eight regions."""

from dataclasses import dataclass

import pandas as pd

from hcdash import boundaries, charts, metrics
from hcdash.format import percent, signed
from hcdash.queries import Filters
from hcdash.views.common import ChartView, Context, chart_view, extremes, names, with_labels
from hcdash.vocabulary import REGIO_OOST, TOTAL_SECTOR

TREND_POINTS = 12
INTAKE_INDICATORS = ("instroom_mbo", "instroom_hbo", "instroom_wo")
LLO_INDICATOR = "llo_energie_deelnemers"
# Where each region sits on the schematic map: (column, row), roughly as on a real map.
TILES = {
    "regio-zwolle": (1, 0),
    "twente": (3, 0),
    "stedendriehoek": (2, 1),
    "foodvalley": (0, 2),
    "midden-gelderland": (1, 2),
    "achterhoek": (3, 2),
    "rivierenland": (0, 3),
    "rijk-van-nijmegen": (1, 3),
}
MAP_INDICATORS = (
    "spanningsindicator",
    "vacatures",
    "instroom_mbo",
    "instroom_hbo",
    "werkzame_beroepsbevolking",
    "aandeel_55plus",
    "uitstroom_afgestudeerden",
)


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str
    period: str
    delta: str | None = None
    delta_color: str = "normal"  # streamlit's: normal (up is good), inverse, off, or a colour
    delta_arrow: bool = True
    note: str = ""
    provisional: bool = False
    trend: str = ""  # the last points in words (a text, not a sparkline: a screen reader reads it)


def headlines(ctx: Context, area: str = REGIO_OOST) -> list[Headline]:
    """The headline figures of ``area`` (Overzicht: Regio Oost; a factsheet: its region). LLO
    Energie's progress is Gelderland's, so it heads Regio Oost's figures only."""
    found = [_tension(ctx, area), _vacancies(ctx, area), _technical_intake(ctx, area)]
    if area == REGIO_OOST:
        found.append(llo_headline(ctx))
    return [h for h in found if h is not None]


def _series(ctx: Context, code: str, area: str, sector: str) -> pd.DataFrame:
    return ctx.reader.aggregate(code, area, Filters(sectors=(sector,)))


def _signed(ctx: Context, value, decimals: int = 0) -> str | None:
    return None if value is None else signed(value, decimals, ctx.lang)


def _from_series(
    ctx: Context,
    key: str,
    series: pd.DataFrame,
    label: str,
    decimals: int = 0,
    *,
    note=None,
    delta_color: str = "normal",
) -> Headline | None:
    """A headline of ``series``'s latest value, its change and the last points as a trend in
    words; ``note(latest)`` gives the text behind the help icon."""
    last = metrics.latest(series)
    if last is None:
        return None
    recent = series.sort_values("period_start").tail(TREND_POINTS)
    first = recent.iloc[0]
    return Headline(
        key=key,
        label=label,
        value=ctx.number(last.value, decimals),
        period=ctx.period(last.period_start, last.grain),
        delta=_signed(ctx, last.change, decimals),
        delta_color=delta_color,
        note=note(last) if note else "",
        provisional=last.provisional,
        trend=ctx.t(
            "overview.trend",
            since=ctx.period(first["period_start"], first["grain"]),
            first=ctx.number(first["value"], decimals),
            low=ctx.number(recent["value"].min(), decimals),
            high=ctx.number(recent["value"].max(), decimals),
        )
        if len(recent) > 1
        else "",
    )


def _tension(ctx: Context, area: str) -> Headline | None:
    bands = ctx.reader.bands("spanningsindicator")

    def note(last) -> str:
        band = metrics.band_for(last.value, bands)
        return (
            "" if band is None else ctx.t("overview.tension_note", band=band[f"label_{ctx.lang}"])
        )

    series = _series(ctx, "spanningsindicator", area, TOTAL_SECTOR)
    return _from_series(
        ctx,
        "spanningsindicator",
        series,
        ctx.t("overview.tension"),
        2,
        delta_color="off",
        note=note,
    )


def _vacancies(ctx: Context, area: str) -> Headline | None:
    series = _series(ctx, "vacatures", area, TOTAL_SECTOR)
    return _from_series(
        ctx,
        "vacatures",
        series,
        ctx.t("overview.vacancies"),
        delta_color="off",
        note=lambda last: ctx.t("overview.vacancies_note"),
    )


def technical_intake(reader, area: str = REGIO_OOST) -> pd.DataFrame:
    """First-year students in technical fields (mbo + hbo + wo) per year for ``area``: of the
    levels and technical fields that have figures at all (real data may lack mbo, or have one
    field for the three), only the years for which every one of them is present."""
    sectors = reader.sectors()
    technical = tuple(sectors.loc[sectors["technical"], "slug"])
    parts = [reader.aggregate(code, area, Filters(sectors=technical)) for code in INTAKE_INDICATORS]
    frame = (
        pd.concat([p for p in parts if not p.empty], ignore_index=True)
        if any(not p.empty for p in parts)
        else pd.DataFrame()
    )
    if frame.empty:
        return frame
    expected = frame.groupby("indicator")["sector"].nunique().sum()
    size = frame.groupby("period_start")["value"].transform("size")
    series = (
        frame[size == expected]
        .groupby(["period_start", "grain"], as_index=False)
        .agg(value=("value", "sum"), provisional=("provisional", "any"))
    )
    series.attrs["levels"] = [c for c in INTAKE_INDICATORS if c in set(frame["indicator"])]
    series.attrs["fields"] = sorted(set(frame["sector"]))
    return series


def _technical_intake(ctx: Context, area: str) -> Headline | None:
    series = technical_intake(ctx.reader, area)
    if series.empty:
        return None
    levels = [code.removeprefix("instroom_") for code in series.attrs["levels"]]
    fields = [ctx.sector_names[s] for s in ctx.sector_names if s in series.attrs["fields"]]
    note = ctx.t("overview.intake_note", levels=listed(ctx, levels), fields=listed(ctx, fields))
    return _from_series(
        ctx,
        "technische_instroom",
        series,
        ctx.t("overview.intake"),
        note=lambda last: note,
    )


def listed(ctx: Context, words: list[str]) -> str:
    """``a, b en c`` (``a, b and c``)."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {ctx.t('word.and')} {words[-1]}"


def llo_target(reader) -> pd.Series | None:
    targets = reader.targets(LLO_INDICATOR)
    return None if targets.empty else targets.iloc[0]


def llo_series(reader, target: pd.Series) -> pd.DataFrame:
    """The cumulative series that ``target`` (from ``llo_target``) is measured on."""
    return reader.aggregate(LLO_INDICATOR, target["region"], Filters(sectors=(target["sector"],)))


def llo_progress(reader) -> metrics.Progress | None:
    target = llo_target(reader)
    last = metrics.latest(llo_series(reader, target)) if target is not None else None
    if last is None:
        return None
    return metrics.Progress(
        actual=last.value,
        target=float(target["value"]),
        as_of=metrics.period_end_date(last.period_start, last.grain),
        start=pd.Timestamp(target["start_date"]).date(),
        deadline=pd.Timestamp(target["deadline"]).date(),
    )


def llo_headline(ctx: Context) -> Headline | None:
    progress = llo_progress(ctx.reader)
    if progress is None:
        return None
    status = ctx.t("overview.on_track" if progress.on_track else "overview.behind")
    target = ctx.number(progress.target)
    return Headline(
        key="llo_energie",
        label=ctx.t("overview.llo"),
        value=ctx.number(progress.actual),
        period=ctx.t("overview.llo_until", date=ctx.date(progress.as_of)),
        delta=ctx.t(
            "overview.llo_delta", share=percent(100 * progress.share, 0, ctx.lang), target=target
        ),
        delta_color="green" if progress.on_track else "orange",
        delta_arrow=False,
        note=ctx.t(
            "overview.llo_note",
            status=status,
            target=target,
            year=progress.deadline.year,
            expected=ctx.number(progress.on_trajectory),
        ),
    )


def tile_map(ctx: Context, code: str) -> ChartView | None:
    """The eight regions coloured by ``code`` in its latest period (all sectors), the other
    arbeidsmarktregio's grey around them: on uploaded boundaries, else on the ones hcdash ships
    (CBS, 2025); schematic tiles only when neither has every region."""
    values = ctx.reader.observations(Filters((code,), tuple(TILES), (TOTAL_SECTOR,)))
    if values.empty:
        return None
    latest = values[values["period_start"] == values["period_start"].max()]
    frame = with_labels(latest, ctx)
    frame["col"] = [TILES[r][0] for r in frame["region"]]
    frame["row"] = [TILES[r][1] for r in frame["region"]]
    frame["name"] = frame["region_name"]
    codes = names(ctx.reader.regions(), value="code")
    frame["code"] = frame["region"].map(codes)
    decimals = int(ctx.indicator_meta[code]["decimals"])
    name = ctx.indicator_name(code)
    title = ctx.t("overview.map_title", indicator=name, period=frame["period"].iloc[0])
    shapes, context, notes = _shapes(ctx, frame["code"])
    if shapes is not None:
        fig = charts.choropleth(
            frame, shapes, title=title, decimals=decimals, lang=ctx.lang, context=context
        )
    else:
        fig = charts.tile_map(frame, title=title, decimals=decimals, lang=ctx.lang)
    summary = extremes(ctx, frame["region_name"], frame["value"], decimals)
    return chart_view(ctx, "kaart", fig, frame, name, decimals, summary=summary, notes=notes)


def _shapes(ctx: Context, codes) -> tuple[dict | None, list[dict], list[str]]:
    """The boundaries of the regions shown (uploaded ones, else the ones hcdash ships), the
    other arbeidsmarktregio's around them (grey), and the credit a shipped map carries."""
    codes = tuple(codes)
    stored = ctx.reader.region_boundaries(codes)
    if stored is not None:
        return stored, [], []
    shipped = boundaries.shipped()
    found = {f["properties"]["statcode"]: f for f in shipped["features"]}
    if not set(codes) <= set(found):
        return None, [], []
    shown = {"type": "FeatureCollection", "features": [found[c] for c in codes]}
    named = names(ctx.reader.regions(), key="code", value="name")  # hcdash's names, not the file's
    context = [
        {"geometry": f["geometry"], "properties": {"statnaam": named.get(code, code)}}
        for code, f in found.items()
        if code not in codes
    ]
    return shown, context, [ctx.t("overview.map_credit", source=boundaries.SHIPPED_CREDIT)]
