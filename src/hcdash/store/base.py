"""Where the data lives, and the only way in: read sessions and write transactions.

Every process runs DuckDB in memory and ATTACHes the store under the name ``store`` (DESIGN.md:
two shapes, one code path). A read runs in one read transaction, so a page run sees one
snapshot. A write runs in one transaction that first bumps the store's version row: two writes
at once conflict on that row, and the loser is retried from the start, so whatever a write
decides (already loaded? what does it supersede?) is decided on the data it commits on.

The embedded file: DuckDB locks it per process; readers share it, a writer has it alone. So a
process attaches it only while it uses it (read-only to read, read-write to write). A writer
first leaves a marker file beside the database; a long-lived reader (the dashboard) lets go as
soon as its running pages finish, and starts no new ones until the write is done. Every wait
is bounded, and says what it waits for.
"""

import ctypes
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

import duckdb

from hcdash import db
from hcdash.errors import ConflictError, DatabaseError, DatabaseLockedError
from hcdash.i18n import t

T = TypeVar("T")

STORE = "store"  # the name every connection knows the store by
DEFAULT_WAIT_SECONDS = 30.0  # how long a command or a page waits for the database by default
WRITE_ATTEMPTS = 6  # a write that meets a concurrent one is retried this often in all
RETRY_PAUSE_SECONDS = 0.05  # before the second attempt; doubled each time, with jitter
POLL_SECONDS = 0.05  # how often a waiting session looks again
WATCH_SECONDS = 0.25  # how often a lingering process checks whether someone wants the file


def _keep_forever(con: duckdb.DuckDBPyConnection) -> None:
    """Never destroy ``con``, not even when Python exits (a held reference would be dropped
    then, and the process would end with an abort): one reference more than anyone holds."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(con))


class Engine:
    """The DuckDB instance a store runs in, in this process (in memory; the store attached).

    A fatal error inside DuckDB ("database has been invalidated"; DuckDB 1.5.5 raises one when
    PostgreSQL goes away under a lake read: 18 times in 40 broken catalog connections under six
    readers, bench/catalog_drill.py) leaves the instance unusable, and closing one of its
    connections that still holds a transaction then ends the whole process from C++ (a
    rollback that throws in a destructor). So a connection is closed only once a ROLLBACK has
    shown that it holds no transaction; one that cannot show it, and a failed instance, are
    kept (with their memory) as long as the process runs, never destroyed. A lake then starts a
    new engine once the sessions on the failed one have ended (lake.py); an embedded file needs
    a new process (its failed instance holds the file).
    """

    def __init__(self, config: dict):
        self.db = duckdb.connect(config=config)
        self.failed = False

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.db.cursor()

    def release(self, con: duckdb.DuckDBPyConnection, *, committed: bool = False) -> None:
        """Close a connection of this engine if that is safe, else keep it. ``committed``: its
        session ended normally, so it holds no transaction (a ROLLBACK costs 0.2 ms)."""
        if (committed and not self.failed) or self._holds_nothing(con):
            con.close()
        else:
            _keep_forever(con)

    def _holds_nothing(self, con: duckdb.DuckDBPyConnection) -> bool:
        if self.failed:
            return False
        try:
            con.execute("ROLLBACK")  # ends a transaction left open, or says there is none
        except duckdb.Error as exc:
            if db.fatal(exc):
                self.fail()
            return "no transaction is active" in str(exc)
        return True

    def fail(self) -> None:
        """DuckDB said the instance is invalid, or it cannot let go of the store (a connection
        kept with its transaction): from now on nothing of it is closed."""
        self.failed = True

    def close(self) -> None:
        if self._holds_nothing(self.db):
            self.db.close()
        else:
            _keep_forever(self.db)


@dataclass(frozen=True)
class Change:
    """What a write works with: its connection (inside the transaction) and the store version
    this write creates."""

    con: duckdb.DuckDBPyConnection
    version: int


@dataclass(frozen=True)
class StoreName:
    """How a store is named to a person, in either language (``store.<kind>``): the file, or
    the lake's catalog and data folder without secrets. ``str()`` is the English."""

    kind: str  # 'embedded' or 'lake'
    name: str

    def text(self, lang: str) -> str:
        return t(f"store.{self.kind}", lang, name=self.name)

    def __str__(self) -> str:
        return self.text("en")


class WaitReason(Enum):
    """Why a session waits (its words: ``wait.<value>`` in i18n)."""

    OWN_COMMIT = "own_commit"  # a write of this process commits (embedded.CommitGate)
    OWN_COMMITS = "own_commits"  # another write of this process commits first
    OWN_READS = "own_reads"  # the reads of this process must end first
    OWN_WRITE_FIRST = "own_write_first"  # a write of this process waits: reads let it go first
    WRITE_ELSEWHERE = "write_elsewhere"  # another process writes the file (detail: which)
    FILE_HELD = "file_held"  # another process holds the file (detail: which)
    CATALOG = "catalog"  # a lake's catalog database does not answer (detail: what it said)
    CATALOG_RECONNECT = "catalog_reconnect"  # a broken catalog connection's sessions end first


