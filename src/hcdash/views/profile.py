"""Regioprofiel: one arbeidsmarktregio across every theme, next to a comparison group (Regio
Oost, the Netherlands, or its statistical neighbours), with its strongest and weakest points
named and each figure labelled higher, lower or similar."""

from dataclasses import dataclass

import pandas as pd
from pandas.io.formats.style import Styler

from hcdash import charts, neighbours
from hcdash.errors import NeighboursError
from hcdash.format import percent
from hcdash.views.common import ChartView, Context, chart_view, display_table
from hcdash.vocabulary import COMPARISONS, DEFAULT_COMPARISON, REGIO_OOST, TOTAL_SECTOR


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
    group: tuple[str, ...] = ()  # the regions compared with
    group_name: str = ""  # "Regio Oost", "Nederland", "de 5 meest vergelijkbare regio's (…)"


LABOUR = "werkzame_beroepsbevolking"
PER = 1000  # counts are compared per 1,000 employed people
MIN_REGIONS = 2  # an average or median of one region is that region: no comparison


def group(
    ctx: Context, region: str, comparison: str = DEFAULT_COMPARISON, theme: str = ""
) -> tuple[str, tuple[str, ...]]:
    """The area named for the comparison and the regions in it: Regio Oost's or the country's
    regions, or the ``neighbours.DEFAULT_N`` regions most like ``region`` in ``theme``."""
    area = COMPARISONS[comparison]
    if area is not None:
        return area, tuple(ctx.reader.member_regions(area))
    found = neighbours.find(ctx.reader, region, theme or neighbours.DEFAULT_THEME)
    return REGIO_OOST, tuple(found.ranked["region"])


def rows(
    ctx: Context, region: str, comparison: str = DEFAULT_COMPARISON, theme: str = ""
) -> pd.DataFrame:
    """Per indicator (all sectors): the region's latest value and Regio Oost in that period, in
    a comparable unit (docs/reference.md, *Regioprofiel*):

    - a count per 1,000 employed, for region and Regio Oost alike, when the employed labour force
      is stored for the region and every region of Regio Oost; else against the average region
      (the mean of the regions with a figure); never a region's count against Regio Oost's sum;
    - a ratio from Regio Oost's summed parts (when every region has both);
    - a share against the median of the regions with a figure.

    ``difference`` is 100 x (region - reference) / reference, NaN where no comparison is made:
    no reference, a reference of 0, or fewer than two regions behind it (``not_compared`` says
    which). ``score`` is the difference turned round where lower is better. The comparison
    group (``group``) can be Regio Oost, the Netherlands or the statistical neighbours; against
    the Netherlands a figure is compared only when every region has one (never a partial sum or
    median). ``threshold`` is the group's median absolute deviation, and ``label`` says whether
    the region is higher, lower or similar by it (``label_by_threshold``)."""
    area, members = group(ctx, region, comparison, theme)
    frame = ctx.reader.latest_with_reference(region, area, TOTAL_SECTOR, members)
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
    # against the Netherlands: only where every region has a figure (never a partial total)
    partial = frame["area_n"].lt(len(members)) & (comparison == "nl")
    frame.loc[few | partial, "reference"] = float("nan")
    frame["not_compared"] = None
    frame.loc[frame["reference"].isna(), "not_compared"] = "missing"
    frame.loc[partial, "not_compared"] = "partial"
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
    spread = _spread(ctx, members, labour, frame, per_worker)
    frame["threshold"] = frame["indicator"].map(spread).where(compared)
    frame["label"] = label_by_threshold(frame["value"] - frame["reference"], frame["threshold"])
    frame["group_size"] = len(members)  # the "of" in "median of 3 of the 8 regions"
    return frame.reset_index(drop=True)


