"""Rendering of core view objects (headlines, facts) with streamlit."""

import streamlit as st

from hcdash.views.common import Context
from hcdash.views.overview import Headline


def headlines(items: list[Headline], ctx: Context) -> None:
    columns = st.columns(len(items)) if items else []
    for column, item in zip(columns, items, strict=True):
        with column:
            st.metric(
                item.label,
                item.value,
                # streamlit reads the direction from an ASCII minus; we format with a real one
                delta=item.delta.replace("−", "-") if item.delta else None,
                delta_color=item.delta_color,
                delta_arrow="auto" if item.delta_arrow else "off",
                help=item.note or None,
                border=True,
            )
            mark = f" · {ctx.t('overview.provisional')}" if item.provisional else ""
            st.caption(f"{item.period}{mark}")
            if item.trend:
                st.caption(item.trend)


def facts(items) -> None:
    """Label/value pairs with an optional note, side by side."""
    columns = st.columns(len(items)) if items else []
    for column, item in zip(columns, items, strict=True):
        with column:
            st.metric(item.label, item.value, border=True)
            if item.note:
                st.caption(item.note)
