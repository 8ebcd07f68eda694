"""A lake replica's local copy: the tables of the lake's latest snapshot in a DuckDB file on this
machine, so that page reads skip DuckLake's catalog, which costs 5 to 10 ms of PostgreSQL round
trips per read (bench/lake_gap.py).

A read session uses the copy only when the copy holds the lake's current snapshot: one catalog
question (``current_snapshot()``, about 2 ms) per session. Otherwise the session reads the lake
itself, as without a copy, and a new copy is made in the background, in a child process (one read
transaction on the lake, table by table into a new file, observations sorted for the pages'
filters; about 10 s at 10M observations on a 2-core machine): the sort's memory, 1.2 GB at 10M
observations, is the child's and goes with it, so a replica's server stays small. So an upload
through another replica still shows at the next page run, and a new snapshot costs one copy, off
the pages' way.

The copies are files ``copy-<snapshot>.duckdb`` in a folder of this machine (one per lake). A
replica that starts on an unchanged lake attaches the file that it, or another process on the
machine, left there. A copy is attached read-only under the name ``copy_<snapshot>_<n>`` (the
process's n-th DuckDB engine), and let go once a newer copy is attached and no session reads it
any more.
"""

import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

from hcdash.db import quoted
from hcdash.schema import TABLES
from hcdash.store.base import STORE, Engine

log = logging.getLogger(__name__)

COPY_PREFIX = "copy-"  # copy-<snapshot>.duckdb: a finished copy
COPY_SUFFIX = ".duckdb"
BUILD_PREFIX = "building-"  # building-<pid>-<random>.duckdb: a copy being made
RETRY_SECONDS = 60.0  # after a copy failed (a full disk, the lake gone), the next try


# The row order a copy stores a table in (others: as the lake reads them). Current values first,
# then the older ones by the version that ended them; within each, by indicator, grain and
# period. A read of current values skips the older values' row groups, a view pinned at a
# version (``stand``) skips those ended before it, and a read of one indicator or of its latest
# periods skips most others by their min/max. Measured at 10M observations on the raw queries
# of bench_pages' pages, cold: 0.7x to 1.05x the embedded file's time per page. A copy in the
# lake's order took 1.0x to 1.3x (DuckDB leaves its row groups part-filled); sorted by region
# before period, reads of the latest periods skipped nothing (Bronnen 1.4x); with the older
# values by indicator rather than version, a view pinned halfway took 1.8x the current view.
SORTED_BY = {
    "observations": "removed_in NULLS FIRST, indicator, grain, period_start, region, sector",
}

# A table in every copy that says which snapshot it holds, and when the lake made that
# snapshot: a copy left in the folder is used only when the lake agrees (a lake made anew under
# the same name counts its snapshots from 0 again).
ABOUT_TABLE = "hcdash_local_copy"


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    """The lake's current snapshot (inside a transaction: the one the transaction reads)."""
    return con.execute(f"SELECT id FROM {STORE}.current_snapshot()").fetchall()[0][0]


def _made_at(con: duckdb.DuckDBPyConnection, snapshot: int) -> str | None:
    """When the lake made ``snapshot``, as text (None when it has no such snapshot)."""
    found = con.execute(
        f"SELECT CAST(snapshot_time AS VARCHAR) FROM {STORE}.snapshots() WHERE snapshot_id = ?",
        [snapshot],
    ).fetchall()
    return found[0][0] if found else None


