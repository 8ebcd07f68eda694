"""Tabs without a browser that keep loading pages in the background while a test does something
beside them (imports, rollbacks, a PostgreSQL restart):

    with PageLoader([url, url], [("", ""), ("Krapte", "regio=twente")]) as loader:
        ...
    loader.runs, loader.failures

Each tab is a ``stclient.Session`` on its url that loads the pages in turn, again and again,
until the block ends. Every run is kept as a ``Seen``; a tab whose session fails (a lost
connection, a run that timed out) is kept in ``failures`` and stops.
"""

import itertools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests.support.stclient import Run, Session

CONNECT_SECONDS = 60  # opening a tab, on a loaded 2-core CI machine


@dataclass
class Seen:
    """One run of tab ``tab`` on ``url``, from ``started`` to ``ended`` (time.monotonic)."""

    tab: int
    url: str
    started: float
    ended: float
    run: Run


def errors(run: Run) -> list[str]:
    """The error messages the run showed."""
    return [text for level, text in run.alerts if level == "error"]


def clean(run: Run) -> bool:
    """The page ran to its end with its title, and without an exception or an error message."""
    return run.finished and not run.exceptions and not errors(run) and bool(run.title)


class PageLoader:
    """One tab per url, each loading ``pages`` ((url path, query) pairs) in turn until the
    block ends; ``timeout`` bounds one run and every wait."""

    def __init__(self, urls: Iterable[str], pages: Iterable[tuple[str, str]], timeout: float):
        self.urls, self.pages, self.timeout = list(urls), list(pages), timeout
        self.runs: list[Seen] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._load, args=(n, url), daemon=True)
            for n, url in enumerate(self.urls)
        ]

    def __enter__(self) -> "PageLoader":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout + CONNECT_SECONDS)
        assert not any(thread.is_alive() for thread in self._threads), "a tab hangs"

    def _load(self, tab: int, url: str) -> None:
        page = query = ""
        try:
            with Session(url, timeout=CONNECT_SECONDS) as session:
                for page, query in itertools.cycle(self.pages):
                    if self._stop.is_set():
                        return
                    started = time.monotonic()
                    run = session.run(page, query, timeout=self.timeout)
                    self.runs.append(Seen(tab, url, started, time.monotonic(), run))
        except Exception as exc:  # reported by the test, not lost in the thread
            self.failures.append(f"tab {tab} on {url}, page {page!r} {query!r}: {exc!r}")

    def wait_until(self, condition: Callable[[list[Seen]], bool], what: str) -> None:
        """Poll until ``condition(runs so far)`` holds; fail saying ``what`` did not happen."""
        deadline = time.monotonic() + self.timeout
        while not condition(list(self.runs)):
            if self.failures or time.monotonic() > deadline:
                summary = [(s.tab, s.run.status, errors(s.run)) for s in self.runs[-6:]]
                raise AssertionError(f"{what}: {self.failures or summary}")
            time.sleep(0.2)

    def each_ran_cleanly(self, after: float) -> Callable[[list[Seen]], bool]:
        """Every tab has shown a page cleanly (``clean``) in a run started after ``after``."""
        return lambda runs: (
            {s.tab for s in runs if s.started > after and clean(s.run)}
            == set(range(len(self.urls)))
        )
