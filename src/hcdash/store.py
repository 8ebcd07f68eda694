"""Writing observations: one transaction per upload, superseding instead of overwriting.

A new value for an existing key (indicator, region, sector, period) marks the old row with
``superseded_by`` = the new upload; the old row stays, so an upload can be rolled back.
"""

import hashlib
from dataclasses import dataclass

import duckdb
import pandas as pd

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


@dataclass(frozen=True)
class UploadMeta:
    kind: str  # 'demo' or 'file'
    file_name: str
    sha256: str
    source: str
    author: str
    rows_read: int
    rows_rejected: int = 0
    note: str | None = None


def frame_sha256(frame: pd.DataFrame) -> str:
    """A content hash of a frame of observations (for uploads that are not files)."""
    csv = frame.loc[:, list(OBSERVATION_COLUMNS)].to_csv(index=False).encode()
    return hashlib.sha256(csv).hexdigest()


def load_observations(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, meta: UploadMeta) -> int:
    """Store ``frame`` as one upload in one transaction; return the new upload id."""
    rows = frame.loc[:, list(OBSERVATION_COLUMNS)]
    con.execute("BEGIN TRANSACTION")
    try:
        upload_id = con.execute(
            "INSERT INTO uploads (kind, file_name, sha256, source, rows_read, rows_loaded,"
            " rows_rejected, author, status, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?) RETURNING id",
            [meta.kind, meta.file_name, meta.sha256, meta.source, meta.rows_read, len(rows),
             meta.rows_rejected, meta.author, meta.note],
        ).fetchone()[0]  # fmt: skip
        con.register("_hcdash_new_rows", rows)
        key_match = " AND ".join(f"o.{c} = n.{c}" for c in KEY_COLUMNS)
        con.execute(
            f"UPDATE observations o SET superseded_by = ? FROM _hcdash_new_rows n"
            f" WHERE o.superseded_by IS NULL AND {key_match}",
            [upload_id],
        )
        con.execute(
            "INSERT INTO observations (indicator, region, sector, period_start, grain, value,"
            " provisional, upload_id) SELECT indicator, region, sector, period_start::DATE,"
            " grain, value, provisional, ? FROM _hcdash_new_rows",
            [upload_id],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_hcdash_new_rows")
    return upload_id
