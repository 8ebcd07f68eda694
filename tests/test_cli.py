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
    assert "Loaded 9,036 demo observations" in out
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
