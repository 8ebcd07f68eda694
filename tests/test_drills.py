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


def test_ten_apptest_sessions_read_while_an_upload_commits(tmp_path, demo_db, monkeypatch):
    """Ten dashboard sessions (AppTest, in threads) keep rendering the Overzicht while an
    analyst's upload commits: no errors, and each shows the old or the new figure.

    The sessions take turns (a lock): AppTest's page registry is shared by the process, and
    two AppTest runs at once sometimes fail st.page_link with "Could not find page" (a test
    harness race, 1 in 4 runs here). The upload still commits while a session renders."""
    import threading
    import time

    from streamlit.testing.v1 import AppTest

    from hcdash.format import number
    from hcdash.ui.auth import Analyst
    from hcdash.ui.data import write_cursor
    from tests.conftest import ROOT

    db = tmp_path / "sessions.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("HCDASH_DB", str(db))
    regions = ["Twente", "Regio Zwolle", "Veluwe Stedendriehoek", "Midden-Gelderland",
               "Rijk van Nijmegen", "Achterhoek", "Rivierenland", "FoodValley"]  # fmt: skip
    csv = tmp_path / "vacatures.csv"
    csv.write_text("indicator;regio;sector;periode;waarde\n"
                   + "".join(f"vacatures;{r};alle;2026 K3;1000\n" for r in regions))  # fmt: skip
    done, seen, errors, turn = threading.Event(), [], [], threading.Lock()

    def session():
        try:
            while not done.is_set():
                with turn:
                    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
                if at.exception:
                    errors.append(str(at.exception[0].value))
                else:
                    seen.append(at.metric[1].value)  # open vacancies, Regio Oost
        except Exception as exc:
            errors.append(repr(exc))

    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    old = first.metric[1].value
    threads = [threading.Thread(target=session) for _ in range(10)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    with write_cursor(Analyst("drill", "password")) as con:
        ingest.import_file(con, csv, csv.name, ingest.Options(author="drill"))
    time.sleep(3)
    done.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(seen) <= {old, number(8000)}
    assert number(8000) in seen
