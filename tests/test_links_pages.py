"""Links on real pages (AppTest): a link restores the view, a bad link is survived with a
notice, and the URL follows the filters. (What only a browser shows is in test_browser.py.)"""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page


@pytest.fixture
def open_link(demo_ref, monkeypatch):
    demo_ref.use(monkeypatch)

    def go(script: str, **params) -> AppTest:
        return open_page(script, link=params)

    return go


def traces(at, index: int) -> list[str]:
    return [t.get("name") for t in json.loads(at.get("plotly_chart")[index].proto.spec)["data"]]


def test_a_link_restores_the_view(open_link):
    at = open_link(
        "pages/1_Krapte.py",
        regio="twente,achterhoek",
        sector="energie",
        jaren="2020-2024",
        taal="en",
    )
    assert at.title[0].value == "Labour market shortage"
    assert at.multiselect(key="shortage_regio").value == ["twente", "achterhoek"]
    assert traces(at, 1) == ["Twente", "Achterhoek", "Regio Oost"]
    series = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert "energy" in series["layout"]["title"]["text"]
    assert series["layout"]["xaxis"]["categoryarray"][0] == "2020 Q1"
    assert not at.warning or all("Not used" not in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"regio": "twente,nergenshuizen"}, "regio=nergenshuizen (onbekend)"),
        ({"kwartaal": "2031-Q9"}, "kwartaal=2031\\-Q9"),
        ({"sector": "x" * 5000}, "(te lang)"),
        ({"regio": "<img src=x onerror=alert(1)>"}, "\\<img src=x onerror=alert\\(1\\)\\>"),
        ({"sector": "'; DROP TABLE observations; --"}, "(onbekend)"),
        ({"jaren": "1900-3000"}, "buiten 2015–2026"),
        ({"onbekend": "1"}, "onbekend (onbekende parameter)"),
    ],
)
def test_a_bad_link_is_survived_with_a_notice(open_link, params, ignored):
    at = open_link("pages/1_Krapte.py", **params)
    notices = [w.value for w in at.warning if "Niet gebruikt uit de link" in w.value]
    assert len(notices) == 1 and ignored in notices[0], notices
    assert len(at.get("plotly_chart")) == 4  # the page works
    for name in params:
        value = at.query_params.get(name)
        assert value in (None, "twente"), dict(at.query_params)


def test_a_parameter_repeated_a_thousand_times(open_link):
    at = open_link("pages/6_Mismatch.py", regio=["twente"] * 1000)
    assert any("herhalingen te veel" in w.value for w in at.warning)
    assert at.multiselect(key="mismatch_regio").value == ["twente"]


def test_the_url_follows_the_filters_and_leaves_defaults_out(open_link):
    at = open_link("pages/2_Instroom.py")
    assert dict(at.query_params) == {}
    at.segmented_control(key="intake_niveau").set_value("wo").run()
    at.multiselect(key="intake_regio").set_value(["foodvalley", "twente"]).run()
    assert dict(at.query_params) == {"niveau": "wo", "regio": "twente,foodvalley"}
    at.segmented_control(key="intake_niveau").set_value("mbo").run()
    assert dict(at.query_params) == {"regio": "twente,foodvalley"}


def test_shared_filters_carry_over_to_other_pages(open_link):
    at = open_link("pages/1_Krapte.py", regio="rivierenland", sector="hightech")
    at.switch_page("pages/2_Instroom.py").run()
    assert at.multiselect(key="intake_regio").value == ["rivierenland"]
    assert at.selectbox(key="intake_sector").value == "hightech"
    links = [link for link in at.get("page_link")]
    assert links, "the menu links to the other pages"


def test_share_control_shows_the_full_link(open_link):
    at = open_link("pages/5_Regioprofiel.py", regio="achterhoek")
    codes = [c.value for c in at.get("code")]
    assert any(code.endswith("?regio=achterhoek") for code in codes), codes


@pytest.mark.parametrize(
    ("params", "group"),
    [
        ({"vergelijk": "nl"}, "Nederland"),
        ({"vergelijk": "vergelijkbaar"}, "de 5 meest vergelijkbare regio's (arbeidsmarkt)"),
        ({"vergelijk": "vergelijkbaar", "thema": "economy"}, "(economie)"),
        ({"vergelijk": "vergelijkbaar", "thema": "population"}, "(bevolking)"),
    ],
)
def test_a_profile_link_restores_its_comparison_group(open_link, params, group):
    """Every comparison group and theme a link can name opens, with its controls set, the group
    named in the table's title, the link kept as it was, and the choice in the pinned and the
    current link that *Deel deze weergave* offers."""
    at = open_link("pages/5_Regioprofiel.py", regio="achterhoek", **params)
    assert at.segmented_control(key="profile_vergelijk").value == params["vergelijk"]
    assert at.segmented_control(key="profile_thema").value == params.get("thema", "labour")
    (title,) = [h.value for h in at.subheader if h.value.startswith("Achterhoek")]
    assert group in title
    (regions,) = [c.value for c in at.caption if c.value.startswith("Vergeleken met: ")]
    names = regions.removeprefix("Vergeleken met: ").removesuffix(".").split(", ")
    if params["vergelijk"] == "nl":
        assert len(names) == 35 and "Achterhoek" in names
    else:  # the 5 nearest, never the region itself
        assert len(names) == 5 and "Achterhoek" not in names
    pinned, current = (c.value for c in at.get("code"))  # Deel deze weergave: both links
    for name, value in params.items():
        assert at.query_params[name] == value
        assert f"{name}={value}" in pinned and f"{name}={value}" in current
    assert "stand=1" in pinned and "stand" not in current


def test_the_profile_link_follows_the_comparison_and_a_bad_one_gets_a_notice(open_link):
    at = open_link("pages/5_Regioprofiel.py", vergelijk="buurland")
    notices = [w.value for w in at.warning if "Niet gebruikt uit de link" in w.value]
    assert len(notices) == 1 and "vergelijk=buurland (onbekend)" in notices[0], notices
    assert at.segmented_control(key="profile_vergelijk").value == "oost"
    at.segmented_control(key="profile_vergelijk").set_value("vergelijkbaar").run()
    assert at.query_params["vergelijk"] == "vergelijkbaar"
    at.segmented_control(key="profile_thema").set_value("population").run()
    assert at.query_params["thema"] == "population"
    at.segmented_control(key="profile_vergelijk").set_value("oost").run()
    assert "vergelijk" not in at.query_params  # a default is left out of the link
