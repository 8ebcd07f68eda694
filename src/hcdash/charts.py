"""Plotly figures for the pages. Pure functions of small frames; no database, no streamlit.

Colours: the Okabe-Ito palette (safe for the common forms of colour blindness), with black kept
for the reference line (Regio Oost). Periods sit on a category axis labelled in Dutch
(``2024 K1``, ``jan 2024``) and numbers use Dutch separators, because plotly's own date and
number labels would be English.
"""

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) without yellow (too little contrast on white) and black (the reference),
# plus two darker tones so eight regions stay apart.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#882255", "#666666")
REFERENCE_COLOUR = "#000000"
TRAJECTORY_COLOUR = "#666666"
# Band backgrounds from slack (blue) to very tight (vermillion), light enough to read lines over.
BAND_COLOURS = ("#cfe3f3", "#e6f1f9", "#f2f2f2", "#fbe3d3", "#f6c3a6")
FONT = "Source Sans Pro, Arial, sans-serif"


def base_layout(
    fig: go.Figure, title: str, y_title: str, decimals: int = 0, lang: str = "nl"
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        yaxis_title=y_title,
        xaxis_title=None,
        separators=",." if lang == "nl" else ".,",
        font={"family": FONT, "size": 14},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hovermode="x unified",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, linecolor="#444", type="category")
    fig.update_yaxes(
        gridcolor="#e5e5e5", rangemode="tozero", tickformat=f",.{decimals}~f",
        exponentformat="none",
    )  # fmt: skip
    return fig


MAX_TICKS = 12


def _period_axis(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Order the category axis by period start and label only year starts (jan, K1), thinned
    to at most MAX_TICKS, so long quarterly or monthly series stay readable."""
    periods = frame.sort_values("period_start").drop_duplicates("period")
    ordered = periods["period"].tolist()
    starts = periods[[pd.Timestamp(d).month == 1 for d in periods["period_start"]]]
    ticks = starts["period"].tolist() or ordered
    step = -(-len(ticks) // MAX_TICKS)
    fig.update_xaxes(
        categoryorder="array", categoryarray=ordered, tickmode="array",
        tickvals=ticks[::step], tickangle=0,
    )  # fmt: skip


def lines(
    frame: pd.DataFrame,
    *,
    series: str,
    title: str,
    y_title: str,
    decimals: int = 0,
    reference: str | None = None,
    lang: str = "nl",
) -> go.Figure:
    """One line per value of column ``series`` (x: period label, y: value).

    The ``reference`` series (e.g. Regio Oost) is drawn in black and thicker.
    """
    fig = go.Figure()
    colours = iter(PALETTE * 4)
    for name, part in frame.groupby(series, sort=False):
        is_reference = name == reference
        fig.add_trace(
            go.Scatter(
                x=part["period"], y=part["value"], name=str(name), mode="lines",
                line={"color": REFERENCE_COLOUR if is_reference else next(colours),
                      "width": 4 if is_reference else 2},
                hovertemplate=f"%{{y:,.{decimals}f}}<extra>{name}</extra>",
            )
        )  # fmt: skip
    base_layout(fig, title, y_title, decimals, lang)
    _period_axis(fig, frame)
    return fig


def add_bands(fig: go.Figure, bands: pd.DataFrame, y_max: float, lang: str = "nl") -> go.Figure:
    """Shade the bands (e.g. UWV's five tension bands) that fall within the y range."""
    label = "label_nl" if lang == "nl" else "label_en"
    top = max(y_max * 1.05, 0.1)
    for colour, band in zip(BAND_COLOURS, bands.itertuples(), strict=False):
        lower = 0 if pd.isna(band.lower) else band.lower
        if lower >= top:
            continue
        upper = top if pd.isna(band.upper) else min(band.upper, top)
        fig.add_hrect(
            y0=lower, y1=upper, fillcolor=colour, opacity=1, layer="below", line_width=0,
            annotation_text=getattr(band, label), annotation_position="bottom left",
            annotation_font={"size": 12, "color": "#333"},
        )  # fmt: skip
    fig.update_yaxes(range=[0, top])
    return fig


def progress(
    actual: pd.DataFrame,
    trajectory: pd.DataFrame,
    *,
    target: float,
    title: str,
    y_title: str,
    actual_name: str,
    trajectory_name: str,
    target_name: str,
    lang: str = "nl",
) -> go.Figure:
    """Cumulative actuals against a straight trajectory to the target.

    Both frames have ``period_start``, ``period`` (label) and ``value``; the trajectory runs
    over every period up to the deadline, so the axis shows how much time is left.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=trajectory["period"], y=trajectory["value"], name=trajectory_name, mode="lines",
            line={"color": TRAJECTORY_COLOUR, "dash": "dash", "width": 2},
            hovertemplate="%{y:,.0f}<extra>" + trajectory_name + "</extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=actual["period"], y=actual["value"], name=actual_name, mode="lines+markers",
            line={"color": PALETTE[0], "width": 3}, marker={"size": 5},
            hovertemplate="%{y:,.0f}<extra>" + actual_name + "</extra>",
        )
    )  # fmt: skip
    fig.add_hline(
        y=target, line={"color": REFERENCE_COLOUR, "width": 1},
        annotation_text=target_name, annotation_position="top left",
    )  # fmt: skip
    base_layout(fig, title, y_title, 0, lang)
    _period_axis(fig, trajectory)
    fig.update_yaxes(range=[0, target * 1.1])
    return fig


def stacked_area(
    frame: pd.DataFrame, *, series: str, title: str, y_title: str, lang: str = "nl"
) -> go.Figure:
    """Contributions of each series to a total over time (x: period label, y: value)."""
    fig = go.Figure()
    for colour, (name, part) in zip(PALETTE * 4, frame.groupby(series, sort=False), strict=False):
        fig.add_trace(
            go.Scatter(
                x=part["period"], y=part["value"], name=str(name), mode="lines",
                line={"color": colour}, stackgroup="total",
                hovertemplate=f"%{{y:,.0f}}<extra>{name}</extra>",
            )
        )  # fmt: skip
    base_layout(fig, title, y_title, 0, lang)
    _period_axis(fig, frame)
    return fig
