"""Notes on series: the built-in arbeidsmarktregio notes re-derived from CBS's own files, the
reader's filter, and a pinned view that hides a note added later."""

import csv
import json
from pathlib import Path

import duckdb
import pytest

from hcdash import migrations, notes, stand
from hcdash.queries import Reader

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata"
DATA = Path(__file__).resolve().parents[1] / "src" / "hcdash" / "data"


def _moved_from_files() -> set[tuple[str, str, str]]:
    """(gemeente, region 2016, region 2026) of every gemeente in another region in 2026 than
    its 2016 region became: 2016 codes are the 2026 codes but for the ones no 2026 gemeente
    carries (each then renamed to the code most of its gemeenten carry now); a gemeente merged
    before 2018 counts under its current code."""
    if not REAL.is_dir():
        pytest.skip("needs ../shared/realdata (CBS 83287NED, merger history)")
    d = json.loads((REAL / "cbs_83287NED_gebieden_in_nederland_2016.json").read_text())
    old = dict(zip([g[2:] for g in d["reg"]], d["Arbeidsmarktregio's"], strict=True))
    lines = (DATA / "gemeente_arbeidsmarktregio_2026.csv").read_text().splitlines()
    new = dict(line.split(";") for line in lines if not line.startswith(("#", "gemeente")))
    with (REAL / "cbs_gm_changes_before_2018.csv").open(encoding="latin-1") as f:
        current = {r["Oude"][2:]: r["Huidige code"][2:] for r in csv.DictReader(f, delimiter=";")}
    gone = set(old.values()) - set(new.values())
    renamed = {}
    for code in gone:
        now = [new[g] for g, a in old.items() if a == code and g in new]
        renamed[code] = max(set(now), key=now.count)
    moved = set()
    for g, was in old.items():
        g_now = current.get(g, g)
        if g_now in new and renamed.get(was, was) != new[g_now]:
            moved.add((g, was, new[g_now]))
    return moved, renamed


def test_the_built_in_notes_say_what_the_files_show():
    moved, renamed = _moved_from_files()
    assert renamed == {"AM31": "AM38"} == notes.RENUMBERED
    assert moved == {(m.code, m.was, m.now) for m in notes.MOVED}
    assert len(moved) == 7
    names = json.loads((REAL / "cedanl_arbeidsmarktregio_gemeente_2026.json").read_text())
    assert {m.code for m in notes.MOVED} <= set(names["gemeenten"])


@pytest.fixture
def con():
    con = duckdb.connect()
    migrations.apply_migrations(con)
    return con


def test_the_seeded_notes_name_the_movers_of_regio_oost(con):
    texts = Reader(con).notes(regions=("regio-zwolle",))
    by_slug = dict(zip(texts["slug"], texts["text_en"], strict=True))
    assert set(by_slug) == {"am-2016-regio-zwolle"}
    for name in ("Elburg", "Nunspeet", "Olst-Wijhe", "Heerde"):
        assert name in by_slug["am-2016-regio-zwolle"]
    assert "AM31" in Reader(con).notes(regions=("foodvalley",))["text_nl"].iloc[0]
    assert Reader(con).notes(regions=("twente",)).empty


def _add(con, slug: str, indicator: str, version: int) -> None:
    con.execute(
        "INSERT INTO notes (slug, kind, indicator, period_start, text_nl, text_en, source,"
        " added_in) VALUES (?, 'breuk', ?, DATE '2020-01-01', 'b', 'b', 's', ?)",
        [slug, indicator, version],
    )


def test_notes_of_an_indicator_and_no_other(con):
    _add(con, "b1", "werkzame_beroepsbevolking", 1)
    _add(con, "b2", "spanningsindicator", 1)
    got = Reader(con).notes(indicators=("spanningsindicator",), regions=("twente",))
    assert got["slug"].tolist() == ["b2"]  # the built-in notes are about other regions


def _slugs(con) -> list[str]:
    return Reader(con).notes(indicators=("spanningsindicator",))["slug"].tolist()


def test_a_pin_hides_a_note_added_later(con):
    _add(con, "later", "spanningsindicator", 5)
    stand.pin(con, 4)
    try:
        assert "later" not in _slugs(con)
    finally:
        stand.unpin(con)
    # the broken version (no pin) shows it: the check can fail
    assert "later" in _slugs(con)
    stand.pin(con, 5)
    try:
        assert "later" in _slugs(con)
    finally:
        stand.unpin(con)


