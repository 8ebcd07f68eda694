"""Plotly figures for the pages. Pure functions of small frames; no database, no streamlit.

Colours: the Okabe-Ito palette (safe for the common forms of colour blindness), with black kept
for the reference line (Regio Oost). Periods sit on a category axis labelled in Dutch
(``2024 K1``, ``jan 2024``) and numbers use Dutch separators, because plotly's own date and
number labels would be English.
"""

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from hcdash.format import number
from hcdash.notes import MARK_COLOUR, RANGE_FILL

# Okabe & Ito (2008) without yellow (too little contrast on white) and black (the reference),
# plus two darker tones so eight regions stay apart.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#882255", "#666666")
REFERENCE_COLOUR = "#000000"
TRAJECTORY_COLOUR = "#666666"
# Band backgrounds from slack (blue) to very tight (vermillion), light enough to read lines over.
BAND_COLOURS = ("#cfe3f3", "#e6f1f9", "#f2f2f2", "#fbe3d3", "#f6c3a6")
FONT = "Source Sans Pro, Arial, sans-serif"


def base_layout(title: str, y_title: str, decimals: int = 0, lang: str = "nl") -> dict:
    """The layout every chart starts from, as a plain dict."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "separators": ",." if lang == "nl" else ".,",
        "font": {"family": FONT, "size": 14},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "hovermode": "x unified",
        "plot_bgcolor": "white",
        "xaxis": {
            "title": {"text": None},
            "showgrid": False,
            "linecolor": "#444",
            "type": "category",
        },
        "yaxis": {
            "title": {"text": y_title},
            "gridcolor": "#e5e5e5",
            "rangemode": "tozero",
            "tickformat": f",.{decimals}~f",
            "exponentformat": "none",
        },
    }


class _Chart:
    """A figure composed as plain dicts and made into a plotly Figure in one call: plotly checks
    every property it is given, and one constructor checks each once, where a series of
    update calls checks the whole figure again and again (62 ms against 10 for a line chart)."""

    def __init__(self, title: str, y_title: str, decimals: int = 0, lang: str = "nl"):
        self.data: list[dict] = []
        self.layout = base_layout(title, y_title, decimals, lang)

    def trace(self, kind: str, **properties) -> None:
        self.data.append({"type": kind, **properties})

    def axis(self, name: str, **properties) -> None:
        self.layout[name] = {**self.layout.get(name, {}), **properties}

    def shape(self, **properties) -> None:
        self.layout.setdefault("shapes", []).append(properties)

    def note(self, **properties) -> None:
        self.layout.setdefault("annotations", []).append({"showarrow": False, **properties})

    def hline(self, y: float, line: dict, label: str = "") -> None:
        """A line across the plot at ``y``, its label at the top left (plotly's add_hline)."""
        self.shape(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y, line=line)
        if label:
            self.note(
                text=label, xref="x domain", x=0, xanchor="left", yref="y", y=y, yanchor="bottom"
            )

    def vline(self, x: float, line: dict, label: str = "") -> None:
        """A line up the plot at ``x``, its label above it (plotly's add_vline)."""
        self.shape(type="line", yref="y domain", y0=0, y1=1, xref="x", x0=x, x1=x, line=line)
        if label:
            self.note(
                text=label, yref="y domain", y=1, yanchor="bottom", xref="x", x=x, xanchor="center"
            )

    def figure(self) -> go.Figure:
        return go.Figure(data=self.data, layout=self.layout)


MAX_TICKS = 12
HEATMAP_LABEL_WIDTH = 10  # characters per line of a column name over the heatmap


def _period_axis(chart: _Chart, frame: pd.DataFrame) -> None:
    """Order the category axis by period start and label only year starts (jan, K1), thinned
    to at most MAX_TICKS, so long quarterly or monthly series stay readable."""
    periods = frame.sort_values("period_start").drop_duplicates("period")
    ordered = periods["period"].tolist()
    starts = periods[[pd.Timestamp(d).month == 1 for d in periods["period_start"]]]
    ticks = starts["period"].tolist() or ordered
    step = -(-len(ticks) // MAX_TICKS)
    chart.axis(
        "xaxis",
        categoryorder="array",
        categoryarray=ordered,
        tickmode="array",
        tickvals=ticks[::step],
        tickangle=0,
    )


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
    chart = _Chart(title, y_title, decimals, lang)
    colours = iter(PALETTE * 4)
    for name, part in frame.groupby(series, sort=False):
        is_reference = name == reference
        chart.trace(
            "scatter",
            x=part["period"].to_numpy(),
            y=part["value"].to_numpy(),
            name=str(name),
            mode="lines",
            line={
                "color": REFERENCE_COLOUR if is_reference else next(colours),
                "width": 4 if is_reference else 2,
            },
            hovertemplate=f"%{{y:,.{decimals}f}}<extra>{name}</extra>",
        )
    _period_axis(chart, frame)
    return chart.figure()


def add_bands(fig: go.Figure, bands: pd.DataFrame, y_max: float, lang: str = "nl") -> go.Figure:
    """Shade the bands (e.g. UWV's five tension bands) that fall within the y range, each
    named at its foot; one layout update."""
    label = "label_nl" if lang == "nl" else "label_en"
    top = max(y_max * 1.05, 0.1)
    shapes, notes = list(fig.layout.shapes), list(fig.layout.annotations)
    for colour, band in zip(BAND_COLOURS, bands.itertuples(), strict=False):
        lower = 0 if pd.isna(band.lower) else band.lower
        if lower >= top:
            continue
        upper = top if pd.isna(band.upper) else min(band.upper, top)
        shapes.append(
            {
                "type": "rect",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": lower,
                "y1": upper,
                "fillcolor": colour,
                "opacity": 1,
                "layer": "below",
                "line": {"width": 0},
            }
        )
        notes.append(
            {
                "text": getattr(band, label),
                "xref": "x domain",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": lower,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": "#333"},
            }
        )
    fig.update_layout(shapes=shapes, annotations=notes, yaxis_range=[0, top])
    return fig


def progress(
    actual: pd.DataFrame,
    trajectory: pd.DataFrame,
    *,
    target: float,
    title: str,
    y_title: str,
    names: dict[str, str],
    projection: pd.DataFrame | None = None,
    lang: str = "nl",
) -> go.Figure:
    """Cumulative actuals against a straight trajectory to the target, with an optional
    projection (columns ``period``, ``value``, ``low``, ``high``) as a line in a band.

    Frames have ``period_start``, ``period`` (label) and ``value``; the trajectory runs over every
    period up to the deadline, so the axis shows how much time is left. ``names`` labels the
    traces: actual, trajectory, target, projection, band.
    """
    chart = _Chart(title, y_title, 0, lang)
    has_projection = projection is not None and not projection.empty
    if has_projection:
        chart.trace(
            "scatter",
            x=list(projection["period"]) + list(projection["period"])[::-1],
            y=list(projection["high"]) + list(projection["low"])[::-1],
            fill="toself",
            fillcolor="rgba(213, 94, 0, 0.15)",
            line={"width": 0},
            name=names["band"],
            hoverinfo="skip",
        )
    chart.trace(
        "scatter",
        x=trajectory["period"].tolist(),
        y=trajectory["value"].tolist(),
        name=names["trajectory"],
        mode="lines",
        line={"color": TRAJECTORY_COLOUR, "dash": "dash", "width": 2},
        hovertemplate="%{y:,.0f}<extra>" + names["trajectory"] + "</extra>",
    )
    chart.trace(
        "scatter",
        x=actual["period"].tolist(),
        y=actual["value"].tolist(),
        name=names["actual"],
        mode="lines+markers",
        line={"color": PALETTE[0], "width": 3},
        marker={"size": 5},
        hovertemplate="%{y:,.0f}<extra>" + names["actual"] + "</extra>",
    )
    if has_projection:
        chart.trace(
            "scatter",
            x=projection["period"].tolist(),
            y=projection["value"].tolist(),
            name=names["projection"],
            mode="lines",
            line={"color": PALETTE[1], "dash": "dot", "width": 3},
            hovertemplate="%{y:,.0f}<extra>" + names["projection"] + "</extra>",
        )
    chart.hline(target, {"color": REFERENCE_COLOUR, "width": 1}, names["target"])
    _period_axis(chart, trajectory)
    top = max([target, *actual["value"], *(projection["high"] if has_projection else [])])
    chart.axis("yaxis", range=[0, top * 1.1])
    return chart.figure()


def stacked_area(
    frame: pd.DataFrame, *, series: str, title: str, y_title: str, lang: str = "nl"
) -> go.Figure:
    """Contributions of each series to a total over time (x: period label, y: value)."""
    chart = _Chart(title, y_title, 0, lang)
    for colour, (name, part) in zip(PALETTE * 4, frame.groupby(series, sort=False), strict=False):
        chart.trace(
            "scatter",
            x=part["period"].to_numpy(),
            y=part["value"].to_numpy(),
            name=str(name),
            mode="lines",
            line={"color": colour},
            stackgroup="total",
            hovertemplate=f"%{{y:,.0f}}<extra>{name}</extra>",
        )
    _period_axis(chart, frame)
    return chart.figure()


# Stronger band colours for cells (a diverging blue-red scale, safe for colour blindness;
# black text keeps enough contrast on each).
BAND_CELL_COLOURS = ("#4393c3", "#92c5de", "#f7f7f7", "#f4a582", "#d6604d")


def band_heatmap(
    matrix: pd.DataFrame, bands: pd.DataFrame, *, title: str, decimals: int = 2, lang: str = "nl"
) -> go.Figure:
    """Rows x columns of values, each cell coloured by the band its value falls in.

    ``matrix`` has row labels as index and column labels as columns (NaN = no value).
    """
    edges = bands["lower"].tolist()[1:]  # inner thresholds, ascending
    ordinal = matrix.apply(lambda col: col.map(lambda v: _band_index(v, edges)))
    count = len(bands)
    scale = []
    for i, colour in enumerate(BAND_CELL_COLOURS[:count]):
        scale += [[i / count, colour], [(i + 1) / count, colour]]
    text = matrix.map(lambda v: "–" if pd.isna(v) else format_number(v, decimals, lang))
    names = matrix.map(lambda v: band_name(v, bands, lang))
    chart = _Chart(title, "", decimals, lang)
    chart.trace(
        "heatmap",
        z=ordinal.to_numpy().tolist(),
        x=list(matrix.columns),
        y=list(matrix.index),
        zmin=-0.5,
        zmax=count - 0.5,
        colorscale=scale,
        text=text.to_numpy().tolist(),
        customdata=names.to_numpy().tolist(),
        texttemplate="%{text}",
        textfont={"color": "#000000", "size": 13},
        hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        xgap=2,
        ygap=2,
        # The bands' names in a bar under the cells, so the cells get the width; their bounds
        # are in the note under the chart (band_labels).
        colorbar={
            "tickvals": list(range(count)),
            "ticktext": bands["label_nl" if lang == "nl" else "label_en"].tolist(),
            "title": {"text": ""},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "xref": "paper",
            "y": -0.04,
            "yanchor": "top",
            "len": 1,
            "thickness": 14,
        },
    )
    # Sector names over the columns, broken over lines: side by side they ran into each other
    # at a laptop's width ("Alle sectoren" into "Voedsel en agrifood").
    columns = list(matrix.columns)
    chart.axis(
        "xaxis",
        type="category",
        side="top",
        tickmode="array",
        tickvals=columns,
        ticktext=[_wrap(str(column), HEATMAP_LABEL_WIDTH) for column in columns],
        tickangle=0,  # level, on up to three lines; plotly would turn them upright into the title
        tickfont={"size": 13},
    )
    chart.layout["margin"] = {**chart.layout["margin"], "t": 110, "b": 40}
    chart.axis("yaxis", type="category", autorange="reversed", gridcolor=None, rangemode=None)
    chart.layout.update(hovermode="closest", plot_bgcolor="white")
    return chart.figure()


def _band_index(value, edges: list[float]):
    if pd.isna(value):
        return None
    return sum(value >= edge for edge in edges)


def band_name(value, bands: pd.DataFrame, lang: str = "nl") -> str:
    """The name of the band ``value`` falls in (``krap``); empty for a missing value."""
    index = _band_index(value, bands["lower"].tolist()[1:])
    return "" if index is None else bands["label_nl" if lang == "nl" else "label_en"].iloc[index]


def band_labels(bands: pd.DataFrame, lang: str = "nl") -> list[str]:
    """``zeer ruim (< 0,25)``, ``ruim (0,25–0,67)``, …, ``zeer krap (≥ 4)``."""
    label = "label_nl" if lang == "nl" else "label_en"
    out = []
    for band in bands.itertuples():
        low = None if pd.isna(band.lower) else _short(band.lower, lang)
        high = None if pd.isna(band.upper) else _short(band.upper, lang)
        span = f"< {high}" if low is None else f"≥ {low}" if high is None else f"{low}–{high}"
        out.append(f"{getattr(band, label)} ({span})")
    return out


def _short(value: float, lang: str) -> str:
    """A threshold without trailing zeros: 0,25 / 1,5 / 4."""
    return number(value, 2, lang).rstrip("0").rstrip(",.")


def format_number(value, decimals: int, lang: str) -> str:
    return number(value, decimals, lang)


def hbars(
    frame: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    decimals: int = 0,
    reference: float | None = None,
    reference_name: str = "",
    highlight: str | None = None,
    lang: str = "nl",
) -> go.Figure:
    """Horizontal bars (columns ``label`` and ``value``) in the given order, top first."""
    colours = [REFERENCE_COLOUR if label == highlight else PALETTE[0] for label in frame["label"]]
    chart = _Chart(title, "", decimals, lang)
    chart.trace(
        "bar",
        x=frame["value"].tolist(),
        y=frame["label"].tolist(),
        orientation="h",
        marker={"color": colours},
        textposition="outside",
        text=[format_number(v, decimals, lang) for v in frame["value"]],
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    chart.layout.update(hovermode="closest", showlegend=False)
    chart.axis(
        "xaxis",
        title={"text": x_title},
        type="linear",
        showgrid=True,
        gridcolor="#e5e5e5",
        zeroline=True,
        zerolinecolor="#444",
        tickformat=f",.{decimals}~f",
    )
    chart.axis("yaxis", type="category", autorange="reversed", gridcolor=None, tickformat=None)
    if reference is not None:
        chart.vline(
            reference, {"color": REFERENCE_COLOUR, "dash": "dash", "width": 1.5}, reference_name
        )
    return chart.figure()


TILE = 0.92  # tile size on a grid of 1 (the rest is the gap)


def _cividis(values: pd.Series) -> list[tuple[float, str]]:
    """(place in the range 0..1, colour) per value on the cividis scale (readable with colour
    blindness); a missing value is grey, in the middle."""
    low, high = values.min(), values.max()
    span = (high - low) or 1.0
    shares = [None if pd.isna(v) else (v - low) / span for v in values]
    return [
        (0.5, "#dddddd") if s is None else (s, sample_colorscale("Cividis", [s])[0]) for s in shares
    ]


def _colour_bar(chart: _Chart, x, y, frame: pd.DataFrame, decimals: int, lang: str) -> None:
    """An invisible trace at (x, y) that carries the colour bar and the hover texts."""
    chart.trace(
        "scatter",
        x=list(x),
        y=list(y),
        mode="markers",
        text=[
            f"{n}: {format_number(v, decimals, lang)}"
            for n, v in zip(frame["name"], frame["value"], strict=True)
        ],
        marker={
            "size": 1,
            "opacity": 0,
            "color": frame["value"].tolist(),
            "colorscale": "Cividis",
            "showscale": True,
            "colorbar": {"tickformat": f",.{decimals}~f"},
        },
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )


def tile_map(frame: pd.DataFrame, *, title: str, decimals: int = 0, lang: str = "nl") -> go.Figure:
    """Square tiles at schematic positions (columns ``col``, ``row``, ``name``, ``value``),
    coloured by value on the cividis scale (readable with colour blindness), name and value
    written on each tile."""
    chart = _Chart(title, "", decimals, lang)
    for row, (share, colour) in zip(frame.itertuples(), _cividis(frame["value"]), strict=True):
        x0, y0 = row.col, -row.row
        chart.shape(
            type="rect",
            x0=x0,
            x1=x0 + TILE,
            y0=y0 - TILE,
            y1=y0,
            line={"width": 0},
            fillcolor=colour,
        )
        value = "–" if pd.isna(row.value) else format_number(row.value, decimals, lang)
        chart.note(
            x=x0 + TILE / 2,
            y=y0 - TILE / 2,
            text=f"<b>{_wrap(row.name)}</b><br>{value}",
            font={"size": 13, "color": "#000000" if share > 0.45 else "#ffffff"},
        )
    _colour_bar(chart, frame["col"] + TILE / 2, -frame["row"] - TILE / 2, frame, decimals, lang)
    columns, rows = frame["col"].max() + 1, frame["row"].max() + 1
    chart.axis("xaxis", visible=False, type="linear", range=[-0.05, columns], fixedrange=True)
    chart.axis(
        "yaxis", visible=False, range=[-rows, 0.05], scaleanchor="x", scaleratio=1, fixedrange=True
    )
    chart.layout.update(hovermode="closest", height=560, showlegend=False)
    return chart.figure()


def _wrap(name: str, width: int = 12) -> str:
    """Break a region name over lines at spaces and hyphens so it fits a tile."""
    words, lines = name.replace("-", "- ").split(), [""]
    for word in words:
        joiner = "" if lines[-1].endswith("-") or not lines[-1] else " "
        if len(lines[-1]) + len(joiner) + len(word) > width and lines[-1]:
            lines.append(word)
        else:
            lines[-1] += joiner + word
    return "<br>".join(lines)


def quadrant(
    frame: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    x_line: float,
    y_line: float,
    lang: str = "nl",
) -> go.Figure:
    """Points (columns ``x``, ``y``, ``label``, ``group``, ``outlined``) with quadrant lines."""
    chart = _Chart(title, y_title, 2, lang)
    for colour, (group, part) in zip(PALETTE * 3, frame.groupby("group", sort=False), strict=False):
        chart.trace(
            "scatter",
            x=part["x"].tolist(),
            y=part["y"].tolist(),
            name=str(group),
            mode="markers",
            text=part["label"].tolist(),
            marker={
                "size": 12,
                "color": colour,
                "line": {
                    "width": [3 if o else 0.5 for o in part["outlined"]],
                    "color": REFERENCE_COLOUR,
                },
            },
            hovertemplate="%{text}<br>x: %{x:,.1f}<br>y: %{y:,.2f}<extra></extra>",
        )
    legend = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}  # above the points
    chart.layout.update(hovermode="closest", legend=legend)
    chart.axis(
        "xaxis",
        title={"text": x_title},
        type="linear",
        showgrid=True,
        gridcolor="#e5e5e5",
        tickformat=",.0f",
    )
    chart.vline(x_line, {"color": "#444", "width": 1})
    chart.hline(y_line, {"color": "#444", "width": 1})
    return chart.figure()


CONTEXT_FILL = "#dcdcdc"  # the regions around the ones shown: grey, for orientation


def choropleth(
    frame: pd.DataFrame,
    geojson: dict,
    *,
    title: str,
    decimals: int = 0,
    lang: str = "nl",
    context: list[dict] = (),
) -> go.Figure:
    """Regions (columns ``code``, ``name``, ``value``) on their real boundaries, filled by value
    on the cividis scale, over the ``context`` features (other regions) in grey. Drawn as
    filled shapes on plain axes (plotly's geo maps would fetch a base map from the internet);
    latitude is stretched so the Netherlands keeps its shape."""
    shapes = {f["properties"]["statcode"]: f["geometry"] for f in geojson["features"]}
    chart = _Chart(title, "", decimals, lang)
    for feature in context:
        name = feature["properties"].get("statnaam", "")
        _region_shape(chart, feature["geometry"], CONTEXT_FILL, name, name, border=0.5)
    centres = []
    for row, (_, colour) in zip(frame.itertuples(), _cividis(frame["value"]), strict=True):
        text = f"{row.name}: {format_number(row.value, decimals, lang)}"
        xs, ys = _region_shape(chart, shapes[row.code], colour, row.name, text)
        points = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None]
        centres.append(
            (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        )
    _colour_bar(chart, [c[0] for c in centres], [c[1] for c in centres], frame, decimals, lang)
    latitude = sum(c[1] for c in centres) / len(centres)
    chart.axis("xaxis", visible=False, type="linear", rangemode="normal")
    chart.axis(
        "yaxis",
        visible=False,
        rangemode="normal",
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(latitude)),
    )
    chart.layout.update(height=560, hovermode="closest")
    return chart.figure()


