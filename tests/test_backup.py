"""Backup and restore: a round trip gives back every row of every table."""

import shutil

import pytest

from hcdash import backup
from hcdash.cli import main
from hcdash.db import connect
from hcdash.errors import HcdashError
from tests.ingest_support import TABLES


def rows(path):
    con = connect(path)
    try:
        every = {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in backup.TABLES
        }
        next_id = con.execute("SELECT nextval('upload_ids')").fetchall()[0][0]
    finally:
        con.close()
    return every, next_id


def test_round_trip_through_the_command_line(tmp_path, demo_db, capsys):
    original = tmp_path / "original.duckdb"
    shutil.copy(demo_db, original)
    con = connect(original)
    con.execute("UPDATE observations SET superseded_by = 1 WHERE rowid < 5")  # some history
    con.close()
    folder, copy = tmp_path / "backup", tmp_path / "restored.duckdb"
    assert main(["--db", str(original), "backup", str(folder)]) == 0
    assert main(["--db", str(copy), "restore", str(folder)]) == 0
    assert "Restored" in capsys.readouterr().out
    (before, next_before), (after, next_after) = rows(original), rows(copy)
    assert set(TABLES) <= set(backup.TABLES)
    for table in backup.TABLES:
        assert after[table] == before[table], table
    assert next_after == next_before  # new uploads keep unique ids


def test_refusals(tmp_path, demo_db):
    folder = tmp_path / "backup"
    con = connect(demo_db)
    try:
        backup.backup(con, folder)
        with pytest.raises(HcdashError, match="not empty"):
            backup.backup(con, folder)
    finally:
        con.close()
    with pytest.raises(HcdashError, match="exists; restore into a new database"):
        backup.restore(demo_db, folder)
    with pytest.raises(HcdashError, match="holds no hcdash backup"):
        backup.restore(tmp_path / "new.duckdb", tmp_path)
