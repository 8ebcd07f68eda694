"""The initiatives register: white spots on hand-made data, register files good and bad, the
Initiatieven page with counts computed from the seed records."""

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from hcdash import export, register, register_seed, uploads
from hcdash.errors import IngestError
from hcdash.views.initiatives import white_spots
from tests.conftest import open_page, open_tables, shown
from tests.support.ingest import snapshot, write
from tests.support.regions import GELDERLAND, OOST, OVERIJSSEL

INITIATIVES_HEADER = (
    "code;naam;soort;trekker;partners;regio's;sectoren;thema's;programma's;"
    "status;van;tot;link;omschrijving;bron\n"
)


def test_white_spots_hand_made():
    tension = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b"],
            "sector": ["x", "y", "x", "y"],
            "value": [4.2, 1.49, 1.5, 0.8],
        }
    )
    counts = pd.DataFrame({"region": ["a", "b"], "sector": ["x", "x"], "initiatives": [3, 1]})
    spots = white_spots(tension, counts)
    assert spots.to_dict("records") == [
        {"region": "a", "sector": "x", "tension": 4.2, "initiatives": 3, "white_spot": False},
        {"region": "a", "sector": "y", "tension": 1.49, "initiatives": 0, "white_spot": False},
        {"region": "b", "sector": "x", "tension": 1.5, "initiatives": 1, "white_spot": True},
        {"region": "b", "sector": "y", "tension": 0.8, "initiatives": 0, "white_spot": False},
    ]
    assert white_spots(tension, counts, few=0)["white_spot"].sum() == 0


@pytest.fixture
def con(private_con):
    return private_con


BAD = [
    ("x;Naam;soort;han;;twente;energie;;;lopend;;;;;\n", "code", "2-60 lower-case"),
    ("ok-code;Naam;soort;han;;Twnte;energie;;;lopend;;;;;\n", "regio's", "did you mean 'Twente'"),
    (
        "ok-code;Naam;soort;onbekend;;twente;energie;;;lopend;;;;;\n",
        "trekker",
        "unknown organisation code",
    ),
    ("ok-code;Naam;soort;han;;twente;energie;;;misschien;;;;;\n", "status", "choose one of"),
    (
        "ok-code;Naam;soort;han;;twente;energie;;;lopend;;;javascript:alert(1);;\n",
        "link",
        "starts with http",
    ),
    ("ok-code;Naam;soort;han;;twente;energie;;;lopend;2026;2024;;;\n", "tot", "before the start"),
    ("ok-code;Naam;soort;han;;twente;energie;;;lopend;twintig;;;;\n", "van", "a year such as"),
    (
        "ok-code;Naam;soort;han;;twente;energie;;geen-regeling;lopend;;;;;\n",
        "programma's",
        "unknown programme code",
    ),
    ("ok-code;;soort;han;;twente;energie;;;lopend;;;;;\n", "naam", "a name is required"),
]


@pytest.mark.parametrize(("line", "column", "message"), BAD)
def test_bad_register_rows_are_reported_and_nothing_is_written(
    con, tmp_path, line, column, message, private_store
):
    before = snapshot(con)
    staged = register.prepare(con, write(tmp_path, "reg.csv", INITIATIVES_HEADER + line), "r.csv")
    assert staged.problem_count == 1, staged.problems
    (problem,) = staged.problems
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message
    with pytest.raises(IngestError, match="nothing was loaded"):
        register.commit(private_store, staged, "test")
    assert snapshot(con) == before


def test_every_register_problem_is_given_and_said_in_the_pages_language(con, tmp_path):
    """Each ``problem.register_*`` text is given by some bad row above, and reads in Dutch on
    the Dutch page (English stays for the command line)."""
    from hcdash.i18n import messages

    duplicate = "dubbel;Naam;soort;han;;twente;energie;;;lopend;;;;;\n" * 2
    seen = {}
    for line in [*(line for line, _, _ in BAD), duplicate]:
        staged = register.prepare(con, write(tmp_path, "r.csv", INITIATIVES_HEADER + line), "r")
        seen.update({p.code: p for p in staged.problems})
    codes = {k.split(".", 1)[1] for k in messages.TEXTS if k.startswith("problem.register_")}
    assert codes <= set(seen)
    for problem in seen.values():
        assert problem.text("en") == problem.message
        assert problem.text("nl") != problem.message, problem.code
    assert "bedoelt u 'Twente'" in seen["unknown_region"].text("nl")


def test_duplicate_codes_and_unknown_files(con, tmp_path):
    line = "dubbel;Naam;soort;han;;twente;energie;;;lopend;;;;;\n"
    staged = register.prepare(con, write(tmp_path, "d.csv", INITIATIVES_HEADER + line * 2), "d")
    assert any("more than once" in p.message for p in staged.problems)
    (duplicate,) = staged.problems
    assert (duplicate.row, duplicate.column, duplicate.value) == (3, "code", "dubbel")
    assert "first in row 2" in duplicate.message
    with pytest.raises(IngestError, match="not a register file"):
        register.prepare(con, write(tmp_path, "x.csv", "foo;bar\n1;2\n"), "x")


