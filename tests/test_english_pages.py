"""One language per page: every page, rendered in English, shows no Dutch word of ours: not in
its titles, texts, labels, messages and tables, nor in its charts (titles, axes, legends, notes,
hover texts). The Data page's own sections are checked in tests/test_data_page_english.py.

The Dutch words are those of the Dutch texts in ``hcdash.i18n`` that no English text uses, so
a text added later is covered without a list to keep up; and those of the reference data's Dutch
names (sectors, indicators, UWV bands, units) and of the register's statuses, where the English
name differs.
"""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from hcdash import notes
from hcdash.demo import DEMO_FILE_NAME, DEMO_SOURCE
from hcdash.i18n import TEXTS
from hcdash.reference import (
    BANDS,
    DEFINITIONS_EN,
    DUO_INDICATORS,
    INDICATORS,
    REGIONS,
    SECTORS,
    SOURCE_INDICATORS,
    UNITS_EN,
    national_regions,
)
from hcdash.register import STATUSES
from hcdash.register_seed import INITIATIVES, ORGANISATIONS, PROGRAMMES, SOURCE
from hcdash.sitemap import PAGES
from hcdash.ui import frame
from tests.test_data_page_english import shown_texts

WORD = re.compile(r"[^\W\d_]{4,}")
ENGLISH = {w.lower() for _dutch, english in TEXTS.values() for w in WORD.findall(english)}
DUTCH = {w.lower() for dutch, _english in TEXTS.values() for w in WORD.findall(dutch)} - ENGLISH
# The reference data's names as the Dutch page says them, each without the words of its English
# name ("Voedsel en agrifood" / "Food and agrifood": voedsel); the statuses are Dutch slugs.
REFERENCE = [
    *((s[1], s[2]) for s in SECTORS),
    *((i["name_nl"], i["name_en"]) for i in (*INDICATORS, *DUO_INDICATORS, *SOURCE_INDICATORS)),
    *((b[4], b[5]) for b in BANDS),
    *UNITS_EN.items(),
]
DUTCH |= {
    w.lower()
    for dutch, english in REFERENCE
    for w in set(WORD.findall(dutch.lower())) - set(WORD.findall(english.lower()))
}
DUTCH |= set(STATUSES)
# Names, not words of a language: the regions and the places in their names; the sources, which
# are titles of Dutch publications; the demo upload's file name; the register's content (its
# programmes, initiatives, organisations, kinds, themes and descriptions), which is the region's
# own text as it was loaded, like a file's content on the Data page.
PLACES = {n for r in REGIONS for n in (r[2], *r[3])} | {n for _, n in national_regions()}
TITLES = {i["source"] for i in (*INDICATORS, *DUO_INDICATORS, *SOURCE_INDICATORS)} | {
    SOURCE,
    DEMO_FILE_NAME,
}
TITLES |= {notes.SOURCE, notes.CBS_2016, notes.CBS_2026}  # the built-in notes' CBS tables
TITLES |= {p[1] for p in PROGRAMMES} | {o[1] for o in ORGANISATIONS}
TITLES |= {i[k] for i in INITIATIVES for k in ("name", "kind", "description")}
TITLES |= {theme for i in INITIATIVES for theme in i["themes"]}
NAMES = re.compile(
    "|".join(re.escape(name) for name in sorted(PLACES | TITLES, key=len, reverse=True))
)
# Codes, not words: a text that is just an indicator's code (the Code column of Bronnen).
CODES = {i["code"] for i in (*INDICATORS, *DUO_INDICATORS, *SOURCE_INDICATORS)}
# The fields of a plotly figure that a visitor reads: its texts, and the categories of its axes
# and the data its hover texts fill in (when they are strings).
CHART_TEXT = {"text", "name", "ticktext", "hovertemplate", "texttemplate", "x", "y", "customdata"}


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
    return re.sub(r"<[^>]+>|`[^`]*`", "", text)  # tags, and code (a file's column names)


def dutch_words(texts: list[str]) -> list[tuple[str, str]]:
    found = []
    for text in texts:
        if text in CODES:
            continue
        for word in WORD.findall(NAMES.sub("", readable(text))):
            if word.lower() in DUTCH:
                found.append((word, text[:120]))
                break
    return found


def page_texts(at: AppTest) -> list[str]:
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return shown_texts(at) + [text for spec in charts for text in chart_texts(spec)]


@pytest.mark.parametrize("script", [page.script for page in PAGES])
def test_every_page_in_english_has_no_dutch_word(app, script):
    at = app(script, "en", tables=True)
    texts = page_texts(at)
    assert len(texts) > 10
    assert dutch_words(texts) == [], "\n".join(map(str, dutch_words(texts)))


def test_the_dutch_check_finds_the_dutch_page():
    """The probe: the same check on a text of the Dutch page finds it."""
    assert dutch_words(["Spanningsindicator per regio en sector, 2026 K3"]) != []
    assert dutch_words(["Labour market tension by region and sector, 2026 Q3"]) == []


