"""Data page: what the preview and the upload history look like as tables, in the page's
language (texts in ``i18n.data``, numbers in its format)."""

import pandas as pd
from pandas.io.formats.style import Styler

from hcdash import notes_file, register
from hcdash.checks import Finding, Names
from hcdash.format import number, timestamp
from hcdash.i18n import t
from hcdash.ingest.model import Preview
from hcdash.views.common import display_table


def layout_names(lang: str) -> dict[str, str]:
    """Each layout's name: ``long`` -> "lang (één rij per waarde)"."""
    return {  # the keys of ingest.model.LAYOUTS
        "long": t("preview.layout_long", lang),
        "wide-period": t("preview.layout_wide_period", lang),
        "wide-indicator": t("preview.layout_wide_indicator", lang),
    }


def _delimiter(delimiter: str | None, lang: str) -> str:
    names = {
        ";": t("preview.semicolon", lang),
        ",": t("preview.comma", lang),
        "\t": t("preview.tab", lang),
        None: "–",
    }
    return names.get(delimiter, delimiter)


def preview_facts(preview: Preview, lang: str) -> list[tuple[str, str]]:
    """What was detected and found, as (label, text) pairs."""
    decimal = t(
        "preview.decimal_comma" if preview.decimal == "," else "preview.decimal_point", lang
    )
    found = t(
        "preview.values_found",
        lang,
        found=number(preview.values_found, 0, lang),
        empty=number(preview.values_empty, 0, lang),
    )
    return [
        (t("preview.layout", lang), layout_names(lang)[preview.layout]),
        (t("preview.encoding", lang), preview.encoding if preview.encoding != "xlsx" else "Excel"),
        (t("preview.delimiter", lang), _delimiter(preview.delimiter, lang)),
        (t("preview.decimal", lang), f"{decimal} — {preview.decimal_reason.text(lang)}"),
        (t("preview.rows", lang), number(preview.rows_read, 0, lang)),
        (t("preview.values", lang), found),
    ]


def problems_table(problems, lang: str) -> pd.DataFrame:
    """Problems as a table: row (as in Excel), column, value, what is wrong (in ``lang``)."""
    return pd.DataFrame(
        [(p.row, p.column, p.value, p.text(lang)) for p in problems],
        columns=[
            t("preview.row", lang),
            t("preview.column", lang),
            t("preview.value", lang),
            t("preview.problem", lang),
        ],
    )


def findings_table(findings: list[Finding], lang: str) -> pd.DataFrame:
    """What the plausibility checks found: row (as in Excel), column, value as written, the
    check, and the figure the value contradicts (in ``lang``)."""
    return pd.DataFrame(
        [(f.row, f.column, f.raw, f.title(lang), f.text(lang)) for f in findings],
        columns=[
            t("preview.row", lang),
            t("preview.column", lang),
            t("preview.value", lang),
            t("preview.check", lang),
            t("preview.contradicts", lang),
        ],
    )


def warnings_table(warnings: pd.DataFrame, names: Names, lang: str) -> Styler:
    """The warnings uploads were loaded with (``Reader.upload_warnings``): the upload, then as
    ``findings_table``."""
    findings = [Finding.of(row, names) for row in warnings.to_dict("records")]
    table = findings_table(findings, lang)
    table.insert(0, t("history.number", lang), warnings["upload_id"].to_numpy())
    return display_table(table, lang, names=[t("history.number", lang), t("preview.row", lang)])


def first_rows_table(preview: Preview, lang: str) -> Styler:
    """The first values as read (the file's text) and as understood (the number, in the page's
    format)."""
    frame = preview.first_rows.copy()
    frame["voorlopig"] = frame["voorlopig"].map({True: t("yes", lang), False: t("no", lang)})
    renamed = frame.rename(
        columns={
            "rij": t("preview.row", lang),
            "kolom": t("preview.column", lang),
            "indicator": t("col.indicator", lang),
            "regio": t("col.region", lang),
            "sector": t("col.sector", lang),
            "periode": t("col.period", lang),
            "waarde": t("preview.value_in_file", lang),
            "getal": t("preview.number", lang),
            "voorlopig": t("col.provisional", lang),
        }
    )
    return display_table(renamed, lang, names=[t("preview.row", lang)])


def register_table(records: pd.DataFrame, lang: str) -> Styler:
    """The records of a register file as read, under the column names of the file format."""
    named = {field for _table, columns in register.KINDS.values() for field in columns.values()}
    headers = {c: t(f"register.field_{c}", lang) for c in records.columns if c in named}
    return display_table(
        records.rename(columns=headers),
        lang,
        names=[headers.get("start_year"), headers.get("end_year")],
    )


def notes_file_table(records: pd.DataFrame, lang: str) -> Styler:
    """The notes of a notes file as read, under the column names of the file format."""
    return display_table(records.rename(columns=notes_file.WRITTEN), lang)


def uploads_table(uploads: pd.DataFrame, lang: str) -> Styler:
    status = {
        "loaded": t("history.status_loaded", lang),
        "rolled_back": t("history.status_rolled_back", lang),
    }
    table = pd.DataFrame(
        {
            t("history.number", lang): uploads["id"],
            t("history.time", lang): [timestamp(v, lang) for v in uploads["uploaded_at"]],
            t("history.file", lang): uploads["file_name"],
            t("history.author", lang): uploads["author"],
            t("history.loaded", lang): uploads["rows_loaded"],
            t("history.rejected", lang): uploads["rows_rejected"],
            t("history.warnings", lang): uploads["warnings"],
            t("history.status", lang): uploads["status"].map(status),
        }
    )
    return display_table(table, lang, names=[t("history.number", lang)])
