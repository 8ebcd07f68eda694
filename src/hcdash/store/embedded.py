"""The embedded store: one DuckDB file, attached only while this process uses it.

DuckDB locks the file per process; readers share it, a writer has it alone. So a process
attaches it only while it uses it (read-only to read, read-write to write). A writer first
leaves a marker file beside the database; a long-lived reader (the dashboard) lets go as soon
as its running pages finish, and starts no new ones until the write is done. Every wait is
bounded, and says what it waits for.
"""

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import duckdb

from hcdash import db
from hcdash.errors import DatabaseError
from hcdash.store.base import (
    DEFAULT_WAIT_SECONDS,
    POLL_SECONDS,
    STORE,
    WATCH_SECONDS,
    Store,
    StoreName,
    Wait,
    Waiting,
    WaitReason,
)


class CommitGate:
    """No read transaction of this process runs while a write of this process commits.

    DuckDB 1.5.5 shows a read transaction that overlaps another one's COMMIT part of what
    that commit adds: in the readers drill, such reads of a 300,000-row upload counted its new
    rows while none, or only some, of the rows they supersede had been ended (between 1 and 2
    times the current rows; bench/results/drills.md). Reads that started before the commit
    were affected as well as reads that started during it, so the gate keeps whole read
    transactions and commits apart: a commit waits for the running reads of this process
    (page runs: a fraction of a second), and reads wait for the commit (0.1 s for 300,000
    rows). A waiting commit lets no new read in, so reads cannot starve it. Both waits are
    bounded. Another process never reads an embedded file while one writes it (DuckDB's file
    lock), so the gate is per process.
    """

    def __init__(self, what: StoreName):
        self.what = what
        self._changed = threading.Condition()
        self._reads = 0  # read transactions running now
        self._committing = False  # a commit holds the gate, or waits for the reads to end
        self._threads = threading.local()  # .reads: this thread's read transactions

    @contextmanager
    def reading(self, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
        """Around a read transaction, from its BEGIN to its end."""
        waiting = Waiting(self.what, wait, None)
        mine = getattr(self._threads, "reads", 0)
        with self._changed:
            # A thread that reads already goes on: a waiting commit waits for it anyway.
            while self._committing and not mine:
                waiting.still(Wait(WaitReason.OWN_COMMIT))
                self._changed.wait(POLL_SECONDS)
            self._reads += 1
        self._threads.reads = mine + 1
        try:
            yield
        finally:
            self._threads.reads = mine
            with self._changed:
                self._reads -= 1
                self._changed.notify_all()

    @contextmanager
    def commit(self, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
        """Around a write's COMMIT."""
        waiting = Waiting(self.what, wait, None)
        with self._changed:
            while self._committing:  # one commit at a time through the gate
                waiting.still(Wait(WaitReason.OWN_COMMITS))
                self._changed.wait(POLL_SECONDS)
            self._committing = True
            try:
                while self._reads:
                    waiting.still(Wait(WaitReason.OWN_READS))
                    self._changed.wait(POLL_SECONDS)
            except BaseException:
                self._committing = False
                self._changed.notify_all()
                raise
        try:
            yield
        finally:
            with self._changed:
                self._committing = False
                self._changed.notify_all()


class Writers:
    """Marker files of the processes that want to write the embedded file, in a folder beside
    it: ``hcdash.duckdb.writers/<pid>-<id>``. A marker of a process that died is ignored."""

    def __init__(self, path: Path):
        self.folder = path.with_name(path.name + ".writers")
        self.mine: Path | None = None

    def announce(self, who: str) -> None:
        self.mine = self.folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            self.folder.mkdir(exist_ok=True)
            self.mine.write_text(who)
        except OSError:
            self.mine = None  # a read-only folder: the write itself will fail and say so

    def withdraw(self) -> None:
        if self.mine is not None:
            self.mine.unlink(missing_ok=True)
            self.mine = None
            with suppress(OSError):  # another writer's marker is still in it
                self.folder.rmdir()

    def others(self) -> str | None:
        """'hcdash import (PID 123)' for a live writer in another process, else None."""
        if not os.path.isdir(self.folder):  # the common case, and cheap
            return None
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return None
        for entry in entries:
            pid = int(entry.name.split("-")[0]) if entry.name.split("-")[0].isdigit() else 0
            if pid == os.getpid() or not pid:
                continue
            if not _alive(pid):
                entry.unlink(missing_ok=True)
                continue
            try:
                return f"{entry.read_text()[:80]} (PID {pid})"
            except OSError:
                continue  # withdrawn while we looked
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class EmbeddedStore(Store):
    """One DuckDB file, attached only while this process uses it.

    ``linger`` > 0 (the dashboard) keeps a read-only attachment for that many idle seconds, so
    pages in quick succession skip re-opening the file; a writer elsewhere still gets in as
    soon as the running pages end, because a watcher lets go when it sees the writer's marker.
    """

    kind = "embedded"

    def __init__(self, path: str | Path, *, linger: float = 0.0, who: str = "hcdash"):
        self.path = Path(path)
        super().__init__(str(self.path))
        self.linger = linger
        self.who = who
        self._guard = threading.Condition()
        self._mode: str | None = None  # None, 'ro' or 'rw'
        self._users = 0  # sessions of this process using the attachment
        self._writers = 0  # write sessions, running or waiting, of this process
        self._idle_since = time.monotonic()
        self._markers = Writers(self.path)
        self._watcher: threading.Thread | None = None
        self._closed = False
        self._gate = CommitGate(self.describe())

    def _read_gate(self, wait: float) -> AbstractContextManager:
        return self._gate.reading(wait)

    def _commit_gate(self, wait: float) -> AbstractContextManager:
        return self._gate.commit(wait)

    def describe(self) -> StoreName:
        return StoreName(self.kind, str(self.path))

    def exists(self) -> bool:
        return self.path.exists()

    def _close(self) -> None:
        with self._guard:
            self._closed = True
            self._detach()
            self._markers.withdraw()
        super()._close()

    def _enter(self, kind: str, wait: float, on_wait) -> None:
        waiting = Waiting(self.describe(), wait, on_wait)
        with self._guard:
            if kind == "write":
                self._writers += 1
                if self._writers == 1:
                    self._markers.announce(self.who)
            try:
                while (reason := self._try_enter(kind)) is not None:
                    waiting.still(reason)
                    self._guard.wait(POLL_SECONDS)
            except BaseException:
                if kind == "write":
                    self._writer_done()
                raise
            self._users += 1

    def _try_enter(self, kind: str) -> Wait | None:
        """Attach as ``kind`` needs, if that is possible now; else the reason to wait."""
        if self._mode == "rw":
            return None  # this process writes: its sessions share the write attachment
        if kind == "read":
            if self._writers:
                return Wait(WaitReason.OWN_WRITE_FIRST)
            other = self._markers.others()
            if other:
                if self._users == 0:
                    self._detach()
                return Wait(WaitReason.WRITE_ELSEWHERE, other)
            if self._mode == "ro":
                return None
        if self._users:
            return Wait(WaitReason.OWN_READS)
        self._detach()
        holder = self._attach("rw" if kind == "write" else "ro")
        return None if holder is None else Wait(WaitReason.FILE_HELD, holder)

    def _leave(self, kind: str) -> None:
        with self._guard:
            self._users -= 1
            if kind == "write":
                self._writer_done()
            if self._users == 0:
                self._idle_since = time.monotonic()
                if self._mode == "rw" or self._writers or not self.linger:
                    self._detach()  # give the lock back at once
            self._guard.notify_all()

    def _writer_done(self) -> None:
        self._writers -= 1
        if self._writers == 0:
            self._markers.withdraw()

    def _attach(self, mode: str) -> str | None:
        """Attach the file; the lock holder's description if another process holds it."""
        if mode == "ro" and not self.path.exists():
            raise DatabaseError(code="no_database", path=str(self.path))
        if mode == "rw":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        options = " (READ_ONLY)" if mode == "ro" else ""
        try:
            self._db.execute(f"ATTACH {db.quoted(self.path)} AS {STORE}{options}")
        except duckdb.Error as exc:
            holder = db.lock_holder(exc)
            if holder is None:
                raise db.translate(exc, self.describe()) from exc
            return holder
        self._mode = mode
        if self.linger and self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True, name="hcdash-store")
            self._watcher.start()
        return None

    def _detach(self) -> None:
        if self._mode is not None:
            self._db.execute(f"DETACH {STORE}")
            self._mode = None

    def _watch(self) -> None:
        """Let go of an idle read-only attachment when another process wants to write, or when
        it has been idle for ``linger`` seconds."""
        while True:
            time.sleep(WATCH_SECONDS)
            with self._guard:
                if self._closed:
                    return
                if self._mode != "ro" or self._users:
                    continue
                idle = time.monotonic() - self._idle_since
                if idle >= self.linger or self._markers.others():
                    self._detach()
                    self._guard.notify_all()

    def attached(self) -> str | None:
        """How this process holds the file now: None, 'ro' or 'rw' (for tests and info)."""
        return self._mode
