"""Every chart has its text alternative: its title, one sentence right under it that says what it
shows (``frame.show`` writes ``chart.summary``), and its table. Checked on every page with demo
data, in Dutch and in English, and with the other maps and views the pages offer."""

import json
import re
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from hcdash.i18n import LANGS, t
from hcdash.sitemap import PAGES
from hcdash.ui import frame

# The choices of a page that draw other charts (a map per indicator, the intake as an index):
# script -> (widget, its key, the values to choose; None: every option).
CHOICES = {
    "app.py": ("selectbox", "overview_kaart", None),
    "pages/2_Instroom.py": ("segmented_control", "intake_weergave", ["index"]),
}
NO_CHARTS = {"pages/7_Bronnen.py", "pages/4_Data.py"}


def _leaves(node):
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for child in children.values():
        yield from _leaves(child)


def summaries(at: AppTest, lang: str) -> list[tuple[str, str]]:
    """(title, the sentence under it) of every chart of the page, in order; the sentence is ""
    where the element under the chart is no summary."""
    start = t("chart.summary", lang, summary="")
    leaves = list(_leaves(at._tree))
    out = []
    for chart, under in zip(leaves, [*leaves[1:], None], strict=True):
        if chart.type != "plotly_chart":
            continue
        title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
        text = re.sub(r"\\(.)", r"\1", under.value) if under and under.type == "markdown" else ""
        out.append((title, text.removeprefix(start).strip() if text.startswith(start) else ""))
    return out


def missing(found: list[tuple[str, str]]) -> list[str]:
    """The titles of the charts without a sentence under them (one that ends in a full stop
    and says something: a word, not only a number or a placeholder left open)."""
    return [
        title
        for title, sentence in found
        if not (sentence.endswith(".") and re.search(r"[^\W\d_]{2,}", sentence)) or "{" in sentence
    ]


def charts_of(at: AppTest, script: str, lang: str) -> list[tuple[str, str]]:
    """The charts of the page as it opens, and of each other choice it offers."""
    found = summaries(at, lang)
    if script not in CHOICES:
        return found
    kind, key, values = CHOICES[script]
    for value in values or getattr(at, kind)(key=key).options:
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception, [e.value for e in at.exception]
        found += summaries(at, lang)
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("script", [p.script for p in PAGES if p.script not in NO_CHARTS])
def test_every_chart_says_what_it_shows_in_one_sentence(app, script, lang):
    at = app(script, lang)
    assert len(summaries(at, lang)) == len(at.get("plotly_chart")) > 0  # each chart is read
    found = charts_of(at, script, lang)
    assert missing(found) == [], found


def test_the_pages_without_charts_draw_none(app):
    for script in NO_CHARTS:
        assert app(script, "nl").get("plotly_chart") == []


def test_the_check_finds_a_chart_without_its_sentence(app, monkeypatch):
    """The probe: the ranking on Krapte built without a summary is found, and only it."""
    from hcdash.views import shortage

    built = shortage.ranking
    monkeypatch.setattr(
        shortage, "ranking", lambda ctx, *args: replace(built(ctx, *args), summary="")
    )
    frame._built.clear()  # a view is cached by its function: no ranking from a test before
    try:
        found = summaries(app("pages/1_Krapte.py", "en"), "en")
    finally:
        frame._built.clear()  # and no ranking without its sentence for the tests after
    assert len(found) == 4
    assert missing(found) == [found[2][0]]  # the third chart of the page: the ranking
    assert [sentence == "" for _title, sentence in found] == [False, False, True, False]


def test_the_check_wants_a_sentence():
    assert missing([("A", "highest is Twente (2.27), lowest Achterhoek (1.02).")]) == []
    assert missing([("A", ""), ("B", "2.27."), ("C", "{label}: {value}.")]) == ["A", "B", "C"]
