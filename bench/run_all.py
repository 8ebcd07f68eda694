"""Every benchmark, drill and load level in one go; writes bench/results/REPORT.md (medians
and ratios against raw DuckDB measured in the same run, with the machine they ran on), headed by
every target and the figure measured for it.

    .venv/bin/python bench/run_all.py            # full: 1M and 10M imports (1M also into
                                                 # a lake), 10M pages and a server (also on
                                                 # a lake), load, drills, where the
                                                 # lake's time goes: about 30 min
    .venv/bin/python bench/run_all.py --quick    # smaller sizes, for a first look
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import figures_path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
# The reports a run writes, in the order of REPORT.md.
NAMES = (
    "bench_import.md",
    "bench_pages.md",
    "bench_server.md",
    "load.md",
    "bench_store_access.md",
    "bench_factsheet.md",
    "drills.md",
    "catalog_drill.md",
    "lake_gap.md",
)


# The targets of the issues (14, 12, 16), each with the figure a benchmark writes for it
# (bench/common.publish), what it compares with, and how it is shown.
TARGETS = (
    ("query work per filter change, every page, cold", "query_ratio_cold", 1.2, "{:.2f}x"),
    ("query work per filter change, every page, warm", "query_ratio_warm", 1.2, "{:.2f}x"),
    ("page rerun, cold caches", "rerun_ms", 300, "{:.0f} ms"),
    ("pinned view (`stand`) against the current view", "pinned_ratio", 1.5, "{:.2f}x"),
    ("lake against the embedded file, query work", "lake_ratio", 1.3, "{:.2f}x"),
    ("server CPU per page view (worst load level)", "cpu_per_view_s", 0.15, "{:.3f} s"),
    ("p95 latency at the busiest load level", "load_p95_s", 2.0, "{:.2f} s"),
    ("failed views at the busiest load level", "load_failed", 0, "{:.0f}"),
    ("cold start to the first rendered page", "cold_start_s", 3.0, "{:.2f} s"),
    ("server memory after every page once", "server_memory_mb", 400, "{:.0f} MB"),
    ("import, 1M rows, whole process: time", "import_time_ratio", 1.5, "{:.2f}x"),
    ("import, 1M rows, whole process: peak memory", "import_memory_ratio", 1.5, "{:.2f}x"),
    ("factsheet, warm", "factsheet_warm_s", 3.0, "{:.2f} s"),
    (
        "catalog drill: failed (a lake process ended, or did not read again)",
        "catalog_drill_failed",
        0,
        "{:.0f}",
    ),
)


def run(script: str, *args: str, check: bool = True) -> str:
    out = RESULTS / f"{Path(script).stem}.md"
    subprocess.run(
        [sys.executable, str(HERE / script), *args, "--output", str(out)], check=check, cwd=HERE
    )
    return out.read_text()


def targets(names: list[str]) -> str:
    """The targets table, from the figures the benchmarks ``names`` wrote beside their reports."""
    found: dict = {}
    for name in names:
        path = figures_path(RESULTS / name)
        if path.exists():
            found.update(json.loads(path.read_text()))
    lines = [
        "## Targets\n",
        "Each figure is from this run; where a page is named, it is the worst page's.\n",
        "| measure | target | measured | met |",
        "|---|---:|---:|---|",
    ]
    for label, key, target, shown in TARGETS:
        if key == "load_failed":
            users = found.get("load_users")
            label = f"failed views at {users} users" if users else label
        if key == "load_p95_s" and found.get("load_users"):
            label = f"p95 latency at {found['load_users']} users, a filter change every 5 s"
        value = found.get(key)
        page = ""
        if isinstance(value, list):
            value, page = value
            page = f" ({page})"
        if value is None:
            lines.append(f"| {label} | ≤ {shown.format(target)} | not measured | – |")
            continue
        met = "yes" if value <= target else "**no**"
        lines.append(
            f"| {label} | ≤ {shown.format(target)} | {shown.format(value)}{page} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="only gather the latest results/*.md into REPORT.md",
    )
    args = parser.parse_args()
    if args.report_only:
        parts = [(RESULTS / n).read_text() for n in NAMES if (RESULTS / n).exists()]
        _write([targets(NAMES), *parts])
        return
    big = "1000000" if args.quick else "10000000"
    parts = [
        run(
            "bench_import.py",
            "--rows",
            "1000000",
            big,
            "--runs",
            *(["3"] if args.quick else ["5", "--lake", "--lake-rows", "1000000"]),
        ),
        run(
            "bench_pages.py",
            "--rows",
            big,
            "--runs",
            *(["3"] if args.quick else ["5", "--lake"]),  # the full form: the lake as well
        ),
        run(
            "bench_server.py",
            "--rows",
            big,
            "--runs",
            *(["1"] if args.quick else ["3", "--lake"]),  # the full form: a replica on a lake
        ),
        run("bench_store_access.py", "--rows", big, "--runs", "3" if args.quick else "9"),
        run("bench_factsheet.py", "--rows", big, "--runs", "3" if args.quick else "8"),
        run(
            "drills.py",
            "--kills",
            "5" if args.quick else "20",
            "--rows",
            "300000" if args.quick else "2000000",
            "--rounds",
            "10" if args.quick else "50",
        ),
        run(
            "catalog_drill.py",
            "--breaks",
            "20" if args.quick else "60",
            check=False,  # a failed drill is in its report and its figures
        ),
        *([] if args.quick else [run("lake_gap.py", "--rows", big, "--runs", "9")]),
        run(
            "load.py",
            "--rows",
            big,
            "--users",
            "1",
            "5",
            "10",
            "20",
            "--seconds",
            "30" if args.quick else "60",
            check=False,  # failed views are in its report and its figures
        ),
    ]
    _write(
        [targets(NAMES), *parts],
        "quick (1M observations, fewer runs and kills, 30 s per load level)"
        if args.quick
        else "full",
    )


def _commit() -> str:
    """The commit measured, marked when the code had changes besides it (the results this run
    writes do not count)."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    dirty = subprocess.run(
        [
            "git",
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ":(top)",
            ":(top,exclude)bench/results",
        ],
        capture_output=True,
        text=True,
        cwd=HERE,
    ).stdout.strip()
    return f"{head or 'unknown'}{' (with uncommitted changes)' if dirty else ''}"


def _write(parts: list[str], form: str = "gathered from the latest results") -> None:
    report = f"# hcdash benchmark report ({time.strftime('%Y-%m-%d %H:%M')})\n\n"
    report += f"Commit measured: {_commit()}. Form: {form}.\n\n"
    report += "\n".join(parts)
    (RESULTS / "REPORT.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
