"""The region factsheet (``hcdash factsheet``, and the download on Regioprofiel): one A4 page
whose text, read back from the PDF, holds the region, each headline figure as the dashboard
writes it, the bands per sector, the sources, the demo mark and the link that pins the view; a
pinned sheet shows the data as they were; a region or stand that names nothing is refused.
"""

import io
import json
import re

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from hcdash import factsheet, ingest, queries
from hcdash.cli import main
from hcdash.errors import NeighboursError, UnknownValueError
from hcdash.format import number, signed
from hcdash.i18n import t
from hcdash.views import overview
from hcdash.views.common import Context
from hcdash.vocabulary import DEMO_SOURCE
from tests.conftest import ROOT, open_page, shown
from tests.test_english_pages import dutch_words
from tests.test_pages import dutch

A4_POINTS = (595.28, 841.89)
REGION = "achterhoek"


def read(path) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return reader, reader.pages[0].extract_text()


def one_line(text: str) -> str:
    """The PDF's text with its line breaks taken out (the link is printed over lines)."""
    return re.sub(r"\s*\n\s*", "", text)


def make(ref, tmp_path, capsys, *args: str) -> tuple[int, str]:
    out = tmp_path / "sheet.pdf"
    code = main(
        [*ref.args(), "factsheet", *args, "-o", str(out), "--base-url", "https://hc.example"]
    )
    return code, capsys.readouterr().err


@pytest.fixture
def sheet_ref(private_ref):
    return private_ref


def test_one_a4_page_with_the_regions_figures_sources_and_link(sheet_ref, tmp_path, capsys):
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION)
    assert code == 0, err
    reader, text = read(tmp_path / "sheet.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4_POINTS[0], abs=2)
    assert float(box.height) == pytest.approx(A4_POINTS[1], abs=2)
    with sheet_ref.open().reading() as con:
        ctx = Context(queries.Reader(con), "nl")
        heads = overview.headlines(ctx, REGION)
        last_upload = con.execute("SELECT max(id) FROM uploads").fetchall()[0][0]
    assert "Factsheet Achterhoek" in text
    assert len(heads) == 3
    for head in heads:  # as the dashboard writes them: label, value, period, change
        assert head.label in text and head.value in text and head.period in text
        assert head.delta in text
    assert t("factsheet.demo", "nl") in text
    assert DEMO_SOURCE in text  # the source line
    assert f"https://hc.example/Regioprofiel?regio={REGION}&stand={last_upload}" in one_line(text)
    for band in ("krap", "gemiddeld"):
        assert band in text
    assert "LLO Energie:" in text and "van Gelderland" in text  # Achterhoek is in Gelderland


def test_the_tension_figure_is_the_one_the_krapte_page_shows(sheet_ref, monkeypatch):
    """The factsheet's 'Alle sectoren' band figure against the Krapte heatmap's cell."""
    sheet_ref.use(monkeypatch)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/1_Krapte.py").run()
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    row = heatmap["y"].index("Achterhoek")
    cell = heatmap["text"][row][heatmap["x"].index("Alle sectoren")]
    with sheet_ref.open().reading() as con:
        ctx = Context(queries.Reader(con), "nl")
        content = factsheet.sheet(ctx, REGION, "https://hc.example", "1")
    bands = content.bands.set_index("sector")
    assert bands.loc["Alle sectoren", "value"] == cell
    assert content.headlines[0].value == cell  # the headline of the same figure


def test_the_figures_are_the_regioprofiel_pages_and_the_demo_datas(
    sheet_ref, tmp_path, capsys, monkeypatch, demo_frame
):
    """Read back from the PDF, against sources other than the sheet's own code: every
    comparison with Regio Oost as the Regioprofiel page writes it, and the vacancies headline
    and the technical intake per year from the demo data themselves."""
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION)
    assert code == 0, err
    _, text = read(tmp_path / "sheet.pdf")
    sheet_ref.use(monkeypatch)
    at = open_page("pages/5_Regioprofiel.py", link={"regio": REGION})
    page = shown(at.dataframe[-1]).set_index("Indicator")
    vacancies = demo_frame[
        (demo_frame["indicator"] == "vacatures")
        & (demo_frame["region"] == REGION)
        & (demo_frame["sector"] == "alle")
    ].sort_values("period_start")
    assert number(vacancies["value"].iloc[-1]) in text  # the headline's figure
    scores = page["Gunstiger (+) of ongunstiger (−) (%)"]
    for indicator, score in scores.items():  # the comparison's bars, labelled like the page
        if score != "–":  # the page writes -31,9 in its table, the bar's label −31,9%
            value = dutch(score)
            assert signed(value, 1) + "%" in text, indicator
    technical = demo_frame[
        demo_frame["indicator"].isin(["instroom_mbo", "instroom_hbo", "instroom_wo"])
        & (demo_frame["region"] == REGION)
        & demo_frame["sector"].isin(["energie", "hightech", "maakindustrie"])
    ].groupby("period_start")["value"]
    per_year = technical.sum()[technical.size() == 9]  # years with every level and field
    assert len(per_year) >= 3
    for value in per_year:
        assert number(value) in text


def test_a_region_outside_gelderland_has_no_llo_share(sheet_ref, tmp_path, capsys):
    code, err = make(sheet_ref, tmp_path, capsys, "--region", "twente")
    assert code == 0, err
    _, text = read(tmp_path / "sheet.pdf")
    assert "Factsheet Twente" in text
    assert "LLO Energie is een doel van Gelderland; Twente ligt in Overijssel." in text
    assert "van Gelderland" not in text.replace("een doel van Gelderland", "")


