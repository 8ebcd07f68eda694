"""AppTest over every page, on the demo database; expected values computed from the demo frame
(the generator's own pandas output), not from the query layer under test."""

import base64
import json
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from hcdash.format import number
from tests.conftest import APP_TIMEOUT, ROOT, open_tables, shown
from tests.support.regions import GELDERLAND, OOST, OOST_NAMES

Q3_2026 = date(2026, 7, 1)


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(trace: dict, axis: str) -> list:
    """A trace's x, y or z as a list; plotly sends numeric arrays as base64 typed arrays."""
    data = trace[axis]
    if isinstance(data, dict) and "bdata" in data:
        flat = np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
        if "shape" in data:
            return flat.reshape([int(n) for n in str(data["shape"]).split(",")]).tolist()
        return flat.tolist()
    return list(data)


def pick(frame, **conditions) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in conditions.items():
        wanted = value if isinstance(value, list | tuple | set) else [value]
        mask &= frame[column].isin(wanted)
    return frame[mask]


def total(frame, indicator, regions, sector, period_start) -> float:
    rows = pick(
        frame, indicator=indicator, region=regions, sector=sector, period_start=period_start
    )
    assert rows["region"].nunique() == len(regions)
    return rows["value"].sum()


# --- Overzicht ------------------------------------------------------------------------------


def test_overview_headlines(app, demo_frame):
    at = app("app.py")
    metrics = {m.label: m.value for m in at.metric}
    vac = total(demo_frame, "vacatures", OOST, "alle", Q3_2026)
    ww = total(demo_frame, "ww_kort", OOST, "alle", Q3_2026)
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


def test_overview_map_follows_the_chosen_indicator(app, demo_frame):
    """Without an uploaded boundary file, the map draws the boundaries hcdash ships: Regio
    Oost's eight regions coloured by the indicator, the other 27 grey around them."""
    at = app("app.py")
    at.selectbox(key="overview_kaart").set_value("vacatures").run()
    (shown,) = specs(at)
    assert (
        shown["layout"]["title"]["text"] == "Openstaande vacatures per arbeidsmarktregio, 2026 K3"
    )
    filled = [t for t in shown["data"] if t.get("fill") == "toself"]
    grey = [t for t in filled if t["fillcolor"] == "#dcdcdc"]
    coloured = {t["name"]: t for t in filled if t["fillcolor"] != "#dcdcdc"}
    assert len(grey) == 27 and sorted(coloured) == sorted(OOST_NAMES)
    for slug, name in zip(OOST, OOST_NAMES, strict=True):
        expected = total(demo_frame, "vacatures", [slug], "alle", Q3_2026)
        assert coloured[name]["text"] == f"{name}: {number(expected)}"
    twente, foodvalley = (
        [x for x in coloured[name]["x"] if x is not None] for name in ("Twente", "FoodValley")
    )
    assert min(twente) > max(foodvalley)  # Twente lies east of FoodValley
    captions = [plain_text(c.value) for c in at.caption]
    assert any(c.startswith("Grenzen: CBS, gebiedsindelingen 2025 (CC BY 4.0)") for c in captions)


def test_the_tile_map_is_the_fallback_without_boundaries(app, demo_frame, monkeypatch):
    from hcdash import boundaries
    from hcdash.ui import frame

    monkeypatch.setattr(
        boundaries, "shipped", lambda: {"type": "FeatureCollection", "features": []}
    )
    frame._built.clear()  # a map built before, with the shipped boundaries
    at = app("app.py")
    at.selectbox(key="overview_kaart").set_value("vacatures").run()
    (tiles,) = specs(at)
    trace = tiles["data"][0]
    colours = dict(
        zip(
            [t.split(": ")[0] for t in trace["text"]], values(trace["marker"], "color"), strict=True
        )
    )
    for slug, name in zip(OOST, OOST_NAMES, strict=True):
        assert colours[name] == total(demo_frame, "vacatures", [slug], "alle", Q3_2026)
    twente = OOST.index("twente")
    assert values(trace, "x")[twente] > values(trace, "x")[OOST.index("foodvalley")]  # east
    assert trace["marker"]["colorscale"][0][1].lower().startswith("#00")  # cividis
    tile_texts = [a["text"] for a in tiles["layout"]["annotations"]]
    assert f"<b>Twente</b><br>{number(colours['Twente'])}" in tile_texts
    assert len(tiles["layout"]["shapes"]) == 8
    frame._built.clear()  # not for the next test