def _break_on(store, indicator: str) -> None:
    """A break in ``indicator`` from 2020 K1 (a write of its own, as an upload would be)."""

    def work(change):
        change.con.execute(
            "INSERT INTO notes (slug, kind, indicator, period_start, text_nl, text_en, source,"
            " added_in) VALUES ('methode-2020', 'breuk', ?, DATE '2020-01-01',"
            " 'Nieuwe methode', 'New method', 'UWV', ?)",
            [indicator, change.version],
        )

    store.write(work)


def _marked(view) -> bool:
    return any(a.text == "Breuk" for a in view.figure.layout.annotations or ())


def test_a_break_shows_on_every_chart_of_its_indicator_and_nowhere_else(private_store):
    from hcdash.views import intake, shortage
    from hcdash.views.common import Context

    _break_on(private_store, "spanningsindicator")
    regions = ["twente", "achterhoek"]
    with private_store.reading() as con:
        ctx = Context(Reader(con))
        tension = shortage.tension(ctx, regions, "alle")
        others = [
            shortage.vacancies(ctx, regions, "alle"),
            shortage.ranking(ctx, regions, "alle"),
            intake.intake(ctx, "mbo", regions, "alle"),
        ]
        assert _marked(tension)
        assert [_marked(view) for view in others] == [False, False, False]
        # the line at 2020 K1, the sentence under the chart, the table's column
        line = [s for s in tension.figure.layout.shapes if s.type == "line" and s.x0 == "2020 K1"]
        assert len(line) == 1
        assert "Let op: Breuk 2020 K1: Nieuwe methode." in tension.notes
        column = tension.table["Opmerkingen"]
        periods = tension.table["Periode"]
        assert set(column[periods == "2020 K1"]) == {"Breuk 2020 K1: Nieuwe methode"}
        assert set(column[periods != "2020 K1"]) == {""}


GOOD = (
    "code;soort;indicator;regio;sector;van;tot;tekst;tekst en;bron\n"
    "methode-2020;breuk;spanningsindicator;;;2020 K1;;Nieuwe methode;New method;UWV\n"
    "corona;bron;vacatures;Twente;;2020 K2;2021 K2;Corona;Covid;CBS\n"
)


def _prepare(store, tmp_path, text: str, name: str = "opmerkingen.csv"):
    from hcdash import notes_file

    path = tmp_path / name
    path.write_text(text)
    with store.reading(snapshot=False) as con:
        return notes_file.prepare(con, path, name)


def _table(store) -> list[tuple]:
    with store.reading() as con:
        return con.execute("SELECT * FROM notes ORDER BY slug, added_in").fetchall()


def test_a_notes_file_loads_and_rolls_back(private_store, tmp_path):
    from hcdash import notes_file, uploads

    before = _table(private_store)
    staged = _prepare(private_store, tmp_path, GOOD)
    assert staged.problems == []
    upload = notes_file.commit(private_store, staged, "analist")
    with private_store.reading() as con:
        got = Reader(con).notes(indicators=("vacatures",), regions=("twente",))
        row = got[got["slug"] == "corona"].iloc[0]
    assert (row["kind"], row["region"], row["text_en"]) == ("bron", "twente", "Covid")
    assert (str(row["period_start"].date()), str(row["period_end"].date())) == (
        "2020-04-01",
        "2021-04-01",
    )
    uploads.rollback(private_store, upload)
    with private_store.reading() as con:
        current = Reader(con).notes()["slug"].tolist()
    assert "corona" not in current and "methode-2020" not in current
    assert len(_table(private_store)) == len(before) + 2  # history kept


BAD = (
    "code;soort;indicator;regio;sector;van;tot;tekst;tekst en;bron\n"
    "goed;breuk;spanningsindicator;;;2020 K1;;Nieuw;New;UWV\n"
    "fout-indicator;breuk;bestaat_niet;;;2020 K1;;Nieuw;New;UWV\n"
    "fout-periode;revisie;vacatures;;;2020 K7;;Herzien;Revised;CBS\n"
)


def test_a_notes_file_with_an_unknown_indicator_or_a_bad_period_is_refused(private_store, tmp_path):
    from hcdash import notes_file
    from hcdash.errors import IngestError

    before = _table(private_store)
    staged = _prepare(private_store, tmp_path, BAD)
    where = [(p.row, p.column, p.value, p.code) for p in staged.problems]
    assert where == [
        (3, "indicator", "bestaat_niet", "notes_unknown_indicator"),
        (4, "van", "2020 K7", "bad_period"),
    ]
    with pytest.raises(IngestError, match="2"):
        notes_file.commit(private_store, staged, "analist")
    assert _table(private_store) == before


def test_the_guards_are_what_refuse(private_store, tmp_path, monkeypatch):
    """Without the indicator check the bad row would pass: the check can fail."""
    from hcdash import notes_file

    monkeypatch.setattr(notes_file._Checker, "_where", lambda self, row, values: {})
    staged = _prepare(private_store, tmp_path, BAD)
    assert [p.row for p in staged.problems] == [4]


