"""A notes file (CSV or Excel) that an analyst uploads: read, every row checked with its row
and column, and loaded as one upload of versioned notes (``notes``), so it can be rolled back
like any other upload and a pinned view shows the notes as they were.

Columns (the header row may sit below a title): ``code``, ``soort``, ``indicator``, ``regio``,
``sector``, ``van``, ``tot``, ``tekst``, ``tekst en``, ``bron`` (``docs/reference.md``).
"""

from pathlib import Path

import duckdb
import pandas as pd

from hcdash import notes, resolve, uploads
from hcdash.errors import IngestError, UnknownValueError
from hcdash.ingest.model import Problem
from hcdash.periods import parse_period
from hcdash.register import CODE, MAX_TEXT, RecordsFile, cell_text, read_rows, repeats
from hcdash.resolve import normalise
from hcdash.store import Store
from hcdash.vocabulary import CURRENT_ROW

# column in the file (normalised) -> field
HEADERS = {
    "code": "slug",
    "soort": "kind",
    "kind": "kind",
    "indicator": "indicator",
    "regio": "region",
    "region": "region",
    "sector": "sector",
    "van": "period_start",
    "from": "period_start",
    "periode": "period_start",
    "tot": "period_end",
    "to": "period_end",
    "tekst": "text_nl",
    "tekst nl": "text_nl",
    "tekst en": "text_en",
    "text en": "text_en",
    "text": "text_en",
    "bron": "source",
    "source": "source",
}
# The kinds as an English file may write them.
KIND_WORDS = {
    "break": "breuk",
    "definition": "definitie",
    "reclassification": "herindeling",
    "revision": "revisie",
    "source": "bron",
}
REQUIRED = ("slug", "kind", "text_nl", "text_en", "source")


def prepare(con: duckdb.DuckDBPyConnection, path: Path, file_name: str) -> RecordsFile:
    """Read and check a notes file; nothing is written."""
    cells, rows = read_rows(con, path)
    headers = [HEADERS.get(normalise(c)) if c is not None else None for c in cells]
    if "slug" not in headers or "kind" not in headers:
        raise IngestError(code="not_notes")
    names = {f: cells[i] for i, f in enumerate(headers) if f}
    checker = _Checker(con, names)
    records = {}
    for excel_row, *values in rows:
        row = {f: cell_text(v) for f, v in zip(headers, values, strict=True) if f}
        if any(row.values()):
            records[excel_row] = checker.check(excel_row, row)
    checker.repeats(records)
    frame = pd.DataFrame(
        [r for r in records.values() if r is not None], columns=list(notes.COLUMNS)
    )
    return RecordsFile.checked(con, path, file_name, frame, checker.problems)


class _Checker:
    """Checks the rows of a notes file; collects every problem with its row and column."""

    def __init__(self, con, names: dict):
        self.names, self.problems = names, []
        self.regions = resolve.regions(con)
        self.sectors = resolve.sectors(con)
        self.indicators = {
            c for (c,) in con.execute(f"SELECT code FROM indicators WHERE {CURRENT_ROW}").fetchall()
        }

    def problem(self, row: int, key: str, value, code: str, **params) -> None:
        self.problems.append(Problem.coded(row, self.names.get(key, key), value, code, **params))

    def check(self, row: int, values: dict) -> dict | None:
        before = len(self.problems)
        record = dict.fromkeys(notes.COLUMNS)
        for key in REQUIRED:
            if not values.get(key):
                self.problem(row, key, "", "notes_missing")
        slug = values.get("slug", "")
        if slug and not CODE.fullmatch(slug):
            self.problem(row, "slug", slug, "register_code")
        kind = KIND_WORDS.get(values.get("kind", "").lower(), values.get("kind", "").lower())
        if kind and kind not in notes.KINDS:
            self.problem(row, "kind", values["kind"], "register_choice", choices=notes.KINDS)
        record.update(slug=slug, kind=kind, **self._where(row, values))
        record.update(self._periods(row, values))
        for key in ("text_nl", "text_en", "source"):
            record[key] = values.get(key, "")[:MAX_TEXT]
        return record if len(self.problems) == before else None

    def _where(self, row: int, values: dict) -> dict:
        """The indicator, region and sector a note is about (empty: every one)."""
        out = {}
        indicator = values.get("indicator", "")
        if indicator and indicator not in self.indicators:
            self.problem(row, "indicator", indicator, "notes_unknown_indicator")
        out["indicator"] = indicator or None
        for key, resolver in (("region", self.regions), ("sector", self.sectors)):
            text = values.get(key, "")
            slug = resolver.resolve(text) if text else None
            if text and slug is None:
                self.problem(row, key, text, f"unknown_{key}", hint=resolver.suggestion(text))
            out[key] = slug
        return out

    def _periods(self, row: int, values: dict) -> dict:
        """The period a note starts in and, for a range, the last period it covers."""
        out = {}
        for key in ("period_start", "period_end"):
            text = values.get(key, "")
            try:
                out[key] = parse_period(text).start if text else None
            except UnknownValueError:
                self.problem(row, key, text, "bad_period")
                out[key] = None
        if values.get("period_end") and not values.get("period_start"):
            self.problem(row, "period_start", "", "notes_range")
        elif out["period_start"] and out["period_end"] and out["period_end"] < out["period_start"]:
            self.problem(row, "period_end", values["period_end"], "notes_range")
        return out

    def repeats(self, records: dict) -> None:
        for row, slug, row_first in repeats(records):
            self.problem(row, "slug", slug, "register_repeat", row_first=row_first)


def commit(target: Store, staged: RecordsFile, author: str) -> int:
    """Load a checked notes file as one upload (the repeat check runs again inside); a note
    with the code of a current one supersedes it."""
    meta = staged.upload_meta(author, "notes")
    return uploads.load_keyed(target, "notes", notes.KEY, staged.records, meta)


# The columns a notes file is written with (``as_file``), by field: the Dutch headers.
WRITTEN = {
    "slug": "code",
    "kind": "soort",
    "indicator": "indicator",
    "region": "regio",
    "sector": "sector",
    "period_start": "van",
    "period_end": "tot",
    "text_nl": "tekst",
    "text_en": "tekst en",
    "source": "bron",
}


def as_file(found: pd.DataFrame) -> pd.DataFrame:
    """Notes (``Reader.notes``) as a notes file that ``prepare`` reads back: periods as the
    months they start in (a quarter's first month reads as that month, so a range keeps its
    span to the month)."""
    out = found.loc[:, list(WRITTEN)].copy()
    for column in ("period_start", "period_end"):
        out[column] = ["" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m") for v in out[column]]
    return out.rename(columns=WRITTEN).fillna("")