def _region_shape(chart, geometry, fill: str, name: str, text: str, border: float = 1):
    """One region as a filled shape with a white border; its outline (x, y)."""
    xs, ys = _outline(geometry)
    chart.trace(
        "scatter",
        x=xs,
        y=ys,
        fill="toself",
        fillcolor=fill,
        mode="lines",
        line={"color": "white", "width": border},
        name=name,
        text=text,
        hoveron="fills",
        hoverinfo="text",
        showlegend=False,
    )
    return xs, ys


def _outline(geometry: dict) -> tuple[list, list]:
    """Every ring of a (Multi)Polygon as one x/y path, rings separated by None."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    xs, ys = [], []
    for polygon in polygons:
        for ring in polygon:
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


NETWORK_GROUPS = ("gelderland", "overijssel", "both", "beide", "buiten", "programme")
_NETWORK_COLOURS = {
    "gelderland": PALETTE[0],
    "overijssel": PALETTE[1],
    "both": REFERENCE_COLOUR,
    "beide": PALETTE[3],
    "buiten": PALETTE[7],
    "programme": PALETTE[2],
}


def white_spots(frame: pd.DataFrame, *, title: str, lang: str = "nl") -> go.Figure:
    """Region x sector: cell colour = number of initiatives, text = count and tension; white
    spots (tight, few initiatives) carry a marked border and a '!'."""
    regions = list(dict.fromkeys(frame["region_name"]))
    sectors = list(dict.fromkeys(frame["sector_name"]))
    count = frame.pivot_table(
        index="region_name", columns="sector_name", values="initiatives", aggfunc="sum"
    ).reindex(index=regions, columns=sectors)
    text = (
        frame.assign(
            label=[
                f"{'! ' if w else ''}{n} · {format_number(t, 2, lang)}"
                for n, t, w in zip(
                    frame["initiatives"], frame["tension"], frame["white_spot"], strict=True
                )
            ]
        )
        .pivot_table(index="region_name", columns="sector_name", values="label", aggfunc="first")
        .reindex(index=regions, columns=sectors)
    )
    chart = _Chart(title, "", 0, lang)
    chart.trace(
        "heatmap",
        z=count.to_numpy().tolist(),
        x=sectors,
        y=regions,
        text=text.to_numpy().tolist(),
        texttemplate="%{text}",
        colorscale="Blues",  # the top of the scale stays light enough for black text
        zmin=0,
        zmax=max(1.5 * float(frame["initiatives"].max()), 1),
        xgap=2,
        ygap=2,
        textfont={"color": "#000000"},
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    )
    for spot in frame[frame["white_spot"]].itertuples():
        x, y = sectors.index(spot.sector_name), regions.index(spot.region_name)
        chart.shape(
            type="rect",
            x0=x - 0.5,
            x1=x + 0.5,
            y0=y - 0.5,
            y1=y + 0.5,
            line={"color": PALETTE[1], "width": 3},
        )
    chart.axis("xaxis", type="category", side="top")
    chart.axis("yaxis", type="category", autorange="reversed", rangemode=None, tickformat=None)
    chart.layout.update(hovermode="closest")
    return chart.figure()


def network(nodes: dict, edges: list, *, title: str, labels: dict, lang: str = "nl") -> go.Figure:
    """Three columns: organisations, initiatives, programmes; lines for their ties.

    ``nodes`` maps (kind, slug) to (name, group); kind is 'o', 'i' or 'p'.
    """
    column = {"o": 0, "i": 1, "p": 2}
    positions = {}
    for kind in column:
        members = sorted((k for k in nodes if k[0] == kind), key=lambda k: nodes[k][0])
        for i, key in enumerate(members):
            positions[key] = (column[kind], -i * (10 / max(len(members), 1)))
    chart = _Chart(title, "", 0, lang)
    xs, ys = [], []
    for a, b in edges:
        xs += [positions[a][0], positions[b][0], None]
        ys += [positions[a][1], positions[b][1], None]
    chart.trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"color": "#bbbbbb", "width": 1},
        hoverinfo="skip",
        showlegend=False,
    )
    for group in NETWORK_GROUPS:
        keys = [k for k in nodes if nodes[k][1] == group]
        if not keys:
            continue
        chart.trace(
            "scatter",
            x=[positions[k][0] for k in keys],
            y=[positions[k][1] for k in keys],
            mode="markers+text",
            text=[nodes[k][0] for k in keys],
            textposition=["middle left" if k[0] == "o" else "middle right" for k in keys],
            marker={"size": 12, "color": _NETWORK_COLOURS[group]},
            name=labels[group],
            hovertemplate="%{text}<extra></extra>",
            textfont={"size": 11},
        )
    chart.axis("xaxis", visible=False, type="linear", range=[-2.0, 3.4])
    chart.axis("yaxis", visible=False, rangemode="normal")
    chart.layout.update(
        height=max(420, 28 * max(sum(1 for k in nodes if k[0] == "i"), 1)), hovermode="closest"
    )
    return chart.figure()


def add_marks(fig: go.Figure, marks) -> go.Figure:
    """Notes on series (``notes.Mark``) on a chart with periods along x: a dashed line at a
    note's period, a shaded band over its range, each with its short label at the top."""
    shapes, notes = list(fig.layout.shapes or ()), list(fig.layout.annotations or ())
    for mark in marks:
        end = mark.end or mark.start
        common = {"xref": "x", "x0": mark.start, "x1": end, "yref": "y domain", "y0": 0, "y1": 1}
        if mark.end is None:
            shapes.append(
                {"type": "line", **common, "line": {"color": MARK_COLOUR, "dash": "dash"}}
            )
        else:
            shapes.append({"type": "rect", **common, "fillcolor": RANGE_FILL, "line": {"width": 0}})
        notes.append(
            {
                "text": mark.label,
                "xref": "x",
                "x": mark.start,
                "xanchor": "left",
                "yref": "y domain",
                "y": 1,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": MARK_COLOUR},
                "hovertext": mark.text,
            }
        )
    fig.update_layout(shapes=shapes, annotations=notes)
    return fig
