"""Reading a CSV or Excel file into a DuckDB staging table of text cells, without changing it.

Invariant of the staging table: row k (``rowid`` k) is row k+1 of the sheet as Excel shows it,
so every problem can name the row the analyst sees. Blank lines, which DuckDB's reader skips,
are marked first so they keep their place. CSV is parsed by DuckDB itself (fast and exact with
quotes and embedded newlines); Excel through openpyxl in read-only mode.
"""

import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pandas as pd

from hcdash.errors import IngestError
from hcdash.ingest import sniff, text
from hcdash.ingest.model import max_upload_bytes

CHUNK_BYTES = 16 * 1024 * 1024
# An .xlsx is a zip: refuse one that would unpack to more than this (a "zip bomb"), as its
# central directory says. A file that lies about it is still stopped by the cell limit, and
# memory stays small either way: the sheet is streamed.
MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024
# The texts of a workbook's cells (the part "shared strings") are the one large part openpyxl
# reads whole when it opens a file, even in read-only mode: about 0.6 s and 6 MB of memory per
# MB of XML. Their unpacked size, as the zip's directory says, is checked before. An indicator
# sheet needs well under 1 MB (each distinct text once).
MAX_XLSX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024
# The shared strings' content type: [Content_Types].xml names the part by it, whatever its name.
_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
# A sheet's size, counted as its rows (up to the last row number) times its widest row, which
# is the size of the staging table: far above an indicator sheet (the demo data as one sheet is
# 9,036 rows of 6 cells); larger data go as CSV, which DuckDB reads without Python in between.
MAX_XLSX_CELLS = 2_000_000
MAX_XLSX_COLUMNS = 1_000
XLSX_CHUNK_ROWS = 20_000
_BLANK_LINE = re.compile(rb"\n(?=\r?\n)")
_COLUMNS_FOUND = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")


@dataclass(frozen=True)
class RawFile:
    table: str
    columns: list[str]
    encoding: str
    delimiter: str | None
    sheet: str | None
    rows: int


def check_size(path: Path, limit: int | None = None) -> None:
    """Refuse a file over the limit before reading it."""
    limit = max_upload_bytes() if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise IngestError(code="file_too_large", size=size / 2**20, limit=round(limit / 2**20))
    if size == 0:
        raise IngestError(code="file_empty")


def read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    max_bytes: int | None = None,
) -> RawFile:
    check_size(path, max_bytes)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(con, path, table, sheet)
    if path.suffix.lower() == ".xls":
        raise IngestError(code="xls")
    return _read_csv(con, path, table, delimiter)


# --- CSV ------------------------------------------------------------------------------------


def _read_csv(con, path: Path, table: str, delimiter: str | None) -> RawFile:
    with path.open("rb") as handle:
        sample = handle.read(sniff.SAMPLE_BYTES)
    if sample[:2] in (b"PK",):
        raise IngestError(code="looks_like_zip")
    encoding = sniff.encoding(sample)
    text.Checker(encoding).check(sample)  # a binary file is refused before anything else
    decoded = sniff.decode(sample, encoding)
    delim = delimiter or sniff.delimiter(decoded)
    if delim not in sniff.DELIMITERS:
        raise IngestError(code="delimiter", delimiter=repr(delim))
    with tempfile.TemporaryDirectory(prefix="hcdash-") as tmp:
        source = _prepared(path, encoding, Path(tmp) / "prepared.csv")
        columns = _duckdb_read_csv(con, source, table, delim, sniff.max_fields(decoded, delim))
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    return RawFile(table, columns, encoding, delim, None, rows)


def _prepared(path: Path, encoding: str, target: Path) -> Path:
    """The file as DuckDB should read it: UTF-8, with blank lines marked as ``""`` lines.

    Every byte is checked on the way (``text.Checker``): a NUL, or a byte the encoding cannot
    decode, anywhere in the file refuses it with its line. Returns ``path`` itself when nothing
    needs changing (the common case: no copy).
    """
    checker = text.Checker(encoding)
    if encoding == "utf-8":
        if not _has_blank_lines(path, checker):
            return path
        checker = None  # checked in full by the pass above
    quotes_before = 0
    tail = b"\n"  # the file starts on a new line
    with path.open("rb") as src, target.open("wb") as out:
        while chunk := _next_chunk(src):
            if checker:
                checker.check(chunk)
            marked, quotes_before = _mark_blank_lines(tail + chunk, len(tail), quotes_before)
            marked = marked[len(tail) :]
            # cp1252 and latin-1 have one byte per character, so chunks decode on their own.
            out.write(marked if encoding == "utf-8" else marked.decode(encoding).encode("utf-8"))
            tail = chunk[-1:]
    if checker:
        checker.check(b"", final=True)
    return target


