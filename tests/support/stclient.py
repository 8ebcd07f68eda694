"""A browser tab without a browser: drive a running ``streamlit run`` server over its websocket.

    with Session("http://127.0.0.1:8501", page="Krapte", query="regio=twente") as tab:
        run = tab.run()                                        # open the page, wait for the run
        run = tab.run(widgets={"shortage_sector": "Energie"})  # pick a sector: a rerun

The protocol of Streamlit 1.67, as read from its server and protos and observed:

* One websocket, ``/_stcore/stream``, carries protobufs: the tab sends ``BackMsg``s (here only
  ``rerun_script``, a ``ClientState``), the server answers with ``ForwardMsg``s.
* XSRF (on by default): an HTTP answer (``/_stcore/health``) sets the cookie ``_streamlit_xsrf``;
  the tab sends it back and repeats it as the second websocket subprotocol (``streamlit,
  <token>``). The server accepts the socket without it too: it only guards login cookies.
* A run is ``new_session``, ``navigation`` (each page's hash and url path: "" for app.py,
  "Krapte" for pages/1_Krapte.py; and the page that runs), ``delta``s (elements),
  ``page_info_changed`` when the script set ``st.query_params`` (the browser's URL follows and
  goes along with the next rerun), and ``script_finished`` with a status.
* The first request names its page by url path (``page_name``): ``new_session.app_pages`` is
  empty in a session's first run, so later requests take the hash from ``navigation``.
* A widget's id is ``$$ID-<hash of its parameters>-<user key>``, known once it was drawn; values
  travel as the labels shown (selectbox "Energie", not "energie").
"""

import time
import urllib.parse
import urllib.request
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
WIDGET_ID_PREFIX = "$$ID-"
TIMEZONE, LOCALE = "Europe/Amsterdam", "nl-NL"  # what a Dutch browser reports


@dataclass
class Run:
    """One script run as the tab saw it. ``elements`` and ``texts`` hold everything the run sent,
    in order: an element the run replaced later (a placeholder, a notice) still counts."""

    page: str = ""  # url path of the page that ran ("" is app.py)
    query: str = ""  # the URL's query string after the run (the script may rewrite it)
    seconds: float = 0.0  # from sending the request to ``script_finished``
    status: str = ""  # e.g. "FINISHED_SUCCESSFULLY", "FINISHED_WITH_COMPILE_ERROR"
    elements: list[str] = field(default_factory=list)  # "heading", "plotly_chart", ...
    texts: list[str] = field(default_factory=list)  # headings, markdown, alerts, in order
    alerts: list[tuple[str, str]] = field(default_factory=list)  # ("warning", body), ...
    metrics: dict[str, str] = field(default_factory=dict)  # st.metric: label -> value shown
    exceptions: list[str] = field(default_factory=list)  # "ValueError: message"
    widgets: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    title: str | None = None  # the first h1 heading (st.title)
    page_not_found: bool = False
    reruns: int = 0  # restarts inside this run (st.rerun); only the last one is kept

    @property
    def finished(self) -> bool:
        """The script ran to its end (an exception it showed still counts: see exceptions)."""
        return self.status == "FINISHED_SUCCESSFULLY"


