"""The register of initiatives, programmes and organisations: reading a register file (CSV or
Excel, one kind of record per file), checking every row, and loading it as one upload.

Kinds are told apart by their columns:

- initiatives: code, naam, soort, trekker, partners, regio's, sectoren, thema's, programma's,
  status, van, tot, link, omschrijving, bron
- programmes: code, naam, niveau, financier, uitkomst, omschrijving, bron
- organisations: code, naam, soort, provincie, bron

List cells hold several values separated by ``|`` or ``,``. Regions and sectors are matched
like in indicator files (names, codes, aliases); organisations and programmes by code.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from hcdash import resolve, uploads
from hcdash.errors import IngestError
from hcdash.ingest import file_sha256, read
from hcdash.ingest import layout as layouts
from hcdash.ingest.model import MAX_PROBLEMS_SHOWN, Problem
from hcdash.resolve import normalise
from hcdash.store import Store
from hcdash.uploads import refuse_repeat
from hcdash.vocabulary import CURRENT_ROW, INITIATIVE_STATUSES

CODE = re.compile(r"[a-z0-9][a-z0-9-]{1,59}")
MAX_TEXT = 2000  # characters in a description; names are shorter
MAX_NAME = 200
STATUSES = INITIATIVE_STATUSES
LEVELS = ("nationaal", "provinciaal", "regionaal")
OUTCOMES = ("toegekend", "afgewezen", "lopend")
PROVINCES = ("gelderland", "overijssel", "beide", "buiten")

# kind -> table, {column in file (normalised) -> field}
KINDS = {
    "initiatives": (
        "initiatives",
        {
            "code": "slug",
            "naam": "name",
            "soort": "kind",
            "trekker": "lead",
            "partners": "partners",
            "regio s": "regions",
            "regios": "regions",
            "regio": "regions",
            "sectoren": "sectors",
            "sector": "sectors",
            "thema s": "themes",
            "themas": "themes",
            "programma s": "programmes",
            "programmas": "programmes",
            "status": "status",
            "van": "start_year",
            "tot": "end_year",
            "link": "link",
            "omschrijving": "description",
            "bron": "source",
        },
    ),
    "programmes": (
        "programmes",
        {
            "code": "slug",
            "naam": "name",
            "niveau": "level",
            "financier": "funder",
            "uitkomst": "outcome",
            "omschrijving": "description",
            "bron": "source",
        },
    ),
    "organisations": (
        "organisations",
        {
            "code": "slug",
            "naam": "name",
            "soort": "kind",
            "provincie": "province",
            "bron": "source",
        },
    ),
}
LISTS = ("partners", "regions", "sectors", "themes", "programmes")


@dataclass
class RecordsFile:
    """A checked file of records (the register's, notes): what loads, and what is wrong."""

    file_name: str
    sha256: str
    records: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    already_loaded_as: int | None = None

    @classmethod
    def checked(cls, con, path: Path, file_name: str, records, problems: list, **more):
        """The records that passed (``records``: row -> record, None when it has problems),
        the first problems, and the upload that loaded this content already, if any."""
        sha = file_sha256(path)
        return cls(
            file_name,
            sha,
            records,
            problems[:MAX_PROBLEMS_SHOWN],
            len(problems),
            uploads.loaded_as(con, sha),
            **more,
        )

    def upload_meta(self, author: str, details: str) -> uploads.UploadMeta:
        """What its upload records; refused when the file has problems, holds nothing or is
        loaded already (the repeat check runs again inside the write)."""
        if self.problem_count:
            raise IngestError(code="problems_nothing_loaded", count=self.problem_count)
        if self.records.empty:
            raise IngestError(code="no_records")
        refuse_repeat(self.already_loaded_as)
        return uploads.UploadMeta(
            kind="file",
            file_name=self.file_name,
            sha256=self.sha256,
            source=None,
            author=author,
            rows_read=len(self.records),
            details=details,
        )


@dataclass
class RegisterFile(RecordsFile):
    kind: str = ""


def prepare(con: duckdb.DuckDBPyConnection, path: Path, file_name: str) -> RegisterFile:
    cells, rows = read_rows(con, path)
    headers = [normalise(c) if c is not None else None for c in cells]
    kind = _kind(headers)
    columns = KINDS[kind][1]
    checker = _Checker(con, kind)
    names = {columns[h]: cells[i] for i, h in enumerate(headers) if h in columns}
    records = {}  # Excel row -> checked record (None when it has problems)
    for excel_row, *values in rows:
        row = {
            columns[h]: cell_text(v) for h, v in zip(headers, values, strict=True) if h in columns
        }
        if not any(row.values()):
            continue  # a blank line
        records[excel_row] = checker.check(excel_row, row, names)
    checker.duplicates(records, names.get("slug", "code"))
    frame = pd.DataFrame([r for r in records.values() if r is not None])
    return RegisterFile.checked(con, path, file_name, frame, checker.problems, kind=kind)


def read_rows(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[list, list[tuple]]:
    """A file of records (CSV or Excel): its header's cells, and the rows below the header,
    each with its Excel row number first."""
    table = "_hcdash_records_raw"
    raw = read.read(con, path, table)
    try:
        header_row, cells = layouts.find_header(con, table, raw.columns)
        rows = con.execute(
            f"SELECT rowid + 1 AS excel_row, * FROM {table} WHERE rowid + 1 > ?", [header_row]
        ).fetchall()
    finally:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return cells, rows


def repeats(records: dict) -> Iterator[tuple[int, str, int]]:
    """(row, code, the row it first occurs in) for every record whose code came before."""
    first = {}  # code -> the Excel row where it first occurs
    for row, record in records.items():
        if record is None:
            continue
        if record["slug"] in first:
            yield row, record["slug"], first[record["slug"]]
        else:
            first[record["slug"]] = row


def _kind(headers: list) -> str:
    names = set(h for h in headers if h)
    if "trekker" in names:
        return "initiatives"
    if {"niveau", "uitkomst"} <= names:
        return "programmes"
    if "provincie" in names and "code" in names:
        return "organisations"
    raise IngestError(code="not_register")


def cell_text(value) -> str:
    """A cell as text, trimmed; empty for an empty cell."""
    return "" if value is None else str(value).strip()


class _Checker:
    """Checks rows of one kind; collects every problem with its row and column."""

    def __init__(self, con, kind: str):
        self.kind, self.problems = kind, []
        self.regions = resolve.regions(con)
        self.sectors = resolve.sectors(con)
        current = CURRENT_ROW
        self.organisations = {
            s for (s,) in con.execute(f"SELECT slug FROM organisations WHERE {current}").fetchall()
        }
        self.programmes = {
            s for (s,) in con.execute(f"SELECT slug FROM programmes WHERE {current}").fetchall()
        }

    def problem(self, row, column, value, code: str, **params) -> None:
        """A problem with a code (i18n ``problem.<code>``), worded where it is shown."""
        self.problems.append(Problem.coded(row, column, value, code, **params))

    def check(self, row: int, values: dict, names: dict) -> dict | None:
        before = len(self.problems)
        record = {"slug": values.get("slug", ""), "name": values.get("name", "")}
        if not CODE.fullmatch(record["slug"]):
            self.problem(
                row,
                names.get("slug"),
                record["slug"],
                "register_code",
            )
        if not record["name"] or len(record["name"]) > MAX_NAME:
            self.problem(
                row,
                names.get("name"),
                record["name"][:40],
                "register_name",
                most=MAX_NAME,
            )
        getattr(self, f"_{self.kind}")(row, values, names, record)
        for key in ("description", "source", "kind", "funder"):
            if key in values:
                record[key] = values[key][:MAX_TEXT] or None
        return record if len(self.problems) == before else None

    def _choice(self, row, values, names, record, key, allowed, default=None):
        value = values.get(key, "").lower() or default
        if value not in allowed:
            self.problem(
                row, names.get(key), values.get(key, ""), "register_choice", choices=allowed
            )
        record[key] = value

    def _organisations(self, row, values, names, record) -> None:
        self._choice(row, values, names, record, "province", PROVINCES)

    def _programmes(self, row, values, names, record) -> None:
        self._choice(row, values, names, record, "level", LEVELS)
        self._choice(row, values, names, record, "outcome", OUTCOMES)

    def _initiatives(self, row, values, names, record) -> None:
        self._choice(row, values, names, record, "status", STATUSES, default="lopend")
        lead = values.get("lead", "")
        if lead and lead not in self.organisations:
            self.problem(row, names.get("lead"), lead, "register_organisation")
        record["lead"] = lead or None
        for key in LISTS:
            record[key] = self._list(row, values.get(key, ""), names.get(key), key)
        for key in ("start_year", "end_year"):
            record[key] = self._year(row, values.get(key, ""), names.get(key))
        if (
            record["start_year"]
            and record["end_year"]
            and record["end_year"] < record["start_year"]
        ):
            self.problem(
                row,
                names.get("end_year"),
                values.get("end_year"),
                "register_years",
            )
        link = values.get("link", "")
        if link and not re.fullmatch(r"https?://[^\s<>\"']{3,500}", link):
            self.problem(row, names.get("link"), link[:40], "register_link")
        record["link"] = link or None

    def _list(self, row, text: str, column, key) -> list[str]:
        items = [part.strip() for part in re.split(r"[|,]", text) if part.strip()]
        found = []
        for item in items:
            slug, (code, params) = self._resolve(key, item)
            if slug is None:
                self.problem(row, column, item, code, **params)
            elif slug not in found:
                found.append(slug)
        return found

    def _resolve(self, key: str, item: str) -> tuple[str | None, tuple]:
        """(slug or None, what is wrong: a problem code and its parameters) for one item of a
        list cell."""
        if key in ("regions", "sectors"):
            resolver = self.regions if key == "regions" else self.sectors
            why = (f"unknown_{key[:-1]}", {"hint": resolver.suggestion(item)})
            return resolver.resolve(item), why
        if key == "partners":
            found = item if item in self.organisations else None
            return found, ("register_organisation", {})
        if key == "programmes":
            return (item if item in self.programmes else None), ("register_programme", {})
        return item[:MAX_NAME], ("", {})  # themes: free words

    def _year(self, row, text: str, column) -> int | None:
        if not text:
            return None
        if not re.fullmatch(r"(19|20)\d\d", text):
            self.problem(row, column, text, "register_year")
            return None
        return int(text)

    def duplicates(self, records: dict, column: str) -> None:
        for row, slug, row_first in repeats(records):
            self.problem(row, column, slug, "register_repeat", row_first=row_first)


def commit(target: Store, staged: RegisterFile, author: str) -> int:
    """Load a checked register file as one upload (the repeat check runs again inside)."""
    meta = staged.upload_meta(author, f"register: {staged.kind}")
    table = KINDS[staged.kind][0]
    return uploads.load_register(target, table, staged.records, meta)
