"""In Chromium, every page on a store of real figures only (the recorded CBS answers and DUO's
2019 files): what the browser renders holds no inf, nan or None, and no empty state says
"choose a region" while regions are chosen. (tests/test_real_store.py checks the same pages
through AppTest, on both stores.)"""

import pytest

from hcdash.sitemap import PAGES
from tests.support.browser import require_chromium
from tests.support.realstore import NOT_A_NUMBER, NOTHING_CHOSEN
from tests.support.servers import DashboardServer
from tests.test_layout import drawn

require_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded_only("the browser renders what AppTest reads on both stores"),
]


@pytest.fixture(scope="module")
def real_server(real_ref, tmp_path_factory):
    with DashboardServer(tmp_path_factory.mktemp("real-browser"), real_ref.env()) as running:
        yield running.url


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_renders_real_figures_cleanly(real_server, browser, lang):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    tab = context.new_page()
    found = {}
    try:
        for page in PAGES:
            tab.goto(f"{real_server}/{page.url_path}?taal={lang}")
            drawn(tab)
            text = tab.locator("[data-testid='stAppViewContainer']").inner_text()
            charts = " ".join(tab.locator(".js-plotly-plot text").all_text_contents())
            bad = [m.group(0) for m in NOT_A_NUMBER.finditer(f"{text} {charts}")]
            wrong = [n for n in NOTHING_CHOSEN if n in text]
            if bad or wrong:
                found[page.slug] = bad + wrong
    finally:
        context.close()
    assert found == {}
