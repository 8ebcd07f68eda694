import pytest

from hcdash.db import connect
from hcdash.errors import DatabaseError, DatabaseLockedError
from tests.conftest import held_by_other_process


@pytest.fixture
def held_db(tmp_path):
    path = tmp_path / "held.duckdb"
    connect(path).close()
    with held_by_other_process(path) as pid:
        yield path, pid


def test_lock_held_by_another_process_is_one_readable_line(held_db):
    path, pid = held_db
    with pytest.raises(DatabaseLockedError) as caught:
        connect(path)
    message = str(caught.value)
    assert "in use by another process" in message
    assert f"PID {pid}" in message
    assert "\n" not in message


def test_read_only_missing_file_is_a_database_error(tmp_path):
    with pytest.raises(DatabaseError):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(DatabaseError, match="cannot open"):
        connect(path)


def test_creates_parent_folder(tmp_path):
    path = tmp_path / "nested" / "deeper" / "x.duckdb"
    connect(path).close()
    assert path.exists()
    connect(path).close()
