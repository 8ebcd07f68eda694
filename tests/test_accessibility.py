"""WCAG 2.1 A and AA in Chromium: axe-core (bundled by axe-playwright-python) on every page, in
Dutch and in English, after the charts have drawn and with every expander open (the tables
under the charts); the Data page also as an analyst sees it. No rule is turned off.

A probe shows the check sees a violation it must catch (text with too little contrast).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe  # in the lock: CI fails without it

from hcdash.i18n import LANGS
from hcdash.sitemap import PAGES
from tests.support.browser import (
    choose_file,
    log_in,
    open_expanders,
    require_chromium,
    wait_charts,
    wait_ready,
)

require_chromium()
pytestmark = pytest.mark.embedded_only("what a page shows does not depend on the store")

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PATHS = [page.url_path for page in PAGES]  # the home page's is empty


def violations(tab) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on what the tab shows, one line per element."""
    found = Axe().run(tab, options=WCAG_21_AA).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for rule in found
        for node in rule["nodes"]
    ]


def show(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("h1", timeout=30_000)  # the page has started to draw
    wait_ready(tab)
    wait_charts(tab)
    open_expanders(tab)
    wait_ready(tab)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS, ids=[p or "Overzicht" for p in PATHS])
def test_every_page_meets_wcag_21_aa(server, page, path, lang):
    show(page, f"{server}/{path}?taal={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert violations(page) == []


def test_the_data_page_for_an_analyst_meets_wcag_21_aa(server, page, tmp_path):
    """Logged in, and with a file's preview and its problems table shown (nothing is loaded)."""
    log_in(page, server)
    open_expanders(page)
    assert violations(page) == []
    csv = tmp_path / "twee-rijen.csv"
    csv.write_text(
        "indicator;regio;sector;periode;waarde\n"
        "vacatures;Twente;alle;2026 K3;1250\n"
        "vacatures;Nergenshuizen;alle;2026 K3;12\n"
    )
    choose_file(page, csv)
    wait_ready(page)
    problems = page.get_by_text("Nergenshuizen").first  # a cell of the problems table (a grid)
    problems.wait_for(state="attached", timeout=30_000)
    open_expanders(page)
    assert violations(page) == []


def test_the_check_sees_text_with_too_little_contrast(server, page):
    """The probe: captions in Streamlit's default grey (#828180 on white, 3.9:1), as they were
    before the theme's text colour was set, are color-contrast violations."""
    show(page, f"{server}/Bronnen")
    page.evaluate(
        """() => document.querySelectorAll('[data-testid="stCaptionContainer"] p')
                 .forEach(p => { p.style.color = '#828180'; })"""
    )
    assert any(line.startswith("color-contrast") for line in violations(page))
