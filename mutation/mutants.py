"""Mutation testing of the modules that compute or guard, with cosmic-ray (docs/testing.md).

    python mutation/mutants.py full [MODULE ...]   every mutant of the modules (hours); results
                                                   in mutation/results/, one JSON per module
    python mutation/mutants.py sample              CI's fixed sample (a few minutes): fails when
                                                   a sampled mutant survives that is not kept
    python mutation/mutants.py report [--write]    the scores and kept survivors of
                                                   docs/testing.md (--write: into it)

Each mutant is made in a copy of the work tree in a temporary folder (the tree itself is never
changed), and that module's own tests run against it (``MODULES``: fast tests, no browser or
server). A mutant survives when they all pass. A survivor we keep is listed in
``mutation/kept.toml`` with its reason; it is known by its module, operator, line and mutated
line (not by line number, so it stays known while the file changes around it).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "mutation"
RESULTS = HERE / "results"
KEPT = HERE / "kept.toml"
COSMIC_RAY = Path(sys.executable).parent / "cosmic-ray"

_PAGES = ["tests/test_figures_by_hand.py", "tests/test_summaries.py", "tests/test_pages.py"]
# Each module and the tests that are its judges: the fast ones that exercise it (no browser,
# no server), first the quickest, so a killed mutant usually stops early (pytest -x).
MODULES: dict[str, list[str]] = {
    "src/hcdash/links.py": ["tests/test_links.py"],
    "src/hcdash/metrics.py": ["tests/test_metrics.py", *_PAGES[:2]],
    "src/hcdash/views/common.py": _PAGES,
    "src/hcdash/views/data.py": ["tests/test_data_page.py"],
    "src/hcdash/views/initiatives.py": ["tests/test_register.py", *_PAGES],
    "src/hcdash/views/intake.py": _PAGES,
    "src/hcdash/views/llo.py": _PAGES,
    "src/hcdash/views/mismatch.py": _PAGES,
    "src/hcdash/views/overview.py": [*_PAGES, "tests/test_factsheet.py"],
    "src/hcdash/views/profile.py": [
        "tests/test_figures_by_hand.py",
        "tests/test_pages.py::test_region_profile_against_regio_oost",
        "tests/test_pages.py::test_region_profile_says_better_and_worse_as_its_chart_draws",
    ],
    "src/hcdash/views/shortage.py": _PAGES,
    "src/hcdash/views/sources.py": _PAGES,
    "src/hcdash/queries.py": ["tests/test_queries.py", "tests/test_stand.py", *_PAGES],
    "src/hcdash/access.py": ["tests/test_access.py"],
    "src/hcdash/uploads.py": [
        "tests/test_storage.py",
        "tests/test_stand.py",
        "tests/test_register.py",
        "tests/test_ingest_good.py",
    ],
    "src/hcdash/store/__init__.py": ["tests/test_storage.py", "tests/test_cli.py"],
    "src/hcdash/store/base.py": ["tests/test_storage.py", "tests/test_replicas.py"],
    "src/hcdash/store/embedded.py": ["tests/test_storage.py", "tests/test_replicas.py"],
    "src/hcdash/store/lake.py": ["tests/test_lake.py", "tests/test_storage.py"],
    "src/hcdash/store/localcopy.py": ["tests/test_local_copy.py", "tests/test_lake.py"],
    "src/hcdash/ingest/validate.py": ["tests/test_ingest_bad.py", "tests/test_ingest_good.py"],
}
# The lake's own modules are judged by the lake run (it starts a PostgreSQL cluster).
LAKE = {"src/hcdash/store/lake.py", "src/hcdash/store/localcopy.py"}

# CI's sample: these modules, and of their mutants the one in SAMPLE_EVERY (chosen by a hash
# of what the mutant changes, so the sample stays the same while the file changes elsewhere).
# Judged by the same tests as in a full run, so that the survivors a full run keeps are the
# ones the sample may meet.
SAMPLE_MODULES: dict[str, list[str]] = {
    m: MODULES[m]
    for m in ("src/hcdash/links.py", "src/hcdash/metrics.py", "src/hcdash/views/profile.py")
}
SAMPLE_EVERY = 12

# Operators left out: replacing + or < by a bit operator, a shift, a power, a modulo or an
# identity test makes code that fails on its first use (a type error) in all but a few cases;
# they add a third of the mutants and teach nothing the arithmetic and comparison swaps do not.
SKIPPED_OPERATORS = re.compile(
    r"core/ReplaceBinaryOperator_\w+_(BitAnd|BitOr|BitXor|LShift|RShift|Pow|Mod|FloorDiv)$"
    r"|core/ReplaceComparisonOperator_(?!Is)\w+_(Is|IsNot)$"
)
TIMEOUT_FACTOR, TIMEOUT_MIN = 3.0, 30.0  # a mutant's tests may take this much longer


@dataclass(frozen=True)
class Mutant:
    module: str
    operator: str
    line: str  # the line it changes, stripped
    mutated: str  # that line as the mutant has it (empty when it was not run)
    row: int
    outcome: str  # killed, survived, incompetent (the mutant could not run), skipped

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.module, self.operator, self.line, self.mutated)


def copy_tree(into: Path, root: Path = ROOT) -> None:
    """The work tree as it is (tracked files and new ones, not ignored ones) into ``into``, and
    beside it a link to the real data files beside the repository (tests/conftest.py)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    if (root.parent / "shared").is_dir():
        (into.parent / "shared").symlink_to(root.parent / "shared")
    for name in filter(None, (n.decode() for n in listed)):
        source = root / name
        if source.is_file() and not name.startswith(("bench/results/", "mutation/results/")):
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def test_command(tests: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]


