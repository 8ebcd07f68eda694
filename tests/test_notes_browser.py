"""Notes on series in Chromium: an analyst loads a notes file through the Data page, and the
Krapte page then draws the break on its tension chart and still meets WCAG 2.1 AA (axe-core)."""

import pytest

from tests.support.browser import (
    log_in,
    open_expanders,
    require_chromium,
    wait_charts,
    wait_ready,
)
from tests.test_accessibility import violations

require_chromium()
pytestmark = pytest.mark.embedded_only("what a page shows does not depend on the store")

NOTES = (
    "code;soort;indicator;regio;sector;van;tot;tekst;tekst en;bron\n"
    "methode-2020;breuk;spanningsindicator;;;2020 K1;;Nieuwe methode;New method;UWV\n"
    "corona;bron;spanningsindicator;;;2020 K2;2021 K2;Corona;Covid;UWV\n"
)


def test_notes_on_a_chart_meet_wcag_21_aa(server, page, tmp_path):
    log_in(page, server)
    page.get_by_text("Opmerkingen bij reeksen", exact=True).first.click()
    wait_ready(page)
    csv = tmp_path / "opmerkingen.csv"
    csv.write_text(NOTES)
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_role("button", name="Opmerkingen laden").wait_for(timeout=30_000)
    wait_ready(page)
    page.get_by_role("button", name="Opmerkingen laden").click()
    page.get_by_text("2 opmerkingen bij reeksen").wait_for(timeout=60_000)
    page.goto(f"{server}/Krapte")
    page.wait_for_selector("h1", timeout=30_000)
    wait_ready(page)
    wait_charts(page, titled=1)
    texts = page.locator(".js-plotly-plot text").all_text_contents()
    assert "Breuk" in texts and "Bron" in texts  # the marker's and the range's labels
    open_expanders(page)
    wait_ready(page)
    assert violations(page) == []