def _next_chunk(src) -> bytes:
    """A chunk that does not end inside a line break, so no blank line spans two chunks."""
    chunk = src.read(CHUNK_BYTES)
    while chunk.endswith((b"\r", b"\n")):
        extra = src.read(1)
        if not extra:
            break
        chunk += extra
    return chunk


def _has_blank_lines(path: Path, checker: text.Checker) -> bool:
    """Whether the file has blank lines; reads it all, so that ``checker`` sees every byte."""
    tail, blank = b"\n", False
    with path.open("rb") as src:
        while chunk := _next_chunk(src):
            checker.check(chunk)
            data = tail + chunk
            blank = blank or b"\n\n" in data or b"\n\r\n" in data  # memchr-fast, unlike a regex
            tail = chunk[-1:]
    checker.check(b"", final=True)
    return blank


def _mark_blank_lines(data: bytes, start: int, quotes_before: int) -> tuple[bytes, int]:
    """Put ``""`` on every empty line that is not inside a quoted field.

    Inside a quoted field the number of quote characters seen so far is odd (an escaped quote
    adds two), so the parity tells whether a line break belongs to a value. Quotes are counted
    from ``start`` (bytes before it were counted with the previous chunk).
    """
    pieces, last = [data[:start]], start
    for match in _BLANK_LINE.finditer(data):
        position = match.end()
        quotes_before += data.count(b'"', last, position)
        pieces.append(data[last:position])
        if quotes_before % 2 == 0:
            pieces.append(b'""')
        last = position
    quotes_before += data.count(b'"', last)
    pieces.append(data[last:])
    return b"".join(pieces), quotes_before


