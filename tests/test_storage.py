"""The store's sessions: bounded waits that say what they wait for, writers that get in beside a
lingering reader, conflicts retried, and the checks that make this work shown to matter."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from hcdash import db
from hcdash.errors import ConflictError, DatabaseError, DatabaseLockedError
from hcdash.store import base, embedded, open_store
from hcdash.store.embedded import Writers
from tests.conftest import ROOT, held_by_other_process, new_store

HCDASH = str(Path(sys.executable).parent / "hcdash")
FILE_ONLY = pytest.mark.embedded_only("the embedded file's locks, markers and waits")


@pytest.fixture
def path(private_ref):
    return private_ref.path


def cli(path: Path, *args: str, wait: float = 10) -> subprocess.CompletedProcess:
    return subprocess.run(
        [HCDASH, "--db", str(path), "--wait", str(wait), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@FILE_ONLY
def test_a_plain_lock_holder_makes_a_read_wait_and_then_fail_clearly(path):
    heard = []
    store = open_store(str(path))
    try:
        with held_by_other_process(path) as pid:
            started = time.monotonic()
            with (
                pytest.raises(DatabaseLockedError) as caught,
                store.reading(wait=0.5, on_wait=heard.append),
            ):
                pass
            assert time.monotonic() - started < 5
    finally:
        store.close()
    assert [str(w) for w in heard] == [
        f"waiting for python -c … (PID {pid}) to release the database…"
    ]
    assert f"was still in use after 0.5 s (waiting for python -c … (PID {pid})" in str(caught.value)


@FILE_ONLY
def test_commands_get_in_beside_a_lingering_reader(path):
    """As beside the dashboard: this process keeps the file attached read-only between reads.
    Readers elsewhere share it; a writer elsewhere gets in because we let go at its marker."""
    store = open_store(str(path), linger=60)
    try:
        with store.reading() as con:
            before = con.execute("SELECT count(*) FROM uploads").fetchall()[0][0]
        assert store.attached() == "ro"  # lingering
        info = cli(path, "info")
        assert info.returncode == 0, info.stderr
        assert store.attached() == "ro"  # a reader elsewhere did not need us to let go
        rolled = cli(path, "rollback", "1")
        assert rolled.returncode == 0, rolled.stderr
        with store.reading() as con:
            assert con.execute("SELECT count(*) FROM uploads").fetchall()[0][0] == before
            assert con.execute("SELECT status FROM uploads WHERE id = 1").fetchall() == [
                ("rolled_back",)
            ]
    finally:
        store.close()


@FILE_ONLY
def test_without_the_marker_a_lingering_reader_keeps_writers_out(path, monkeypatch):
    """The check that lets writers in is the marker: ignore it, and the write elsewhere times
    out while we linger (this is what the test above relies on)."""
    monkeypatch.setattr(Writers, "others", lambda self: None)
    store = open_store(str(path), linger=60)
    try:
        with store.reading():
            pass
        result = cli(path, "rollback", "1", wait=1)
        assert result.returncode == 1
        assert "was still in use after 1 s" in result.stderr, result.stderr
    finally:
        store.close()


@FILE_ONLY
def test_a_reader_waits_for_a_write_elsewhere_and_then_sees_it(path):
    """A write in another process (it holds the file while it writes): our read waits with a
    notice naming it, then reads the result."""
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        heard = []
        store = open_store(str(path))
        try:
            with store.reading(wait=30, on_wait=heard.append) as con:
                status = con.execute("SELECT status FROM uploads WHERE id = 1").fetchall()
        finally:
            store.close()
    finally:
        writer.wait(timeout=60)
    assert status == [("rolled_back",)]
    assert heard and str(heard[0]).startswith("waiting for a write to finish: slow rollback (PID ")


SLOW_WRITE = """
import sys, time
from hcdash import uploads
from hcdash.store import open_store
target = open_store(sys.argv[1], who="slow rollback")
def work(change):
    print("writing", flush=True)
    time.sleep(1.5)
    return uploads._rollback(change, 1)
