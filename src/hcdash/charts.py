"""Plotly figures for the pages. Pure functions of small frames; no database, no streamlit.

Colours: the Okabe-Ito palette (safe for the common forms of colour blindness); numbers in Dutch
notation through ``separators``; every figure has a title that says what it shows.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008), without yellow for lines on white (too little contrast).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#999999")
# Band backgrounds from slack (blue) to very tight (vermillion), light enough to read lines over.
BAND_COLOURS = ("#cfe3f3", "#e6f1f9", "#f2f2f2", "#fbe3d3", "#f6c3a6")
TARGET_COLOUR = "#000000"
FONT = "Source Sans Pro, Arial, sans-serif"


def base_layout(fig: go.Figure, title: str, y_title: str, lang: str = "nl") -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        yaxis_title=y_title,
        xaxis_title=None,
        separators=",." if lang == "nl" else ".,",
        colorway=list(PALETTE),
        font={"family": FONT, "size": 14},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hovermode="x unified",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, linecolor="#444")
    fig.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    return fig


def lines(
    frame: pd.DataFrame,
    *,
    series: str,
    title: str,
    y_title: str,
    decimals: int = 0,
    lang: str = "nl",
) -> go.Figure:
    """One line per value of column ``series`` (x: period_start, y: value)."""
    fig = go.Figure()
    for name, part in frame.groupby(series, sort=False):
        fig.add_trace(
            go.Scatter(
                x=part["period_start"],
                y=part["value"],
                name=str(name),
                mode="lines",
                hovertemplate=f"%{{y:,.{decimals}f}}<extra>{name}</extra>",
            )
        )
    return base_layout(fig, title, y_title, lang)


def add_bands(fig: go.Figure, bands: pd.DataFrame, y_max: float, lang: str = "nl") -> go.Figure:
    """Shade horizontal bands (e.g. UWV's five tension bands) behind the lines."""
    label = "label_nl" if lang == "nl" else "label_en"
    for colour, band in zip(BAND_COLOURS, bands.itertuples(), strict=False):
        lower = 0 if pd.isna(band.lower) else band.lower
        upper = max(y_max, lower) * 1.05 if pd.isna(band.upper) else band.upper
        fig.add_hrect(
            y0=lower, y1=upper, fillcolor=colour, opacity=1, layer="below", line_width=0,
            annotation_text=getattr(band, label), annotation_position="top left",
            annotation_font={"size": 11, "color": "#555"},
        )  # fmt: skip
    fig.update_yaxes(range=[0, max(y_max * 1.05, 0.1)])
    return fig


def progress(
    actual: pd.DataFrame,
    *,
    target: float,
    start: date,
    deadline: date,
    title: str,
    y_title: str,
    actual_name: str,
    trajectory_name: str,
    target_name: str,
    lang: str = "nl",
) -> go.Figure:
    """Cumulative actuals against a straight trajectory from 0 at ``start`` to the target."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=actual["date"], y=actual["value"], name=actual_name, mode="lines+markers",
            line={"color": PALETTE[0], "width": 3}, marker={"size": 5},
            hovertemplate="%{y:,.0f}<extra>" + actual_name + "</extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=[start, deadline], y=[0, target], name=trajectory_name, mode="lines",
            line={"color": PALETTE[7], "dash": "dash", "width": 2},
            hovertemplate="%{y:,.0f}<extra>" + trajectory_name + "</extra>",
        )
    )  # fmt: skip
    fig.add_hline(
        y=target, line={"color": TARGET_COLOUR, "width": 1},
        annotation_text=target_name, annotation_position="top left",
    )  # fmt: skip
    base_layout(fig, title, y_title, lang)
    fig.update_yaxes(range=[0, target * 1.1])
    return fig


def stacked_area(
    frame: pd.DataFrame, *, series: str, title: str, y_title: str, lang: str = "nl"
) -> go.Figure:
    """Contributions of each series to a total over time (x: period_start, y: value)."""
    fig = go.Figure()
    for name, part in frame.groupby(series, sort=False):
        fig.add_trace(
            go.Scatter(
                x=part["period_start"], y=part["value"], name=str(name), mode="lines",
                stackgroup="total", hovertemplate=f"%{{y:,.0f}}<extra>{name}</extra>",
            )
        )  # fmt: skip
    return base_layout(fig, title, y_title, lang)
