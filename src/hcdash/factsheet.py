"""A one-page A4 factsheet of one arbeidsmarktregio, from the live (or pinned) data, as PDF.

Laid out as one plotly figure the size of an A4 page and printed by plotly's own export
(kaleido, which drives Debian's Chromium): the charts, tables and text of the sheet are the
dashboard's, in its fonts and number formats, and the PDF keeps its text as text (so it can be
searched, quoted and read by a screen reader) without a second layout library to learn.

    with store.reading() as con:
        data = factsheet.make(con, "twente", "nl", asked_stand="12", base=BASE_URL)

The first sheet in a process starts a headless Chromium that later sheets reuse.
"""

import textwrap
import threading
import warnings
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import plotly.graph_objects as go

from hcdash import charts, links, queries, sitemap, stand
from hcdash.errors import NeighboursError, UnknownValueError
from hcdash.format import signed
from hcdash.neighbours import DEFAULT_THEME, THEMES
from hcdash.notes import label as note_label
from hcdash.sitemap import PROFIEL_REGIO, STAND, TAAL, THEMA, VERGELIJK
from hcdash.views import overview, profile
from hcdash.views.common import Context, series_for_regions, source_line
from hcdash.vocabulary import COMPARISONS, DEFAULT_COMPARISON, DEFAULT_LANG, REGIO_OOST

# A4 at the 96 pixels per inch that Chromium prints with: 210 x 297 mm.
A4_PX = (794, 1123)
TENSION = "spanningsindicator"
LLO_PROVINCE = "gelderland"  # the LLO Energie target is Gelderland's
LINK_WIDTH = 95  # characters per printed line of the link (it has no spaces to break at)
TEXT_WIDTH = 120  # characters per line of the sources
PAGE = sitemap.page("profile")  # the page a factsheet's link opens


@dataclass(frozen=True)
class Sheet:
    """What a factsheet says, before it is laid out (tests read it beside the PDF's text)."""

    region: str
    name: str
    headlines: list[overview.Headline]
    bands: pd.DataFrame  # sector name, value (text), band name, colour
    quarter: str
    intake: pd.DataFrame  # period (text), value
    comparison: pd.DataFrame  # name, score
    llo: str
    sources: list[str]
    updated: str
    demo: bool
    link: str
    stand: str
    missing: list[str]  # the sheet's indicators with no figures for the region (names)
    intake_levels: list[str]  # the levels in the intake trend (mbo, hbo, wo: those with figures)
    notes: list[str] = field(default_factory=list)  # the notes on the series it shows
    group_name: str = "Regio Oost"  # the comparison group, as the Regioprofiel names it
    group_regions: list[str] = field(default_factory=list)  # its regions (names)


def regions(ctx: Context) -> list[str]:
    """The regions a factsheet can be made for: Regio Oost's arbeidsmarktregio's."""
    return ctx.reader.member_regions(REGIO_OOST)


