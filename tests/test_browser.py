"""Browser tests in Chromium against a running dashboard: what only a browser shows (the URL
following the filters, links opened in a fresh browser, the upload form, the rendered chart).
The shared set-up is in tests/support/browser.py.
"""

import re
import time
from urllib.parse import quote

import pytest

from hcdash import access
from tests.support.browser import (
    KRAPTE_CHARTS,
    chart_texts,
    choose_file,
    confirm_warnings,
    loaded,
    log_in,
    require_chromium,
    wait_charts,
    wait_ready,
)

require_chromium()  # the fixtures (server, browser, page): tests/support/browser.py


def chart_titles(tab) -> list[str]:
    return tab.locator(".js-plotly-plot .gtitle").all_text_contents()


def test_a_link_opens_the_filtered_view(server, page):
    page.goto(f"{server}/Krapte?regio=twente,achterhoek&sector=energie")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .gtitle")
    assert any("energie" in title for title in chart_titles(page))
    chips = page.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag] span[title]")
    chips = chips.all_text_contents()
    assert [c.strip() for c in chips] == ["Twente", "Achterhoek"]
    legend = page.locator(".js-plotly-plot .legendtext").all_text_contents()
    assert {"Twente", "Achterhoek", "Regio Oost"} <= set(legend)


def test_a_filter_change_updates_the_url_and_the_url_restores_the_view(server, page, browser):
    page.goto(f"{server}/Instroom")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .gtitle")  # the first run has finished
    for _attempt in range(3):  # a click during a rerun can be lost: try again
        page.get_by_role("radio", name="hbo", exact=True).click()
        try:
            # the URL changes in place (history.replaceState): no navigation to wait for
            page.wait_for_function("() => location.search.includes('niveau=hbo')", timeout=10_000)
            break
        except Exception:
            wait_ready(page)
    assert "niveau=hbo" in page.url
    wait_ready(page)
    link = page.url
    assert "niveau=hbo" in link
    fresh = browser.new_context(viewport={"width": 1400, "height": 1800})
    other = fresh.new_page()
    try:
        other.goto(link)
        wait_ready(other)
        # charts draw one after another: wait for the one the link asks for
        hbo = other.locator(".js-plotly-plot .gtitle", has_text="Eerstejaars hbo").first
        hbo.wait_for(timeout=30_000)
        assert any("Eerstejaars hbo" in title for title in chart_titles(other))
        assert other.get_by_role("radio", name="hbo", exact=True).get_attribute("aria-checked") == (
            "true"
        )
    finally:
        fresh.close()


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# Markdown that, shown unescaped, would draw a link and fetch an image from elsewhere.
MARKDOWN = ("[klik](https://elders.example/klik)", "![b](https://elders.example/b.png)")


def test_a_bad_link_shows_a_notice_and_the_page_works(server, page):
    fetched = []  # what the page asked of elsewhere.example (answered here, never sent)
    page.route("https://elders.example/**", lambda r: (fetched.append(r.request.url), r.abort()))
    markdown = "".join(f"&regio={quote(value)}" for value in MARKDOWN)
    page.goto(f"{server}/Krapte?regio={HOSTILE}{markdown}&kwartaal=2099-Q9&sector=energie")
    wait_ready(page)
    notice = page.get_by_text("Niet gebruikt uit de link")
    notice.wait_for(timeout=30_000)  # as wait_ready: a loaded CI machine can be slow
    shown = notice.inner_text()
    assert "<script>alert(1)</script>" in shown  # shown as text
    for value in MARKDOWN:  # as typed: neither a link named "klik" nor an image
        assert value in shown
    alert = page.locator("[data-testid='stAlert']", has_text="Niet gebruikt uit de link")
    assert alert.locator("script, img").count() == 0
    assert alert.get_by_role("link", name="klik", exact=True).count() == 0
    # the charts draw one after another (a CI run once counted 2 of the 4 here): wait for all
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .gtitle').length >= 4", timeout=30_000
    )
    assert len(chart_titles(page)) == 4
    assert "kwartaal" not in page.url
    page.wait_for_timeout(2000)  # an onerror handler would have fired by now
    assert page.dialogs == []  # no alert ran (the fixture also checks after every test)
    assert fetched == []