class Session:
    """One browser tab: a websocket session that keeps the URL and widget values between runs."""

    def __init__(self, base_url: str, page: str = "", query: str = "", timeout: float = 30):
        self.base_url = base_url.rstrip("/")
        self.page, self.query = page, query.lstrip("?")
        self.pages: dict[str, str] = {}  # url path -> page_script_hash, from ``navigation``
        self.widget_ids: dict[str, str] = {}  # user key -> widget id, from the last run
        self._widgets: dict[str, Element] = {}  # widget id -> its element in the last run
        self._states: dict[str, WidgetState] = {}  # values this tab set, sent with every rerun
        self._ws = self._connect(timeout)

    def _connect(self, timeout: float):
        """Fetch the XSRF cookie over HTTP, then open the websocket as the browser does."""
        with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=timeout) as answer:
            cookies = [c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or []]
        token = dict(c.split("=", 1) for c in cookies).get(XSRF_COOKIE)
        url = urllib.parse.urlsplit(self.base_url)
        scheme = "wss" if url.scheme == "https" else "ws"
        headers = {"Origin": f"{url.scheme}://{url.netloc}"}
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        return connect(
            f"{scheme}://{url.netloc}{url.path}/_stcore/stream",
            subprotocols=["streamlit", token] if token else ["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=timeout,
            legacy=True,
        )

    def run(
        self,
        page: str | None = None,
        query: str | None = None,
        widgets: dict | None = None,
        timeout: float = 60,
    ) -> Run:
        """(Re)run a page and wait until it finished. ``page`` is the url path ("" for app.py)
        and defaults to the current page; ``query`` defaults to the current URL's query on the
        same page and to none on another page. ``widgets`` maps user keys (or widget ids) of
        widgets drawn in the last run to new values; earlier values stay, as in a browser."""
        if page is not None and page != self.page:
            self.page, self.query = page, ""
        if query is not None:
            self.query = query.lstrip("?")
        triggers = self._set_widgets(widgets or {})
        self._drain()
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.pages.get(self.page, "")
        state.widget_states.widgets.extend([*self._states.values(), *triggers])
        state.context_info.CopyFrom(self._context())
        start = time.perf_counter()
        self._ws.send(msg.SerializeToString())
        run = self._collect(start + timeout)
        run.seconds = time.perf_counter() - start
        self._after(run)
        return run

    def close(self) -> None:
        self._ws.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def _context(self) -> ContextInfo:
        """What ``st.context`` reports: the browser's URL, time zone and language."""
        offset = datetime.now(zoneinfo.ZoneInfo(TIMEZONE)).utcoffset().total_seconds()
        url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        return ContextInfo(
            timezone=TIMEZONE,
            timezone_offset=-int(offset) // 60,
            locale=LOCALE,
            url=url,
            is_embedded=False,
            color_scheme="light",
        )

    def _drain(self) -> None:
        """Drop what is left of an earlier run (the status after it, or a run that timed out)."""
        while True:
            try:
                self._ws.recv(timeout=0)
            except TimeoutError:
                return

    def _receive(self, deadline: float) -> ForwardMsg:
        left = deadline - time.perf_counter()
        try:
            data = self._ws.recv(timeout=max(left, 0))
        except TimeoutError:
            raise TimeoutError(f"page {self.page!r}: no script_finished in time") from None
        msg = ForwardMsg()
        msg.ParseFromString(data)
        return msg

    def _collect(self, deadline: float) -> Run:
        """Read the server's messages from ``new_session`` up to the final ``script_finished``."""
        run, run_id = None, ""
        while True:
            msg = self._receive(deadline)
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # the script (re)starts: the page is drawn anew
                run = Run(reruns=run.reruns + 1 if run else 0, page=self.page)
                run_id = msg.metadata.run.script_run_id
            elif run is None:
                continue  # still from before our request
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                ran = msg.navigation.page_script_hash
                run.page = next((p for p, h in self.pages.items() if h == ran), run.page)
            elif kind == "page_not_found":
                run.page_not_found = True
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, run)
            elif kind == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"
            ):
                error = msg.session_event.script_compilation_exception
                run.exceptions.append(f"{error.type}: {error.message}")
                if run.status:  # it comes right after its script_finished
                    return run
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                other = msg.metadata.run.script_run_id not in ("", run_id)
                if status != "FINISHED_EARLY_FOR_RERUN" and not other:
                    run.status, run.query = status, self.query
                    if status != "FINISHED_WITH_COMPILE_ERROR":
                        return run

    def _element(self, element: Element, run: Run) -> None:
        """Note an element: its type, its text, and its id when it is a widget."""
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        run.elements.append(kind)
        if kind == "exception" and not body.is_warning:
            run.exceptions.append(f"{body.type}: {body.message}")
        elif kind in ("alert", "exception"):
            level = Alert.Format.Name(body.format).lower() if kind == "alert" else "warning"
            text = body.body if kind == "alert" else body.message
            run.alerts.append((level, text))
            run.texts.append(text)
        elif kind == "metric":
            run.metrics[body.label] = body.body
        elif kind in ("heading", "markdown"):
            run.texts.append(body.body)
            if kind == "heading" and body.tag == "h1" and run.title is None:
                run.title = body.body
        widget_id = getattr(body, "id", "")
        if widget_id.startswith(WIDGET_ID_PREFIX):
            run.widgets[widget_id.split("-", 2)[2]] = widget_id
            self._widgets[widget_id] = element
            if getattr(body, "set_value", False):  # the script set the value: the tab follows
                self._states.pop(widget_id, None)

    def options(self, key: str) -> list[str]:
        """The options a choice widget (select box, radio, segmented control) offered in the
        last run, as shown."""
        element = self._widgets[self.widget_ids[key]]
        body = getattr(element, element.WhichOneof("type"))
        if element.WhichOneof("type") == "button_group":
            return [o.content for o in body.options]
        return list(body.options)

    def _after(self, run: Run) -> None:
        """Forget widgets the run did not draw, as the browser does when they unmount."""
        self.page = run.page
        self.widget_ids = run.widgets
        drawn = set(run.widgets.values())
        self._widgets = {i: e for i, e in self._widgets.items() if i in drawn}
        self._states = {i: s for i, s in self._states.items() if i in drawn}

    def _set_widgets(self, widgets: dict) -> list[WidgetState]:
        """Store the new values; return the one-shot ones (button clicks)."""
        triggers = []
        for key, value in widgets.items():
            widget_id = key if key.startswith(WIDGET_ID_PREFIX) else self.widget_ids.get(key)
            if widget_id is None:
                raise KeyError(f"no widget {key!r} in the last run: {sorted(self.widget_ids)}")
            state = widget_state(widget_id, self._widgets.get(widget_id), value)
            if state.WhichOneof("value") == "trigger_value":
                triggers.append(state)
            else:
                self._states[widget_id] = state
        return triggers


