import duckdb
import pytest

from hcdash import reference
from hcdash.errors import DatabaseError
from hcdash.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    apply_migrations,
    ensure_schema,
    for_lake,
    schema_version,
)
from tests.conftest import new_store
from tests.support.stores import StoreRef


def rows(path, sql):
    return StoreRef(str(path)).rows(sql)


def test_new_database_is_at_latest_version(empty_db):
    assert schema_version(empty_db) == LATEST_VERSION
    versions = [v for (v,) in empty_db.execute("SELECT version FROM schema_version").fetchall()]
    assert versions == [m.version for m in MIGRATIONS]


def test_reference_data_is_seeded(empty_db):
    rows = empty_db.execute(
        "SELECT slug, code, level, parent FROM regions WHERE level = 'arbeidsmarktregio'"
        " AND parent <> 'nederland'"
    ).fetchall()
    assert {(slug, code) for slug, code, _, _ in rows} == {
        ("twente", "AM05"),
        ("regio-zwolle", "AM36"),
        ("stedendriehoek", "AM06"),
        ("midden-gelderland", "AM07"),
        ("rijk-van-nijmegen", "AM08"),
        ("achterhoek", "AM09"),
        ("rivierenland", "AM10"),
        ("foodvalley", "AM38"),
    }
    assert {parent for *_, parent in rows} == {"gelderland", "overijssel"}
    sectors = {s for (s,) in empty_db.execute("SELECT slug FROM sectors").fetchall()}
    assert sectors == {"voedsel", "energie", "gezondheid", "hightech", "maakindustrie", "alle"}
    aliases = empty_db.execute("SELECT aliases FROM regions WHERE slug = 'foodvalley'").fetchall()[
        0
    ]
    assert "Food Valley" in aliases[0]


def test_reopening_is_idempotent(tmp_path):
    path = tmp_path / "twice.duckdb"
    new_store(path).close()
    store = new_store(path)
    assert ensure_schema(store) == []
    with store.writing() as con:
        assert apply_migrations(con) == []
    store.close()
    assert rows(path, "SELECT count(*) FROM schema_version") == [(LATEST_VERSION,)]
    national = len(reference.national_regions()) - 8 + 1  # the other 27, and the Netherlands
    assert rows(path, "SELECT count(*) FROM regions") == [(len(reference.REGIONS) + national,)]


def test_migrates_an_existing_file_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    assert apply_migrations(old, up_to=1) == [1]
    old.execute(
        "INSERT INTO uploads (kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, author, status) VALUES ('file', 'a.csv', 'abc', 'UWV', 1, 1, 0, 'x',"
        " 'loaded')"
    )
    old.execute(
        "INSERT INTO observations VALUES"
        " ('vacatures', 'twente', 'alle', DATE '2024-01-01', 'quarter', 123, false, 1, NULL)"
    )
    old.close()

    new_store(path).close()
    assert rows(path, "SELECT max(version) FROM schema_version") == [(LATEST_VERSION,)]
    # the upload is version 1 and its value current from then on
    assert rows(path, "SELECT value, added_in, removed_in FROM observations") == [(123.0, 1, None)]
    assert rows(path, "SELECT id, version FROM uploads") == [(1, 1)]
    assert rows(path, "SELECT version FROM store_version") == [(2,)]  # + the migration's own
    assert rows(path, "SELECT count(*) FROM indicators") == [
        (
            len(reference.INDICATORS)
            + len(reference.DUO_INDICATORS)
            + len(reference.SOURCE_INDICATORS),
        )
    ]


def test_failed_migration_leaves_no_trace(tmp_path, monkeypatch):
    from hcdash import migrations

    def broken(con):
        con.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    path = tmp_path / "broken.duckdb"
    new_store(path).close()
    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        (*migrations.MIGRATIONS, migrations.Migration(LATEST_VERSION + 1, "broken", broken)),
    )
    con = duckdb.connect(str(path))
    with pytest.raises(RuntimeError):
        migrations.apply_migrations(con, up_to=LATEST_VERSION + 1)
    assert schema_version(con) == LATEST_VERSION
    tables = {
        t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert "half_done" not in tables
    con.close()


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    new_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version, description) VALUES (999, 'future')")
    con.close()
    with pytest.raises(DatabaseError, match="schema version 999"):
        new_store(path)


def test_history_of_an_old_file_becomes_versions(tmp_path):
    """Uploads and rollbacks of a file from before store versions are numbered in the order
    they happened, and superseded rows end where their successor began."""
    path = tmp_path / "history.duckdb"
    old = duckdb.connect(str(path))
    apply_migrations(old, up_to=5)
    old.execute(
        "INSERT INTO uploads (kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, author, status, uploaded_at, rolled_back_at) VALUES"
        " ('file', 'a', 'a', 'x', 1, 1, 0, 'x', 'loaded', '2026-01-01', NULL),"
        " ('file', 'b', 'b', 'x', 1, 1, 0, 'x', 'rolled_back', '2026-01-02', '2026-01-04'),"
        " ('file', 'c', 'c', 'x', 1, 1, 0, 'x', 'loaded', '2026-01-03', NULL)"
    )
    old.execute(
        "INSERT INTO observations VALUES"
        " ('vacatures', 'twente', 'alle', DATE '2024-01-01', 'quarter', 1, false, 1, 3),"
        " ('vacatures', 'twente', 'alle', DATE '2024-01-01', 'quarter', 3, false, 3, NULL)"
    )
    old.close()
    new_store(path).close()
    assert rows(path, "SELECT id, version, rolled_back_version FROM uploads ORDER BY id") == [
        (1, 1, None),
        (2, 2, 4),
        (3, 3, None),
    ]
    assert rows(path, "SELECT value, added_in, removed_in FROM observations ORDER BY value") == [
        (1.0, 1, 3),
        (3.0, 3, None),
    ]


def test_ddl_for_the_lake_leaves_out_what_ducklake_lacks():
    ddl = for_lake(
        "CREATE TABLE t (\n    slug VARCHAR PRIMARY KEY,\n    n INTEGER NOT NULL CHECK (n > (0)),"
        "\n    id INTEGER DEFAULT nextval('ids'),\n    CHECK ((n = 1) = (slug IS NULL)),"
        "\n    PRIMARY KEY (slug, n)\n)"
    )
    assert ddl == (
        "CREATE TABLE t (\n    slug VARCHAR ,\n    n INTEGER NOT NULL ,\n    id INTEGER\n)"
    )
    assert for_lake("CREATE SEQUENCE ids START 1") == ""


def test_the_netherlands_is_reference_data(empty_db):
    from hcdash import queries

    assert len(queries.Reader(empty_db).member_regions("nederland")) == 35
    assert empty_db.execute("SELECT count(*) FROM gemeente_regions").fetchall() == [(342,)]
    # Deventer (0150) lies in Veluwe Stedendriehoek, Mook en Middelaar (0944) in Rijk van Nijmegen
    assert dict(
        empty_db.execute(
            "SELECT gemeente, region FROM gemeente_regions WHERE gemeente IN ('0150', '0944')"
        ).fetchall()
    ) == {"0150": "stedendriehoek", "0944": "rijk-van-nijmegen"}
    codes = {
        c
        for (c,) in empty_db.execute(
            "SELECT code FROM regions WHERE level = 'arbeidsmarktregio'"
        ).fetchall()
    }
    assert len(codes) == 35 and "AM38" in codes and "AM31" not in codes
