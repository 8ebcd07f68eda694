"""The ``hcdash`` command: init, info and export, on the same core as the dashboard."""

import argparse
import sys
from pathlib import Path

from hcdash import __version__, demo, export, queries
from hcdash.config import DB_ENV_VAR, resolve_db_path
from hcdash.db import connect
from hcdash.errors import HcdashError
from hcdash.migrations import schema_version
from hcdash.periods import parse_period


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except HcdashError as exc:
        print(f"hcdash: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `hcdash export | head`
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hcdash", description="Human capital dashboard for Regio Oost: data commands."
    )
    parser.add_argument("--version", action="version", version=f"hcdash {__version__}")
    parser.add_argument(
        "--db",
        help=f"database file (default: ${DB_ENV_VAR}, else data/hcdash.duckdb)",
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
    exp.add_argument("--format", choices=export.FORMATS, default=None,
                     help="default: from the file extension, else csv")  # fmt: skip
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    exp.set_defaults(run=cmd_export)
    return parser


def cmd_init(args) -> int:
    path = resolve_db_path(args.db)
    existed = path.exists()
    con = connect(path)
    try:
        print(f"{'Opened' if existed else 'Created'} {path} (schema version {schema_version(con)})")
        if args.demo:
            result = demo.load_demo(con)
            if result.upload_id is None:
                print("Demo data is already present; nothing loaded.")
            else:
                print(f"Loaded {result.rows:,} demo observations as upload {result.upload_id}.")
    finally:
        con.close()
    return 0


def cmd_info(args) -> int:
    path = resolve_db_path(args.db)
    if not path.exists():
        print(f"hcdash: error: no database at {path}; run `hcdash init --demo`", file=sys.stderr)
        return 1
    con = connect(path)
    try:
        status = queries.data_status(con)
        print(f"Database:        {path.resolve()}")
        print(f"Schema version:  {schema_version(con)}")
        print(f"Demo data:       {'yes (Voorbeelddata)' if status['demo'] else 'no'}")
        print(f"Last upload:     {status['last_upload_at'] or '-'}")
        print("\nRows per table:")
        for table, count in queries.table_counts(con).items():
            print(f"  {table:<28}{count:>12,}")
        print("\nIndicators:")
        cov = queries.coverage(con)
        print(f"  {'code':<28}{'values':>9}  {'grain':<8} {'first':<8} {'last':<8} provisional")
        for row in cov.itertuples():
            print(
                f"  {row.indicator:<28}{row.values:>9,}  {row.grain or '-':<8} "
                f"{row.first_period or '-':<8} {row.last_period or '-':<8} {row.provisional:,}"
            )
    finally:
        con.close()
    return 0


def cmd_export(args) -> int:
    path = resolve_db_path(args.db)
    if not path.exists():
        print(f"hcdash: error: no database at {path}; run `hcdash init --demo`", file=sys.stderr)
        return 1
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
    con = connect(path)
    try:
        queries.validate_filters(con, filters)
        frame = export.export_frame(con, filters)
    finally:
        con.close()
    data = export.to_bytes(frame, fmt)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"Wrote {len(frame):,} rows to {args.output} ({fmt}).", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _format_from_name(name: str | None) -> str:
    suffix = Path(name).suffix.lower().lstrip(".") if name else ""
    return suffix if suffix in export.FORMATS else "csv"


if __name__ == "__main__":
    raise SystemExit(main())
