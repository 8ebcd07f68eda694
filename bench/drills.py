"""Reliability drills, each able to fail (tests/test_drills.py shows each failing on broken code).

- crash: an import is killed with SIGKILL while it writes; the database must then be exactly as
  before the import or exactly as after it (every table compared), never in between.
- readers: threads read while uploads supersede existing values; each read must see exactly
  the state before or after an upload, never a mix. Reads that begin while an upload commits
  are counted, since that is where DuckDB would show a mix (CommitGate).
- race: two writers (threads of one process, or two processes) load the same file or
  overlapping files at the same moment, round after round. After every round at most one value
  per key is current, the upload history tells the truth, the current values are what the
  loaded uploads say in the order they were loaded, and rolling them back restores the state
  before each.

Every drill takes ``mode``: "transaction" (the real code), or a broken variant for the tests:
"no-transaction" (the transaction helper does nothing), for the crash drill "partial" (a
writer that commits an upload with a few of its values), and for the readers drill "no-gate"
(reads run while a write commits).

    .venv/bin/python bench/drills.py --kills 20 --rows 2000000 --readers 10 --rounds 50
"""

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, machine, publish
from bench.make_files import register_bench_indicators, write_long_csv
from hcdash import db, demo, ingest, uploads
from hcdash.backup import TABLES
from hcdash.errors import HcdashError
from hcdash.migrations import ensure_schema
from hcdash.store import open_store
from hcdash.store.embedded import CommitGate
from tests.support.regions import OOST, OOST_NAMES

MODES = ("transaction", "no-transaction", "partial", "no-gate")
# Clock readings that differ between two runs of the same change; left out of comparisons.
VOLATILE = ("uploaded_at", "rolled_back_at", "changed_at", "applied_at", "loaded_at")


def database(path: Path, *, bench_indicators: bool = True) -> Path:
    """A demo database (with the 1,000 benchmark indicators) at ``path``."""
    target = open_store(str(path))
    try:
        ensure_schema(target)
        demo.load_demo(target)
        if bench_indicators:
            register_bench_indicators(target)
    finally:
        target.close()
    return path


def fingerprint(path: Path) -> dict[str, tuple]:
    """Per table: row count and a sum of row hashes (clock columns left out). A plain DuckDB
    connection, so a write-ahead log that a killed writer left is replayed first."""
    con = duckdb.connect(str(path))
    try:
        out = {}
        for table in TABLES:
            keep = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
                ).fetchall()
                if c not in VOLATILE
            ]
            out[table] = con.execute(
                f"SELECT count(*), coalesce(sum(hash({', '.join(keep)})), 0) FROM {table}"
            ).fetchall()[0]
        return out
    finally:
        con.close()


@contextmanager
def broken(mode: str):
    """Within this block, the write path is broken as ``mode`` says (for the drills' tests)."""
    if mode == "no-gate":
        with _no_commit_gate():
            yield
        return
    if mode != "no-transaction":
        yield
        return
    original = db.transaction

    @contextmanager
    def no_transaction(con, *_):
        yield con

    db.transaction = no_transaction
    try:
        yield
    finally:
        db.transaction = original


@contextmanager
def _no_commit_gate():
    """Reads run while a write commits (CommitGate does nothing)."""
    gate = CommitGate
    originals = gate.reading, gate.commit
    gate.reading = gate.commit = lambda self, wait=None: nullcontext()
    try:
        yield
    finally:
        gate.reading, gate.commit = originals


@contextmanager
def timed_commits(windows: list[tuple[float, float]]):
    """Within this block, every write's COMMIT adds its (start, end) clock readings to
    ``windows``."""
    original = db.transaction

    def timed(con, committing=nullcontext):
        if committing is nullcontext:  # a read transaction
            return original(con)

        @contextmanager
        def recorded():
            with committing():
                start = time.perf_counter()
                try:
                    yield
                finally:
                    windows.append((start, time.perf_counter()))

        return original(con, recorded)

    db.transaction = timed
    try:
        yield
    finally:
        db.transaction = original


# --- crash: SIGKILL while the import writes ---------------------------------------------------

