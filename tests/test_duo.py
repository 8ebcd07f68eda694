"""DUO hbo/wo files: real files from ../shared/realdata (national totals from its README) and
generated files with the quirks (junk lines, leading zeros, merged-away gemeenten)."""

from pathlib import Path

import pytest

from hcdash import queries
from hcdash.errors import IngestError
from hcdash.ingest import duo
from hcdash.ingest.model import MAX_PROBLEMS_SHOWN
from tests.conftest import REALDATA, needs_realdata
from tests.support.ingest import snapshot, write

NATIONAL = {  # first-year students summed over every row, from shared/realdata/README.md
    "hbo": [95_961, 101_036, 106_686, 110_304, 113_422],
    "wo": [91_063, 94_286, 101_651, 107_317, 109_833],
}
HEADER = (
    "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;"
    "BRIN NUMMER ACTUEEL;INSTELLINGSNAAM ACTUEEL;CROHO ONDERDEEL;CROHO SUBONDERDEEL;"
    "OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2018;2019\r\n"
)


def row(code, name, onderdeel, a, b):
    fields = f"X;{code};{name};r;bachelor;00AA;Inst;{onderdeel};n.v.t.;1;B x;voltijd;man"
    return f"{fields};{a};{b}\r\n"


@pytest.fixture
def con(private_con):
    return private_con


@needs_realdata
@pytest.mark.parametrize("level", ["hbo", "wo"])
def test_real_files_reconcile_with_the_national_totals(con, level):
    path = REALDATA / f"duo_{level}_inscriptions_2019.csv"
    report = duo.prepare(con, path, path.name)
    assert (report.kind, report.level) == ("instroom", level)
    assert report.totals["in_file"].tolist() == NATIONAL[level]
    assert report.reconciles
    oost = report.observations[
        (report.observations["indicator"] == f"instroom_{level}")
        & (report.observations["sector"] == "alle")
    ]
    assert oost.groupby("period_start")["value"].sum().tolist() == [
        float(loaded) for loaded in report.totals["loaded"]
    ]


@needs_realdata
def test_real_file_loads_and_regio_oost_adds_up(con, private_store):
    path = REALDATA / "duo_hbo_inscriptions_2019.csv"
    report = duo.prepare(con, path, path.name)
    upload = duo.commit(private_store, report, "test")
    netherlands = queries.Reader(con).aggregate(
        "instroom_hbo", "nederland", queries.Filters(sectors=("alle",))
    )
    loaded = netherlands[netherlands["upload_id"] == upload]["value"].tolist()
    assert loaded == [float(v) for v in NATIONAL["hbo"]]
    with pytest.raises(IngestError, match="already loaded"):
        duo.commit(private_store, duo.prepare(con, path, path.name), "test")


@needs_realdata
def test_graduates_files_are_recognised(con):
    for level in ("hbo", "wo"):
        path = REALDATA / f"duo_{level}_gediplomeerden_2019.csv"
        report = duo.prepare(con, path, path.name)
        assert (report.kind, report.level, report.reconciles) == ("gediplomeerden", level, True)


@needs_realdata
def test_the_mbo_file_is_refused_with_the_reason(con):
    before = snapshot(con)
    with pytest.raises(IngestError, match=r"names places \(PLAATSNAAM\), not gemeenten"):
        duo.prepare(con, REALDATA / "duo_mbo_inscriptions_2019.csv", "mbo.csv")
    assert snapshot(con) == before