target.write(work)
"""


def test_a_write_inside_a_read_session_of_the_same_thread_is_refused(private_ref):
    store = private_ref.open()
    try:
        with store.reading(), pytest.raises(RuntimeError, match="inside a read session"):
            store.write(lambda change: None)
    finally:
        store.close()


def test_conflicts_are_retried_then_refused_clearly(private_ref, monkeypatch):
    attempts = []

    def always_conflicting(con):
        attempts.append(1)
        raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")

    monkeypatch.setattr(base, "bump_version", always_conflicting)
    monkeypatch.setattr(base, "RETRY_PAUSE_SECONDS", 0.001)
    store = private_ref.open()
    try:
        with pytest.raises(ConflictError, match="nothing was changed after 6 attempts"):
            store.write(lambda change: None)
    finally:
        store.close()
    assert len(attempts) == base.WRITE_ATTEMPTS == 6


def test_two_writers_in_one_process_both_commit(private_ref):
    """The second writer meets the first on the version row (embedded: at once; lake: at its
    commit) and is retried until it is done."""
    store = private_ref.open()
    versions = []

    def work(change):
        versions.append(change.version)
        time.sleep(0.3)  # hold the version row while the other one tries

    try:
        with store.reading() as con:
            start = base.version(con)
        threads = [threading.Thread(target=store.write, args=(work,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with store.reading() as con:
            final = base.version(con)
    finally:
        store.close()
    assert final == start + 2
    assert set(versions) == {start + 1, start + 2}


@FILE_ONLY
def test_a_file_written_by_duckdb_2_says_how_to_convert_it(tmp_path):
    path = tmp_path / "new.duckdb"
    path.write_bytes((ROOT / "tests" / "data" / "duckdb2-header.bin").read_bytes())
    with pytest.raises(
        DatabaseError, match=r"written by DuckDB 2\.x; this hcdash uses DuckDB 1\.5\.5"
    ):
        new_store(path)


@FILE_ONLY
def test_one_store_object_per_file_and_process(path):
    first, second = open_store(str(path)), open_store(str(path.parent / "." / path.name))
    assert first is second
    first.close()
    with second.reading() as con:  # still open: the second user has not closed it
        assert con.execute("SELECT 1").fetchall() == [(1,)]
    second.close()


def test_lock_holder_names_the_dashboard():
    assert db.process_name(999_999_999, "python3") == "python3 (PID 999999999)"


# --- the commit gate: no read transaction of a process overlaps a commit of that process -----


def in_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_commit_waits_for_running_reads_and_new_reads_wait_for_the_commit():
    gate, order = embedded.CommitGate("the test store"), []
    reading, committing, go = threading.Event(), threading.Event(), threading.Event()

    def first_read():
        with gate.reading():
            reading.set()
            go.wait(5)
            order.append("first read ends")

    def commit():
        with gate.commit():
            committing.set()
            order.append("commit")
            time.sleep(0.2)
            order.append("commit ends")

    def later_read():
        with gate.reading():
            order.append("later read")

    reader = in_thread(first_read)
    reading.wait(5)
    writer = in_thread(commit)
    time.sleep(0.2)
    assert not committing.is_set()  # the commit waits for the running read
    later = in_thread(later_read)
    time.sleep(0.2)
    assert order == []  # and a waiting commit lets no new read in
    go.set()
    for thread in (reader, writer, later):
        thread.join(5)
    assert order == ["first read ends", "commit", "commit ends", "later read"]


def test_the_gates_waits_are_bounded_and_say_why():
    gate, reading, done = (
        embedded.CommitGate("the test store"),
        threading.Event(),
        threading.Event(),
    )

    def hold():
        with gate.reading():
            reading.set()
            done.wait(5)

    holder = in_thread(hold)
    reading.wait(5)
    refused = pytest.raises(DatabaseLockedError, match="pages of this process to finish reading")
    with refused, gate.commit(wait=0.2):
        pass
    done.set()
    holder.join(5)
    with gate.reading(wait=0.2):  # the refused commit left the gate open
        pass


def test_a_thread_that_reads_may_read_again_while_a_commit_waits():
    """A page that opens a second read session while a commit waits for its first goes on;
    waiting would keep both the page and the commit waiting until their bounds."""
    gate, reading, nested = embedded.CommitGate("the test store"), threading.Event(), []

    def page():
        with gate.reading():
            reading.set()
            time.sleep(0.2)  # the commit is waiting now
            with gate.reading(wait=1):
                nested.append("read again")

    thread = in_thread(page)
    reading.wait(5)
    with gate.commit(wait=5):
        assert nested == ["read again"]
    thread.join(5)


def three_changed_values(con):
    """Three current values of the store, each one more: a write that supersedes three rows."""
    return con.execute(
        "SELECT indicator, region, sector, period_start, grain, value + 1 AS value,"
        " provisional FROM observations WHERE removed_in IS NULL"
        " ORDER BY indicator, region, sector, period_start, grain LIMIT 3"
    ).df()


def test_the_one_current_value_check_refuses_a_write_that_would_break_it(
    private_store, monkeypatch
):
    """The store has no constraint that could keep a key to one current value (the lake has no
    constraints at all): the check in the write does. Here the supersede step is undone just
    before the check, so the write would leave two current values for a key: it is refused,
    and nothing of it stays."""
    from hcdash import backup, uploads
    from hcdash.errors import IntegrityError

    with private_store.reading() as con:
        frame = three_changed_values(con)
        before = backup.fingerprint(con)

    def meta(name: str) -> uploads.UploadMeta:
        sha256 = uploads.frame_sha256(frame) + name  # the same values, another file
        return uploads.UploadMeta("file", name, sha256, None, "test", len(frame))

    _undone_supersede(monkeypatch, "observations")
    with pytest.raises(IntegrityError, match=r"observations: 2 current values for .*nothing"):
        uploads.load_observations(private_store, frame, meta("broken.csv"))
    with private_store.reading() as con:
        assert backup.fingerprint(con) == before  # not a row, upload or version of it stayed

    monkeypatch.undo()
    loaded = uploads.load_observations(private_store, frame, meta("sound.csv"))  # the same write
    assert (loaded.new, loaded.changed) == (0, len(frame))
    with private_store.reading() as con:
        assert backup.fingerprint(con) != before
        counted = "SELECT rows_read, rows_loaded, rows_rejected FROM uploads WHERE id = ?"
        assert con.execute(counted, [loaded.upload_id]).fetchall() == [(3, 3, 0)]
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT 1 FROM observations WHERE removed_in IS NULL"
            " GROUP BY indicator, region, sector, period_start, grain HAVING count(*) > 1)"
        ).fetchall()
    assert doubled == [(0,)]


def test_a_connection_is_closed_only_once_it_holds_no_transaction():
    """base.Engine closes a connection when a ROLLBACK shows it holds nothing, or ends what
    it held (if DuckDB's wording of "nothing to roll back" changed, every connection would be
    kept, unclosed); a connection of a failed engine is kept, since closing it could end the
    process."""
    engine = base.Engine({})
    idle, holding = engine.cursor(), engine.cursor()
    holding.execute("BEGIN TRANSACTION")
    for con in (idle, holding):
        engine.release(con)
        with pytest.raises(duckdb.ConnectionException, match="already closed"):
            con.execute("SELECT 1")
    kept = engine.cursor()
    engine.fail()
    engine.release(kept)
    assert kept.execute("SELECT 1").fetchall() == [(1,)]


def _undone_supersede(monkeypatch, table: str) -> None:
    """Break a write the way a lost supersede step would: once its new rows are in, its old
    rows of ``table`` are made current again, just before the one-current-value check."""
    from hcdash import uploads

    insert_upload = uploads._insert_upload

    def supersede_undone(change, *args):
        insert_upload(change, *args)
        change.con.execute(
            f"UPDATE {table} SET removed_in = NULL WHERE removed_in = ?", [change.version]
        )

    monkeypatch.setattr(uploads, "_insert_upload", supersede_undone)


def _current_doubles(con, table: str, keys: str) -> int:
    """Keys of ``table`` with more than one current row: plain SQL, beside the store's check."""
    return con.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE removed_in IS NULL"
        f" GROUP BY {keys} HAVING count(*) > 1)"
    ).fetchall()[0][0]