def environment(tree: Path) -> dict[str, str]:
    """The copy's code first on the path (the venv's hcdash may be installed from elsewhere)."""
    return {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}"}


def spec_key(module: str, operator: str, line: str, column: int, occurrence: int) -> str:
    """A mutant's name before it runs: what it changes, not where the line is."""
    text = f"{module}|{operator}|{line.strip()}|{column - (len(line) - len(line.lstrip()))}"
    return hashlib.sha256(f"{text}|{occurrence}".encode()).hexdigest()


def run_module(
    module: str,
    tests: list[str],
    *,
    sample: bool,
    log,
    root: Path = ROOT,
    every: int = SAMPLE_EVERY,
) -> list[Mutant]:
    """Every mutant of ``module`` (or CI's sample of them: one in ``every``), each judged by
    ``tests``."""
    with tempfile.TemporaryDirectory(prefix="hcdash-mutants-") as folder:
        tree = Path(folder) / "tree"
        copy_tree(tree, root)
        env = environment(tree)
        started = time.monotonic()
        baseline = subprocess.run(
            test_command(tests), cwd=tree, env=env, capture_output=True, text=True
        )
        if baseline.returncode != 0:
            raise SystemExit(
                f"{module}: its tests fail without a mutant:\n{baseline.stdout[-3000:]}"
            )
        timeout = max(TIMEOUT_MIN, TIMEOUT_FACTOR * (time.monotonic() - started))
        config, session = Path(folder) / "cr.toml", Path(folder) / "session.sqlite"
        command = " ".join(f"'{part}'" for part in test_command(tests))
        config.write_text(
            "[cosmic-ray]\n"
            f'module-path = "{module}"\n'
            f"timeout = {timeout:.0f}\n"
            "excluded-modules = []\n"
            f'test-command = "{command.replace(chr(34), chr(92) + chr(34))}"\n'
            '[cosmic-ray.distributor]\nname = "local"\n'
        )
        cosmic = [str(COSMIC_RAY), "--verbosity", "ERROR"]
        subprocess.run([*cosmic, "init", str(config), str(session)], cwd=tree, env=env, check=True)
        lines = (tree / module).read_text().splitlines()
        chosen = _choose(session, lines, module, every if sample else 1)
        log(f"{module}: {chosen} mutants, up to {timeout:.0f} s each")
        try:
            subprocess.run(
                [*cosmic, "exec", str(config), str(session)],
                cwd=tree,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        except KeyboardInterrupt:  # stopped (Ctrl-C, or SIGTERM: main): keep what was judged
            log(f"{module}: stopped; the mutants judged so far are kept")
        return _results(session, lines, module)


def _choose(session: Path, lines: list[str], module: str, every: int) -> int:
    """Drop the skipped operators and all but one in ``every`` of the rest; how many are left."""
    with sqlite3.connect(session) as db:
        specs = db.execute(
            "SELECT job_id, operator_name, start_pos_row, start_pos_col, occurrence"
            " FROM mutation_specs"
        ).fetchall()
        drop = []
        for job, operator, row, column, occurrence in specs:
            key = spec_key(module, operator, lines[row - 1], column, occurrence)
            if SKIPPED_OPERATORS.match(operator) or int(key, 16) % every:
                drop.append((job,))
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", drop)
        db.executemany("DELETE FROM work_items WHERE job_id = ?", drop)
        return len(specs) - len(drop)


def _results(session: Path, lines: list[str], module: str) -> list[Mutant]:
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "SELECT s.operator_name, s.start_pos_row, r.worker_outcome, r.test_outcome, r.diff"
            " FROM mutation_specs s LEFT JOIN work_results r USING (job_id) ORDER BY 2, 1"
        ).fetchall()
    out = []
    for operator, row, worker, test, diff in rows:
        mutated = next(
            (
                d[1:].strip()
                for d in (diff or "").splitlines()
                if d.startswith("+") and d[1:2] != "+"
            ),
            "",
        )
        worker, test = (worker or "skipped").lower(), (test or "incompetent").lower()
        outcome = "skipped" if worker == "skipped" else test
        out.append(Mutant(module, operator, lines[row - 1].strip(), mutated, row, outcome))
    return out