def sheet(
    ctx: Context,
    region: str,
    link: str,
    stand: str,
    comparison: str = DEFAULT_COMPARISON,
    theme: str = "",
) -> Sheet:
    """The contents of ``region``'s factsheet, compared with the group the Regioprofiel names
    by ``comparison`` and ``theme``; UnknownValueError for any other value (a link's or a
    command's ``region``, ``comparison`` or ``theme`` is never trusted)."""
    known = regions(ctx)
    if region not in known:
        raise UnknownValueError(code="unknown_region_known", value=region, known=known)
    if comparison not in COMPARISONS:
        known = ", ".join(COMPARISONS)
        raise UnknownValueError(code="unknown_comparison", value=comparison, known=known)
    if (theme or DEFAULT_THEME) not in THEMES:
        raise NeighboursError(code="unknown_theme", value=theme, known=", ".join(THEMES))
    status = ctx.reader.data_status()
    tension = series_for_regions(ctx, TENSION, [region], None)
    columns = ["period_start", "period", "sector_name", "value"]
    if tension.empty:  # a region without tension figures: the sheet says "–"
        tension = pd.DataFrame(columns=[*columns, "source", "upload_id"])
    latest = tension[tension["period_start"] == tension["period_start"].max()]
    bands = ctx.reader.bands(TENSION)
    order = list(ctx.sector_names.values())
    latest = latest.assign(order=latest["sector_name"].map(order.index)).sort_values("order")
    band_table = pd.DataFrame(
        {
            "sector": latest["sector_name"].to_numpy(),
            "value": [ctx.number(v, 2) for v in latest["value"]],
            "band": [charts.band_name(v, bands, ctx.lang) for v in latest["value"]],
            "colour": [_band_colour(v, bands) for v in latest["value"]],
        }
    )
    intake = overview.technical_intake(ctx.reader, region)
    judged = profile.rows(ctx, region, comparison, theme)
    members = profile.group(ctx, region, comparison, theme)[1]
    if judged.empty:  # nothing to compare: an empty chart, no sources
        judged = pd.DataFrame(columns=["indicator", "score", "source"])
    judged = judged.dropna(subset=["score"])
    judged = judged.assign(name=[ctx.indicator_name(c) for c in judged["indicator"]])
    sources = {ctx.source(source_line(tension))} if not tension.empty else set()
    sources |= {ctx.source(s) for s in judged.get("source", pd.Series(dtype=str)).dropna()}
    return Sheet(
        region=region,
        name=ctx.region_names[region],
        headlines=overview.headlines(ctx, region),
        bands=band_table,
        quarter=latest["period"].iloc[0] if not latest.empty else "–",
        intake=pd.DataFrame(
            {
                "period": [
                    ctx.period(p, g)
                    for p, g in zip(
                        intake.get("period_start", []), intake.get("grain", []), strict=True
                    )
                ],
                "value": intake.get("value", pd.Series(dtype=float)).to_numpy(),
            }
        ),
        comparison=judged.sort_values("score")[["name", "score"]].reset_index(drop=True),
        llo=_llo(ctx, region),
        sources=sorted(s for part in sources for s in part.split("; ") if s),
        updated=ctx.date(pd.Timestamp(status["last_upload_at"]).date())
        if status["last_upload_at"] is not None
        else "–",
        demo=status["demo"],
        link=link,
        stand=stand,
        missing=_missing(ctx, region),
        intake_levels=[c.removeprefix("instroom_") for c in intake.attrs.get("levels", [])],
        notes=_notes(ctx, region, (*SHEET_INDICATORS, *judged["indicator"])),
        group_name=profile.group_name(ctx, comparison, theme),
        group_regions=[ctx.region_names[r] for r in members],
    )


def _notes(ctx: Context, region: str, shown) -> list[str]:
    """The notes on the series of the indicators ``shown`` in ``region``: kind and text."""
    found = ctx.reader.notes(tuple(sorted(set(shown))), (region,))
    return [
        f"{note_label(n.kind, ctx.lang)}: {n.text_nl if ctx.lang == 'nl' else n.text_en}"
        for n in found.itertuples()
    ]


# The indicators a factsheet shows (headlines, bands, intake, comparison): those without figures
# for the region are named in one line instead of an empty table or chart.
SHEET_INDICATORS = (
    TENSION,
    "vacatures",
    *overview.INTAKE_INDICATORS,
    overview.LLO_INDICATOR,
    "werkzame_beroepsbevolking",
)


def _missing(ctx: Context, region: str) -> list[str]:
    available = ctx.availability
    present = set(available.loc[available["region"] == region, "indicator"])
    if region in ctx.reader.member_regions(LLO_PROVINCE):
        present |= set(available["indicator"]) & {overview.LLO_INDICATOR}  # Gelderland's
    else:
        present.add(overview.LLO_INDICATOR)  # not the region's programme: said apart
    return [ctx.indicator_name(code) for code in SHEET_INDICATORS if code not in present]


def _band_colour(value, bands: pd.DataFrame) -> str:
    names = bands["label_nl"].tolist()
    band = charts.band_name(value, bands, "nl")
    return charts.BAND_CELL_COLOURS[names.index(band)] if band else "#ffffff"


def _llo(ctx: Context, region: str) -> str:
    """The region's part in LLO Energie (Gelderland's target), or why it has none."""
    province = ctx.reader.member_regions(LLO_PROVINCE)
    if region not in province:
        return ctx.t("factsheet.llo_none", region=ctx.region_names[region])
    target = overview.llo_target(ctx.reader)
    if target is None:
        return ctx.t("factsheet.llo_no_data")
    own = series_for_regions(ctx, overview.LLO_INDICATOR, [region], target["sector"])
    whole = overview.llo_series(ctx.reader, target)
    if own.empty or whole.empty:
        return ctx.t("factsheet.llo_no_data")
    last = own[own["period_start"] == own["period_start"].max()].iloc[0]
    total = whole[whole["period_start"] == last["period_start"]]["value"]
    share = 100 * last["value"] / float(total.iloc[0]) if not total.empty else None
    return ctx.t(
        "factsheet.llo",
        count=ctx.number(last["value"]),
        period=last["period"],
        share="–" if share is None else ctx.number(share, 0) + "%",
        target=ctx.number(float(target["value"])),
    )