def test_the_one_current_value_check_refuses_a_register_write_that_would_break_it(
    private_store, monkeypatch
):
    """The same check on the register's write: two organisations loaded again, with the
    supersede step of their old records undone, is refused whole."""
    from hcdash import backup, uploads
    from hcdash.errors import IntegrityError

    with private_store.reading() as con:
        data = [
            c
            for (c, *_) in con.execute("DESCRIBE organisations").fetchall()
            if c not in ("upload_id", "added_in", "removed_in")
        ]
        frame = con.execute(
            f"SELECT {', '.join(data)} FROM organisations WHERE removed_in IS NULL"
            " ORDER BY slug LIMIT 2"
        ).df()
        before = backup.fingerprint(con)
    assert len(frame) == 2

    def meta(name: str) -> uploads.UploadMeta:
        return uploads.UploadMeta("file", name, f"sha-{name}", None, "test", len(frame))

    _undone_supersede(monkeypatch, "organisations")
    with pytest.raises(IntegrityError, match=r"organisations: 2 current values for .*nothing"):
        uploads.load_register(private_store, "organisations", frame, meta("broken.csv"))
    with private_store.reading() as con:
        assert backup.fingerprint(con) == before

    monkeypatch.undo()  # the sound write of the same records passes the check
    uploads.load_register(private_store, "organisations", frame, meta("sound.csv"))
    with private_store.reading() as con:
        assert backup.fingerprint(con) != before
        assert _current_doubles(con, "organisations", "slug") == 0


