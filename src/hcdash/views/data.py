"""Data page: what the preview and the upload history look like as tables (Dutch headers)."""

import pandas as pd

from hcdash.format import number, timestamp
from hcdash.ingest.model import Preview

LAYOUT_NAMES = {
    "long": "lang (één rij per waarde)",
    "wide-period": "breed per periode",
    "wide-indicator": "breed per indicator (StatLine)",
}
STATUS_NAMES = {"loaded": "geladen", "rolled_back": "teruggedraaid"}
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab", None: "–"}


def preview_facts(preview: Preview) -> list[tuple[str, str]]:
    """What was detected and found, as (label, text) pairs."""
    decimal = "komma (1.234,5)" if preview.decimal == "," else "punt (1,234.5)"
    return [
        ("Indeling", LAYOUT_NAMES[preview.layout]),
        ("Tekenset", preview.encoding if preview.encoding != "xlsx" else "Excel"),
        ("Scheidingsteken", DELIMITER_NAMES.get(preview.delimiter, preview.delimiter)),
        ("Decimaalteken", f"{decimal} — {preview.decimal_reason}"),
        ("Rijen onder de kop", number(preview.rows_read)),
        (
            "Waarden",
            f"{number(preview.values_found)} (lege cellen en '.': {number(preview.values_empty)})",
        ),
    ]


def problems_table(problems) -> pd.DataFrame:
    """Problems as a table: row (as in Excel), column, value, what is wrong."""
    return pd.DataFrame(
        [(p.row, p.column, p.value, p.message) for p in problems],
        columns=["Rij", "Kolom", "Waarde", "Probleem"],
    )


def first_rows_table(preview: Preview) -> pd.DataFrame:
    frame = preview.first_rows.rename(
        columns={
            "rij": "Rij",
            "kolom": "Kolom",
            "indicator": "Indicator",
            "regio": "Regio",
            "sector": "Sector",
            "periode": "Periode",
            "waarde": "Waarde (bestand)",
            "getal": "Getal",
            "voorlopig": "Voorlopig",
        }
    )
    frame["Voorlopig"] = frame["Voorlopig"].map({True: "ja", False: "nee"})
    return frame


def uploads_table(uploads: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Nr": uploads["id"],
            "Tijdstip": [timestamp(t) for t in uploads["uploaded_at"]],
            "Bestand": uploads["file_name"],
            "Door": uploads["author"],
            "Geladen": [number(v) for v in uploads["rows_loaded"]],
            "Afgewezen": [number(v) for v in uploads["rows_rejected"]],
            "Status": uploads["status"].map(STATUS_NAMES),
        }
    )