class LocalCopy:
    """The local copies of one lake in one process. ``choose`` and ``done`` bracket a read
    session; a copy is made by the ``builder`` (in a child process)."""

    def __init__(self, folder: Path, builder: Callable[[Path], int]):
        """``builder(path)``: make a copy of the lake's current snapshot at ``path``; the
        snapshot it holds (``build_in_child``, or ``build`` in this process)."""
        self.folder = Path(folder)
        self._builder = builder
        self._guard = threading.Lock()
        self._engine: Engine | None = None  # the engine the copies below are attached to
        self._engines = 0  # engines so far: a copy's name says which (old sessions end later)
        self._attached: dict[int, str] = {}  # snapshot -> the name its copy is attached as
        self._readers: dict[str, int] = {}  # attached name -> sessions reading it now
        self._newest: int | None = None  # the newest snapshot with a copy attached
        self._making: threading.Thread | None = None
        self._next_try = 0.0  # time.monotonic() before which no new copy is started
        self.made = 0  # copies this process made (for tests and the benchmark)

    def choose(self, con: duckdb.DuckDBPyConnection, engine: Engine) -> str:
        """What a read session on ``con`` reads: the name of a copy of the lake's current
        snapshot (counted as read until ``done``), or the lake itself (``STORE``); in that
        case a copy of the current snapshot is started in the background."""
        snapshot = current_snapshot(con)
        with self._guard:
            if engine is not self._engine:  # a new engine (the old one failed): nothing attached
                self._engine, self._attached, self._readers, self._newest = engine, {}, {}, None
                self._engines += 1
            name = self._attached.get(snapshot) or self._attach(snapshot, con)
            if name is not None:
                self._readers[name] += 1
                return name
            if self._making is None and time.monotonic() >= self._next_try:
                # not a daemon: a process that exits waits for the copy rather than ending
                # DuckDB's work under it
                self._making = threading.Thread(
                    target=self._make, args=(engine,), name="hcdash-local-copy"
                )
                self._making.start()
        return STORE

    def done(self, name: str) -> None:
        """A session that read the copy ``name`` has ended."""
        with self._guard:
            if name in self._readers:
                self._readers[name] -= 1
                self._let_go_of_old()

    def wait(self, timeout: float | None = None) -> None:
        """Until the copy being made (if any) is done."""
        making = self._making
        if making is not None:
            making.join(timeout)

    def close(self) -> None:
        """Before the engine closes: wait for a copy being made."""
        self.wait()

    # --- inside the guard ------------------------------------------------------------------

    def _attach(self, snapshot: int, con: duckdb.DuckDBPyConnection | None = None) -> str | None:
        """Attach the copy of ``snapshot`` in the folder, if there is one; one that this
        process did not just make (``con`` given) only when the lake says it made that
        snapshot when the copy says."""
        path = self.folder / f"{COPY_PREFIX}{snapshot}{COPY_SUFFIX}"
        if not path.exists() or self._engine is None:
            return None
        name = f"copy_{snapshot}_{self._engines}"
        try:
            self._engine.db.execute(f"ATTACH {quoted(path)} AS {name} (READ_ONLY)")
            if con is not None:
                about = f"SELECT snapshot, made_at FROM {name}.main.{ABOUT_TABLE}"
                if con.execute(about).fetchall() != [(snapshot, _made_at(con, snapshot))]:
                    self._engine.db.execute(f"DETACH {name}")
                    raise duckdb.InvalidInputException("it is a copy of another lake")
        except duckdb.Error as exc:  # another lake's, or unreadable (a crashed process's)
            log.warning("local copy %s not used: %s", path, str(exc).splitlines()[0])
            path.unlink(missing_ok=True)
            return None
        self._attached[snapshot], self._readers[name] = name, 0
        if self._newest is None or snapshot > self._newest:
            self._newest = snapshot
        self._let_go_of_old()
        return name

    def _let_go_of_old(self) -> None:
        """Detach the copies older than the newest that no session reads."""
        for snapshot, name in list(self._attached.items()):
            if snapshot != self._newest and self._readers[name] == 0:
                try:
                    self._engine.db.execute(f"DETACH {name}")
                except duckdb.Error as exc:
                    log.warning("local copy %s not detached: %s", name, exc)
                    continue
                del self._attached[snapshot], self._readers[name]

    # --- in the background -----------------------------------------------------------------

    def _make(self, engine: Engine) -> None:
        """Make a copy of the lake's current snapshot in a child process (``build``), so the
        sort's memory is the child's and goes with it; then attach it and remove older copies'
        files."""
        self.folder.mkdir(parents=True, exist_ok=True)
        part = self.folder / f"{BUILD_PREFIX}{os.getpid()}-{uuid.uuid4().hex}{COPY_SUFFIX}"
        try:
            snapshot = self._builder(part)
            os.replace(part, self.folder / f"{COPY_PREFIX}{snapshot}{COPY_SUFFIX}")
            with self._guard:
                if engine is self._engine and self._attach(snapshot) is not None:
                    self.made += 1
                    self._remove_files_before(snapshot)
        except Exception as exc:  # the lake stays the way to read; a later session tries again
            log.warning("no local copy of the lake made: %s", str(exc).splitlines()[0])
            self._next_try = time.monotonic() + RETRY_SECONDS
        finally:
            part.unlink(missing_ok=True)
            with self._guard:
                self._making = None

    def _remove_files_before(self, snapshot: int) -> None:
        """Remove the files of older copies (a process still reading one keeps it open)."""
        for path in self.folder.glob(f"{COPY_PREFIX}*{COPY_SUFFIX}"):
            number = path.name.removeprefix(COPY_PREFIX).removesuffix(COPY_SUFFIX)
            if number.isdigit() and int(number) < snapshot:
                path.unlink(missing_ok=True)


# --- making a copy -------------------------------------------------------------------------


def build(lake, path: Path) -> int:
    """Copy every table of ``lake``'s current snapshot into a new DuckDB file at ``path`` in one
    read transaction, observations sorted (``SORTED_BY``); the snapshot it holds."""
    name = f"building_{uuid.uuid4().hex}"
    with lake.connection() as con:
        con.execute(f"ATTACH {quoted(path)} AS {name}")  # outside the read transaction
        try:
            with lake.reading(con, local=False):
                snapshot = current_snapshot(con)
                con.execute(
                    f"CREATE TABLE {name}.main.{ABOUT_TABLE} AS SELECT ? AS snapshot, ? AS made_at",
                    [snapshot, _made_at(con, snapshot)],
                )
                for table in TABLES:
                    order = f" ORDER BY {SORTED_BY[table]}" if table in SORTED_BY else ""
                    con.execute(
                        f"CREATE TABLE {name}.main.{table} AS"
                        f" SELECT * FROM {STORE}.main.{table}{order}"
                    )
        finally:
            con.execute(f"DETACH {name}")
    return snapshot


CHILD_SECONDS = 600  # a copy of 10M observations takes about 10 s; far longer is a hang


def build_in_child(spec: str, data_path: str, path: Path) -> int:
    """``build`` in a child process (``python -m hcdash.store local-copy``): the memory of
    sorting a snapshot (1.2 GB at 10M observations) is the child's, not the serving process's,
    and goes when the child ends. The snapshot, as the child prints it."""
    done = subprocess.run(
        [sys.executable, "-m", "hcdash.store", "local-copy", spec, data_path, str(path)],
        capture_output=True,
        text=True,
        timeout=CHILD_SECONDS,
        env=os.environ.copy(),
    )
    if done.returncode != 0:
        lines = (done.stderr or "").strip().splitlines() or [f"exit code {done.returncode}"]
        raise RuntimeError(lines[-1])
    return int(done.stdout.strip().splitlines()[-1])
