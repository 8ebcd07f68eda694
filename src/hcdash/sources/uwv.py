"""UWV's spanningsindicator: a template, because UWV publishes its tables per arbeidsmarktregio
and quarter on its website (arbeidsmarktinformatie) but offers no machine-readable download
that could be confirmed.

The template follows UWV's published table: per arbeidsmarktregio (name or CBS code), quarter
and sector, the open vacancies, the WW benefits shorter than six months, and the
spanningsindicator UWV computed from them. It is the ``wide-indicator`` layout every file import
reads (docs/reference.md), so the same checks apply; the spanningsindicator's bands are the
stored ones (UWV's: zeer ruim < 0.25 ... zeer krap > 4.0). An analyst copies UWV's figures into
it, keeps it in ``$HCDASH_UWV_DIR`` (or a recording's ``uwv`` files), and ``hcdash refresh
--source uwv`` loads it; or uploads it on the Data page.
"""

import io
import os
from pathlib import Path

import openpyxl

from hcdash.ingest.model import Options
from hcdash.vocabulary import TOTAL_SECTOR

TITLE = "UWV, spanningsindicator per arbeidsmarktregio en kwartaal (sjabloon)"
INDICATORS = ("vacatures", "ww_kort", "spanningsindicator")
FOLDER_ENV_VAR = "HCDASH_UWV_DIR"
SUFFIXES = (".csv", ".xlsx")
OPTIONS = Options(layout="wide-indicator", source="UWV, spanningsindicator (sjabloon)")

HEADER = ("periode", "regio", "sector", "vacatures", "ww_kort", "spanningsindicator")
# Example rows: how UWV's table is copied (the figures are an example, not UWV's).
EXAMPLE = (
    ("2026 K3", "Twente", TOTAL_SECTOR, 3120, 1650, 1.89),
    ("2026 K3", "AM05", "energie", 410, 95, 4.32),
)


def template_csv() -> bytes:
    """The template as CSV: semicolons and a decimal comma, UTF-8 with a BOM (Excel)."""
    lines = [";".join(HEADER)]
    for row in EXAMPLE:
        lines.append(";".join(str(v).replace(".", ",") for v in row))
    return "\ufeff".encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def template_xlsx() -> bytes:
    """The template as an Excel workbook with one sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "spanningsindicator"
    sheet.append(list(HEADER))
    for row in EXAMPLE:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def folder_files() -> list[Path]:
    """The filled-in templates in ``$HCDASH_UWV_DIR`` (none when it is not set)."""
    folder = os.environ.get(FOLDER_ENV_VAR)
    if not folder:
        return []
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES)
