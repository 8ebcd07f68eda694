"""Shared fixtures: a real small DuckDB built by the same code as the demo, once per session."""

import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from hcdash import demo
from hcdash.db import connect

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_frame() -> pd.DataFrame:
    """The demo observations as generated in pandas: the independent side of query tests."""
    return demo.generate()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "demo.duckdb"
    con = connect(path)
    demo.load_demo(con)
    con.close()
    return path


@pytest.fixture(scope="session")
def con(demo_db):
    connection = connect(demo_db)
    yield connection
    connection.close()


@pytest.fixture
def private_con(tmp_path, demo_db):
    """A connection to a private copy of the demo database, for tests that write."""
    path = tmp_path / "private.duckdb"
    shutil.copy(demo_db, path)
    connection = connect(path)
    yield connection
    connection.close()


@pytest.fixture
def empty_db(tmp_path):
    """A fresh database with schema and reference data but no observations."""
    connection = connect(tmp_path / "empty.duckdb")
    yield connection
    connection.close()


_HOLD = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "time.sleep(120)\n"
)


@contextmanager
def held_by_other_process(path: Path):
    """Hold the DuckDB file open in another process (as the running dashboard does); yield PID."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Mark a failed test, so fixtures (the browser tests' screenshot) can tell."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True
