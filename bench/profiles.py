"""Where the time goes, for the targets the benchmarks miss: py-spy samples of the real
processes, summed up as tables (bench/results/profiles.md; the reading is in
docs/performance.md).

- cold start: ``streamlit run`` from its start until Chromium shows the first chart, with the
  moments the server answered and the chart appeared;
- page reruns with every cache cleared (as bench_pages.py measures them), per page;
- ``hcdash import`` of a 1M-row file, whole process;
- what a chart's styled table costs Streamlit to send, by its length.

Each profile lists where the samples are: the share spent importing modules, the share per
package of the frame that was running (its own time), and the costliest functions of hcdash
(all time under them). Only threads that were running are sampled (py-spy leaves out idle ones).

    .venv/bin/python bench/profiles.py --rows 10000000 [--output bench/results/profiles.md]
"""

import argparse
import collections
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pages import RERUN
from bench.bench_server import CHROMIUM, FLAGS
from bench.common import ROOT, machine, publish
from bench.make_files import LOAD_ANYWAY, register_bench_indicators, write_long_csv
from bench.national import build
from hcdash.migrations import ensure_schema
from hcdash.store import open_store
from tests.support.servers import DashboardServer

PY_SPY = str(Path(sys.executable).parent / "py-spy")
HCDASH = str(Path(sys.executable).parent / "hcdash")
RATE = 200  # samples per second
SPY = (PY_SPY, "record", "--rate", str(RATE), "--format", "raw", "--nolineno")
OURS = re.compile(r"\((hcdash/|app\.py|pages/)")  # a frame of hcdash's code
FILE = re.compile(r"\(([^:)]+)")  # the file of a frame: "func (package/module.py:12)"
RERUN_PAGES = ("pages/1_Krapte.py", "pages/3_LLO_Energy.py", "app.py")


@dataclass
class Profile:
    title: str
    seconds: float  # wall time of what was profiled
    stacks: dict[str, int]  # "outer;...;inner" -> samples
    notes: str = ""

    @property
    def samples(self) -> int:
        return sum(self.stacks.values())

    def share(self, keep) -> float:
        return sum(n for stack, n in self.stacks.items() if keep(stack)) / max(1, self.samples)

    def own_time_by_package(self, top: int = 8) -> list[tuple[str, float]]:
        counts = collections.Counter()
        for stack, n in self.stacks.items():
            counts[_package(stack.rsplit(";", 1)[-1])] += n
        return [(name, n / self.samples) for name, n in counts.most_common(top)]

    def our_functions(self, top: int = 12) -> list[tuple[str, float]]:
        counts = collections.Counter()
        for stack, n in self.stacks.items():
            for frame in {f for f in stack.split(";") if OURS.search(f)}:
                counts[frame] += n
        return [(name, n / self.samples) for name, n in counts.most_common(top)]


def _package(frame: str) -> str:
    found = FILE.search(frame)
    if not found:
        return "(native)"
    path = found.group(1)
    if path.startswith("<frozen importlib"):
        return "import machinery"
    if path.startswith("<"):
        return path
    first = path.split("/")[0]
    return first.removesuffix(".py") if first.endswith(".py") else first


def _importing(stack: str) -> bool:
    return "_find_and_load (<frozen importlib._bootstrap>" in stack


def read_raw(path: Path) -> dict[str, int]:
    stacks: dict[str, int] = {}
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            stacks[stack] = stacks.get(stack, 0) + int(count)
    return stacks


