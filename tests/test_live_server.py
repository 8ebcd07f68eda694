"""A real dashboard serves pages while the command line imports, rolls back and backs up beside
it: no page load fails, no command fails, and the next page run shows each change."""

import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.support.servers import ROOT, DashboardServer
from tests.support.stclient import Session

HCDASH = str(Path(sys.executable).parent / "hcdash")
PAGES = (("", ""), ("Krapte", "regio=twente&sector=energie"), ("Instroom", ""))
VACANCIES = "Openstaande vacatures"  # the home page's headline for Regio Oost


def hcdash(ref, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [HCDASH, *ref.args(), "--wait", "60", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


class Browsing:
    """Tabs that keep loading pages until stopped; every load that fails is kept."""

    def __init__(self, url: str, tabs: int = 2):
        self.url, self.stop, self.loads, self.failures = url, threading.Event(), [], []
        self.threads = [threading.Thread(target=self._browse, args=(i,)) for i in range(tabs)]

    def _browse(self, number: int) -> None:
        with Session(self.url) as tab:
            while not self.stop.is_set():
                page, query = PAGES[len(self.loads) % len(PAGES)]
                try:
                    run = tab.run(page, query, timeout=90)
                except Exception as exc:  # every error is a failed page load
                    self.failures.append(f"tab {number} {page!r}: {exc!r}")
                    continue
                self.loads.append(run)
                errors = run.exceptions + [text for level, text in run.alerts if level == "error"]
                if not run.finished or errors:
                    self.failures.append(f"tab {number} {page!r}: {run.status} {errors}")

    def __enter__(self) -> "Browsing":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


def vacancies(url: str) -> str:
    with Session(url) as tab:
        return tab.run("", "", timeout=90).metrics[VACANCIES]


def test_pages_keep_loading_while_commands_write_beside_them(tmp_path, stores, demo_template):
    ref = stores.copy(demo_template, "live")
    csv = tmp_path / "vacatures.csv"
    rows = [f"vacatures;{region};alle;2026 K3;100000\n" for region in ("Twente", "Achterhoek")]
    csv.write_text("indicator;regio;sector;periode;waarde\n" + "".join(rows))
    with DashboardServer(tmp_path, ref.env()) as server:
        before = vacancies(server.url)
        with Browsing(server.url) as browsing:
            time.sleep(2)
            commands = [hcdash(ref, "import", str(csv))]
            changed = vacancies(server.url)  # the next run shows it, no restart
            commands += [
                hcdash(ref, "info"),
                hcdash(ref, "uploads"),
                hcdash(ref, "export", "--region", "twente"),
                hcdash(ref, "backup", str(tmp_path / "backup")),
                hcdash(ref, "rollback", "2"),
            ]
            restored = vacancies(server.url)
            time.sleep(2)
    failed = [(c.args[-2:], c.returncode, c.stderr[-500:]) for c in commands if c.returncode]
    assert failed == []
    assert browsing.failures == []
    assert len(browsing.loads) >= 6
    assert changed != before and restored == before
    assert "Loaded 2 values as upload 2" in commands[0].stdout
