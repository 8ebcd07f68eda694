"""Every benchmark, drill and load level in one go; writes bench/results/REPORT.md (medians
and ratios against raw DuckDB measured in the same run, with the machine they ran on), headed by
every target and the figure measured for it.

    .venv/bin/python bench/run_all.py            # full: 1M and 10M imports (1M also into
                                                 # a lake), 10M pages and a server (also on
                                                 # a lake), load, drills, where the
                                                 # lake's time goes: about 30 min
    .venv/bin/python bench/run_all.py --quick    # smaller sizes, for a first look
    .venv/bin/python bench/run_all.py --report-only  # gather the latest results again

A report says which commit it measured, so it is written only from a work tree without changes
besides that commit (bench/results/ aside), and only from results that each carry that commit
(bench/common.publish stamps every result with its own): anything else is refused.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import commit, figures_path

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


# The targets of the issues (14, 12, 16), each with the figures a benchmark writes for it
# (bench/common.publish), one per store where it is measured on more than one, what it compares
# with, and how it is shown. A store's figure is its own row: the worst store is never hidden
# behind the best one.
ONE = (("", ""),)
PAGE_STORES = (("embedded", ""), ("lake", "lake_itself_"), ("lake, local copy", "local_copy_"))
SERVER_STORES = (("embedded", ""), ("lake replica", "lake_"))
IMPORT_STORES = (("embedded", ""), ("lake", "lake_"))
TARGETS = (
    (
        "query work per filter change, every page, cold",
        PAGE_STORES,
        "query_ratio_cold",
        1.2,
        "{:.2f}x",
    ),
    (
        "query work per filter change, every page, warm",
        PAGE_STORES,
        "query_ratio_warm",
        1.2,
        "{:.2f}x",
    ),
    ("page rerun, cold caches", PAGE_STORES, "rerun_ms", 300, "{:.0f} ms"),
    ("pinned view (`stand`) against the current view", ONE, "pinned_ratio", 1.5, "{:.2f}x"),
    (
        "lake against the embedded file, query work",
        (("lake itself", "lake_itself_"), ("the replica's local copy of the lake", "lake_")),
        "ratio",
        1.3,
        "{:.2f}x",
    ),
    ("server CPU per page view (worst load level)", ONE, "cpu_per_view_s", 0.15, "{:.3f} s"),
    (
        "server CPU per recipient of a shared link (a new session, its first view)",
        ONE,
        "cpu_per_shared_link_s",
        0.15,
        "{:.3f} s",
    ),
    ("failed views of shared links' recipients", ONE, "shared_link_failed", 0, "{:.0f}"),
    ("p95 latency at the busiest load level", ONE, "load_p95_s", 2.0, "{:.2f} s"),
    ("failed views at the busiest load level", ONE, "load_failed", 0, "{:.0f}"),
    ("cold start to the first rendered page", SERVER_STORES, "cold_start_s", 3.0, "{:.2f} s"),
    ("server memory after every page once", SERVER_STORES, "server_memory_mb", 400, "{:.0f} MB"),
    ("import, 1M rows, whole process: time", IMPORT_STORES, "import_time_ratio", 1.5, "{:.2f}x"),
    (
        "import, 1M rows, whole process: peak memory",
        IMPORT_STORES,
        "import_memory_ratio",
        1.5,
        "{:.2f}x",
    ),
    ("factsheet, warm", ONE, "factsheet_warm_s", 3.0, "{:.2f} s"),
    (
        "catalog drill: failed (a lake process ended, or did not read again)",
        ONE,
        "catalog_drill_failed",
        0,
        "{:.0f}",
    ),
)


class Refused(Exception):
    """A report that would not say what it claims to: results of another commit, or of code
    with changes besides its commit."""


RAN: list[str] = []  # the benchmarks this run ran (their reports' stems)


def run(script: str, *args: str, check: bool = True) -> str:
    RAN.append(Path(script).stem)
    out = RESULTS / f"{Path(script).stem}.md"
    subprocess.run(
        [sys.executable, str(HERE / script), *args, "--output", str(out)], check=check, cwd=HERE
    )
    return out.read_text()


def stamped(names: list[str]) -> dict[str, dict]:
    """The figures files beside the reports ``names`` (bench/common.publish), by report name."""
    out = {}
    for name in names:
        path = figures_path(RESULTS / name)
        if (RESULTS / name).exists():
            out[name] = json.loads(path.read_text()) if path.exists() else {}
    return out


def check_results(found: dict[str, dict], head: str) -> None:
    """Refuse results that were not measured on ``head`` with nothing changed besides it."""
    changed = ", with changes"
    wrong = [
        f"{name} ({data.get('commit', 'no commit')[:12]}{changed if data.get('dirty') else ''})"
        for name, data in found.items()
        if data.get("commit") != head or data.get("dirty") is not False
    ]
    if wrong:
        raise Refused(
            f"results not measured on the commit checked out ({head[:12]}) with nothing changed"
            f" besides it: {', '.join(wrong)}; run those benchmarks again (bench/run_all.py)"
        )


def targets(names: list[str]) -> str:
    """The targets table, from the figures the benchmarks ``names`` wrote beside their reports:
    one row per store a target is measured on."""
    found: dict = {}
    for data in stamped(names).values():
        found.update(data.get("figures", {}))
    lines = [
        "## Targets\n",
        "Each figure is from this run; where a page is named, it is the worst page's. A target"
        " measured on more than one store has a row per store.\n",
        "| measure | target | measured | met |",
        "|---|---:|---:|---|",
    ]
    for label, stores, key, target, shown in TARGETS:
        if key == "load_failed":
            users = found.get("load_users")
            label = f"failed views at {users} users" if users else label
        if key == "load_p95_s" and found.get("load_users"):
            label = f"p95 latency at {found['load_users']} users, a filter change every 5 s"
        for store, prefix in stores:
            lines.append(
                _target_row(
                    f"{label}: {store}" if store else label, found.get(prefix + key), target, shown
                )
            )
    return "\n".join(lines) + "\n"


def _target_row(label: str, value, target: float, shown: str) -> str:
    page = ""
    if isinstance(value, list):
        value, page = value
        page = f" ({page})"
    if value is None:
        return f"| {label} | ≤ {shown.format(target)} | not measured | – |"
    met = "yes" if value <= target else "**no**"
    return f"| {label} | ≤ {shown.format(target)} | {shown.format(value)}{page} | {met} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="only gather the latest results/*.md into REPORT.md (each must carry the commit"
        " checked out)",
    )
    args = parser.parse_args()
    try:
        head = clean_head()
        if args.report_only:
            check_results(stamped(list(NAMES)), head)
            parts = [(RESULTS / n).read_text() for n in NAMES if (RESULTS / n).exists()]
            _write([targets(NAMES), *parts], head)
            return
        measure(args.quick, head)
    except Refused as refused:
        raise SystemExit(f"run_all.py: refused: {refused}") from None


def clean_head() -> str:
    """The commit checked out; Refused when the code has changes besides it."""
    head, dirty = commit()
    if dirty:
        raise Refused(
            f"the work tree has changes besides {head[:12]} (git status): a report names the"
            " commit it measured, so commit or stash them first"
        )
    return head


def measure(quick: bool, head: str) -> None:
    big = "1000000" if quick else "10000000"
    parts = [
        run(
            "bench_import.py",
            "--rows",
            "1000000",
            big,
            "--runs",
            *(["3"] if quick else ["5", "--lake", "--lake-rows", "1000000"]),
        ),
        run(
            "bench_pages.py",
            "--rows",
            big,
            "--runs",
            *(["3"] if quick else ["5", "--lake"]),  # the full form: the lake as well
        ),
        run(
            "bench_server.py",
            "--rows",
            big,
            "--runs",
            *(["1"] if quick else ["3", "--lake"]),  # the full form: a replica on a lake
        ),
        run("bench_store_access.py", "--rows", big, "--runs", "3" if quick else "9"),
        run("bench_factsheet.py", "--rows", big, "--runs", "3" if quick else "8"),
        run(
            "drills.py",
            "--kills",
            "5" if quick else "20",
            "--rows",
            "300000" if quick else "2000000",
            "--rounds",
            "10" if quick else "50",
        ),
        run(
            "catalog_drill.py",
            "--breaks",
            "20" if quick else "60",
            check=False,  # a failed drill is in its report and its figures
        ),
        *([] if quick else [run("lake_gap.py", "--rows", big, "--runs", "9")]),
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
            "30" if quick else "60",
            check=False,  # failed views are in its report and its figures
        ),
    ]
    if clean_head() != head:
        raise Refused("the commit checked out changed during the run")
    ran = [n for n in NAMES if Path(n).stem in RAN]  # this run's, not an earlier run's
    check_results(stamped(ran), head)  # a benchmark of this run that wrote nothing
    _write(
        [targets(ran), *parts],
        head,
        "quick (1M observations, fewer runs and kills, 30 s per load level)" if quick else "full",
    )


def _write(parts: list[str], head: str, form: str = "gathered from the latest results") -> None:
    report = f"# hcdash benchmark report ({time.strftime('%Y-%m-%d %H:%M')})\n\n"
    report += f"Commit measured: {head}, with no other changes. Form: {form}.\n\n"
    report += "\n".join(parts)
    (RESULTS / "REPORT.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
