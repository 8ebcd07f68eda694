"""Good files in every layout and dialect load exactly; versions supersede and roll back."""

import csv
import io
from datetime import date, datetime

import pandas as pd
import pytest

from hcdash import ingest, queries, uploads
from hcdash.errors import IngestError
from hcdash.ingest.model import IndicatorMeta, Options
from tests.support.ingest import snapshot, write, write_xlsx


@pytest.fixture
def con(private_con):
    return private_con


def load(target, con, path, **options):
    staged = ingest.prepare(con, path, path.name, Options(author="test", **options))
    try:
        assert staged.preview.problem_count == 0, staged.preview.problems
        loaded = ingest.commit(target, staged, Options(author="test", **options))
        return staged.preview, loaded.upload_id
    finally:
        staged.drop()


def values(con, upload_id) -> dict:
    rows = con.execute(
        "SELECT indicator, region, sector, period_start, value, provisional FROM observations"
        " WHERE upload_id = ? ORDER BY ALL",
        [upload_id],
    ).fetchall()
    return {(i, r, s, p): (v, prov) for i, r, s, p, v, prov in rows}


def test_long_dutch_excel_export_with_bom_crlf_junk_and_quotes(con, tmp_path, private_store):
    text = (
        "\ufeffIndicator;Regio;Sector;Periode;Waarde;Opmerking\r\n"
        'vacatures;"Twente";Energie;2024 K1;1.234;"met ; puntkomma"\r\n'
        '""\r\n'
        "\r\n"
        'vacatures;Regio Zwolle;ENERGIE;2024-Q2;"12.345";"twee\r\nregels"\r\n'
        "aandeel_55plus;Food Valley;alle;2024;24,5%;\r\n"
        "vacatures;Achterhoek;energie;2024 K3;1.000*;;\r\n"
        "vacatures;Achterhoek;energie;2024 K4;.;\r\n"
    )
    preview, upload = load(private_store, con, write(tmp_path, "export.csv", text))
    assert (preview.layout, preview.delimiter, preview.decimal) == ("long", ";", ",")
    assert (preview.values_found, preview.values_empty) == (4, 3)
    assert values(con, upload) == {
        ("vacatures", "twente", "energie", date(2024, 1, 1)): (1234.0, False),
        ("vacatures", "regio-zwolle", "energie", date(2024, 4, 1)): (12345.0, False),
        ("aandeel_55plus", "foodvalley", "alle", date(2024, 1, 1)): (24.5, False),
        ("vacatures", "achterhoek", "energie", date(2024, 7, 1)): (1000.0, True),
    }


def test_long_english_comma_separated_windows_1252(con, tmp_path, private_store):
    text = (
        "indicator,region,period,value,provisional\n"
        'ww_kort,Twénte,2023-Q4,"1,234.5",no\n'
        "ww_kort,Gelderland-Midden,2023-Q4,17.25,yes\n"
    )
    preview, upload = load(
        private_store, con, write(tmp_path, "english.csv", text, encoding="cp1252")
    )
    assert (preview.encoding, preview.delimiter, preview.decimal) == ("cp1252", ",", ".")
    assert values(con, upload) == {
        ("ww_kort", "twente", "alle", date(2023, 10, 1)): (1234.5, False),
        ("ww_kort", "midden-gelderland", "alle", date(2023, 10, 1)): (17.25, True),
    }


def test_tab_separated_with_thousands_and_trailing_empty_columns(con, tmp_path, private_store):
    text = (
        "indicatorcode\tregio\tsector\tjaar\twaarde\t\t\n"
        "werkzame_beroepsbevolking\tAM09\talle\t2024\t201.300\t\t\n"
    )
    preview, upload = load(private_store, con, write(tmp_path, "tabs.tsv", text))
    assert preview.delimiter == "\t"
    assert values(con, upload) == {
        ("werkzame_beroepsbevolking", "achterhoek", "alle", date(2024, 1, 1)): (201300.0, False)
    }


