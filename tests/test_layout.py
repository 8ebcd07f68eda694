"""In Chromium: no label, option, metric, title or message of any page is cut off at a laptop's
width (1280 px) or on a phone (390 px). A text is cut off when its box is narrower than the
text (``scrollWidth > clientWidth``: Streamlit then ends it with an ellipsis or hides it)."""

import pytest

from hcdash.sitemap import PAGES
from tests.support.browser import require_chromium, wait_charts, wait_ready

require_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded_only("the layout is the same on every store"),
]

# A laptop in Dutch, a phone in English (the longer texts): every page once at each.
WIDTHS = ((1280, "nl"), (390, "en"))
# The boxes whose text a visitor must read whole: widget labels, the options of segmented
# controls, radio buttons and tabs, metrics (label, value, change), titles and messages.
READ_WHOLE = ", ".join(
    (
        "[data-testid='stWidgetLabel'] p",
        "[data-testid='stButtonGroup'] button p",
        "[data-testid='stRadio'] label p",
        "[data-testid='stMetricLabel'] p",
        "[data-testid='stMetricValue'] div",
        "[data-testid='stMetricDelta'] div",
        "[data-testid='stHeading'] h1",
        "[data-testid='stHeading'] h2",
        "[data-testid='stHeading'] h3",
        "[data-testid='stAlertContentInfo'] p",
        "[data-testid='stAlertContentWarning'] p",
    )
)
# Shown (a closed sidebar on a phone has its boxes at width 0) and narrower than its text.
CUT_OFF = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null && e.clientWidth > 0)
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.textContent.trim()} (${e.scrollWidth} > ${e.clientWidth} px)`)"""


def cut_off(tab) -> list[str]:
    return tab.evaluate(CUT_OFF, READ_WHOLE)


DRAWN = """n => document.querySelectorAll("[data-testid='stSidebar'] a").length >= n
    && document.querySelector("[data-testid='stHeading'] h1")
    && !document.querySelector("[data-testid='stStatusWidget']")"""


def drawn(tab) -> None:
    """Until the page's script has run to its end (the menu, drawn last, links every page, and
    the title is there) and no rerun is under way."""
    wait_ready(tab)
    tab.wait_for_function(DRAWN, arg=len(PAGES), timeout=30_000)
    wait_charts(tab)
    wait_ready(tab)


@pytest.mark.parametrize(("width", "lang"), WIDTHS)
def test_no_text_is_cut_off(server, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="nl-NL")
    tab = context.new_page()
    found = {}
    try:
        for page in PAGES:
            tab.goto(f"{server}/{page.url_path}?taal={lang}")
            drawn(tab)
            cut = cut_off(tab)
            if cut:
                found[page.slug] = cut
    finally:
        context.close()
    assert found == {}


def test_the_check_sees_a_text_that_is_cut_off(server, browser):
    """A label squeezed into a box too narrow for it, as a cut-off control would be."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    try:
        tab.goto(f"{server}/Krapte")
        drawn(tab)
        tab.wait_for_function(
            """() => [...document.querySelectorAll("[data-testid='stWidgetLabel'] p")]
                     .some(p => !p.closest("[data-testid='stSidebar']"))""",
            timeout=30_000,
        )
        assert cut_off(tab) == []
        squeezed = tab.evaluate(
            """() => {
                const label = [...document.querySelectorAll("[data-testid='stWidgetLabel'] p")]
                    .find(p => !p.closest("[data-testid='stSidebar']"));
                label.style.width = '20px';
                label.style.overflow = 'hidden';
                label.style.whiteSpace = 'nowrap';
                return label.textContent.trim();
            }"""
        )
        (cut,) = cut_off(tab)
        assert cut.startswith(f"{squeezed} (") and squeezed
    finally:
        context.close()
