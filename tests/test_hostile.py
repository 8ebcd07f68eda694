"""Hostile input: odd file names, an .xlsx that would unpack to gigabytes, markup as text."""

import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hcdash import ingest
from hcdash.errors import IngestError
from hcdash.ingest.read import copy_upload

# The command in a process of its own, which writes its peak memory (VmHWM, kB) to the file named
# by its first argument as it exits. The process's own high-water mark, not the rusage a parent
# sees after wait: Linux counts the parent's memory at fork or vfork in the child's ru_maxrss,
# so a large test process made a small command look large.
PEAK_OF_COMMAND = """
import atexit, re, sys
from pathlib import Path
from hcdash.cli import main
target = Path(sys.argv.pop(1))
ballast = b"x" * int(sys.argv.pop(1)) * 2**20  # for the probe that the measure sees memory
def peak():
    status = Path("/proc/self/status").read_text()
    target.write_text(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1])
atexit.register(peak)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "x" * 10_000 + ".csv",
        "bad\udcff\udcfe.csv",
        "con.csv",
        "/abs/path.xlsx",
        "naam met spaties & ; | $(rm -rf).csv",
        "",
    ],
)
def test_odd_file_names_are_harmless(tmp_path, name):
    folder = tmp_path / "uploads"
    folder.mkdir()
    path = copy_upload(b"data", name, folder)
    assert path.parent == folder
    assert path.name in ("upload.csv", "upload.xlsx")
    assert list(folder.iterdir()) == [path]


def zip_claiming(path, size: int) -> None:
    """A real small .xlsx whose central directory claims ``size`` unpacked bytes."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", size)  # uncompressed size
    path.write_bytes(bytes(data))


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_unopened(tmp_path, demo_store):
    path = tmp_path / "bomb.xlsx"
    zip_claiming(path, 4_000_000_000)
    with (
        demo_store.reading(snapshot=False) as con,
        pytest.raises(IngestError, match=r"would unpack to 3,815 MB"),
    ):
        ingest.prepare(con, path, "bomb.xlsx")


def test_markup_from_users_is_escaped_for_markdown():
    from hcdash.links import plain

    shown = plain("<script>alert(1)</script> [klik](javascript:alert(1)) **vet**\x00\x1b")
    assert "<" not in shown.replace("\\<", "")
    assert "](" not in shown  # no live markdown link
    assert "\x00" not in shown and "\x1b" not in shown
    assert plain("x" * 100, 10) == "x" * 10 + "…"


SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def test_a_sheet_without_its_size_is_stopped_while_it_streams(monkeypatch):
    import duckdb

    from hcdash.ingest import read

    monkeypatch.setattr(read, "MAX_XLSX_CELLS", 1000)
    monkeypatch.setattr(read, "XLSX_CHUNK_ROWS", 10)
    con = duckdb.connect()
    rows = ([str(i)] * 10 for i in range(10**9))  # endless: only the limit stops it
    with pytest.raises(IngestError, match="reached at row 101"):
        read._stream_rows(con, rows, "t")
    assert con.execute("SELECT count(*) FROM t").fetchall() == [(100,)]  # chunks, not all


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def crafted_workbook(path: Path, zip_mb: float, *, lie: bool) -> Path:
    """An .xlsx of about ``zip_mb`` MB whose one sheet holds millions of numeric cells and
    declares its size as Excel does; with ``lie`` its central directory claims every part
    unpacks to 1 KB."""
    import random

    rng = random.Random(1)
    # rows from a pool far larger than deflate's 32 KB window: they compress like random data
    pool = [
        "".join(f"<c><v>{rng.randint(0, 10**9)}</v></c>" for _ in range(10)) for _ in range(20_000)
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                SHEET_HEAD.replace(
                    "<sheetData>", '<dimension ref="A1:J9000000"/><sheetData>'
                ).encode()
            )
            row = 0
            while os.path.getsize(path) < zip_mb * 1024**2:
                block = [f'<row r="{row + i + 1}">{cells}</row>' for i, cells in enumerate(pool)]
                row += len(pool)
                sheet.write("".join(block).encode())
            sheet.write(b"</sheetData></worksheet>")
    if lie:
        data = bytearray(path.read_bytes())
        central = data.rfind(b"PK\x01\x02")
        while central >= 0:  # every entry's claimed unpacked size: 1 KB
            data[central + 24 : central + 28] = struct.pack("<I", 1024)
            central = data.rfind(b"PK\x01\x02", 0, central)
        path.write_bytes(bytes(data))
    return path


