"""A corpus of bad and messy files, generated here: each with the problem it must report (row as
Excel shows it, column, message), and the database exactly as it was afterwards."""

import re
import zipfile

import pytest

from hcdash import ingest
from hcdash.errors import IngestError
from hcdash.ingest import read, sniff
from hcdash.ingest.model import Options
from hcdash.ingest.text import Checker
from tests.support.ingest import snapshot, write, write_xlsx

H = "indicator;regio;sector;periode;waarde\n"
OK = "vacatures;Twente;energie;2024 K1;1.234\n"

# name, file text, expected problems [(row, column, message part)]
ROW_PROBLEMS = [
    (
        "unknown_region",
        H + OK + "vacatures;Twnte;energie;2024 K1;5\n",
        [(3, "regio", "unknown region; did you mean 'Twente'?")],
    ),
    (
        "unknown_indicator",
        H + OK + "vacature;Twente;energie;2024 K2;5\n",
        [(3, "indicator", "did you mean 'vacatures' or 'vacatures_cbs'?")],
    ),
    (
        "unknown_sector",
        H + OK + "vacatures;Twente;energy sector;2024 K2;5\n",
        [(3, "sector", "unknown sector")],
    ),
    (
        "invalid_quarter",
        H + OK + "vacatures;Twente;energie;2024 K5;5\n",
        [(3, "periode", "not a valid period")],
    ),
    (
        "not_a_number",
        H + OK + "vacatures;Twente;energie;2024 K2;veel\n",
        [(3, "waarde", "not a number in this file's format (decimal comma")],
    ),
    (
        "point_in_comma_file",
        H + "vacatures;Twente;energie;2024 K1;1.234,5\nvacatures;Twente;energie;2024 K2;12.5\n",
        [(3, "waarde", "not a number")],
    ),
    (
        "conflicting_duplicate",
        H + OK + "vacatures;Twente;energie;2024 K1;1.300\n",
        [(2, "waarde", "different values in rows 2, 3"), (3, "waarde", "rows 2, 3")],
    ),
    (
        "duplicate_spelled_differently",
        H + OK + "vacatures;AM05;Energie;2024-Q1;1.300\n",
        [(2, "waarde", "rows 2, 3"), (3, "waarde", "rows 2, 3")],
    ),
    (
        "wrong_grain",
        H + OK + "vacatures;Twente;energie;2024;5\n",
        [(3, "periode", "this period is a year, but vacatures is measured per quarter")],
    ),
    (
        "negative_count",
        H + OK + "vacatures;Twente;energie;2024 K2;-5\n",
        [(3, "waarde", "a negative count is not possible")],
    ),
    (
        "missing_region",
        H + OK + "vacatures;;energie;2024 K2;5\n",
        [(3, "regio", "the region is missing")],
    ),
    (
        "missing_indicator",
        H + OK + ";Twente;energie;2024 K2;5\n",
        [(3, "indicator", "the indicator is missing")],
    ),
    (
        "missing_period",
        H + OK + "vacatures;Twente;energie;;5\n",
        [(3, "periode", "the period is missing")],
    ),
    (
        "bad_provisional_flag",
        "indicator;regio;sector;periode;waarde;voorlopig\n"
        "vacatures;Twente;energie;2024 K1;5;ja\nvacatures;Twente;energie;2024 K2;5;misschien\n",
        [(3, "voorlopig", "not a provisional flag")],
    ),
    (
        "infinite_value",
        H + OK + "vacatures;Twente;energie;2024 K2;inf\n",
        [(3, "waarde", "not a number")],
    ),
    (
        "many_problems_all_reported",
        H + "".join(f"vacatures;Nergenshuizen;energie;2024 K1;{i}\n" for i in range(60)),
        [(2, "regio", "unknown region"), (51, "regio", "unknown region")],
    ),
    (
        "row_numbers_after_blank_and_junk_lines",
        H + OK + '\n""\n\n' + "vacatures;Twnte;alle;2024 K1;5\n",
        [(6, "regio", "did you mean 'Twente'?")],
    ),
    (
        "row_numbers_after_quoted_newline",
        "indicator;regio;sector;periode;waarde;opmerking\n"
        'vacatures;Twente;energie;2024 K1;5;"twee\nregels"\nvacatures;Twnte;alle;2024 K1;5;x\n',
        [(3, "regio", "unknown region")],
    ),
    (
        "wide_period_unknown_region",
        "indicator;regio;2023 K1;2023 K2\nvacatures;Twente;1;2\nvacatures;Achterhook;3;4\n",
        [(3, "regio", "did you mean 'Achterhoek'?")],
    ),
    (
        "wide_period_bad_value_in_one_cell",
        "indicator;regio;2023 K1;2023 K2\nvacatures;Twente;1;veel\n",
        [(2, "2023 K2", "not a number")],
    ),
    (
        "wide_indicator_unknown_column",
        "periode;regio;Openstaande vacatures (aantal);Onbekend\n2023 K1;Twente;1;2\n",
        [(2, "Onbekend", "unknown indicator")],
    ),
    (
        "new_indicator_without_metadata",
        H + "vacaturegraad;Twente;alle;2024;3,5\n",
        [(2, "indicator", "unknown indicator (describe it to add it as new)")],
    ),
]