def figure(ctx: Context, content: Sheet) -> go.Figure:
    """The sheet laid out on one A4 page (paper coordinates: 0 at the bottom, 1 at the top).
    A part without figures is left out (no empty table, no title with a dash); one line names
    the indicators that are not loaded."""
    notes: list[dict] = []

    def text(y: float, words: str, size: int = 11, bold: bool = False, colour: str = "#0f0e0d"):
        shown = f"<b>{words}</b>" if bold else words
        notes.append(
            dict(
                x=0,
                y=y,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                text=shown,
                showarrow=False,
                align="left",
                font={"size": size, "color": colour},
            )
        )

    text(1.0, ctx.t("factsheet.title", region=content.name), 22, bold=True)
    text(0.965, ctx.t("factsheet.subtitle", updated=content.updated, stand=content.stand), 11)
    line = 0.945
    if content.demo:
        text(line, ctx.t("factsheet.demo"), 11, bold=True, colour="#a8283a")
        line -= 0.018
    if content.missing:
        missing = ctx.t("factsheet.missing", indicators=", ".join(content.missing))
        text(line, "<br>".join(textwrap.wrap(missing, TEXT_WIDTH)), 9, colour="#555555")
    data: list = []
    if content.headlines:
        data.append(_headline_table(ctx, content.headlines))
    if not content.bands.empty:
        text(0.785, ctx.t("factsheet.bands_title", quarter=content.quarter), 13, bold=True)
        data.append(_bands_table(ctx, content.bands))
    if not content.intake.empty:
        levels = overview.listed(ctx, content.intake_levels)
        text(0.575, ctx.t("factsheet.intake_title", levels=levels), 13, bold=True)
        data.append(_intake_line(ctx, content.intake))
    if not content.comparison.empty:
        text(0.335, ctx.t("factsheet.compare_title", group=content.group_name), 13, bold=True)
        regions = ", ".join(content.group_regions)
        text(0.318, ctx.t("profile.group_regions", regions=regions), 9, colour="#555555")
        data.append(_comparison_bars(ctx, content.comparison))
    text(0.115, content.llo, 11)
    lines = [
        *([ctx.t("notes.title") + ":"] if content.notes else []),
        *textwrap.wrap(" ".join(content.notes), TEXT_WIDTH),
        ctx.t("factsheet.sources"),
        *textwrap.wrap("; ".join(content.sources), TEXT_WIDTH),
        ctx.t("factsheet.link"),
        *textwrap.wrap(content.link, LINK_WIDTH, break_on_hyphens=False),
    ]
    text(0.085, "<br>".join(lines), 9)
    layout = charts.base_layout("", "", 0, ctx.lang)
    layout.update(
        width=A4_PX[0],
        height=A4_PX[1],
        margin={"l": 40, "r": 40, "t": 40, "b": 30},
        title=None,
        annotations=notes,
        showlegend=False,
        hovermode=False,
        xaxis={
            "domain": [0, 1],
            "anchor": "y",
            "type": "category",
            "tickfont": {"size": 9},
            "visible": not content.intake.empty,
        },
        yaxis={
            "domain": [0.37, 0.55],
            "anchor": "x",
            "title": {"text": ctx.t("factsheet.intake_y"), "font": {"size": 10}},
            "tickformat": ",~f",
            "gridcolor": "#e5e5e5",
            "rangemode": "tozero",
            "visible": not content.intake.empty,
        },
        xaxis2={
            "domain": [0.45, 0.95],
            "anchor": "y2",
            "zeroline": True,
            "zerolinecolor": "#444",
            "ticksuffix": "%",
            "tickfont": {"size": 9},
            "visible": not content.comparison.empty,
        },
        yaxis2={
            "domain": [0.14, 0.31],
            "anchor": "x2",
            "type": "category",
            "tickfont": {"size": 9},
            "automargin": True,
            "visible": not content.comparison.empty,
        },
    )
    return go.Figure(data=data, layout=layout)


_HEADER = {"align": "left", "fill": {"color": "#eeeeee"}, "font": {"size": 11}}


def _header(ctx: Context, *keys: str) -> dict:
    return {"values": [f"<b>{ctx.t(k)}</b>" for k in keys], **_HEADER}


