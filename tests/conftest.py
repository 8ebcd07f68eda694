"""Shared fixtures: a real small DuckDB built by the same code as the demo, once per session."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from hcdash import demo
from hcdash.migrations import ensure_schema
from hcdash.store import Store, open_store
from tests.support.pgcluster import PostgresCluster, binaries
from tests.support.stores import StoreFactory, StoreRef

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

# The browser tests' fixtures (server, browser, page).
pytest_plugins = ["tests.support.browser"]

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"


def missing_realdata(folder: Path, ci: bool) -> str | None:
    """What to do without the real data files: None (they are there), "skip" or, in CI, "fail"."""
    if folder.is_dir():
        return None
    return "fail" if ci else "skip"


@pytest.fixture
def realdata() -> Path:
    """The real public files (DUO, CBS) beside the repository. Missing, a test skips with that
    reason, except in CI (CI=true), where it fails: there they must be."""
    outcome = missing_realdata(REALDATA, bool(os.environ.get("CI")))
    reason = f"real data files not found at {REALDATA}"
    if outcome == "fail":
        pytest.fail(f"{reason}; in CI they must be there", pytrace=False)
    if outcome == "skip":
        pytest.skip(reason)
    return REALDATA


needs_realdata = pytest.mark.usefixtures("realdata")


@pytest.fixture(scope="session")
def demo_frame() -> pd.DataFrame:
    """The demo observations as generated in pandas: the independent side of query tests."""
    return demo.generate()


def pytest_addoption(parser):
    parser.addoption(
        "--store",
        choices=("embedded", "lake", "lake-s3"),
        default="embedded",
        help="run the tests that use a store on embedded files (default), on lakes in a "
        "throwaway PostgreSQL cluster, or on such lakes with their data in a local S3 server",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "embedded_only(reason): about the embedded file itself")
    config.addinivalue_line("markers", "lake_only(reason): about the shared store itself")


def pytest_collection_modifyitems(config, items):
    """A lake run runs the tests that use a store (the others ran in the embedded run), except
    those about the embedded file itself; the embedded run leaves out those about the lake.
    Each run says what it left out."""
    lake = config.getoption("--store") in ("lake", "lake-s3")
    other = "embedded_only" if lake else "lake_only"
    kept, storeless, elsewhere = [], [], []
    for item in items:
        if item.get_closest_marker(other):
            elsewhere.append(item)
        elif lake and "stores" not in item.fixturenames:
            storeless.append(item)
        else:
            kept.append(item)
    config.hook.pytest_deselected(items=storeless + elsewhere)
    items[:] = kept
    config._hcdash_left_out = (
        "lake" if lake else "embedded",
        len(storeless),
        [f"{i.nodeid}: {i.get_closest_marker(other).args[0]}" for i in elsewhere],
    )


def pytest_terminal_summary(terminalreporter, config):
    run, storeless, elsewhere = getattr(config, "_hcdash_left_out", ("", 0, []))
    if not storeless and not elsewhere:
        return
    other = "embedded" if run == "lake" else "lake"
    terminalreporter.write_line(
        f"{run} run: left out {storeless} tests that use no store (they ran in the embedded run)"
        f" and {len(elsewhere)} that run in the {other} run (`pytest --store {other}`):"
    )
    for line in elsewhere:
        terminalreporter.write_line(f"  {line}")


@pytest.fixture(scope="session")
def stores(request, tmp_path_factory) -> StoreFactory:
    """Makes the stores of this run: embedded files, or lakes (``--store lake``), with their
    data in a local S3 server (``--store lake-s3``)."""
    kind = request.config.getoption("--store")
    cluster = s3 = None
    if kind == "lake-s3":
        from tests.support.s3server import S3Server  # moto: only for this run

        s3 = S3Server(tmp_path_factory.mktemp("s3")).start()
        request.addfinalizer(s3.stop)
        saved = {name: os.environ.get(name) for name in s3.env}
        os.environ.update(s3.env)  # every store of the run, in this process too, reaches it
        request.addfinalizer(lambda: _restore(saved))
    if kind in ("lake", "lake-s3"):
        if binaries() is None:
            reason = "PostgreSQL is not installed (./dev test installs it as root with apt-get)"
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        cluster = PostgresCluster().start()
        request.addfinalizer(cluster.stop)
    return StoreFactory(kind, tmp_path_factory.mktemp("stores"), cluster, s3)


def _restore(saved: dict) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def real_ref(stores) -> StoreRef:
    """A fresh store that holds only what the recorded sources give (tests.support.realstore);
    without the real data files it skips, or in CI fails."""
    from hcdash.cli import main  # the command as an operator runs it
    from tests.support.realstore import RECORDED

    outcome = missing_realdata(REALDATA, bool(os.environ.get("CI")))
    if outcome is not None:
        reason = f"real data files not found at {REALDATA}"
        if outcome == "fail":
            pytest.fail(reason)
        pytest.skip(reason)
    ref = stores.new("real")
    assert main([*ref.args(), "refresh", "--offline", str(RECORDED), "--source", "all"]) == 0
    return ref


@pytest.fixture(scope="session")
def demo_template(stores) -> StoreRef:
    """The demo store as built, never opened again: what copies are made from."""
    return stores.new("demo_template", with_demo=True)


@pytest.fixture(scope="session")
def demo_ref(stores, demo_template) -> StoreRef:
    """The shared demo store: for reading only."""
    return stores.copy(demo_template, "demo")


@pytest.fixture(scope="session")
def demo_store(demo_ref) -> Store:
    store = demo_ref.open()
    yield store
    store.close()


@pytest.fixture(scope="session")
def con(demo_store):
    """A connection on the demo data (one snapshot for the whole session; nobody writes)."""
    with demo_store.reading() as connection:
        yield connection


@pytest.fixture
def private_ref(stores, demo_template) -> StoreRef:
    """A private copy of the demo store, for tests that write."""
    return stores.copy(demo_template, "private")


@pytest.fixture
def private_store(private_ref) -> Store:
    store = private_ref.open()
    yield store
    store.close()


@contextmanager
def live_connection(store: Store):
    """A connection that sees every committed write at once (no transaction of its own); an
    embedded store stays attached read-write meanwhile, so the test's own writes need no turn."""
    with store.writing() as connection:
        yield connection