def test_wide_by_period_in_every_period_spelling(con, tmp_path, private_store):
    text = (
        "Indicator;Regio;Sector;2023 K1;2023-Q2;2023Q3;K4 2023\n"
        "vacatures;Twente;hightech;1.100;1.200;1.300;1.400*\n"
        "ww_kort;Twente;hightech;500;;510;.\n"
    )
    preview, upload = load(private_store, con, write(tmp_path, "wide.csv", text))
    assert preview.layout == "wide-period"
    got = values(con, upload)
    assert got[("vacatures", "twente", "hightech", date(2023, 10, 1))] == (1400.0, True)
    assert got[("ww_kort", "twente", "hightech", date(2023, 7, 1))] == (510.0, False)
    assert len(got) == 6


def test_wide_by_indicator_statline_layout(con, tmp_path, private_store):
    text = (
        "Openstaande vacatures en WW; Regio Oost\n"
        '"Perioden";"Regio\'s";"Openstaande vacatures (aantal)";'
        '"Kortdurende WW-uitkeringen (aantal)"\n'
        '"2024 1e kwartaal";"Twente (AM)";"12.345";"6.789"\n'
        '"2024 2e kwartaal*";"Achterhoek (AM)";".";"1.234"\n'
    )
    preview, upload = load(private_store, con, write(tmp_path, "statline.csv", text))
    assert preview.layout == "wide-indicator"
    assert values(con, upload) == {
        ("vacatures", "twente", "alle", date(2024, 1, 1)): (12345.0, False),
        ("ww_kort", "twente", "alle", date(2024, 1, 1)): (6789.0, False),
        ("ww_kort", "achterhoek", "alle", date(2024, 4, 1)): (1234.0, True),
    }


def test_excel_with_numbers_dates_and_a_named_sheet(con, tmp_path, private_store):
    rows = [
        ["LLO Energie", None, None, None],
        ["indicator", "regio", "maand", "waarde"],
        ["llo_energie_deelnemers", "Rivierenland", datetime(2026, 11, 1), 480],
        ["llo_energie_deelnemers", "FoodValley", "dec 2026", 512.0],
    ]
    path = write_xlsx(tmp_path, "llo.xlsx", rows, sheet="Deelnemers")
    preview, upload = load(private_store, con, path, sheet="Deelnemers")
    assert (preview.encoding, preview.sheet) == ("xlsx", "Deelnemers")
    assert values(con, upload) == {
        ("llo_energie_deelnemers", "rivierenland", "alle", date(2026, 11, 1)): (480.0, False),
        ("llo_energie_deelnemers", "foodvalley", "alle", date(2026, 12, 1)): (512.0, False),
    }


def test_new_indicator_from_metadata_columns_and_its_rollback(con, tmp_path, private_store):
    text = (
        "indicator;regio;periode;waarde;naam;eenheid;thema;bron\n"
        "vacaturegraad;Twente;2024 K1;3,4;Vacaturegraad;per 100 banen;krapte;CBS\n"
        "vacaturegraad;Achterhoek;2024 K1;4,1;Vacaturegraad;per 100 banen;krapte;CBS\n"
    )
    _, upload = load(private_store, con, write(tmp_path, "nieuw.csv", text))
    meta = queries.Reader(con).indicator("vacaturegraad")
    assert (meta["name_nl"], meta["unit"], meta["frequency"], meta["source"]) == (
        "Vacaturegraad",
        "per 100 banen",
        "kwartaal",
        "CBS",
    )
    assert meta["aggregation"] == "none"
    uploads.rollback(private_store, upload)
    assert "vacaturegraad" not in queries.Reader(con).indicators()["code"].tolist()
    # described again in a later file: it comes back, with the new description
    again = text.replace("Vacaturegraad;per 100 banen", "Vacaturegraad (CBS);per 100 werkenden")
    load(private_store, con, write(tmp_path, "weer.csv", again))
    meta = queries.Reader(con).indicator("vacaturegraad")
    assert (meta["name_nl"], meta["unit"]) == ("Vacaturegraad (CBS)", "per 100 werkenden")
    assert "vacaturegraad" in queries.Reader(con).indicators()["code"].tolist()


