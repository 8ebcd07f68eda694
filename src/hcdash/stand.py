"""Pinned views (the link parameter ``stand``): the data exactly as they were after an upload,
at the end of a day or at a moment, on every page, so a memo that cites a figure keeps matching
it.

Every row of a versioned table knows the store version that added it and the one that removed
it (``migrations``: store versions), so the state at version ``v`` is the rows with
``added_in <= v`` and not removed by then. ``pin`` shadows those tables, for one connection,
with temporary views of that state (DuckDB looks in the temporary schema first), so every
query reads the pinned state unchanged. It works the same on the embedded file and the lake.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb

from hcdash import links
from hcdash.errors import NotAStand, UnknownValueError
from hcdash.schema import PINNED_TABLES, VERSIONED_TABLES
from hcdash.vocabulary import CURRENT_ROW

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A moment to the microsecond, as the store records its changes: 2026-12-03T14:05:09.123456.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Pin:
    """A resolved ``stand``: the version it shows and what a banner says about it."""

    asked: str  # the value in the link: an upload number or a date
    version: int
    upload: int | None  # the last upload in force at that version
    at: datetime  # when that state began
    day: date | None  # the day asked for (a date pin)
    latest: int  # the store's version now: newer data exist when it is higher
    withdrawn: list[tuple[int, datetime]] = field(default_factory=list)  # later rolled back

    @property
    def newer(self) -> bool:
        return self.latest > self.version


def resolve(con: duckdb.DuckDBPyConnection, value: str) -> Pin:
    """The state ``value`` names: ``12`` (right after upload 12 was loaded), ``2026-11-01``
    (the end of that day) or ``2026-11-01T14:05:09.123456`` (that moment, the change made then
    included). NotAStand for anything else."""
    text = value.strip()
    if text.isdigit() and len(text) <= 9:
        row = con.execute(
            "SELECT id, version, uploaded_at FROM uploads WHERE id = ?", [int(text)]
        ).fetchall()
        if not row or row[0][1] is None:
            raise NotAStand("stand_unknown_upload", text)
        upload, version, at = row[0]
        day = None
    elif _DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise NotAStand("stand_not_a_date", text) from None
        version, at, upload = _state_at(
            con, datetime.combine(day + timedelta(days=1), datetime.min.time())
        )
        if version is None:
            raise NotAStand("stand_before_first", text)
    elif _MOMENT.fullmatch(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise NotAStand("stand_not_a_date", text) from None
        version, at, upload = _state_at(con, moment + _TICK)
        if version is None:
            raise NotAStand("stand_before_first", text)
        day = None
    else:
        raise NotAStand("stand_unreadable", text)
    latest = con.execute("SELECT version FROM store_version").fetchall()[0][0]
    withdrawn = con.execute(
        "SELECT id, rolled_back_at FROM uploads WHERE version <= ? AND rolled_back_version > ?"
        " ORDER BY id",
        [version, version],
    ).fetchall()
    return Pin(text, version, upload, at, day, latest, [(u, w) for u, w in withdrawn])


def _state_at(con, before: datetime) -> tuple[int | None, datetime | None, int | None]:
    """(version, when it began, last upload in force) of the last change before ``before``."""
    events = con.execute(
        "SELECT version, happened FROM (SELECT version, uploaded_at AS happened FROM uploads"
        " UNION ALL SELECT rolled_back_version, rolled_back_at FROM uploads"
        " WHERE rolled_back_version IS NOT NULL) WHERE happened < ? ORDER BY version DESC"
        " LIMIT 1",
        [before],
    ).fetchall()
    if not events:
        return None, None, None
    version, happened = events[0]
    upload = con.execute(
        "SELECT max(id) FROM uploads WHERE version <= ?"
        " AND (rolled_back_version IS NULL OR rolled_back_version > ?)",
        [version, version],
    ).fetchall()[0][0]
    return version, happened, upload


def pin(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """From now on, this connection reads the state at ``version`` (until ``unpin``), from the
    database it reads now (the store, or a lake replica's local copy of it)."""
    v = int(version)
    source = con.execute("SELECT current_database()").fetchall()[0][0]
    for table in VERSIONED_TABLES:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * REPLACE (NULL::BIGINT AS"
            f" removed_in) FROM {source}.main.{table} WHERE added_in <= {v}"
            f" AND ({CURRENT_ROW} OR removed_in > {v})"
        )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW uploads AS SELECT * REPLACE ("
        f" CASE WHEN rolled_back_version <= {v} THEN status ELSE 'loaded' END AS status,"
        f" CASE WHEN rolled_back_version <= {v} THEN rolled_back_at END AS rolled_back_at,"
        f" CASE WHEN rolled_back_version <= {v} THEN rolled_back_version END"
        f" AS rolled_back_version) FROM {source}.main.uploads WHERE version <= {v}"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW indicators AS SELECT * REPLACE (NULL::BIGINT AS"
        f" removed_in) FROM {source}.main.indicators WHERE ({CURRENT_ROW} OR removed_in > {v})"
        f" AND (created_by_upload IS NULL OR created_by_upload IN (SELECT id FROM uploads))"
    )


@contextmanager
def pinned(con: duckdb.DuckDBPyConnection, asked: str | None) -> Iterator[Pin | None]:
    """Within this block ``con`` reads the state ``asked`` names (as ``resolve``; nothing
    pinned when None): the command line's ``--stand``. UnknownValueError for a stand that names
    nothing."""
    if not asked:
        yield None
        return
    try:
        pin_ = resolve(con, asked)
    except NotAStand as exc:
        raise UnknownValueError(code="not_a_stand", value=links.safe(exc.value)) from None
    pin(con, pin_.version)
    try:
        yield pin_
    finally:
        unpin(con)


def unpin(con: duckdb.DuckDBPyConnection) -> None:
    for table in PINNED_TABLES:
        con.execute(f"DROP VIEW IF EXISTS temp.main.{table}")


def current_stand(con: duckdb.DuckDBPyConnection) -> str | None:
    """The ``stand`` that pins the state shown now, for good: the last upload, when the last
    change loaded it; else (a rollback came after it) the moment of that rollback, to the
    microsecond, so a later change, even on the same day, is not in it."""
    last = con.execute(
        "SELECT id, version FROM uploads WHERE status = 'loaded' ORDER BY version DESC LIMIT 1"
    ).fetchall()
    rollback = con.execute(
        "SELECT rolled_back_version, rolled_back_at FROM uploads"
        " WHERE rolled_back_version IS NOT NULL ORDER BY rolled_back_version DESC LIMIT 1"
    ).fetchall()
    if rollback and (not last or rollback[0][0] > last[0][1]):
        return rollback[0][1].isoformat(timespec="microseconds")
    return str(last[0][0]) if last else None
