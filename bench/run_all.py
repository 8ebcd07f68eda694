"""Every benchmark and drill in one go; writes bench/results/REPORT.md (medians and ratios
against raw DuckDB measured in the same run, with the machine they ran on).

    .venv/bin/python bench/run_all.py            # full: 1M and 10M imports, 10M pages, drills
    .venv/bin/python bench/run_all.py --quick    # smaller sizes, for a first look
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def run(script: str, *args: str) -> str:
    out = RESULTS / f"{Path(script).stem}.md"
    subprocess.run(
        [sys.executable, str(HERE / script), *args, "--output", str(out)], check=True, cwd=HERE
    )
    return out.read_text()


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
        names = (
            "bench_import.md",
            "import_1m.md",
            "import_10m.md",
            "bench_pages.md",
            "pages_10m.md",
            "bench_server.md",
            "bench_store_access.md",
            "bench_factsheet.md",
            "drills.md",
        )
        parts = [(RESULTS / n).read_text() for n in names if (RESULTS / n).exists()]
        _write(parts)
        return
    big = "1000000" if args.quick else "10000000"
    parts = [
        run("bench_import.py", "--rows", "1000000", big, "--runs", "3" if args.quick else "5"),
        run("bench_pages.py", "--rows", big, "--runs", "3" if args.quick else "5"),
        run("bench_server.py", "--rows", big, "--runs", "1" if args.quick else "3"),
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
    ]
    _write(parts, "quick (1M observations, fewer runs and kills)" if args.quick else "full")


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
