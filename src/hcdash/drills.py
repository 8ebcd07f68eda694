"""Reliability drills: kill an import at random moments, read while an upload commits.

Both check the same promise: the database is always either exactly as before an upload or
exactly as after it, never in between. ``bench/drills.py`` runs the long forms; the tests run
short ones.
"""

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from hcdash.db import connect

FINGERPRINT = (
    "SELECT (SELECT count(*) FROM observations),"
    " (SELECT coalesce(sum(hash(indicator, region, sector, period_start, value, provisional,"
    "  upload_id, superseded_by)), 0) FROM observations),"
    " (SELECT count(*) FROM uploads WHERE status = 'loaded'),"
    " (SELECT count(*) FROM indicators)"
)

IMPORT = """
import sys
from pathlib import Path
from hcdash import ingest
from hcdash.db import connect
con = connect(Path(sys.argv[1]))
staged = ingest.prepare(con, Path(sys.argv[2]), "drill.csv", ingest.Options(author="drill",
                        max_bytes=2**40))
ingest.commit(staged, ingest.Options(author="drill"))
print("committed", flush=True)
"""


def fingerprint(path: Path) -> tuple:
    con = connect(path)
    try:
        return con.execute(FINGERPRINT).fetchall()[0]
    finally:
        con.close()


@dataclass
class CrashResult:
    runs: int = 0
    killed_mid_import: int = 0
    completed_before_kill: int = 0
    intact: int = 0
    broken: list[str] = field(default_factory=list)


def crash_drill(db: Path, csv: Path, runs: int, seed: int = 7) -> CrashResult:
    """SIGKILL ``hcdash`` importing ``csv`` at a random moment, ``runs`` times; after each kill
    the database must open and be exactly as before the import (or, had it finished, exactly
    as after it, which is then rolled back for the next run)."""
    from hcdash import store

    rng = random.Random(seed)
    before = fingerprint(db)
    duration = _import_seconds(db, csv, before)
    result = CrashResult()
    for run in range(runs):
        child = subprocess.Popen([sys.executable, "-c", IMPORT, str(db), str(csv)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.05, duration * 1.1))
        finished = child.poll() is not None
        child.send_signal(signal.SIGKILL)
        child.wait()
        result.runs += 1
        after = fingerprint(db)
        if after == before:
            result.intact += 1
            result.killed_mid_import += not finished
            result.completed_before_kill += finished
            continue
        con = connect(db)
        try:  # the import completed: that is all, never a part
            upload = con.execute("SELECT max(id) FROM uploads WHERE author = 'drill'"
                                 " AND status = 'loaded'").fetchall()[0][0]  # fmt: skip
            if upload is not None:
                store.rollback(con, upload)
                con.execute("DELETE FROM uploads WHERE id = ?", [upload])
        finally:
            con.close()
        if fingerprint(db) == before and upload is not None:
            result.intact += 1
            result.completed_before_kill += 1
        else:
            result.broken.append(f"run {run}: partial state {after}")
            before = fingerprint(db)
    return result


def _import_seconds(db: Path, csv: Path, before: tuple) -> float:
    """How long one whole import takes here (then undone), to aim the kills inside it."""
    from hcdash import store

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", IMPORT, str(db), str(csv)], check=True,
                   capture_output=True)  # fmt: skip
    seconds = time.perf_counter() - start
    con = connect(db)
    try:
        upload = con.execute("SELECT max(id) FROM uploads WHERE author = 'drill'").fetchall()[0][0]
        store.rollback(con, upload)
        con.execute("DELETE FROM uploads WHERE id = ?", [upload])
    finally:
        con.close()
    assert fingerprint(db) == before, "undoing the timing import left a trace"
    return seconds


@dataclass
class ReadResult:
    readers: int
    reads: int
    old: int
    new: int
    mixed: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def concurrency_drill(con: duckdb.DuckDBPyConnection, commit, probe: str, readers: int = 10,
                      seconds: float = 5.0) -> ReadResult:  # fmt: skip
    """``readers`` threads run ``probe`` (one row) on their own cursors while ``commit(con)``
    loads an upload; every answer must be the row before or the row after. (Use an exact probe:
    a parallel sum of doubles may differ in its last bits from run to run.)"""
    old = con.execute(probe).fetchall()[0]
    done = threading.Event()
    answers, errors = [], []

    def read():
        cursor = con.cursor()
        try:
            while not done.is_set():
                answers.append(cursor.execute(probe).fetchall()[0])
        except Exception as exc:  # every error is a failure of the drill
            errors.append(repr(exc))
        finally:
            cursor.close()

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    commit(con.cursor())
    time.sleep(seconds / 2)
    done.set()
    for thread in threads:
        thread.join()
    new = con.execute(probe).fetchall()[0]
    mixed = [a for a in answers if a not in (old, new)]
    return ReadResult(readers, len(answers), answers.count(old), answers.count(new), mixed[:5],
                      errors[:5])  # fmt: skip


# Exact: a count and an integer sum of the current values (given to one decimal).
CURRENT_PROBE = (
    "SELECT count(*), sum(CAST(round(value * 10) AS BIGINT)) FROM observations"
    " WHERE superseded_by IS NULL"
)
