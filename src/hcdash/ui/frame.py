"""The frame every page shares: page setup, link state, language, navigation, demo banner, and
charts with their source line, table and downloads."""

import logging
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from hcdash import config, export, links, sitemap, stand
from hcdash.errors import HcdashError
from hcdash.format import timestamp
from hcdash.i18n import DEFAULT_LANG, LANGS, t
from hcdash.links import plain
from hcdash.sitemap import STAND
from hcdash.store.base import Wait, WaitReason
from hcdash.ui import data as store_access
from hcdash.ui.urlstate import UrlState, notice, share_control
from hcdash.views.common import ChartView, Context, Need, display_table, why_empty
from hcdash.vocabulary import DEFAULT_COMPARISON

_LANG = "hcdash_lang"
# Streamlit writes <html lang="en"> whatever the page's language (an open upstream issue), so a
# screen reader would read Dutch with English rules (WCAG 3.1.1). A fixed script per language
# sets it; the scripts are constants, never built from a link, a user or a file.
_DOCUMENT_LANG = {
    code: f"<script>document.documentElement.lang = '{code}';</script>" for code in LANGS
}
# Where the keyboard focus is must show on every control (WCAG 2.4.7). Streamlit marks most
# controls; the link to the current page in the sidebar is highlighted already and showed no
# change when it got the focus. One outline in the theme's red for every focused link.
# A constant, checked by tests/test_keyboard.py.
_FOCUS_STYLE = "<style>a:focus-visible { outline: 2px solid #a8283a !important; }</style>"
_log = logging.getLogger("hcdash")


@contextmanager
def page(name: str):
    """The frame around a page: ``with frame.page("shortage") as (ctx, url): ...``.

    Reads one snapshot of the data for the whole run (waiting, with a notice, while a write
    elsewhere finishes), applies the link, draws the sidebar and the page head; afterwards
    writes the filters back to the URL and offers the link to share. Whatever goes wrong in
    the page shows as a message with a way on, never as a traceback.
    """
    lang = st.session_state.get(_LANG, DEFAULT_LANG)
    notice = st.empty()
    url = UrlState(sitemap.page(name))

    def waiting(wait: Wait) -> None:
        catalog = wait.reason in (WaitReason.CATALOG, WaitReason.CATALOG_RECONNECT)
        key = "frame.reconnecting" if catalog else "frame.updating"
        notice.info(t(key, lang), icon=":material/hourglass_top:")

    started = False
    st.session_state[_SAID] = set()
    try:
        with store_access.session(waiting, url.asked_stand()) as run:
            notice.empty()
            with _framed(url, run, lang) as ctx:
                started = True
                yield ctx, url
    except ScriptControlException:
        raise  # st.stop and st.rerun are how streamlit steers a run
    except HcdashError as exc:
        notice.empty()
        _failed(t("frame.error", lang, error=plain(exc.text(lang))), lang)
    except Exception:
        incident = uuid.uuid4().hex[:8]
        _log.exception("page %s failed (incident %s)", name, incident)
        notice.empty()
        _failed(t("frame.unexpected", lang, incident=incident), lang)
    if not started:
        st.stop()  # the page itself never ran: nothing more to show


@contextmanager
def _framed(url: UrlState, run: store_access.Session, lang: str):
    base = Context(run.reader, lang, run.pin.asked if run.pin else None)
    ignored = url.seed(sitemap.allowed(base)) + ([run.refused] if run.refused else [])
    lang = _language(url)
    ctx = base if lang == base.lang else Context(run.reader, lang, base.stand)
    title = t(url.page.title, lang)
    st.set_page_config(page_title=f"{title} · hcdash Regio Oost", layout="wide")
    st.html(_DOCUMENT_LANG[lang], unsafe_allow_javascript=True)
    st.html(_FOCUS_STYLE)
    navigation = st.sidebar.container()
    share = _head(url.page, ctx, ignored, run.pin, url)
    yield ctx
    url.publish()
    with share:
        share_control(url, lang, _pinned_link(url, run))
    _navigation(navigation, lang, url)


