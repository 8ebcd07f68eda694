"""One language per page: every page, rendered in English, shows no Dutch word of ours: not in
its titles, texts, labels, messages and tables, nor in its charts (titles, axes, legends, notes,
hover texts). The Data page's own sections are checked in tests/test_data_page_english.py.

The Dutch words are those of the Dutch texts in ``hcdash.i18n`` that no English text uses, so
a text added later is covered without a list to keep up.
"""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from hcdash.i18n import TEXTS
from hcdash.reference import DEFINITIONS_EN, INDICATORS, REGIONS
from hcdash.register_seed import INITIATIVES, PROGRAMMES, SOURCE
from hcdash.ui import frame
from hcdash.ui.frame import PAGES
from tests.conftest import ROOT, open_tables
from tests.test_data_page_english import shown_texts

TIMEOUT = 60
WORD = re.compile(r"[^\W\d_]{4,}")
ENGLISH = {w.lower() for _dutch, english in TEXTS.values() for w in WORD.findall(english)}
DUTCH = {w.lower() for dutch, _english in TEXTS.values() for w in WORD.findall(dutch)} - ENGLISH
# Names, not words of a language: the regions and the places in their names; the sources, which
# are titles of Dutch publications; the programmes and initiatives of the register.
PLACES = {n for r in REGIONS for n in (r[2], *r[3])}
TITLES = {i["source"] for i in INDICATORS} | {SOURCE} | {p[1] for p in PROGRAMMES}
TITLES |= {i["name"] for i in INITIATIVES}
NAMES = re.compile(
    "|".join(re.escape(name) for name in sorted(PLACES | TITLES, key=len, reverse=True))
)
# The fields of a plotly figure that a visitor reads.
CHART_TEXT = {"text", "name", "ticktext", "hovertemplate", "texttemplate"}


def chart_texts(spec) -> list[str]:
    """Every readable string of a plotly figure's JSON."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in CHART_TEXT and isinstance(value, str):
                found.append(value)
            elif key in CHART_TEXT and isinstance(value, list):
                found.extend(chart_texts_flat(value))
            else:
                found.extend(chart_texts(value))
    elif isinstance(spec, list):
        for item in spec:
            found.extend(chart_texts(item))
    return found


def chart_texts_flat(values: list) -> list[str]:
    out = []
    for value in values:
        if isinstance(value, list):
            out.extend(chart_texts_flat(value))
        elif isinstance(value, str):
            out.append(value)
    return out


def readable(text: str) -> str:
    """A text as it reads: no markdown escapes, no line breaks or tags of a chart's labels."""
    text = re.sub(r"\\(.)", r"\1", text).replace("-<br>", "-").replace("<br>", " ")
    return re.sub(r"<[^>]+>", "", text)


def dutch_words(texts: list[str]) -> list[tuple[str, str]]:
    found = []
    for text in texts:
        for word in WORD.findall(NAMES.sub("", readable(text))):
            if word.lower() in DUTCH:
                found.append((word, text[:120]))
                break
    return found


@pytest.fixture
def english(demo_ref, monkeypatch):
    demo_ref.use(monkeypatch)

    def open_page(script: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
        at.sidebar.segmented_control(key="overview_taal").set_value("en").run()
        if script != "app.py":
            at.switch_page(script).run()
        assert not at.exception, [e.value for e in at.exception]
        charts = any(key.startswith(frame.TABLE_KEY_PREFIX) for key in at.session_state)
        return open_tables(at) if charts else at  # every chart's table is read too

    return open_page


def page_texts(at: AppTest) -> list[str]:
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return shown_texts(at) + [text for spec in charts for text in chart_texts(spec)]


@pytest.mark.parametrize("script", [script for script, _name in PAGES])
def test_every_page_in_english_has_no_dutch_word(english, script):
    at = english(script)
    texts = page_texts(at)
    assert len(texts) > 10
    assert dutch_words(texts) == [], "\n".join(map(str, dutch_words(texts)))


def test_the_dutch_check_finds_the_dutch_page():
    """The probe: the same check on a text of the Dutch page finds it."""
    assert dutch_words(["Spanningsindicator per regio en sector, 2026 K3"]) != []
    assert dutch_words(["Labour market tension by region and sector, 2026 Q3"]) == []


def test_the_check_finds_a_text_left_in_dutch_on_a_page(english, monkeypatch):
    """The probe on a rendered page: one chart title put back to Dutch is found."""
    dutch, _english = TEXTS["shortage.heatmap_title"]
    monkeypatch.setitem(TEXTS, "shortage.heatmap_title", (dutch, dutch))
    frame._built.clear()  # views built by the tests before, with the English title
    try:
        found = dutch_words(page_texts(english("pages/1_Krapte.py")))
    finally:
        frame._built.clear()  # and none with the Dutch one for the tests after
    assert [text for _word, text in found] == ["Spanningsindicator per regio en sector, 2026 Q3"]


def test_sources_says_definitions_and_units_in_english(english):
    table = english("pages/7_Bronnen.py").dataframe[0].value
    assert set(table["Code"]) >= set(DEFINITIONS_EN)  # every built-in indicator has one
    texts = [*table["Definition"], *table["Unit"]]
    assert dutch_words(texts) == [], dutch_words(texts)
    tension = table.set_index("Code").loc["spanningsindicator"]
    assert tension["Definition"] == DEFINITIONS_EN["spanningsindicator"]
