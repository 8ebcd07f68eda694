"""DuckDB at the boundary: the one transaction helper, and DuckDB's errors in our words."""

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path

import duckdb

from hcdash.errors import ConflictError, DatabaseError, DatabaseLockedError

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
# Messages of DuckDB's postgres client when the lake's catalog connection is gone.
_CATALOG_GONE = re.compile(
    r"server closed the connection|terminating connection|could not connect|connection refused"
    r"|no connection to the server|connection to server .* failed|PQconsumeInput|SSL SYSCALL",
    re.IGNORECASE,
)
# What DuckDB and DuckLake say when the catalog connection breaks under a running statement,
# besides the connection errors above (seen in bench/catalog_drill.py).
_CATALOG_BROKE = re.compile(
    r"Attempting to fetch from an unsuccessful query result|Current transaction is aborted"
    r"|Failed to get partition information from DuckLake",
    re.IGNORECASE,
)
# DuckDB 1.5.5 reading a file that DuckDB 2.x wrote.
_NEWER_FILE = "with version number 999"
CONVERT_HELP = "docs/reference.md, 'Upgrading from hcdash on DuckDB 2.0'"


@contextmanager
def transaction(
    con: duckdb.DuckDBPyConnection, committing: Callable[[], AbstractContextManager] = nullcontext
) -> Iterator[duckdb.DuckDBPyConnection]:
    """``with transaction(con):`` everything inside commits together, or nothing does. The
    COMMIT runs inside ``committing()`` (a store's commit gate, store.embedded.CommitGate)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        _rollback(con)
        raise
    try:
        with committing():
            con.execute("COMMIT")
    except BaseException:
        _rollback(con)  # a refused COMMIT (a conflict) can leave the transaction open
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # nothing was open any more: DuckDB already ended it
        con.execute("ROLLBACK")


def is_conflict(exc: BaseException) -> bool:
    """A write-write conflict with a concurrent transaction (retrying may succeed)."""
    return isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).lower()


def lock_holder(exc: BaseException) -> str | None:
    """'the dashboard (PID 123)' when DuckDB refused a file because another process holds it;
    None for every other error."""
    holder = _LOCK_HOLDER.search(str(exc))
    if not holder:
        return None
    return process_name(int(holder["pid"]), holder["program"])


def process_name(pid: int, fallback: str = "a process") -> str:
    """How to name a local process to a person: the dashboard, an hcdash command, or else."""
    command = _command_of(pid) or fallback
    if command.startswith("streamlit"):
        return f"the dashboard (PID {pid})"
    return f"{command} (PID {pid})"


def _command_of(pid: int) -> str | None:
    """The command line of a local process (Linux), to say *which* program holds the file:
    "streamlit run app.py", "hcdash import cijfers.csv", "python -c …"; one line, short."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    for i, word in enumerate(words):  # from the tool on, when it runs under an interpreter
        if Path(word).name in ("streamlit", "hcdash"):
            words = words[i:]
            break
    if not words:
        return None
    words[0] = Path(words[0]).name
    if len(words) > 2 and words[1] == "-c":
        words = [words[0], "-c", "…"]
    text = " ".join(" ".join(words).split())
    return text if len(text) <= 80 else text[:79] + "…"


def catalog_gone(exc: BaseException) -> bool:
    """The shared store's catalog database (PostgreSQL) stopped answering."""
    return bool(_CATALOG_GONE.search(str(exc)))


def catalog_broke(exc: BaseException) -> bool:
    """On a lake: the catalog connection broke under a running statement (DuckDB then says
    so in words of its own, not PostgreSQL's)."""
    return bool(_CATALOG_BROKE.search(str(exc)))


def fatal(exc: BaseException) -> bool:
    """DuckDB invalidated its instance (a fatal or internal error): nothing more runs on it."""
    return isinstance(exc, duckdb.FatalException | duckdb.InternalException) or (
        "database has been invalidated" in str(exc)
    )


def translate(exc: duckdb.Error, where) -> DatabaseError:
    """A DuckDB error as one of ours, with what the user can do about it; ``where`` names the
    store (``store.base.StoreName``, in the message's language)."""
    if is_conflict(exc):
        return ConflictError(code="conflict", where=where, detail=first_line(exc))
    holder = lock_holder(exc)
    if holder:
        return DatabaseLockedError(code="in_use", where=where, holder=holder)
    if catalog_gone(exc):
        return DatabaseError(code="catalog_gone", where=where)
    if fatal(exc):
        return DatabaseError(code="duckdb_failed", where=where, detail=first_line(exc)[:120])
    if _NEWER_FILE in str(exc):
        return DatabaseError(code="newer_duckdb_file", where=where, help=CONVERT_HELP)
    return DatabaseError(code="database", where=where, detail=first_line(exc))


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def quoted(text: str | Path) -> str:
    """A string literal for DuckDB statements that take no parameters (ATTACH, EXPORT)."""
    return "'" + str(text).replace("'", "''") + "'"
