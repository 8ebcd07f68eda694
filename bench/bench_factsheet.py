"""Time for one region factsheet (PDF) on a warm process, the target being at most 3 s.

A fresh process opens the store, makes one sheet (cold: it also starts the Chromium that
kaleido prints with) and then ``--runs`` more for the regions of Regio Oost in turn, timing
the data and layout apart from the printing. The store is built at ``--rows`` observations
with bench/national.py (the national-scale data behind every page).

    .venv/bin/python bench/bench_factsheet.py --rows 1000000 --runs 8
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, median, publish, run_child
from bench.national import build
from hcdash.store import open_store

TARGET_SECONDS = 3.0

SHEETS = """
import sys, time
from hcdash import factsheet, queries
from hcdash.store import open_store
from hcdash.views.common import Context
path, runs = sys.argv[1], int(sys.argv[2])
store = open_store(path)
with store.reading() as con:
    regions = factsheet.regions(Context(queries.Reader(con)))

def one(region):
    start = time.perf_counter()
    with store.reading() as con:
        ctx = Context(queries.Reader(con), "nl")
        content = factsheet.sheet(ctx, region, "https://hc.example/Regioprofiel", "1")
        fig = factsheet.figure(ctx, content)
    laid_out = time.perf_counter()
    data = factsheet.pdf(fig)
    done = time.perf_counter()
    assert data.startswith(b"%PDF") and region and content.headlines
    return laid_out - start, done - laid_out, done - start

cold = one(regions[0])
warm = [one(regions[i % len(regions)]) for i in range(1, runs + 1)]
_RESULT = {"cold": cold, "warm": warm}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.duckdb"
        store = open_store(str(path))
        made = build(store, args.rows)
        store.close()
        result = run_child(SHEETS, str(path), str(args.runs))
    warm = result["warm"]
    total = median([w[2] for w in warm])
    lines = [
        f"Run on {machine()}",
        "",
        f"## Region factsheet (PDF) at {made['rows']:,} observations",
        "",
        f"One process; the first sheet cold, then {args.runs} warm ones (medians).",
        "",
        "| sheet | data and layout | printing (kaleido) | total | target |",
        "|---|---:|---:|---:|---:|",
        "| first (starts Chromium) | {:.2f} s | {:.2f} s | {:.2f} s | – |".format(*result["cold"]),
        f"| warm | {median([w[0] for w in warm]):.2f} s | {median([w[1] for w in warm]):.2f} s"
        f" | {total:.2f} s | ≤ {TARGET_SECONDS:g} s "
        f"({'met' if total <= TARGET_SECONDS else 'not met'}) |",
        "",
        f"Peak memory of the process: {result['peak_mb']:,.0f} MB.",
        "",
    ]
    publish("\n".join(lines), args.output, {"factsheet_warm_s": total})


if __name__ == "__main__":
    main()
