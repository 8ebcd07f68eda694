"""Load on a running dashboard, the way browsers make it, without a browser per user: each
simulated user keeps a tab open over Streamlit's own websocket protocol
(tests/support/stclient.py), opens a page, and changes one of its filters every ``--think``
seconds.

For 1, 5, 10 and 20 users (``--users``) it reports, per page and in all: page views per second,
latency percentiles (p50, p95, max; from the request to the end of the script run), the server's
CPU seconds per view (from /proc), and every view that failed (an exception element, an error
message, a run that did not finish, a lost connection).

Then the recipients of shared links (``--recipients``): one after another, each a new browser
session that opens one of ``SHARED_LINKS`` (a page with its filters in the link), sees its first
view and leaves. The server's CPU from connecting to leaving is what each recipient costs (the
issue's target: 0.15 s); the first recipient of each link finds no cached figures for it.

    .venv/bin/python bench/load.py --users 1 5 10 20 --seconds 60      # the long form
    .venv/bin/python bench/load.py --users 2 --seconds 20              # the smoke test in CI
    [--rows 10000000 (a national store) | --store FILE | --url http://host:port (a server
    already running; no CPU figures)]
"""

import argparse
import itertools
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, publish
from bench.national import build
from hcdash.store import open_store
from tests.support.servers import DashboardServer
from tests.support.stclient import Session

# The pages a user visits, with the filter they change (a choice widget's key).
PAGES = (
    ("", "overview_kaart"),
    ("Krapte", "shortage_sector"),
    ("Instroom", "intake_niveau"),
    ("Regioprofiel", "profile_regio"),
    ("Mismatch", None),
    ("LLO_Energy", None),
)


# Links as people share them: a page with filters chosen, opened in a new session.
SHARED_LINKS = (
    ("Krapte", "regio=twente,achterhoek&sector=energie&kwartaal=2026-Q3"),
    ("Instroom", "niveau=hbo&regio=rijk-van-nijmegen"),
    ("Regioprofiel", "regio=achterhoek"),
    ("", "kaart=ww_kort"),
)


@dataclass
class Recipient:
    page: str
    query: str
    seconds: float
    cpu_seconds: float | None
    failure: str | None = None


@dataclass
class View:
    page: str
    seconds: float
    failure: str | None = None


