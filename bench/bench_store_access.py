"""What it costs that the dashboard does not hold the embedded file: a page run on a file that
is attached again for the run, against one that stayed attached (the dashboard lingers for
``HCDASH_LINGER_SECONDS`` after a run), at national scale (bench/national.py).

- first query: attach the file and run the Krapte series query (Regio Oost, 35 regions' data
  in the table), against the same query on a file that stayed attached;
- page rerun: an AppTest rerun of every page with all streamlit caches cleared, with the file
  attached again for every run (linger 0) against attached throughout (linger 3600).

Every figure is a median of ``--runs``, measured in fresh processes in one run.

    .venv/bin/python bench/bench_store_access.py --rows 10000000 --runs 5
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, median, publish, run_child
from bench.national import build
from hcdash.store import open_store

PAGES = (
    "app.py",
    "pages/1_Krapte.py",
    "pages/2_Instroom.py",
    "pages/3_LLO_Energy.py",
    "pages/5_Regioprofiel.py",
    "pages/6_Mismatch.py",
    "pages/7_Bronnen.py",
)

QUERY = """
import sys, time
from hcdash import queries
from hcdash.store import open_store
path, runs = sys.argv[1], int(sys.argv[2])
store = open_store(path)

def timed(linger):
    store.linger = linger
    attach, first = [], []
    for _ in range(runs):
        start = time.perf_counter()
        with store.reading() as con:
            attached = time.perf_counter()
            queries.Reader(con).aggregate("vacatures", "regio-oost")
            done = time.perf_counter()
        attach.append(attached - start)
        first.append(done - start)
    return attach, first

_, _ = timed(3600)  # warm: attached, DuckDB's buffers filled
warm_attach, warm = timed(3600)
cold_attach, cold = timed(0)  # attached again for every session
_RESULT = {"warm": warm, "cold": cold, "attach": cold_attach}
"""

RERUN = """
import os, sys, time
os.environ["HCDASH_DB"], os.environ["HCDASH_LINGER_SECONDS"] = sys.argv[1], sys.argv[2]
import streamlit as st
from streamlit.testing.v1 import AppTest
from hcdash.ui import frame
runs, pages = int(sys.argv[3]), sys.argv[4:]
_RESULT = {}
for page in pages:
    at = AppTest.from_file(os.path.abspath("app.py"), default_timeout=300).run()
    if page != "app.py":
        at.switch_page(page).run()
    seconds = []
    for _ in range(runs):
        st.cache_data.clear()
        frame._built.clear()  # the built charts (a resource cache)
        time.sleep(0.3 if sys.argv[2] == "0" else 0)  # let a linger of 0 detach
        start = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    _RESULT[page] = seconds
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="an existing national store (else built)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-access-") as tmp:
        path = args.store or Path(tmp) / "national.duckdb"
        made = None
        if args.store is None:
            store = open_store(str(path))
            made = build(store, args.rows)
            store.close()
        query = run_child(QUERY, str(path), str(args.runs))
        reattached = run_child(RERUN, str(path), "0", str(args.runs), *PAGES)
        attached = run_child(RERUN, str(path), "3600", str(args.runs), *PAGES)
    publish(report(started, args, made, query, reattached, attached), args.output)


def report(started, args, made, query, reattached, attached) -> str:
    ms = lambda values: f"{1000 * median(values):.0f} ms"  # noqa: E731
    lines = [
        f"Run {started} on {machine()}\n",
        "## The cost of not holding the embedded file\n",
        f"Store: {made or args.store} (bench/national.py).\n",
        "| measure | attached again | stayed attached | ratio |",
        "|---|---|---|---|",
        f"| first query (Krapte series, Regio Oost) | {ms(query['cold'])} (attach "
        f"{ms(query['attach'])}) | {ms(query['warm'])} | "
        f"{median(query['cold']) / median(query['warm']):.2f}x |",
    ]
    for page in PAGES:
        cold, warm = median(reattached[page]), median(attached[page])
        lines.append(
            f"| page rerun, caches cleared: {page} | {1000 * cold:.0f} ms | "
            f"{1000 * warm:.0f} ms | {cold / warm:.2f}x |"
        )
    lines.append(
        f"\nMedians of {args.runs} runs; peak memory of the rerun processes "
        f"{reattached['peak_mb']:.0f} MB (attached again) and {attached['peak_mb']:.0f} MB.\n"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