def _headline_table(ctx: Context, heads: list[overview.Headline]) -> go.Table:
    """The headline figures with their period and change."""
    return go.Table(
        domain={"x": [0, 1], "y": [0.80, 0.92]},
        columnwidth=[3, 1.4, 1.4, 1.6],
        header=_header(
            ctx,
            "factsheet.col_figure",
            "factsheet.col_value",
            "factsheet.col_period",
            "factsheet.col_change",
        ),
        cells={
            "values": [
                [h.label for h in heads],
                [h.value for h in heads],
                [h.period for h in heads],
                [h.delta or "–" for h in heads],
            ],
            "align": "left",
            "font": {"size": 11},
            "height": 22,
        },
    )


def _bands_table(ctx: Context, bands: pd.DataFrame) -> go.Table:
    """The shortage band per sector in the latest quarter."""
    return go.Table(
        domain={"x": [0, 1], "y": [0.60, 0.76]},
        columnwidth=[2.5, 1.2, 1.5],
        header=_header(ctx, "col.sector", "factsheet.col_tension", "shortage.col_band"),
        cells={
            "values": [bands["sector"], bands["value"], bands["band"]],
            "align": "left",
            "font": {"size": 11},
            "height": 20,
            "fill": {
                "color": [
                    ["#ffffff"] * len(bands),
                    ["#ffffff"] * len(bands),
                    bands["colour"].tolist(),
                ]
            },
        },
    )


def _intake_line(ctx: Context, intake: pd.DataFrame) -> go.Scatter:
    """The intake trend (the left half)."""
    return go.Scatter(
        x=intake["period"],
        y=intake["value"],
        mode="lines+markers+text",
        text=[ctx.number(v) for v in intake["value"]],
        textposition="top center",
        textfont={"size": 9},
        line={"color": "#0f0e0d", "width": 2},
        xaxis="x",
        yaxis="y",
        showlegend=False,
        hoverinfo="skip",
    )


def _comparison_bars(ctx: Context, comparison: pd.DataFrame) -> go.Bar:
    """The comparison with the group, as the Regioprofiel draws it."""
    return go.Bar(
        x=comparison["score"],
        y=comparison["name"],
        orientation="h",
        marker={"color": ["#2166ac" if s >= 0 else "#b2182b" for s in comparison["score"]]},
        text=[signed(s, 1, ctx.lang) + "%" for s in comparison["score"]],
        textposition="outside",
        textfont={"size": 9},
        cliponaxis=False,
        xaxis="x2",
        yaxis="y2",
        showlegend=False,
        hoverinfo="skip",
    )


_chromium = threading.Lock()
_started = False


def pdf(fig: go.Figure) -> bytes:
    """The figure printed on one A4 page (kaleido, with Debian's Chromium). The first call
    starts a Chromium that stays for the process: about 7 s a sheet without it, 1 with it."""
    global _started
    import kaleido  # and its Chromium driver: only when a sheet is printed, not at start-up

    with _chromium:
        if not _started:
            kaleido.start_sync_server(silence_warnings=True)
            _started = True
        with warnings.catch_warnings():  # plotly: its Chromium options are the server's
            warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
            return fig.to_image(format="pdf", width=A4_PX[0], height=A4_PX[1])


def make(
    con: duckdb.DuckDBPyConnection,
    region: str,
    lang: str,
    *,
    asked_stand: str | None,
    base: str,
    comparison: str = DEFAULT_COMPARISON,
    theme: str = "",
) -> bytes:
    """``region``'s factsheet as PDF: the data as they are, or as they were at ``asked_stand``
    (an upload number, a date or a moment, as the link parameter), compared with the group
    ``comparison`` and ``theme`` name (``vergelijk=``, ``thema=``). Its link pins what it
    shows, comparison included.
    UnknownValueError for a region, a stand, a comparison or a theme that names nothing."""
    with stand.pinned(con, asked_stand):
        label = asked_stand or stand.current_stand(con) or "–"
        params = {PROFIEL_REGIO.name: region, STAND.name: label}
        if comparison != DEFAULT_COMPARISON:
            params[VERGELIJK.name] = comparison
        if COMPARISONS.get(comparison, "") is None:  # the neighbours: of which theme
            params[THEMA.name] = theme or DEFAULT_THEME
        if lang != DEFAULT_LANG:
            params[TAAL.name] = lang
        link = links.link(f"{base.rstrip('/')}/{PAGE.url_path}", params)
        ctx = Context(queries.Reader(con), lang)
        return pdf(figure(ctx, sheet(ctx, region, link, label, comparison, theme)))