# name, file text (or bytes), expected IngestError message part
FILE_ERRORS = [
    ("empty", "", "the file is empty"),
    ("binary", b"\x00\x01\x02" * 100, "not a text file"),
    ("zip_as_csv", b"PK\x03\x04" + b"\x00" * 50, "looks like an Excel or zip file"),
    ("no_header", "alleen\neen\nkolom\n", "no header row found"),
    ("unknown_layout", "foo;bar\n1;2\n", "the layout was not recognised"),
    (
        "two_period_columns",
        "indicator;regio;jaar;periode;waarde\nvacatures;Twente;2024;2024 K1;5\n",
        "two columns both look like the period",
    ),
    (
        "long_without_indicator",
        "regio;sector;waarde;periode\nTwente;alle;5;2024 K1\n",
        "needs a column 'indicator'",
    ),
    (
        "value_without_header",
        H + OK + "vacatures;Twente;alle;2024 K2;5;;7\n",
        "row 3 has a value in column 7, which has no header",
    ),
    (
        "unquoted_delimiter_in_value",
        H + OK + "vacatures;Twente;energie;2024 K2;1;5\n",
        "row 3 has a value in column 6",
    ),
]


@pytest.fixture
def con(private_con):
    return private_con


def prepare(con, path, options=None):
    return ingest.prepare(con, path, path.name, options or Options())


@pytest.mark.parametrize(
    ("name", "text", "expected"), ROW_PROBLEMS, ids=[c[0] for c in ROW_PROBLEMS]
)
def test_row_problems_are_reported_and_nothing_is_written(
    con, tmp_path, name, text, expected, private_store
):
    before = snapshot(con)
    staged = prepare(con, write(tmp_path, f"{name}.csv", text))
    problems = staged.preview.problems
    for row, column, message in expected:
        assert any(
            p.row == row and p.column == column and message in p.message for p in problems
        ), f"no problem at row {row}, column {column} with {message!r} in {problems}"
    with pytest.raises(IngestError, match="nothing was loaded"):
        ingest.commit(private_store, staged)
    staged.drop()
    assert snapshot(con) == before


# Words of the English problem texts that no Dutch one has.
ENGLISH = re.compile(
    r"\b(unknown|did you mean|known|missing|not a|is a|the|rows|count|value|point|comma|decimal)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    ("name", "text", "expected"), ROW_PROBLEMS, ids=[c[0] for c in ROW_PROBLEMS]
)
def test_row_problems_carry_a_code_and_read_in_dutch_too(con, tmp_path, name, text, expected):
    """The English text (``message``, the command line) is the Dutch page's text in English:
    the same code and parameters, no English left in the Dutch one."""
    staged = prepare(con, write(tmp_path, f"{name}.csv", text))
    problems = staged.preview.problems
    staged.drop()
    assert problems
    for problem in problems:
        assert problem.code is not None, problem
        assert problem.text("en") == problem.message
        dutch = problem.text("nl")
        assert dutch != problem.message
        assert not ENGLISH.search(dutch), dutch


