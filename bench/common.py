"""Shared helpers for benchmarks: timing in fresh subprocesses, medians, machine description."""

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh Python; it prints one JSON object as its last line.

    The child's peak memory (max RSS in MB) is added as ``peak_mb``.
    """
    wrapper = (
        code
        + "\nimport resource as _r, json as _j\n"
        + "_RESULT['peak_mb'] = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024\n"
        + "print(_j.dumps(_RESULT))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def publish(text: str, output, figures: dict | None = None) -> None:
    """Print the Markdown report, and write it to ``output`` when given; ``figures`` (the
    measures that have a target, by name; bench/run_all.py TARGETS) go beside it as JSON,
    with the commit measured and whether the code had changes besides it."""
    print(text)
    if output:
        output.write_text(text)
        head, dirty = commit()
        stamped = {"commit": head, "dirty": dirty, "figures": figures or {}}
        figures_path(output).write_text(json.dumps(stamped, indent=1) + "\n")


def figures_path(output: Path) -> Path:
    return Path(output).with_suffix(".json")


def commit(root: Path = ROOT) -> tuple[str, bool]:
    """The commit checked out, and whether the work tree has changes besides it (new files
    included; the benchmarks' own results, bench/results/, do not count)."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=root
    ).stdout.strip()
    changes = subprocess.run(
        ["git", "status", "--porcelain", "--", ":(top)", ":(top,exclude)bench/results"],
        capture_output=True,
        text=True,
        cwd=root,
    ).stdout.strip()
    return head or "unknown", bool(changes)


def median(values) -> float:
    return statistics.median(values)


def machine() -> str:
    import duckdb

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM; Python {platform.python_version()},"
        f" DuckDB {duckdb.__version__}, {platform.system()} {platform.release()}"
    )
