"""The catalog drill: a lake's connections to PostgreSQL are broken off again and again (as in
a PostgreSQL restart or a fail-over: ``pg_terminate_backend`` on the catalog database) while
reader threads of one process read the store, as a dashboard's page runs do.

DuckDB 1.5.5 then now and then fails inside ("INTERNAL Error: Attempted to access index 0
within vector of size 0") and invalidates its whole instance; closing a connection that still
holds a transaction then ends the process from C++ (Engine). The drill passes when the
process lives through every break, every failed read fails with an hcdash error (never
anything else), DuckDB failed inside at least once (else the drill proved nothing), and after
the last break every reader reads cleanly again, in the same process.

``mode`` is "guarded" (the real code) or "closing" (every connection closed at the end of its
session, as before the fix): tests/test_lake.py shows the drill catching "closing".

    .venv/bin/python bench/catalog_drill.py --breaks 60 --readers 6
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, machine, publish
from tests.support.pgcluster import PostgresCluster

MODES = ("guarded", "closing")
BREAK_EVERY_SECONDS = 0.3  # between two breaks: readers get some reads in between
PATIENCE_SECONDS = 120  # for the child to start, and to recover after the last break

# The child: reader threads on the lake; it says "ready", "fatal" (DuckDB failed inside) and,
# once stdin says the breaks are over and every reader has read cleanly again, "result {...}".
CHILD = """
import json, sys, threading, time
from hcdash import db
from hcdash.store.base import Engine
from hcdash.errors import HcdashError
from hcdash.store import open_store

spec, data_path, readers, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if mode == "closing":
    Engine.release = lambda self, con, committed=False: con.close()
store = open_store(spec, data_path)
stop, lock = threading.Event(), threading.Lock()
reads, failures, messages, other = [0] * readers, [0] * readers, {"hcdash": {}, "duckdb": {}}, []
clean_after = [None] * readers
ended = []

def read(n):
    while not stop.is_set():
        try:
            with store.reading(wait=30) as con:
                con.execute(
                    "SELECT region, sector, avg(value) FROM observations"
                    " WHERE removed_in IS NULL GROUP BY ALL"
                ).fetchall()
                con.execute("SELECT count(*) FROM uploads WHERE status = 'loaded'").fetchall()
            reads[n] += 1
            if ended and clean_after[n] is None:
                clean_after[n] = time.monotonic() - ended[0]
        except HcdashError as exc:
            failures[n] += 1
            text = str(exc).split(": ", 1)[-1][:90]
            # hcdash's own words, or DuckDB's text passed on as it was (the catch-all code)
            origin = "duckdb" if exc.code == "database" else "hcdash"
            with lock:
                messages[origin][text] = messages[origin].get(text, 0) + 1
            if "DuckDB failed inside" in str(exc):
                print("fatal", flush=True)
        except Exception as exc:  # not in hcdash's words: the drill fails
            with lock:
                other.append(repr(exc)[:200])

threads = [threading.Thread(target=read, args=(n,), daemon=True) for n in range(readers)]
for thread in threads:
    thread.start()
print("ready", flush=True)
sys.stdin.readline()  # the breaks are over
ended.append(time.monotonic())
deadline = ended[0] + float(sys.argv[5])
while None in clean_after and time.monotonic() < deadline:
    time.sleep(0.1)
stop.set()
for thread in threads:
    thread.join(60)
