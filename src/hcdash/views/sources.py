"""Bronnen: every indicator with its definition, source, unit, frequency, latest period, last
upload and how much of its latest period is provisional."""

import pandas as pd

from hcdash.format import timestamp
from hcdash.reference import DEFINITIONS_EN, UNITS_EN
from hcdash.views.common import Context

FREQUENCIES = {
    "nl": {"jaar": "jaar", "kwartaal": "kwartaal", "maand": "maand"},
    "en": {"jaar": "year", "kwartaal": "quarter", "maand": "month"},
}


def table(ctx: Context) -> pd.DataFrame:
    meta = ctx.reader.indicators()
    status = ctx.reader.indicator_status().set_index("indicator")
    rows = []
    for row in meta.to_dict("records"):
        state = status.loc[row["code"]] if row["code"] in status.index else None
        has_values = state is not None and pd.notna(state["last_start"])
        rows.append(
            {
                ctx.t("col.indicator"): row[f"name_{ctx.lang}"],
                "Code": row["code"],
                ctx.t("sources.col_definition"): _english(
                    ctx, DEFINITIONS_EN.get(row["code"]), row["definition"]
                ),
                ctx.t("col.source"): ctx.source(row["source"]),
                ctx.t("sources.col_unit"): _english(ctx, UNITS_EN.get(row["unit"]), row["unit"]),
                ctx.t("sources.col_frequency"): FREQUENCIES[ctx.lang].get(
                    row["frequency"], row["frequency"]
                ),
                ctx.t("sources.col_aggregation"): ctx.t(f"agg.{row['aggregation']}"),
                ctx.t("sources.col_latest"): ctx.period(state["last_start"], state["grain"])
                if has_values
                else "–",
                ctx.t("sources.col_provisional"): (
                    f"{int(state['provisional_in_last'])} / {int(state['in_last'])}"
                    if has_values
                    else "–"
                ),
                ctx.t("sources.col_upload"): (
                    f"{state['file_name']} ({timestamp(state['uploaded_at'], ctx.lang)})"
                    if has_values
                    else "–"
                ),
                ctx.t("sources.col_values"): int(state["n_values"]) if has_values else 0,
            }
        )
    return pd.DataFrame(rows)


def _english(ctx: Context, english: str | None, stored: str) -> str:
    """The English text on the English page where hcdash has one (built-in indicators); else
    the text as stored (an analyst's own indicator speaks the language it was given in)."""
    return english if ctx.lang == "en" and english else stored