def spy_on(pid: int, out: Path) -> subprocess.Popen:
    """py-spy sampling ``pid`` until it is sent SIGINT (then it writes ``out``)."""
    return subprocess.Popen(
        [*SPY, "--pid", str(pid), "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def spy_run(command: list[str], out: Path, env: dict | None = None) -> float:
    """Run ``command`` under py-spy; its wall time."""
    start = time.perf_counter()
    subprocess.run(
        [*SPY, "--output", str(out), "--", *command],
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def cold_start(folder: Path, store: str) -> Profile:
    from playwright.sync_api import sync_playwright

    out = folder / "cold.txt"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        start = time.perf_counter()
        spy: list[subprocess.Popen] = []  # attached as soon as the server exists: imports too
        server = DashboardServer(
            folder,
            {"HCDASH_STORE": store, "HCDASH_DATA_PATH": ""},
            on_spawn=lambda pid: spy.append(spy_on(pid, out)),
        )
        server.start()
        healthy = time.perf_counter() - start
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(f"{server.url}/")
        page.wait_for_selector(".js-plotly-plot .gtitle", timeout=120_000)
        shown = time.perf_counter() - start
        spy[0].send_signal(signal.SIGINT)
        spy[0].wait(timeout=60)
        server.stop()
        browser.close()
    return Profile(
        "Cold start: `streamlit run` until Chromium shows the first chart (Overzicht)",
        shown,
        read_raw(out),
        f"The server answered its health check after {healthy:.2f} s; the first chart was "
        f"drawn after {shown:.2f} s. The server process was sampled from its start until then.",
    )


def reruns(folder: Path, store: str, script: str, runs: int) -> Profile:
    out = folder / f"rerun-{Path(script).stem}.txt"
    seconds = spy_run([sys.executable, "-c", RERUN, store, "", str(runs), script], out)
    return Profile(
        f"Page rerun, caches cleared: {script} ({runs} reruns, after one first run)",
        seconds,
        read_raw(out),
        "One process: AppTest starts the page once, then reruns it with every cache of data "
        "cleared, as bench_pages.py measures it. The start (imports, the first run) is in the "
        "profile too; the tables show what dominates.",
    )


def import_file(folder: Path, rows: int) -> Profile:
    database = folder / "import.duckdb"
    store = open_store(str(database))
    try:
        ensure_schema(store)
        register_bench_indicators(store)
    finally:
        store.close()
    csv = write_long_csv(folder / "import.csv", rows)
    out = folder / "import.txt"
    seconds = spy_run(
        [HCDASH, "--db", str(database), "import", str(csv), *LOAD_ANYWAY],
        out,
    )
    return Profile(f"`hcdash import` of {rows:,} rows, whole process", seconds, read_raw(out))


STYLED = """
import json, sys, time
import numpy as np, pandas as pd
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData
from hcdash.views.common import display_table
out = {}
for rows in map(int, sys.argv[1:]):
    frame = pd.DataFrame({"Regio": ["Twente"] * rows, "Periode": ["jan 2020"] * rows,
                          "Waarde": np.linspace(0, 5000, rows), "Voorlopig": ["nee"] * rows})
    start = time.perf_counter()
    marshall_styler(ArrowData(), display_table(frame, "nl", {"Waarde": 1}), "t")
    out[rows] = time.perf_counter() - start
print(json.dumps(out))
"""
STYLED_ROWS = (500, 2_000, 8_000)


def styled_tables() -> list[str]:
    """What a table under a chart costs Streamlit to send, by its length: a pandas Styler (the
    numbers in the page's format, views.common.display_table) is marshalled cell by cell."""
    done = subprocess.run(
        [sys.executable, "-c", STYLED, *map(str, STYLED_ROWS)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    seconds = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        "### A chart's table, styled, by length\n",
        "`st.dataframe` of a 4-column table through `display_table` (one run each, after the "
        "imports): Streamlit marshals a Styler cell by cell.\n",
        "| rows | marshalling |",
        "|---:|---:|",
        *(f"| {int(rows):,} | {1000 * value:.0f} ms |" for rows, value in seconds.items()),
        "",
    ]


def report(profiles: list[Profile], made: dict, started: str, tables: list[str]) -> str:
    lines = [
        f"Run {started} on {machine()}\n",
        "## Profiles (py-spy)\n",
        f"Store: {made}. Shares are of the samples of running threads ({RATE} per second).\n",
    ]
    for profile in profiles:
        lines += [
            f"### {profile.title}\n",
            f"Wall time {profile.seconds:.2f} s, {profile.samples:,} samples. {profile.notes}\n",
            f"Importing modules: {100 * profile.share(_importing):.0f}% of the samples.\n",
            "| own time, by package | share |",
            "|---|---:|",
            *(f"| {name} | {100 * share:.0f}% |" for name, share in profile.own_time_by_package()),
            "",
            "| hcdash function (all time under it) | share |",
            "|---|---:|",
            *(
                f"| `{name}` | {100 * share:.0f}% |"
                for name, share in profile.our_functions()
                if share >= 0.01
            ),
            "",
        ]
    return "\n".join(lines + tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-profiles-") as tmp:
        folder = Path(tmp)
        path = folder / "national.duckdb"
        store = open_store(str(path))
        made = build(store, args.rows)
        store.close()
        profiles = [cold_start(folder, str(path))]
        profiles += [reruns(folder, str(path), script, args.reruns) for script in RERUN_PAGES]
        profiles.append(import_file(folder, args.import_rows))
    publish(report(profiles, made, started, styled_tables()), args.output)


if __name__ == "__main__":
    main()