CHILD = """
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from hcdash import db, ingest, uploads
from hcdash.store import open_store

path, csv, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
if mode == "no-transaction":
    @contextmanager
    def no_transaction(con, *_):
        yield con
    db.transaction = no_transaction
original = uploads._load

def traced(change, *args):
    print("writing", flush=True)
    if mode == "partial":  # a broken writer: the upload row and 10 of its values, committed
        change.con.execute(
            "INSERT INTO uploads (id, kind, file_name, sha256, source, rows_read, rows_loaded,"
            " rows_rejected, uploaded_at, author, status, version) SELECT max(id) + 1, 'file',"
            " 'drill.csv', 'partial', NULL, 10, 10, 0, current_timestamp, 'drill', 'loaded', ?"
            " FROM uploads", [change.version])
        change.con.execute(
            f"INSERT INTO observations (indicator, region, sector, period_start, grain, value,"
            f" provisional, upload_id, added_in) SELECT indicator, region, sector, period_start,"
            f" grain, value, provisional, (SELECT max(id) FROM uploads), ? FROM {args[0]}"
            " LIMIT 10", [change.version])
        return uploads.Loaded(0, 10, 0)
    return original(change, *args)

uploads._load = traced
ingest.import_file(open_store(path), csv, "drill.csv",
                   ingest.Options(author="drill", max_bytes=2**40))
print("committed", flush=True)
"""


@dataclass
class CrashResult:
    runs: int = 0
    killed_in_write: int = 0
    killed_after_commit: int = 0
    write_seconds: float = 0.0
    as_before: int = 0
    as_after: int = 0
    broken: list[str] = field(default_factory=list)


def crash_drill(
    db_path: Path, csv: Path, runs: int, seed: int = 7, mode: str = "transaction"
) -> CrashResult:
    """Kill an import of ``csv`` at a random moment within its write, ``runs`` times, each on
    a fresh copy of ``db_path``; compare every table with the exact states before and after."""
    rng = random.Random(seed)
    work = db_path.with_name("crash-work.duckdb")
    before = fingerprint(db_path)
    result = CrashResult(write_seconds=_write_seconds(db_path, work, csv))
    after = fingerprint(work)  # what the real code leaves once the import has committed
    for run in range(runs):
        _fresh_copy(db_path, work)
        child = _child(work, csv, mode)
        seen: list[str] = []
        reader = threading.Thread(target=lambda c=child, s=seen: s.extend(c.stdout), daemon=True)
        reader.start()
        while "writing\n" not in seen and child.poll() is None:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, result.write_seconds * 1.2))
        committed = "committed\n" in seen
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
        result.runs += 1
        result.killed_after_commit += committed
        result.killed_in_write += not committed
        state = fingerprint(work)
        if state == before:
            result.as_before += 1
        elif state == after:
            result.as_after += 1
        else:
            changed = sorted(t for t in TABLES if state[t] != before[t])
            result.broken.append(f"run {run}: neither before nor after (changed: {changed})")
    return result


def _child(work: Path, csv: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(work), str(csv), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )


def _write_seconds(db_path: Path, work: Path, csv: Path) -> float:
    """How long the real write takes here (from 'writing' to 'committed'), on a fresh copy
    that it leaves as the state after the import."""
    _fresh_copy(db_path, work)
    child = _child(work, csv, "transaction")
    assert child.stdout.readline() == "writing\n", "the timing run failed"
    start = time.perf_counter()
    assert child.stdout.readline() == "committed\n", "the timing run failed"
    seconds = time.perf_counter() - start
    child.wait()
    return seconds