def test_the_command_line_imports_lists_exports_and_pins_notes(tmp_path, capsys):
    from hcdash.cli import main

    db = ["--store", str(tmp_path / "h.duckdb")]
    (tmp_path / "n.csv").write_text(GOOD)
    assert main([*db, "init"]) == 0
    assert main([*db, "notes", "import", str(tmp_path / "n.csv"), "--author", "a"]) == 0
    capsys.readouterr()
    assert main([*db, "notes", "list"]) == 0
    listed = capsys.readouterr().out
    assert "methode-2020" in listed and "2020-04..2021-04" in listed
    assert main([*db, "notes", "export", "-o", str(tmp_path / "e.csv")]) == 0
    exported = (tmp_path / "e.csv").read_text().splitlines()
    assert exported[0] == "code;soort;indicator;regio;sector;van;tot;tekst;tekst en;bron"
    assert "corona;bron;vacatures;twente;;2020-04;2021-04;Corona;Covid;CBS" in exported
    assert main([*db, "rollback", "1"]) == 0
    capsys.readouterr()
    assert main([*db, "notes", "list"]) == 0
    assert "corona" not in capsys.readouterr().out
    assert main([*db, "notes", "list", "--stand", "1"]) == 0
    assert "corona" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    assert main([*db, "notes", "import", str(bad)]) == 1
    assert "row 3" in capsys.readouterr().err.lower()


def test_an_export_names_the_notes_about_each_value(private_store, tmp_path):
    from hcdash import export
    from hcdash.queries import Filters

    _break_on(private_store, "spanningsindicator")
    with private_store.reading() as con:
        frame = export.export_frame(con, Filters(regions=("regio-zwolle",)))
    tension = frame[frame["indicator"] == "spanningsindicator"]
    at_break = tension["period"] == "2020-Q1"
    assert set(tension.loc[at_break, "notes"]) == {"am-2016-regio-zwolle; methode-2020"}
    assert set(tension.loc[~at_break, "notes"]) == {"am-2016-regio-zwolle"}
    assert set(frame.loc[frame["indicator"] != "spanningsindicator", "notes"]) == {
        "am-2016-regio-zwolle"
    }


# --- the pages ------------------------------------------------------------------------------


def test_krapte_marks_the_break_and_bronnen_lists_it(private_ref, private_store, monkeypatch):
    from tests.conftest import open_page

    _break_on(private_store, "spanningsindicator")
    private_ref.use(monkeypatch)
    at = open_page("pages/1_Krapte.py")
    marked = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        labels = [a.get("text") for a in spec["layout"].get("annotations", [])]
        marked.append("Breuk" in labels)
    assert marked.count(True) == 1  # the tension chart; not the heatmap, ranking, vacancies
    assert any(
        "Let op: Breuk 2020 K1: Nieuwe methode." in m.value.replace("\\", "")
        for m in [*at.markdown, *at.caption]
    )
    at = open_page("pages/7_Bronnen.py")
    notes_table = at.dataframe[1].value
    row = notes_table[notes_table["Opmerking"] == "Nieuwe methode"].iloc[0]
    assert (row["Soort"], row["Regio"], row["Bron"]) == ("Breuk", "alle", "UWV")
    assert row["Vanaf"] == "1 januari 2020"
    zwolle = notes_table[notes_table["Regio"] == "Regio Zwolle"].iloc[0]
    assert "Elburg" in zwolle["Opmerking"] and zwolle["Soort"] == "Herindeling"


def test_the_factsheet_lists_the_notes_on_its_figures(private_store):
    from hcdash import factsheet
    from hcdash.views.common import Context

    _break_on(private_store, "spanningsindicator")
    _break_on_other(private_store)
    with private_store.reading() as con:
        ctx = Context(Reader(con))
        zwolle = factsheet.sheet(ctx, "regio-zwolle", "https://hc.example", "1").notes
        twente = factsheet.sheet(ctx, "twente", "https://hc.example", "1").notes
    assert twente == ["Breuk: Nieuwe methode"]  # not the note on an indicator it does not show
    assert (
        zwolle[0].startswith("Herindeling: Tussen de indeling van 2016") and "Elburg" in zwolle[0]
    )
    assert zwolle[1:] == ["Breuk: Nieuwe methode"]


def _break_on_other(store) -> None:
    def work(change):
        change.con.execute(
            "INSERT INTO notes (slug, kind, indicator, text_nl, text_en, source, added_in)"
            " VALUES ('ander', 'definitie', 'niet_op_het_blad', 'x', 'x', 'CBS', ?)",
            [change.version],
        )

    store.write(work)