def test_the_check_finds_a_text_left_in_dutch_on_a_page(app, monkeypatch):
    """The probe on a rendered page: one chart title put back to Dutch is found."""
    dutch, _english = TEXTS["shortage.heatmap_title"]
    monkeypatch.setitem(TEXTS, "shortage.heatmap_title", (dutch, dutch))
    frame._built.clear()  # views built by the tests before, with the English title
    try:
        found = dutch_words(page_texts(app("pages/1_Krapte.py", "en", tables=True)))
    finally:
        frame._built.clear()  # and none with the Dutch one for the tests after
    assert [text for _word, text in found] == ["Spanningsindicator per regio en sector, 2026 Q3"]


def test_sources_says_definitions_and_units_in_english(app):
    table = app("pages/7_Bronnen.py", "en", tables=True).dataframe[0].value
    assert set(table["Code"]) >= set(DEFINITIONS_EN)  # every built-in indicator has one
    texts = [*table["Definition"], *table["Unit"]]
    assert dutch_words(texts) == [], dutch_words(texts)
    tension = table.set_index("Code").loc["spanningsindicator"]
    assert tension["Definition"] == DEFINITIONS_EN["spanningsindicator"]


def test_the_check_reads_chart_categories_and_customdata():
    """The probe of the chart reader: Dutch in an axis's categories or in the data a hover text
    fills in is found; numbers and English categories are let be."""
    spec = {
        "data": [
            {
                "type": "bar",
                "x": [1.5, {"bdata": "AAAAAAAA+D8=", "dtype": "f8"}],
                "y": ["Voedsel en agrifood", "Energy"],
                "customdata": [["lopend", 3], ["running", 4]],
            }
        ],
        "layout": {"legend": {"x": 1.02, "y": 1}},
    }
    texts = chart_texts(spec)
    assert texts == ["Voedsel en agrifood", "Energy", "lopend", "running"]
    assert [word for word, _text in dutch_words(texts)] == ["Voedsel", "lopend"]


def test_initiatives_in_english_say_the_status_in_english(app):
    at = app("pages/8_Initiatieven.py", "en", tables=True)
    status = at.selectbox(key="initiatives_status")
    assert status.options == ["all", "planned", "running", "completed", "stopped"]
    assert set(at.dataframe[0].value["Status"]) == {"running"}  # the seed's initiatives
    detail = at.table[0].value.iloc[:, 0]
    assert detail["Status"] == "running"
    assert list(detail.index) == [
        "Initiative",
        "Kind",
        "Lead",
        "Partners",
        "Regions",
        "Sector",
        "Themes",
        "Programmes",
        "Status",
        "Period",
        "Link",
        "Description",
        "Source",
    ]
    status.set_value("afgerond").run()  # chosen by its slug, which the link keeps
    assert at.query_params["status"] == "afgerond"
    assert at.selectbox(key="initiatives_status").value == "afgerond"


def test_the_check_finds_statuses_left_as_slugs(app, monkeypatch):
    """The probe on a rendered page: statuses shown as the register's slugs are found, in the
    filter's options and in the table's cells."""
    from hcdash.views import initiatives

    monkeypatch.setattr(initiatives, "status_name", lambda ctx, status: status)
    found = dutch_words(page_texts(app("pages/8_Initiatieven.py", "en", tables=True)))
    words = {word for word, _text in found}
    assert {"gepland", "lopend", "afgerond", "gestopt"} <= words
    assert ("lopend", "lopend") in found  # a cell of the Status column


def test_the_check_finds_sector_names_left_in_dutch(app, monkeypatch):
    """The probe with the reference names: sectors named in Dutch on the English Krapte page
    are found, in the heatmap's categories and in the tables' cells."""
    from hcdash.views.common import Context, names

    dutch_sectors = property(lambda self: names(self.reader.sectors(), value="name_nl"))
    monkeypatch.setattr(Context, "sector_names", dutch_sectors)
    frame._built.clear()  # views built by the tests before, with the English names
    try:
        at = app("pages/1_Krapte.py", "en", tables=True)
        heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)
        found = dutch_words(page_texts(at))
    finally:
        frame._built.clear()  # and none with the Dutch ones for the tests after
    assert "Voedsel en agrifood" in heatmap["data"][0]["x"]  # its categories
    assert ("Voedsel", "Voedsel en agrifood") in found
    table = at.dataframe[0].value
    assert "Voedsel en agrifood" in set(table[table.columns[1]])  # a cell of the Sector column


def test_chart_tables_give_the_demo_source_in_english(app):
    at = app("pages/1_Krapte.py", "en", tables=True)
    cells = [v for d in at.dataframe for c in d.value.columns for v in d.value[c]]
    assert not [v for v in cells if isinstance(v, str) and v.startswith(DEMO_SOURCE)]
