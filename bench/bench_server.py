"""Cold start and server memory at 10M observations: the time from starting the dashboard until
its first page has rendered in Chromium, and the server's memory after every page was shown.

    .venv/bin/python bench/bench_server.py --rows 10000000 --runs 3
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pages import build
from bench.common import ROOT, machine, publish

PAGES = (
    "",
    "Krapte",
    "Instroom",
    "LLO_Energy",
    "Regioprofiel",
    "Mismatch",
    "Initiatieven",
    "Bronnen",
    "Data",
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_run(db: Path, browser) -> tuple[float, float]:
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "HCDASH_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        deadline = time.monotonic() + 120
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/", timeout=5000)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        page.wait_for_selector(".js-plotly-plot .gtitle", timeout=120_000)
        cold = time.perf_counter() - start
        for name in PAGES[1:]:
            page.goto(f"http://127.0.0.1:{port}/{name}")
            page.wait_for_selector("[data-testid='stApp']")
            page.wait_for_timeout(2500)
        memory = rss_mb(server.pid)
        page.close()
        return cold, memory
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-bench-") as tmp:
        db = Path(tmp) / "server.duckdb"
        total = build(db, args.rows)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            results = [one_run(db, browser) for _ in range(args.runs)]
            browser.close()
    cold = statistics.median(r[0] for r in results)
    memory = max(r[1] for r in results)
    text = (
        f"Run {started} on {machine()}\n\n## Server at {total:,} observations\n\n"
        f"| measure | value ({args.runs} runs) |\n|---|---:|\n"
        f"| cold start until the first page has rendered (median) | {cold:.1f} s |\n"
        f"| server memory after every page was shown once (max RSS) | {memory:,.0f} MB |\n"
    )
    publish(text, args.output)


if __name__ == "__main__":
    main()
