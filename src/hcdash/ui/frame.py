"""The frame every page shares: page setup, demo banner, and charts with table and downloads."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hcdash import export
from hcdash.errors import HcdashError
from hcdash.format import timestamp
from hcdash.ui.data import Data
from hcdash.views.common import display_table

# (script, label) of every page, in menu order; app.py is the home page.
PAGES = (
    ("app.py", "Overzicht"),
    ("pages/1_Krapte.py", "Krapte"),
    ("pages/2_Instroom.py", "Instroom"),
    ("pages/3_LLO_Energy.py", "LLO Energie"),
    ("pages/4_Data.py", "Data"),
)

DEMO_NOTICE = (
    "**Voorbeelddata.** Dit dashboard toont gegenereerde cijfers, geen echte. "
    "Ze laten zien hoe hcdash werkt; een analist vervangt ze door echte bestanden."
)


def start_page(title: str, intro: str) -> Data:
    """Set up the page and open the data; a database problem stops the page with a message."""
    st.set_page_config(page_title=f"{title} · hcdash Regio Oost", layout="wide")
    _navigation()
    try:
        data = Data()
    except HcdashError as exc:
        st.error(f"De database kan niet worden geopend: {exc}")
        st.stop()
    st.title(title)
    st.caption(intro)
    status = data.data_status()
    if status["demo"]:
        st.warning(DEMO_NOTICE, icon=":material/science:")
    if status["last_upload_at"] is not None:
        st.caption(f"Data bijgewerkt op {timestamp(status['last_upload_at'])}")
    return data


def _navigation() -> None:
    with st.sidebar:
        st.markdown("**hcdash** · Regio Oost")
        for script, label in PAGES:
            st.page_link(script, label=label)


def empty(message: str) -> None:
    """An empty selection: say why instead of drawing an empty axis."""
    st.info(message, icon=":material/info:")


def chart(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    source: str,
    value_name: str = "Waarde",
    decimals: int = 0,
) -> None:
    """A chart, its source line, its numbers as a table, and CSV/Excel of exactly those numbers."""
    st.plotly_chart(fig, key=f"chart-{key}")
    st.caption(f"Bron: {source}")
    with st.expander("Tabel bij deze grafiek"):
        st.dataframe(display_table(table, value_name, decimals), hide_index=True)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "CSV", lambda: export.to_bytes(table, "csv"), file_name=f"hcdash-{key}.csv",
        mime="text/csv", key=f"csv-{key}", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    right.download_button(
        "Excel", lambda: export.to_bytes(table, "xlsx"), file_name=f"hcdash-{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx-{key}", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
