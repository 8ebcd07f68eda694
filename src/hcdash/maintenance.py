"""Upkeep of a store (``hcdash maintain``): compact it and remove what nothing needs any more.

- Embedded: a checkpoint folds the write-ahead log into the file and frees deleted blocks.
- Lake: every write adds small Parquet files (and DuckLake keeps small writes in the catalog),
  and a thousand small commits made a GROUP BY three times slower until the files were
  merged. Maintenance moves inlined rows to Parquet, rewrites files with deletions, merges
  adjacent small files, expires
  DuckLake snapshots older than ``keep_days`` and deletes the files no snapshot uses.

Rollback and pinned views use hcdash's own store versions, kept in the tables (``added_in`` and
``removed_in``), not DuckLake's snapshots: maintenance never limits them, and every upload can
be rolled back however old it is. What expiring snapshots ends is DuckLake's own time travel
(``AT (VERSION => n)``) to before the horizon, which hcdash does not use.
"""

from pathlib import Path

from hcdash.db import quoted
from hcdash.store import STORE, EmbeddedStore, Store

KEEP_DAYS = 7.0  # DuckLake snapshots younger than this stay (a week of DuckLake time travel)


def maintain(store: Store, *, keep_days: float = KEEP_DAYS) -> list[str]:
    """Do the upkeep of ``store``; what was done, in short sentences."""
    if isinstance(store, EmbeddedStore):
        return _embedded(store)
    return _lake(store, keep_days)


def _embedded(store: EmbeddedStore) -> list[str]:
    before = _size(store.path)
    with store.writing() as con:
        con.execute(f"CHECKPOINT {STORE}")
    return [f"checkpoint: file {before / 2**20:.1f} MB -> {_size(store.path) / 2**20:.1f} MB"]


def _size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _lake(store: Store, keep_days: float) -> list[str]:
    name = quoted(STORE)
    horizon = f"now() - to_seconds({round(float(keep_days) * 86400)})"
    with store.writing() as con:
        files_before = _files(con)
        con.execute(f"CALL ducklake_flush_inlined_data({name})")
        con.execute(f"CALL ducklake_rewrite_data_files({name})")  # apply the delete files
        con.execute(f"CALL ducklake_merge_adjacent_files({name})")
        expired = con.execute(
            f"CALL ducklake_expire_snapshots({name}, older_than => {horizon})"
        ).fetchall()
        removed = con.execute(
            f"CALL ducklake_cleanup_old_files({name}, older_than => {horizon})"
        ).fetchall()
        files_after = _files(con)
    return [
        f"data files in use {files_before} -> {files_after}",
        f"{len(expired)} snapshots older than {keep_days:g} days expired",
        f"{len(removed)} files no snapshot needs deleted",
    ]


def _files(con) -> int:
    tables = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = ?", [STORE]
        ).fetchall()
    ]
    return sum(
        con.execute(
            f"SELECT count(*) FROM ducklake_list_files({quoted(STORE)}, {quoted(t)})"
        ).fetchall()[0][0]
        for t in tables
    )
