import io

import openpyxl
import pandas as pd
import pytest

from hcdash import export

HOSTILE = pd.DataFrame(
    {
        "name": ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "gewoon", "a=b"],
        "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    }
)


def test_csv_neutralises_formulas():
    text = export.to_bytes(HOSTILE, "csv").decode()
    names = pd.read_csv(io.StringIO(text), keep_default_na=False)["name"].tolist()
    assert names == ["'=1+1", "'+31 6", "'-2", "'@SUM(A1)", "'\tx", "gewoon", "a=b"]


def test_xlsx_stores_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(export.to_bytes(HOSTILE, "xlsx")))
    cells = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert cells[0] == "'=1+1"
    assert all(not isinstance(c, str) or not c.startswith("=") for c in cells)


def test_numbers_are_untouched():
    frame = pd.DataFrame({"value": [-1.5, 2.0]})
    assert pd.read_csv(io.BytesIO(export.to_bytes(frame, "csv")))["value"].tolist() == [-1.5, 2.0]


def test_parquet_keeps_values_exactly():
    back = pd.read_parquet(io.BytesIO(export.to_bytes(HOSTILE, "parquet")))
    assert back["name"].tolist() == HOSTILE["name"].tolist()


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown export format"):
        export.to_bytes(HOSTILE, "json")