def test_the_dialog_check_sees_an_alert(server, page):
    """The check above can fail: an alert that does run is recorded."""
    page.goto(f"{server}/Krapte")
    wait_ready(page)
    page.evaluate("() => setTimeout(() => alert('probe'), 0)")
    for _ in range(100):  # a busy CI machine can take seconds to deliver it
        if page.dialogs:
            break
        page.wait_for_timeout(100)
    assert page.dialogs == ["probe"]
    page.dialogs.clear()


def test_analyst_uploads_a_file_and_the_chart_shows_it(server, page, tmp_path):
    csv = tmp_path / "krapte.csv"
    csv.write_text(
        "indicator;regio;sector;periode;waarde\nspanningsindicator;Twente;energie;2026 K3;9,87\n"
    )
    log_in(page, server)
    choose_file(page, csv)
    confirm_warnings(page)  # 9,87 contradicts Twente's stored vacancies and WW benefits
    page.get_by_role("button", name="Laden").click()
    loaded(page)

    page.goto(f"{server}/Krapte?regio=twente&kwartaal=2026-Q3")
    wait_ready(page)
    assert "9,87" in chart_texts(page, KRAPTE_CHARTS)  # the heatmap may draw last


def test_a_pinned_link_shows_the_figures_as_they_were(server, page):
    """After the upload above superseded a value, the link pinned to the demo upload (1) shows
    the old value and says so; the same view without ``stand`` shows the new one."""
    page.goto(f"{server}/Krapte?regio=twente&kwartaal=2026-Q3&stand=1")
    wait_ready(page)
    page.get_by_text("U bekijkt de cijfers zoals ze waren op").wait_for(timeout=20_000)
    assert "9,87" not in chart_texts(page, KRAPTE_CHARTS)
    assert "stand=1" in page.url
    current = page.get_by_role("link", name="Bekijk de actuele stand")
    assert "stand" not in current.get_attribute("href")
    current.click()  # in the same tab
    page.get_by_text("U bekijkt de cijfers zoals ze waren op").wait_for(state="detached")
    wait_ready(page)
    assert "9,87" in chart_texts(page, KRAPTE_CHARTS)


def overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    """Pairs of boxes (x, y, width, height) that share some area."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


HEATMAP_LABELS = """() => [...document.querySelector('.js-plotly-plot')
    .querySelectorAll('.gtitle, .xtick text, .ytick text')].map(e => {
        const r = e.getBoundingClientRect();
        return {text: e.textContent, box: {x: r.x, y: r.y, width: r.width, height: r.height}};
    })"""


def test_no_axis_labels_of_the_shortage_heatmap_overlap(server, browser):
    """At a laptop's width the sector names over the heatmap ("Alle sectoren", "Voedsel en
    agrifood"), the region names and the title each keep their own place, in Dutch and in
    English."""
    context = browser.new_context(viewport={"width": 1100, "height": 1200})
    tab = context.new_page()
    try:
        for lang in ("nl", "en"):
            tab.goto(f"{server}/Krapte?taal={lang}")
            wait_ready(tab)
            tab.locator(".js-plotly-plot .xtick text").first.wait_for(timeout=30_000)
            wait_charts(tab)
            # in one go, so that no rerun replaces the chart between reading two labels
            labels = tab.evaluate(HEATMAP_LABELS)
            texts = [label["text"] for label in labels]
            boxes = [label["box"] for label in labels]
            assert len(labels) == 1 + 6 + 9, texts  # title, six sectors, eight regions and Oost
            assert overlapping(boxes) == [], [(texts[i], texts[j]) for i, j in overlapping(boxes)]
    finally:
        context.close()


def test_the_overlap_check_sees_overlapping_boxes():
    box = {"x": 0, "y": 0, "width": 100, "height": 20}
    assert overlapping([box, {**box, "x": 90}]) == [(0, 1)]
    assert overlapping([box, {**box, "x": 101}, {**box, "y": 21}]) == []


def test_the_factsheet_downloads_from_regioprofiel(server, page):
    """The PDF is made when the button is clicked, and its link leads back to this page."""
    from pypdf import PdfReader

    page.goto(f"{server}/Regioprofiel?regio=achterhoek")
    wait_ready(page)
    with page.expect_download(timeout=60_000) as started:
        page.get_by_role("button", name="Factsheet (PDF)").click()
    saved = started.value
    assert saved.suggested_filename == "factsheet-achterhoek.pdf"
    reader = PdfReader(saved.path())
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Factsheet Achterhoek" in text
    assert f"{server}/Regioprofiel?regio=achterhoek&stand=" in re.sub(r"\s*\n\s*", "", text)


def test_the_comparison_group_round_trips_through_the_link_and_the_factsheet(server, page, browser):
    """Clicking *Vergelijkbare regio's* and a theme puts them in the URL; that URL opened in a
    fresh browser shows the same group; its factsheet is made against that group and prints a
    link with the choice."""
    from pypdf import PdfReader

    page.goto(f"{server}/Regioprofiel?regio=achterhoek")
    wait_ready(page)
    page.get_by_text("Vergeleken met:").wait_for(timeout=30_000)
    for name, wanted in (("Vergelijkbare regio's", "vergelijk=vergelijkbaar"),
                         ("economie", "thema=economy")):  # fmt: skip
        for _attempt in range(3):  # a click during a rerun can be lost: try again
            page.get_by_role("radio", name=name, exact=True).click()
            try:
                page.wait_for_function(
                    f"() => location.search.includes('{wanted}')", timeout=10_000
                )
                break
            except Exception:
                wait_ready(page)
        assert wanted in page.url
        wait_ready(page)
    title = "meest vergelijkbare regio's (economie)"
    page.get_by_text(title).first.wait_for(timeout=30_000)
    group = page.get_by_text("Vergeleken met:").first.text_content()
    fresh = browser.new_context(viewport={"width": 1400, "height": 1800})
    other = fresh.new_page()
    try:
        other.goto(page.url)
        wait_ready(other)
        other.get_by_text(title).first.wait_for(timeout=30_000)
        assert other.get_by_text("Vergeleken met:").first.text_content() == group
        checked = other.get_by_role("radio", name="Vergelijkbare regio's", exact=True)
        assert checked.get_attribute("aria-checked") == "true"
        with other.expect_download(timeout=60_000) as started:
            other.get_by_role("button", name="Factsheet (PDF)").click()
        text = PdfReader(started.value.path()).pages[0].extract_text()
    finally:
        fresh.close()
    flat = re.sub(r"\s*\n\s*", "", text)
    assert "Tegenover de 5 meest vergelijkbare regio's (economie)" in flat
    assert group.strip() in flat
    assert "vergelijk=vergelijkbaar" in flat and "thema=economy" in flat


def script_runs(tab) -> list[float]:
    """When (``time.monotonic``) the server said each of ``tab``'s script runs had finished: read
    from the websocket, so a run is known to be over however alike two runs look on screen."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished = []

    def heard(payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                finished.append(time.monotonic())

    tab.on("websocket", lambda socket: socket.on("framereceived", heard))
    return finished


def wrong_password(tab, runs: list[float]) -> float:
    """Submit a wrong password in ``tab``'s login form; seconds until its answer."""
    tab.get_by_label("Analistenwachtwoord").fill("not the password!")
    before, started = len(runs), time.monotonic()
    tab.get_by_role("button", name="Inloggen").click()
    while len(runs) == before:
        assert time.monotonic() - started < 60, "no answer to the login"
        tab.wait_for_timeout(20)
    tab.get_by_text("Onjuist wachtwoord.").wait_for(timeout=10_000)
    return runs[before] - started


def login_form(browser, server: str):
    """A new browser (its own cookies and session) on the Data page, name filled in."""
    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    runs = script_runs(tab)
    tab.goto(f"{server}/Data")
    wait_ready(tab)
    tab.get_by_label("Uw naam (komt bij de upload te staan)").fill("Brake Test")
    return context, tab, runs


@pytest.mark.embedded_only("the analyst gate works the same on either store")
def test_wrong_passwords_from_one_address_are_slowed_in_every_browser(server, browser):
    """The brake through the address Streamlit sees (``auth._source``, not a stand-in): one
    browser's wrong passwords slow the next wrong password from another browser on the same
    address. After five free tries the delays double (1, 2, 4 s): the seventh try, the first
    of the second browser, waits at least 2 s (an unslowed answer takes about 0.2 s here).
    Keyed per session or per try, it would be answered at once. Last in this module: its
    wrong tries would slow a later login here by a few seconds."""
    first, tab, runs = login_form(browser, server)
    second, other, other_runs = login_form(browser, server)
    try:
        for _ in range(access.FREE_ATTEMPTS + 1):
            wrong_password(tab, runs)
        assert wrong_password(other, other_runs) >= 2.0
    finally:
        first.close()
        second.close()
