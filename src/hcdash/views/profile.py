"""Regioprofiel: one arbeidsmarktregio across every theme, next to Regio Oost, with its
strongest and weakest points named."""

from dataclasses import dataclass

import pandas as pd

from hcdash import charts
from hcdash.format import percent
from hcdash.views.common import ChartView, Context, chart_view
from hcdash.vocabulary import REGIO_OOST, TOTAL_SECTOR


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
    frame = ctx.reader.latest_with_reference(region, REGIO_OOST, TOTAL_SECTOR)
    if frame.empty:
        return frame
    frame = ctx.add_sources(frame.dropna(subset=["reference"]))
    frame["basis"] = frame["aggregation"].map({"sum": "total", "ratio": "ratio", "none": "median"})
    labour = frame[frame["indicator"] == LABOUR]
    frame = frame[frame["indicator"] != LABOUR].copy()
    if not labour.empty:  # counts per 1,000 employed, for region and Regio Oost alike
        counts = frame["basis"] == "total"
        frame.loc[counts, "value"] *= PER / float(labour["value"].iloc[0])
        frame.loc[counts, "reference"] *= PER / float(labour["reference"].iloc[0])
        frame.loc[counts, "basis"] = "rate"
    frame["higher_is_better"] = [
        ctx.indicator_meta[c]["higher_is_better"] for c in frame["indicator"]
    ]
    frame["difference"] = 100 * (frame["value"] - frame["reference"]) / frame["reference"]
    sign = frame["higher_is_better"].map({True: 1.0, False: -1.0})
    frame["score"] = frame["difference"] * sign  # NaN for indicators without a direction
    return frame.reset_index(drop=True)


def profile(ctx: Context, region: str) -> Profile | None:
    frame = rows(ctx, region)
    if frame.empty:
        return None
    frame["name"] = [ctx.indicator_name(c) for c in frame["indicator"]]
    judged = frame.dropna(subset=["score"]).sort_values("score", ascending=False)
    strongest = _point(ctx, "profile.strongest", judged.head(1))
    weakest = _point(ctx, "profile.weakest", judged.tail(1)) if len(judged) > 1 else None
    neutral = frame[frame["score"].isna()]["name"].tolist()
    return Profile(
        _chart(ctx, region, judged), _table(ctx, region, frame), strongest, weakest, neutral
    )


def _point(ctx: Context, key: str, row: pd.DataFrame) -> str | None:
    """The indicator of ``row`` and how much better or worse it is than Regio Oost: the number
    the chart draws (the difference, turned round where lower is better)."""
    if row.empty:
        return None
    return ctx.t(
        key, indicator=row["name"].iloc[0], judgement=_judgement(ctx, row["score"].iloc[0])
    )


def _judgement(ctx: Context, score: float) -> str:
    share = percent(abs(score), 1, ctx.lang)
    return ctx.t("profile.better" if score >= 0 else "profile.worse", share=share)


def _chart(ctx: Context, region: str, judged: pd.DataFrame) -> ChartView | None:
    if judged.empty:
        return None
    name = ctx.region_names[region]
    bars = judged.assign(label=judged["name"], value=judged["score"])
    fig = charts.hbars(
        bars,
        title=ctx.t("profile.chart_title", region=name),
        x_title=ctx.t("profile.x"),
        decimals=1,
        lang=ctx.lang,
    )
    best, worst = judged.iloc[0], judged.iloc[-1]
    summary = ctx.t(
        "profile.summary",
        best=best["name"],
        best_judgement=_judgement(ctx, best["score"]),
        worst=worst["name"],
        worst_judgement=_judgement(ctx, worst["score"]),
    )
    return chart_view(
        ctx,
        "regioprofiel",
        fig,
        judged,
        ctx.t("profile.col_score"),
        1,
        summary=summary,
        shown=_table(ctx, region, judged),
        source=_sources(judged),
    )


def _table(ctx: Context, region: str, frame: pd.DataFrame) -> pd.DataFrame:
    name = ctx.region_names[region]
    basis = [ctx.t(f"profile.basis_{b}") for b in frame["basis"]]
    return pd.DataFrame(
        {
            ctx.t("col.indicator"): frame["name"].to_numpy(),
            ctx.t("col.period"): [
                ctx.period(s, g) for s, g in zip(frame["period_start"], frame["grain"], strict=True)
            ],
            name: frame["value"].round(2).to_numpy(),
            ctx.t("profile.col_reference"): frame["reference"].round(2).to_numpy(),
            ctx.t("profile.col_basis"): basis,
            ctx.t("profile.col_difference"): frame["difference"].round(1).to_numpy(),
            ctx.t("profile.col_higher"): [
                ctx.t(f"profile.higher_{_direction(better)}")
                for better in frame["higher_is_better"]
            ],
            ctx.t("profile.col_score"): frame["score"].round(1).to_numpy(),
            ctx.t("col.source"): frame["source"].to_numpy(),
        }
    )


def _direction(higher_is_better) -> str:
    return "none" if pd.isna(higher_is_better) else "better" if higher_is_better else "worse"


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(sorted(set(frame["source"].dropna())))