def test_english_switch(app):
    at = app("app.py")
    at.sidebar.segmented_control(key="overview_taal").set_value("en").run()
    assert at.title[0].value == "Regio Oost overview"
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Labour market tension", "Open vacancies"]
    assert "." in at.metric[0].value and "," not in at.metric[0].value  # 2.09, not 2,09
    assert any("Demo data" in w.value for w in at.warning)


@pytest.mark.embedded_only("a lake is created by `hcdash init`, not by the dashboard")
def test_first_start_creates_database_with_demo_data(tmp_path, monkeypatch):
    path = tmp_path / "fresh" / "hcdash.duckdb"
    monkeypatch.setenv("HCDASH_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    assert not at.exception
    assert path.exists()
    assert len(at.metric) == 4


# --- Krapte ---------------------------------------------------------------------------------


def test_shortage_heatmap_in_uwv_bands(app, demo_frame):
    at = app("pages/1_Krapte.py")
    heatmap = specs(at)[0]
    assert heatmap["layout"]["title"]["text"] == "Spanningsindicator per regio en sector, 2026 K3"
    trace = heatmap["data"][0]
    assert values(trace, "y") == [*OOST_NAMES, "Regio Oost"]
    assert values(trace, "x")[:3] == ["Alle sectoren", "Voedsel en agrifood", "Energie"]
    twente_energy = pick(
        demo_frame,
        indicator="spanningsindicator",
        region="twente",
        sector="energie",
        period_start=Q3_2026,
    )["value"].iloc[0]
    assert trace["text"][0][2] == number(twente_energy, 2)
    band = sum(twente_energy >= edge for edge in (0.25, 0.67, 1.5, 4.0))
    assert values(trace, "z")[0][2] == band
    assert trace["colorbar"]["ticktext"] == ["zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap"]
    notes = [caption.value for caption in at.caption]
    bounds = (
        "zeer ruim (< 0,25); ruim (0,25–0,67); gemiddeld (0,67–1,5); krap (1,5–4); zeer krap (≥ 4)"
    )
    assert any(bounds in plain_text(note) for note in notes)  # the bounds under the chart
    # colour is not the only carrier: each cell's band in words, in the hover and the table
    names = ["zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap"]
    assert trace["customdata"][0][2] == names[band]
    cells = shown(open_tables(at).dataframe[0])
    twente = cells[(cells["Regio"] == "Twente") & (cells["Sector"] == "Energie")]
    assert twente["Band (UWV)"].tolist() == [names[band]]


def test_shortage_series_with_bands_ranking_and_vacancies(app, demo_frame):
    at = app("pages/1_Krapte.py")
    _, tension, ranking, vacancies = specs(at)
    assert [t["name"] for t in tension["data"]] == [*OOST_NAMES, "Regio Oost"]
    top = 1.05 * max(max(values(trace, "y")) for trace in tension["data"])
    bands = [(s["y0"], s["y1"]) for s in tension["layout"]["shapes"]]
    expected = [(0, 0.25), (0.25, 0.67), (0.67, 1.5), (1.5, min(4.0, top))]
    assert bands == expected + ([(4.0, top)] if top > 4.0 else [])
    assert tension["data"][-1]["line"] == {"color": "#000000", "width": 4}  # Regio Oost

    latest = pick(
        demo_frame, indicator="spanningsindicator", region=OOST, sector="alle", period_start=Q3_2026
    )
    order = latest.sort_values("value", ascending=False)["region"].tolist()
    assert values(ranking["data"][0], "y") == [OOST_NAMES[OOST.index(r)] for r in order]
    vac = total(demo_frame, "vacatures", OOST, "alle", Q3_2026)
    ww = total(demo_frame, "ww_kort", OOST, "alle", Q3_2026)
    assert ranking["layout"]["shapes"][0]["x0"] == pytest.approx(vac / ww)
    assert [t["name"] for t in vacancies["data"]] == OOST_NAMES
    assert len(at.get("download_button")) == 8


def test_shortage_sector_and_years_filter(app, demo_frame):
    at = app("pages/1_Krapte.py")
    at.selectbox(key="shortage_sector").set_value("energie").run()
    at.select_slider(key="shortage_jaren").set_range(2024, 2026).run()
    tension = specs(at)[1]
    assert "energie" in tension["layout"]["title"]["text"]
    assert values(tension["data"][0], "x")[0] == "2024 K1"
    regio_oost = tension["data"][-1]
    expected = total(demo_frame, "vacatures", OOST, "energie", Q3_2026) / total(
        demo_frame, "ww_kort", OOST, "energie", Q3_2026
    )
    assert values(regio_oost, "y")[-1] == pytest.approx(expected, rel=1e-12)


def test_shortage_without_regions_says_why(app):
    at = app("pages/1_Krapte.py")
    at.multiselect(key="shortage_regio").set_value([]).run()
    charts = specs(at)
    assert [t["name"] for t in charts[0]["data"]] == ["Regio Oost"]  # the series keeps Oost
    assert [i.value for i in at.info] == ["Kies ten minste één regio om deze grafiek te zien."]


# --- Instroom -------------------------------------------------------------------------------


def test_intake_absolute_index_change_and_technical_share(app, demo_frame):
    at = app("pages/2_Instroom.py")
    at.segmented_control(key="intake_niveau").set_value("hbo").run()
    at.multiselect(key="intake_regio").set_value(["twente", "achterhoek"]).run()
    series, change, share = specs(at)
    assert (
        series["layout"]["title"]["text"]
        == "Eerstejaars hbo per regio, alle sectoren, per studiejaar"
    )
    open_tables(at)
    assert pd.api.types.is_numeric_dtype(at.dataframe[0].value["Eerstejaars studenten"])  # sorts
    table = shown(at.dataframe[0])
    row = table[(table["Regio"] == "Twente") & (table["Periode"] == "2024")]
    expected = total(demo_frame, "instroom_hbo", ["twente"], "alle", date(2024, 1, 1))
    assert row["Eerstejaars studenten"].tolist() == [number(expected)]

    now = total(demo_frame, "instroom_hbo", ["achterhoek"], "alle", date(2026, 1, 1))
    then = total(demo_frame, "instroom_hbo", ["achterhoek"], "alle", date(2025, 1, 1))
    bars = dict(zip(values(change["data"][0], "y"), values(change["data"][0], "x"), strict=True))
    assert bars["Achterhoek"] == pytest.approx(100 * (now - then) / then)

    tech = sum(
        total(demo_frame, "instroom_hbo", ["twente"], f, date(2026, 1, 1))
        for f in ("energie", "hightech", "maakindustrie")
    )
    twente_share = next(t for t in share["data"] if t["name"] == "Twente")
    assert values(twente_share, "y")[-1] == pytest.approx(100 * tech / now_total(demo_frame))

    at.segmented_control(key="intake_weergave").set_value("index").run()
    index = specs(at)[0]
    twente = next(t for t in index["data"] if t["name"] == "Twente")
    base = total(demo_frame, "instroom_hbo", ["twente"], "alle", date(2015, 1, 1))
    last = total(demo_frame, "instroom_hbo", ["twente"], "alle", date(2026, 1, 1))
    assert values(twente, "y")[0] == pytest.approx(100)
    assert values(twente, "y")[-1] == pytest.approx(100 * last / base)
    assert "index 2015 = 100" in index["layout"]["title"]["text"]


def now_total(frame) -> float:
    return total(frame, "instroom_hbo", ["twente"], "alle", date(2026, 1, 1))


# --- LLO Energie ----------------------------------------------------------------------------


def test_llo_progress_projection_and_pace(app, demo_frame):
    at = app("pages/3_LLO_Energy.py")
    progress, contributions = specs(at)
    band, trajectory, actual, projection = progress["data"]
    assert band["fill"] == "toself"
    cumulative = (
        pick(demo_frame, indicator="llo_energie_deelnemers", region=GELDERLAND)
        .groupby("period_start")["value"]
        .sum()
        .sort_index()
    )
    current = cumulative.iloc[-1]
    assert values(actual, "y")[-1] == current
    assert values(actual, "x")[-1] == "okt 2026"
    months = values(trajectory, "x")
    assert (months[0], months[-1], len(months)) == ("jan 2023", "dec 2026", 48)
    assert values(trajectory, "y")[0] == pytest.approx(10_000 * 31 / 1461)
    assert values(trajectory, "y")[-1] == 10_000
    target_lines = [s for s in progress["layout"]["shapes"] if s.get("y0") == s.get("y1")]
    assert [s["y0"] for s in target_lines] == [10000]

    pace = cumulative.diff().dropna().tail(12).mean()
    assert values(projection, "x") == ["okt 2026", "nov 2026", "dec 2026"]
    assert values(projection, "y")[-1] == pytest.approx(current + 2 * pace)
    facts = {m.label: m.value for m in at.metric}
    assert facts["Verwacht eind 2026"] == number(current + 2 * pace)
    assert facts["Nodig tempo (per maand)"] == number((10_000 - current) / 2)
    assert facts["Tempo laatste 12 maanden (per maand)"] == number(pace)
    assert len(contributions["data"]) == 6


# --- Regioprofiel, Mismatch, Bronnen ---------------------------------------------------------


def plain_text(markdown: str) -> str:
    """Markdown as it reads: without the backslashes that ``plain()`` puts before symbols."""
    return re.sub(r"\\(.)", r"\1", markdown)


def dutch(text: str) -> float:
    """A number as the Dutch pages write it (1.234,5 or −3,2) back to a float."""
    return float(text.replace(".", "").replace(",", ".").replace("−", "-"))


def test_region_profile_against_regio_oost(app, demo_frame):
    at = app("pages/5_Regioprofiel.py")
    at.selectbox(key="profile_regio").set_value("achterhoek").run()
    table = shown(at.dataframe[-1])
    row = table[table["Indicator"] == "Openstaande vacatures"].iloc[0]
    own = total(demo_frame, "vacatures", ["achterhoek"], "alle", Q3_2026)
    oost = total(demo_frame, "vacatures", OOST, "alle", Q3_2026)
    labour = total(
        demo_frame, "werkzame_beroepsbevolking", ["achterhoek"], "alle", date(2025, 1, 1)
    )
    labour_oost = total(demo_frame, "werkzame_beroepsbevolking", OOST, "alle", date(2025, 1, 1))
    assert row["Periode"] == "2026 K3"
    assert row["Vergeleken als"] == "per 1.000 werkenden"
    # a rate per 1,000 is written with one decimal
    assert dutch(row["Achterhoek"]) == pytest.approx(round(1000 * own / labour, 1))
    assert dutch(row["Regio Oost"]) == pytest.approx(round(1000 * oost / labour_oost, 1))
    older = table[table["Indicator"] == "Aandeel werkenden van 55 jaar en ouder"].iloc[0]
    median = pick(
        demo_frame, indicator="aandeel_55plus", region=OOST, period_start=date(2025, 1, 1)
    )["value"].median()
    assert dutch(older["Regio Oost"]) == pytest.approx(median, abs=0.051)  # one decimal
    assert older["Vergeleken als"] == "mediaan van 8 van de 8 regio's (niet op te tellen)"
    assert "." not in older["Regio Oost"]  # a decimal comma, as in the charts


def test_region_profile_says_better_and_worse_as_its_chart_draws(app):
    """The bars, the table's judgement column and the strongest and weakest points agree: one
    number, turned round where lower is better (short-term WW: more is worse)."""
    at = app("pages/5_Regioprofiel.py")
    at.selectbox(key="profile_regio").set_value("achterhoek").run()
    (chart,) = specs(at)
    bars = dict(zip(values(chart["data"][0], "y"), values(chart["data"][0], "x"), strict=True))
    table = shown(at.dataframe[-1]).set_index("Indicator")
    judged = table[table["Hoger is"] != "geen oordeel"]
    assert set(judged.index) == set(bars)
    for indicator, row in judged.iterrows():
        score = dutch(row["Gunstiger (+) of ongunstiger (−) (%)"])
        assert score == pytest.approx(bars[indicator], abs=0.05)
        difference = dutch(row["Verschil (%; + is hoger)"])
        assert score == pytest.approx(difference if row["Hoger is"] == "gunstiger" else -difference)
    best, worst = max(bars, key=bars.get), min(bars, key=bars.get)
    unescaped = [plain_text(m.value) for m in at.markdown]
    points = [text for text in unescaped if text.startswith("- ")]
    share = lambda v: number(abs(v), 1) + "%"  # noqa: E731
    assert points[0].startswith(f"- Sterkste punt: {best}")
    assert ("gunstiger" if bars[best] >= 0 else "ongunstiger") in points[0]
    assert share(bars[best]) in points[0]
    assert points[1].startswith(f"- Zwakste punt: {worst}")
    assert ("ongunstiger" if bars[worst] < 0 else "gunstiger") in points[1]
    assert share(bars[worst]) in points[1]
    lines = [c.value for c in at.caption if c.value.startswith("Zo te lezen")]
    assert len(lines) == 1 and "+ is gunstiger dan Regio Oost" in lines[0]  # in one line


def test_mismatch_quadrant_and_gap_ranking(app, demo_frame):
    at = app("pages/6_Mismatch.py")
    (chart,) = specs(at)
    points = sum(len(values(t, "x")) for t in chart["data"])
    assert points == 8 * 5
    table = shown(open_tables(at).dataframe[0])
    top = table.iloc[0]
    region = OOST[OOST_NAMES.index(top["Regio"])]
    sectors = {
        "Energie": "energie",
        "Hightech": "hightech",
        "Zorg en welzijn": "gezondheid",
        "Maakindustrie": "maakindustrie",
        "Voedsel en agrifood": "voedsel",
    }
    sector = sectors[top["Sector"]]
    quarters = sorted(pick(demo_frame, indicator="spanningsindicator")["period_start"].unique())[
        -4:
    ]
    tension = pick(
        demo_frame,
        indicator="spanningsindicator",
        region=region,
        sector=sector,
        period_start=quarters,
    )["value"].mean()
    intake = pick(
        demo_frame,
        indicator=["instroom_mbo", "instroom_hbo", "instroom_wo"],
        region=region,
        sector=sector,
    )
    last = intake[intake["period_start"] == date(2026, 1, 1)]["value"].sum()
    first = intake[intake["period_start"] == date(2021, 1, 1)]["value"].sum()
    fall = -100 * (last - first) / first
    assert dutch(top["Spanningsindicator"]) == pytest.approx(round(tension, 2))
    assert top["Kloofscore"] == number(tension * max(fall, 0), 1)  # as shown: Dutch notation


def test_sources_lists_every_indicator(app, demo_frame):
    at = app("pages/7_Bronnen.py")
    table = at.dataframe[0].value.set_index("Code")
    assert len(table) == 19  # ten from the start, four from DUO, five of the open-data sources
    tension = table.loc["spanningsindicator"]
    assert tension["Laatste periode"] == "2026 K3"
    # the whole store: Regio Oost's 8 regions × 6 sectors, and the other 27 regions' totals
    assert tension["Voorlopig in laatste periode"] == f"{8 * 6 + 27} / {8 * 6 + 27}"
    assert tension["Optellen over regio's"] == "verhouding van de totalen"
    assert tension["Waarden"] == (demo_frame["indicator"] == "spanningsindicator").sum()
    assert tension["Laatste upload"].startswith("hcdash-voorbeelddata")
    assert table.loc["aandeel_55plus", "Optellen over regio's"] == "niet (alleen per regio)"


# --- one language per page: months, initiatives' details, numbers in chart tables ------------


def test_llo_says_the_month_the_target_is_reached_in_the_pages_language(app, monkeypatch):
    """Whatever the server's locale (here one that writes Dutch month names): the English page
    says "March 2027", the Dutch one "maart 2027", for the same month."""
    import time

    from hcdash.format import MONTHS_NL_FULL
    from hcdash.ui import frame

    english = "January February March April May June July August September October November"
    english = [*english.split(), "December"]
    strftime = time.strftime
    dutch_locale = lambda f, *a: strftime(f.replace("%B", "{}"), *a).format("maart")  # noqa: E731
    monkeypatch.setattr(time, "strftime", dutch_locale)
    frame._built.clear()  # the facts are cached per language: built here, on this server
    try:
        said = {
            lang: {m.label: m.value for m in app("pages/3_LLO_Energy.py", lang).metric}
            for lang in ("nl", "en")
        }
    finally:
        frame._built.clear()
    month_en, year_en = said["en"]["Target reached around"].split()
    month_nl, year_nl = said["nl"]["Doel bereikt rond"].split()
    assert month_en in english and month_nl in MONTHS_NL_FULL
    assert english.index(month_en) == MONTHS_NL_FULL.index(month_nl) and year_en == year_nl


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_initiative_details_are_named_in_the_pages_language(con, lang):
    from hcdash import queries
    from hcdash.i18n import t
    from hcdash.views import initiatives
    from hcdash.views.common import Context

    ctx = Context(queries.Reader(con), lang)
    item = initiatives.current(ctx).set_index("slug").loc["connectr"]
    shown = initiatives.detail(item.rename({"index": "slug"}), ctx)
    keys = ["initiatives.col_name", "initiatives.col_kind", "initiatives.col_lead"]
    keys += ["initiatives.col_partners", "filter.regions", "filter.sector"]
    keys += ["initiatives.col_themes", "initiatives.col_programmes", "initiatives.col_status"]
    keys += ["col.period", "initiatives.col_link", "initiatives.col_description", "col.source"]
    assert list(shown) == [t(key, lang) for key in keys]
    assert shown[t("initiatives.col_status", lang)] == {"nl": "lopend", "en": "running"}[lang]
    assert shown[t("initiatives.col_lead", lang)] == "Connectr"  # a name, not the code
    assert shown[t("initiatives.col_partners", lang)] == "Provincie Gelderland"


WRITTEN = {
    "nl": re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$"),  # 1.234,5
    "en": re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$"),  # 1,234.5
}


def miswritten(held: pd.DataFrame, written: pd.DataFrame, lang: str) -> list[tuple]:
    """(column, value, text) of every number of ``held`` that ``written`` does not write in
    the language's notation, or not as the value it holds (rounded as it shows)."""
    wrong = []
    for column in held.columns:
        values = held[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        for value, text in zip(values, written[column], strict=True):
            if pd.isna(value):
                ok = text == "–"
            else:
                plain = text.replace("." if lang == "nl" else ",", "").replace(",", ".")
                places = len(plain.partition(".")[2])
                close = abs(float(plain) - value) <= 0.5 * 10**-places + 1e-9
                ok = bool(WRITTEN[lang].match(text)) and close
            if not ok:
                wrong.append((column, value, text))
    return wrong


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chart_tables_write_numbers_in_the_pages_language(app, lang):
    """Every chart table on every page: its numbers written 1.234,5 (nl) or 1,234.5 (en), the
    cells still numbers underneath, so the columns sort as numbers."""
    from hcdash.i18n import t
    from hcdash.sitemap import PAGES

    tables, separated, decimals = 0, set(), set()
    for script in (page.script for page in PAGES):
        at = app(script, lang, tables=True)
        for expander in at.expander:
            if expander.label != t("chart.table", lang):
                continue
            for element in expander.dataframe:
                held, written = element.value, shown(element)
                assert miswritten(held, written, lang) == [], script
                numeric = [c for c in held.columns if pd.api.types.is_float_dtype(held[c])]
                cells = [text for c in numeric for text in written[c]]
                separated |= {text for text in cells if re.search(r"\d[.,]\d{3}\b", text)}
                decimals |= {text for text in cells if re.search(r"[.,]\d{1,2}$", text)}
                tables += bool(numeric)
    assert tables >= 13  # every chart's table with numbers on the seven pages with charts
    thousands = {"nl": "6.753", "en": "6,753"}[lang]  # Krapte: vacancies in Twente, 2015 K1
    assert thousands in separated
    assert {"nl": "0,66", "en": "0.66"}[lang] in decimals  # and its tension in Regio Oost


def test_the_number_check_finds_the_other_languages_notation():
    held = pd.DataFrame({"value": [1234.5, 2.0, None], "name": ["a", "b", "c"]})
    english = pd.DataFrame({"value": ["1,234.5", "2", "–"], "name": ["a", "b", "c"]})
    dutch = pd.DataFrame({"value": ["1.234,5", "2", "–"], "name": ["a", "b", "c"]})
    assert miswritten(held, english, "en") == [] and miswritten(held, dutch, "nl") == []
    assert miswritten(held, dutch, "en") == [("value", 1234.5, "1.234,5")]
    assert miswritten(held, english, "nl") == [("value", 1234.5, "1,234.5")]
    unformatted = english.assign(value=["1234.5", "2", "–"])
    assert miswritten(held, unformatted, "en") == [("value", 1234.5, "1234.5")]
    assert miswritten(held, english.assign(value=["1,243.5", "2", "–"]), "en") != []
