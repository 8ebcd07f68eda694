"""Shared fixtures: a real small DuckDB built by the same code as the demo, once per session."""

import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from hcdash import demo
from hcdash.migrations import ensure_schema
from hcdash.storage import Store, open_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_frame() -> pd.DataFrame:
    """The demo observations as generated in pandas: the independent side of query tests."""
    return demo.generate()


def new_store(path: Path, *, with_demo: bool = False) -> Store:
    """A store on ``path`` with the schema (and the demo data); the caller closes it."""
    store = open_store(str(path))
    ensure_schema(store)
    if with_demo:
        demo.load_demo(store)
    return store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "demo.duckdb"
    new_store(path, with_demo=True).close()
    return path


@pytest.fixture(scope="session")
def demo_store(demo_db) -> Store:
    """The shared demo store: for reading only."""
    store = open_store(str(demo_db))
    yield store
    store.close()


@pytest.fixture(scope="session")
def con(demo_store):
    """A connection on the demo data (one snapshot for the whole session; nobody writes)."""
    with demo_store.reading() as connection:
        yield connection


@pytest.fixture
def private_store(tmp_path, demo_db) -> Store:
    """A private copy of the demo database, for tests that write."""
    path = tmp_path / "private.duckdb"
    shutil.copy(demo_db, path)
    store = open_store(str(path))
    yield store
    store.close()


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    """The rows of ``sql`` on the store at ``path``, read in a session of their own."""
    store = open_store(str(path))
    try:
        with store.reading() as connection:
            return connection.execute(sql, params).fetchall()
    finally:
        store.close()


@contextmanager
def live_connection(store: Store):
    """A connection that sees every committed write at once (no transaction of its own); the
    store stays attached read-write meanwhile, so the test's own writes need no turn."""
    with store.writing() as connection:
        yield connection


@pytest.fixture
def private_con(private_store):
    with live_connection(private_store) as connection:
        yield connection


@pytest.fixture
def empty_store(tmp_path) -> Store:
    """A fresh store with schema and reference data but no observations."""
    store = new_store(tmp_path / "empty.duckdb")
    yield store
    store.close()


@pytest.fixture
def empty_db(empty_store):
    with live_connection(empty_store) as connection:
        yield connection


_HOLD = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "time.sleep(120)\n"
)


@contextmanager
def held_by_other_process(path: Path):
    """Hold the DuckDB file open for writing in another process (a plain DuckDB client that
    knows nothing of hcdash's markers); yield its PID."""
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