def _spread(
    ctx: Context, members: tuple, labour: pd.DataFrame, frame: pd.DataFrame, per_worker: bool
) -> dict:
    """Per indicator: the median absolute deviation of the group's regions, in the unit the
    figure is compared in (a count per 1,000 employed when it is so compared)."""
    keys = tuple(zip(frame["indicator"], frame["period_start"], strict=True))
    keys += tuple(zip(labour["indicator"], labour["period_start"], strict=True))
    values = ctx.reader.group_values(members, keys)
    if values.empty:
        return {}
    wide = values.pivot_table(index="region", columns="indicator", values="value")
    counts = set(frame.loc[frame["aggregation"] == "sum", "indicator"])
    if per_worker and LABOUR in wide:
        for code in counts & set(wide.columns):
            wide[code] = wide[code] * PER / wide[LABOUR]
    return {code: mad(wide[code]) for code in wide.columns}


def mad(values: pd.Series) -> float:
    """The median absolute deviation (unscaled); NaN with fewer than ``MIN_REGIONS`` values."""
    values = values.dropna()
    if len(values) < MIN_REGIONS:
        return float("nan")
    return float((values - values.median()).abs().median())


def label_by_threshold(difference: pd.Series, threshold: pd.Series) -> list[str | None]:
    """``higher`` or ``lower`` when the difference exceeds the threshold, else ``similar``;
    None where there is no comparison or no threshold."""
    return [
        None
        if pd.isna(d) or pd.isna(t)
        else "higher"
        if d > t
        else "lower"
        if d < -t
        else "similar"
        for d, t in zip(difference, threshold, strict=True)
    ]


def why_no_group(ctx: Context, region: str, theme: str, error: NeighboursError) -> str:
    """The page's words when the similar regions cannot be found: the figures of the theme the
    region lacks, by their names, and what else to choose."""
    lacking = error.params.get("lacking")
    if lacking is None:
        return error.text(ctx.lang)
    theme = theme or neighbours.DEFAULT_THEME
    names = [_feature_name(ctx, f) for f in neighbours.THEMES[theme] if f.key in lacking]
    return ctx.t(
        "profile.no_group",
        region=ctx.region_names.get(region, region),
        theme=ctx.t(f"theme.{theme}"),
        missing=", ".join(names),
    )


def _feature_name(ctx: Context, feature: neighbours.Feature) -> str:
    name = ctx.indicator_name(feature.indicator)
    if feature.per == "employed":
        return ctx.t("profile.feature_per_employed", indicator=name)
    if feature.per == "share":
        return ctx.t("profile.feature_share", sector=ctx.sector_names[feature.sector])
    return name


def group_name(ctx: Context, comparison: str = DEFAULT_COMPARISON, theme: str = "") -> str:
    """How the page and the factsheet name the comparison group."""
    if COMPARISONS[comparison] is not None:
        return ctx.t(f"profile.comparison_{comparison}")
    theme = ctx.t(f"theme.{theme or neighbours.DEFAULT_THEME}")
    return ctx.t("profile.group_similar", n=neighbours.DEFAULT_N, theme=theme)


def profile(
    ctx: Context, region: str, comparison: str = DEFAULT_COMPARISON, theme: str = ""
) -> Profile | None:
    frame = rows(ctx, region, comparison, theme)
    if frame.empty:
        return None
    by = group_name(ctx, comparison, theme)
    frame["name"] = [ctx.indicator_name(c) for c in frame["indicator"]]
    judged = frame.dropna(subset=["score"]).sort_values("score", ascending=False)
    strongest = _point(ctx, "profile.strongest", judged.head(1), by)
    weakest = _point(ctx, "profile.weakest", judged.tail(1), by) if len(judged) > 1 else None
    compared = frame["not_compared"].isna()
    neutral = frame[compared & frame["score"].isna()]["name"].tolist()
    not_compared = [
        ctx.t(f"profile.not_compared_{why}", indicator=name, group=by)
        for name, why in zip(frame["name"], frame["not_compared"], strict=True)
        if why is not None
    ]
    table = _table(ctx, region, frame, by)
    return Profile(
        _chart(ctx, region, judged, by),
        table,
        _shown(ctx, table, frame),
        strongest,
        weakest,
        neutral,
        not_compared,
        bool((frame["basis"] == "average").any()),
        group(ctx, region, comparison, theme)[1],
        by,
    )