def kept(path: Path = KEPT) -> dict[tuple, str]:
    """The survivors we keep, with their reasons (mutation/kept.toml)."""
    entries = tomllib.loads(path.read_text()).get("kept", []) if path.exists() else []
    return {(e["module"], e["operator"], e["line"], e["mutated"]): e["reason"] for e in entries}


def score(mutants: list[Mutant]) -> dict:
    judged = [m for m in mutants if m.outcome in ("killed", "survived")]
    killed = sum(m.outcome == "killed" for m in judged)
    known = kept()
    survivors = [m for m in judged if m.outcome == "survived"]
    return {
        "mutants": len(judged),
        "killed": killed,
        "survived": len(survivors),
        "kept": sum(m.key in known for m in survivors),
        "incompetent": sum(m.outcome == "incompetent" for m in mutants),
        "score": round(100 * killed / len(judged), 1) if judged else None,
    }


def full(modules: list[str], log) -> int:
    RESULTS.mkdir(exist_ok=True)
    for module in modules:
        if module not in MODULES:
            raise SystemExit(f"not a module of mutation/mutants.py: {module}")
        if (
            module in LAKE
            and not shutil.which("pg_ctl")
            and not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        ):
            log(f"{module}: skipped (its tests need PostgreSQL)")
            continue
        started = time.monotonic()
        tests = [*MODULES[module], *(["--store", "lake"] if module in LAKE else [])]
        mutants = run_module(module, tests, sample=False, log=log)
        summary = {
            "module": module,
            "commit": _commit(),
            "tests": MODULES[module],
            "seconds": round(time.monotonic() - started),
            "planned": len(mutants),  # those judged, and those a stopped run did not reach
            **score(mutants),
            "survivors": [asdict(m) for m in mutants if m.outcome == "survived"],
        }
        (RESULTS / f"{_name(module)}.json").write_text(json.dumps(summary, indent=1) + "\n")
        log(f"{module}: score {summary['score']}% ({summary['killed']}/{summary['mutants']})")
        if summary["mutants"] + summary["incompetent"] < summary["planned"]:
            return 1  # stopped: the modules after it are not begun
    return 0


def not_kept(mutants: list[Mutant], known: dict[tuple, str]) -> list[Mutant]:
    """The survivors that ``known`` (``kept()``) does not keep."""
    return [m for m in mutants if m.outcome == "survived" and m.key not in known]