@pytest.mark.embedded_only("reading a file does not depend on the store")
@pytest.mark.parametrize("lie", [False, True], ids=["honest", "lying-central-directory"])
def test_a_50_mb_crafted_workbook_is_refused_with_little_memory(tmp_path, demo_ref, lie):
    """The whole command, as an analyst would run it: refused with a message, exit code 1,
    peak memory under 500 MB, the store unchanged."""
    book = crafted_workbook(tmp_path / "big.xlsx", 50, lie=lie)
    assert book.stat().st_size >= 50 * 1024**2
    before = demo_ref.rows("SELECT count(*), max(version) FROM store_version")
    peak_file = tmp_path / "peak"
    args = [*demo_ref.args(), "import", str(book), "--dry-run", "--max-mb", "100"]
    done = subprocess.run(
        [sys.executable, "-c", PEAK_OF_COMMAND, str(peak_file), "0", *args],
        capture_output=True,
        text=True,
    )
    err, peak_mb = done.stderr, int(peak_file.read_text()) / 1024
    assert done.returncode == 1, err
    assert err.startswith("hcdash: error: ") and "Traceback" not in err
    refusals = ("would unpack to", "larger than a dashboard file", "could not be opened")
    assert any(refusal in err for refusal in refusals), err
    assert peak_mb < 500, f"peak memory {peak_mb:.0f} MB"
    assert demo_ref.rows("SELECT count(*), max(version) FROM store_version") == before


@pytest.mark.embedded_only("reading a file does not depend on the store")
def test_the_peak_memory_measure_sees_a_large_command(tmp_path, demo_ref):
    """The probe: the same measure around the same command, with 600 MB held, says over 500."""
    peak_file = tmp_path / "peak"
    subprocess.run(
        [sys.executable, "-c", PEAK_OF_COMMAND, str(peak_file), "600", *demo_ref.args(), "info"],
        capture_output=True,
        check=True,
    )
    assert int(peak_file.read_text()) / 1024 > 500


def sheet_workbook(path: Path, rows: str, *, dimension: str | None = None) -> Path:
    """An .xlsx of one sheet whose <sheetData> is ``rows`` (XML), declaring ``dimension`` or,
    like some tools other than Excel, nothing."""
    head = SHEET_HEAD
    if dimension:
        head = head.replace("<sheetData>", f'<dimension ref="{dimension}"/><sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", head + rows + "</sheetData></worksheet>")
    return path


def test_a_sheet_with_one_row_far_down_is_refused_before_it_is_built(tmp_path):
    """A tiny workbook without <dimension>, one cell in row 3,000,000: openpyxl yields the
    missing rows as empty ones, which counted 0 cells, and a 3,000,000-row staging table was
    built. The row number counts now, and the empty rows are not staged before it is refused."""
    import duckdb

    from hcdash.ingest import read

    book = sheet_workbook(tmp_path / "far.xlsx", '<row r="3000000"><c><v>1</v></c></row>')
    assert book.stat().st_size < 2000
    con = duckdb.connect()
    with pytest.raises(IngestError, match=r"counted as rows x the widest row.*at row 2000001"):
        read.read(con, book, "t")
    assert con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"
    ).fetchall() == [(0,)]


def test_the_cell_limit_counts_rows_times_the_widest_row(monkeypatch):
    """One wide row and many narrow ones make a table as wide as the widest: that is its size
    (the cells of each row summed stopped it at row 901 here, a table of 90,100 cells)."""
    import duckdb

    from hcdash.ingest import read

    monkeypatch.setattr(read, "MAX_XLSX_CELLS", 1000)
    rows = ([str(i)] * (100 if i == 0 else 1) for i in range(10**9))
    with pytest.raises(IngestError, match="reached at row 11"):
        read._stream_rows(duckdb.connect(), rows, "t")


def test_a_sheet_that_says_it_is_smaller_is_read_whole(tmp_path):
    """openpyxl stops at the last row the sheet declares: a file that said A1:B2 and held 50
    rows lost 48 of them without a word."""
    import duckdb

    from hcdash.ingest import read

    cells = "".join(
        f'<row r="{i}"><c><v>{i}</v></c><c><v>{i * 2}</v></c></row>' for i in range(1, 51)
    )
    book = sheet_workbook(tmp_path / "small.xlsx", cells, dimension="A1:B2")
    con = duckdb.connect()
    assert read.read(con, book, "t").rows == 50
    assert con.execute("SELECT max(c2::INT) FROM t").fetchall() == [(100,)]


STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def strings_workbook(path: Path, mb: float, *, part="xl/sharedStrings.xml", lie=False) -> Path:
    """A tiny .xlsx whose shared strings (named ``part`` in [Content_Types].xml) unpack to
    ``mb`` MB of one-letter texts, the costliest kind for openpyxl; with ``lie`` the central
    directory claims every part unpacks to 1 KB."""
    parts = dict(XLSX_PARTS)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>",
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/sharedStrings" Target="{part.removeprefix("xl/")}"/></Relationships>',
    )
    row = '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + row + "</sheetData></worksheet>")
        with archive.open(part, "w", force_zip64=True) as strings:
            strings.write(STRINGS_HEAD)
            item = b"<si><t>a</t></si>"
            block = item * (2**20 // len(item))
            for _ in range(int(mb)):
                strings.write(block)
            strings.write(b"</sst>")
    if lie:
        data = bytearray(path.read_bytes())
        central = data.rfind(b"PK\x01\x02")
        while central >= 0:
            data[central + 24 : central + 28] = struct.pack("<I", 1024)
            central = data.rfind(b"PK\x01\x02", 0, central)
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/teksten.xml"])
def test_too_many_shared_strings_are_refused_before_openpyxl_opens_the_file(
    tmp_path, monkeypatch, part
):
    """24 MB of texts in a 0.06 MB file took openpyxl 15 s and 140 MB to open; the zip's
    directory says so first, also when the part has another name (openpyxl finds it by its
    content type)."""
    import duckdb
    import openpyxl

    from hcdash.ingest import read

    book = strings_workbook(tmp_path / "texts.xlsx", 24, part=part)
    assert book.stat().st_size < 200_000
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(IngestError, match=r"shared strings\) would unpack to 24\.0 MB, more than"):
        read.read(duckdb.connect(), book, "t")
    assert opened == []


def peak_of_import(tmp_path, ref, book: Path, *, guard: bool = True) -> tuple[int, str, float]:
    """``hcdash import --dry-run`` of ``book`` in a process of its own: (exit code, stderr, peak
    memory in MB). ``guard=False``: with the shared strings' limit lifted (the version before)."""
    script = PEAK_OF_COMMAND
    if not guard:
        script = (
            "import hcdash.ingest.read as r\nr.MAX_XLSX_SHARED_STRINGS_BYTES = 2**40\n" + script
        )
    peak_file = tmp_path / "peak"
    args = [*ref.args(), "import", str(book), "--dry-run"]
    done = subprocess.run(
        [sys.executable, "-c", script, str(peak_file), "0", *args], capture_output=True, text=True
    )
    return done.returncode, done.stderr, int(peak_file.read_text()) / 1024


@pytest.mark.embedded_only("reading a file does not depend on the store")
@pytest.mark.parametrize("lie", [False, True], ids=["honest", "lying-central-directory"])
def test_200_mb_of_shared_strings_are_refused_with_little_memory(tmp_path, demo_ref, lie):
    """Under the 256 MB unpacked limit, in a file of about 1 MB: refused with a message, exit
    code 1, little memory, the store unchanged. A directory that understates the part does not
    get round it: Python's zip reader stops at the size it states."""
    book = strings_workbook(tmp_path / "texts.xlsx", 200, lie=lie)
    before = demo_ref.rows("SELECT count(*), max(version) FROM store_version")
    code, err, peak_mb = peak_of_import(tmp_path, demo_ref, book)
    assert code == 1, err
    assert err.startswith("hcdash: error: ") and "Traceback" not in err
    refusal = "could not be opened" if lie else "(shared strings) would unpack to 200.0 MB"
    assert refusal in err, err
    assert peak_mb < 500, f"peak memory {peak_mb:.0f} MB"
    assert demo_ref.rows("SELECT count(*), max(version) FROM store_version") == before


@pytest.mark.embedded_only("reading a file does not depend on the store")
def test_the_shared_strings_limit_is_what_keeps_memory_small(tmp_path, demo_ref):
    """The probe: 12 MB of texts, with the limit and without it (the version before). Without
    it openpyxl reads them all (about 70 MB more); with it the file is refused unread."""
    book = strings_workbook(tmp_path / "texts.xlsx", 12)
    code, err, guarded = peak_of_import(tmp_path, demo_ref, book)
    assert code == 1 and "shared strings" in err, err
    code, err, unguarded = peak_of_import(tmp_path, demo_ref, book, guard=False)
    assert code == 1 and "shared strings" not in err, err  # read, then refused for its layout
    assert unguarded - guarded > 40, (guarded, unguarded)
