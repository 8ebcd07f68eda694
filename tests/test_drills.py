"""Short forms of the reliability drills (the long forms: bench/drills.py)."""

import shutil

import pytest

from bench.make_files import register_bench_indicators, write_long_csv
from hcdash import drills, ingest
from hcdash.db import connect


@pytest.fixture
def bench_db(tmp_path, demo_db):
    path = tmp_path / "drill.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    register_bench_indicators(con)
    con.close()
    return path


def test_killing_an_import_leaves_all_or_nothing(tmp_path, bench_db):
    csv = write_long_csv(tmp_path / "drill.csv", 300_000)
    result = drills.crash_drill(bench_db, csv, runs=3)
    assert result.runs == 3
    assert result.broken == []
    assert result.intact == 3


def test_readers_see_old_or_new_never_a_mix(tmp_path, bench_db):
    csv = write_long_csv(tmp_path / "readers.csv", 50_000)
    con = connect(bench_db)
    probe = drills.CURRENT_PROBE

    def commit(cursor):
        ingest.import_file(cursor, csv, csv.name, ingest.Options(author="drill"))

    result = drills.concurrency_drill(con, commit, probe, readers=10, seconds=2)
    con.close()
    assert result.errors == []
    assert result.mixed == []
    assert result.old > 0 and result.new > 0
