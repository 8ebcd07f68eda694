"""A server's cold start and memory at national scale, on the embedded file and on a lake: the
time from starting ``streamlit run`` until its first page has rendered a chart in Chromium, and
the server's memory after every page was shown once.

    .venv/bin/python bench/bench_server.py --rows 10000000 --runs 3 [--lake] [--store FILE]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, publish
from bench.national import build
from hcdash import backup
from hcdash.store import open_store
from tests.support.pgcluster import PostgresCluster
from tests.support.servers import DashboardServer

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
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_run(folder: Path, env: dict, browser) -> tuple[float, float]:
    """Seconds from starting the server to the first rendered chart; memory after all pages."""
    start = time.perf_counter()
    with DashboardServer(folder, env) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(f"{server.url}/")
        page.wait_for_selector(".js-plotly-plot .gtitle", timeout=120_000)
        cold = time.perf_counter() - start
        for name in PAGES[1:]:
            page.goto(f"{server.url}/{name}")
            page.wait_for_selector("[data-testid='stApp']")
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                timeout=120_000,
            )
        memory = rss_mb(server.process.pid)
        page.close()
    return cold, memory


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path, help="an existing national store file")
    parser.add_argument("--lake", action="store_true", help="also a replica on a lake copy")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    folder = Path(tempfile.mkdtemp(prefix="hcdash-server-"))
    cluster = None
    try:
        path, made = args.store, str(args.store)
        if path is None:
            path = folder / "national.duckdb"
            store = open_store(str(path))
            made = build(store, args.rows)
            store.close()
        envs = {"embedded": {"HCDASH_STORE": str(path), "HCDASH_DATA_PATH": ""}}
        if args.lake:
            cluster = PostgresCluster().start()
            cluster.create_database("server")
            data = str(folder / "lake")
            source, target = open_store(str(path)), open_store(cluster.spec("server"), data)
            backup.copy(source, target)
            source.close()
            target.close()
            envs["lake"] = {  # a replica keeps its local copy of the lake (localcopy.py)
                "HCDASH_STORE": cluster.spec("server"),
                "HCDASH_DATA_PATH": data,
                "HCDASH_LOCAL_COPY": str(folder / "local-copies"),
            }
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for kind, env in envs.items():
                runs = [one_run(folder, env, browser) for _ in range(args.runs)]
                results[kind] = (statistics.median(c for c, _ in runs), max(m for _, m in runs))
            browser.close()
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    lines = [
        f"Run {started} on {machine()}\n",
        "## Server: cold start and memory\n",
        f"Store: {made}; {args.runs} runs; Chromium renders the first chart.\n",
        "| store | cold start to the first rendered page (target <= 3 s) |"
        " server memory after every page once (target <= 400 MB) |",
        "|---|---:|---:|",
    ]
    for kind, (cold, memory) in results.items():
        lines.append(f"| {kind} | {cold:.2f} s | {memory:,.0f} MB |")
    figures = {}
    for kind, prefix in (("embedded", ""), ("lake", "lake_")):
        if kind in results:
            cold, memory = results[kind]
            figures |= {f"{prefix}cold_start_s": cold, f"{prefix}server_memory_mb": memory}
    publish("\n".join(lines) + "\n", args.output, figures)


if __name__ == "__main__":
    main()
