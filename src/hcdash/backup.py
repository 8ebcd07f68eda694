"""Backups: the whole store as Parquet files (DuckDB's EXPORT DATABASE), and back."""

from pathlib import Path

import duckdb

from hcdash.db import quoted
from hcdash.errors import HcdashError
from hcdash.migrations import ensure_schema
from hcdash.storage import STORE, Store, open_store

# Tables a restore must bring back (the schema and everything in it).
TABLES = ("schema_version", "store_version", "regions", "sectors", "indicators",
          "indicator_bands", "targets", "uploads", "observations", "gemeente_regions",
          "boundaries", "organisations", "programmes", "initiatives")  # fmt: skip


def backup(source: Store, folder: Path, *, wait=None, on_wait=None) -> dict[str, int]:
    """Write every table to ``folder`` (which must not exist or be empty), from one snapshot
    (readers and the dashboard go on meanwhile); row counts."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise HcdashError(f"{folder} is not empty; choose a new folder for the backup")
    folder.mkdir(parents=True, exist_ok=True)
    with source.reading(wait=wait, on_wait=on_wait) as con:
        con.execute(f"EXPORT DATABASE {STORE} TO {quoted(folder.resolve())} (FORMAT parquet)")
        return counts(con)


def restore(path: Path, folder: Path) -> dict[str, int]:
    """Create the database ``path`` from a backup in ``folder``; refuses to overwrite."""
    path, folder = Path(path), Path(folder)
    if not (folder / "schema.sql").exists() or not (folder / "load.sql").exists():
        raise HcdashError(f"{folder} holds no hcdash backup (schema.sql and load.sql missing)")
    if path.exists():
        raise HcdashError(f"{path} exists; restore into a new database file (--db NEW.duckdb)")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(f"IMPORT DATABASE {quoted(folder.resolve())}")
        con.close()
    except duckdb.Error as exc:
        con.close()
        path.unlink(missing_ok=True)
        raise HcdashError(f"the backup could not be restored: {str(exc).splitlines()[0]}") from None
    restored = open_store(str(path))
    try:
        ensure_schema(restored)  # brings an older backup's schema up to date
        with restored.reading() as con:
            return counts(con)
    finally:
        restored.close()


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