def test_new_indicator_described_by_the_analyst(con, tmp_path, private_store):
    text = "periode;regio;Aandeel techniek (%)\n2024;Twente;23,5\n2024;Rivierenland;18\n"
    path = write(tmp_path, "techniek.csv", text)
    staged = ingest.prepare(con, path, path.name)
    assert staged.preview.new_indicators == ["Aandeel techniek (%)"]
    staged.drop()
    meta = IndicatorMeta("aandeel_techniek", "Aandeel techniek", "procent", "instroom")
    _, upload = load(private_store, con, path, new_indicators=(meta,))
    assert queries.Reader(con).indicator("aandeel_techniek")["frequency"] == "jaar"
    assert len(values(con, upload)) == 2


def test_same_file_twice_is_recognised(con, tmp_path, private_store):
    path = write(
        tmp_path, "once.csv", "indicator;regio;periode;waarde\nvacatures;Twente;2024 K1;5\n"
    )
    _, first = load(private_store, con, path)
    staged = ingest.prepare(con, path, path.name)
    assert staged.preview.already_loaded_as == first
    assert staged.preview.unchanged == 1
    before = snapshot(con)
    with pytest.raises(IngestError, match=f"already loaded as upload {first}"):
        ingest.commit(private_store, staged)
    assert snapshot(con) == before


def test_preview_counts_new_changed_unchanged(con, tmp_path, private_store):
    current = (
        queries.Reader(con)
        .observations(queries.Filters(("vacatures",), ("twente",), ("alle",)))
        .iloc[-5]
    )  # an older quarter: not provisional
    period = f"{current['period_start'].year}-Q{(current['period_start'].month + 2) // 3}"
    text = (
        "indicator;regio;periode;waarde\n"
        f"vacatures;Twente;{period};{int(current['value'])}\n"  # unchanged
        f"vacatures;Achterhoek;{period};1\n"  # changed
        "vacatures;Twente;2030 K1;1\n"  # new
    )
    staged = ingest.prepare(con, write(tmp_path, "counts.csv", text), "counts.csv")
    assert (staged.preview.new, staged.preview.changed, staged.preview.unchanged) == (1, 1, 1)
    upload = ingest.commit(private_store, staged, Options(author="test")).upload_id
    assert con.execute("SELECT rows_loaded FROM uploads WHERE id = ?", [upload]).fetchall()[0] == (
        2,
    )


def test_supersede_and_rollback_in_any_order(con, tmp_path, private_store):
    def upload(value, name):
        path = write(
            tmp_path, name, f"indicator;regio;periode;waarde\nvacatures;Twente;2031 K1;{value}\n"
        )
        return load(private_store, con, path)[1]

    def current():
        frame = queries.Reader(con).observations(
            queries.Filters(("vacatures",), ("twente",), ("alle",), None, None)
        )
        row = frame[frame["period_start"] == pd.Timestamp(2031, 1, 1)]
        return row["value"].tolist()

    a, b, c = upload(1, "a.csv"), upload(2, "b.csv"), upload(3, "c.csv")
    assert current() == [3.0]
    uploads.rollback(private_store, b)  # the middle one: c stays current, a now waits behind c
    assert current() == [3.0]
    uploads.rollback(private_store, c)
    assert current() == [1.0]
    uploads.rollback(private_store, a)
    assert current() == []
    with pytest.raises(Exception, match="already rolled back"):
        uploads.rollback(private_store, a)
    statuses = con.execute("SELECT status FROM uploads WHERE id IN (?, ?, ?)", [a, b, c]).fetchall()
    assert statuses == [("rolled_back",)] * 3