def test_a_hint_in_dutch_and_english(con, tmp_path):
    staged = prepare(con, write(tmp_path, "hint.csv", H + "vacatures;Twnte;energie;2024 K1;5\n"))
    (problem,) = staged.preview.problems
    staged.drop()
    assert problem.text("en") == "unknown region; did you mean 'Twente'?"
    assert problem.text("nl") == "onbekende regio; bedoelt u 'Twente'?"


def test_all_problems_counted_first_fifty_listed(con, tmp_path):
    text = H + "".join(f"vacatures;Nergenshuizen;energie;2024 K1;{i}\n" for i in range(60))
    staged = prepare(con, write(tmp_path, "many.csv", text))
    assert staged.preview.problem_count == 60
    assert len(staged.preview.problems) == 50
    assert [p.row for p in staged.preview.problems][:3] == [2, 3, 4]


@pytest.mark.parametrize(
    ("name", "content", "message"), FILE_ERRORS, ids=[c[0] for c in FILE_ERRORS]
)
def test_unreadable_files_are_refused_with_a_reason(con, tmp_path, name, content, message):
    before = snapshot(con)
    path = write(tmp_path, f"{name}.csv", content)
    with pytest.raises(IngestError, match=message):
        prepare(con, path)
    assert snapshot(con) == before
    leftovers = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_hcdash_%'"
    ).fetchall()[0][0]
    assert leftovers == 0


def test_file_over_the_limit_is_refused_before_reading(con, tmp_path, monkeypatch):
    path = write(tmp_path, "big.csv", H + OK * 200)
    monkeypatch.setenv("HCDASH_MAX_UPLOAD_MB", "0.001")
    opened = []
    monkeypatch.setattr(read, "_read_csv", lambda *a, **k: opened.append(a))
    with pytest.raises(IngestError, match=r"over the limit of 0 MB"):
        prepare(con, path)
    assert opened == []


def test_excel_errors(con, tmp_path, monkeypatch):
    not_a_zip = write(tmp_path, "kapot.xlsx", "dit is geen excel")
    with pytest.raises(IngestError, match=r"not a valid \.xlsx"):
        prepare(con, not_a_zip)
    good = write_xlsx(tmp_path, "goed.xlsx", [["indicator", "regio", "periode", "waarde"]])
    with pytest.raises(IngestError, match="no sheet 'Data' in the file; sheets: Blad1"):
        prepare(con, good, Options(sheet="Data"))
    monkeypatch.setattr(read, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(IngestError, match="would unpack to"):
        prepare(con, good)
    assert zipfile.is_zipfile(good)


def test_valid_only_loads_the_rest_and_offers_the_rejected_rows(con, tmp_path, private_store):
    text = H + OK + "vacatures;Twnte;energie;2024 K2;5\nvacatures;Achterhoek;alle;2024 K2;7\n"
    staged = prepare(con, write(tmp_path, "mixed.csv", text))
    rejected = ingest.rejected(staged)  # the command line: English
    assert rejected["row"].tolist() == [3]
    assert rejected["reason"].iloc[0] == "regio: unknown region; did you mean 'Twente'?"
    assert rejected["regio"].tolist() == ["Twnte"]
    dutch = ingest.rejected(staged, "nl")  # the Dutch page
    assert dutch["rij"].tolist() == [3]
    assert dutch["reden"].iloc[0] == "regio: onbekende regio; bedoelt u 'Twente'?"
    upload = ingest.commit(private_store, staged, Options(valid_only=True, author="test")).upload_id
    loaded = con.execute(
        "SELECT region, value FROM observations WHERE upload_id = ? ORDER BY region", [upload]
    ).fetchall()
    assert loaded == [("achterhoek", 7.0), ("twente", 1234.0)]
    assert con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM uploads WHERE id = ?", [upload]
    ).fetchall()[0] == (3, 2, 1)


@pytest.mark.parametrize(
    "text",
    [
        "indicator;regio;periode;waarde\n",
        "indicator;regio;periode;waarde\n\n\n",
        "\ufeffindicator;regio;periode;waarde\r\n;;;\r\n",
    ],
)
def test_a_header_without_rows_says_so_and_changes_nothing(con, tmp_path, text, private_store):
    before = snapshot(con)
    with pytest.raises(IngestError) as caught:
        staged = prepare(con, write(tmp_path, "leeg.csv", text))
        ingest.commit(private_store, staged)
    assert "no values under it" in str(caught.value)
    assert snapshot(con) == before