def test_quirks_junk_lines_leading_zeros_and_merged_gemeenten(con, tmp_path):
    text = (
        HEADER
        + row("0150", "Deventer", "techniek", 10, 12)
        + '""\r\n'
        + row("0150", "Deventer", "economie", 30, 28)
        + row("153", "Enschede", "gezondheidszorg", 5, 7)  # leading zero lost in Excel
        + '""\r\n'
        + row("0081", "Leeuwarderadeel", "techniek", 4, 0)  # merged in 2018
        + row("0150", "Deventer", "recht", "", 3)
    )
    path = write(tmp_path, "hbo_eerstejaars.csv", text)
    report = duo.prepare(con, path, path.name)
    assert report.level == "hbo"
    assert report.totals.to_dict("records") == [
        {"year": 2018, "in_file": 49, "loaded": 45, "not_mapped": 4, "suppressed": 0},
        {"year": 2019, "in_file": 50, "loaded": 50, "not_mapped": 0, "suppressed": 0},
    ]
    assert report.unmapped.to_dict("records") == [
        {"gemeente": "0081", "name": "Leeuwarderadeel", "students": 4}
    ]
    values = report.observations.set_index(["indicator", "region", "sector", "period_start"])
    deventer_2019 = values.xs(("instroom_hbo", "stedendriehoek"), level=[0, 1])["value"]
    assert deventer_2019.xs("alle", level="sector").tolist() == [40.0, 43.0]
    assert deventer_2019.xs("hightech", level="sector").tolist() == [10.0, 12.0]
    share = values.xs(("aandeel_techniek_hbo", "stedendriehoek", "alle"), level=[0, 1, 2])
    assert share["value"].tolist() == pytest.approx([100 * 10 / 40, 100 * 12 / 43])
    enschede = values.xs(("instroom_hbo", "twente", "gezondheid"), level=[0, 1, 2])
    assert enschede["value"].tolist() == [5.0, 7.0]
    zero = values.xs(("instroom_hbo", "achterhoek", "alle"), level=[0, 1, 2])
    assert zero["value"].tolist() == [0.0, 0.0]  # no programme there: zero, not missing


def test_level_must_be_known(con, tmp_path):
    path = write(tmp_path, "eerstejaars.csv", HEADER + row("0150", "Deventer", "techniek", 1, 2))
    with pytest.raises(IngestError, match="hbo or wo"):
        duo.prepare(con, path, path.name)
    assert duo.prepare(con, path, path.name, "wo").level == "wo"


def test_bad_counts_are_reported_by_row(con, tmp_path, private_store):
    path = write(tmp_path, "hbo.csv", HEADER + row("0150", "Deventer", "techniek", "veel", 2))
    report = duo.prepare(con, path, path.name)
    assert [(p.row, p.column, p.value) for p in report.problems] == [(2, "2018", "veel")]
    with pytest.raises(IngestError, match="problem"):
        duo.commit(private_store, report, "test")


def test_every_bad_count_is_counted_though_fifty_are_shown(con, tmp_path, private_store):
    lines = "".join(row(f"{n:04d}", "X", "techniek", "veel", "-1") for n in range(1, 41))
    report = duo.prepare(con, write(tmp_path, "hbo.csv", HEADER + lines), "hbo.csv")
    assert report.problem_count == 80
    assert len(report.problems) == MAX_PROBLEMS_SHOWN
    with pytest.raises(IngestError, match="80 problem"):
        duo.commit(private_store, report, "test")


def test_a_loaded_file_is_marked_and_refused_again(con, tmp_path, private_store):
    path = write(tmp_path, "hbo.csv", HEADER + row("0150", "Deventer", "techniek", 1, 2))
    assert duo.prepare(con, path, path.name).already_loaded_as is None
    upload_id = duo.commit(private_store, duo.prepare(con, path, path.name), "test")
    again = duo.prepare(con, path, path.name)
    assert again.already_loaded_as == upload_id
    with pytest.raises(IngestError, match=f"already loaded as upload {upload_id}"):
        duo.commit(private_store, again, "test")


def test_cli_import_source_duo(tmp_path, private_ref, capsys):
    from hcdash.cli import main

    path = write(tmp_path, "hbo.csv", HEADER + row("0150", "Deventer", "techniek", 1, 2))
    assert main([*private_ref.args(), "import", "--source", "duo", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Totals reconcile: yes" in out and "Dry run" in out
    assert Path(path).exists()


def test_missing_real_data_skips_locally_and_fails_in_ci(tmp_path):
    from tests.conftest import missing_realdata

    assert missing_realdata(tmp_path, ci=False) is None
    assert missing_realdata(tmp_path / "absent", ci=False) == "skip"
    assert missing_realdata(tmp_path / "absent", ci=True) == "fail"
