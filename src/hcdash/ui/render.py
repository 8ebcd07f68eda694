"""Rendering of core view objects (headlines, chart views) with streamlit."""

import streamlit as st

from hcdash.ui import frame
from hcdash.views.common import ChartView
from hcdash.views.overview import Headline


def headlines(items: list[Headline]) -> None:
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
                chart_data=item.trend or None,
                chart_type="line",
            )
            mark = " · voorlopig" if item.provisional else ""
            st.caption(f"{item.period}{mark}")


def chart_view(view: ChartView | None, empty_message: str) -> None:
    if view is None:
        frame.empty(empty_message)
        return
    frame.chart(
        view.figure,
        view.table,
        key=view.key,
        source=view.source,
        value_name=view.value_name,
        decimals=view.decimals,
    )