def test_a_new_version_supersedes_the_seed_and_rollback_restores_it(con, tmp_path, private_store):
    line = (
        'tech-oost;=HYPERLINK("http://x");PPS;tech-oost;han|provincie-overijssel;'
        "Twente, regio-zwolle;Hightech;robotica;regio-deal-twente;lopend;2025;2028;"
        "https://example.org/tech-oost;<b>vet</b>;eigen invoer\n"
    )
    staged = register.prepare(con, write(tmp_path, "new.csv", INITIATIVES_HEADER + line), "new")
    assert staged.problem_count == 0, staged.problems
    upload = register.commit(private_store, staged, "test")
    rows = con.execute(
        "SELECT name, partners, regions, sectors, description FROM initiatives"
        " WHERE slug = 'tech-oost' AND removed_in IS NULL"
    ).fetchall()
    assert rows == [
        (
            '=HYPERLINK("http://x")',
            ["han", "provincie-overijssel"],
            ["twente", "regio-zwolle"],
            ["hightech"],
            "<b>vet</b>",
        )
    ]
    frame = pd.DataFrame({"naam": [rows[0][0]]})
    exported = pd.read_csv(io.BytesIO(export.to_bytes(frame, "csv")))
    assert exported["naam"].iloc[0].startswith("'=HYPERLINK")  # text in a spreadsheet
    uploads.rollback(private_store, upload)
    restored = con.execute(
        "SELECT name FROM initiatives WHERE slug = 'tech-oost' AND removed_in IS NULL"
    ).fetchall()
    assert restored == [("Tech Oost",)]


@pytest.fixture
def page(demo_ref, monkeypatch):
    demo_ref.use(monkeypatch)

    def go(**params) -> AppTest:
        return open_page("pages/8_Initiatieven.py", link=params)

    return go


AREAS = {"regio-oost": set(OOST), "gelderland": set(GELDERLAND), "overijssel": set(OVERIJSSEL)}


def seed_count(region=None, programme=None) -> int:
    count = 0
    for item in register_seed.INITIATIVES:
        covered = set().union(*[AREAS.get(r, {r}) for r in item["regions"]])
        if region and region not in covered:
            continue
        if programme and programme not in item["programmes"]:
            continue
        count += 1
    return count


def test_initiatives_page_counts(page):
    at = page()
    assert at.subheader[0].value == f"{len(register_seed.INITIATIVES)} initiatieven"
    at = page(regio="twente")
    assert at.subheader[0].value == f"{seed_count(region='twente')} initiatieven"
    at = page(programma="llo-katalysator")
    assert at.subheader[0].value == f"{seed_count(programme='llo-katalysator')} initiatieven"
    names = set(at.dataframe[0].value["Initiatief"])
    assert names == {"SEECE", "LLO-katalysator Energie Gelderland"}


def test_white_spots_on_the_page(page, demo_frame):
    at = page()
    spots = shown(open_tables(at).dataframe[-1])
    quarter = demo_frame[demo_frame["indicator"] == "spanningsindicator"]["period_start"].max()
    tension = demo_frame[
        (demo_frame["indicator"] == "spanningsindicator") & (demo_frame["period_start"] == quarter)
    ]
    value = tension[(tension["region"] == "foodvalley") & (tension["sector"] == "gezondheid")]
    row = spots[(spots["Regio"] == "FoodValley") & (spots["Sector"] == "Zorg en welzijn")].iloc[0]
    expected = sum(
        1
        for item in register_seed.INITIATIVES
        if "foodvalley" in set().union(*[AREAS.get(r, {r}) for r in item["regions"]])
        and ({"gezondheid", "alle"} & set(item["sectors"]))
    )
    assert row["Initiatieven"] == str(expected)
    white = value["value"].iloc[0] >= 1.5 and expected <= 1
    assert row["Witte vlek"] == ("ja" if white else "nee")


def test_cli_import_register(tmp_path, private_ref, capsys):
    from hcdash.cli import main

    good = write(
        tmp_path,
        "org.csv",
        "code;naam;soort;provincie;bron\nsaxion;Saxion;onderwijs;overijssel;eigen invoer\n",
    )
    assert main([*private_ref.args(), "import", "--source", "register", str(good)]) == 0
    assert "Loaded 1 records as upload" in capsys.readouterr().out
    bad = write(tmp_path, "bad.csv", "code;naam;soort;provincie\nx;X;y;mars\n")
    assert main([*private_ref.args(), "import", "--source", "register", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "provincie" in err and "Nothing was loaded" in err
