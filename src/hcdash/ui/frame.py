"""The frame every page shares: page setup, language, navigation, demo banner, and charts with
their source line, table and downloads."""

import pandas as pd
import streamlit as st

from hcdash import export
from hcdash.errors import HcdashError
from hcdash.format import timestamp
from hcdash.i18n import DEFAULT_LANG, LANGS, t
from hcdash.ui.data import Data
from hcdash.views.common import ChartView, Context, display_table

# (script, text key) of every page, in menu order; app.py is the home page.
PAGES = (
    ("app.py", "page.overview"),
    ("pages/1_Krapte.py", "page.shortage"),
    ("pages/2_Instroom.py", "page.intake"),
    ("pages/3_LLO_Energy.py", "page.llo"),
    ("pages/5_Regioprofiel.py", "page.profile"),
    ("pages/6_Mismatch.py", "page.mismatch"),
    ("pages/7_Bronnen.py", "page.sources"),
    ("pages/4_Data.py", "page.data"),
)
_LANG = "hcdash_lang"


def start_page(name: str) -> Context:
    """Set up the page ``name`` (its texts are ``{name}.title`` and ``{name}.intro``) and open
    the data; a database problem stops the page with a message."""
    lang = _language()
    title = t(f"{name}.title", lang)
    st.set_page_config(page_title=f"{title} · hcdash Regio Oost", layout="wide")
    _navigation(lang)
    try:
        data = Data()
    except HcdashError as exc:
        st.error(t("frame.db_error", lang, error=exc))
        st.stop()
    st.title(title)
    st.caption(t(f"{name}.intro", lang))
    status = data.data_status()
    if status["demo"]:
        st.warning(t("frame.demo", lang), icon=":material/science:")
    if status["last_upload_at"] is not None:
        st.caption(t("frame.updated", lang, when=timestamp(status["last_upload_at"], lang)))
    return Context(data, lang)


def _language() -> str:
    """Dutch unless the visitor chose English; the choice follows them across pages."""
    current = st.session_state.get(_LANG, DEFAULT_LANG)
    with st.sidebar:
        chosen = st.segmented_control(
            t("frame.language", current), LANGS, default=current, required=True,
            format_func=str.upper, key="language_choice",
        )  # fmt: skip
    st.session_state[_LANG] = chosen or current
    return st.session_state[_LANG]


def _navigation(lang: str) -> None:
    with st.sidebar:
        st.markdown(f"**{t('app.name', lang)}**")
        for script, key in PAGES:
            st.page_link(script, label=t(key, lang))


def empty(message: str) -> None:
    """An empty selection: say why instead of drawing an empty axis."""
    st.info(message, icon=":material/info:")


def chart(view: ChartView | None, ctx: Context, empty_message: str) -> None:
    """A chart, its source line, its numbers as a table, and CSV/Excel of exactly those numbers."""
    if view is None:
        empty(empty_message)
        return
    st.plotly_chart(view.figure, key=f"chart-{view.key}")
    st.caption(ctx.t("chart.source", source=view.source, when=ctx.updated))
    for note in view.notes:
        st.caption(note)
    with st.expander(ctx.t("chart.table")):
        shown = view.table
        if view.value_name in shown.columns:
            shown = display_table(shown, view.value_name, view.decimals, ctx.lang)
        st.dataframe(shown, hide_index=True)
    downloads(view.table, view.key)


def downloads(table: pd.DataFrame, key: str) -> None:
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
