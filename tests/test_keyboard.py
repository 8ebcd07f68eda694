"""Keyboard only, in Chromium: Tab reaches the region filter, the language switch, "Deel deze
weergave" and a download, each can be operated from the keyboard, and each shows where the focus
is (WCAG 2.1.1 Keyboard, 2.4.7 Focus visible). Nothing is clicked: the mouse only moves to
the corner, so that no hover effect enters the pictures.

Focus visible is checked the way a sighted keyboard user sees it: a picture of the control and
its surroundings before the focus reaches it and one while it has the focus must differ.
"""

import csv
import io
from pathlib import Path

import pytest

from tests.support.browser import require_chromium, wait_ready

require_chromium()  # the fixtures (server, browser, page): tests/support/browser.py

MAX_TABS = 150  # more Tab presses than the Krapte page has stops (about 60 with its charts)
MARGIN = 6  # pixels around a control that belong to its picture (outlines are drawn outside)

# CSS that takes away everything a focus indicator is drawn with (outline, shadow, border and
# text colours, background), focused or not: the probe that shows the check can fail.
NO_FOCUS_STYLE = """
* {
  outline: none !important; box-shadow: none !important; transition: none !important;
  border-color: transparent !important; color: #000 !important;
  background-color: transparent !important;
}
"""


def picture(page, target) -> bytes:
    """What the screen shows of ``target`` (a locator or an element) and a margin round it."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    clip = {
        "x": max(box["x"] - MARGIN, 0),
        "y": max(box["y"] - MARGIN, 0),
        "width": box["width"] + 2 * MARGIN,
        "height": box["height"] + 2 * MARGIN,
    }
    return page.screenshot(clip=clip, animations="disabled", caret="hide")


def tab_to(page, target, backwards: bool = False) -> int:
    """Press Tab (or Shift+Tab) until ``target`` or an element inside it has the focus; the
    number of presses. Fails when the focus never gets there."""
    handle = target.element_handle()
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("el => el.contains(document.activeElement)", handle):
            return presses
    pytest.fail(f"Tab never reached {target} in {MAX_TABS} presses")


def reach(page, target, backwards: bool = False) -> bool:
    """Tab to ``target``; whether the screen shows that it has the focus."""
    page.mouse.move(0, 0)  # no hover effect in the pictures
    before = picture(page, target)
    tab_to(page, target, backwards)
    return picture(page, target) != before


def start(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .gtitle", timeout=60_000)
    page.locator("body").focus()


def stops_without_focus(page) -> list[str]:
    """Tab through the whole page once; the stops whose picture does not change when they get
    the focus (each is pictured focused, then without the focus, then focused again)."""
    hidden, first = [], None
    for _press in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate_handle("document.activeElement")
        if page.evaluate("e => e === document.body", stop) or (
            first and page.evaluate("(e, f) => e === f", [stop, first])
        ):
            return hidden  # round the page once
        first = first or stop
        focused = picture(page, stop)
        page.evaluate("e => e.blur()", stop)
        if picture(page, stop) == focused:
            hidden.append(page.evaluate(DESCRIBE, stop))
        page.evaluate("e => e.focus()", stop)
    pytest.fail(f"the page has more than {MAX_TABS} stops")


DESCRIBE = """e => [e.tagName, e.getAttribute('aria-label') || e.innerText.slice(0, 40),
                  e.closest('[data-testid]')?.dataset.testid].join(' | ')"""


def test_every_stop_on_a_page_shows_where_the_focus_is(server, page):
    start(page, server, "Krapte?regio=twente")
    page.mouse.move(0, 0)
    assert stops_without_focus(page) == []


def test_the_region_filter_and_the_language_switch_work_by_keyboard(server, page):
    start(page, server, "Krapte?regio=twente")
    regions = page.get_by_role("combobox", name="Regio's")
    assert reach(page, regions), "the region filter shows no focus"
    page.keyboard.type("Regio Zwol")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('regio-zwolle')", timeout=15_000)
    page.keyboard.press("Escape")
    wait_ready(page)
    chips = page.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag] span[title]")
    assert "Regio Zwolle" in [chip.strip() for chip in chips.all_text_contents()]

    dutch = page.get_by_role("radio", name="NL", exact=True)
    assert reach(page, dutch, backwards=True), "the language switch shows no focus"
    page.keyboard.press("ArrowRight")  # a radio group: the arrows move between its choices
    english = page.get_by_role("radio", name="EN", exact=True)
    if english.get_attribute("aria-checked") != "true":
        page.keyboard.press("Space")
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=15_000)
    # the link is written at the end of the run, which on a loaded machine comes a while later
    page.wait_for_function("() => location.search.includes('taal=en')", timeout=15_000)
    wait_ready(page)
    assert "taal=en" in page.url and "regio-zwolle" in page.url  # the choice kept the filter
    page.get_by_role("heading", name="Labour market shortage").wait_for(timeout=15_000)


def test_share_and_download_work_by_keyboard(server, page):
    start(page, server, "Krapte?regio=twente,achterhoek&taal=en")
    share = page.get_by_role("button", name="Share this view")
    assert reach(page, share), "Share this view shows no focus"
    page.keyboard.press("Enter")
    links = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode']")
    links.first.wait_for(timeout=15_000)
    shown = links.all_text_contents()
    assert len(shown) == 2 and all("regio=twente" in link and "taal=en" in link for link in shown)
    assert "stand=" in shown[0] and "stand=" not in shown[1]  # pinned first, then current
    page.keyboard.press("Escape")
    links.first.wait_for(state="hidden", timeout=10_000)

    download = page.get_by_role("button", name="CSV").first
    assert reach(page, download), "the CSV download shows no focus"
    with page.expect_download(timeout=15_000) as started:
        page.keyboard.press("Enter")
    saved = started.value
    assert saved.suggested_filename.startswith("hcdash-") and saved.suggested_filename.endswith(
        ".csv"
    )
    rows = list(csv.reader(io.StringIO(Path(saved.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1 and any("Twente" in cell for row in rows[1:] for cell in row)


def test_the_focus_check_sees_a_page_without_focus_indicators(server, page):
    """The probe: with every means of a focus indicator taken away, the share button that the
    test above finds visible no longer shows its focus."""
    start(page, server, "Krapte")
    page.add_style_tag(content=NO_FOCUS_STYLE)
    share = page.get_by_role("button", name="Deel deze weergave")
    assert not reach(page, share)
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    page.locator("body").focus()
    hidden = stops_without_focus(page)  # the whole page too
    for control in ("Clear all", "Tabel bij deze", "CSV", "Excel"):
        assert any(control in stop for stop in hidden), "\n".join(hidden)