def _pinned_link(url: UrlState, run: store_access.Session) -> str:
    """The link that pins what the page shows now: as it is, when it is pinned already."""
    query = url.query()
    if run.pin is None:
        current = stand.current_stand(run.reader.con)
        if current is not None:
            query = {**query, STAND.name: current}
    return links.link(st.context.url or "", query)


def _stand_banner(ctx: Context, pin: stand.Pin, url: UrlState) -> None:
    """What a pinned view shows, and the way to the same view with the current figures."""
    when = ctx.date(pin.day) if pin.day else timestamp(pin.at, ctx.lang)
    text = ctx.t("stand.banner", when=when, upload=pin.upload if pin.upload else "–")
    text += " " + ctx.t("stand.newer" if pin.newer else "stand.latest")
    for upload, withdrawn in pin.withdrawn:
        text += " " + ctx.t("stand.withdrawn", upload=upload, when=timestamp(withdrawn, ctx.lang))
    st.info(text, icon=":material/history:")
    current = url.query(pinned=False)
    st.page_link(
        url.page.script,
        label=ctx.t("stand.see_current"),
        query_params=current or None,
        icon=":material/update:",
    )


def _failed(message: str, lang: str) -> None:
    """The message, and two ways on: this page again, or the overview."""
    st.error(message, icon=":material/error:")
    left, right, _ = st.columns([1, 1, 3])
    if left.button(t("frame.retry", lang), icon=":material/refresh:", key="frame_retry"):
        st.rerun()
    right.page_link(sitemap.HOME.script, label=t("frame.home", lang), icon=":material/home:")


def _language(url: UrlState) -> str:
    """Dutch unless the visitor chose English; the choice follows them across pages."""
    with st.sidebar:
        chosen = st.segmented_control(
            "Taal · Language",
            LANGS,
            required=True,
            format_func=str.upper,
            key=url.key("taal"),
        )
    st.session_state[_LANG] = chosen or DEFAULT_LANG
    return st.session_state[_LANG]


def _head(page: sitemap.Page, ctx: Context, ignored: list[links.Ignored], pin, url: UrlState):
    """Title, intro, notices and banners; returns the place for the share control."""
    st.title(ctx.t(page.title))
    st.caption(ctx.t(f"{page.slug}.intro"))
    share = st.container()
    notice(ignored, ctx.lang)
    if pin is not None:
        _stand_banner(ctx, pin, url)
    status = ctx.reader.data_status()
    if status["demo"]:  # every chart that shows demo data says so (``show``)
        key = "frame.mixed" if status["real"] else "frame.demo"
        st.warning(ctx.t(key), icon=":material/science:")
    if status["last_upload_at"] is not None:
        st.caption(ctx.t("frame.updated", when=timestamp(status["last_upload_at"], ctx.lang)))
    return share


def _navigation(container, lang: str, url: UrlState) -> None:
    """Links to every page; shared filters (regions, sector, years, language) travel along to
    the pages that take them in the same form."""
    shared = url.shared()
    with container:
        st.markdown(f"**{t('app.name', lang)}**")
        own = {s.name: s.kind for s in url.specs}
        for each in sitemap.PAGES:
            takes = {s.name: s.kind for s in each.params}
            carried = {k: v for k, v in shared.items() if takes.get(k) == own.get(k)}
            st.page_link(each.script, label=t(each.menu, lang), query_params=carried or None)


_SAID = "hcdash_empty_said"  # the empty-state messages this run has shown


def empty(message: str | Need, ctx: Context | None = None) -> None:
    """An empty chart: say why instead of drawing an empty axis (a ``Need``: worked out for
    ``ctx``); a reason the run has given already (three charts of one indicator that is not
    loaded) is said once."""
    if isinstance(message, Need):
        message = why_empty(ctx, message)
    said = st.session_state.setdefault(_SAID, set())
    if message not in said:
        said.add(message)
        st.info(message, icon=":material/info:")


# Built views (figures and tables) kept for reuse; a view is a pure function of the store's
# version, the language and its arguments, so sessions share them.
VIEW_CACHE_ENTRIES = 256


@st.cache_resource(
    ttl=store_access.QUERY_TTL_SECONDS, max_entries=VIEW_CACHE_ENTRIES, show_spinner=False
)
def _built(key: tuple, _build):
    return _build()


