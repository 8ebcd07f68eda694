"""Browser tests in Chromium against a running dashboard: what only a browser shows (the URL
following the filters, links opened in a fresh browser, the upload form, the rendered chart).

They need Debian's Chromium at /usr/bin/chromium (``./dev test`` installs it). In CI they must
run: without Chromium they fail there, and elsewhere they skip with that reason. On failure a
screenshot is kept in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest

from bench.servers import DashboardServer
from hcdash import access
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "browser test password"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    reason = f"browser tests need Chromium at {CHROMIUM} (./dev test installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory, stores, demo_template):
    """The dashboard on a free port, on a private copy of the demo store."""
    folder = tmp_path_factory.mktemp("browser")
    ref = stores.copy(demo_template, "browser")
    env = {**ref.env(), access.HASH_ENV_VAR: access.hash_password(PASSWORD, iterations=1000)}
    with DashboardServer(folder, env) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A tab that records every dialog (alert, confirm, prompt) a page opens: none may open."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="nl-NL")
    tab = context.new_page()
    tab.dialogs = []

    def seen(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", seen)
    yield tab
    assert tab.dialogs == [], f"a page opened a dialog: {tab.dialogs}"
    if getattr(request.node, "failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_ready(tab) -> None:
    """Until Streamlit has finished running the page script."""
    tab.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )
    tab.wait_for_timeout(500)


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


def test_a_bad_link_shows_a_notice_and_the_page_works(server, page):
    page.goto(f"{server}/Krapte?regio={HOSTILE}&kwartaal=2099-Q9&sector=energie")
    wait_ready(page)
    notice = page.get_by_text("Niet gebruikt uit de link")
    notice.wait_for(timeout=15_000)
    assert "<script>alert(1)</script>" in notice.inner_text()  # shown as text
    assert page.locator("[data-testid='stAlert'] script, [data-testid='stAlert'] img").count() == 0
    page.wait_for_selector(".js-plotly-plot .gtitle")
    assert len(chart_titles(page)) == 4
    assert "kwartaal" not in page.url
    page.wait_for_timeout(500)  # an onerror handler would have fired by now
    assert page.dialogs == []  # no alert ran (the fixture also checks after every test)


def test_the_dialog_check_sees_an_alert(server, page):
    """The check above can fail: an alert that does run is recorded."""
    page.goto(f"{server}/Krapte")
    wait_ready(page)
    page.evaluate("() => setTimeout(() => alert('probe'), 0)")
    page.wait_for_timeout(500)
    assert page.dialogs == ["probe"]
    page.dialogs.clear()


def log_in(page, server: str, name: str = "Browser Test") -> None:
    """Open the Data page and log in as an analyst."""
    page.goto(f"{server}/Data")
    wait_ready(page)
    page.get_by_label("Uw naam (komt bij de upload te staan)").fill(name)
    page.get_by_label("Analistenwachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text(f"Ingelogd als analist: {name}").wait_for(timeout=15_000)


def choose_file(page, csv: Path) -> None:
    """Put ``csv`` in the upload form and wait for its preview (the Laden button is next)."""
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_text(f"Voorbeeld van {csv.name}").wait_for(timeout=30_000)


def loaded(page) -> None:
    page.get_by_text(re.compile(r"^Geladen als upload \d+")).wait_for(timeout=60_000)


def test_analyst_uploads_a_file_and_the_chart_shows_it(server, page, tmp_path):
    csv = tmp_path / "krapte.csv"
    csv.write_text(
        "indicator;regio;sector;periode;waarde\nspanningsindicator;Twente;energie;2026 K3;9,87\n"
    )
    log_in(page, server)
    choose_file(page, csv)
    page.get_by_role("button", name="Laden").click()
    loaded(page)

    page.goto(f"{server}/Krapte?regio=twente&kwartaal=2026-Q3")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .gtitle")
    cells = page.locator(".js-plotly-plot text").all_text_contents()
    assert "9,87" in cells


def test_a_pinned_link_shows_the_figures_as_they_were(server, page):
    """After the upload above superseded a value, the link pinned to the demo upload (1) shows
    the old value and says so; the same view without ``stand`` shows the new one."""
    page.goto(f"{server}/Krapte?regio=twente&kwartaal=2026-Q3&stand=1")
    wait_ready(page)
    page.get_by_text("U bekijkt de cijfers zoals ze waren op").wait_for(timeout=20_000)
    page.wait_for_selector(".js-plotly-plot .gtitle")
    assert "9,87" not in page.locator(".js-plotly-plot text").all_text_contents()
    assert "stand=1" in page.url
    current = page.get_by_role("link", name="Bekijk de actuele stand")
    assert "stand" not in current.get_attribute("href")
    current.click()  # in the same tab
    page.get_by_text("U bekijkt de cijfers zoals ze waren op").wait_for(state="detached")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .gtitle")
    assert "9,87" in page.locator(".js-plotly-plot text").all_text_contents()