print("result " + json.dumps({
    "reads": sum(reads), "failed": sum(failures), "messages": messages, "other": other,
    "recovered_seconds": None if None in clean_after else max(clean_after),
}), flush=True)
store.close()
"""


@dataclass
class CatalogResult:
    mode: str
    readers: int
    breaks: int = 0  # breaks done (fewer when the process ended early)
    fatal: int = 0  # reads that met DuckDB failing inside
    returncode: int | None = None
    reads: int = 0
    failed: int = 0
    # the readers' error texts, counted, by origin: "hcdash" (in hcdash's own words) or
    # "duckdb" (DuckDB's text, passed on by hcdash's catch-all error as it was)
    messages: dict = field(default_factory=dict)
    other: list = field(default_factory=list)  # errors that were not hcdash's
    recovered_seconds: float | None = None  # from the last break to every reader reading again
    stderr: str = ""

    @property
    def survived(self) -> bool:
        return self.returncode == 0

    @property
    def passed(self) -> bool:
        return (
            self.survived
            and self.fatal > 0
            and not self.other
            and self.recovered_seconds is not None
        )


def catalog_drill(
    cluster: PostgresCluster,
    database: str,
    data_path: str,
    *,
    breaks: int = 60,
    readers: int = 6,
    mode: str = "guarded",
    enough_fatal: int = 3,
) -> CatalogResult:
    """Break the catalog connections of the lake whose catalog is ``database`` in ``cluster``
    up to ``breaks`` times (fewer once DuckDB failed inside ``enough_fatal`` times) under
    ``readers`` reader threads of a child process."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            cluster.spec(database),
            data_path,
            str(readers),
            mode,
            str(PATIENCE_SECONDS),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    result, lines = CatalogResult(mode, readers), []
    listener = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
    listener.start()
    deadline = time.monotonic() + PATIENCE_SECONDS
    while "ready\n" not in lines and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    while (
        child.poll() is None
        and result.breaks < breaks
        and lines.count("fatal\n") < enough_fatal
        and "ready\n" in lines
    ):
        time.sleep(BREAK_EVERY_SECONDS)
        cluster.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        )
        result.breaks += 1
    if child.poll() is None:
        child.stdin.write("done\n")
        child.stdin.flush()
    try:
        result.returncode = child.wait(timeout=PATIENCE_SECONDS + 60)
    except subprocess.TimeoutExpired:
        child.kill()
        result.returncode = child.wait()
    listener.join(timeout=10)
    result.stderr = child.stderr.read()[-2000:]
    result.fatal = lines.count("fatal\n")
    for line in lines:
        if line.startswith("result "):
            found = json.loads(line.removeprefix("result "))
            result.reads, result.failed = found["reads"], found["failed"]
            result.messages, result.other = found["messages"], found["other"]
            result.recovered_seconds = found["recovered_seconds"]
    return result


def report(result: CatalogResult, started: str) -> str:
    recovered = result.recovered_seconds
    worded = sum(result.messages.get("hcdash", {}).values())
    lines = [
        f"Run {started} on {machine()}",
        "",
        "## Catalog drill: PostgreSQL connections broken off under reads",
        "",
        f"`bench/catalog_drill.py --breaks {result.breaks} --readers {result.readers}` (mode"
        f" {result.mode}): a break every {BREAK_EVERY_SECONDS} s under {result.readers} reader"
        " threads of one process.",
        "",
        f"- breaks (pg_terminate_backend on the catalog database): {result.breaks}",
        f"- reads: {result.reads} succeeded, {result.failed} failed with an hcdash error class:"
        f" {worded} in hcdash's own words, {result.failed - worded} with DuckDB's own text passed"
        f" on as it was; {len(result.other)} failed otherwise",
        f"- DuckDB failed inside (instance invalidated, engine replaced): {result.fatal} times",
        f"- process: {'lived through every break' if result.survived else 'ENDED'} "
        f"(exit code {result.returncode})",
        "- every reader read cleanly again "
        + (f"{recovered:.2f} s after the last break" if recovered is not None else "NEVER"),
        f"- result: {'PASSED' if result.passed else 'FAILED'}",
        "",
        "The errors the readers saw, in hcdash's own words:",
        "",
        *_counted(result.messages.get("hcdash", {})),
        "",
        "and with DuckDB's own text (hcdash's catch-all error, the text as DuckDB gave it):",
        "",
        *_counted(result.messages.get("duckdb", {})),
    ]
    if not result.survived:
        lines += ["", "The end of the process's error output:", "", "```", result.stderr, "```"]
    return "\n".join(lines) + "\n"


def _counted(texts: dict) -> list[str]:
    return [f"- {count} x {text}" for text, count in sorted(texts.items())] or ["- none"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--breaks", type=int, default=60)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--mode", choices=MODES, default="guarded")
    parser.add_argument("--output", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    from hcdash import demo
    from hcdash.migrations import ensure_schema
    from hcdash.store import open_store

    started = time.strftime("%Y-%m-%d %H:%M")
    cluster = PostgresCluster().start()
    try:
        cluster.create_database("drill")
        with tempfile.TemporaryDirectory(prefix="hcdash-drill-") as folder:
            store = open_store(cluster.spec("drill"), folder)
            try:
                ensure_schema(store)
                demo.load_demo(store)
            finally:
                store.close()
            result = catalog_drill(
                cluster,
                "drill",
                folder,
                breaks=args.breaks,
                readers=args.readers,
                mode=args.mode,
                enough_fatal=args.breaks,  # all the breaks asked for
            )
    finally:
        cluster.stop()
    publish(report(result, started), args.output, {"catalog_drill_failed": int(not result.passed)})
    sys.exit(0 if result.passed else 1)


if __name__ == "__main__":
    main()
