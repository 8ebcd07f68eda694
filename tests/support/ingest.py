"""Helpers for ingest tests: a private database per test, snapshots, writing files."""

from pathlib import Path

import openpyxl

from hcdash.schema import TABLES


def snapshot(con) -> dict:
    """Every row of every table, in a stable order: equal snapshots mean an untouched database."""
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def write_xlsx(folder: Path, name: str, rows: list[list], sheet: str = "Blad1") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    path = folder / name
    book.save(path)
    return path
