"""tests/support/stclient.py against a real dashboard: a ``streamlit run`` server on a free
port and a fresh demo database, driven over Streamlit's own websocket protocol, without a
browser."""

import pytest

from hcdash.i18n import t
from tests.support.servers import START_SECONDS, DashboardServer
from tests.support.stclient import Session


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard on a free port; the app creates ``t.duckdb`` with demo data itself."""
    folder = tmp_path_factory.mktemp("stclient")
    with DashboardServer(folder, {"HCDASH_DB": str(folder / "t.duckdb")}) as running:
        yield running.url


def test_home_page(server):
    with Session(server) as tab:
        run = tab.run(timeout=START_SECONDS)
    assert run.finished, run
    assert run.exceptions == []
    assert run.title == t("overview.title", "nl") == "Overzicht Regio Oost"
    assert "Overzicht Regio Oost" in run.texts
    assert {"heading", "metric", "plotly_chart"} <= set(run.elements)
    assert ("warning", t("frame.demo", "nl")) in run.alerts  # the demo data banner
    assert not [text for level, text in run.alerts if level == "error"]
    assert run.page == "" and run.seconds > 0


def test_krapte_with_a_query(server):
    with Session(server) as tab:
        run = tab.run(page="Krapte", query="regio=twente", timeout=START_SECONDS)
        assert tab.pages[""] != tab.pages["Krapte"]  # page hashes, from the navigation message
    assert run.finished and run.exceptions == []
    assert run.page == "Krapte"
    assert run.title == t("shortage.title", "nl")
    assert run.elements.count("plotly_chart") >= 3
    assert run.query == "regio=twente"  # the link stays as it was
    assert "shortage_sector" in run.widgets and run.widgets["shortage_sector"].startswith("$$ID-")


def test_widget_change_reruns_and_is_kept(server):
    with Session(server, page="Krapte", query="regio=twente") as tab:
        first = tab.run(timeout=START_SECONDS)
        assert first.finished, first
        picked = tab.run(widgets={"shortage_sector": "Energie"})
        # The script writes the filters back to the URL: the tab takes that query over.
        assert picked.finished and picked.exceptions == []
        assert picked.query == "regio=twente&sector=energie"
        assert picked.elements.count("plotly_chart") >= 3
        again = tab.run()  # a plain rerun keeps the value the tab set, as a browser does
        assert again.query == "regio=twente&sector=energie"
        english = tab.run(widgets={"shortage_taal": "EN", "shortage_jaren": ("2020", "2024")})
        assert english.finished and english.exceptions == []
        assert english.title == t("shortage.title", "en")
        assert english.query == "taal=en&regio=twente&sector=energie&jaren=2020-2024"


def test_link_and_page_mistakes(server):
    with Session(server) as tab:
        odd = tab.run(page="Krapte", query="regio=atlantis", timeout=START_SECONDS)
        assert odd.finished and odd.exceptions == []
        assert any("regio=atlantis" in text for level, text in odd.alerts if level == "warning")
        with pytest.raises(KeyError):
            tab.run(widgets={"no_such_key": 1})
        with pytest.raises(ValueError):
            tab.run(widgets={"shortage_sector": "Ruimtevaart"})
        lost = tab.run(page="Nergens")
        assert lost.page_not_found and lost.page == ""
        assert lost.title == t("overview.title", "nl")