@dataclass(frozen=True)
class Wait:
    """What a waiting session tells ``on_wait``: the reason, and the process or message it
    names. ``text(lang)`` in words; ``str()`` in English (the command line)."""

    reason: WaitReason
    detail: str = ""

    def text(self, lang: str) -> str:
        return t(f"wait.{self.reason.value}", lang, detail=self.detail)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class _Bare:
    """A wait's words without the trailing ellipsis (inside an error's sentence)."""

    wait: Wait

    def text(self, lang: str) -> str:
        return self.wait.text(lang).rstrip("…")


class Store:
    """A store as every process sees it: ``reading()`` for a snapshot, ``write(work)`` for a
    change. Subclasses say how the store is attached and when a session must wait."""

    kind = "store"

    def __init__(self, spec: str):
        self.spec = spec
        self._engine = Engine(self._config())
        self._threads = threading.local()
        self._users_of_object = 0  # open_store calls not yet closed

    def _config(self) -> dict:
        return {}

    def describe(self) -> StoreName:
        return StoreName(self.kind, self.spec)

    @property
    def _db(self) -> duckdb.DuckDBPyConnection:
        """The engine's own connection (to attach, detach and load extensions)."""
        return self._engine.db

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of this process's DuckDB with temp tables of its own, for sessions
        that share them: ``with store.connection() as con: with store.reading(con): ...``."""
        engine = self._engine
        con = engine.cursor()
        try:
            yield con
        finally:
            engine.release(con)

    def _renew(self) -> None:
        """A new engine for a failed one (called when no session uses the old one)."""
        self._engine.close()
        self._engine = Engine(self._config())

    def close(self) -> None:
        """Done with the store; the last user (``open_store``) really closes it."""
        if _forget(self):
            self._close()

    def _close(self) -> None:
        self._engine.close()

    # --- sessions -------------------------------------------------------------------------

    @contextmanager
    def reading(
        self,
        con=None,
        *,
        wait: float | None = None,
        on_wait: Callable[[Wait], None] | None = None,
        snapshot: bool = True,
        local: bool = True,
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection on one snapshot of the store: ``with store.reading() as con: ...``.

        ``snapshot=False`` leaves out the read transaction (each statement sees the latest
        data): for checking a file, whose staging tables need the row ids DuckDB gives only
        outside a transaction, and whose decisions are taken again inside the write.
        ``local=False``: read the store itself, never a lake replica's local copy of it.
        """
        with self._session("read", con, wait, on_wait, copy_ok=snapshot and local) as con:
            if not snapshot:
                yield con
                return
            with self._read_gate(self._waits(wait, None)[0]), db.transaction(con):
                yield con

    def _read_gate(self, wait: float) -> AbstractContextManager:
        """What a read transaction runs inside (EmbeddedStore: its commit gate). A lake's
        readers need none: each reads the files of the catalog snapshot it started on."""
        return nullcontext()

    @contextmanager
    def writing(
        self, con=None, *, wait: float | None = None, on_wait: Callable[[Wait], None] | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that may change the store, without a transaction of its own (for
        migrations, which commit step by step). Everything else uses ``write``."""
        if getattr(self._threads, "reading", 0):
            raise RuntimeError("a write cannot start inside a read session of the same thread")
        with self._session("write", con, wait, on_wait) as con:
            yield con

    def write(
        self,
        work: Callable[[Change], T],
        con=None,
        *,
        wait: float | None = None,
        on_wait: Callable[[Wait], None] | None = None,
    ) -> T:
        """Run ``work`` in one transaction that creates the next store version; retried from
        the start when a concurrent write got there first."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with (
                    self.writing(con, wait=wait, on_wait=on_wait) as c,
                    db.transaction(c, lambda: self._commit_gate(self._waits(wait, None)[0])),
                ):
                    return work(Change(c, bump_version(c)))
            except ConflictError:
                if attempt == WRITE_ATTEMPTS:
                    raise ConflictError(
                        code="writes_kept_conflicting",
                        where=self.describe(),
                        attempts=WRITE_ATTEMPTS,
                    ) from None
                pause = RETRY_PAUSE_SECONDS * 2 ** (attempt - 1)
                time.sleep(pause * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")

    def _commit_gate(self, wait: float) -> AbstractContextManager:
        """What a write's COMMIT runs inside (EmbeddedStore: its commit gate)."""
        return nullcontext()

    @contextmanager
    def waiting(self, wait: float | None, on_wait: Callable[[Wait], None] | None = None):
        """Within this block, this thread's sessions wait ``wait`` seconds (unless they say
        otherwise) and tell ``on_wait`` why (the CLI's --wait, for every command)."""
        before = getattr(self._threads, "waits", (None, None))
        self._threads.waits = (wait, on_wait)
        try:
            yield self
        finally:
            self._threads.waits = before

    def _waits(self, wait: float | None, on_wait) -> tuple[float, Callable[[Wait], None] | None]:
        """How long a session waits, and whom it tells: as given, else as ``waiting`` set."""
        default_wait, default_on_wait = getattr(self._threads, "waits", (None, None))
        wait = default_wait if wait is None else wait
        on_wait = default_on_wait if on_wait is None else on_wait
        return DEFAULT_WAIT_SECONDS if wait is None else wait, on_wait

    @contextmanager
    def _session(
        self, kind: str, con, wait, on_wait, *, copy_ok: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A session of ``kind`` on ``con`` (else a cursor of its own) that USEs the store, or
        when a ``copy_ok`` read what ``_source`` chooses (a lake replica's local copy)."""
        wait, on_wait = self._waits(wait, on_wait)
        own = con is None
        before = "memory" if own else con.execute("SELECT current_database()").fetchall()[0][0]
        self._enter(kind, wait, on_wait)
        engine = self._engine  # entered: it is not replaced before this session has left
        depth = getattr(self._threads, "reading", 0)
        self._threads.reading = depth + (kind == "read")
        committed, source = False, None
        try:
            con = engine.cursor() if own else con
            source = self._source(con, engine) if copy_ok else STORE
            con.execute(f"USE {source}")
            yield con
            committed = True
        except duckdb.Error as exc:
            self.failed(exc)
            raise self._translate(exc) from exc
        finally:
            self._threads.reading = depth
            if con is not None:
                with suppress(duckdb.Error):  # a broken connection is not used again
                    con.execute(f"USE {before}")
                if own:
                    engine.release(con, committed=committed)
            if source not in (None, STORE):  # once nothing uses it (it may be let go of now)
                self._done_with(source)
            self._leave(kind)

    def _translate(self, exc: duckdb.Error) -> DatabaseError:
        """A session's DuckDB error in words the user can act on."""
        return db.translate(exc, self.describe())

    def _source(self, con: duckdb.DuckDBPyConnection, engine: "Engine") -> str:
        """The database a snapshot read USEs: the store itself (a lake: perhaps a local copy of
        it, which ``_done_with`` is told of when the session ends)."""
        return STORE

    def _done_with(self, source: str) -> None:
        """A session that read ``source`` (not the store itself) has ended."""

    def failed(self, exc: BaseException) -> None:
        """A session ended with DuckDB's ``exc``. After a fatal error nothing of the engine is
        closed any more (a lake then starts a new one; an embedded file needs a new process,
        as the failed instance still holds the file)."""
        if db.fatal(exc):
            self._engine.fail()

    def _enter(self, kind: str, wait: float, on_wait) -> None:
        """Make the store usable for a session of ``kind`` ('read' or 'write'), waiting at most
        ``wait`` seconds."""

    def _leave(self, kind: str) -> None:
        """A session of ``kind`` has ended."""


def bump_version(con: duckdb.DuckDBPyConnection) -> int:
    """The next store version, taken inside the write's transaction. Concurrent writes all
    update this one row, so all but one of them conflict."""
    con.execute("UPDATE store_version SET version = version + 1, changed_at = current_timestamp")
    return con.execute("SELECT version FROM store_version").fetchall()[0][0]


def version(con: duckdb.DuckDBPyConnection) -> int:
    """The store version a connection sees: it changes with every write (cache keys)."""
    return con.execute("SELECT version FROM store_version").fetchall()[0][0]


class Waiting:
    """Tells ``on_wait`` once per new reason that a session waits, and fails at the deadline
    (``error.store_busy``: the command line adds how to wait longer)."""

    def __init__(self, what: StoreName, wait: float, on_wait: Callable[[Wait], None] | None):
        self.what, self.wait, self.on_wait = what, wait, on_wait
        self.deadline = time.monotonic() + wait
        self.reason: Wait | None = None

    def still(self, reason: Wait) -> None:
        if time.monotonic() >= self.deadline:
            raise DatabaseLockedError(
                code="store_busy", where=self.what, seconds=self.wait, reason=_Bare(reason)
            )
        if reason != self.reason and self.on_wait is not None:
            self.on_wait(reason)
        self.reason = reason


_OPEN: dict[str, Store] = {}  # the stores this process has open, by what they name
_OPEN_GUARD = threading.Lock()


def _forget(store: Store) -> bool:
    """One user of ``store`` is done; True when it was the last (then close it for real)."""
    with _OPEN_GUARD:
        store._users_of_object -= 1
        if store._users_of_object > 0:
            return False
        for key, value in list(_OPEN.items()):
            if value is store:
                del _OPEN[key]
        return True
