"""AppTest over every page, on the demo database; expected values computed from the demo frame."""

import base64
import json
from datetime import date

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hcdash.format import number
from tests.conftest import ROOT

OOST = ["twente", "regio-zwolle", "stedendriehoek", "midden-gelderland", "rijk-van-nijmegen",
        "achterhoek", "rivierenland", "foodvalley"]  # fmt: skip
GELDERLAND = OOST[2:]
OOST_NAMES = ["Twente", "Regio Zwolle", "Veluwe Stedendriehoek", "Midden-Gelderland",
              "Rijk van Nijmegen", "Achterhoek", "Rivierenland", "FoodValley"]  # fmt: skip
TIMEOUT = 60


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("HCDASH_DB", str(demo_db))

    def open_page(script: str) -> AppTest:
        """Start the app as streamlit does (app.py is the entry point), then go to ``script``."""
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
        if script != "app.py":
            at.switch_page(script).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(trace: dict, axis: str) -> list:
    """A trace's x or y as a list; plotly sends numeric arrays as base64 typed arrays."""
    data = trace[axis]
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(
            base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"])
        ).tolist()
    return list(data)


def total(frame, indicator, regions, sector, period_start):
    rows = frame[
        (frame["indicator"] == indicator)
        & frame["region"].isin(regions)
        & (frame["sector"] == sector)
        & (frame["period_start"] == period_start)
    ]
    assert rows["region"].nunique() == len(regions)
    return rows["value"].sum()


def test_overview_headlines(app, demo_frame):
    at = app("app.py")
    metrics = {m.label: m.value for m in at.metric}
    q3 = date(2026, 7, 1)
    vac = total(demo_frame, "vacatures", OOST, "alle", q3)
    ww = total(demo_frame, "ww_kort", OOST, "alle", q3)
    assert metrics["Spanningsindicator"] == number(vac / ww, 2)
    assert metrics["Openstaande vacatures"] == number(vac)
    technical = sum(
        total(demo_frame, f"instroom_{level}", OOST, field, date(2026, 1, 1))
        for level in ("mbo", "hbo", "wo")
        for field in ("energie", "hightech", "maakindustrie")
    )
    assert metrics["Technische instroom"] == number(technical)
    llo = total(demo_frame, "llo_energie_deelnemers", GELDERLAND, "energie", date(2026, 10, 1))
    assert metrics["LLO Energie Gelderland"] == number(llo)
    llo_delta = next(m for m in at.metric if m.label == "LLO Energie Gelderland").delta
    assert llo_delta == f"{round(100 * llo / 10_000)}% van 10.000"
    assert any("Voorbeelddata" in w.value for w in at.warning)
    assert any("2026 K3 · voorlopig" in c.value for c in at.caption)


def test_first_start_creates_database_with_demo_data(tmp_path, monkeypatch):
    path = tmp_path / "fresh" / "hcdash.duckdb"
    monkeypatch.setenv("HCDASH_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert path.exists()
    assert len(at.metric) == 4
    assert any("Voorbeelddata" in w.value for w in at.warning)


def test_shortage_page_chart_with_bands_and_regio_oost(app, demo_frame):
    at = app("pages/1_Krapte.py")
    tension, vacancies = specs(at)
    assert [t["name"] for t in tension["data"]] == [*OOST_NAMES, "Regio Oost"]
    assert tension["layout"]["title"]["text"].startswith("Spanningsindicator per regio")
    top = 1.05 * max(max(values(trace, "y")) for trace in tension["data"])
    bands = [(s["y0"], s["y1"]) for s in tension["layout"]["shapes"]]
    expected = [(0, 0.25), (0.25, 0.67), (0.67, 1.5), (1.5, min(4.0, top))]
    assert bands == expected + ([(4.0, top)] if top > 4.0 else [])
    labels = [a["text"] for a in tension["layout"]["annotations"]]
    assert labels == ["zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap"][: len(bands)]
    assert tension["data"][-1]["line"] == {"color": "#000000", "width": 4}  # Regio Oost
    assert [t["name"] for t in vacancies["data"]] == OOST_NAMES
    assert len(at.get("download_button")) == 4

    at.selectbox(key="krapte_sector").set_value("energie").run()
    tension = specs(at)[0]
    assert "energie" in tension["layout"]["title"]["text"]
    regio_oost = tension["data"][-1]
    q3 = date(2026, 7, 1)
    expected = total(demo_frame, "vacatures", OOST, "energie", q3) / total(
        demo_frame, "ww_kort", OOST, "energie", q3
    )
    assert values(regio_oost, "y")[-1] == pytest.approx(expected, rel=1e-12)


def test_shortage_page_without_regions_says_why(app):
    at = app("pages/1_Krapte.py")
    at.multiselect(key="krapte_regions").set_value([]).run()
    charts = specs(at)
    assert len(charts) == 1  # only Regio Oost remains in the tension chart
    assert [t["name"] for t in charts[0]["data"]] == ["Regio Oost"]
    assert any("kies ten minste één regio" in i.value for i in at.info)


def test_intake_page_table_shows_the_values(app, demo_frame):
    at = app("pages/2_Instroom.py")
    at.segmented_control(key="instroom_level").set_value("wo").run()
    at.multiselect(key="instroom_regions").set_value(["twente", "foodvalley"]).run()
    at.selectbox(key="instroom_sector").set_value("hightech").run()
    (spec,) = specs(at)
    assert spec["layout"]["title"]["text"] == "Eerstejaars wo per regio, hightech, per studiejaar"
    assert [t["name"] for t in spec["data"]] == ["Twente", "FoodValley"]
    shown = at.dataframe[0].value
    row = shown[(shown["Regio"] == "Twente") & (shown["Periode"] == "2024")]
    expected = total(demo_frame, "instroom_wo", ["twente"], "hightech", date(2024, 1, 1))
    assert row["Eerstejaars"].tolist() == [number(expected)]


def test_llo_page_progress_against_target(app, demo_frame):
    at = app("pages/3_LLO_Energy.py")
    progress, contributions = specs(at)
    trajectory, actual = progress["data"]
    llo = total(demo_frame, "llo_energie_deelnemers", GELDERLAND, "energie", date(2026, 10, 1))
    assert values(actual, "y")[-1] == llo
    assert values(actual, "x")[-1] == "okt 2026"
    # the trajectory runs per month from jan 2023 to dec 2026: 31 of 1461 days after January
    months = values(trajectory, "x")
    assert (months[0], months[-1], len(months)) == ("jan 2023", "dec 2026", 48)
    assert values(trajectory, "y")[0] == pytest.approx(10_000 * 31 / 1461)
    assert values(trajectory, "y")[-1] == 10_000
    target_lines = [s for s in progress["layout"]["shapes"] if s.get("y0") == s.get("y1")]
    assert [s["y0"] for s in target_lines] == [10000]
    assert len(contributions["data"]) == 6
    assert {t["stackgroup"] for t in contributions["data"]} == {"total"}
    assert at.metric[0].value == number(llo)