def test_the_data_page_checks_loads_and_rolls_back_a_notes_file(private_ref, monkeypatch):
    from hcdash import access
    from tests.conftest import shown
    from tests.test_data_page import PASSWORD, log_in, open_data_page

    private_ref.use(monkeypatch)
    monkeypatch.setattr(access, "BRAKE", access.Brake())
    monkeypatch.setenv(access.HASH_ENV_VAR, access.hash_password(PASSWORD, iterations=1000))
    at = log_in(open_data_page())
    at.segmented_control(key="data_kind").set_value("notes").run()
    at.get("file_uploader")[0].set_value(("fout.csv", BAD.encode(), "text/csv"))
    at.run()
    problems = shown(at.dataframe[0]).to_dict("records")
    assert [(p["Rij"], p["Kolom"]) for p in problems] == [("3", "indicator"), ("4", "van")]
    assert at.button(key="notesfile_commit").disabled
    at.get("file_uploader")[0].set_value(("goed.csv", GOOD.encode(), "text/csv"))
    at.run()
    assert shown(at.dataframe[0])["code"].tolist() == ["methode-2020", "corona"]
    at.button(key="notesfile_commit").click().run()
    assert any("2 opmerkingen bij reeksen" in s.value for s in at.success)
    assert private_ref.rows("SELECT count(*) FROM notes WHERE upload_id = 2") == [(2,)]
    at.selectbox(key="rollback_id").set_value(2)
    at.checkbox(key="rollback_sure").check()
    at.get("form_submit_button")[-1].click().run()
    assert private_ref.rows(
        "SELECT count(*) FROM notes WHERE upload_id = 2 AND removed_in IS NULL"
    ) == [(0,)]


def test_a_pinned_link_hides_a_note_added_later(private_ref, private_store, monkeypatch):
    from tests.conftest import open_page

    _break_on(private_store, "spanningsindicator")
    private_ref.use(monkeypatch)

    def breaks(stand: str | None) -> tuple[int, int]:
        at = open_page("pages/1_Krapte.py")
        if stand:
            at.query_params["stand"] = stand
            at.run()
        specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
        labels = [a.get("text") for s in specs for a in s["layout"].get("annotations", [])]
        assert any("1" in str(i.value) for i in at.info) or not stand  # the pin's banner
        return labels.count("Breuk"), len(specs)

    assert breaks(None) == (1, 4)
    assert breaks("1") == (0, 4)  # the state after the demo's upload: the break came later


def test_a_note_on_one_sector_stays_off_the_chart_of_another(private_store):
    from hcdash.views import shortage
    from hcdash.views.common import Context

    def work(change):
        change.con.execute(
            "INSERT INTO notes (slug, kind, indicator, sector, period_start, text_nl, text_en,"
            " source, added_in) VALUES ('zorg', 'definitie', 'spanningsindicator', 'gezondheid',"
            " DATE '2020-01-01', 'Zorg', 'Care', 'UWV', ?)",
            [change.version],
        )

    private_store.write(work)
    with private_store.reading() as con:
        ctx = Context(Reader(con))
        care = shortage.tension(ctx, ["twente"], "gezondheid")
        energy = shortage.tension(ctx, ["twente"], "energie")
    labels = [[a.text for a in v.figure.layout.annotations or ()] for v in (care, energy)]
    assert ["Definitie" in each for each in labels] == [True, False]


def test_every_notes_problem_text_is_given_by_some_notes_file(private_store, tmp_path):
    """Each ``problem.notes_*`` text is what some notes file gets, with its row and column: a
    missing text, an unknown indicator, a range ending before it starts or without a start."""
    from hcdash.i18n import messages

    header = "code;soort;indicator;regio;sector;van;tot;tekst;tekst en;bron\n"
    rows = (
        "zonder-tekst;breuk;vacatures;;;2020 K1;;;New;UWV\n"
        "onbekend;breuk;bestaat_niet;;;2020 K1;;Nieuw;New;UWV\n"
        "omgekeerd;breuk;vacatures;;;2021 K1;2020 K1;Nieuw;New;UWV\n"
        "geen-begin;breuk;vacatures;;;;2020 K1;Nieuw;New;UWV\n"
    )
    staged = _prepare(private_store, tmp_path, header + rows)
    where = [(p.row, p.column, p.code) for p in staged.problems]
    assert where == [
        (2, "tekst", "notes_missing"),
        (3, "indicator", "notes_unknown_indicator"),
        (4, "tot", "notes_range"),
        (5, "van", "notes_range"),
    ]
    texts = {k.split(".", 1)[1] for k in messages.TEXTS if k.startswith("problem.notes_")}
    assert {code for *_, code in where} == texts