def _duckdb_read_csv(con, source: Path, table: str, delim: str, width: int) -> list[str]:
    """Read with DuckDB; widen to the real number of fields and go serial when needed."""
    parallel = True
    for _attempt in range(6):
        columns = [f"c{i + 1}" for i in range(width)]
        spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
        sql = (
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv(?, delim = '{delim}',"
            f" header = false, auto_detect = false, quote = '\"', escape = '\"', columns = {spec},"
            f" null_padding = true, strict_mode = true, parallel = {str(parallel).lower()},"
            " max_line_size = 10000000)"
        )
        try:
            con.execute(sql, [str(source)])
            return columns
        except duckdb.Error as exc:
            message = str(exc)
            found = _COLUMNS_FOUND.search(message)
            if found and int(found[2]) > width:
                width = int(found[2])
            elif "parallel" in message and parallel:
                parallel = False
            else:
                raise _csv_error(message) from None
    raise IngestError(code="csv_fields")


def _csv_error(message: str) -> IngestError:
    line = _CSV_LINE.search(message)
    first = message.strip().splitlines()[0]
    if line:
        return IngestError(code="csv_unreadable_at", row=int(line[1]), detail=first)
    return IngestError(code="csv_unreadable", detail=first)


# --- Excel ----------------------------------------------------------------------------------


def _read_xlsx(con, path: Path, table: str, sheet: str | None) -> RawFile:
    """The sheet, streamed: openpyxl reads its XML piece by piece (read-only mode) and rows go to
    DuckDB in chunks, so memory stays small whatever the file; the cell limit stops a sheet
    that is too large for a dashboard file, early."""
    import openpyxl  # only for Excel files: the command line and the pages start without it

    _check_archive(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise IngestError(code="xlsx_unopenable", detail=str(exc)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise IngestError(code="no_sheet", sheet=sheet, sheets=book.sheetnames)
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        name = worksheet.title
        _check_dimension(worksheet)
        # read every row, whatever the sheet declares: openpyxl stops at the declared last row,
        # so a file that says it is smaller than it is lost its other rows without a word
        worksheet.reset_dimensions()
        rows, width = _stream_rows(con, worksheet.iter_rows(values_only=True), table)
    except IngestError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read
        raise IngestError(code="xlsx_unreadable", detail=str(exc)) from None
    finally:
        book.close()
    return RawFile(table, [f"c{i + 1}" for i in range(width)], "xlsx", None, name, rows)


def _too_large(**where) -> IngestError:
    """``where``: ``row`` (reached while reading) or ``rows_declared`` and ``wide`` (the
    sheet's own account of its size)."""
    code = "sheet_too_large_at" if "row" in where else "sheet_too_large_declared"
    return IngestError(code=code, cells=MAX_XLSX_CELLS, columns=MAX_XLSX_COLUMNS, **where)


def _check_dimension(worksheet) -> None:
    """The size the sheet declares (Excel always writes it): a sheet too large is refused
    before a single row is read. A sheet without it is stopped while streaming."""
    rows, columns = worksheet.max_row, worksheet.max_column
    if rows and columns and (columns > MAX_XLSX_COLUMNS or rows * columns > MAX_XLSX_CELLS):
        raise _too_large(rows_declared=rows, wide=columns)


def _stream_rows(con, rows, table: str) -> tuple[int, int]:
    """Rows into ``table`` in chunks (widening it when a later row is wider); (rows, width).

    openpyxl yields a missing row as an empty one, so the count is the sheet's row number: the
    limit holds for a sheet of a few cells far down (``<row r="3000000">``) too. Empty rows are
    staged only when a row with values follows, so such a sheet is refused before a table of
    millions of empty rows is built.
    """
    count, widest, width, blank, chunk = 0, 0, 0, 0, []

    def flush():
        nonlocal width
        if not chunk:
            return
        wide = max(width, max(len(r) for r in chunk), 1)
        columns = [f"c{i + 1}" for i in range(wide)]
        if width == 0:
            typed = ", ".join(f"{c} VARCHAR" for c in columns)
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({typed})")
        for number in range(width + 1, wide + 1) if width else ():
            con.execute(f"ALTER TABLE {table} ADD COLUMN c{number} VARCHAR")
        width = wide
        frame = pd.DataFrame(
            [r + [None] * (wide - len(r)) for r in chunk], columns=columns, dtype=object
        )
        con.register("_hcdash_xlsx", frame)
        try:
            con.execute(f"INSERT INTO {table} SELECT * FROM _hcdash_xlsx")
        finally:
            con.unregister("_hcdash_xlsx")
        chunk.clear()

    def add(values: list) -> None:
        chunk.append(values)
        if len(chunk) >= XLSX_CHUNK_ROWS:
            flush()

    for row in rows:
        count += 1
        widest = max(widest, len(row))
        if len(row) > MAX_XLSX_COLUMNS or count * max(widest, 1) > MAX_XLSX_CELLS:
            raise _too_large(row=count)
        if all(v is None for v in row):
            blank += 1
            continue
        for _ in range(blank):
            add([])
        blank = 0
        add([_cell_text(v) for v in row])
    for _ in range(blank):  # empty rows at the end keep their place, as in the sheet
        add([])
    flush()
    if width == 0:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (c1 VARCHAR)")
        width = 1
    return count, width


def _check_archive(path: Path) -> None:
    """Refuse, from the zip's directory and before openpyxl opens it, an .xlsx that would
    unpack to too much in all, or whose shared strings would. A directory that understates a
    part is no way round: Python's zip reader stops at the size it states (and fails the
    checksum)."""
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            unpacked = sum(sizes.values())
            strings = set()
            if unpacked <= MAX_XLSX_UNPACKED_BYTES:
                strings = _shared_strings_parts(archive, sizes)
    except zipfile.BadZipFile:
        raise IngestError(code="not_zip") from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise IngestError(
            code="xlsx_unpacks",
            size=round(unpacked / 2**20),
            limit=MAX_XLSX_UNPACKED_BYTES // 2**20,
        )
    largest = max((sizes[name] for name in strings if name in sizes), default=0)
    if largest > MAX_XLSX_SHARED_STRINGS_BYTES:
        raise IngestError(
            code="xlsx_strings",
            size=round(largest / 2**20, 1),
            limit=MAX_XLSX_SHARED_STRINGS_BYTES // 2**20,
        )


def _shared_strings_parts(archive: zipfile.ZipFile, sizes: dict[str, int]) -> set[str]:
    """The parts that hold shared strings: the usual name, and whatever [Content_Types].xml
    names by their content type (openpyxl finds them that way). That small file is read only
    when it is small; a large one is the shared strings' limit's business too."""
    parts = {"xl/sharedStrings.xml"}
    manifest = "[Content_Types].xml"
    if manifest not in sizes:
        return parts
    if sizes[manifest] > MAX_XLSX_SHARED_STRINGS_BYTES:
        return parts | {manifest}
    try:
        root = ElementTree.fromstring(archive.read(manifest))
    except Exception:  # damaged, encrypted, not XML: openpyxl refuses it when it opens the file
        return parts
    for item in root:
        if item.tag.endswith("Override") and item.get("ContentType") == _SHARED_STRINGS_TYPE:
            parts.add(item.get("PartName", "").lstrip("/"))
    return parts


def _cell_text(value) -> str | None:
    """Excel cell values as text: integers without '.0', decimals with a point, dates ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def copy_upload(data: bytes, name: str, folder: Path) -> Path:
    """Write uploaded bytes under a safe file name (only the suffix of the original is kept)."""
    suffix = Path(name).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".csv"
    target = folder / f"upload{suffix}"
    target.write_bytes(data)
    return target
