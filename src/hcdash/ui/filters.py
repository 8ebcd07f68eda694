"""Filter widgets the pages share: regions, sector, year range, region, quarter."""

import pandas as pd
import streamlit as st

from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.views.common import Context

FIRST_YEAR = 2015


def regions(ctx: Context, *, key: str) -> list[str]:
    """Arbeidsmarktregio's to show; all eight by default."""
    options = list(ctx.reader.member_regions("regio-oost"))
    return st.multiselect(
        ctx.t("filter.regions"), options, default=options, format_func=ctx.region_names.get, key=key
    )


def region(ctx: Context, *, key: str, default: str = "twente") -> str:
    options = list(ctx.reader.member_regions("regio-oost"))
    return st.selectbox(
        ctx.t("filter.region"), options, index=options.index(default),
        format_func=ctx.region_names.get, key=key,
    )  # fmt: skip


def sector(ctx: Context, *, key: str, default: str = "alle") -> str:
    slugs = list(ctx.sector_names)
    return st.selectbox(
        ctx.t("filter.sector"), slugs, index=slugs.index(default),
        format_func=ctx.sector_names.get, key=key,
    )  # fmt: skip


def years(ctx: Context, *, key: str, last: int) -> Filters:
    """A range of years; the answer is a Filters with only the period bounds set."""
    options = list(range(FIRST_YEAR, last + 1))
    start, end = st.select_slider(
        ctx.t("filter.years"), options, value=(options[0], options[-1]), key=key
    )
    return Filters(period_from=Period.year(start), period_to=Period.year(end))


def quarter(ctx: Context, quarters: list, *, key: str):
    """One quarter, newest first."""
    return st.selectbox(
        ctx.t("filter.quarter"), quarters,
        format_func=lambda q: ctx.period(pd.Timestamp(q), "quarter"), key=key,
    )  # fmt: skip