def widget_state(widget_id: str, element: Element | None, value) -> WidgetState:
    """A value as the browser sends it for this kind of widget (see the widgets' serde)."""
    state = WidgetState(id=widget_id)
    kind = element.WhichOneof("type") if element is not None else None
    body = getattr(element, kind) if kind else None
    if kind in ("selectbox", "radio"):
        state.string_value = _label(body.options, value)
    elif kind in ("multiselect", "button_group") or (
        kind == "slider" and body.type == Slider.SELECT_SLIDER
    ):  # multiselect, segmented control / pills, select_slider: a list of labels
        options = [o.content for o in body.options] if kind == "button_group" else body.options
        state.string_array_value.SetInParent()  # an empty list is a value too
        state.string_array_value.data.extend(_label(options, v) for v in _listed(value))
    elif kind == "slider":
        state.double_array_value.SetInParent()
        state.double_array_value.data.extend(float(v) for v in _listed(value))
    elif kind == "number_input" and body.data_type == NumberInput.INT:
        state.int_value = int(value)
    elif kind == "number_input":
        state.double_value = float(value)
    elif kind == "button":
        state.trigger_value = True
    elif isinstance(value, (list, tuple)):
        state.string_array_value.SetInParent()
        state.string_array_value.data.extend(str(v) for v in value)
    else:  # checkbox, toggle (bool), text_input, text_area (str), ...: by the value's type
        kinds = {bool: "bool_value", int: "int_value", float: "double_value", str: "string_value"}
        setattr(state, kinds[type(value)], value)
    return state


def _label(options, value) -> str:
    """The option shown for ``value``: exactly, or else the one option equal but for case."""
    text = str(value)
    if text in options:
        return text
    alike = [o for o in options if o.casefold() == text.casefold()]
    if len(alike) != 1:
        raise ValueError(f"{value!r} is not one of {list(options)}")
    return alike[0]


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set)) else [value]
