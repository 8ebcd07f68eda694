"""Every page, export and factsheet on a store of real, partial figures only: the recorded CBS
answers and DUO's 2019 files (``../shared/realdata``, through ``hcdash refresh --offline
tests/data/recorded``), no demo data. What a policymaker sees the first morning the dashboard
runs on real figures: no inf, nan or None, no empty state that contradicts the selection, a
chart where there are figures, and no count compared with the sum it is part of."""

import re

import pytest

from hcdash import export, factsheet, queries
from hcdash.sitemap import PAGES
from hcdash.views.common import Context
from tests.conftest import open_page, shown
from tests.support.realstore import NOT_A_NUMBER, NOTHING_CHOSEN
from tests.test_english_pages import page_texts


@pytest.fixture
def real(real_ref, monkeypatch):
    real_ref.use(monkeypatch)
    return real_ref


def every_text(at) -> list[str]:
    """The page's texts, its charts' texts and every cell of its tables as the screen writes it."""
    texts = page_texts(at)
    for table in at.dataframe:
        frame = shown(table)
        texts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return texts


@pytest.mark.embedded_only(
    "a page's texts are the same on either store; the figures behind them are tested on both below"
)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("script", [page.script for page in PAGES])
def test_every_page_on_real_figures(real, script, lang):
    at = open_page(script, lang, tables=True)
    texts = every_text(at)
    bad = [t for t in texts if NOT_A_NUMBER.search(t)]
    assert bad == [], bad[:5]
    contradicting = [t for t in texts if any(n in t for n in NOTHING_CHOSEN)]
    assert contradicting == [], contradicting  # every page opens with regions selected
    assert not [m.value for m in at.error]


@pytest.mark.parametrize("script", ["app.py", "pages/2_Instroom.py"])
def test_overview_and_intake_open_on_a_chart(real, script):
    at = open_page(script)
    assert at.get("plotly_chart"), [i.value for i in at.info]


def test_the_overview_map_opens_on_figures_and_the_intake_on_a_level_with_them(real):
    at = open_page("app.py")
    assert at.selectbox(key="overview_kaart").value == "instroom_hbo"  # the first with figures
    intake = open_page("pages/2_Instroom.py")
    assert intake.segmented_control(key="intake_niveau").value == "hbo"  # mbo has none


def test_a_page_without_its_figures_says_which_and_how_to_load_them(real):
    at = open_page("pages/1_Krapte.py")
    said = [i.value for i in at.info]
    assert len(said) == 2, said  # tension once (three charts), UWV's vacancies once
    assert said[0].startswith("Er zijn nog geen cijfers van Spanningsindicator geladen.")
    assert "UWV-sjabloon" in said[0] and "hcdash refresh --source uwv" in said[0]
    assert "shortage_kwartaal" not in [s.key for s in at.selectbox]  # no widget without options


def test_the_profile_compares_no_count_with_the_whole(real):
    """Without the employed labour force of every region, counts are set against the average
    region (the regions' mean, worked out here from the store), never against Regio Oost's sum;
    a share whose Regio Oost median is 0 is not compared."""
    at = open_page("pages/5_Regioprofiel.py")
    table = shown(at.dataframe[-1]).set_index("Indicator")
    basis = table["Vergeleken als"]
    assert not basis.str.contains("totaal").any()
    intake = table.loc["Instroom hbo (eerstejaars)"]
    assert intake["Vergeleken als"] == "gemiddelde van 8 van de 8 regio's"
    rows = real.rows(
        "SELECT region, value FROM observations WHERE indicator = 'instroom_hbo' AND sector = "
        "'alle' AND year(period_start) = 2019 AND removed_in IS NULL AND region IN ('twente', "
        "'regio-zwolle', 'stedendriehoek', 'midden-gelderland', 'rijk-van-nijmegen', "
        "'achterhoek', 'rivierenland', 'foodvalley')"
    )
    values = dict(rows)
    mean = sum(values.values()) / len(values)
    assert intake["Twente"] == f"{values['twente']:,.0f}".replace(",", ".")  # a count: no decimals
    assert intake["Regio Oost"] == f"{mean:,.0f}".replace(",", ".")
    captions = " ".join(c.value for c in at.caption)
    assert "het cijfer van Regio Oost is 0" in captions  # aandeel techniek wo: Oost's median
    assert "inf" not in " ".join(m.value for m in at.markdown)


def test_the_factsheet_leaves_out_what_it_cannot_fill(real):
    store = real.open()
    try:
        with store.reading() as con:
            ctx = Context(queries.Reader(con), "nl")
            sheet = factsheet.sheet(ctx, "twente", "http://x", "1")
    finally:
        store.close()
    assert sheet.bands.empty and sheet.quarter == "–"  # no tension figures: no table drawn
    assert "Spanningsindicator" in sheet.missing and "Openstaande vacatures" in sheet.missing
    figure = factsheet.figure(ctx, sheet)
    texts = [a["text"] for a in figure.layout.annotations]
    assert not any("Krapte per sector" in t for t in texts)  # no title over an empty table
    assert any(t.startswith("Nog niet geladen voor deze regio") for t in texts)
    tables = [trace for trace in figure.data if trace.type == "table"]
    assert all(len(t.cells.values[0]) > 0 for t in tables)  # no empty table
    assert not any(NOT_A_NUMBER.search(str(t)) for t in texts)
    labels = [str(v) for t in figure.data if t.type != "table" for v in (t.text or [])]
    assert labels and not any(NOT_A_NUMBER.search(v) for v in labels)


def test_exports_keep_numbers_and_write_no_inf(real):
    store = real.open()
    try:
        with store.reading() as con:
            data = export.to_bytes(
                queries.Reader(con).observations(queries.Filters(("instroom_hbo",))), "csv"
            )
    finally:
        store.close()
    text = data.decode("utf-8-sig")
    assert "inf" not in text and "nan" not in text.lower()


def test_without_the_themes_figures_the_profile_says_which_and_what_else_to_choose(real):
    """Real figures hold no tension, short-term WW or regional participation (UWV's and CBS's
    regional labour figures are not in the recording): the similar regions in the labour theme
    cannot be found for Twente. The page names the figures it lacks, by name, points to the
    other groups, and shows no empty-region message; against the Netherlands it works."""
    held = {
        code
        for (code,) in real.rows(
            "SELECT DISTINCT indicator FROM observations WHERE region = 'twente'"
            " AND sector = 'alle' AND removed_in IS NULL"
        )
    }
    wanted = {"spanningsindicator", "ww_kort", "netto_arbeidsparticipatie"}
    assert wanted - held == wanted  # none of the labour theme's figures
    at = open_page("pages/5_Regioprofiel.py")
    at.segmented_control(key="profile_vergelijk").set_value("vergelijkbaar").run()
    assert not at.exception
    said = [re.sub(r"\\(.)", r"\1", i.value) for i in at.info]  # as it reads, unescaped
    assert len(said) == 1, said
    assert said[0].startswith(
        "Voor Twente zijn geen vergelijkbare regio's op arbeidsmarkt te bepalen: de regio mist "
        "Spanningsindicator, "
    ), said[0]
    assert "per 1.000 werkenden" in said[0] and "vergelijk met Regio Oost of Nederland" in said[0]
    assert "Geen cijfers voor deze regio" not in " ".join(said)
    at.segmented_control(key="profile_vergelijk").set_value("nl").run()
    assert not at.info or all("vergelijkbare regio's" not in i.value for i in at.info)
    assert at.dataframe  # the table against the Netherlands