def _point(ctx: Context, key: str, row: pd.DataFrame, by: str) -> str | None:
    """The indicator of ``row`` and how much better or worse it is than Regio Oost: the number
    the chart draws (the difference, turned round where lower is better)."""
    if row.empty:
        return None
    return ctx.t(
        key, indicator=row["name"].iloc[0], judgement=_judgement(ctx, row["score"].iloc[0], by)
    )


def _judgement(ctx: Context, score: float, by: str) -> str:
    share = percent(abs(score), 1, ctx.lang)
    return ctx.t("profile.better" if score >= 0 else "profile.worse", share=share, group=by)


def _chart(ctx: Context, region: str, judged: pd.DataFrame, by: str) -> ChartView | None:
    if judged.empty:
        return None
    name = ctx.region_names[region]
    bars = judged.assign(label=judged["name"], value=judged["score"])
    fig = charts.hbars(
        bars,
        title=ctx.t("profile.chart_title", region=name, group=by),
        x_title=ctx.t("profile.x", group=by),
        decimals=1,
        lang=ctx.lang,
    )
    best, worst = judged.iloc[0], judged.iloc[-1]
    summary = ctx.t(
        "profile.summary",
        best=best["name"],
        best_judgement=_judgement(ctx, best["score"], by),
        worst=worst["name"],
        worst_judgement=_judgement(ctx, worst["score"], by),
    )
    return chart_view(
        ctx,
        "regioprofiel",
        fig,
        judged,
        ctx.t("profile.col_score"),
        1,
        summary=summary,
        shown=_table(ctx, region, judged, by),
        source=_sources(judged),
    )


def _table(ctx: Context, region: str, frame: pd.DataFrame, by: str) -> pd.DataFrame:
    name = ctx.region_names[region]
    basis = [
        ctx.t(f"profile.basis_{b}", n=int(n), of=int(of))
        for b, n, of in zip(frame["basis"], frame["area_n"], frame["group_size"], strict=True)
    ]
    return pd.DataFrame(
        {
            ctx.t("col.indicator"): frame["name"].to_numpy(),
            ctx.t("col.period"): [
                ctx.period(s, g) for s, g in zip(frame["period_start"], frame["grain"], strict=True)
            ],
            name: frame["value"].round(2).to_numpy(),
            ctx.t("profile.col_reference", group=by): frame["reference"].round(2).to_numpy(),
            ctx.t("profile.col_basis"): basis,
            ctx.t("profile.col_difference"): frame["difference"].round(1).to_numpy(),
            ctx.t("profile.col_higher"): [
                ctx.t(f"profile.higher_{_direction(better)}")
                for better in frame["higher_is_better"]
            ],
            ctx.t("profile.col_score"): frame["score"].round(1).to_numpy(),
            ctx.t("profile.col_threshold"): frame["threshold"].round(2).to_numpy(),
            ctx.t("profile.col_label"): [
                ctx.t(f"profile.label_{label}") if pd.notna(label) else None
                for label in frame["label"]
            ],
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
    places = {values[0]: decimals, values[1]: decimals, ctx.t("profile.col_threshold"): decimals}
    places |= {ctx.t("profile.col_difference"): 1, ctx.t("profile.col_score"): 1}
    return display_table(table, ctx.lang, places)


def _direction(higher_is_better) -> str:
    return "none" if pd.isna(higher_is_better) else "better" if higher_is_better else "worse"


def _sources(frame: pd.DataFrame) -> str:
    return "; ".join(sorted(set(frame["source"].dropna())))
