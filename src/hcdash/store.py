"""Writing observations: one transaction per upload, superseding instead of overwriting.

A new value for an existing key (indicator, region, sector, period) marks the old row with
``superseded_by`` = the new upload; the old row stays, so an upload can be rolled back and what
it superseded comes back.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from hcdash.errors import HcdashError, UnknownValueError

OBSERVATION_COLUMNS = (
    "indicator",
    "region",
    "sector",
    "period_start",
    "grain",
    "value",
    "provisional",
)
KEY_COLUMNS = ("indicator", "region", "sector", "period_start", "grain")
_KEY_MATCH = " AND ".join(f"o.{c} = n.{c}" for c in KEY_COLUMNS)


def loaded_as(con: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    """The upload in force that loaded a file with this content, if any."""
    return con.execute(
        "SELECT max(id) FROM uploads WHERE sha256 = ? AND status = 'loaded'", [sha256]
    ).fetchall()[0][0]


@dataclass(frozen=True)
class UploadMeta:
    kind: str  # 'demo' or 'file'
    file_name: str
    sha256: str
    source: str | None
    author: str
    rows_read: int
    rows_rejected: int = 0
    note: str | None = None
    details: str | None = None


def frame_sha256(frame: pd.DataFrame) -> str:
    """A content hash of a frame of observations (for uploads that are not files)."""
    csv = frame.loc[:, list(OBSERVATION_COLUMNS)].to_csv(index=False).encode()
    return hashlib.sha256(csv).hexdigest()


def _transaction(con: duckdb.DuckDBPyConnection, work) -> object:
    con.execute("BEGIN TRANSACTION")
    try:
        result = work()
        con.execute("COMMIT")
        return result
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert_upload(con, meta: UploadMeta, rows_loaded: int) -> int:
    return con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, author, status, note, details)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?) RETURNING id",
        [meta.kind, meta.file_name, meta.sha256, meta.source, meta.rows_read, rows_loaded,
         meta.rows_rejected, meta.author, meta.note, meta.details],
    ).fetchall()[0][0]  # fmt: skip


def load_observations(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, meta: UploadMeta) -> int:
    """Store a frame of observations as one upload (used for demo data); return its id."""
    rows = frame.loc[:, list(OBSERVATION_COLUMNS)]

    def work():
        upload_id = _insert_upload(con, meta, len(rows))
        con.register("_hcdash_new_rows", rows)
        try:
            _supersede_and_insert(con, "_hcdash_new_rows", upload_id, "true")
        finally:
            con.unregister("_hcdash_new_rows")
        return upload_id

    return _transaction(con, work)


def load_accepted(
    con: duckdb.DuckDBPyConnection, accepted: str, meta: UploadMeta, new_indicators: Iterable
) -> int:
    """Load a staged table of accepted values (with a ``status`` of new/changed/unchanged)."""

    def work():
        counts = dict(
            con.execute(f"SELECT status, count(*) FROM {accepted} GROUP BY status").fetchall()
        )
        loaded = counts.get("new", 0) + counts.get("changed", 0)
        upload_id = _insert_upload(con, meta, loaded)
        for indicator in new_indicators:
            _insert_indicator(con, indicator, upload_id)
        if counts.get("changed"):
            _supersede(con, accepted, upload_id, "n.status = 'changed'")
        _insert(con, accepted, upload_id, "n.status IN ('new', 'changed')")
        return upload_id

    return _transaction(con, work)


def _supersede_and_insert(con, table: str, upload_id: int, condition: str) -> None:
    _supersede(con, table, upload_id, condition)
    _insert(con, table, upload_id, condition)


def _supersede(con, table: str, upload_id: int, condition: str) -> None:
    con.execute(
        f"UPDATE observations o SET superseded_by = ? FROM {table} n"
        f" WHERE o.superseded_by IS NULL AND {_KEY_MATCH} AND {condition}",
        [upload_id],
    )


def _insert(con, table: str, upload_id: int, condition: str) -> None:
    con.execute(
        "INSERT INTO observations (indicator, region, sector, period_start, grain, value,"
        f" provisional, upload_id) SELECT n.indicator, n.region, n.sector, n.period_start::DATE,"
        f" n.grain, n.value, n.provisional, ? FROM {table} n WHERE {condition}",
        [upload_id],
    )


def _insert_indicator(con, meta, upload_id: int) -> None:
    order = con.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM indicators").fetchall()[0][0]
    con.execute(
        "INSERT INTO indicators (code, name_nl, name_en, theme, unit, definition, source,"
        " frequency, higher_is_better, aggregation, decimals, sort_order, created_by_upload)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [meta.code, meta.name_nl, meta.name_en or meta.name_nl, meta.theme, meta.unit,
         meta.definition or meta.name_nl, meta.source or "onbekend", meta.frequency,
         meta.higher_is_better, meta.aggregation, 1, order, upload_id],
    )  # fmt: skip


REGISTER_TABLES = ("organisations", "programmes", "initiatives")


def _undo(con, table: str, keys, upload_id: int) -> int:
    """Give what ``upload_id`` superseded in ``table`` back: to current, or to whichever later
    upload superseded this one's row."""
    match = " AND ".join(f"o.{k} = n.{k}" for k in keys)
    return con.execute(
        f"UPDATE {table} o SET superseded_by = n.superseded_by FROM {table} n"
        f" WHERE o.superseded_by = ? AND n.upload_id = ? AND {match}",
        [upload_id, upload_id],
    ).fetchall()[0][0]


