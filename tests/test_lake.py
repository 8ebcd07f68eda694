"""The shared store's own commands: copying a whole store between the two shapes, and upkeep."""

import pytest

from hcdash import backup, store
from hcdash.cli import main
from hcdash.errors import HcdashError
from tests.conftest import new_store
from tests.stores import StoreRef

pytestmark = pytest.mark.lake_only("copies between a file and a lake, and lake upkeep")


def fingerprints(ref: StoreRef) -> dict:
    target = ref.open()
    try:
        with target.reading() as con:
            return backup.fingerprint(con)
    finally:
        target.close()


def observation_files(con) -> int:
    return len(con.execute("FROM ducklake_list_files('store', 'observations')").fetchall())


def test_copy_a_file_to_a_lake_and_back_with_every_table_equal(tmp_path, stores, capsys):
    source = StoreRef(str(tmp_path / "source.duckdb"))
    made = new_store(source.path, with_demo=True)
    store.rollback(made, 1)  # history too: removed rows, a rolled-back upload
    made.close()
    occupied = stores.new("occupied", with_demo=True)
    before = fingerprints(occupied)
    source_store, occupied_store = source.open(), occupied.open()
    try:
        with pytest.raises(HcdashError, match="holds uploads already"):
            backup.copy(source_store, occupied_store)
    finally:
        source_store.close()
        occupied_store.close()
    assert fingerprints(occupied) == before
    fresh = stores.new("copy_lake")  # schema and reference data; the copy replaces them
    assert main([*source.args(), "copy", "--to", fresh.spec, "--data-path", fresh.data_path]) == 0
    assert "every table compared equal" in capsys.readouterr().out
    back = tmp_path / "back.duckdb"
    assert main([*fresh.args(), "copy", "--to", str(back)]) == 0
    assert fingerprints(source) == fingerprints(fresh) == fingerprints(StoreRef(str(back)))
    with pytest.raises(SystemExit):
        main([*fresh.args(), "copy"])  # --to is required
    assert main([*fresh.args(), "copy", "--to", str(back)]) == 1  # never over an existing file


def test_maintain_merges_small_files_and_rollback_still_reaches_back(private_ref, tmp_path):
    target = private_ref.open()
    try:
        for number in range(12):  # each more rows than DuckLake keeps in its catalog: a file
            path = tmp_path / f"m{number}.csv"
            rows = [f"vacatures;Twente;alle;{2031 + row} K1;{number}\n" for row in range(12)]
            path.write_text("indicator;regio;sector;periode;waarde\n" + "".join(rows))
            assert main([*private_ref.args(), "import", str(path)]) == 0
        with target.reading() as con:
            before = backup.fingerprint(con)
            files_before = observation_files(con)
        assert main([*private_ref.args(), "maintain", "--keep-days", "0"]) == 0
        with target.reading() as con:
            assert backup.fingerprint(con) == before  # the data are the same
            files_after = observation_files(con)
        assert files_after < files_before
        store.rollback(target, 2)  # the oldest file upload, before every snapshot kept
        with target.reading() as con:
            assert con.execute(
                "SELECT value FROM observations WHERE removed_in IS NULL AND region = 'twente'"
                " AND indicator = 'vacatures' AND period_start = DATE '2031-01-01'"
            ).fetchall() == [(11.0,)]
    finally:
        target.close()