def sample(
    log, modules=SAMPLE_MODULES, root: Path = ROOT, kept_path: Path = KEPT, every=SAMPLE_EVERY
) -> int:
    """CI's sample: a failure when a sampled mutant survives that is not kept."""
    started, known, unexplained = time.monotonic(), kept(kept_path), []
    for module, tests in modules.items():
        mutants = run_module(module, tests, sample=True, log=log, root=root, every=every)
        result = score(mutants)
        log(f"{module}: {result['killed']} of {result['mutants']} sampled mutants killed")
        unexplained += not_kept(mutants, known)
    log(f"mutation sample: {time.monotonic() - started:.0f} s")
    for m in unexplained:
        log(f"SURVIVED {m.module}:{m.row} {m.operator}\n  - {m.line}\n  + {m.mutated}")
    if unexplained:
        log(
            f"{len(unexplained)} sampled mutant(s) survived that mutation/kept.toml does not keep:"
            " kill each with a test, or keep it there with its reason (docs/testing.md)"
        )
        return 1
    return 0


def report() -> str:
    """The score table of docs/testing.md, from the last full runs."""
    lines = [
        "| module | judged by | mutants | killed | survived (kept) | score | commit |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    known = kept()  # as kept.toml says now, not as it said at the run
    for module, tests in MODULES.items():
        path = RESULTS / f"{_name(module)}.json"
        judges = ", ".join(
            f"`{Path(t).name}`" for t in dict.fromkeys(t.split("::")[0] for t in tests)
        )
        if not path.exists():
            lines.append(f"| `{module}` | {judges} | – | – | – | not run yet | |")
            continue
        r = json.loads(path.read_text())
        r["kept"] = sum(Mutant(**m).key in known for m in r["survivors"])
        planned = r.get("planned", r["mutants"] + r["incompetent"])
        stopped = (
            f" (stopped: {r['mutants'] + r['incompetent']} of {planned} run)"
            if r["mutants"] + r["incompetent"] < planned
            else ""
        )
        lines.append(
            f"| `{module}` | {judges} | {r['mutants']} | {r['killed']} | {r['survived']}"
            f" ({r['kept']}) | {r['score']}%{stopped} | {r['commit'][:7]} |"
        )
    return "\n".join(lines)


def kept_list() -> str:
    """Every survivor kept, with its reason, as docs/testing.md lists them."""
    entries = tomllib.loads(KEPT.read_text()).get("kept", []) if KEPT.exists() else []
    return "\n".join(
        f"- `{e['module']}`, {e['operator'].removeprefix('core/')}: `{e['line']}` →"
        f" `{e['mutated']}`. {e['reason']}"
        for e in entries
    )


DOCS = ROOT / "docs" / "testing.md"


def write_docs() -> None:
    """The scores and the kept survivors into docs/testing.md, between their markers."""
    text = DOCS.read_text()
    for marker, body in (("scores", report()), ("kept", kept_list())):
        text = re.sub(
            rf"<!-- {marker} -->.*?<!-- /{marker} -->",
            lambda _, m=marker, b=body: f"<!-- {m} -->\n{b}\n<!-- /{m} -->",
            text,
            count=1,
            flags=re.DOTALL,
        )
    DOCS.write_text(text)


def _name(module: str) -> str:
    return module.removeprefix("src/hcdash/").replace("/", "_").removesuffix(".py")


def _commit() -> str:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True)
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("full", "sample", "report"))
    parser.add_argument("modules", nargs="*", help="for full: these modules (default: all)")
    parser.add_argument("--write", action="store_true", help="for report: into docs/testing.md")
    args = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, flush=True)

    def stop(*_) -> None:  # a SIGTERM stops a long run as Ctrl-C does: what was judged is kept
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)

    if args.what == "full":
        return full(args.modules or list(MODULES), log)
    if args.what == "sample":
        return sample(log)
    if args.write:
        write_docs()
    print(report(), kept_list(), sep="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
