"""Exports of observations in long format: CSV, Excel and Parquet.

Columns: indicator, region, sector, period, value, provisional, source, notes (the codes of
the notes on series about the value: ``hcdash notes list`` says them). Periods use their codes
(``2024``, ``2024-Q1``, ``2024-01``) so an export can be imported again. Text that a spreadsheet
would run as a formula (starting with = + - @ or a tab/CR) is prefixed with ' in CSV and Excel.
"""

import io
from typing import BinaryIO

import duckdb
import pandas as pd

from hcdash import notes, queries
from hcdash.periods import period_code

FORMATS = ("csv", "xlsx", "parquet")
EXPORT_COLUMNS = [
    "indicator",
    "region",
    "sector",
    "period",
    "value",
    "provisional",
    "source",
    "notes",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_frame(con: duckdb.DuckDBPyConnection, filters: queries.Filters) -> pd.DataFrame:
    """Current values in long format, ordered by indicator, region, sector and period."""
    frame = queries.Reader(con).observations(filters)
    given = queries.Reader(con).upload_sources()
    own = dict(con.execute("SELECT code, source FROM indicators").fetchall())
    frame["source"] = [
        given.get(u) or own.get(i)
        for i, u in zip(frame["indicator"], frame["upload_id"], strict=True)
    ]
    frame["period"] = [
        period_code(pd.Timestamp(s).date(), g)
        for s, g in zip(frame["period_start"], frame["grain"], strict=True)
    ]
    frame["notes"] = notes.codes_for(frame, queries.Reader(con).notes())
    return frame.loc[:, EXPORT_COLUMNS]


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells that a spreadsheet would evaluate are stored as text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_neutralise)
    return out


def _neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_bytes(frame: pd.DataFrame, fmt: str, sheet_name: str = "hcdash") -> bytes:
    """Serialise ``frame`` in one of FORMATS."""
    if fmt == "csv":
        return neutralise_formulas(frame).to_csv(index=False).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "xlsx":
        neutralise_formulas(frame).to_excel(buffer, index=False, sheet_name=sheet_name)
    elif fmt == "parquet":
        frame.to_parquet(buffer, index=False)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return buffer.getvalue()


def write(frame: pd.DataFrame, fmt: str, stream: BinaryIO) -> None:
    stream.write(to_bytes(frame, fmt))