def test_cbs_symbols_as_cbs_defines_them(con, tmp_path, private_store):
    """StatLine's verklaring van tekens: '.' missing, 'x' secret (no value either), '-' and the
    en dash nil (0), '*' and '**' provisional."""
    text = (
        "indicator;regio;periode;waarde\n"
        "vacatures;Twente;2031 K1;.\n"
        "vacatures;Achterhoek;2031 K1;x\n"
        "vacatures;Rivierenland;2031 K1;-\n"
        "vacatures;FoodValley;2031 K1;–\n"
        "vacatures;Twente;2031 K2;12*\n"
        "vacatures;Achterhoek;2031 K2;13**\n"
        "vacatures;Rivierenland;2031 K2;-*\n"
    )
    preview, upload = load(private_store, con, write(tmp_path, "cbs.csv", text))
    assert (preview.values_found, preview.values_empty) == (5, 2)
    assert values(con, upload) == {
        ("vacatures", "rivierenland", "alle", date(2031, 1, 1)): (0.0, False),
        ("vacatures", "foodvalley", "alle", date(2031, 1, 1)): (0.0, False),
        ("vacatures", "twente", "alle", date(2031, 4, 1)): (12.0, True),
        ("vacatures", "achterhoek", "alle", date(2031, 4, 1)): (13.0, True),
        ("vacatures", "rivierenland", "alle", date(2031, 4, 1)): (0.0, True),
    }


@pytest.mark.parametrize("hostile", ["x'); DROP TABLE observations; --\"", "a\\'b;c/*d*/"])
def test_sql_text_in_headers_and_values_is_only_text(con, tmp_path, private_store, hostile):
    """File text never becomes SQL: quotes, comments and semicolons in headers and values."""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(
        [
            ["indicator", "regio", "periode", "waarde", hostile],
            ["vacatures", "Twente", "2031 K1", "5", hostile],
            ["vacatures", f"Twente{hostile}", "2031 K2", "6", "a"],
        ]
    )
    before = snapshot(con)
    staged = ingest.prepare(con, write(tmp_path, "hostile.csv", out.getvalue()), "hostile.csv")
    try:
        problem = staged.preview.problems[0]
        assert (problem.row, problem.column, problem.value) == (3, "regio", f"Twente{hostile}")
        assert list(ingest.rejected(staged).columns)[-1] == hostile
    finally:
        staged.drop()
    assert snapshot(con) == before


def test_nul_in_a_file_is_refused_as_not_text(con, tmp_path):
    before = snapshot(con)
    path = write(
        tmp_path,
        "nul.csv",
        "indicator;regio;periode;waarde;a\x00b\nvacatures;Twente;2031 K1;5;\x00\n",
    )
    with pytest.raises(IngestError, match="not a text file"):
        ingest.prepare(con, path, "nul.csv")
    assert snapshot(con) == before


@pytest.mark.parametrize(
    ("values", "delimiter", "options", "english", "dutch"),
    [
        (
            ["1.234,5", "12,5", "7"],
            ";",
            Options(),
            "decimal comma (2 of 3 sampled values, e.g. 1.234,5)",
            "decimaalkomma (2 van 3 bekeken waarden, bijv. 1.234,5)",
        ),
        (
            ["7", "8"],
            ",",
            Options(),
            "no decimals seen; decimal point assumed for a comma-separated file",
            "geen decimalen gezien; decimaalpunt aangenomen voor een bestand met komma als "
            "scheidingsteken",
        ),
        (
            ["7", "8"],
            ";",
            Options(),
            "no decimals seen; decimal comma assumed (Dutch)",
            "geen decimalen gezien; decimaalkomma aangenomen (Nederlands)",
        ),
        (
            ["7", "8"],
            ";",
            Options(decimal="."),
            "decimal point (set by you)",
            "decimaalpunt (door u gekozen)",
        ),
    ],
)
def test_how_the_decimal_separator_was_decided_reads_in_both_languages(
    con, tmp_path, values, delimiter, options, english, dutch
):
    header = delimiter.join(["indicator", "regio", "periode", "waarde"])
    rows = [
        delimiter.join(["vacatures", "Twente", f"{2020 + i} K1", f'"{v}"'])
        for i, v in enumerate(values)
    ]
    path = write(tmp_path, "notes.csv", "\n".join([header, *rows]) + "\n")
    staged = ingest.prepare(con, path, path.name, options)
    reason = staged.preview.decimal_reason
    staged.drop()
    assert str(reason) == reason.text("en") == english
    assert reason.text("nl") == dutch