def test_rejected_rows_give_every_reason_in_the_language_asked(con, tmp_path):
    """A row with two problems, two rows in conflict: each reason once per row, worded in the
    language of the page (or English for the command line)."""
    text = (
        H
        + "vacatures;Twnte;energie;2024 K7;5\n"
        + "vacatures;Achterhoek;alle;2024 K2;7\n"
        + "vacatures;Achterhoek;alle;2024 K2;8\n"
    )
    staged = prepare(con, write(tmp_path, "mixed.csv", text))
    english = ingest.rejected(staged).set_index("row")["reason"].to_dict()
    dutch = ingest.rejected(staged, "nl").set_index("rij")["reden"].to_dict()
    staged.drop()
    assert sorted(english) == sorted(dutch) == [2, 3, 4]
    assert sorted(english[2].split(" | ")) == [
        "periode: not a valid period; expected e.g. 2024, 2024 K1, 2024-Q1 or 2024-01",
        "regio: unknown region; did you mean 'Twente'?",
    ]
    assert sorted(dutch[2].split(" | ")) == [
        "periode: geen geldige periode; verwacht bijv. 2024, 2024 K1, 2024-Q1 of 2024-01",
        "regio: onbekende regio; bedoelt u 'Twente'?",
    ]
    assert (
        english[3]
        == english[4]
        == (
            "waarde: the same indicator, region, sector and period appear with different values"
            " in rows 3, 4"
        )
    )
    assert (
        dutch[3]
        == dutch[4]
        == (
            "waarde: dezelfde indicator, regio, sector en periode staan met verschillende waarden"
            " in de rijen 3, 4"
        )
    )


def test_every_problem_text_is_given_by_some_file(con, tmp_path):
    """Each ``problem.<code>`` of ``i18n.messages`` is a code the checks give (here, or for a
    DUO file in test_duo): no text without a problem, no problem without a text."""
    from hcdash.i18n import messages

    seen = set()
    extra = [
        ("sector_missing", H + "vacatures;Twente;;2024 K1;5\n"),
        (
            "point",
            "indicator,regio,periode,waarde\n"
            "vacatures,Twente,2024 K1,1.5\nvacatures,Twente,2024 K2,abc\n",
        ),
    ]
    for name, text, _ in [*ROW_PROBLEMS, *((n, t, None) for n, t in extra)]:
        staged = prepare(con, write(tmp_path, f"{name}.csv", text))
        seen |= {p.code for p in staged.preview.problems}
        staged.drop()
    texts = {k.split(".", 1)[1] for k in messages.TEXTS if k.startswith("problem.")}
    grains = {"grain_year", "grain_quarter", "grain_month"}
    register = {t for t in texts if t.startswith("register_")}  # tests/test_register.py
    notes = {t for t in texts if t.startswith("notes_")}  # tests/test_notes.py
    assert seen == texts - grains - register - notes - {"not_a_count"}


# Rows enough to fill the 256 KB that the encoding and delimiter are guessed from.
FILLER_ROWS = sniff.SAMPLE_BYTES // len(OK) + 10
AFTER_SAMPLE = FILLER_ROWS + 2  # the line after the header and the filler


def beyond_the_sample(tail: bytes, *, start: str = "", encoding: str = "utf-8") -> bytes:
    """A valid file whose first 256 KB are text in ``encoding``, then ``tail`` (one line)."""
    return (H.replace("waarde", "waarde" + start) + OK * FILLER_ROWS).encode(encoding) + tail


