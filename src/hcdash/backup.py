"""Backups: the whole store as Parquet files (DuckDB's EXPORT DATABASE), and back."""

import tempfile
from pathlib import Path

import duckdb

from hcdash.db import quoted
from hcdash.errors import HcdashError
from hcdash.migrations import ensure_schema, schema_version
from hcdash.schema import TABLES
from hcdash.store import STORE, Store, open_store


def backup(source: Store, folder: Path, *, wait=None, on_wait=None) -> dict[str, int]:
    """Write every table to ``folder`` (which must not exist or be empty), from one snapshot
    (readers and the dashboard go on meanwhile); row counts."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise HcdashError(code="backup_folder_not_empty", folder=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    with source.reading(wait=wait, on_wait=on_wait) as con:
        con.execute(f"EXPORT DATABASE {STORE} TO {quoted(folder.resolve())} (FORMAT parquet)")
        return counts(con)


def restore(path: Path, folder: Path) -> dict[str, int]:
    """Create the database ``path`` from a backup in ``folder``; refuses to overwrite."""
    path, folder = Path(path), Path(folder)
    if not (folder / "schema.sql").exists() or not (folder / "load.sql").exists():
        raise HcdashError(code="not_a_backup", folder=str(folder))
    if path.exists():
        raise HcdashError(code="restore_target_exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(f"IMPORT DATABASE {quoted(folder.resolve())}")
        con.close()
    except duckdb.Error as exc:
        con.close()
        path.unlink(missing_ok=True)
        raise HcdashError(code="restore_failed", detail=str(exc).splitlines()[0]) from None
    restored = open_store(str(path))
    try:
        ensure_schema(restored)  # brings an older backup's schema up to date
        with restored.reading() as con:
            return counts(con)
    finally:
        restored.close()


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per table: rows and a sum of row hashes. Two stores with equal fingerprints hold the
    same rows (in any order)."""
    out = {}
    for table in TABLES:
        columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
        out[table] = con.execute(
            f"SELECT count(*), coalesce(sum(hash({', '.join(columns)})), 0) FROM {table}"
        ).fetchall()[0]
    return out


COPY_BATCH_ROWS = 100_000  # rows per Arrow batch on the way: memory stays small at any size


def restore_into(target: Store, folder: Path) -> dict[str, int]:
    """Restore a backup into ``target``, a new store of any kind (a lake too): the backup is
    read into a temporary file first, which ``copy`` then copies and compares table by table.
    """
    with tempfile.TemporaryDirectory(prefix="hcdash-restore-") as scratch:
        path = Path(scratch) / "restored.duckdb"
        restore(path, folder)
        source = open_store(str(path))
        try:
            return copy(source, target)
        finally:
            source.close()


def copy(source: Store, target: Store) -> dict[str, int]:
    """Copy every table of ``source`` into ``target``, a new store (embedded or lake), in one
    write; afterwards every table of both is compared. Row counts."""
    ensure_schema(target)
    with target.reading() as con:
        if con.execute("SELECT count(*) FROM uploads").fetchall()[0][0]:
            raise HcdashError(code="copy_target_has_uploads", where=target.describe())
    with source.connection() as reader, source.reading(reader) as src:
        if schema_version(src) != schema_version_of(target):
            raise HcdashError(code="copy_schema_versions")
        target.write(lambda change: _copy_tables(src, change.con))
        expected = fingerprint(src)
    with target.reading() as con:
        found = fingerprint(con)
    different = [t for t in TABLES if found[t] != expected[t]]
    if different:
        raise HcdashError(code="copy_differs", tables=different)
    return {t: rows for t, (rows, _) in found.items()}


def _copy_tables(src: duckdb.DuckDBPyConnection, dst: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        columns = ", ".join(row[0] for row in src.execute(f"DESCRIBE {table}").fetchall())
        batches = src.execute(f"SELECT {columns} FROM {table}").to_arrow_reader(COPY_BATCH_ROWS)
        dst.execute(f"DELETE FROM {table}")
        dst.register("_hcdash_copy", batches)
        try:
            dst.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM _hcdash_copy")
        finally:
            dst.unregister("_hcdash_copy")


def schema_version_of(store: Store) -> int:
    with store.reading() as con:
        return schema_version(con)