def _fresh_copy(source: Path, target: Path) -> None:
    for leftover in (target, target.with_name(target.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(target.with_name(target.name + ".writers"), ignore_errors=True)
    shutil.copy(source, target)


# --- readers: old or new, never a mix ---------------------------------------------------------

# Exact: a count, an integer sum of the current values (given to one decimal) and the uploads.
CURRENT_PROBE = (
    "SELECT count(*), sum(CAST(round(value * 10) AS BIGINT)), count(DISTINCT upload_id)"
    " FROM observations WHERE removed_in IS NULL"
)


@dataclass
class ReadResult:
    readers: int
    reads: int
    per_state: list[int]  # reads that saw the state before the updates, after the first, ...
    superseded: int  # current values the updates replaced, in all
    commits: list[float]  # how long each update's COMMIT took, in seconds
    in_commit: int  # reads that overlapped an update's commit (or waited for it at the gate)
    mixed: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def readers_drill(
    db_path: Path,
    base: Path,
    updates: list[Path],
    readers: int = 10,
    seconds: float = 5.0,
    mode: str = "transaction",
) -> ReadResult:
    """Load ``base``; then ``readers`` threads read (each read its own session) while each of
    ``updates``, files with the same keys and new values, supersedes the one before. Every
    read must see one of the states between uploads, never a mix. The reads that overlapped
    the commit of an update (from asking for a session to its end) are counted: they are where
    a mix would come from."""
    target = open_store(str(db_path))
    windows: list[tuple[float, float]] = []
    superseded = 0
    try:
        ingest.import_file(target, base, base.name, ingest.Options(author="drill"))
        states = [_current(target)]
        done, answers, errors = threading.Event(), [], []

        def read():
            try:
                while not done.is_set():
                    began = time.perf_counter()
                    with target.reading() as con:
                        answer = con.execute(CURRENT_PROBE).fetchall()[0]
                    answers.append((began, time.perf_counter(), answer))
            except Exception as exc:  # every error is a failure of the drill
                errors.append(repr(exc))

        threads = [threading.Thread(target=read) for _ in range(readers)]
        for thread in threads:
            thread.start()
        time.sleep(seconds / 2)
        with broken(mode), timed_commits(windows):
            for update in updates:
                _, loaded = ingest.import_file(
                    target, update, update.name, ingest.Options(author="drill")
                )
                superseded += loaded.changed
                states.append(_current(target))
        time.sleep(seconds / 2)
        done.set()
        for thread in threads:
            thread.join()
    finally:
        target.close()
    seen = [answer for _, _, answer in answers]
    return ReadResult(
        readers,
        len(answers),
        [seen.count(state) for state in states],
        superseded,
        [round(end - start, 3) for start, end in windows],
        sum(
            any(began <= end and ended >= start for start, end in windows)
            for began, ended, _ in answers
        ),
        [answer for answer in seen if answer not in states][:5],
        errors[:5],
    )


def _current(target) -> tuple:
    with target.reading() as con:
        return con.execute(CURRENT_PROBE).fetchall()[0]


def update_files(folder: Path, rows: int, count: int) -> list[Path]:
    """``count`` files with the keys of ``write_long_csv(rows)`` and new values in each."""
    return [
        write_long_csv(folder / f"update-{n}.csv", rows, seed=0.17 + 0.1 * n) for n in range(count)
    ]


# --- race: two writers at once ----------------------------------------------------------------

REGIONS = OOST_NAMES  # as the files name them
SECTORS = ("alle", "voedsel", "energie", "gezondheid", "hightech", "maakindustrie")
SLUGS = dict(zip(OOST_NAMES, OOST, strict=True))
YEARS_PER_ROUND = 2  # each round writes 8 quarters x 8 regions x 6 sectors = 384 keys


def _keys(number: int) -> list[tuple[str, str, int, int]]:
    """The keys of round ``number``: (region, sector, year, quarter), in years before the demo
    data (1901 on), so rounds never touch each other's values or the demo's."""
    first = 1901 + YEARS_PER_ROUND * number
    return [
        (r, s, y, q)
        for y in range(first, first + YEARS_PER_ROUND)
        for q in range(1, 5)
        for r in REGIONS
        for s in SECTORS
    ]


@dataclass
class RaceResult:
    rounds: int = 0
    writers: str = ""
    loaded: int = 0
    refused_as_repeat: int = 0
    rollbacks: int = 0
    failures: list[str] = field(default_factory=list)


def race_drill(
    db_path: Path,
    folder: Path,
    rounds: int = 50,
    writers: str = "threads",
    mode: str = "transaction",
    until_failure: bool = False,
) -> RaceResult:
    """``rounds`` rounds of two simultaneous uploads: even rounds the same file, odd rounds
    two files that share a third of their keys. ``writers``: "threads" (two threads, one
    process: one store, two connections) or "processes". ``until_failure``: stop after the
    first round that failed (a broken write path races only now and then)."""
    result = RaceResult(writers=writers)
    with _Writers(db_path, writers, mode) as pair:
        for number in range(rounds):
            files = _round_files(folder, number)
            outcomes = pair.load(files)
            result.rounds += 1
            _check_round(db_path, number, files, outcomes, result)
            if until_failure and result.failures:
                break
    return result


_RANGE = {False: (1, 10**6), True: (5 * 10**6, 6 * 10**6)}  # a sector's values, all sectors'


def _round_files(folder: Path, number: int) -> list[tuple[Path, dict]]:
    """The two files of a round, each with the values it holds per key."""
    rng, keys = random.Random(number), _keys(number)

    def write(name: str, chosen) -> tuple[Path, dict]:
        # plausible (hcdash.checks): all sectors above the five sectors together
        values = {key: float(rng.randint(*_RANGE[key[1] == SECTORS[0]])) for key in chosen}
        path = folder / f"round{number}-{name}.csv"
        path.write_text(
            "indicator;regio;sector;periode;waarde\n"
            + "".join(
                f"vacatures;{r};{s};{y} K{q};{int(v)}\n" for (r, s, y, q), v in values.items()
            )
        )
        return path, values

    if number % 2 == 0:
        same = write("same", keys)
        return [same, same]
    third = len(keys) // 3
    return [write("a", keys[: 2 * third]), write("b", keys[third:])]


def _check_round(db_path: Path, number: int, files, outcomes, result: RaceResult) -> None:
    """The invariant, the history and the values after a round; then roll its uploads back,
    one at a time (later or earlier first), checking the values after each."""
    fail = result.failures.append
    loaded = [
        (o["upload_id"], values)
        for o, (_, values) in zip(outcomes, files, strict=True)
        if "upload_id" in o
    ]
    result.loaded += len(loaded)
    result.refused_as_repeat += sum("already loaded" in o.get("error", "") for o in outcomes)
    others = [o["error"] for o in outcomes if "error" in o and "already loaded" not in o["error"]]
    if others:
        fail(f"round {number}: a writer failed: {others}")
    expected_loads = 1 if files[0][0] == files[1][0] else 2
    if len(loaded) != expected_loads:
        fail(f"round {number}: {len(loaded)} uploads loaded, expected {expected_loads}")
    target = open_store(str(db_path))
    try:
        loaded.sort(key=lambda item: _version(target, item[0]))
        _check_state(target, number, loaded, fail)
        order = loaded[::-1] if number % 4 < 2 else loaded  # later first, or earlier first
        remaining = list(loaded)
        for upload_id, values in order:
            uploads.rollback(target, upload_id)
            result.rollbacks += 1
            remaining.remove((upload_id, values))
            _check_state(target, number, remaining, fail)
    finally:
        target.close()


def _version(target, upload_id: int) -> int:
    with target.reading() as con:
        return con.execute("SELECT version FROM uploads WHERE id = ?", [upload_id]).fetchall()[0][0]


def _check_state(target, number: int, loaded, fail) -> None:
    """One current value per key everywhere; each loaded upload's row count is what it added;
    the round's current values are its loaded uploads applied in the order they were loaded."""
    expected: dict = {}
    for _, values in loaded:
        expected.update({(SLUGS[r], s, y, q): v for (r, s, y, q), v in values.items()})
    first = 1901 + YEARS_PER_ROUND * number
    with target.reading() as con:
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT 1 FROM observations WHERE removed_in IS NULL"
            " GROUP BY indicator, region, sector, period_start, grain HAVING count(*) > 1)"
        ).fetchall()[0][0]
        if doubled:
            fail(f"round {number}: {doubled} keys with more than one current value")
        for upload_id, _ in loaded:
            told, added = con.execute(
                "SELECT u.rows_loaded, (SELECT count(*) FROM observations o WHERE o.upload_id ="
                " u.id AND o.added_in = u.version) FROM uploads u WHERE u.id = ?",
                [upload_id],
            ).fetchall()[0]
            if told != added:
                fail(f"round {number}: upload {upload_id} says {told} values, added {added}")
        current = {
            (r, s, p.year, (p.month + 2) // 3): v
            for r, s, p, v in con.execute(
                "SELECT region, sector, period_start, value FROM observations"
                " WHERE removed_in IS NULL"
                " AND indicator = 'vacatures' AND year(period_start) BETWEEN ? AND ?",
                [first, first + YEARS_PER_ROUND - 1],
            ).fetchall()
        }
    if current != expected:
        wrong = sorted(k for k in set(current) | set(expected) if current.get(k) != expected.get(k))
        fail(f"round {number}: {len(wrong)} values differ from the uploads (e.g. {wrong[:2]})")


WORKER = """
import json, sys
from pathlib import Path
from contextlib import contextmanager, nullcontext
from hcdash import db, ingest
from hcdash.errors import HcdashError
from hcdash.store import open_store

path, mode = sys.argv[1], sys.argv[2]
if mode == "no-transaction":
    @contextmanager
    def no_transaction(con, *_):
        yield con
    db.transaction = no_transaction
options = ingest.Options(author="drill")
for line in sys.stdin:
    file = Path(line.strip())
    target = open_store(path)
    try:
        with target.connection() as con:
            with target.reading(con, snapshot=False, wait=120):
                staged = ingest.prepare(con, file, file.name, options)
            print("ready", flush=True)
            sys.stdin.readline()  # go
            out = {"upload_id": ingest.commit(target, staged, options).upload_id}
    except HcdashError as exc:
        out = {"error": str(exc)}
    finally:
        target.close()
    print(json.dumps(out), flush=True)
"""


class _Writers:
    """Two writers that start a load at the same moment: threads sharing this process's
    store, or two worker processes with stores of their own."""

    def __init__(self, db_path: Path, kind: str, mode: str):
        self.db_path, self.kind, self.mode = db_path, kind, mode
        self.workers: list[subprocess.Popen] = []

    def __enter__(self):
        if self.kind == "processes":
            self.workers = [
                subprocess.Popen(
                    [sys.executable, "-c", WORKER, str(self.db_path), self.mode],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                )
                for _ in range(2)
            ]
        return self

    def __exit__(self, *exc):
        for worker in self.workers:
            worker.stdin.close()
            worker.wait(timeout=60)

    def load(self, files) -> list[dict]:
        """Both writers check their file, then both commit at the same moment."""
        if self.kind == "processes":
            for worker, (path, _) in zip(self.workers, files, strict=True):
                worker.stdin.write(f"{path}\n")
                worker.stdin.flush()
            for worker in self.workers:
                assert worker.stdout.readline() == "ready\n"
            for worker in self.workers:
                worker.stdin.write("go\n")
                worker.stdin.flush()
            return [json.loads(worker.stdout.readline()) for worker in self.workers]
        return self._threads(files)

    def _threads(self, files) -> list[dict]:
        target = open_store(str(self.db_path))
        start, outcomes = threading.Barrier(2), [{}, {}]
        options = ingest.Options(author="drill")

        def load(slot: int, path: Path):
            try:
                with target.connection() as con:
                    with target.reading(con, snapshot=False):
                        staged = ingest.prepare(con, path, path.name, options)
                    start.wait()
                    outcomes[slot] = {"upload_id": ingest.commit(target, staged, options).upload_id}
            except HcdashError as exc:
                outcomes[slot] = {"error": str(exc)}

        try:
            with broken(self.mode):
                threads = [
                    threading.Thread(target=load, args=(i, path))
                    for i, (path, _) in enumerate(files)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
        finally:
            target.close()
        return outcomes


# --- the long forms ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--updates", type=int, default=3, help="uploads in the readers drill")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-drill-") as tmp:
        folder = Path(tmp)
        base = database(folder / "drill.duckdb")
        csv = write_long_csv(folder / "drill.csv", args.rows)
        crash = crash_drill(base, csv, args.kills)
        small = min(args.rows, 500_000)
        reads = readers_drill(
            shutil.copy(base, folder / "readers.duckdb"),
            write_long_csv(folder / "base.csv", small),
            update_files(folder, small, args.updates),
            readers=args.readers,
            seconds=10,
        )
        races = [
            race_drill(
                database(folder / f"race-{kind}.duckdb", bench_indicators=False),
                folder,
                args.rounds,
                kind,
            )
            for kind in ("threads", "processes")
        ]
    publish(report(started, args, crash, reads, races), args.output)


def report(started, args, crash: CrashResult, reads: ReadResult, races) -> str:
    lines = [
        f"Run {started} on {machine()}\n",
        "## Reliability drills\n",
        f"**Crash** ({args.rows:,}-row import, write phase {crash.write_seconds:.2f} s): "
        f"{crash.runs} kills with SIGKILL aimed into the write, {crash.killed_in_write} of them "
        f"before the commit, {crash.killed_after_commit} after it. Afterwards every table was "
        f"exactly as before {crash.as_before} times, exactly as after {crash.as_after} times, "
        f"anything else {len(crash.broken)} times {crash.broken}.\n",
        f"**Readers** ({reads.readers} threads): {reads.reads:,} reads while "
        f"{len(reads.per_state) - 1} uploads replaced {reads.superseded:,} current values in "
        f"all. The reads saw the states before and after each upload "
        f"{' / '.join(f'{n:,}' for n in reads.per_state)} times, and a mix "
        f"{len(reads.mixed)} times {reads.mixed}; {reads.in_commit} reads overlapped the commit "
        f"of an upload (the commits took {', '.join(f'{c:.2f}' for c in reads.commits)} s); "
        f"errors: {len(reads.errors)} {reads.errors}.\n",
    ]
    for race in races:
        lines.append(
            f"**Race** ({race.writers}): {race.rounds} rounds of two simultaneous uploads (the "
            f"same file, or files sharing a third of their keys): {race.loaded} loaded, "
            f"{race.refused_as_repeat} refused as already loaded, {race.rollbacks} rollbacks "
            f"checked value by value; failures: {len(race.failures)} {race.failures[:3]}.\n"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
