"""What the browser tests share: Debian's Chromium, a dashboard on a private copy of the demo
store, a tab that fails on any dialog, and waiting for a page to finish.

The browser tests need Chromium at /usr/bin/chromium (``./dev test`` installs it). In CI they
must run: without Chromium they fail there, and elsewhere they skip with that reason. On failure
a screenshot is kept in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest

from hcdash import access
from tests.support.servers import ROOT, DashboardServer

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


def require_chromium() -> None:
    """Call at the top of a browser test module."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (./dev test installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason, allow_module_level=True)


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
    from playwright.sync_api import sync_playwright

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


def wait_charts(tab, titled: int = 0) -> None:
    """Until every plotly chart on the page has drawn its SVG, and at least ``titled`` charts
    their titles (a chart's title is drawn after its data). ``titled`` makes the wait not pass
    before the charts are in the page at all."""
    tab.wait_for_function(
        """titled => {
            const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.every(chart => chart.querySelector('.js-plotly-plot .main-svg'))
                && charts.filter(chart => chart.querySelector('.gtitle')).length >= titled;
        }""",
        arg=titled,
        timeout=30_000,
    )


KRAPTE_CHARTS = 4  # Krapte with a quarter: heatmap, tension, ranking and vacancies


def open_expanders(tab) -> None:
    """Every expander open, and every chart's table in it drawn (opening a chart's table runs
    the page again, which draws it)."""
    closed = tab.locator("[data-testid='stExpander'] details:not([open]) > summary")
    for _ in range(2 * closed.count() + 2):  # a click lost while the page runs is made again
        if closed.count() == 0:
            break
        closed.first.click()
        wait_ready(tab)
    assert closed.count() == 0, "an expander did not open"
    tab.wait_for_function(
        """() => [...document.querySelectorAll('[class*="st-key-table-"]')]
                 .every(table => table.querySelector('[data-testid="stDataFrame"]'))""",
        timeout=30_000,
    )


def chart_texts(tab, charts: int) -> list[str]:
    """Every text in the page's plotly charts, once ``charts`` of them have drawn."""
    wait_charts(tab, titled=charts)
    return tab.locator(".js-plotly-plot text").all_text_contents()


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


def confirm_warnings(page) -> None:
    """Tick the confirmation of the plausibility checks' warnings when the preview shows some
    (a value that contradicts the stored figures: Laden waits for it)."""
    label = page.get_by_text(re.compile(r"^Ik heb de \S+ waarschuwing"))
    ready = page.get_by_role("button", name="Laden").and_(page.locator(":enabled"))
    # The checks can finish after the preview's heading shows (slower on a lake): wait for
    # either the confirmation or a Laden that needs none, never only look once.
    label.or_(ready).first.wait_for(timeout=60_000)
    if label.count():
        label.click()  # the label, as a person does (Streamlit's box lies under it)
        ready.wait_for()


def loaded(page) -> None:
    page.get_by_text(re.compile(r"^Geladen als upload \d+")).wait_for(timeout=60_000)
