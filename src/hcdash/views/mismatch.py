"""Mismatch: per region and sector, labour market tension against the trend in student intake.
Where tension is high and intake falls, the gap is largest."""

import pandas as pd

from hcdash import charts
from hcdash.queries import Filters
from hcdash.views.common import ChartView, Context, chart_view, extremes, tight_from
from hcdash.vocabulary import TOTAL_SECTOR

TENSION_QUARTERS = 4  # tension: mean of the last four quarters (evens out the seasons)
TREND_YEARS = 5  # intake trend: latest year against five years before
INTAKE = ("instroom_mbo", "instroom_hbo", "instroom_wo")
AGENDA_SECTORS = ("energie", "gezondheid", "hightech")


def frame(ctx: Context, regions: list[str]) -> tuple[pd.DataFrame, dict]:
    """One row per region and sector: tension, intake change (%), fall (%), gap score."""
    sectors = tuple(s for s in ctx.sector_names if s != TOTAL_SECTOR)
    if not regions:
        return pd.DataFrame(), {}
    tension = ctx.reader.observations(Filters(("spanningsindicator",), tuple(regions), sectors))
    intake = ctx.reader.observations(Filters(INTAKE, tuple(regions), sectors))
    if tension.empty or intake.empty:
        return pd.DataFrame(), {}
    quarters = sorted(tension["period_start"].unique())[-TENSION_QUARTERS:]
    recent = tension[tension["period_start"].isin(quarters)]
    mean_tension = recent.groupby(["region", "sector"])["value"].mean().rename("tension")
    years = sorted(intake["period_start"].unique())
    last, first = years[-1], years[max(0, len(years) - 1 - TREND_YEARS)]
    totals = (
        intake[intake["period_start"].isin([first, last])]
        .groupby(["region", "sector", "period_start"])["value"]
        .sum()
        .unstack("period_start")
    )
    change = (100 * (totals[last] - totals[first]) / totals[first]).rename("change")
    out = pd.concat([mean_tension, change], axis=1).dropna().reset_index()
    out["fall"] = -out["change"]
    out["gap"] = out["tension"] * out["fall"].clip(lower=0)
    periods = {
        "tension": f"{ctx.period(quarters[0], 'quarter')}–{ctx.period(quarters[-1], 'quarter')}",
        "first": pd.Timestamp(first).year,
        "last": pd.Timestamp(last).year,
        "sources": "; ".join(
            sorted(set(ctx.add_sources(tension)["source"]) | set(ctx.add_sources(intake)["source"]))
        ),
    }
    return out, periods


def quadrant(ctx: Context, regions: list[str]) -> ChartView | None:
    data, periods = frame(ctx, regions)
    if data.empty:
        return None
    data = data.assign(
        x=data["fall"],
        y=data["tension"],
        label=[
            f"{ctx.region_names[r]} · {ctx.sector_names[s]}"
            for r, s in zip(data["region"], data["sector"], strict=True)
        ],
        group=[ctx.sector_names[s] for s in data["sector"]],
        outlined=data["sector"].isin(AGENDA_SECTORS),
    )
    krap = tight_from(ctx)
    fig = charts.quadrant(
        data,
        title=ctx.t(
            "mismatch.chart_title",
            period=periods["tension"],
            first=periods["first"],
            last=periods["last"],
        ),
        x_title=ctx.t("mismatch.x"),
        y_title=ctx.t("mismatch.y"),
        x_line=0,
        y_line=krap,
        lang=ctx.lang,
    )
    return chart_view(
        ctx,
        "mismatch",
        fig,
        data,
        ctx.t("mismatch.col_gap"),
        1,
        summary=extremes(ctx, data["label"], data["gap"], 1),
        shown=gap_table(ctx, data),
        source=periods["sources"],
    )


def gap_table(ctx: Context, data: pd.DataFrame) -> pd.DataFrame:
    ordered = data.sort_values("gap", ascending=False)
    return pd.DataFrame(
        {
            ctx.t("col.region"): [ctx.region_names[r] for r in ordered["region"]],
            ctx.t("col.sector"): [ctx.sector_names[s] for s in ordered["sector"]],
            ctx.t("mismatch.col_tension"): ordered["tension"].round(2).to_numpy(),
            ctx.t("mismatch.col_trend"): ordered["change"].round(1).to_numpy(),
            ctx.t("mismatch.col_gap"): ordered["gap"].round(1).to_numpy(),
        }
    )
