"""Generate long-format indicator CSV files of a given size, valid for hcdash (for benchmarks).

Rows cycle through 1,000 synthetic indicators x the eight regions x six sectors x monthly periods
from 1900 on, so every key is unique and every value is valid. Written by DuckDB itself.
"""

import argparse
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.regions import OOST_NAMES

REGIONS = OOST_NAMES  # as the files name them
SECTORS = ["alle", "voedsel", "energie", "gezondheid", "hightech", "maakindustrie"]
INDICATORS = 1000
# How the benchmarks import such a file: beyond the upload limit, and past the plausibility
# checks' warnings (random values jump and stray far from the other regions; checking them is
# part of what is measured).
LOAD_ANYWAY = ("--max-mb", "100000", "--accept-warnings")


def write_long_csv(path: Path, rows: int, *, seed: float = 0.42) -> Path:
    """indicator;regio;sector;periode;waarde with Dutch decimals, ``rows`` data rows."""
    con = duckdb.connect()
    con.execute("SELECT setseed(?)", [seed])
    regions = "[" + ", ".join(f"'{r}'" for r in REGIONS) + "]"
    sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
    months = -(-rows // (INDICATORS * len(REGIONS) * len(SECTORS)))
    # plausible figures (``hcdash.checks``): each sector 1,000 to 11,000, all sectors 60,000
    # to 70,000, so the sectors never add up to more than their total
    con.execute(
        f"COPY (SELECT indicator, regio, sector, periode, replace(printf('%.1f',"
        f" random() * 10000 + CASE WHEN sector = '{SECTORS[0]}' THEN 60000 ELSE 1000 END),"
        f" '.', ',') AS waarde FROM (SELECT 'bench_' || (i % {INDICATORS}) AS indicator,"
        f" {regions}[1 + (i // {INDICATORS}) % 8] AS regio,"
        f" {sectors}[1 + (i // {INDICATORS * 8}) % 6] AS sector,"
        f" strftime(DATE '1900-01-01' + INTERVAL (i // {INDICATORS * 48}) MONTH, '%Y-%m')"
        f" AS periode FROM range({rows}) t(i))) TO '{path}' (DELIMITER ';', HEADER)"
    )
    assert months <= 12 * 200, "more rows than periods 1900-2099 allow"
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    write_long_csv(args.output, args.rows)


if __name__ == "__main__":
    main()


def register_bench_indicators(store) -> None:
    """The 1,000 indicators the generated files use, as known monthly counts."""
    store.write(
        lambda change: change.con.execute(
            "INSERT INTO indicators (code, name_nl, name_en, theme, unit, definition, source,"
            " frequency, aggregation, decimals, sort_order) SELECT 'bench_' || i, 'Bench ' || i,"
            " 'Bench ' || i, 'bench', 'aantal', 'benchmark', 'benchmark', 'maand', 'sum', 1,"
            f" 100 + i FROM range({INDICATORS}) t(i)"
        )
    )
