"""Regioprofiel: one arbeidsmarktregio across every theme, next to Regio Oost, with its
strongest and weakest points named."""

from dataclasses import dataclass

import pandas as pd

from hcdash import charts
from hcdash.format import signed
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.views.common import REGIO_OOST, ChartView, Context


@dataclass(frozen=True)
class Profile:
    chart: ChartView | None
    table: pd.DataFrame
    strongest: str | None
    weakest: str | None
    neutral: list[str]


LABOUR = "werkzame_beroepsbevolking"
PER = 1000  # counts are compared per 1,000 employed people


def rows(ctx: Context, region: str) -> pd.DataFrame:
    """Per indicator (all sectors): the region's latest value and Regio Oost in that period, in
    a comparable unit: counts per 1,000 employed, ratios from the totals, shares as a median."""
    own = ctx.reader.observations(Filters(regions=(region,), sectors=("alle",)))
    if own.empty:
        return pd.DataFrame()
    own = ctx.add_sources(own)
    latest = own.sort_values("period_start").groupby("indicator").tail(1)
    members = tuple(ctx.reader.member_regions(REGIO_OOST))
    labour = _labour(ctx, region, latest)
    out = []
    for row in latest[latest["indicator"] != LABOUR].to_dict("records"):
        meta = ctx.indicator_meta[row["indicator"]]
        reference, basis = _reference(ctx, meta, row, members)
        if reference is None:  # e.g. Regio Oost incomplete for this period
            continue
        value = row["value"]
        if basis == "total" and labour is not None:
            value, reference, basis = PER * value / labour[0], PER * reference / labour[1], "rate"
        out.append({**row, "value": value, "reference": reference, "basis": basis,
                    "higher_is_better": meta["higher_is_better"]})  # fmt: skip
    frame = pd.DataFrame(out)
    frame["difference"] = 100 * (frame["value"] - frame["reference"]) / frame["reference"]
    sign = frame["higher_is_better"].map({True: 1.0, False: -1.0})
    frame["score"] = frame["difference"] * sign  # NaN for indicators without a direction
    return frame


def _labour(ctx: Context, region: str, latest: pd.DataFrame) -> tuple[float, float] | None:
    """The region's and Regio Oost's employed labour force in its latest year."""
    row = latest[latest["indicator"] == LABOUR]
    if row.empty:
        return None
    period = Period(pd.Timestamp(row["period_start"].iloc[0]).date(), "year")
    oost = ctx.reader.aggregate(LABOUR, REGIO_OOST, Filters(sectors=("alle",),
                                period_from=period, period_to=period))  # fmt: skip
    return (float(row["value"].iloc[0]), float(oost["value"].iloc[0])) if not oost.empty else None


def _reference(ctx: Context, meta: dict, row: dict, members: tuple) -> tuple[float | None, str]:
    """Regio Oost by the indicator's rule ('total' for sums, 'ratio' for ratios), or the median
    of the regions ('median') when it has none."""
    period = Period(pd.Timestamp(row["period_start"]).date(), row["grain"])
    scope = Filters(sectors=("alle",), period_from=period, period_to=period)
    if meta["aggregation"] != "none":
        area = ctx.reader.aggregate(row["indicator"], REGIO_OOST, scope)
        value = float(area["value"].iloc[0]) if not area.empty else None
        return value, "total" if meta["aggregation"] == "sum" else "ratio"
    others = ctx.reader.observations(
        Filters((row["indicator"],), members, ("alle",), period, period)
    )
    return (float(others["value"].median()) if not others.empty else None), "median"


def profile(ctx: Context, region: str) -> Profile | None:
    frame = rows(ctx, region)
    if frame.empty:
        return None
    frame["name"] = [ctx.indicator_name(c) for c in frame["indicator"]]
    judged = frame.dropna(subset=["score"]).sort_values("score", ascending=False)
    strongest = _point(ctx, "profile.strongest", judged.head(1))
    weakest = _point(ctx, "profile.weakest", judged.tail(1)) if len(judged) > 1 else None
    neutral = frame[frame["score"].isna()]["name"].tolist()
    return Profile(_chart(ctx, region, judged), _table(ctx, region, frame), strongest, weakest,
                   neutral)  # fmt: skip


def _point(ctx: Context, key: str, row: pd.DataFrame) -> str | None:
    if row.empty:
        return None
    difference = signed(float(row["difference"].iloc[0]), 1, ctx.lang) + "%"
    return ctx.t(key, indicator=row["name"].iloc[0], difference=difference)


def _chart(ctx: Context, region: str, judged: pd.DataFrame) -> ChartView | None:
    if judged.empty:
        return None
    name = ctx.region_names[region]
    bars = judged.assign(label=judged["name"], value=judged["score"])
    fig = charts.hbars(bars, title=ctx.t("profile.chart_title", region=name),
                       x_title=ctx.t("profile.x"), decimals=1, lang=ctx.lang)  # fmt: skip
    return ChartView("regioprofiel", fig, _table(ctx, region, judged), _sources(judged),
                     ctx.t("profile.col_difference"), 1)  # fmt: skip


def _table(ctx: Context, region: str, frame: pd.DataFrame) -> pd.DataFrame:
    name = ctx.region_names[region]
    basis = [ctx.t(f"profile.basis_{b}") for b in frame["basis"]]
    return pd.DataFrame(
        {
            ctx.t("col.indicator"): frame["name"].to_numpy(),
            ctx.t("col.period"): [ctx.period(s, g) for s, g in zip(frame["period_start"],
                                                                   frame["grain"], strict=True)],
            name: frame["value"].round(2).to_numpy(),
            ctx.t("profile.col_reference"): frame["reference"].round(2).to_numpy(),
            ctx.t("profile.col_basis"): basis,
            ctx.t("profile.col_difference"): frame["difference"].round(1).to_numpy(),
            ctx.t("col.source"): frame["source"].to_numpy(),
        }
    )  # fmt: skip


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(sorted(set(frame["source"].dropna())))
