"""A real dashboard serves pages while the command line imports, rolls back and backs up beside
it: no page load fails, no command fails, and the next page run shows each change."""

import subprocess
import sys
import time
from pathlib import Path

from tests.support.loaders import PageLoader, Seen, errors
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


def bad_loads(runs: list[Seen]) -> list[tuple]:
    """The page loads that did not finish, or showed an exception or an error message."""
    return [
        (s.tab, s.run.page, s.run.status, s.run.exceptions + errors(s.run))
        for s in runs
        if not s.run.finished or s.run.exceptions or errors(s.run)
    ]


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
        with PageLoader([server.url] * 2, PAGES, timeout=90) as browsing:  # two tabs
            time.sleep(2)
            commands = [hcdash(ref, "import", str(csv), "--accept-warnings")]
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
    assert bad_loads(browsing.runs) == []
    assert len(browsing.runs) >= 6
    assert changed != before and restored == before
    assert "Loaded 2 values as upload 2" in commands[0].stdout
