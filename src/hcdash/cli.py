"""The ``hcdash`` command: the data commands, on the same core as the dashboard."""

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hcdash import (
    __version__,
    access,
    backup,
    boundaries,
    checks,
    config,
    demo,
    export,
    ingest,
    maintenance,
    neighbours,
    notes_file,
    queries,
    register,
    reports,
    sources,
    stand,
    store,
    uploads,
)
from hcdash.errors import HcdashError
from hcdash.i18n import DEFAULT_LANG, LANGS
from hcdash.ingest import duo
from hcdash.ingest.model import LAYOUTS
from hcdash.migrations import ensure_schema, schema_version
from hcdash.periods import parse_period
from hcdash.sources import refresh, transport
from hcdash.store.base import Wait
from hcdash.vocabulary import COMPARISONS, DEFAULT_COMPARISON


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except HcdashError as exc:
        print(f"hcdash: error: {exc}{_hint(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `hcdash export | head`
        return 0


def _hint(exc: HcdashError) -> str:
    """What the command line adds to an error: how to wait longer for a busy store."""
    return ", or wait longer (--wait SECONDS)" if exc.code == "store_busy" else ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hcdash", description="Human capital dashboard for Regio Oost: data commands."
    )
    parser.add_argument("--version", action="version", version=f"hcdash {__version__}")
    parser.add_argument(
        "--store",
        "--db",
        dest="store",
        metavar="STORE",
        help=f"a database file, or ducklake:postgres:<connection string> (default: "
        f"${config.STORE_ENV_VAR}, else data/hcdash.duckdb)",
    )
    parser.add_argument(
        "--data-path",
        metavar="DIR",
        help=f"the shared store's Parquet folder (default: ${config.DATA_PATH_ENV_VAR})",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=store.DEFAULT_WAIT_SECONDS,
        metavar="SECONDS",
        help="how long to wait for a database that another process uses (default: "
        f"{store.DEFAULT_WAIT_SECONDS:g})",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create the database (or bring its schema up to date)")
    init.add_argument("--demo", action="store_true", help="also load the demo data (Voorbeelddata)")
    init.set_defaults(run=cmd_init)

    info = commands.add_parser("info", help="database path, schema version, counts, coverage")
    info.set_defaults(run=cmd_info)

    exp = commands.add_parser("export", help="current values in long format")
    exp.add_argument("--indicator", action="append", default=[], metavar="CODE")
    exp.add_argument("--region", action="append", default=[], metavar="SLUG")
    exp.add_argument("--sector", action="append", default=[], metavar="SLUG")
    exp.add_argument("--from", dest="period_from", metavar="PERIOD", help="e.g. 2020, 2020-Q1")
    exp.add_argument("--to", dest="period_to", metavar="PERIOD", help="inclusive, e.g. 2024-Q4")
    exp.add_argument(
        "--format",
        choices=export.FORMATS,
        default=None,
        help="default: from the file extension, else csv",
    )
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    exp.set_defaults(run=cmd_export)

    sheet = commands.add_parser("factsheet", help="one region's figures on one A4 page (PDF)")
    sheet.add_argument("--region", required=True, metavar="SLUG", help="e.g. twente")
    sheet.add_argument("--stand", help="the data as they were: an upload number or a date")
    sheet.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    sheet.add_argument(
        "--vergelijk",
        default=DEFAULT_COMPARISON,
        choices=tuple(COMPARISONS),
        help="compare with Regio Oost (default), the Netherlands or the 5 most similar regions",
    )
    sheet.add_argument(
        "--thema",
        choices=tuple(neighbours.THEMES),
        help="with --vergelijk vergelijkbaar: similar in labour (default), economy or population",
    )
    sheet.add_argument("-o", "--output", required=True, metavar="FILE")
    sheet.add_argument(
        "--base-url",
        help=f"the dashboard's address, for the printed link (default: ${config.BASE_URL_ENV_VAR}"
        f" or {config.DEFAULT_BASE_URL})",
    )
    sheet.set_defaults(run=cmd_factsheet)

    nb = commands.add_parser("neighbours", help="the regions most like one region, per theme")
    nb.add_argument("--region", required=True, metavar="SLUG", help="e.g. twente")
    nb.add_argument("--theme", choices=tuple(neighbours.THEMES), default=neighbours.DEFAULT_THEME)
    nb.add_argument(
        "--n",
        type=int,
        choices=range(1, neighbours.MAX_N + 1),
        default=neighbours.DEFAULT_N,
        metavar="N",
        help=f"how many (1 to {neighbours.MAX_N}; default {neighbours.DEFAULT_N})",
    )
    nb.set_defaults(run=cmd_neighbours)

    imp = commands.add_parser("import", help="validate and load an indicator file (CSV or xlsx)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and preview; load nothing")
    imp.add_argument("--sheet", help="Excel sheet (default: the first)")
    imp.add_argument("--decimal", choices=[",", "."], help="decimal separator (default: detect)")
    imp.add_argument("--delimiter", choices=[";", ",", "tab"], help="default: detect")
    imp.add_argument("--layout", choices=LAYOUTS, help="default: detect from the header")
    imp.add_argument(
        "--valid-only",
        action="store_true",
        help="load the valid values even when other rows have problems",
    )
    imp.add_argument(
        "--accept-warnings",
        action="store_true",
        help="load although the plausibility checks warn (the warnings are kept with the upload)",
    )
    imp.add_argument("--author", help="who loads it (default: $HCDASH_AUTHOR or your user name)")
    imp.add_argument(
        "--source",
        choices=["file", "duo", "register"],
        default="file",
        help="file: indicator file (default); duo: DUO hbo/wo open data; "
        "register: initiatives, programmes or organisations",
    )
    imp.add_argument("--level", choices=duo.LEVELS, help="DUO files: hbo or wo (default: detect)")
    imp.add_argument(
        "--source-label",
        metavar="TEXT",
        help="source of the values (default: each indicator's source)",
    )
    imp.add_argument(
        "--rejected",
        type=Path,
        metavar="FILE",
        help="write the rejected rows with their reasons to this CSV",
    )
    imp.add_argument("--max-mb", type=float, help="size limit in MB (default: 50)")
    imp.set_defaults(run=cmd_import)

    rf = commands.add_parser(
        "refresh", help="fetch the public sources (CBS, DUO, UWV) and load what changed"
    )
    rf.add_argument("--source", choices=[*sources.CONNECTORS, "all"], default="all")
    rf.add_argument(
        "--offline",
        type=Path,
        metavar="DIR",
        help="replay the recorded answers in DIR (its manifest.json) instead of the internet",
    )
    rf.add_argument("--dry-run", action="store_true", help="show what would change; load nothing")
    rf.add_argument(
        "--timeout",
        type=float,
        default=transport.DEFAULT_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"per request (default {transport.DEFAULT_TIMEOUT_SECONDS:g})",
    )
    rf.add_argument("--proxy", metavar="URL", help="an HTTP(S) proxy (default: $HTTPS_PROXY)")
    rf.add_argument("--author", help="who loads it (default: $HCDASH_AUTHOR or your user name)")
    rf.set_defaults(run=cmd_refresh)

    ck = commands.add_parser(
        "check", help="audit the whole store against the plausibility checks (exit 1: a refusal)"
    )
    ck.add_argument("--stand", help="the data as they were: an upload number or a date")
    ck.add_argument(
        "--limit", type=int, default=10, metavar="N", help="findings listed per rule (default 10)"
    )
    ck.set_defaults(run=cmd_check)

    src = commands.add_parser("sources", help="the public sources, their tables and last refresh")
    src.set_defaults(run=cmd_sources)

    ups = commands.add_parser("uploads", help="list uploads, newest first")
    ups.add_argument("--limit", type=int, default=50)
    ups.set_defaults(run=cmd_uploads)

    rb = commands.add_parser("rollback", help="undo an upload and restore what it superseded")
    rb.add_argument("upload_id", type=int, metavar="ID")
    rb.set_defaults(run=cmd_rollback)

    bd = commands.add_parser("boundaries", help="store region boundaries (GeoJSON or TopoJSON)")
    bd.add_argument("file", type=Path)
    bd.set_defaults(run=cmd_boundaries)

    bk = commands.add_parser("backup", help="write the whole database to a folder (Parquet)")
    bk.add_argument("folder", type=Path)
    bk.set_defaults(run=cmd_backup)

    rs = commands.add_parser(
        "restore", help="create the database (a new file or an empty lake) from a backup folder"
    )
    rs.add_argument("folder", type=Path)
    rs.set_defaults(run=cmd_restore)

    cp = commands.add_parser("copy", help="copy the whole store to a new store (file or lake)")
    cp.add_argument(
        "--to",
        required=True,
        metavar="STORE",
        help="a new database file, or ducklake:postgres:<connection string>",
    )
    cp.add_argument(
        "--data-path",
        dest="to_data_path",
        metavar="DIR",
        help="the Parquet folder of the target lake",
    )
    cp.set_defaults(run=cmd_copy)

    mt = commands.add_parser("maintain", help="compact the store; remove what it no longer needs")
    mt.add_argument(
        "--keep-days",
        type=float,
        default=maintenance.KEEP_DAYS,
        metavar="DAYS",
        help=f"lake: keep DuckLake snapshots this many days (default {maintenance.KEEP_DAYS:g})",
    )
    mt.set_defaults(run=cmd_maintain)

    nt = commands.add_parser("notes", help="notes on series: list, import a notes file, export")
    notes_commands = nt.add_subparsers(title="notes commands", required=True, metavar="ACTION")
    nl = notes_commands.add_parser("list", help="the current notes (or as they were: --stand)")
    nl.add_argument("--stand", help="as after upload N, or at a date (YYYY-MM-DD)")
    nl.set_defaults(run=cmd_notes_list)
    ni = notes_commands.add_parser("import", help="validate and load a notes file (CSV or xlsx)")
    ni.add_argument("file", type=Path)
    ni.add_argument("--dry-run", action="store_true", help="validate; load nothing")
    ni.add_argument("--author", help="who loads it (default: $HCDASH_AUTHOR or your user name)")
    ni.set_defaults(run=cmd_notes_import)
    ne = notes_commands.add_parser("export", help="the current notes as CSV, as a notes file")
    ne.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    ne.set_defaults(run=cmd_notes_export)

    hp = commands.add_parser("hash-password", help="make the analyst password hash to configure")
    hp.set_defaults(run=cmd_hash_password)
    return parser


@contextmanager
def _opened(args, *, create: bool = False) -> Iterator[store.Store]:
    """The store the options name, with its schema up to date; closed afterwards. A missing
    embedded file is an error unless ``create``."""
    spec = config.store_spec(args.store)
    target = store.open_store(spec, config.data_path(args.data_path), who=_who(args))
    try:
        if not create and isinstance(target, store.EmbeddedStore) and not target.exists():
            raise HcdashError(code="no_database", path=spec)
        with target.waiting(**_waits(args)):
            ensure_schema(target)
            yield target
    finally:
        target.close()


def _who(args) -> str:
    return f"hcdash {args.run.__name__.removeprefix('cmd_').replace('_', '-')}"


def _waits(args) -> dict:
    """How a command waits for the database: ``--wait`` seconds, saying so on stderr."""

    def say(reason: Wait) -> None:
        print(f"hcdash: {reason} (up to {args.wait:g} s; --wait sets it)", file=sys.stderr)

    return {"wait": args.wait, "on_wait": say}


def cmd_init(args) -> int:
    existed = (
        not config.is_lake(config.store_spec(args.store))
        and Path(config.store_spec(args.store)).exists()
    )
    with _opened(args, create=True) as target:
        with target.reading() as con:
            version = schema_version(con)
        verb = "Opened" if existed else "Created"
        print(f"{verb} {target.describe()} (schema version {version})")
        if args.demo:
            result = demo.load_demo(target)
            if result.upload_id is None:
                print("Demo data is (or was) present; nothing loaded.")
            else:
                print(f"Loaded {result.rows:,} demo observations as upload {result.upload_id}.")
    return 0


def cmd_info(args) -> int:
    with _opened(args) as target, target.reading() as con:
        status = queries.Reader(con).data_status()
        print(f"Store:           {target.describe()}")
        print(f"Schema version:  {schema_version(con)}")
        print(f"Store version:   {store.version(con)}")
        print(f"Demo data:       {'yes (Voorbeelddata)' if status['demo'] else 'no'}")
        print(f"Last upload:     {status['last_upload_at'] or '-'}")
        print("\nRows per table:")
        for table, count in queries.Reader(con).table_counts().items():
            print(f"  {table:<28}{count:>12,}")
        print("\nIndicators:")
        cov = queries.Reader(con).coverage()
        print(f"  {'code':<28}{'values':>9}  {'grain':<8} {'first':<8} {'last':<8} provisional")
        cov = cov.astype(object).where(cov.notna(), "-")
        for row in cov.itertuples():
            print(
                f"  {row.indicator:<28}{row.values:>9,}  {row.grain:<8} "
                f"{row.first_period:<8} {row.last_period:<8} {row.provisional:,}"
            )
    return 0


def cmd_export(args) -> int:
    fmt = args.format or _format_from_name(args.output)
    filters = queries.Filters(
        indicators=tuple(args.indicator),
        regions=tuple(args.region),
        sectors=tuple(args.sector),
        period_from=parse_period(args.period_from) if args.period_from else None,
        period_to=parse_period(args.period_to) if args.period_to else None,
    )
    if fmt != "csv" and not args.output and sys.stdout.isatty():
        print(f"hcdash: error: {fmt} is binary; write it to a file with -o FILE", file=sys.stderr)
        return 1
    with _opened(args) as target, target.reading() as con:
        queries.Reader(con).validate_filters(filters)
        frame = export.export_frame(con, filters)
    data = export.to_bytes(frame, fmt)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"Wrote {len(frame):,} rows to {args.output} ({fmt}).", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_factsheet(args) -> int:
    from hcdash import factsheet  # plotly and kaleido: a quarter second every other command saves

    with _opened(args) as target, target.reading() as con:
        data = factsheet.make(
            con,
            args.region,
            args.lang,
            asked_stand=args.stand,
            base=config.base_url(args.base_url),
            comparison=args.vergelijk,
            theme=args.thema or "",
        )
    Path(args.output).write_bytes(data)
    print(f"Wrote the factsheet to {args.output} ({len(data):,} bytes).", file=sys.stderr)
    return 0


def cmd_neighbours(args) -> int:
    with _opened(args) as target, target.reading() as con:
        found = neighbours.find(queries.Reader(con), args.region, args.theme, args.n)
    keys = ", ".join(f.key for f in neighbours.THEMES[args.theme])
    print(f"Regions most like {args.region}, theme {args.theme} ({keys}):")
    print("  z-scores over the regions compared; Euclidean distance (0 = the same)")
    for rank, row in enumerate(found.ranked.itertuples(), start=1):
        drivers = ", ".join(f"{key} {share:.0%}" for key, share in row.drivers)
        print(f"  {rank:>2}. {row.region:<30}{row.distance:>7.2f}   {drivers}")
    for region, lacking in found.left_out.items():
        print(f"  left out: {region} (lacks {', '.join(lacking)})")
    if found.constant:
        print(f"  not used (the same in every region): {', '.join(found.constant)}")
    return 0


def cmd_import(args) -> int:
    if not args.file.is_file():
        print(f"hcdash: error: no such file: {args.file}", file=sys.stderr)
        return 2
    if args.source == "duo":
        return _import_duo(args)
    if args.source == "register":
        return _import_register(args)
    options = ingest.Options(
        sheet=args.sheet,
        decimal=args.decimal,
        layout=args.layout,
        valid_only=args.valid_only,
        delimiter="\t" if args.delimiter == "tab" else args.delimiter,
        author=_author(args),
        source=args.source_label,
        max_bytes=int(args.max_mb * 1024 * 1024) if args.max_mb else None,
    )
    with _opened(args) as target, target.connection() as con:
        with target.reading(con, snapshot=False):
            staged = ingest.prepare(con, args.file, args.file.name, options)
        try:
            return _report_import(target, staged, options, args)
        finally:
            staged.drop()


def _author(args) -> str:
    return args.author or os.environ.get("HCDASH_AUTHOR") or getpass.getuser()


def _report_import(target, staged, options, args) -> int:
    preview = staged.preview
    print(reports.summary(preview))
    if args.rejected and preview.problem_count:
        ingest.rejected(staged).to_csv(args.rejected, index=False)
        print(f"Rejected rows with their reasons: {args.rejected}")
    if preview.problem_count:
        print(reports.problems(preview), file=sys.stderr)
        if not options.valid_only:
            print("Nothing was loaded. Fix the file, or use --valid-only.", file=sys.stderr)
            return 1
    found = preview.findings
    if found.counts:
        print(reports.findings(found), file=sys.stderr)
    if found.refusals:
        print("Nothing was loaded: the plausibility checks refuse it.", file=sys.stderr)
        return 1
    if preview.already_loaded_as is not None:
        print(
            f"This file was already loaded as upload {preview.already_loaded_as}; nothing loaded."
        )
        return 0
    if args.dry_run:
        if found.warnings:
            print("Loading it needs --accept-warnings (the warnings are kept with the upload).")
        print("Dry run: nothing loaded.")
        return 0
    if found.warnings and not args.accept_warnings:
        print(
            f"Nothing was loaded: {found.warnings:,} plausibility warning(s). Check them; "
            "load anyway with --accept-warnings.",
            file=sys.stderr,
        )
        return 1
    loaded = ingest.commit(target, staged, options)
    print(
        f"Loaded {loaded.new + loaded.changed:,} values as upload {loaded.upload_id} "
        f"(author {options.author}){_with_warnings(loaded)}."
    )
    return 0


def _with_warnings(loaded: uploads.Loaded) -> str:
    if not loaded.warnings:
        return ""
    return f", with {loaded.warnings:,} plausibility warning(s) kept with it"


def _import_duo(args) -> int:
    return _import_other(
        args,
        prepare=lambda con: duo.prepare(con, args.file, args.file.name, args.level),
        summary=reports.duo_summary,
        commit=duo.commit,
        loaded=lambda report: f"{len(report.observations):,} values",
    )


def _import_register(args) -> int:
    return _import_other(
        args,
        prepare=lambda con: register.prepare(con, args.file, args.file.name),
        summary=lambda staged: (
            f"File:      {args.file.name} (register: {staged.kind}, {len(staged.records)} records)"
        ),
        commit=register.commit,
        loaded=lambda staged: f"{len(staged.records)} records",
    )


def _import_other(args, *, prepare, summary, commit, loaded) -> int:
    """DUO and register files: prepare, summarise, refuse on problems, else load."""
    with _opened(args) as target:
        with target.reading(snapshot=False) as con:
            staged = prepare(con)
        print(summary(staged))
        if staged.problem_count:
            print("\n".join(f"error: {p}" for p in staged.problems), file=sys.stderr)
            shown = len(staged.problems)
            more = f" (the first {shown} shown)" if staged.problem_count > shown else ""
            print(f"{staged.problem_count} problem(s){more}. Nothing was loaded.", file=sys.stderr)
            return 1
        if args.dry_run:
            print("Dry run: nothing loaded.")
            return 0
        author = _author(args)
        upload_id = commit(target, staged, author)
        with target.reading() as con:
            recent = queries.Reader(con).uploads()
    warned = int(recent.loc[recent["id"] == upload_id, "warnings"].sum())
    print(f"Loaded {loaded(staged)} as upload {upload_id} (author {author}).")
    if warned:  # the publisher's figures load with their warnings; they are kept
        print(f"{warned:,} plausibility warning(s) kept with it; `hcdash uploads` counts them.")
    return 0


def cmd_refresh(args) -> int:
    """Every chosen source in turn; the first that fails stops the command (exit 1), after
    what the earlier ones loaded (each source is one upload of its own)."""
    replay = transport.Replay(args.offline) if args.offline else None
    via = replay or transport.Http(timeout=args.timeout, proxy=args.proxy)
    with _opened(args) as target:
        for connector in sources.chosen(args.source):
            outcome = refresh.refresh(
                target, connector, via, author=_author(args), dry_run=args.dry_run
            )
            print(reports.refresh_summary(outcome, dry_run=args.dry_run))
    return 0


def cmd_check(args) -> int:
    """Every plausibility rule on the whole store (or as it was: ``--stand``); exit 1 when a
    refusal rule finds something, so a scheduler can alert on it."""
    with _opened(args) as target, target.reading() as con, stand.pinned(con, args.stand):
        found = checks.audit(con, per_rule=args.limit)
    print(reports.audit(found))
    return 1 if found.refusals else 0


def cmd_sources(args) -> int:
    with _opened(args) as target, target.reading() as con:
        print(reports.sources_table(sources.CONNECTORS.values(), queries.Reader(con)))
    return 0


def cmd_uploads(args) -> int:
    with _opened(args) as target, target.reading() as con:
        print(reports.uploads_table(queries.Reader(con).uploads(args.limit)))
    return 0


def cmd_rollback(args) -> int:
    with _opened(args) as target:
        result = uploads.rollback(target, args.upload_id)
    print(
        f"Rolled back upload {args.upload_id}: {result['removed']:,} values removed, "
        f"{result['restored']:,} earlier values restored."
    )
    return 0


def cmd_notes_list(args) -> int:
    with _opened(args) as target, target.reading() as con, stand.pinned(con, args.stand):
        print(reports.notes_table(queries.Reader(con).notes()))
    return 0


def cmd_notes_import(args) -> int:
    return _import_other(
        args,
        prepare=lambda con: notes_file.prepare(con, args.file, args.file.name),
        summary=lambda staged: f"File:      {args.file.name} (notes: {len(staged.records)})",
        commit=notes_file.commit,
        loaded=lambda staged: f"{len(staged.records)} notes",
    )


def cmd_notes_export(args) -> int:
    with _opened(args) as target, target.reading() as con:
        frame = notes_file.as_file(queries.Reader(con).notes())
    frame.to_csv(args.output or sys.stdout, index=False, sep=";")
    return 0


def cmd_boundaries(args) -> int:
    if not args.file.is_file():
        print(f"hcdash: error: no such file: {args.file}", file=sys.stderr)
        return 2
    features = boundaries.read_features(args.file)
    with _opened(args) as target:
        result = boundaries.store(target, features, args.file.name)
    print(f"Stored {result['stored']} region boundaries from {args.file.name}.")
    if result["unknown"]:
        print("Not a known region code, left out: " + ", ".join(result["unknown"]))
    return 0


def cmd_backup(args) -> int:
    with _opened(args) as target:
        counts = backup.backup(target, args.folder)
    print(f"Backed up to {args.folder}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    return 0


def cmd_restore(args) -> int:
    spec = config.store_spec(args.store)
    if config.is_lake(spec):  # a new lake: through a file, then copied and compared
        target = store.open_store(spec, config.data_path(args.data_path), who=_who(args))
        try:
            with target.waiting(**_waits(args)):
                counts = backup.restore_into(target, args.folder)
        finally:
            target.close()
    else:
        counts = backup.restore(Path(spec), args.folder)
    print(
        f"Restored {spec} from {args.folder}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items())
    )
    return 0


def cmd_copy(args) -> int:
    if not config.is_lake(args.to) and Path(args.to).exists():
        raise HcdashError(code="copy_target_exists", path=args.to)
    with _opened(args) as source:
        target = store.open_store(args.to, args.to_data_path, who=_who(args))
        try:
            with target.waiting(**_waits(args)):
                counts = backup.copy(source, target)
        finally:
            target.close()
    print(
        f"Copied {source.describe()} to {target.describe()}; every table compared equal: "
        + ", ".join(f"{t} {n:,}" for t, n in counts.items())
    )
    return 0


def cmd_maintain(args) -> int:
    with _opened(args) as target:
        done = maintenance.maintain(target, keep_days=args.keep_days)
    print(f"Maintained {target.describe()}: " + "; ".join(done))
    return 0


def cmd_hash_password(args) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("Analyst password: ")
        if getpass.getpass("Again: ") != password:
            print("hcdash: error: the passwords differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < access.MIN_PASSWORD_LENGTH:
        print(
            f"hcdash: error: use at least {access.MIN_PASSWORD_LENGTH} characters", file=sys.stderr
        )
        return 1
    print(access.hash_password(password))
    print(
        f"Set it as {access.HASH_ENV_VAR}=... in the dashboard's environment, or as "
        "analyst_password_hash in .streamlit/secrets.toml.",
        file=sys.stderr,
    )
    return 0


def _format_from_name(name: str | None) -> str:
    suffix = Path(name).suffix.lower().lstrip(".") if name else ""
    return suffix if suffix in export.FORMATS else "csv"


if __name__ == "__main__":
    raise SystemExit(main())
