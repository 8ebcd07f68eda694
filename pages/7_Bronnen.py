"""Bronnen: every indicator with definition, source, unit, frequency and how recent it is."""

import streamlit as st

from hcdash.ui import frame
from hcdash.views import sources
from hcdash.views.common import display_table

with frame.page("sources") as (ctx, url):
    table = sources.table(ctx)
    st.dataframe(display_table(table, ctx.lang), hide_index=True)
    frame.downloads(table, "bronnen")