def load_register(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, meta: UploadMeta
) -> int:
    """Store register records (one table) as one upload, superseding records with the same
    slug; return the upload id."""
    if table not in REGISTER_TABLES:
        raise ValueError(table)

    def work():
        upload_id = _insert_upload(con, meta, len(frame))
        con.register("_hcdash_register", frame)
        try:
            con.execute(
                f"UPDATE {table} o SET superseded_by = ? FROM _hcdash_register n"
                " WHERE o.superseded_by IS NULL AND o.slug = n.slug",
                [upload_id],
            )
            columns = ", ".join(frame.columns)
            con.execute(
                f"INSERT INTO {table} ({columns}, upload_id) SELECT {columns}, ? FROM"
                " _hcdash_register",
                [upload_id],
            )
        finally:
            con.unregister("_hcdash_register")
        return upload_id

    return _transaction(con, work)


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int) -> dict:
    """Undo an upload: its values go, the values it superseded come back.

    Where a later upload superseded this one's value, the older value is handed to that later
    upload instead, so rolling that one back later still restores the right value.
    """
    rows = con.execute("SELECT status FROM uploads WHERE id = ?", [upload_id]).fetchall()
    row = rows[0] if rows else None
    if row is None:
        raise UnknownValueError(f"there is no upload {upload_id}; `hcdash uploads` lists them")
    if row[0] != "loaded":
        raise HcdashError(f"upload {upload_id} was already rolled back")

    def work():
        restored = _undo(con, "observations", KEY_COLUMNS, upload_id)
        for table in REGISTER_TABLES:
            restored += _undo(con, table, ("slug",), upload_id)
        removed = con.execute(
            "DELETE FROM observations WHERE upload_id = ?", [upload_id]
        ).fetchall()[0][0]
        for table in REGISTER_TABLES:
            removed += con.execute(
                f"DELETE FROM {table} WHERE upload_id = ?", [upload_id]
            ).fetchall()[0][0]
        con.execute(
            "DELETE FROM indicators i WHERE created_by_upload = ?"
            " AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator = i.code)",
            [upload_id],
        )
        con.execute(
            "UPDATE uploads SET status = 'rolled_back', rolled_back_at = current_timestamp"
            " WHERE id = ?",
            [upload_id],
        )
        return {"removed": removed, "restored": restored}

    return _transaction(con, work)
