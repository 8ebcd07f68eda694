"""Two dashboard replicas on one lake, with the command line beside them: an upload through one
shows on the other, two uploads at once keep one current value per key, rollback works, and a
PostgreSQL restart during reads is survived with a clear message and no restart of the servers.
"""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.pgcluster import PostgresCluster
from bench.servers import ROOT, DashboardServer
from bench.stclient import Session
from hcdash import access, demo
from hcdash.migrations import ensure_schema
from tests.browser_support import (  # the browser fixture comes from there too (conftest)
    KRAPTE_CHARTS,
    PASSWORD,
    chart_texts,
    choose_file,
    loaded,
    log_in,
    require_chromium,
    wait_ready,
)
from tests.stores import StoreRef

require_chromium()
pytestmark = pytest.mark.lake_only("several dashboard replicas share a lake")
HCDASH = str(Path(sys.executable).parent / "hcdash")


@pytest.fixture(scope="module")
def lake(stores, demo_template, tmp_path_factory):
    """Replicas A and B on one lake (a copy of the demo store)."""
    folder = tmp_path_factory.mktemp("replicas")
    ref = stores.copy(demo_template, "replicas")
    env = {**ref.env(), access.HASH_ENV_VAR: access.hash_password(PASSWORD, iterations=1000)}
    with DashboardServer(folder, env, "a") as a, DashboardServer(folder, env, "b") as b:
        yield ref, a.url, b.url, stores.cluster


@pytest.fixture
def tabs(browser):
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1600}) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def krapte_cells(page, url: str) -> list[str]:
    page.goto(f"{url}/Krapte?regio=twente,achterhoek&kwartaal=2026-Q3")
    wait_ready(page)
    return chart_texts(page, KRAPTE_CHARTS)


def csv(folder: Path, name: str, values: dict[str, str]) -> Path:
    path = folder / name
    path.write_text(
        "indicator;regio;sector;periode;waarde\n"
        + "".join(f"spanningsindicator;{r};energie;2026 K3;{v}\n" for r, v in values.items())
    )
    return path


def test_an_upload_through_one_replica_shows_on_the_other(lake, tabs, tmp_path):
    _, a, b, _ = lake
    page_a, page_b = tabs
    assert "8,76" not in krapte_cells(page_b, b)
    log_in(page_a, a)
    choose_file(page_a, csv(tmp_path, "a.csv", {"Twente": "8,76"}))
    page_a.get_by_role("button", name="Laden").click()
    loaded(page_a)
    assert "8,76" in krapte_cells(page_b, b)  # B's next run, no restart


def test_two_uploads_from_the_two_replicas_at_once(lake, tabs, tmp_path):
    ref, a, b, _ = lake
    files = [
        csv(tmp_path, "x.csv", {"Twente": "7,11", "Achterhoek": "7,12"}),
        csv(tmp_path, "y.csv", {"Achterhoek": "6,22", "Twente": "6,21"}),
    ]
    for page, url, file in zip(tabs, (a, b), files, strict=True):
        log_in(page, url, name=f"Analist {file.stem}")
        choose_file(page, file)
    buttons = [page.get_by_role("button", name="Laden") for page in tabs]
    for button in buttons:  # both commits run at once on the two servers
        button.click(no_wait_after=True)
    for page in tabs:
        loaded(page)
    doubled = ref.rows(
        "SELECT count(*) FROM (SELECT 1 FROM observations WHERE removed_in IS NULL"
        " GROUP BY indicator, region, sector, period_start, grain HAVING count(*) > 1)"
    )
    assert doubled == [(0,)]
    uploads = ref.rows(
        "SELECT author, rows_loaded, version FROM uploads WHERE author LIKE 'Analist %'"
        " ORDER BY version"
    )
    assert [(author, rows) for author, rows, _ in uploads] in (
        [("Analist x", 2), ("Analist y", 2)],
        [("Analist y", 2), ("Analist x", 2)],
    )
    last = {"Analist x": ("7,11", "7,12"), "Analist y": ("6,21", "6,22")}[uploads[-1][0]]
    current = ref.rows(
        "SELECT o.value, u.author, u.version, o.added_in FROM observations o JOIN uploads u"
        " ON u.id = o.upload_id WHERE o.removed_in IS NULL AND o.indicator = 'spanningsindicator'"
        " AND o.sector = 'energie' AND o.period_start = DATE '2026-07-01'"
        " AND o.region IN ('twente', 'achterhoek') ORDER BY o.value"
    )
    assert {f"{value:.2f}".replace(".", ",") for value, *_ in current} == set(last), (
        uploads,
        current,
    )
    shown = krapte_cells(tabs[0], a)
    assert set(last) <= set(shown)


def test_rollback_from_the_command_line_shows_on_both(lake, tabs):
    ref, a, b, _ = lake
    newest = ref.rows("SELECT max(id) FROM uploads WHERE status = 'loaded'")[0][0]
    done = subprocess.run(
        [HCDASH, *ref.args(), "rollback", str(newest)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    left = ref.rows(
        "SELECT author FROM uploads WHERE author LIKE 'Analist %' AND status = 'loaded'"
    )
    values = {"Analist x": ("7,11", "7,12"), "Analist y": ("6,21", "6,22")}[left[0][0]]
    for page, url in zip(tabs, (a, b), strict=True):
        assert set(values) <= set(krapte_cells(page, url))


@pytest.fixture
def own_cluster_lake(tmp_path):
    """A replica on a lake in a cluster of its own (restarting the shared one would break the
    other tests' sessions)."""
    cluster = PostgresCluster().start()
    try:
        cluster.create_database("restart")
        ref = StoreRef(cluster.spec("restart"), str(tmp_path / "data"))
        made = ref.open()
        ensure_schema(made)
        demo.load_demo(made)
        made.close()
        with DashboardServer(tmp_path, ref.env(), "restart") as server:
            yield server.url, cluster
    finally:
        cluster.stop()


def test_a_postgresql_restart_during_reads_is_survived(own_cluster_lake):
    url, cluster = own_cluster_lake
    runs, stop = [], threading.Event()

    def read():
        with Session(url) as tab:
            while not stop.is_set():
                runs.append((time.monotonic(), tab.run("Krapte", "regio=twente", timeout=120)))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    time.sleep(2)
    down = time.monotonic()
    cluster.restart(down_seconds=3)
    up = time.monotonic()
    time.sleep(8)
    stop.set()
    for reader in readers:
        reader.join(timeout=180)
    broken = [(run.status, run.exceptions) for _, run in runs if not run.finished or run.exceptions]
    assert broken == []  # never a traceback
    after = [run for started, run in runs if started > up + 2]
    assert after, "no page ran after the restart"
    assert all(not errors(run) for run in after)  # recovered without a server restart
    during = [run for started, run in runs if down - 1 <= started <= up]
    assert during, "no page ran during the restart"
    for run in during:  # each either waited with a notice or said plainly what is wrong
        for text in errors(run):
            assert "does not answer" in text, text


def errors(run) -> list[str]:
    return [text for level, text in run.alerts if level == "error"]
