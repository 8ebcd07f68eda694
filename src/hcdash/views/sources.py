"""Bronnen: every indicator with its definition, source, unit, frequency, latest period, last
upload, how much of its latest period is provisional, whether its figures are real or demo
data, and when a refresh from its source last revised it; and the changelog of the refreshes."""

import json

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
    origins = ctx.reader.indicator_origins().set_index("indicator")
    revised = last_revisions(ctx)
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
                ctx.t("sources.col_origin"): _origin(ctx, origins, row["code"]),
                ctx.t("sources.col_revised"): revised.get(row["code"], "–"),
            }
        )
    return pd.DataFrame(rows)


def _origin(ctx: Context, origins: pd.DataFrame, code: str) -> str:
    """Real figures, demo data, or both, by the uploads the current values came from."""
    if code not in origins.index:
        return "–"
    real, demo = origins.loc[code, "real"] > 0, origins.loc[code, "demo"] > 0
    return ctx.t(
        "sources.origin_both"
        if real and demo
        else "sources.origin_demo"
        if demo
        else "sources.origin_real"
    )


def _changes(raw: str | None) -> dict:
    try:
        return json.loads(raw or "{}").get("indicators", {})
    except json.JSONDecodeError:
        return {}


def last_revisions(ctx: Context) -> dict[str, str]:
    """Per indicator: when a refresh last brought it, and what that refresh revised."""
    found = {}
    for row in ctx.reader.refresh_log().itertuples():  # newest first
        for code, change in _changes(row.changes).items():
            if code in found:
                continue
            when = ctx.date(row.uploaded_at)
            periods = change.get("revised_periods", [])
            found[code] = (
                ctx.t(
                    "sources.revised",
                    when=when,
                    count=change["changed"],
                    periods=", ".join(periods[:6]),
                )
                if change.get("changed")
                else ctx.t("sources.refreshed", when=when)
            )
    return found


def changelog(ctx: Context) -> pd.DataFrame:
    """The refreshes from public sources in force, newest first, per indicator: new, changed
    and unchanged values, the revised periods, and the largest revision."""
    rows = []
    for row in ctx.reader.refresh_log().itertuples():
        for code, change in _changes(row.changes).items():
            largest = change.get("largest")
            rows.append(
                {
                    ctx.t("changelog.when"): timestamp(row.uploaded_at, ctx.lang),
                    ctx.t("changelog.upload"): int(row.id),
                    ctx.t("changelog.tables"): row.tables,
                    ctx.t("col.indicator"): ctx.indicator_name(code),
                    ctx.t("changelog.new"): change["new"],
                    ctx.t("changelog.changed"): change["changed"],
                    ctx.t("changelog.unchanged"): change["unchanged"],
                    ctx.t("changelog.periods"): ", ".join(change.get("revised_periods", [])) or "–",
                    ctx.t("changelog.largest"): (
                        ctx.t(
                            "changelog.largest_text",
                            region=ctx.region_names.get(largest["region"], largest["region"]),
                            period=largest["period"],
                            old=ctx.number(largest["from"], 2),
                            new=ctx.number(largest["to"], 2),
                        )
                        if largest
                        else "–"
                    ),
                }
            )
    return pd.DataFrame(rows)


def notes(ctx: Context) -> pd.DataFrame:
    """The notes on series in force (as pinned): kind, what they are about, when, the text in
    the page's language, and the source."""
    every = ctx.t("notes.every")
    rows = []
    for note in ctx.reader.notes().itertuples():
        start, end = (
            "" if pd.isna(v) else ctx.date(pd.Timestamp(v).date())
            for v in (note.period_start, note.period_end)
        )
        rows.append(
            {
                ctx.t("notes.col_kind"): ctx.t(f"notes.kind_{note.kind}"),
                ctx.t("col.indicator"): (
                    every if pd.isna(note.indicator) else ctx.indicator_name(note.indicator)
                ),
                ctx.t("col.region"): (
                    every
                    if pd.isna(note.region)
                    else ctx.region_names.get(note.region, note.region)
                ),
                ctx.t("notes.col_from"): start or "–",
                ctx.t("notes.col_to"): end or "–",
                ctx.t("notes.col_text"): note.text_nl if ctx.lang == "nl" else note.text_en,
                ctx.t("col.source"): note.source,
            }
        )
    return pd.DataFrame(rows)


def _english(ctx: Context, english: str | None, stored: str) -> str:
    """The English text on the English page where hcdash has one (built-in indicators); else
    the text as stored (an analyst's own indicator speaks the language it was given in)."""
    return english if ctx.lang == "en" and english else stored
