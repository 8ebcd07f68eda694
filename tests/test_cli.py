"""The hcdash command, run through main() and (for the entry point) as a real process."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hcdash.cli import main
from hcdash.migrations import LATEST_VERSION
from tests.conftest import held_by_other_process


@pytest.fixture
def db(private_ref):
    """A private copy of the demo store (CLI tests must not share a store with others)."""
    return private_ref


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.embedded_only("creates a database file through HCDASH_DB")
def test_init_demo_then_info(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.duckdb"
    monkeypatch.setenv("HCDASH_DB", str(path))
    code, out, _ = run(capsys, "init", "--demo")
    assert code == 0
    assert f"Created the database {path}" in out
    assert "Loaded 9,408 demo observations" in out
    code, out, _ = run(capsys, "init", "--demo")
    assert "is (or was) present" in out
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert f"Schema version:  {LATEST_VERSION}" in out
    assert "Demo data:       yes" in out
    assert "observations (current)" in out
    assert "spanningsindicator" in out and "2015-Q1  2026-Q3" in out


def test_store_option_beats_environment(tmp_path, capsys, monkeypatch, db):
    monkeypatch.setenv("HCDASH_STORE", str(tmp_path / "elsewhere.duckdb"))
    code, out, _ = run(capsys, *db.args(), "info")
    assert code == 0
    store_line = next(line for line in out.splitlines() if line.startswith("Store:"))
    assert (db.spec if db.kind == "embedded" else f"dbname={db.database} ") in store_line
    assert not (tmp_path / "elsewhere.duckdb").exists()


def test_export_region_csv_to_stdout(capsys, db, demo_frame):
    code, out, _ = run(capsys, *db.args(), "export", "--region", "twente")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), dtype={"period": str})
    assert list(frame.columns) == [
        "indicator",
        "region",
        "sector",
        "period",
        "value",
        "provisional",
        "source",
        "notes",
    ]
    assert set(frame["region"]) == {"twente"}
    assert len(frame) == (demo_frame["region"] == "twente").sum()
    assert frame["source"].str.startswith("Voorbeelddata").all()
    row = frame[
        (frame["indicator"] == "vacatures")
        & (frame["sector"] == "alle")
        & (frame["period"] == "2024-Q1")
    ]
    d = demo_frame
    expected = d[
        (d["indicator"] == "vacatures")
        & (d["region"] == "twente")
        & (d["sector"] == "alle")
        & (d["period_start"].astype(str) == "2024-01-01")
    ]
    assert row["value"].tolist() == expected["value"].tolist()


def test_export_period_range_is_inclusive(capsys, db):
    code, out, _ = run(
        capsys,
        *db.args(),
        "export",
        "--indicator",
        "spanningsindicator",
        "--region",
        "achterhoek",
        "--sector",
        "alle",
        "--from",
        "2023 K4",
        "--to",
        "2024-Q2",
    )
    assert code == 0
    periods = pd.read_csv(io.StringIO(out))["period"].tolist()
    assert periods == ["2023-Q4", "2024-Q1", "2024-Q2"]


def test_export_xlsx_and_parquet(tmp_path, capsys, db):
    xlsx, parquet = tmp_path / "out.xlsx", tmp_path / "out.parquet"
    assert run(capsys, *db.args(), "export", "--region", "foodvalley", "-o", xlsx)[0] == 0
    assert (
        run(
            capsys,
            *db.args(),
            "export",
            "--region",
            "foodvalley",
            "--format",
            "parquet",
            "-o",
            parquet,
        )[0]
        == 0
    )
    sheet = openpyxl.load_workbook(xlsx).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["indicator", "region", "sector", "period"]
    from_parquet = pd.read_parquet(parquet)
    assert sheet.max_row - 1 == len(from_parquet) > 1000
    assert set(from_parquet["region"]) == {"foodvalley"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--region", "twnete"), "unknown region 'twnete'; did you mean twente?"),
        (("export", "--from", "2024 K7"), "'2024 K7' is not a valid period"),
        (("export", "--indicator", "vacature"), "did you mean vacatures"),
    ],
)
def test_bad_arguments_give_one_clear_line(capsys, db, args, message):
    code, out, err = run(capsys, *db.args(), *args)
    assert code == 1
    assert out == ""
    assert err.startswith("hcdash: error: ")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.embedded_only("about a missing database file")
def test_missing_database_is_not_created_by_info(tmp_path, capsys):
    path = tmp_path / "none.duckdb"
    code, _, err = run(capsys, "--db", path, "info")
    assert code == 1 and "hcdash init --demo" in err
    assert not path.exists()


@pytest.mark.embedded_only("DuckDB's file lock")
def test_locked_database_through_the_real_command(db):
    """The console script, while another process holds the file for writing: it says what it
    waits for, waits as long as --wait says, then gives one line and no traceback."""
    hcdash = shutil.which("hcdash", path=str(Path(sys.executable).parent))
    with held_by_other_process(db.path) as pid:
        result = subprocess.run(
            [hcdash, *db.args(), "--wait", "1", "info"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    waiting, error = result.stderr.splitlines()
    assert waiting.startswith("hcdash: waiting for python") and f"(PID {pid})" in waiting
    assert waiting.endswith("to release the database… (up to 1 s; --wait sets it)")
    assert error.startswith(f"hcdash: error: the database {db.spec} was still in use after 1 s")
    assert "Traceback" not in result.stderr


# --- plausibility checks: import warnings, --accept-warnings, hcdash check ---------------

# The analyst's file of the issue: Twente's vacancies in 2026 K3 a hundred times the quarter before.
IMPLAUSIBLE = "indicator;regio;sector;periode;waarde\nvacatures;Twente;alle;2026 K3;987654\n"


def tension_of_twente(db) -> float:
    return db.rows(
        "SELECT value FROM observations WHERE removed_in IS NULL AND indicator ="
        " 'spanningsindicator' AND region = 'twente' AND sector = 'alle'"
        " AND period_start = DATE '2026-07-01'"
    )[0][0]


def test_import_dry_run_shows_the_warnings_with_row_column_value_and_figure(tmp_path, capsys, db):
    path = tmp_path / "vacatures.csv"
    path.write_text(IMPLAUSIBLE)
    before = db.rows("SELECT count(*) FROM uploads")
    code, out, err = run(capsys, *db.args(), "import", path, "--dry-run")
    assert code == 0
    assert "Checks:    0 refusal(s), 3 warning(s)" in out
    assert "needs --accept-warnings" in out and "Dry run: nothing loaded." in out
    line = next(line for line in err.splitlines() if "parts_without_ratio" in line)
    assert line.startswith("warning: row 2, column 'waarde': value '987654': parts_without_ratio:")
    assert "Twente" in line and "2026-Q3" in line
    assert f"spanningsindicator Twente, all sectors, 2026-Q3 = {tension_of_twente(db):.2f}" in line
    assert db.rows("SELECT count(*) FROM uploads") == before


def test_import_loads_warned_values_only_when_accepted_and_keeps_the_warnings(tmp_path, capsys, db):
    path = tmp_path / "vacatures.csv"
    path.write_text(IMPLAUSIBLE)
    code, out, err = run(capsys, *db.args(), "import", path)
    assert code == 1
    assert "Nothing was loaded: 3 plausibility warning(s)" in err and "--accept-warnings" in err
    assert db.rows("SELECT count(*) FROM uploads") == [(1,)]
    code, out, err = run(capsys, *db.args(), "import", path, "--accept-warnings")
    assert code == 0
    assert "Loaded 1 values as upload 2" in out
    assert "with 3 plausibility warning(s) kept with it" in out
    kept = db.rows("SELECT rule, file_row FROM upload_warnings WHERE upload_id = 2 ORDER BY rule")
    assert kept == [("jump", 2), ("outlier", 2), ("parts_without_ratio", 2)]
    code, out, _ = run(capsys, *db.args(), "uploads")
    assert "warnings" in out.splitlines()[0]
    assert out.splitlines()[1].split()[6] == "3"  # upload 2: loaded 1, rejected 0, warnings 3


def test_a_refused_file_loads_nothing_even_with_accept_warnings(tmp_path, capsys, db):
    path = tmp_path / "aandeel.csv"
    path.write_text("indicator;regio;sector;periode;waarde\naandeel_55plus;Twente;alle;2025;150\n")
    code, out, err = run(capsys, *db.args(), "import", path, "--accept-warnings")
    assert code == 1
    assert "Checks:    1 refusal(s), 3 warning(s)" in out  # and a jump, an outlier, a revision
    assert "refusal: row 2, column 'waarde': value '150': share_range:" in err
    assert "Nothing was loaded: the plausibility checks refuse it." in err
    assert db.rows("SELECT count(*) FROM uploads") == [(1,)]


def test_check_audits_the_store_per_rule_and_exits_1_on_a_refusal(tmp_path, capsys, db):
    code, out, _ = run(capsys, *db.args(), "check")
    assert code == 0
    assert "ratio_parts (warning): 0 finding(s)" in out
    assert "share_range (refusal): 0 finding(s)" in out
    assert out.rstrip().endswith("0 refusal(s), 0 warning(s).")
    # energy above all sectors: a warning when it is loaded (the total is stored), a refusal
    # once both are in the store
    path = tmp_path / "energie.csv"
    path.write_text(
        "indicator;regio;sector;periode;waarde\nvacatures;Twente;energie;2026 K3;20000\n"
    )
    assert run(capsys, *db.args(), "import", path, "--accept-warnings")[0] == 0
    code, out, _ = run(capsys, *db.args(), "check")
    assert code == 1
    assert "sector_above_total (refusal): 1 finding(s)" in out
    assert "vacatures Twente, 2026-Q3: energy = 20,000 is more than the total of all sectors" in out
    code, out, _ = run(capsys, *db.args(), "check", "--stand", "1")  # as it was before
    assert code == 0
    assert out.rstrip().endswith("0 refusal(s), 0 warning(s).")
