"""A lake replica's local copy (localcopy.py): reads use it only while it holds the lake's
current snapshot; a new snapshot is read from the lake until a new copy is made."""

import shutil
from pathlib import Path

import duckdb
import pytest

from hcdash import backup, stand, uploads
from hcdash.store import STORE, localcopy
from hcdash.store.localcopy import COPY_PREFIX, LocalCopy
from tests.support.stores import StoreRef

pytestmark = pytest.mark.lake_only("a lake replica's local copy of the lake")


def source(target) -> str:
    """What a read session of ``target`` reads now: the lake, or a copy."""
    with target.reading() as con:
        return con.execute("SELECT current_database()").fetchall()[0][0]


def copies(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"{COPY_PREFIX}*"))


def fingerprint(target, **options) -> dict:
    with target.reading(**options) as con:
        return backup.fingerprint(con)


def test_reads_use_the_copy_of_the_current_snapshot_and_the_lake_after_a_change(
    private_ref: StoreRef, tmp_path
):
    folder = tmp_path / "copies"
    target = private_ref.open(local_copy=folder)
    try:
        assert source(target) == STORE  # no copy yet: the lake, and a copy is started
        target.local_copy.wait()
        assert target.local_copy.made == 1
        on_copy = source(target)
        assert on_copy.startswith("copy_")
        assert fingerprint(target) == fingerprint(target, local=False)  # every table equal
        # nothing on the copy can be changed
        with target.reading() as con, pytest.raises(duckdb.Error, match="read-only"):
            con.execute("DELETE FROM observations")

        uploads.rollback(target, 1)  # a new snapshot: read from the lake at once
        assert source(target) == STORE
        with target.reading() as con:
            assert con.execute("SELECT status FROM uploads WHERE id = 1").fetchall() == [
                ("rolled_back",)
            ]
        target.local_copy.wait()
        assert source(target) not in (STORE, on_copy)
        assert fingerprint(target) == fingerprint(target, local=False)
        assert len(copies(folder)) == 1  # the older copy's file is gone
    finally:
        target.close()

    again = private_ref.open(local_copy=folder)  # a restarted replica: the file it left
    try:
        assert source(again).startswith("copy_")
        assert again.local_copy.made == 0
    finally:
        again.close()


def test_a_pinned_view_reads_the_copy_as_it_reads_the_lake(private_ref: StoreRef, tmp_path):
    target = private_ref.open(local_copy=tmp_path / "copies")
    try:
        source(target)
        target.local_copy.wait()
        seen = {}
        for local in (True, False):
            with target.reading(local=local) as con:
                stand.pin(con, 2)
                seen[local] = con.execute(  # exact sums: the copy keeps rows in another order
                    "SELECT count(*), sum(CAST(value AS DECIMAL(38, 6))) FROM observations"
                    " WHERE removed_in IS NULL"
                ).fetchall()
                stand.unpin(con)
        assert seen[True] == seen[False]
    finally:
        target.close()


def copy_of_a_lake(stores, folder) -> Path:
    """The file of a local copy of a new demo lake."""
    first = stores.new("first", with_demo=True)
    target = first.open(local_copy=folder)
    try:
        source(target)
        target.local_copy.wait()
        (made,) = target.local_copy.folder.glob(f"{COPY_PREFIX}*")
        return made
    finally:
        target.close()


def put_at_current_snapshot(made: Path, other) -> None:
    """Put the copy ``made`` into ``other``'s folder as a copy of its current snapshot."""
    with other.reading(local=False) as con:
        current = con.execute(f"SELECT id FROM {STORE}.current_snapshot()").fetchall()[0][0]
    other.local_copy.folder.mkdir(parents=True)
    shutil.copy(made, other.local_copy.folder / f"{COPY_PREFIX}{current}.duckdb")


def test_a_copy_of_another_lake_under_the_same_name_is_not_used(stores, tmp_path):
    """A copy names the snapshot it holds and when the lake made it: a lake made anew at the
    same place counts snapshots from the start again, and its copy must not be taken for it."""
    made = copy_of_a_lake(stores, tmp_path / "copies")
    second = stores.new("second", with_demo=True)
    other = second.open(local_copy=tmp_path / "copies")
    try:
        put_at_current_snapshot(made, other)
        assert source(other) == STORE  # refused, removed, and a copy of its own started
        other.local_copy.wait()
        assert source(other).startswith("copy_")
        assert other.local_copy.made == 1
        assert fingerprint(other) == fingerprint(other, local=False)
    finally:
        other.close()


def test_without_the_check_a_copy_of_another_lake_would_be_read(stores, tmp_path, monkeypatch):
    """The check above can fail: without it, the other lake's copy is read, and it differs."""
    made = copy_of_a_lake(stores, tmp_path / "copies")
    second = stores.new("second", with_demo=True)
    store_two = second.open()
    uploads.rollback(store_two, 1)  # the other lake differs in one upload
    store_two.close()
    attach = LocalCopy._attach
    monkeypatch.setattr(
        LocalCopy, "_attach", lambda self, snapshot, con=None: attach(self, snapshot)
    )
    other = second.open(local_copy=tmp_path / "copies")
    try:
        put_at_current_snapshot(made, other)
        assert source(other).startswith("copy_")
        assert fingerprint(other) != fingerprint(other, local=False)
    finally:
        other.close()


def test_without_the_snapshot_check_a_replica_would_show_old_data(
    private_ref: StoreRef, tmp_path, monkeypatch
):
    """The check that keeps uploads elsewhere visible at once can fail: a replica that takes
    its copy for current shows a rolled-back upload as loaded."""
    target = private_ref.open(local_copy=tmp_path / "copies")
    try:
        source(target)
        target.local_copy.wait()
        with target.reading(local=False) as con:
            made_from = localcopy.current_snapshot(con)
        uploads.rollback(target, 1)  # a new snapshot, which the copy does not hold
        monkeypatch.setattr(localcopy, "current_snapshot", lambda con: made_from)
        with target.reading() as con:
            assert con.execute("SELECT status FROM uploads WHERE id = 1").fetchall() == [
                ("loaded",)
            ]
    finally:
        target.close()