def test_the_one_current_value_check_refuses_a_rollback_that_would_break_it(
    private_store, monkeypatch
):
    """And on rollback: an upload that superseded three values is rolled back with the step
    that ends its own rows made to end none, so the restored old values would stand beside
    them. The rollback is refused whole: the upload stays loaded and the store as it was."""
    from hcdash import backup, uploads
    from hcdash.errors import IntegrityError

    with private_store.reading() as con:
        frame = three_changed_values(con)
    meta = uploads.UploadMeta(
        "file", "newer.csv", uploads.frame_sha256(frame), None, "test", len(frame)
    )
    loaded = uploads.load_observations(private_store, frame, meta)
    assert (loaded.new, loaded.changed) == (0, 3)
    with private_store.reading() as con:
        before = backup.fingerprint(con)

    remove = uploads._remove

    def ends_nothing(con, table, version, **kwargs):  # counts the rows, ends none of them
        selected = remove(con, table, version, **kwargs)
        con.execute(f"UPDATE {table} SET removed_in = NULL WHERE removed_in = ?", [version])
        return selected

    monkeypatch.setattr(uploads, "_remove", ends_nothing)
    with pytest.raises(IntegrityError, match=r"observations: 2 current values for .*nothing"):
        uploads.rollback(private_store, loaded.upload_id)
    with private_store.reading() as con:
        assert backup.fingerprint(con) == before
        status = con.execute("SELECT status FROM uploads WHERE id = ?", [loaded.upload_id])
        assert status.fetchall() == [("loaded",)]

    monkeypatch.undo()  # the sound rollback passes the check
    assert uploads.rollback(private_store, loaded.upload_id) == {"removed": 3, "restored": 3}
    with private_store.reading() as con:
        assert _current_doubles(con, "observations", OBSERVATION_KEYS) == 0


OBSERVATION_KEYS = "indicator, region, sector, period_start, grain"
