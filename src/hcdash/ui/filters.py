"""Filter widgets the pages share. Their values come from the page's link state (seeded into
session state by ``UrlState``), so no widget sets a default of its own here."""

import streamlit as st

from hcdash.periods import Period, parse_period
from hcdash.queries import Filters
from hcdash.ui.urlstate import UrlState
from hcdash.views.common import Context


def regions(ctx: Context, url: UrlState, name: str = "regio") -> list[str]:
    """Arbeidsmarktregio's to show (the link's ``regio``)."""
    return st.multiselect(
        ctx.t("filter.regions"),
        url.allowed["regions"],
        format_func=ctx.region_names.get,
        key=url.key(name),
    )


def region(ctx: Context, url: UrlState, name: str = "regio") -> str:
    return st.selectbox(
        ctx.t("filter.region"),
        url.allowed["regions"],
        format_func=ctx.region_names.get,
        key=url.key(name),
    )


def sector(ctx: Context, url: UrlState, name: str = "sector") -> str:
    return st.selectbox(
        ctx.t("filter.sector"),
        url.allowed["sectors"],
        format_func=ctx.sector_names.get,
        key=url.key(name),
    )


def years(ctx: Context, url: UrlState, name: str = "jaren") -> Filters:
    """A range of years; the answer is a Filters with only the period bounds set. With figures
    of one year only, there is nothing to choose: no slider."""
    first, last = url.allowed["years"]
    if first == last:
        return Filters(period_from=Period.year(first), period_to=Period.year(last))
    # A (start, end) value makes it a range slider; the link state decides the actual value.
    start, end = st.select_slider(
        ctx.t("filter.years"),
        list(range(first, last + 1)),
        value=(first, last),
        key=url.key(name),
    )
    return Filters(period_from=Period.year(start), period_to=Period.year(end))


def quarter(ctx: Context, url: UrlState, name: str = "kwartaal") -> Period | None:
    """One quarter of the heatmap, newest first (the link's ``kwartaal``, e.g. 2026-Q3); None,
    and no widget, when no quarter has figures."""
    if not url.allowed["quarters"]:
        return None
    code = st.selectbox(
        ctx.t("filter.quarter"),
        url.allowed["quarters"],
        format_func=lambda c: (
            parse_period(c).label
            if ctx.lang == "nl"
            else ctx.period(parse_period(c).start, "quarter")
        ),
        key=url.key(name),
    )
    return parse_period(code) if code else None


def choice(label: str, url: UrlState, name: str, options: str, format_func=str):
    """One of a few fixed options as a segmented control (level, view)."""
    return st.segmented_control(
        label, url.allowed[options], required=True, format_func=format_func, key=url.key(name)
    )