@pytest.fixture
def private_con(private_store):
    with live_connection(private_store) as connection:
        yield connection


@pytest.fixture
def empty_ref(stores) -> StoreRef:
    """A fresh store with schema and reference data but no observations."""
    return stores.new("empty")


@pytest.fixture
def empty_store(empty_ref) -> Store:
    store = empty_ref.open()
    yield store
    store.close()


@pytest.fixture
def empty_db(empty_store):
    with live_connection(empty_store) as connection:
        yield connection


def new_store(path: Path, *, with_demo: bool = False) -> Store:
    """An embedded store at ``path`` with the schema (and the demo data); the caller closes it."""
    store = open_store(str(path))
    ensure_schema(store)
    if with_demo:
        demo.load_demo(store)
    return store


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


APP_TIMEOUT = 60  # seconds for one AppTest run (a loaded 2-core CI machine)


def open_page(
    script: str = "app.py",
    lang: str | None = None,
    *,
    tables: bool = False,
    secrets: dict | None = None,
    user: dict | None = None,
    link: dict | None = None,
) -> "AppTest":
    """A page as a visitor opens it, on the store the test named (``StoreRef.use``; the ``app``
    fixture names the demo store): the app starts as streamlit starts it (app.py is the entry
    point; with ``secrets`` and the signed-in ``user`` when given), ``lang`` is chosen on the
    overview when given, then the visitor goes to ``script``, by a link with the parameters
    ``link`` when given. With ``tables``, every chart's table on it is opened too (a page
    without charts has none)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    at.run()
    if lang is not None:
        at.sidebar.segmented_control(key="overview_taal").set_value(lang).run()
    if script != "app.py":
        at.switch_page(script)
    for name, value in (link or {}).items():
        at.query_params[name] = value
    if script != "app.py" or link:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    if tables and table_keys(at):
        open_tables(at)
    return at


@pytest.fixture
def app(demo_ref, monkeypatch):
    """Pages on the demo store as a visitor opens them: ``app(script, lang, tables=...)`` is
    ``open_page`` on the demo store. A test of a page on a store of its own (the Data page on a
    private copy) names that store and calls ``open_page`` itself."""
    demo_ref.use(monkeypatch)
    return open_page


def table_keys(at) -> list[str]:
    """The keys of the switches that open the page's chart tables."""
    from hcdash.ui.frame import TABLE_KEY_PREFIX

    return [key for key in at.session_state if key.startswith(TABLE_KEY_PREFIX)]


def open_tables(at):
    """``at`` run again with every chart's table open (a closed one is not drawn)."""
    keys = table_keys(at)
    assert keys, "this page shows no chart with a table"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(element) -> pd.DataFrame:
    """A dataframe element of an AppTest as the screen writes it: the display text of a styled
    table (``display_table``), the values themselves otherwise."""
    import pyarrow as pa

    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return element.value.astype(str)
    text = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    text.columns = element.value.columns
    return text.reset_index(drop=True)
