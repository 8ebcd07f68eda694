"""Backup and restore: a round trip gives back every row of every table."""

import pytest

from hcdash import backup, schema, uploads
from hcdash.cli import main
from hcdash.errors import HcdashError
from tests.support.ingest import TABLES
from tests.support.stores import StoreRef


def rows(ref):
    target = ref.open()
    try:
        with target.reading() as con:
            return {
                t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in schema.TABLES
            }
    finally:
        target.close()


def test_round_trip_through_the_command_line(tmp_path, private_ref, capsys):
    target = private_ref.open()
    uploads.rollback(target, 1)  # some history: every demo row removed in version 3
    target.close()
    folder, copy = tmp_path / "backup", tmp_path / "restored.duckdb"
    assert main([*private_ref.args(), "backup", str(folder)]) == 0
    assert main(["--store", str(copy), "restore", str(folder)]) == 0
    assert "Restored" in capsys.readouterr().out
    before, after = rows(private_ref), rows(StoreRef(str(copy)))
    assert set(TABLES) <= set(schema.TABLES)
    for table in schema.TABLES:
        assert after[table] == before[table], table


def test_restore_into_a_new_store_of_this_runs_kind(tmp_path, private_ref, stores, capsys):
    """Into a new file, or (with --store lake) into an empty lake, through a file and a copy
    that compares every table."""
    folder, restored = tmp_path / "backup", stores.empty("restored")
    assert main([*private_ref.args(), "backup", str(folder)]) == 0
    assert main([*restored.args(), "restore", str(folder)]) == 0
    assert "Restored" in capsys.readouterr().out
    before, after = rows(private_ref), rows(restored)
    for table in schema.TABLES:
        assert after[table] == before[table], table
    assert main([*restored.args(), "restore", str(folder)]) == 1  # never over a store's data
    refusal = capsys.readouterr().err
    assert "exists; restore into a new database" in refusal or "holds uploads already" in refusal


def test_refusals(tmp_path, demo_store):
    folder = tmp_path / "backup"
    backup.backup(demo_store, folder)
    with pytest.raises(HcdashError, match="not empty"):
        backup.backup(demo_store, folder)
    (tmp_path / "there.duckdb").write_bytes(b"")
    with pytest.raises(HcdashError, match="exists; restore into a new database"):
        backup.restore(tmp_path / "there.duckdb", folder)
    with pytest.raises(HcdashError, match="holds no hcdash backup"):
        backup.restore(tmp_path / "new.duckdb", tmp_path)


def test_copy_compares_every_table_and_says_when_one_differs(tmp_path, demo_store, monkeypatch):
    good = StoreRef(str(tmp_path / "copy.duckdb")).open()
    try:
        counts = backup.copy(demo_store, good)
    finally:
        good.close()
    assert counts["observations"] == 9408 and counts["regions"] == 39
    copy_one = backup._copy_tables

    def forgets_the_uploads(src, dst):
        copy_one(src, dst)
        dst.execute("DELETE FROM uploads")

    monkeypatch.setattr(backup, "_copy_tables", forgets_the_uploads)
    broken = StoreRef(str(tmp_path / "broken.duckdb")).open()
    try:
        with pytest.raises(HcdashError, match="the copy differs from the source in uploads"):
            backup.copy(demo_store, broken)
    finally:
        broken.close()