# name, file bytes, expected message: a byte the sniffed encoding cannot decode, after the sample
UNDECODABLE = [
    (
        "cp1252_then_undefined_byte",  # 0x81 is not a character in Windows-1252
        beyond_the_sample(b"vacatures;Tw\x81nte;alle;2024 K2;5\n", start="é", encoding="cp1252"),
        f"byte 0x81 at line {AFTER_SAMPLE} is not Windows-1252",
    ),
    (
        "utf8_then_cp1252",  # a UTF-8 file with a Windows-1252 é further down: two encodings
        beyond_the_sample("vacatures;Tw\xe9nte;alle;2024 K2;5\n".encode("cp1252")),
        f"byte 0xe9 at line {AFTER_SAMPLE} is not UTF-8",
    ),
    (
        "utf8_then_bad_byte_after_blank_line",  # the copy made to mark blank lines checks too
        beyond_the_sample(b"\nvacatures;Tw\xffnte;alle;2024 K2;5\n"),
        f"byte 0xff at line {AFTER_SAMPLE + 1} is not UTF-8",
    ),
    (
        "utf8_cut_off_at_the_end",  # half a character: the last byte of the file
        beyond_the_sample("vacatures;Twente;alle;2024 K2;5 €".encode()[:-1]),
        f"byte 0xe2 at line {AFTER_SAMPLE} is not UTF-8",
    ),
    (
        "cr_line_ends",  # old Mac line ends: lines are counted by CR too
        beyond_the_sample(b"vacatures;x\x81;alle;2024 K2;5\r").replace(b"\n", b"\r"),
        f"byte 0x81 at line {AFTER_SAMPLE} is not UTF-8",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), UNDECODABLE, ids=[c[0] for c in UNDECODABLE])
def test_a_byte_the_encoding_cannot_decode_is_refused_with_its_line(
    con, tmp_path, name, data, message
):
    """Was a UnicodeDecodeError (a traceback on the command line) for Windows-1252, and an
    unclear error of DuckDB's reader for UTF-8."""
    before = snapshot(con)
    with pytest.raises(IngestError, match=message):
        prepare(con, write(tmp_path, f"{name}.csv", data))
    assert snapshot(con) == before


@pytest.mark.parametrize(
    ("where", "data", "line"),
    [
        ("start", (H + OK.replace("1.234", "1\x00234") + OK).encode(), 2),
        ("after_sample", beyond_the_sample(b"vacatures;Twente;alle;2024 K2;5\x00\n"), AFTER_SAMPLE),
        (
            "after_sample_windows_1252",
            beyond_the_sample(b"vacatures;\x00;alle;2024 K2;5\n", start="é", encoding="cp1252"),
            AFTER_SAMPLE,
        ),
    ],
)
def test_a_nul_byte_is_refused_alike_wherever_it_is(con, tmp_path, where, data, line):
    """A NUL after the first 256 KB went into the staging table unnoticed."""
    before = snapshot(con)
    with pytest.raises(IngestError) as caught:
        prepare(con, write(tmp_path, f"nul_{where}.csv", data))
    assert caught.value.code == "not_text"
    assert str(caught.value) == (
        f"this is not a text file: it contains a NUL byte (at line {line}); expected CSV or .xlsx"
    )
    assert snapshot(con) == before


def test_without_the_byte_check_the_nul_is_loaded_and_the_decoder_fails(tmp_path, monkeypatch):
    """The guard is what refuses: without ``text.Checker`` the NUL after the sample reaches the
    staging table, and Windows-1252 ends in UnicodeDecodeError (the state before)."""
    import duckdb

    monkeypatch.setattr(Checker, "check", lambda self, chunk, final=False: None)
    con = duckdb.connect()
    nul = write(tmp_path, "nul.csv", beyond_the_sample(b"vacatures;x\x00y;alle;2024 K2;5\n"))
    read.read(con, nul, "t")
    assert con.execute("SELECT count(*) FROM t WHERE contains(c2, chr(0))").fetchall() == [(1,)]
    (name, data, _message) = UNDECODABLE[0]
    with pytest.raises(UnicodeDecodeError):
        read.read(con, write(tmp_path, f"{name}.csv", data), "t")


def test_the_command_line_says_why_and_exits_1(private_ref, tmp_path, capsys):
    """The whole command, as an analyst runs it: a message, exit code 1, no traceback."""
    from hcdash.cli import main

    for name, data, message in UNDECODABLE[:1]:
        path = write(tmp_path, f"{name}.csv", data)
        assert main([*private_ref.args(), "import", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("hcdash: error: the file is not in one encoding: ") and message in err