@dataclass
class Level:
    users: int
    seconds: float
    views: list[View] = field(default_factory=list)
    cpu_seconds: float | None = None


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process (and its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def user(url: str, number: int, stop: threading.Event, think: float, views: list) -> None:
    """One tab: a page per user (round robin), a filter change every ``think`` seconds."""
    page, key = PAGES[number % len(PAGES)]
    try:
        with Session(url) as tab:
            run = _view(tab, page, views, page=page)
            choices = itertools.cycle(tab.options(key)) if key and run else None
            while not stop.wait(think):
                widgets = {key: next(choices)} if choices else None
                _view(tab, page, views, widgets=widgets)
    except Exception as exc:  # a lost tab counts as a failed view
        views.append(View(page, 0.0, f"tab lost: {exc!r}"[:200]))


def _view(tab: Session, name: str, views: list, **request):
    try:
        run = tab.run(timeout=120, **request)
    except Exception as exc:
        views.append(View(name, 0.0, repr(exc)[:200]))
        return None
    errors = run.exceptions + [text[:120] for level, text in run.alerts if level == "error"]
    failure = None if run.finished and not errors else f"{run.status} {errors}"
    views.append(View(name, run.seconds, failure))
    return run


def level(url: str, users: int, seconds: float, think: float, pid: int | None) -> Level:
    stop, views = threading.Event(), []
    threads = [
        threading.Thread(target=user, args=(url, n, stop, think, views)) for n in range(users)
    ]
    cpu = cpu_seconds(pid) if pid else None
    started = time.perf_counter()
    for thread in threads:
        thread.start()
        time.sleep(min(think / users, 0.5))  # users arrive spread, as they do
    time.sleep(max(0.0, seconds - (time.perf_counter() - started)))
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    elapsed = time.perf_counter() - started
    result = Level(users, elapsed, views)
    if pid:
        result.cpu_seconds = cpu_seconds(pid) - cpu
    return result


def recipients(url: str, count: int, pid: int | None) -> list[Recipient]:
    """``count`` new sessions, one after another, each opening a shared link (round robin)."""
    out = []
    for number in range(count):
        page, query = SHARED_LINKS[number % len(SHARED_LINKS)]
        cpu = cpu_seconds(pid) if pid else None
        started = time.perf_counter()
        try:
            with Session(url, page=page, query=query) as tab:
                run = tab.run(timeout=120)
            errors = run.exceptions + [t[:120] for level, t in run.alerts if level == "error"]
            failure = None if run.finished and not errors else f"{run.status} {errors}"
        except Exception as exc:
            failure = repr(exc)[:200]
        seconds = time.perf_counter() - started
        time.sleep(0.2)  # the server's last messages of the session, before its CPU is read
        used = cpu_seconds(pid) - cpu if pid else None
        out.append(Recipient(page, query, seconds, used, failure))
    return out


def recipients_report(found: list[Recipient]) -> list[str]:
    if not found:
        return []
    lines = [
        "",
        "## Recipients of shared links: a new session per link, its first view\n",
        "One recipient after another; server CPU from connecting to leaving (target <= 0.15 s),"
        " time from connecting to the end of the first run.\n",
        "| link | recipients | CPU s, mean | CPU s, first | CPU s, max | time, median | failed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page, query in SHARED_LINKS:
        mine = [r for r in found if (r.page, r.query) == (page, query)]
        if not mine:
            continue
        cpu = [r.cpu_seconds for r in mine if r.cpu_seconds is not None]
        shown = f"{sum(cpu) / len(cpu):.3f} | {cpu[0]:.3f} | {max(cpu):.3f}" if cpu else "– | – | –"
        lines.append(
            f"| /{page}?{query} | {len(mine)} | {shown} |"
            f" {percentile([r.seconds for r in mine], 0.5):.2f} s |"
            f" {sum(1 for r in mine if r.failure)} |"
        )
    failures = [r for r in found if r.failure]
    lines += [f"\nFailed recipients: {len(failures)}"]
    lines += [f"- /{r.page}?{r.query}: {r.failure}" for r in failures[:10]]
    return lines


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(
    levels: list[Level], started: str, store: str, think: float, shared: list[Recipient] = ()
) -> str:
    lines = [
        f"Run {started} on {machine()}\n",
        "## Load: simulated users over streamlit's websocket protocol\n",
        f"Store: {store}. Each user keeps a tab open on one page and changes a filter every "
        f"{think:g} s; latency is from the request to the end of the script run.\n",
        "| users | views | views/s | p50 | p95 | max | CPU s per view | failed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in levels:
        done = [v.seconds for v in result.views if v.failure is None]
        failed = [v for v in result.views if v.failure]
        cpu = (
            f"{result.cpu_seconds / len(result.views):.3f}"
            if result.cpu_seconds is not None and result.views
            else "–"
        )
        lines.append(
            f"| {result.users} | {len(result.views)} | {len(result.views) / result.seconds:.2f} |"
            f" {percentile(done, 0.5):.2f} s | {percentile(done, 0.95):.2f} s |"
            f" {max(done, default=float('nan')):.2f} s | {cpu} | {len(failed)} |"
        )
    lines += [
        "",
        "Per page, all levels together:",
        "",
        "| page | views | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    pages = sorted({v.page for r in levels for v in r.views})
    for page in pages:
        done = [v.seconds for r in levels for v in r.views if v.page == page and not v.failure]
        lines.append(
            f"| {page or 'Overzicht'} | {len(done)} | {percentile(done, 0.5):.2f} s |"
            f" {percentile(done, 0.95):.2f} s | {max(done, default=0):.2f} s |"
        )
    failures = [v for r in levels for v in r.views if v.failure]
    lines.append(
        f"\nFailed views: {len(failures)}"
        + "".join(f"\n- {v.page or 'Overzicht'}: {v.failure}" for v in failures[:10])
    )
    lines += recipients_report(list(shared))
    return "\n".join(lines) + "\n"


def load_figures(levels: list[Level], shared: list[Recipient] = ()) -> dict:
    """Server CPU per view (the worst level), the busiest level's p95 and failures, and the
    mean server CPU per recipient of a shared link (its failures count as failed views)."""
    busiest = max(levels, key=lambda r: r.users)
    done = [v.seconds for v in busiest.views if v.failure is None]
    cpu = [r.cpu_seconds / len(r.views) for r in levels if r.cpu_seconds is not None and r.views]
    out = {
        "load_users": busiest.users,
        "load_p95_s": percentile(done, 0.95),
        "load_failed": sum(1 for v in busiest.views if v.failure),
    }
    if cpu:
        out["cpu_per_view_s"] = max(cpu)
    per_recipient = [r.cpu_seconds for r in shared if r.cpu_seconds is not None]
    if per_recipient:
        out["cpu_per_shared_link_s"] = sum(per_recipient) / len(per_recipient)
    out["shared_link_failed"] = sum(1 for r in shared if r.failure)
    return out


def run(
    store: str,
    users: list[int],
    seconds: float,
    think: float,
    url: str | None = None,
    shared: int = 0,
):
    """The levels and the recipients of shared links, against ``url`` or a server started here
    on ``store``."""
    if url:
        return [level(url, n, seconds, think, None) for n in users], recipients(url, shared, None)
    with (
        tempfile.TemporaryDirectory(prefix="hcdash-load-") as folder,
        DashboardServer(
            Path(folder), {"HCDASH_STORE": store, "HCDASH_DATA_PATH": ""}, "load"
        ) as server,
    ):
        with Session(server.url) as warm:  # the first run opens the store: not a user's view
            warm.run(timeout=300)
        pid = server.process.pid
        links = recipients(server.url, shared, pid)  # before the levels fill the caches
        return [level(server.url, n, seconds, think, pid) for n in users], links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--store", default=None, help="a database file (default: a new demo)")
    parser.add_argument(
        "--rows", type=int, help="a new national store of this many observations (national.py)"
    )
    parser.add_argument("--url", help="a server already running (no CPU figures then)")
    parser.add_argument(
        "--recipients", type=int, default=20, help="new sessions that open a shared link"
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-load-") as folder:
        store, store_name = args.store, args.store
        if args.rows:
            store = str(Path(folder) / "national.duckdb")
            target = open_store(store)
            store_name = f"national data {build(target, args.rows)}"
            target.close()
        elif store is None:
            store, store_name = str(Path(folder) / "demo.duckdb"), "demo data"  # the app makes it
        levels, shared = run(store, args.users, args.seconds, args.think, args.url, args.recipients)
    publish(
        report(levels, started, store_name, args.think, shared),
        args.output,
        load_figures(levels, shared),
    )
    failed = sum(1 for r in levels for v in r.views if v.failure) + sum(
        1 for r in shared if r.failure
    )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