def cached(build, ctx: Context, *args):
    """``build(ctx, *args)``, built once per view, arguments, store version and language (the
    plotly figure and the tables of a chart cost more than its queries). Nobody changes a
    built view: renderers only read it."""
    key = (
        build.__module__,
        build.__qualname__,
        id(build),
        ctx.reader.spec,
        ctx.reader.version,
        ctx.lang,
        _hashable(args),
    )
    return _built(key, lambda: build(ctx, *args))


def _hashable(value):
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return value


def chart(build, ctx: Context, *args, empty: str | Need) -> None:
    """The chart ``build(ctx, *args)`` makes (cached), its source line, its numbers as a table,
    and CSV/Excel of exactly those numbers; ``empty`` says why there is none (a ``Need``: the
    page works out which of the three reasons it is, ``views.common.why_empty``)."""
    show(cached(build, ctx, *args), ctx, empty)


def show(view: ChartView | None, ctx: Context, empty_message: str | Need) -> None:
    """A built chart with its source, table and downloads (or why there is none)."""
    if view is None:
        empty(why_empty(ctx, empty_message) if isinstance(empty_message, Need) else empty_message)
        return
    st.plotly_chart(view.figure, key=f"chart-{view.key}")
    if view.summary:
        st.markdown(plain(ctx.t("chart.summary", summary=view.summary)))
    st.caption(ctx.t("chart.source", source=plain(ctx.source(view.source)), when=ctx.updated))
    if view.demo and ctx.reader.data_status()["real"]:
        st.caption(f":orange[{ctx.t('chart.demo')}]")
    for note in view.notes:
        st.caption(plain(note))
    table(view, ctx)
    downloads(view.table, view.key)


# The key of the expander that holds a chart's table; tests open the tables by this prefix.
TABLE_KEY_PREFIX = "table-"


def table(view: ChartView, ctx: Context) -> None:
    """The chart's numbers as a table, in an expander that draws it only while it is open.

    The table is written in the page's language cell by cell (a pandas Styler), which is the
    largest cost of a page run with long series (thousands of rows on national data), so a
    closed table costs nothing: opening it reruns the page (the charts come from the cache)
    and draws it. Its state is the session's, so it stays open across filter changes."""
    with st.expander(
        ctx.t("chart.table"), key=f"{TABLE_KEY_PREFIX}{view.key}", on_change="rerun"
    ) as shown:
        if shown.open:
            st.dataframe(
                display_table(view.table, ctx.lang, {view.value_name: view.decimals}),
                hide_index=True,
            )


def factsheet_download(
    ctx: Context, region: str, url: UrlState, comparison: str = DEFAULT_COMPARISON, theme: str = ""
) -> None:
    """*Factsheet (PDF)* of ``region``, made when it is clicked, from the data the page shows
    (pinned when the page is) and against the comparison group it shows; its printed link
    opens this page at that state."""
    parts = urlsplit(st.context.url or config.base_url())
    base = f"{parts.scheme}://{parts.netloc}"
    asked = url.query().get(STAND.name)

    def made() -> bytes:
        # the sheet's layout and kaleido load when a sheet is asked for, not at start-up
        from hcdash import factsheet

        with store_access.current_store().reading(wait=store_access.READ_WAIT_SECONDS) as con:
            return factsheet.make(
                con,
                region,
                ctx.lang,
                asked_stand=asked,
                base=base,
                comparison=comparison,
                theme=theme,
            )

    st.download_button(
        ctx.t("factsheet.download"),
        made,
        file_name=f"factsheet-{region}.pdf",
        mime="application/pdf",
        key=f"factsheet-{region}-{comparison}-{theme}",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )


def downloads(table: pd.DataFrame, key: str) -> None:
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "CSV",
        lambda: export.to_bytes(table, "csv"),
        file_name=f"hcdash-{key}.csv",
        mime="text/csv",
        key=f"csv-{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        "Excel",
        lambda: export.to_bytes(table, "xlsx"),
        file_name=f"hcdash-{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx-{key}",
        icon=":material/download:",
        on_click="ignore",
    )
