"""Regioprofiel: one arbeidsmarktregio across every theme, next to Regio Oost, with its
strongest and weakest points named."""

from dataclasses import dataclass

import pandas as pd
from pandas.io.formats.style import Styler

from hcdash import charts
from hcdash.format import percent
from hcdash.views.common import ChartView, Context, chart_view, display_table
from hcdash.vocabulary import REGIO_OOST, TOTAL_SECTOR


@dataclass(frozen=True)
class Profile:
    chart: ChartView | None
    table: pd.DataFrame  # numbers at full precision (the download)
    shown: Styler  # the table as the screen writes it: each row in its indicator's decimals
    strongest: str | None
    weakest: str | None
    neutral: list[str]
    not_compared: list[str]  # "Instroom wo (Regio Oost has no figure for that period)", …
    against_average: bool  # counts against the average region (no employed figures)


LABOUR = "werkzame_beroepsbevolking"
PER = 1000  # counts are compared per 1,000 employed people
MIN_REGIONS = 2  # an average or median of one region is that region: no comparison


def rows(ctx: Context, region: str) -> pd.DataFrame:
    """Per indicator (all sectors): the region's latest value and Regio Oost in that period, in
    a comparable unit (docs/reference.md, *Regioprofiel*):

    - a count per 1,000 employed, for region and Regio Oost alike, when the employed labour force
      is stored for the region and every region of Regio Oost; else against the average region
      (the mean of the regions with a figure); never a region's count against Regio Oost's sum;
    - a ratio from Regio Oost's summed parts (when every region has both);
    - a share against the median of the regions with a figure.

    ``difference`` is 100 x (region - reference) / reference, NaN where no comparison is made:
    no reference, a reference of 0, or fewer than two regions behind it (``not_compared`` says
    which). ``score`` is the difference turned round where lower is better."""
    frame = ctx.reader.latest_with_reference(region, REGIO_OOST, TOTAL_SECTOR)
    if frame.empty:
        return frame
    frame = ctx.add_sources(frame)
    labour = frame[frame["indicator"] == LABOUR]
    frame = frame[frame["indicator"] != LABOUR].copy()
    per_worker = (
        not labour.empty
        and float(labour["value"].iloc[0]) > 0
        and pd.notna(labour["reference"].iloc[0])
        and float(labour["reference"].iloc[0]) > 0
    )
    counts = frame["aggregation"] == "sum"
    frame["basis"] = frame["aggregation"].map({"sum": "rate", "ratio": "ratio", "none": "median"})
    if per_worker:
        frame.loc[counts, "value"] *= PER / float(labour["value"].iloc[0])
        frame.loc[counts, "reference"] *= PER / float(labour["reference"].iloc[0])
    else:
        frame.loc[counts, "reference"] = frame.loc[counts, "area_mean"]
        frame.loc[counts, "basis"] = "average"
    few = frame["basis"].isin(["average", "median"]) & (frame["area_n"] < MIN_REGIONS)
    frame.loc[few, "reference"] = float("nan")
    frame["not_compared"] = None
    frame.loc[frame["reference"].isna(), "not_compared"] = "missing"
    frame.loc[frame["reference"] == 0, "not_compared"] = "zero"
    compared = frame["not_compared"].isna()
    frame["higher_is_better"] = [
        ctx.indicator_meta[c]["higher_is_better"] for c in frame["indicator"]
    ]
    frame["difference"] = (100 * (frame["value"] - frame["reference"]) / frame["reference"]).where(
        compared
    )
    sign = frame["higher_is_better"].map({True: 1.0, False: -1.0})
    frame["score"] = frame["difference"] * sign  # NaN without a direction or a comparison
    return frame.reset_index(drop=True)


def profile(ctx: Context, region: str) -> Profile | None:
    frame = rows(ctx, region)
    if frame.empty:
        return None
    frame["name"] = [ctx.indicator_name(c) for c in frame["indicator"]]
    judged = frame.dropna(subset=["score"]).sort_values("score", ascending=False)
    strongest = _point(ctx, "profile.strongest", judged.head(1))
    weakest = _point(ctx, "profile.weakest", judged.tail(1)) if len(judged) > 1 else None
    compared = frame["not_compared"].isna()
    neutral = frame[compared & frame["score"].isna()]["name"].tolist()
    not_compared = [
        ctx.t(f"profile.not_compared_{why}", indicator=name)
        for name, why in zip(frame["name"], frame["not_compared"], strict=True)
        if why is not None
    ]
    table = _table(ctx, region, frame)
    return Profile(
        _chart(ctx, region, judged),
        table,
        _shown(ctx, table, frame),
        strongest,
        weakest,
        neutral,
        not_compared,
        bool((frame["basis"] == "average").any()),
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
    basis = [
        ctx.t(f"profile.basis_{b}", n=int(n), of=len(ctx.reader.member_regions(REGIO_OOST)))
        for b, n in zip(frame["basis"], frame["area_n"], strict=True)
    ]
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


def _shown(ctx: Context, table: pd.DataFrame, frame: pd.DataFrame) -> Styler:
    """Counts without decimals, rates per 1,000 with one, ratios and shares with their own."""
    decimals = [
        1 if basis == "rate" else int(ctx.indicator_meta[code]["decimals"])
        for code, basis in zip(frame["indicator"], frame["basis"], strict=True)
    ]
    values = table.columns[2:4]  # the region's and Regio Oost's figures
    places = {values[0]: decimals, values[1]: decimals}
    places |= {ctx.t("profile.col_difference"): 1, ctx.t("profile.col_score"): 1}
    return display_table(table, ctx.lang, places)


def _direction(higher_is_better) -> str:
    return "none" if pd.isna(higher_is_better) else "better" if higher_is_better else "worse"


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(sorted(set(frame["source"].dropna())))