def test_a_pinned_sheet_shows_the_data_as_they_were(sheet_ref, tmp_path, capsys):
    with sheet_ref.open().reading() as con:
        first = con.execute("SELECT max(id) FROM uploads").fetchall()[0][0]
    path = tmp_path / "newer.csv"
    path.write_text(
        "indicator;regio;sector;periode;waarde\nvacatures;Achterhoek;alle;2026 K3;123456\n"
    )
    target = sheet_ref.open()
    ingest.import_file(target, path, path.name, ingest.Options(author="test"))
    target.close()
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION)
    assert code == 0, err
    assert "123.456" in read(tmp_path / "sheet.pdf")[1]
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION, "--stand", str(first))
    assert code == 0, err
    _, pinned = read(tmp_path / "sheet.pdf")
    assert "123.456" not in pinned
    assert f"stand {first}" in pinned  # the subtitle says which state
    assert f"regio={REGION}&stand={first}" in one_line(pinned)


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--region", "<script>alert(1)</script>", "unknown region"),
        ("--region", "nederland", "unknown region"),  # not one of Regio Oost's regions
        ("--stand", "9999", "names no state of the data"),
        ("--stand", "'; DROP TABLE uploads; --", "names no state of the data"),
    ],
)
def test_a_region_or_stand_that_names_nothing_is_refused(
    sheet_ref, tmp_path, capsys, option, value, says
):
    args = ["--region", REGION, option, value] if option == "--stand" else [option, value]
    code, err = make(sheet_ref, tmp_path, capsys, *args)
    assert code == 1 and says in err
    assert not (tmp_path / "sheet.pdf").exists()


def test_in_english_the_sheet_speaks_english(sheet_ref, tmp_path, capsys):
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION, "--lang", "en")
    assert code == 0, err
    _, text = read(tmp_path / "sheet.pdf")
    assert "Labour market tension" in text and "Demo data" in text
    assert "taal=en" in one_line(text)
    prose = [line for line in text.splitlines() if not line.startswith("https://")]  # the link
    assert dutch_words(prose) == []


def test_the_region_check_is_what_refuses(sheet_ref, tmp_path, capsys, monkeypatch):
    """The probe: with the check widened to every region in the store, a sheet of the
    Netherlands is made, so it was the check (not a failing query) that refused it above."""
    monkeypatch.setattr(factsheet, "regions", lambda ctx: ["nederland"])
    code, err = make(sheet_ref, tmp_path, capsys, "--region", "nederland")
    assert code == 0, err


def test_against_the_similar_regions_the_sheet_is_the_pages_with_the_same_link(
    sheet_ref, tmp_path, capsys, monkeypatch
):
    """``--vergelijk vergelijkbaar --thema economy``: the sheet names the group and its regions
    as the page with that link does, prints the page's scores, and its link carries the
    choice; the default sheet (against Regio Oost) prints other scores, so the choice is not
    ignored on the way."""
    code, err = make(
        sheet_ref, tmp_path, capsys, "--region", REGION, "--vergelijk", "vergelijkbaar",
        "--thema", "economy",
    )  # fmt: skip
    assert code == 0, err
    _, text = read(tmp_path / "sheet.pdf")
    flat = one_line(text)
    sheet_ref.use(monkeypatch)
    link = {"regio": REGION, "vergelijk": "vergelijkbaar", "thema": "economy"}
    at = open_page("pages/5_Regioprofiel.py", link=link)
    (regions,) = [c.value for c in at.caption if c.value.startswith("Vergeleken met: ")]
    assert regions.replace("\\", "") in flat
    assert "Tegenover de 5 meest vergelijkbare regio's (economie)" in flat
    assert "vergelijk=vergelijkbaar" in flat and "thema=economy" in flat
    scores = shown(at.dataframe[-1]).set_index("Indicator")["Gunstiger (+) of ongunstiger (−) (%)"]
    printed = {signed(dutch(s), 1) + "%" for s in scores if s != "–"}
    assert printed and all(label in flat for label in printed)
    code, err = make(sheet_ref, tmp_path, capsys, "--region", REGION)
    assert code == 0, err
    _, default = read(tmp_path / "sheet.pdf")
    assert not all(label in one_line(default) for label in printed)
    assert "Tegenover Regio Oost" in one_line(default)


def test_an_unknown_comparison_or_theme_is_refused(sheet_ref, tmp_path, capsys, con):
    with pytest.raises(SystemExit) as stopped:
        make(sheet_ref, tmp_path, capsys, "--region", REGION, "--vergelijk", "x")
    assert stopped.value.code == 2  # the command line names the choices
    assert (
        "invalid choice: 'x' (choose from 'oost', 'nl', 'vergelijkbaar')" in capsys.readouterr().err
    )
    ctx = Context(queries.Reader(con), "nl")
    with pytest.raises(UnknownValueError) as refused:  # a page's value is never trusted either
        factsheet.sheet(ctx, REGION, "https://x", "1", "x")
    assert refused.value.text("nl") == (
        "onbekende vergelijkingsgroep 'x'; bekend: oost, nl, vergelijkbaar"
    )
    with pytest.raises(NeighboursError) as refused:
        factsheet.sheet(ctx, REGION, "https://x", "1", "vergelijkbaar", "weer")
    assert "onbekend thema 'weer'" in refused.value.text("nl")
