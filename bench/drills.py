"""Long forms of the reliability drills, with a Markdown report.

.venv/bin/python bench/drills.py --kills 20 --rows 2000000 --readers 10
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, publish
from bench.make_files import register_bench_indicators, write_long_csv
from hcdash import demo, drills, ingest
from hcdash.db import connect


def database(folder: Path) -> Path:
    path = folder / "drill.duckdb"
    con = connect(path)
    demo.load_demo(con)
    register_bench_indicators(con)
    con.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="hcdash-drill-") as tmp:
        folder = Path(tmp)
        db = database(folder)
        csv = write_long_csv(folder / "drill.csv", args.rows)
        crash = drills.crash_drill(db, csv, args.kills)
        reader_db = folder / "readers.duckdb"
        shutil.copy(db, reader_db)
        con = connect(reader_db)
        small = write_long_csv(folder / "readers.csv", min(args.rows, 500_000))
        reads = drills.concurrency_drill(
            con, lambda cursor: ingest.import_file(cursor, small, small.name,
                                                   ingest.Options(author="drill")),
            drills.CURRENT_PROBE,
            readers=args.readers, seconds=10,
        )  # fmt: skip
        con.close()
    text = (
        f"Run {started} on {machine()}\n\n## Reliability drills\n\n"
        f"Crash drill: {crash.runs} imports of {args.rows:,} rows killed with SIGKILL at random "
        f"moments: {crash.killed_mid_import} during the import, {crash.completed_before_kill} "
        f"after it had committed; database intact (exactly before, or exactly after and then "
        f"rolled back) {crash.intact} of {crash.runs} times; partial states: "
        f"{len(crash.broken)} {crash.broken}.\n\n"
        f"Concurrency drill: {reads.readers} readers, {reads.reads:,} reads while an upload of "
        f"{min(args.rows, 500_000):,} rows committed: {reads.old:,} saw the data before, "
        f"{reads.new:,} after, {len(reads.mixed)} a mix {reads.mixed}; errors: {len(reads.errors)} "
        f"{reads.errors}.\n"
    )
    publish(text, args.output)


if __name__ == "__main__":
    main()
