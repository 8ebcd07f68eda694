"""Opening the DuckDB file: path handling, lock errors in plain words, migrations on open."""

import re
from pathlib import Path

import duckdb

from hcdash.errors import DatabaseError, DatabaseLockedError
from hcdash.migrations import apply_migrations

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create) an hcdash database, bringing its schema up to date.

    A read-only connection is not migrated; it fails if the file does not exist.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise _translate_open_error(exc, path) from None
    except duckdb.Error as exc:
        raise DatabaseError(f"cannot open {path}: {_first_line(exc)}") from None
    if not read_only:
        apply_migrations(con)
    return con


def _translate_open_error(exc: duckdb.Error, path: Path) -> Exception:
    message = str(exc)
    holder = _LOCK_HOLDER.search(message)
    if holder:
        return DatabaseLockedError(
            f"the database {path} is in use by another process "
            f"(PID {holder['pid']}, {holder['program']}); stop that process "
            "(for example the running dashboard) or use another --db"
        )
    return DatabaseError(f"cannot open {path}: {_first_line(exc)}")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
